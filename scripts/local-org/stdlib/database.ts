/**
 * Database, Limits, UserInfo, Test, FeatureManagement and Trigger (Apex Reference Guide: "Database Class",
 * "SaveResult/UpsertResult/DeleteResult Class", "Database.Error Class", "Limits Class", "UserInfo Class",
 * "Test Class", "FeatureManagement Class", "Trigger Class").
 */
import type { Pos } from '../ast/nodes.ts';
import { parseSoql } from '../ast/build-soql.ts';
import { dmlFailures, dmlRecords, executeDml, type DmlError, type DmlKind, type DmlResult } from '../data/dml.ts';
import { runQuery } from '../data/soql.ts';
import type { Store } from '../data/store.ts';
import { freshLimits } from '../interpreter/context.ts';
import { checkHeap, heapLimit } from '../interpreter/heap.ts';
import { RuntimeGap } from '../values/errors.ts';
import type { Interpreter } from '../interpreter/interpreter.ts';
import { prim } from '../values/types.ts';
import {
  ApexDatetime,
  ApexEnumValue,
  ApexList,
  ApexMap,
  ApexObject,
  NativeObject,
  type Value
} from '../values/values.ts';
import { offsetMs } from '../values/time.ts';
import type { FieldRef } from './sobjects.ts';
import { SOBJECT_FIELD } from './sobjects.ts';
import { NO_METHOD, bool, int, str, type Native } from './args.ts';
import { deliverEvents, TEST_BROKER } from './events.ts';
import { SET_MOCK } from './http.ts';
import { CREATE_STUB } from './stubs.ts';
import { normalizeId } from '../schema/ids.ts';
import { EXECUTE_BATCH, runPendingJobs } from './async.ts';
import { SET_FIXED_SEARCH_RESULTS } from './search.ts';
import { countLimit, MORE_LIMITS_STATICS } from './limits.ts';
import { CURSOR, CURSOR_METHODS, newCursor } from './cursors.ts';
import { MERGE_RESULT_METHODS } from './db-results.ts';
import { applyDmlOptions, isDmlOptions } from './dml-options.ts';
import { EMPTY_RECYCLE_BIN } from './recycle-bin.ts';
import {
  CONVERT_LEAD,
  LEAD_CONVERT,
  LEAD_CONVERT_METHODS,
  LEAD_CONVERT_RESULT,
  LEAD_CONVERT_RESULT_METHODS
} from './lead-convert.ts';

type Method<T> = (it: Interpreter, self: T, a: Value[], pos: Pos) => Value | typeof NO_METHOD;

const RESULT_TYPES: Record<string, string> = {
  insert: 'Database.SaveResult',
  update: 'Database.SaveResult',
  upsert: 'Database.UpsertResult',
  delete: 'Database.DeleteResult',
  undelete: 'Database.UndeleteResult'
};

function databaseDml(op: DmlKind): Native {
  return (it, _s, a, pos) => {
    if (a.length < 1 || a.length > 4) {
      return NO_METHOD;
    }
    const target = a[0] ?? null;
    let rest = a.slice(1);
    let externalIdField: FieldRef | undefined;
    if (op === 'upsert' && rest[0] instanceof NativeObject && rest[0].typeName === SOBJECT_FIELD) {
      externalIdField = rest[0].state as FieldRef;
      rest = rest.slice(1);
    } else if (op === 'upsert' && rest[0] === null && rest.length > 1) {
      rest = rest.slice(1);
    }
    if (rest[0] instanceof ApexEnumValue && rest.length === 1) {
      // Database.insert/update/…(records, AccessLevel): allOrNone is true (Apex Reference Guide "Database Class"
      // overloads).
      rest = [true, rest[0]];
    }
    // Database.insert/update(records, Database.DMLOptions[, AccessLevel]) (stdlib/dml-options.ts).
    const options = (op === 'insert' || op === 'update') && isDmlOptions(rest[0]) ? rest[0] : undefined;
    let allOrNone = options || rest[0] === undefined ? true : bool(it, rest[0], pos);
    if (rest[1] !== undefined && !(rest[1] instanceof ApexEnumValue)) {
      return NO_METHOD;
    }
    const records = dmlRecords(it, target, op, pos);
    if (options) {
      allOrNone = applyDmlOptions(options, records, pos);
    }
    const results = executeDml(it, op, records, {
      allOrNone,
      pos,
      ...accessLevelOf(rest[1]),
      ...(externalIdField ? { externalIdField: externalIdField.field } : {})
    });
    const type = { kind: 'native' as const, name: RESULT_TYPES[op] ?? 'Database.SaveResult' };
    const wrapped = results.map((r) => new NativeObject(type.name, r));
    return target instanceof ApexList ? new ApexList(type, wrapped) : (wrapped[0] ?? null);
  };
}

