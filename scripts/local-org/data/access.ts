/**
 * The running user's access: object permissions, field-level security and record sharing, as user mode, `with
 * sharing` classes, Security.stripInaccessible and describe's isAccessible/isCreateable/… see them.
 *
 * - Permissions = the user's profile (PROFILES below) + every permission set assigned to them (PermissionSetAssignment
 *   rows; the permission sets are the project's XML, schema/permission-sets.ts). Salesforce Help: "Profiles",
 *   "Permission Sets", "Object Permissions", "Field-Level Security".
 * - Custom fields of the project are visible to nobody but through a permission set: a Metadata API deploy grants no
 *   field-level security unless profiles are deployed with the field (Metadata API Developer Guide, "Profile": field
 *   permissions are deployed with profiles/permission sets; scratch-org practice, e.g. CumulusCI issue #70). This
 *   includes System Administrator, so `npm run test:apex` assigns the package's permission sets, as CI does.
 * - Standard fields follow their object's permissions (readable with Read, editable with Edit, unless the platform
 *   writes them). View All Data / Modify All Data grant every object, not field-level security.
 * - Task/Event have no object permissions: every user reads activities; "Edit Tasks"/"Edit Events" allow create,
 *   edit and delete. Setup objects (User, Profile, Organization, LeadStatus, …) are readable by every user, except
 *   VIEW_SETUP_OBJECTS (Site, SiteDetail), which need "View Setup and Configuration"; writing them needs Manage Users
 *   (User, PermissionSetAssignment) or Modify All Data.
 * - Sharing: owner; organization-wide defaults (object XML sharingModel; standard objects: Salesforce Help "Default
 *   Organization-Wide Access Levels": Account/Contract ReadWrite, Lead/Case ReadWriteTransfer, Opportunity Read,
 *   Contact ControlledByParent, Campaign FullAccess, custom objects ReadWrite; activities see below); View All / Modify All
 *   object permissions and View All Data / Modify All Data. Not modelled: role hierarchy, sharing rules, manual shares,
 *   teams, territories (a user sees a Private record only as its owner).
 * - Activities (Task, Event) are "Controlled by Parent": a user who does not own an activity reads it only when they
 *   can read its related records and edits it only when they can edit them — record access AND the object's Edit
 *   permission on every related record, the Who and the What (Help KB 000325945 "users can edit Tasks and Events owned
 *   by other users provided they are able to edit the parent records associated with the Activity"). An activity
 *   with neither a Who nor a What is its owner's alone (plus View/Modify All Data); that case is not stated in the
 *   official docs and is unverified (community reports agree). Reading with several parents needs every parent:
 *   unverified (the KB states it for edit). The role hierarchy is not modelled. An org whose Activity default is
 *   "Private" is stricter still (only the owner edits), so code that passes here under "Controlled by Parent" and
 *   needs no more than the owner's rights passes there too.
 */
import type { DataHost } from './host.ts';
import type { FieldPermissions, ObjectPermissions, PermissionSetInfo } from '../schema/permission-sets.ts';
import type { FieldDescribe, SObjectDescribe } from '../schema/schema.ts';
import { guestProfileOf, type SiteInfo } from '../schema/sites.ts';
import type { Row, Store, Table } from './store.ts';

export const SYSTEM_ADMINISTRATOR = 'System Administrator';
export const STANDARD_USER = 'Standard User';
export const MINIMUM_ACCESS = 'Minimum Access - Salesforce';

interface ProfileDefinition {
  viewAllData: boolean;
  modifyAllData: boolean;
  /** Lower-cased user permissions (EditTask, ManageUsers, …). */
  userPermissions: string[];
  /** Object permissions of standard CRM objects (lower-cased name); '*' = every object. */
  objects: Record<string, ObjectPermissions>;
}

