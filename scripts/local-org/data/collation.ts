/**
 * String order for Apex's `<`, `>`, `<=`, `>=` (Apex Developer Guide "Expression Operators": "The comparison of two
 * strings is performed according to the locale of the context user and is case-insensitive"): the running user's
 * LocaleSidKey decides, as under System.runAs. The collation is ICU's for that locale (Intl.Collator), differing in
 * case only counting as equal; that it matches the platform's collation tables beyond letters and digits is
 * unverified. Ids reach here as strings: Ids differing only in case compare as equal (unverified).
 */
import type { DataContext } from './host.ts';
import { userLocale } from './user-locale.ts';

const collators = new Map<string, Intl.Collator>();

/** Negative, zero or positive as `a` sorts before, with or after `b` for the running user. */
export function collate(ctx: DataContext, a: string, b: string): number {
  const locale = userLocale(ctx);
  let collator = collators.get(locale);
  if (!collator) {
    collator = new Intl.Collator(Intl.Collator.supportedLocalesOf([locale]).length > 0 ? locale : 'en-US', {
      sensitivity: 'accent'
    });
    collators.set(locale, collator);
  }
  return collator.compare(a, b);
}
