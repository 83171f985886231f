/**
 * The time zone Apex works in: the running user's (User.TimeZoneSidKey). Datetime's local-time methods, format(),
 * Date.today(), String.valueOf(Datetime) and SOQL date literals use "the local time zone of the context user" (Apex
 * Reference Guide, "Datetime Class"), so under System.runAs the user run as decides. The org's default time zone
 * (Organization.TimeZoneSidKey) is RuntimeOptions.timeZone; the seeded users take RuntimeOptions.userTimeZone, or
 * the org's when absent (data/seed.ts), as users created in Setup start with the org's default.
 */
import type { DataContext } from './host.ts';

/** The running user's TimeZoneSidKey; the org's default time zone when there is no running user record. */
export function userTimeZone(ctx: DataContext): string {
  const id = ctx.runningUserId;
  const zone = id ? ctx.store?.get(id)?.get('timezonesidkey') : undefined;
  return typeof zone === 'string' && zone !== '' ? zone : ctx.options.timeZone;
}