const ALL: ObjectPermissions = {
  allowRead: true,
  allowCreate: true,
  allowEdit: true,
  allowDelete: true,
  viewAllRecords: true,
  modifyAllRecords: true
};
const CRED: ObjectPermissions = { ...ALL, viewAllRecords: false, modifyAllRecords: false };
const READ: ObjectPermissions = {
  allowRead: true,
  allowCreate: false,
  allowEdit: false,
  allowDelete: false,
  viewAllRecords: false,
  modifyAllRecords: false
};
const NONE: ObjectPermissions = { ...READ, allowRead: false };

/**
 * The seeded profiles (standard profiles of a new org; Salesforce Help "Standard Profiles", "Minimum Access -
 * Salesforce Profile": no object permissions, the recommended base for integration users).
 */
export const PROFILES: Record<string, ProfileDefinition> = {
  [SYSTEM_ADMINISTRATOR]: {
    viewAllData: true,
    modifyAllData: true,
    userPermissions: [
      'apienabled',
      'apexrestservices',
      'edittask',
      'editevent',
      'manageusers',
      'assignpermissionsets',
      'viewsetup'
    ],
    objects: { '*': ALL }
  },
  [STANDARD_USER]: {
    viewAllData: false,
    modifyAllData: false,
    userPermissions: ['apienabled', 'edittask', 'editevent'],
    objects: { account: CRED, contact: CRED, lead: CRED, opportunity: CRED, case: CRED, campaign: READ }
  },
  [MINIMUM_ACCESS]: { viewAllData: false, modifyAllData: false, userPermissions: [], objects: {} }
};

/** Standard objects that carry object permissions (the others are activities or setup objects). */
const CRM_OBJECTS = new Set([
  'account',
  'contact',
  'lead',
  'opportunity',
  'case',
  'campaign',
  'contract',
  'order',
  'asset',
  'product2',
  'pricebook2',
  'solution',
  'document'
]);

const ACTIVITIES = new Set(['task', 'event']);

/**
 * Setup objects a user reads only with the "View Setup and Configuration" user permission (ViewSetup): without it a
 * user-mode query is refused as if the object did not exist (QueryException "sObject type 'Site' is not supported").
 * Site: Object Reference, "Site", as issue 21 reads it (the search tool did not return
 * the page: unverified here); SiteDetail is read through Site's Id and is treated alike (unverified). Other setup
 * objects keep the rule above (readable by every user) until a source says otherwise.
 * platform-limits.ts row view-setup-for-setup-objects.
 */
export const VIEW_SETUP_OBJECTS: ReadonlySet<string> = new Set(['site', 'sitedetail']);

/** Organization-wide defaults of standard objects (Salesforce Help "Default Organization-Wide Access Levels"). */
const STANDARD_SHARING: Record<string, string> = {
  account: 'ReadWrite',
  contract: 'ReadWrite',
  lead: 'ReadWriteTransfer',
  case: 'ReadWriteTransfer',
  opportunity: 'Read',
  contact: 'ControlledByParent',
  order: 'ControlledByParent',
  asset: 'ControlledByParent',
  campaign: 'FullAccess',
  task: 'ControlledByParent',
  event: 'ControlledByParent',
  user: 'Read'
};

export type RecordAccess = 'none' | 'read' | 'edit';

/** What one user may do. */
export interface UserAccess {
  userId: string | undefined;
  profileName: string;
  viewAllData: boolean;
  modifyAllData: boolean;
  userPermissions: Set<string>;
  permissionSets: PermissionSetInfo[];
  /** The site whose guest user this is (UserType 'Guest'; data/seed.ts). */
  guest?: SiteInfo;
}

function store(it: DataHost): Store | undefined {
  return it.ctx.store as Store | undefined;
}

/**
 * What a `userAccess` answer was read from: the rows it read (rows are never changed once stored, a write stores a new
 * row) and the PermissionSetAssignment table version it scanned (tables are persistent versions, data/store.ts).
 */
interface AccessMemo {
  registry: unknown;
  user: Row | undefined;
  profile: Row | undefined;
  /** The permission set ids the user's assignments name, and the rows they read. */
  permissionSetRows: [string, Row | undefined][];
  access: UserAccess;
  /** The table versions the rows were read from (when unchanged, so are the rows); see `readTables`. */
  tables: Map<string, unknown> | undefined;
}

