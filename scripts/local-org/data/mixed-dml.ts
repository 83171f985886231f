/**
 * Mixed DML (Apex Developer Guide, "sObjects That Can't Be Used Together in DML Operations"): "DML operations on
 * certain sObjects, sometimes referred to as setup objects, can't be mixed with DML on non-setup sObjects in the same
 * transaction." The refused statement fails every one of its records with MIXED_DML_OPERATION, "DML operation on
 * setup object is not permitted after you have updated a non-setup object (or vice versa): <object>, original object:
 * <object>" (the platform's wording as users report it; the guide does not quote it).
 *
 * - Setup objects: the guide's list (SETUP_OBJECTS); it says the list "is not an exhaustive list", so an object
 *   missing here is treated as non-setup — lenient, and said so in the runtime README.
 * - User: "You can insert a user in a transaction with other sObjects … if UserRoleId is specified as null"; "You can
 *   update a user … if the following fields are not also updated: UserRoleId, IsActive, ForecastEnabled,
 *   IsPortalEnabled, Username, ProfileId" (same page).
 * - Group: the guide lists it with "Insert and update operations are allowed with other sObjects" — its delete is
 *   setup DML. Such allowed setup DML mixes with either kind ('either').
 * - Custom settings are ordinary (non-setup) objects here: unverified in the current guide.
 * - Tests: "Test methods allow for performing mixed Data Manipulation Language (DML) operations that include both
 *   setup sObjects and other sObjects if the code that performs the DML operations is enclosed within System.runAs
 *   method blocks" (Apex Developer Guide "Mixed DML Operations in Test Methods"). Each System.runAs block is its own
 *   scope here: what it writes does not count outside it and what was written before it does not count inside it (the
 *   documented patterns: setup DML inside runAs after or before ordinary DML outside it). Asynchronous jobs are
 *   transactions of their own.
 */
import type { ApexSObject } from '../values/values.ts';
import type { SObjectDescribe } from '../schema/schema.ts';
import type { DmlError, DmlKind } from './dml-types.ts';
import type { Row } from './store.ts';

export const SETUP_OBJECTS: ReadonlySet<string> = new Set(
  [
    'AuthSession',
    'ContentWorkspace',
    'FieldPermissions',
    'ForecastingShare',
    'Group',
    'GroupMember',
    'ObjectPermissions',
    'ObjectTerritory2AssignmentRule',
    'ObjectTerritory2AssignmentRuleItem',
    'PermissionSet',
    'PermissionSetAssignment',
    'QueueSObject',
    'RuleTerritory2Association',
    'SetupEntityAccess',
    'Territory',
    'Territory2',
    'Territory2Model',
    'User',
    'UserRole',
    'UserTerritory',
    'UserTerritory2Association'
  ].map((n) => n.toLowerCase())
);

/** User fields whose update makes a User update setup DML (see the file comment). */
const USER_SETUP_FIELDS = ['userroleid', 'isactive', 'forecastenabled', 'isportalenabled', 'username', 'profileid'];

/** The objects of the two kinds a transaction (or a System.runAs block) has written so far: the first of each. */
export interface MixedDmlScope {
  setup?: string;
  other?: string;
}

/**
 * The kind of this DML on `type`: 'setup', 'other', or 'either' for the setup DML the guide allows beside other
 * sObjects (a User insert without a role, a User update that leaves the listed fields alone, a Group insert or update).
 * `existing` gives the stored row of an updated record.
 */
export function dmlKind(
  type: SObjectDescribe,
  op: DmlKind,
  records: readonly ApexSObject[],
  existing: (id: string) => Row | undefined
): MixedDmlKind {
  const key = type.name.toLowerCase();
  if (!SETUP_OBJECTS.has(key)) {
    return 'other';
  }
  if (op === 'delete' || op === 'undelete' || (key !== 'user' && key !== 'group')) {
    return 'setup';
  }
  if (key === 'group') {
    return 'either';
  }
  const setup = records.some((rec) => {
    const row = rec.id === null ? undefined : existing(rec.id);
    if (!row) {
      // An insert (or an upsert that creates): setup DML only with a role.
      return (rec.fields.get('userroleid') ?? null) !== null;
    }
    return USER_SETUP_FIELDS.some((f) => rec.fields.has(f) && (rec.fields.get(f) ?? null) !== (row.get(f) ?? null));
  });
  return setup ? 'setup' : 'either';
}

export type MixedDmlKind = 'setup' | 'other' | 'either';

/**
 * Records this DML in the scope and returns the error every record of the statement fails with when it mixes setup
 * and non-setup DML; undefined when it may run.
 */
export function checkMixedDml(scope: MixedDmlScope, type: SObjectDescribe, kind: MixedDmlKind): DmlError | undefined {
  if (kind === 'either') {
    return undefined;
  }
  const original = kind === 'setup' ? scope.other : scope.setup;
  if (original !== undefined) {
    return {
      statusCode: 'MIXED_DML_OPERATION',
      message: `DML operation on setup object is not permitted after you have updated a non-setup object (or vice versa): ${type.name}, original object: ${original}`,
      fields: []
    };
  }
  if (kind === 'setup') {
    scope.setup ??= type.name;
  } else {
    scope.other ??= type.name;
  }
  return undefined;
}