/** `AccessLevel.USER_MODE` / `SYSTEM_MODE` argument → the option of executeDml/runQuery (data/access.ts). */
function accessLevelOf(v: Value | undefined): { accessLevel?: 'user' | 'system' } {
  if (v instanceof ApexEnumValue && v.enumType.name.toLowerCase() === 'accesslevel') {
    return { accessLevel: v.name === 'USER_MODE' ? 'user' : 'system' };
  }
  return {};
}

/** Binds of a dynamic query: a Map (queryWithBinds) or the variables of the calling Apex code (Database.query). */
function dynamicQuery(
  it: Interpreter,
  soql: string,
  pos: Pos,
  resolve: (name: string) => Value,
  access: { accessLevel?: 'user' | 'system' } = {}
): Value {
  let limitBind: string | undefined;
  let offsetBind: string | undefined;
  const text = soql
    .replace(/\bLIMIT\s+:\s*([\w.]+)/i, (_m, name: string) => {
      limitBind = name;
      return 'LIMIT 1';
    })
    .replace(/\bOFFSET\s+:\s*([\w.]+)/i, (_m, name: string) => {
      offsetBind = name;
      return 'OFFSET 1';
    });
  let query;
  try {
    query = parseSoql(text);
  } catch (e) {
    return it.raise('QueryException', `unexpected token in query: ${(e as Error).message.split('\n')[0] ?? ''}`, pos);
  }
  const num = (name: string | undefined): number | undefined =>
    name === undefined ? undefined : int(it, resolve(name), pos);
  const limit = num(limitBind);
  const offset = num(offsetBind);
  return runQuery(it, query, {
    binds: resolve,
    pos,
    ...access,
    ...(limit === undefined ? {} : { limit }),
    ...(offset === undefined ? {} : { offset })
  });
}

function mapResolver(it: Interpreter, binds: Value | undefined, pos: Pos): (name: string) => Value {
  if (!(binds instanceof ApexMap)) {
    return it.npe(pos);
  }
  return (name) => {
    const entry = binds.entries.get(`s:${name}`);
    if (!entry) {
      return it.raise('QueryException', `Key '${name}' does not exist in the bindMap`, pos);
    }
    return entry[1];
  };
}

/** A QueryLocator over the rows of a query (or a list), for batch Apex; a query's rows count (stdlib/limits.ts). */
function queryLocator(rows: Value, it?: Interpreter): NativeObject {
  if (it && rows instanceof ApexList) {
    countLimit(it, 'queryLocatorRows', rows.items.length);
  }
  return new NativeObject('Database.QueryLocator', rows);
}