/** `userAccess` answers by PermissionSetAssignment table version and user id. */
const accessMemos = new WeakMap<Table, Map<string | undefined, AccessMemo>>();
/** Reads of the user's rows (`userAccess`) and computations of object permissions: the tests count them. */
export const accessWork = { reads: 0, objectPermissions: 0 };

/**
 * The running user's profile and permission sets, read from the store (PermissionSetAssignment rows). An answer is
 * kept while the assignment table version and every row it read are the same (checked by identity on each call), so it
 * is what reading them again would give, without scanning the assignments.
 */
export function userAccess(it: DataHost, userId = it.ctx.runningUserId): UserAccess {
  const s = store(it);
  const assignments = s?.tables.get('permissionsetassignment');
  const memos = assignments ? accessMemos.get(assignments) : undefined;
  const memo = memos?.get(userId);
  if (memo && s && fresh(memo, it, s, userId)) {
    return memo.access;
  }
  const read = readUserAccess(it, s, userId);
  if (assignments && s) {
    let byUser = accessMemos.get(assignments);
    if (!byUser) {
      byUser = new Map();
      accessMemos.set(assignments, byUser);
    }
    byUser.set(userId, { ...read, registry: it.registry, tables: readTables(s, read) });
  }
  return read.access;
}

/**
 * The table versions the rows of a `userAccess` answer were found in; undefined when one was missing (a row added later
 * could be in any table of its key prefix).
 */
function readTables(s: Store, memo: Omit<AccessMemo, 'registry' | 'tables'>): Map<string, unknown> | undefined {
  const ids = [memo.access.userId, memo.user?.get('profileid'), ...memo.permissionSetRows.map(([id]) => id)];
  const tables = new Map<string, unknown>();
  for (const id of ids) {
    const object = typeof id === 'string' ? s.objectOf(id) : undefined;
    if (object === undefined) {
      return undefined;
    }
    tables.set(object, s.tables.get(object));
  }
  return tables;
}

/** Whether `s` holds exactly the table versions of `tables`: then every row read from them is the same. */
function sameTables(s: Store, tables: Map<string, unknown> | undefined): boolean {
  if (tables === undefined) {
    return false;
  }
  for (const [object, table] of tables) {
    if (s.tables.get(object) !== table) {
      return false;
    }
  }
  return true;
}

function fresh(memo: AccessMemo, it: DataHost, s: Store, userId: string | undefined): boolean {
  if (
    memo.registry !== it.registry ||
    (userId ? it.registry.seededUsers.guests.get(userId) : undefined) !== memo.access.guest
  ) {
    return false;
  }
  if (sameTables(s, memo.tables)) {
    return true;
  }
  const user = userId ? s.get(userId) : undefined;
  if (user !== memo.user) {
    return false;
  }
  const profileId = user?.get('profileid');
  if ((typeof profileId === 'string' ? s.get(profileId) : undefined) !== memo.profile) {
    return false;
  }
  return memo.permissionSetRows.every(([id, row]) => s.get(id) === row);
}

