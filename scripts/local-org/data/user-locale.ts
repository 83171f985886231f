/**
 * The running user's locale (User.LocaleSidKey; under System.runAs the user run as): what String comparison
 * (data/collation.ts) and the week of SOQL's week date literals (data/soql-values.ts) depend on. Without a user
 * record, ja_JP, the seeded default (data/seed.ts).
 */
import type { DataContext } from './host.ts';

/** The running user's LocaleSidKey as a BCP 47 tag (ja_JP → ja-JP). */
export function userLocale(ctx: DataContext): string {
  const id = ctx.runningUserId;
  const key = id ? ctx.store?.get(id)?.get('localesidkey') : undefined;
  return typeof key === 'string' && key !== '' ? key.replace(/_/g, '-') : 'ja-JP';
}

/**
 * The first day of the week in the running user's locale, 0 = Sunday … 6 = Saturday (SOQL and SOSL Reference "Date
 * Formats and Date Literals in WHERE": "Your locale determines the first day of the week"), from CLDR's week data
 * (Intl.Locale weekInfo); Sunday where the JavaScript engine has none.
 */
export function firstDayOfWeek(ctx: DataContext): number {
  const locale = new Intl.Locale(userLocale(ctx)) as Intl.Locale & {
    weekInfo?: { firstDay: number };
    getWeekInfo?: () => { firstDay: number };
  };
  const info = locale.getWeekInfo?.() ?? locale.weekInfo;
  return (info?.firstDay ?? 7) % 7;
}