export const DATABASE_STATICS: Record<string, Native> = {
  executebatch: EXECUTE_BATCH,
  getquerylocator: (it, _s, a, pos) => {
    if (a.length !== 1 && a.length !== 2) {
      return NO_METHOD;
    }
    const src = a[0] ?? null;
    if (src instanceof ApexList) {
      return queryLocator(src);
    }
    return queryLocator(
      dynamicQuery(it, str(it, src, pos), pos, (name) => it.resolveBindInCaller(name, pos)),
      it
    );
  },
  getquerylocatorwithbinds: (it, _s, a, pos) =>
    a.length === 3
      ? queryLocator(dynamicQuery(it, str(it, a[0], pos), pos, mapResolver(it, a[1], pos)), it)
      : NO_METHOD,
  // Apex Reference Guide "Database Class" getCursor / getCursorWithBinds; the cursor itself: cursors.ts.
  getcursor: (it, _s, a, pos) =>
    a.length === 1 || a.length === 2
      ? newCursor(it, () =>
          dynamicQuery(it, str(it, a[0], pos), pos, (name) => it.resolveBindInCaller(name, pos), accessLevelOf(a[1]))
        )
      : NO_METHOD,
  getcursorwithbinds: (it, _s, a, pos) =>
    a.length === 3
      ? newCursor(it, () => dynamicQuery(it, str(it, a[0], pos), pos, mapResolver(it, a[1], pos), accessLevelOf(a[2])))
      : NO_METHOD,
  convertlead: CONVERT_LEAD,
  insert: databaseDml('insert'),
  update: databaseDml('update'),
  upsert: databaseDml('upsert'),
  delete: databaseDml('delete'),
  undelete: databaseDml('undelete'),
  emptyrecyclebin: EMPTY_RECYCLE_BIN,
  query: (it, _s, a, pos) => {
    if (a.length < 1 || a.length > 2) {
      return NO_METHOD;
    }
    return dynamicQuery(it, str(it, a[0], pos), pos, (name) => it.resolveBindInCaller(name, pos), accessLevelOf(a[1]));
  },
  querywithbinds: (it, _s, a, pos) => {
    if (a.length !== 3) {
      return NO_METHOD;
    }
    return dynamicQuery(it, str(it, a[0], pos), pos, mapResolver(it, a[1], pos), accessLevelOf(a[2]));
  },
  countquery: (it, _s, a, pos) => {
    if (a.length < 1 || a.length > 2) {
      return NO_METHOD;
    }
    return dynamicQuery(it, str(it, a[0], pos), pos, (name) => it.resolveBindInCaller(name, pos), accessLevelOf(a[1]));
  },
  countquerywithbinds: (it, _s, a, pos) =>
    a.length === 3
      ? dynamicQuery(it, str(it, a[0], pos), pos, mapResolver(it, a[1], pos), accessLevelOf(a[2]))
      : NO_METHOD,
  setsavepoint: (it, _s, a) => {
    if (a.length !== 0) {
      return NO_METHOD;
    }
    const s = it.ctx.store as Store | undefined;
    it.ctx.limits.dmlStatements++;
    const copy = s?.clone();
    if (copy) {
      it.ctx.rowLocks.snapshots.push(copy); // follows a concurrent commit while nothing is written (row-locks.ts)
    }
    return new NativeObject('Database.Savepoint', copy);
  },
  rollback: (it, _s, a, pos) => {
    const sp = a[0];
    if (a.length !== 1 || !(sp instanceof NativeObject) || sp.typeName !== 'Database.Savepoint') {
      return NO_METHOD;
    }
    it.ctx.limits.dmlStatements++;
    const s = it.ctx.store as Store | undefined;
    if (s && sp.state) {
      s.restore(sp.state as Store);
    }
    void pos;
    return null;
  }
};

function errorObject(e: DmlError): NativeObject<DmlError> {
  return new NativeObject('Database.Error', e);
}

const RESULT_METHODS: Record<string, Method<NativeObject<DmlResult>>> = {
  issuccess: (_it, r, a) => (a.length === 0 ? r.state.success : NO_METHOD),
  getid: (_it, r, a) => (a.length === 0 ? r.state.id : NO_METHOD),
  iscreated: (_it, r, a) => (a.length === 0 && r.typeName === 'Database.UpsertResult' ? r.state.created : NO_METHOD),
  geterrors: (_it, r, a) =>
    a.length === 0
      ? new ApexList({ kind: 'native', name: 'Database.Error' }, r.state.errors.map(errorObject))
      : NO_METHOD
};

function statusCode(it: Interpreter, code: string): Value {
  return it.registry.systemEnum('StatusCode').value(code) ?? code;
}

const MERGE_METHODS = { ...RESULT_METHODS, ...MERGE_RESULT_METHODS };