function readUserAccess(
  it: DataHost,
  s: Store | undefined,
  userId: string | undefined
): Omit<AccessMemo, 'registry' | 'tables'> {
  accessWork.reads++;
  const user = userId ? s?.get(userId) : undefined;
  const profileId = user?.get('profileid');
  const profileRow = typeof profileId === 'string' ? s?.get(profileId) : undefined;
  const profileName = String(profileRow?.get('name') ?? SYSTEM_ADMINISTRATOR);
  const guest = userId ? it.registry.seededUsers.guests.get(userId) : undefined;
  // A profile of the project's metadata (a site's guest profile) grants what its XML lists, on top of nothing.
  const metadataProfile = guest
    ? guestProfileOf(it.registry.sites, guest)
    : it.registry.sites.profiles.get(profileName.toLowerCase());
  const profile = PROFILES[profileName] ?? (metadataProfile ? PROFILES[MINIMUM_ACCESS] : undefined);
  if (!profile) {
    throw new Error(`The local org has no definition of the profile '${profileName}' (data/access.ts PROFILES)`);
  }
  const permissionSets: PermissionSetInfo[] = metadataProfile && !PROFILES[profileName] ? [metadataProfile] : [];
  const permissionSetRows: [string, Row | undefined][] = [];
  for (const row of s?.tables.get('permissionsetassignment')?.values() ?? []) {
    if (row.get('assigneeid') !== userId) {
      continue;
    }
    const psId = row.get('permissionsetid');
    const psRow = typeof psId === 'string' ? s?.get(psId) : undefined;
    if (typeof psId === 'string') {
      permissionSetRows.push([psId, psRow]);
    }
    const psName = psRow?.get('name');
    const ps = typeof psName === 'string' ? it.registry.permissionSets.get(psName.toLowerCase()) : undefined;
    if (ps) {
      permissionSets.push(ps);
    }
  }
  const userPermissions = new Set(profile.userPermissions);
  for (const ps of permissionSets) {
    ps.userPermissions.forEach((p) => userPermissions.add(p));
  }
  return {
    user,
    profile: profileRow,
    permissionSetRows,
    access: {
      userId,
      profileName,
      viewAllData: profile.viewAllData,
      modifyAllData: profile.modifyAllData,
      userPermissions,
      permissionSets,
      ...(guest ? { guest } : {})
    }
  };
}

function union(a: ObjectPermissions, b: ObjectPermissions | undefined): ObjectPermissions {
  if (!b) {
    return a;
  }
  return {
    allowRead: a.allowRead || b.allowRead,
    allowCreate: a.allowCreate || b.allowCreate,
    allowEdit: a.allowEdit || b.allowEdit,
    allowDelete: a.allowDelete || b.allowDelete,
    viewAllRecords: a.viewAllRecords || b.viewAllRecords,
    modifyAllRecords: a.modifyAllRecords || b.modifyAllRecords
  };
}

/** Object permissions of the user on `type` (profile ∪ permission sets; Modify All Data grants everything). */
/**
 * Object and field permissions by user access and object (and field): a `UserAccess` is never changed once made (a
 * new one is read when the user's rows change, see `userAccess`), nor are the schema's describes, so an answer stays
 * what computing it again would give.
 */
const objectMemos = new WeakMap<UserAccess, Map<SObjectDescribe, ObjectPermissions>>();
const fieldMemos = new WeakMap<UserAccess, Map<SObjectDescribe, Map<FieldDescribe, FieldPermissions>>>();

export function objectPermissions(ua: UserAccess, type: SObjectDescribe): ObjectPermissions {
  let byType = objectMemos.get(ua);
  if (!byType) {
    byType = new Map();
    objectMemos.set(ua, byType);
  }
  let perms = byType.get(type);
  if (!perms) {
    perms = readObjectPermissions(ua, type);
    byType.set(type, perms);
  }
  return perms;
}

function readObjectPermissions(ua: UserAccess, type: SObjectDescribe): ObjectPermissions {
  accessWork.objectPermissions++;
  const key = type.name.toLowerCase();
  if (ua.modifyAllData) {
    return ALL;
  }
  if (ACTIVITIES.has(key)) {
    const edit = ua.userPermissions.has(key === 'task' ? 'edittask' : 'editevent');
    return { ...READ, allowCreate: edit, allowEdit: edit, allowDelete: edit, viewAllRecords: ua.viewAllData };
  }
  if (!type.custom && !CRM_OBJECTS.has(key)) {
    if (VIEW_SETUP_OBJECTS.has(key) && !ua.userPermissions.has('viewsetup')) {
      return NONE;
    }
    const manage =
      (key === 'user' && ua.userPermissions.has('manageusers')) ||
      (key === 'permissionsetassignment' &&
        (ua.userPermissions.has('assignpermissionsets') || ua.userPermissions.has('manageusers')));
    return manage ? { ...CRED, viewAllRecords: true } : { ...READ, viewAllRecords: true };
  }
  const profile = PROFILES[ua.profileName];
  let perms = union(NONE, profile?.objects['*'] ?? profile?.objects[key]);
  for (const ps of ua.permissionSets) {
    perms = union(perms, ps.objectPermissions.get(key));
  }
  if (ua.viewAllData && perms.allowRead) {
    perms = { ...perms, viewAllRecords: true };
  }
  return perms;
}

