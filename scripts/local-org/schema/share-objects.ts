/**
 * Share objects of custom objects (Apex Developer Guide "Understanding Sharing" / "Sharing a Record Using Apex"; Object
 * Reference "Custom Object Share"): an object whose org-wide default is Private or Public Read Only has `X__Share`, one
 * row per grant, with ParentId (the record), UserOrGroupId (the user or group given access), AccessLevel (Read, Edit;
 * All is the owner's) and RowCause (why: Manual when not set, or an Apex sharing reason `Reason__c` from the object's
 * `sharingReasons/`). In Apex `Schema.X__Share.RowCause.Reason__c` is that reason's name (stdlib/sobjects.ts).
 * data/access.ts grants Read/Edit to the share's user; shares to groups are not modelled (groups have no members
 * here), nor are the sharing recalculation and the deletion of Manual shares when the owner changes.
 */
import type { DisplayType } from './standard-fields.ts';
import type { FieldDescribe, PicklistEntry, SObjectDescribe } from './schema.ts';

/** The platform's own row causes of a custom object share (Object Reference "Custom Object Share": RowCause). */
const STANDARD_ROW_CAUSES = ['Owner', 'Manual', 'Rule', 'ImplicitChild', 'ImplicitParent', 'Team', 'Territory'];

/** Whether an object with this org-wide default has a share object. */
export const hasShareObject = (sharingModel: string | undefined): boolean =>
  sharingModel === 'Private' || sharingModel === 'Read';

/** `Log__c` → `Log__Share`; undefined for a name that is not a custom object's share. */
export function shareParentName(shareKey: string): string | undefined {
  return shareKey.toLowerCase().endsWith('__share') ? `${shareKey.slice(0, -'__share'.length)}__c` : undefined;
}

const picklist = (values: string[], defaultValue?: string): PicklistEntry[] =>
  values.map((value) => ({ value, label: value, isDefault: value === defaultValue }));

/**
 * The describe of `parent`'s share object. `field` makes a FieldDescribe (schema.ts); `reasons` are the object's Apex
 * sharing reasons.
 */
export function buildShareObject(
  parent: SObjectDescribe,
  reasons: string[],
  keyPrefix: string,
  field: (name: string, apexType: 'Id' | 'String' | 'Boolean' | 'Datetime', display: DisplayType) => FieldDescribe
): SObjectDescribe {
  const name = parent.name.replace(/__c$/i, '__Share');
  const d: SObjectDescribe = {
    name,
    label: `${parent.label} Share`,
    labelPlural: `${parent.label} Share`,
    keyPrefix,
    custom: true,
    fields: new Map(),
    relationships: new Map(),
    children: new Map()
  };
  const add = (f: FieldDescribe, relationship?: string): void => {
    d.fields.set(f.name.toLowerCase(), f);
    if (relationship) {
      f.relationshipName = relationship;
      d.relationships.set(relationship.toLowerCase(), f);
    }
  };
  add(field('Id', 'Id', 'ID'));
  const parentId = field('ParentId', 'Id', 'REFERENCE');
  parentId.referenceTo = [parent.name];
  parentId.required = true;
  parentId.createOnly = true;
  add(parentId, 'Parent');
  const userOrGroup = field('UserOrGroupId', 'Id', 'REFERENCE');
  userOrGroup.referenceTo = ['User', 'Group'];
  userOrGroup.required = true;
  userOrGroup.createOnly = true;
  add(userOrGroup, 'UserOrGroup');
  const access = field('AccessLevel', 'String', 'PICKLIST');
  access.picklist = picklist(['Read', 'Edit', 'All']);
  access.restrictedPicklist = true;
  access.required = true;
  access.length = 40;
  add(access);
  const rowCause = field('RowCause', 'String', 'PICKLIST');
  rowCause.picklist = picklist([...STANDARD_ROW_CAUSES, ...reasons], 'Manual');
  rowCause.restrictedPicklist = true;
  rowCause.defaultValue = 'Manual';
  rowCause.length = 40;
  rowCause.createOnly = true;
  add(rowCause);
  for (const [fname, apexType, display] of [
    ['LastModifiedDate', 'Datetime', 'DATETIME'],
    ['LastModifiedById', 'Id', 'REFERENCE'],
    ['IsDeleted', 'Boolean', 'BOOLEAN']
  ] as const) {
    const f = field(fname, apexType, display);
    f.readOnly = true;
    add(f);
  }
  return d;
}

/** `Schema.X__Share.RowCause.Reason__c`: the reason's API name when `f` is a share's RowCause that lists it. */
export function rowCauseConstant(object: SObjectDescribe, f: FieldDescribe, name: string): string | undefined {
  if (!object.name.toLowerCase().endsWith('__share') || f.name !== 'RowCause') {
    return undefined;
  }
  return f.picklist.find((p) => p.value.toLowerCase() === name.toLowerCase())?.value;
}