const ERROR_METHODS: Record<string, Method<NativeObject<DmlError>>> = {
  getstatuscode: (it, e, a) => (a.length === 0 ? statusCode(it, e.state.statusCode) : NO_METHOD),
  getmessage: (_it, e, a) => (a.length === 0 ? e.state.message : NO_METHOD),
  getfields: (_it, e, a) => (a.length === 0 ? new ApexList(prim('String'), [...e.state.fields]) : NO_METHOD)
};

const SCHEDULABLE_CONTEXT_METHODS: Record<string, Method<NativeObject<string>>> = {
  gettriggerid: (_it, c, a) => (a.length === 0 ? c.state : NO_METHOD)
};

const CONTEXT_METHODS: Record<string, Method<NativeObject<string>>> = {
  getjobid: (_it, c, a) => (a.length === 0 ? c.state : NO_METHOD),
  getchildjobid: (_it, c, a) => (a.length === 0 ? c.state : NO_METHOD)
};

/**
 * QueryLocator.iterator() and QueryLocatorIterator.hasNext()/next() (Apex Reference Guide, "QueryLocator Class",
 * "QueryLocatorIterator Class"): the rows the locator was built with, in order; next() past the end is a
 * NoSuchElementException (unverified wording: "Iterator has no more elements").
 */
const QUERY_LOCATOR_METHODS: Record<string, Method<NativeObject<Value>>> = {
  iterator: (_it, l, a) =>
    a.length === 0 && l.state instanceof ApexList
      ? new NativeObject('Database.QueryLocatorIterator', { rows: l.state, next: 0 })
      : NO_METHOD
};

const QUERY_LOCATOR_ITERATOR_METHODS: Record<string, Method<NativeObject<{ rows: ApexList; next: number }>>> = {
  hasnext: (_it, i, a) => (a.length === 0 ? i.state.next < i.state.rows.items.length : NO_METHOD),
  next: (it, i, a, pos) => {
    if (a.length !== 0) {
      return NO_METHOD;
    }
    if (i.state.next >= i.state.rows.items.length) {
      return it.raise('NoSuchElementException', 'Iterator has no more elements', pos);
    }
    return i.state.rows.items[i.state.next++] ?? null;
  }
};

export function databaseMethods(typeName: string): Record<string, Method<NativeObject>> | undefined {
  if (typeName === 'Database.QueryLocator') {
    return QUERY_LOCATOR_METHODS as Record<string, Method<NativeObject>>;
  }
  if (typeName === CURSOR) {
    return CURSOR_METHODS as Record<string, Method<NativeObject>>;
  }
  if (typeName === 'Database.QueryLocatorIterator') {
    return QUERY_LOCATOR_ITERATOR_METHODS as Record<string, Method<NativeObject>>;
  }
  if (typeName === LEAD_CONVERT) {
    return LEAD_CONVERT_METHODS as Record<string, Method<NativeObject>>;
  }
  if (typeName === LEAD_CONVERT_RESULT) {
    return LEAD_CONVERT_RESULT_METHODS as Record<string, Method<NativeObject>>;
  }
  if (typeName === 'System.SchedulableContext') {
    return SCHEDULABLE_CONTEXT_METHODS as Record<string, Method<NativeObject>>;
  }
  if (typeName === 'Database.BatchableContext' || typeName === 'System.QueueableContext') {
    return CONTEXT_METHODS as Record<string, Method<NativeObject>>;
  }
  if (typeName === 'Database.Error') {
    return ERROR_METHODS as Record<string, Method<NativeObject>>;
  }
  if (typeName === 'Database.MergeResult') {
    return MERGE_METHODS as Record<string, Method<NativeObject>>;
  }
  if (typeName.startsWith('Database.') && typeName.endsWith('Result')) {
    return RESULT_METHODS as Record<string, Method<NativeObject>>;
  }
  return undefined;
}