/** Field-level security of the user on `type.field` (read needs the object's Read; edit its Create or Edit). */
export function fieldPermissions(ua: UserAccess, type: SObjectDescribe, field: FieldDescribe): FieldPermissions {
  let byType = fieldMemos.get(ua);
  if (!byType) {
    byType = new Map();
    fieldMemos.set(ua, byType);
  }
  let byField = byType.get(type);
  if (!byField) {
    byField = new Map();
    byType.set(type, byField);
  }
  let perms = byField.get(field);
  if (!perms) {
    perms = readFieldPermissions(ua, type, field);
    byField.set(field, perms);
  }
  return perms;
}

function readFieldPermissions(ua: UserAccess, type: SObjectDescribe, field: FieldDescribe): FieldPermissions {
  const obj = objectPermissions(ua, type);
  if (!obj.allowRead) {
    return { readable: false, editable: false };
  }
  const writable = !field.readOnly && field.name !== 'Id' && (obj.allowCreate || obj.allowEdit);
  // Universally required custom fields have no field-level security: every user with object access reads and
  // edits them (Salesforce Help "Field-Level Security": required fields can't be hidden; permission sets can't list
  // them).
  if (!field.custom || field.required) {
    return { readable: true, editable: writable };
  }
  // Activity custom fields are granted per object, `Task.X__c` and `Event.X__c`, as a real org stores and retrieves
  // them; an entry written `Activity.X__c` grants nothing here (schema/permission-sets.ts).
  const key = `${type.name}.${field.name}`.toLowerCase();
  let readable = false;
  let editable = false;
  for (const ps of ua.permissionSets) {
    const fp = ps.fieldPermissions.get(key);
    readable ||= fp?.readable ?? false;
    editable ||= fp?.editable ?? false;
  }
  return { readable, editable: editable && writable };
}

/** The organization-wide default of an object (Private, Read, ReadWrite, ControlledByParent, …). */
export function sharingModel(type: SObjectDescribe): string {
  const key = type.name.toLowerCase();
  if (type.custom) {
    return type.sharingModel ?? 'ReadWrite';
  }
  return STANDARD_SHARING[key] ?? (CRM_OBJECTS.has(key) ? 'ReadWrite' : 'ReadWrite');
}

const RANK: Record<RecordAccess, number> = { none: 0, read: 1, edit: 2 };
const best = (a: RecordAccess, b: RecordAccess): RecordAccess => (RANK[a] >= RANK[b] ? a : b);

/** The user's access to one record through sharing (owner, OWD, View/Modify All); object permissions apart. */
export function recordAccess(it: DataHost, ua: UserAccess, type: SObjectDescribe, row: Row, depth = 0): RecordAccess {
  // Secure guest user record access (Experience Cloud Developer Guide, "Give Guest Users Access to Read Records"): a
  // guest owns no record and, under sharing, reaches records only through guest sharing rules (refused at load here:
  // schema/sites.ts), so none; the org-wide defaults are Private for guests.
  if (ua.guest) {
    return 'none';
  }
  const obj = objectPermissions(ua, type);
  if (ua.modifyAllData || obj.modifyAllRecords) {
    return 'edit';
  }
  const owner = row.get('ownerid');
  if (owner !== undefined && owner !== null && owner === ua.userId) {
    return 'edit';
  }
  const access: RecordAccess = ua.viewAllData || obj.viewAllRecords ? 'read' : 'none';
  if (ACTIVITIES.has(type.name.toLowerCase())) {
    return best(access, activityParentAccess(it, ua, row, depth));
  }
  switch (sharingModel(type)) {
    case 'Private':
      return best(access, shareAccess(it, ua, type, row));
    case 'Read':
      return best(best(access, 'read'), shareAccess(it, ua, type, row));
    case 'ControlledByParent': {
      const parent = parentRecord(it, row.get('accountid'));
      return best(access, parent && depth < 4 ? recordAccess(it, ua, parent.type, parent.row, depth + 1) : 'none');
    }
    default:
      return 'edit';
  }
}

