/**
 * String order for Apex's `<`, `>`, `<=`, `>=` (Apex Developer Guide "Expression Operators": "The comparison of two
 * strings is performed according to the locale of the context user and is case-insensitive"): the running user's
 * LocaleSidKey decides, as under System.runAs. The collation is ICU's for that locale (Intl.Collator), differing in
 * case only counting as equal; that it matches the platform's collation tables beyond letters and digits is
 * unverified. Ids reach here as strings: Ids differing only in case compare as equal (unverified).
 */
import type { DataContext } from './host.ts';

/** The running user's LocaleSidKey as a BCP 47 tag (ja_JP → ja-JP); ja-JP, the seeded default, without a user. */
export function userLocale(ctx: DataContext): string {
  const id = ctx.runningUserId;
  const key = id ? ctx.store?.get(id)?.get('localesidkey') : undefined;
  return typeof key === 'string' && key !== '' ? key.replace(/_/g, '-') : 'ja-JP';
}

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