/** DmlException's extra methods (getDmlMessage(i), getNumDml(), …); undefined when `name` is not one. */
export function dmlExceptionMethod(
  it: Interpreter,
  exc: ApexObject,
  name: string,
  args: Value[],
  pos: Pos
): Value | undefined {
  const failures = dmlFailures.get(exc);
  if (!failures) {
    return undefined;
  }
  const lower = name.toLowerCase();
  if (lower === 'getnumdml' && args.length === 0) {
    return failures.length;
  }
  if (args.length !== 1) {
    return undefined;
  }
  const i = int(it, args[0], pos);
  const f = failures[i];
  if (!f) {
    return it.raise('ListException', `List index out of bounds: ${i}`, pos);
  }
  switch (lower) {
    case 'getdmlmessage':
      return f.error.message;
    case 'getdmlstatuscode':
      return f.error.statusCode;
    case 'getdmltype':
      return statusCode(it, f.error.statusCode);
    case 'getdmlfieldnames':
      return new ApexList(prim('String'), [...f.error.fields]);
    case 'getdmlfields': {
      return new ApexList({ kind: 'native', name: SOBJECT_FIELD }, []);
    }
    case 'getdmlid':
      return f.id;
    case 'getdmlindex':
      return f.index;
    default:
      return undefined;
  }
}

const counter =
  (read: (it: Interpreter) => number): Native =>
  (it, _s, a) =>
    a.length === 0 ? read(it) : NO_METHOD;
const constant =
  (n: number): Native =>
  (_it, _s, a) =>
    a.length === 0 ? n : NO_METHOD;

export const LIMITS_STATICS: Record<string, Native> = {
  getqueries: counter((it) => it.ctx.limits.queries),
  getlimitqueries: constant(100),
  getsoslqueries: counter((it) => it.ctx.limits.soslQueries),
  getlimitsoslqueries: constant(20),
  getdmlstatements: counter((it) => it.ctx.limits.dmlStatements),
  getlimitdmlstatements: constant(150),
  getdmlrows: counter((it) => it.ctx.limits.dmlRows),
  getlimitdmlrows: constant(10000),
  getqueryrows: counter((it) => it.ctx.limits.queryRows),
  getlimitqueryrows: constant(50000),
  getcputime: counter((it) => Date.now() - it.ctx.limits.cpuStart),
  getlimitcputime: constant(10000),
  // Measured live heap, approximated (interpreter/heap.ts); 6 MB synchronous, 12 MB while an async job runs.
  getheapsize: counter((it) => checkHeap(it)),
  getlimitheapsize: counter((it) => heapLimit(it)),
  // Callouts are counted (stdlib/http.ts). Limits of operations the runtime never performs (aggregate functions
  // other than COUNT() — whether COUNT() counts is unverified —, email, push notifications): their counters stay 0; the
  // synchronous limits of Apex Developer Guide "Execution Governors and Limits". (More Limits methods:
  // stdlib/limits.ts.)
  getaggregatequeries: constant(0),
  getlimitaggregatequeries: constant(300),
  getcallouts: counter((it) => it.ctx.limits.callouts),
  getlimitcallouts: constant(100),
  getemailinvocations: constant(0),
  getlimitemailinvocations: constant(10),
  getlimitfuturecalls: constant(50),
  getmobilepushapexcalls: constant(0),
  getlimitmobilepushapexcalls: constant(10),
  ...MORE_LIMITS_STATICS
};

function runningUser(it: Interpreter, field: string, pos: Pos): Value {
  const store = it.ctx.store as Store | undefined;
  const id = it.ctx.runningUserId;
  const row = id ? store?.get(id) : undefined;
  if (!row) {
    throw new RuntimeGap('UserInfo without a running user record', pos);
  }
  return row.get(field.toLowerCase()) ?? null;
}

const userField =
  (field: string): Native =>
  (it, _s, a, pos) =>
    a.length === 0 ? runningUser(it, field, pos) : NO_METHOD;