/**
 * Access granted to the user by rows of the object's share (schema/share-objects.ts; Apex Developer Guide "Sharing a
 * Record Using Apex"): AccessLevel Read → read, Edit or All → edit. Only shares to the user themself count (group
 * membership is not modelled).
 */
function shareAccess(it: DataHost, ua: UserAccess, type: SObjectDescribe, row: Row): RecordAccess {
  const s = store(it);
  const share = type.custom ? it.registry.schema.describe(type.name.replace(/__c$/i, '__Share')) : undefined;
  const id = row.get('id');
  if (!s || !share || typeof id !== 'string' || !ua.userId) {
    return 'none';
  }
  let granted: RecordAccess = 'none';
  for (const shareId of s.findIds(share, 'parentid', 'id', [id])) {
    const r = s.get(shareId);
    if (r?.get('userorgroupid') === ua.userId) {
      granted = best(granted, r.get('accesslevel') === 'Read' ? 'read' : 'edit');
    }
  }
  return granted;
}

const worst = (a: RecordAccess, b: RecordAccess): RecordAccess => (RANK[a] <= RANK[b] ? a : b);

/**
 * What a non-owner may do with an activity through its related records ("Controlled by Parent", see the file
 * comment): the least access among the Who and the What, each counting the user's object permissions (Read, Edit)
 * as well as their sharing; 'none' when the activity has neither.
 */
function activityParentAccess(it: DataHost, ua: UserAccess, row: Row, depth: number): RecordAccess {
  let access: RecordAccess | undefined;
  for (const field of ['whoid', 'whatid']) {
    const id = row.get(field);
    if (typeof id !== 'string') {
      continue;
    }
    const parent = parentRecord(it, id);
    let parentAccess: RecordAccess = 'none';
    if (parent && depth < 4) {
      const perms = objectPermissions(ua, parent.type);
      const allowed: RecordAccess = perms.allowEdit ? 'edit' : perms.allowRead ? 'read' : 'none';
      parentAccess = worst(recordAccess(it, ua, parent.type, parent.row, depth + 1), allowed);
    }
    access = access === undefined ? parentAccess : worst(access, parentAccess);
  }
  return access ?? 'none';
}

/** The stored record an id field points to, with its object's describe. */
function parentRecord(it: DataHost, id: unknown): { row: Row; type: SObjectDescribe } | undefined {
  const s = store(it);
  const row = typeof id === 'string' ? s?.get(id) : undefined;
  const objectName = typeof id === 'string' ? s?.objectOf(id) : undefined;
  const type = objectName ? it.registry.schema.describe(objectName) : undefined;
  return row && type ? { row, type } : undefined;
}

/** Whether the running code applies sharing: `with sharing` / `without sharing` of the class whose method runs,
 * `inherited sharing` or no keyword = the caller's; at the entry point `inherited sharing` runs with sharing and an
 * omitted keyword without (Apex Developer Guide "Use the with sharing, without sharing, and inherited sharing
 * Keywords"). Trigger code runs without sharing. Inner classes do not inherit their outer class's keyword. An
 * asynchronous job (batch, queueable, schedulable) is a transaction of its own whose entry point is the job's class,
 * whatever queued it (`it.entryFrame`). */
export function enforcesSharing(it: DataHost): boolean {
  const frames = it.frames;
  for (let i = frames.length - 1; i >= it.entryFrame; i--) {
    const frame = frames[i];
    if (!frame) {
      continue;
    }
    if (frame.entry.label.startsWith('Trigger.')) {
      return false;
    }
    const sharing = frame.cls.modifiers?.sharing;
    if (sharing === 'with') {
      return true;
    }
    if (sharing === 'without') {
      return false;
    }
    if (i === it.entryFrame) {
      return sharing === 'inherited';
    }
  }
  return false;
}
