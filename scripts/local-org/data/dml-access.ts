/**
 * The access checks of a DML operation (data/dml.ts): object and field permissions in user mode, record access through
 * sharing in user mode and under `with sharing` (data/access.ts).
 */
import type { ApexSObject } from '../values/values.ts';
import type { FieldDescribe, SObjectDescribe } from '../schema/schema.ts';
import {
  enforcesSharing,
  fieldPermissions,
  objectPermissions,
  recordAccess,
  userAccess,
  type UserAccess
} from './access.ts';
import type { DmlError, DmlOptions } from './dml-types.ts';
import type { DataHost } from './host.ts';
import type { Row } from './store.ts';

/** Who the operation's access checks apply to: object/field permissions in user mode, sharing in either. */
export interface AccessCheck {
  ua: UserAccess;
  userMode: boolean;
  sharing: boolean;
}

export function accessCheck(it: DataHost, opts: DmlOptions): AccessCheck | undefined {
  const userMode = opts.accessLevel === 'user';
  // System mode skips object and field permissions, not sharing: "if you set the operation to system mode, the sharing
  // keyword on the calling class determines whether the operation respects the user's record-level permissions" (Apex
  // Developer Guide "Set an Access Mode for Database Operations").
  const sharing = userMode || enforcesSharing(it);
  return userMode || sharing ? { ua: userAccess(it), userMode, sharing } : undefined;
}

export const NO_ACCESS: DmlError = {
  statusCode: 'INSUFFICIENT_ACCESS_OR_READONLY',
  message: 'insufficient access rights on object id',
  fields: []
};

/** The access error of one record of a save, if any. */
export function saveAccessError(
  it: DataHost,
  check: AccessCheck,
  type: SObjectDescribe,
  rec: ApexSObject,
  create: boolean,
  row: Row | undefined
): DmlError | undefined {
  if (check.userMode) {
    const obj = objectPermissions(check.ua, type);
    if (!(create ? obj.allowCreate : obj.allowEdit)) {
      return NO_ACCESS;
    }
    const denied = [...rec.fields.keys()]
      .map((k) => type.fields.get(k))
      .filter((f): f is FieldDescribe => f !== undefined && !f.readOnly && f.name !== 'Id')
      .filter((f) => !fieldPermissions(check.ua, type, f).editable)
      .map((f) => f.name);
    if (denied.length > 0) {
      return {
        statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
        message: `Unable to create/update fields: ${denied.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
        fields: denied
      };
    }
  }
  if (!create && row && check.sharing && recordAccess(it, check.ua, type, row) !== 'edit') {
    return NO_ACCESS;
  }
  return undefined;
}