export const USERINFO_STATICS: Record<string, Native> = {
  getuserid: (it, _s, a) => (a.length === 0 ? (it.ctx.runningUserId ?? null) : NO_METHOD),
  getusername: userField('Username'),
  getname: userField('Name'),
  getfirstname: userField('FirstName'),
  getlastname: userField('LastName'),
  getuseremail: userField('Email'),
  getlanguage: userField('LanguageLocaleKey'),
  getlocale: userField('LocaleSidKey'),
  getprofileid: userField('ProfileId'),
  getuserroleid: userField('UserRoleId'),
  // User.UserType: 'Standard' for the seeded admin, 'Guest' for a site guest user, 'AutomatedProcess' (data/seed.ts).
  getusertype: (it, _s, a, pos) => (a.length === 0 ? (runningUser(it, 'UserType', pos) ?? 'Standard') : NO_METHOD),
  getorganizationid: (it, _s, a) => (a.length === 0 ? (it.ctx.organizationId ?? null) : NO_METHOD),
  getdefaultcurrency: (_it, _s, a) => (a.length === 0 ? 'JPY' : NO_METHOD),
  gettimezone: (it, _s, a, pos) =>
    a.length === 0
      ? new NativeObject('System.TimeZone', str(it, runningUser(it, 'TimeZoneSidKey', pos), pos))
      : NO_METHOD,
  ismulticurrencyorganization: (_it, _s, a) => (a.length === 0 ? false : NO_METHOD),
  // Apex Reference Guide "UserInfo Class": getUiTheme (the user's preferred theme) and getUiThemeDisplayed (the theme
  // shown), values Theme1…Theme4d/4t/4u. The seeded running user works in Lightning Experience, so both are 'Theme4d'
  // (a choice of the seed, like its time zone; what a test context reports on the platform is unverified).
  getuitheme: (_it, _s, a) => (a.length === 0 ? 'Theme4d' : NO_METHOD),
  getuithemedisplayed: (_it, _s, a) => (a.length === 0 ? 'Theme4d' : NO_METHOD)
};

/**
 * TimeZone.getTimeZone(id) (Apex Reference Guide "TimeZone Class"): the time zone of a Java time zone id
 * (America/Los_Angeles, GMT, …); an id the runtime's time-zone data does not know is a RuntimeGap (what the platform
 * answers is not documented).
 */
export const TIMEZONE_STATICS: Record<string, Native> = {
  gettimezone: (it, _s, a, pos) => {
    if (a.length !== 1) {
      return NO_METHOD;
    }
    const id = str(it, a[0], pos);
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: id });
    } catch {
      throw new RuntimeGap(`TimeZone.getTimeZone('${id}'): a time zone id the runtime does not know`, pos);
    }
    return new NativeObject('System.TimeZone', id);
  }
};

export const TIMEZONE_METHODS: Record<string, Method<NativeObject<string>>> = {
  getid: (_it, tz, a) => (a.length === 0 ? tz.state : NO_METHOD),
  getoffset: (it, tz, a, pos) => {
    const dt = a[0];
    if (a.length !== 1) {
      return NO_METHOD;
    }
    return dt instanceof ApexDatetime ? offsetMs(dt.ms, tz.state) : it.npe(pos);
  },
  getdisplayname: (_it, tz, a) =>
    a.length === 0
      ? (new Intl.DateTimeFormat('en-US', { timeZone: tz.state, timeZoneName: 'long' })
          .formatToParts(new Date())
          .find((p) => p.type === 'timeZoneName')?.value ?? tz.state)
      : NO_METHOD,
  tostring: (_it, tz, a) => (a.length === 0 ? tz.state : NO_METHOD)
};

