/**
 * What a `Database.DMLOptions` passed to `Database.insert`/`Database.update` does (Apex Developer Guide "Setting DML
 * Options", Apex Reference Guide "DMLOptions Class"; the class itself is interpreter/system-classes.ts):
 * - `optAllOrNone`: "whether the operation allows for partial success"; true rolls everything back on an error, and
 *   the default (unset) is false — successfully processed records are committed;
 * - `allowFieldTruncation`: true truncates strings that are too long for their field (the API 14.0 behaviour)
 *   instead of failing with STRING_TOO_LONG. The record passed in is truncated in place (whether the caller's
 *   in-memory record keeps the long value on the platform is **unverified**);
 * - assignment rules, duplicate rules, automatic emails and `localeOptions` (the language of returned labels) are not
 *   modelled: setting any of them is a RuntimeGap when the DML runs, rather than an option silently ignored.
 */
import type { Pos } from '../ast/nodes.ts';
import { RuntimeGap } from '../values/errors.ts';
import { ApexObject, ApexSObject, type Value } from '../values/values.ts';

export const DML_OPTIONS_CLASS = 'Database.DMLOptions';

/** Whether `v` is a Database.DMLOptions instance. */
export function isDmlOptions(v: Value | undefined): v is ApexObject {
  return v instanceof ApexObject && v.cls.fullName === DML_OPTIONS_CLASS;
}

const field = (o: Value | undefined, name: string): Value =>
  o instanceof ApexObject ? (o.fields.get(name.toLowerCase()) ?? null) : null;

/** Refuses the options the runtime does not model; they would change what the DML does on the platform. */
function refuseUnmodelled(options: ApexObject, pos: Pos): void {
  const assignment = field(options, 'assignmentRuleHeader');
  const duplicate = field(options, 'duplicateRuleHeader');
  const email = field(options, 'emailHeader');
  const unmodelled: [string, boolean][] = [
    [
      'assignmentRuleHeader (assignment rules)',
      field(assignment, 'useDefaultRule') === true || field(assignment, 'assignmentRuleId') !== null
    ],
    [
      'duplicateRuleHeader (duplicate rules)',
      field(duplicate, 'allowSave') === true || field(duplicate, 'runAsCurrentUser') === true
    ],
    [
      'emailHeader (automatic emails)',
      ['triggerAutoResponseEmail', 'triggerOtherEmail', 'triggerUserEmail'].some((f) => field(email, f) === true)
    ],
    ['localeOptions (label language)', field(options, 'localeOptions') !== null]
  ];
  const set = unmodelled.filter(([, on]) => on).map(([name]) => name);
  if (set.length > 0) {
    throw new RuntimeGap(`Database.DMLOptions ${set.join(', ')} is not modelled by the local org runtime`, pos);
  }
}

/** Cuts string fields longer than their field's length (text kinds; multi-select picklists are left to validation). */
function truncate(records: ApexSObject[]): void {
  for (const rec of records) {
    for (const [key, value] of [...rec.fields]) {
      const f = rec.type.fields.get(key);
      if (
        f &&
        typeof value === 'string' &&
        f.apexType === 'String' &&
        f.display !== 'MULTIPICKLIST' &&
        f.length > 0 &&
        value.length > f.length
      ) {
        rec.set(f.name, value.slice(0, f.length));
      }
    }
  }
}

/** Applies the options to the records about to be saved; returns the operation's allOrNone. */
export function applyDmlOptions(options: ApexObject, records: ApexSObject[], pos: Pos): boolean {
  refuseUnmodelled(options, pos);
  if (field(options, 'allowFieldTruncation') === true) {
    truncate(records);
  }
  return field(options, 'optAllOrNone') === true;
}