export const TEST_STATICS: Record<string, Native> = {
  isrunningtest: (it, _s, a) => (a.length === 0 ? it.ctx.isTest : NO_METHOD),
  setfixedsearchresults: SET_FIXED_SEARCH_RESULTS,
  starttest: (it, _s, a, pos) => {
    if (a.length !== 0) {
      return NO_METHOD;
    }
    if (it.ctx.outerLimits) {
      return it.raise('FinalException', 'Testing already started', pos);
    }
    it.ctx.outerLimits = it.ctx.limits;
    it.ctx.limits = freshLimits(Date.now());
    return null;
  },
  stoptest: (it, _s, a, pos) => {
    if (a.length !== 0) {
      return NO_METHOD;
    }
    if (it.ctx.outerLimits) {
      it.ctx.limits = it.ctx.outerLimits;
      it.ctx.outerLimits = undefined;
    }
    // The asynchronous jobs queued since startTest run now, synchronously (Apex Developer Guide "Testing Asynchronous
    // Apex"), and the published platform events are delivered (Apex Developer Guide "Testing Your Platform Event in
    // Apex").
    runPendingJobs(it, true);
    deliverEvents(it, pos);
    return null;
  },
  setmock: SET_MOCK,
  createstub: CREATE_STUB,
  // Apex Reference Guide Test.setCreatedDate(recordId, createdDatetime): sets a test record's CreatedDate.
  setcreateddate: (it, _s, a, pos) => {
    const [id, when] = a;
    if (a.length !== 2 || !(when instanceof ApexDatetime || when === null)) {
      return NO_METHOD;
    }
    const key = typeof id === 'string' ? normalizeId(id) : undefined;
    const s = it.ctx.store as Store | undefined;
    if (!key || !s?.update(key, [['createddate', when]])) {
      return it.raise('IllegalArgumentException', `Invalid record id: ${it.str(id ?? null)}`, pos);
    }
    return null;
  },
  geteventbus: (_it, _s, a) => (a.length === 0 ? new NativeObject(TEST_BROKER, null) : NO_METHOD)
};

/** Whether the running user holds `permission`: granted to the run (--permission) or through an assigned permission set. */
function hasCustomPermission(it: Interpreter, permission: string): boolean {
  const name = permission.toLowerCase();
  if (it.ctx.permissions.has(name)) {
    return true;
  }
  const s = it.ctx.store as Store | undefined;
  const user = it.ctx.runningUserId;
  for (const row of s?.tables.get('permissionsetassignment')?.values() ?? []) {
    if (row.get('assigneeid') !== user) {
      continue;
    }
    const psId = row.get('permissionsetid');
    const psName = typeof psId === 'string' ? s?.get(psId)?.get('name') : undefined;
    const ps = typeof psName === 'string' ? it.registry.permissionSets.get(psName.toLowerCase()) : undefined;
    if (ps?.customPermissions.has(name)) {
      return true;
    }
  }
  return false;
}

export const FEATURE_MANAGEMENT_STATICS: Record<string, Native> = {
  checkpermission: (it, _s, a, pos) => (a.length === 1 ? hasCustomPermission(it, str(it, a[0], pos)) : NO_METHOD)
};

/** Trigger.new, Trigger.old, Trigger.newMap, Trigger.oldMap, Trigger.isBefore, … of the innermost running trigger. */
export function triggerField(it: Interpreter, name: string, pos: Pos): Value {
  const t = it.ctx.triggerStack[it.ctx.triggerStack.length - 1];
  const lower = name.toLowerCase();
  if (!t) {
    return lower.startsWith('is') ? false : null;
  }
  // Apex Reference Guide "Trigger Class": operationType is the System.TriggerOperation of the current event
  // (BEFORE_INSERT, …).
  const [when = '', what = ''] = t.event.split(' ');
  switch (lower) {
    case 'new':
      return t.newList;
    case 'old':
      return t.oldList;
    case 'newmap':
      return t.newMap;
    case 'oldmap':
      return t.oldMap;
    case 'isbefore':
      return when === 'before';
    case 'isafter':
      return when === 'after';
    case 'isinsert':
      return what === 'insert';
    case 'isupdate':
      return what === 'update';
    case 'isdelete':
      return what === 'delete';
    case 'isundelete':
      return what === 'undelete';
    case 'isexecuting':
      return true;
    case 'size':
      return (t.newList ?? t.oldList)?.items.length ?? 0;
    case 'operationtype':
      return it.registry.systemEnum('TriggerOperation').value(t.event.replace(' ', '_').toUpperCase()) ?? null;
    default:
      throw new RuntimeGap(`Trigger.${name}`, pos);
  }
}
