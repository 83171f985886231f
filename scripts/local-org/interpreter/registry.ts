import type { CompilationUnit, TriggerUnit, TypeRef } from '../ast/nodes.ts';
import { typeRefText } from '../ast/build-types.ts';
import { ClassInfo, EnumInfo, declareType, type TypeInfo } from '../values/classes.ts';
import { RuntimeGap } from '../values/errors.ts';
import { systemClassUnits } from './system-classes.ts';
import { platformCatalog } from '../schema/platform-catalog.ts';
import { Schema } from '../schema/schema.ts';
import { CustomLabels } from '../schema/labels.ts';
import { EMPTY_SITE_METADATA, type SeededUsers, type SiteMetadata } from '../schema/sites.ts';
import type { PermissionSetInfo } from '../schema/permission-sets.ts';
import { OBJECT, prim, primitiveByName, type ApexType } from '../values/types.ts';

/** System exception types the runtime raises or lets Apex code construct, all extending System.Exception. */
export const SYSTEM_EXCEPTIONS = [
  'AssertException',
  'AsyncException',
  'AuraHandledException',
  'CalloutException',
  'DmlException',
  'EmailException',
  'FinalException',
  'IllegalArgumentException',
  'InvalidParameterValueException',
  'JSONException',
  'LimitException',
  'ListException',
  'MathException',
  'NoAccessException',
  'NoDataFoundException',
  'NoSuchElementException',
  'NullPointerException',
  'QueryException',
  'RequiredFeatureMissingException',
  'SearchException',
  'SecurityException',
  'SerializationException',
  'SObjectException',
  'StringException',
  'TypeException',
  'UnexpectedException',
  'UnsupportedOperationException',
  'XmlException'
];

/** Built-in enums (System unless qualified). System.AccessLevel is a class on the platform; an enum here. */
const SYSTEM_ENUMS: Record<string, string[]> = {
  // Apex Reference Guide "LoggingLevel Enum" lists NONE, ERROR … FINEST by verbosity and gives no ordinals; the
  // standard-types jar also has INTERNAL. Declaration order (ordinal()/values()) here is least to most severe after
  // NONE and INTERNAL, as public suites that pass on real orgs rely on (WARN.ordinal() < ERROR.ordinal(); values()[0]
  // is NONE) — unverified.
  LoggingLevel: ['NONE', 'INTERNAL', 'FINEST', 'FINER', 'FINE', 'DEBUG', 'INFO', 'WARN', 'ERROR'],
  RoundingMode: ['CEILING', 'DOWN', 'FLOOR', 'HALF_DOWN', 'HALF_EVEN', 'HALF_UP', 'UNNECESSARY', 'UP'],
  AccessLevel: ['USER_MODE', 'SYSTEM_MODE'],
  // Apex Reference Guide "TriggerOperation Enum": the values listed by their ordinal value.
  TriggerOperation: [
    'BEFORE_INSERT',
    'AFTER_INSERT',
    'BEFORE_UPDATE',
    'AFTER_UPDATE',
    'BEFORE_DELETE',
    'AFTER_DELETE',
    'AFTER_UNDELETE'
  ],
  AccessType: ['CREATABLE', 'READABLE', 'UPDATABLE', 'UPSERTABLE'],
  JSONToken: [
    'END_ARRAY',
    'END_OBJECT',
    'FIELD_NAME',
    'NOT_AVAILABLE',
    'START_ARRAY',
    'START_OBJECT',
    'VALUE_EMBEDDED_OBJECT',
    'VALUE_FALSE',
    'VALUE_NULL',
    'VALUE_NUMBER_FLOAT',
    'VALUE_NUMBER_INT',
    'VALUE_STRING',
    'VALUE_TRUE'
  ],
  Quiddity: [
    'ANONYMOUS',
    'AURA',
    'BATCH_ACS',
    'BATCH_APEX',
    'BATCH_CHUNK_PARALLEL',
    'BATCH_CHUNK_SERIAL',
    'BULK_API',
    'COMMERCE_INTEGRATION',
    'DISCOVERABLE_LOGIN',
    'FUTURE',
    'INBOUND_EMAIL_SERVICE',
    'INVOCABLE_ACTION',
    'IOT',
    'PLATFORM_EVENT_PUBLISH_CALLBACK',
    'POST_INSTALL_SCRIPT',
    'QUEUEABLE',
    'QUICK_ACTION',
    'REMOTE_ACTION',
    'REST',
    'RUNTEST_ASYNC',
    'RUNTEST_DEPLOY',
    'RUNTEST_SYNC',
    'SCHEDULED',
    'SOAP',
    'SYNCHRONOUS',
    'TRANSACTION_FINALIZER_QUEUEABLE',
    'VF'
  ],
  'Schema.SObjectDescribeOptions': ['DEFAULT', 'DEFERRED', 'FULL'],
  // Apex Reference Guide "SOAPType Enum": the values the reference lists (the platform's enum has more).
  'Schema.SoapType': [
    'ANYTYPE',
    'BASE64BINARY',
    'BOOLEAN',
    'DATE',
    'DATETIME',
    'DOUBLE',
    'ID',
    'INTEGER',
    'STRING',
    'TIME'
  ],
  'Schema.DisplayType': [
    'ADDRESS',
    'ANYTYPE',
    'BASE64',
    'BOOLEAN',
    'COMBOBOX',
    'COMPLEXVALUE',
    'CURRENCY',
    'DATACATEGORYGROUPREFERENCE',
    'DATE',
    'DATETIME',
    'DOUBLE',
    'EMAIL',
    'ENCRYPTEDSTRING',
    'ID',
    'INTEGER',
    'LOCATION',
    'LONG',
    'MULTIPICKLIST',
    'PERCENT',
    'PHONE',
    'PICKLIST',
    'REFERENCE',
    'STRING',
    'TEXTAREA',
    'TIME',
    'URL'
  ],
  /** The status codes the local org's DML produces (the platform's enum has several hundred). */
  StatusCode: [
    'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY',
    'CANNOT_UPDATE_CONVERTED_LEAD',
    'DUPLICATE_EXTERNAL_ID',
    'DUPLICATE_VALUE',
    'ENTITY_IS_DELETED',
    'FIELD_CUSTOM_VALIDATION_EXCEPTION',
    'FIELD_INTEGRITY_EXCEPTION',
    'INSUFFICIENT_ACCESS_OR_READONLY',
    'INVALID_CROSS_REFERENCE_KEY',
    'INVALID_FIELD',
    'INVALID_FIELD_FOR_INSERT_UPDATE',
    'INVALID_ID_FIELD',
    'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
    'INVALID_STATUS',
    'INVALID_TYPE',
    'MISSING_ARGUMENT',
    'REQUIRED_FIELD_MISSING',
    'STRING_TOO_LONG',
    'UNKNOWN_EXCEPTION'
  ]
};

/** Built-in types named with their namespace (lower-cased full name → canonical name). */
const QUALIFIED_NATIVES = new Map(
  [
    'Database.SaveResult',
    'Database.UpsertResult',
    'Database.DeleteResult',
    'Database.UndeleteResult',
    'Database.Error',
    'Database.Savepoint',
    'Database.QueryLocator',
    'Database.QueryLocatorIterator',
    'Database.Cursor',
    'Database.BatchableContext',
    'Database.LeadConvert',
    'System.QueueableContext',
    'Database.LeadConvertResult',
    // Only with its prefix: unqualified, Network is the Network SObject here.
    'System.Network',
    // Known as types (parameters, overloads, variables); their methods are RuntimeGaps ("exists on the platform").
    'Database.EmptyRecycleBinResult',
    'Database.MergeResult',
    'Flow.Interview',
    'Invocable.Action',
    'FormulaEval.FormulaInstance',
    'Messaging.Email',
    'Messaging.SingleEmailMessage',
    'Messaging.SendEmailResult',
    'EventBus.TestBroker',
    'Cache.Org',
    'Cache.Session',
    'Cache.Partition',
    'Cache.OrgPartition',
    'Cache.SessionPartition',
    // Static calls only (stdlib/connect-api.ts); its output classes are not implemented.
    'ConnectApi.ChatterUsers',
    'Schema.SObjectType',
    'Schema.SObjectField',
    'Schema.DescribeSObjectResult',
    'Schema.DescribeFieldResult',
    'Schema.PicklistEntry',
    'Schema.ChildRelationship',
    'Schema.FieldSet',
    'Schema.FieldSetMember',
    'System.TimeZone'
  ].map((n) => [n.toLowerCase(), n])
);
/** Simple names that also resolve to the qualified natives above. */
const UNQUALIFIED_NATIVES = new Map(
  [
    'Schema.SObjectType',
    'Schema.SObjectField',
    'Schema.DescribeSObjectResult',
    'Schema.DescribeFieldResult',
    'Schema.PicklistEntry',
    'Schema.ChildRelationship',
    'Schema.FieldSet',
    'Schema.FieldSetMember',
    'Database.Savepoint',
    'System.QueueableContext',
    'System.SchedulableContext',
    'System.OrgLimit',
    'System.SObjectAccessDecision',
    'System.TimeZone'
  ].map((n) => [(n.split('.')[1] ?? n).toLowerCase(), n])
);

/**
 * Native (TypeScript-implemented) System types that can appear in type positions or as static call targets.
 * Lower-cased simple name → canonical name.
 */
export const NATIVE_TYPES = new Map(
  [
    'System',
    'Assert',
    'Math',
    'JSON',
    'JSONParser',
    'Pattern',
    'Matcher',
    'Type',
    'Limits',
    'UserInfo',
    'Test',
    'Database',
    'Schema',
    'FeatureManagement',
    'Trigger',
    'Security',
    'Label',
    'EncodingUtil',
    'Crypto',
    'Request',
    'OrgLimits',
    'Search',
    'URL',
    'UUID',
    'Address',
    'Location',
    'EventBus',
    'Http',
    'HttpRequest',
    'HttpResponse'
  ].map((n) => [n.toLowerCase(), n])
);

/**
 * System.StatusCode: every value the platform defines (read from the apex-ls standard-types jar, alphabetical), or the
 * runtime's own list when the jar is not installed. Ordinals therefore differ from the platform's.
 */
function statusCodes(own: string[]): string[] {
  const members = platformCatalog()?.members.get('system.statuscode');
  if (!members) {
    return own;
  }
  const fromJar = [...members].filter((n) => /^[a-z0-9_]+$/.test(n) && n !== 'values' && n !== 'valueof');
  return [...new Set([...own, ...fromJar.map((n) => n.toUpperCase())])].sort();
}

/** Built-in generic interfaces: their type arguments are resolved (so unknown types are still errors) and dropped. */
const GENERIC_INTERFACES = new Set([
  'database.batchable',
  'comparator',
  'system.comparator',
  'iterator',
  'system.iterator',
  'iterable',
  'system.iterable'
]);

const CACHE_EXCEPTIONS = [
  'Cache.Org.OrgCacheException',
  'Cache.Session.SessionCacheException',
  'Cache.InvalidParamException',
  'Cache.ItemSizeLimitExceededException',
  'Cache.PlatformCacheInvalidOperationException'
];

/**
 * The EventBus namespace's exceptions, known by their qualified names only: RetryableException (Platform Events
 * Developer Guide, "Retry Event Triggers with EventBus.RetryableException"; constructible with a message, which
 * becomes TriggerContext.lastError) and InvalidReplayIdException (thrown by TriggerContext.setResumeCheckpoint for a
 * replay ID not in the batch: "Resume a Platform Event Trigger After an Uncaught Exception").
 */
const EVENTBUS_EXCEPTIONS = ['EventBus.RetryableException', 'EventBus.InvalidReplayIdException'];

export type ResolvedName =
  { kind: 'type'; type: ApexType } | { kind: 'namespace'; name: 'System' | 'Schema' | 'Cache' | 'ConnectApi' };

export class TypeRegistry {
  readonly topLevel = new Map<string, TypeInfo>();
  readonly system = new Map<string, TypeInfo>();
  readonly exception: ClassInfo;
  /** Built-in interfaces with a namespace (Database.Batchable, Database.Stateful, …), by lower-cased full name. */
  readonly builtinInterfaces = new Map<string, ClassInfo>();
  /** The project's triggers (set by the loader). */
  triggers: TriggerUnit[] = [];
  /** The project's custom labels (set by the loader). */
  labels = new CustomLabels();
  /** The project's permission sets by lower-cased name (set by the loader). */
  permissionSets = new Map<string, PermissionSetInfo>();
  /** Sites, profiles and platform event subscriber configs of the project (set by the loader; schema/sites.ts). */
  sites: SiteMetadata = EMPTY_SITE_METADATA;
  /** Seeded users the runtime itself looks up (data/seed.ts): the Automated Process user, site guest users by username. */
  seededUsers: SeededUsers = { automatedProcess: undefined, guests: new Map() };
  /**
   * resolve's memo: per type reference, the class it was first resolved from and its type (a type reference is almost
   * always resolved from one class: the one it is written in), then any other classes'.
   */
  private readonly cache = new WeakMap<
    TypeRef,
    { from: ClassInfo | undefined; type: ApexType; others?: Map<ClassInfo | undefined, ApexType> }
  >();
  private readonly nameCache = new Map<ClassInfo | undefined, Map<string, ResolvedName | null>>();
  /** Set once every type is declared and linked: names resolved before (while linking) are not memoized. */
  private linked = false;

  constructor(
    units: CompilationUnit[],
    /** The org's SObjects; an empty schema (standard objects only) when not given. */
    readonly schema: Schema = new Schema()
  ) {
    this.exception = new ClassInfo('class', 'Exception', 'System.Exception', '<system>');
    this.system.set('exception', this.exception);
    for (const name of SYSTEM_EXCEPTIONS) {
      const cls = new ClassInfo('class', name, `System.${name}`, '<system>');
      cls.superclass = this.exception;
      this.system.set(name.toLowerCase(), cls);
    }
    for (const full of [
      'Database.Batchable',
      'Database.Stateful',
      'Database.AllowsCallouts',
      'Database.RaisesPlatformEvents',
      'System.Comparable',
      'System.Queueable',
      'System.Schedulable',
      // Interfaces project classes implement (Apex Reference Guide "System Namespace"); the runtime's own context
      // objects of the same name are assignable to them (values/types.ts isAssignable). Implementing one does not make
      // the runtime call it (HttpCalloutMock, StubProvider, Finalizer, InstallHandler): the calls that would are
      // RuntimeGaps.
      'System.Comparator',
      'System.Iterator',
      'System.Iterable',
      'System.Callable',
      'System.InstallHandler',
      'System.Finalizer',
      'System.FinalizerContext',
      'System.HttpCalloutMock',
      'System.StubProvider',
      'System.QueueableContext',
      'System.SchedulableContext',
      'Database.BatchableContext',
      'Cache.CacheBuilder',
      // Apex publish callbacks (Platform Events Developer Guide, "Apex Publish Callback Class"): stdlib/events.ts
      // calls onFailure/onSuccess of an instance passed to EventBus.publish(event(s), callback).
      'EventBus.EventPublishFailureCallback',
      'EventBus.EventPublishSuccessCallback'
    ]) {
      const info = new ClassInfo('interface', full.split('.')[1] ?? full, full, '<system>');
      this.builtinInterfaces.set(full.toLowerCase(), info);
      if (full.startsWith('System.')) {
        this.builtinInterfaces.set(info.name.toLowerCase(), info);
      }
    }
    const systemClasses = systemClassUnits().map(({ unit, namespace }) =>
      declareType(unit.type, unit.file, undefined, namespace)
    );
    for (const info of systemClasses) {
      // System classes by simple name; other namespaces' (Database.DMLOptions) by qualified name, inner types too.
      if (info.fullName.startsWith('System.')) {
        this.system.set(info.name.toLowerCase(), info);
      } else if (info instanceof ClassInfo) {
        this.system.set(info.fullName.toLowerCase(), info);
        for (const inner of info.inner.values()) {
          this.system.set(inner.fullName.toLowerCase(), inner);
        }
      }
    }
    for (const [name, own] of Object.entries(SYSTEM_ENUMS)) {
      const values = name === 'StatusCode' ? statusCodes(own) : own;
      const simple = name.includes('.') ? (name.split('.')[1] ?? name) : name;
      this.system.set(simple.toLowerCase(), new EnumInfo(simple, name.includes('.') ? name : `System.${name}`, values));
    }
    // The Cache namespace's enum and exceptions (Apex Reference Guide "Cache Namespace"), known by their qualified
    // names only.
    this.system.set('cache.visibility', new EnumInfo('Visibility', 'Cache.Visibility', ['ALL', 'NAMESPACE']));
    for (const full of [...CACHE_EXCEPTIONS, ...EVENTBUS_EXCEPTIONS]) {
      const cls = new ClassInfo('class', full.split('.').pop() ?? full, full, '<system>');
      cls.superclass = this.exception;
      this.system.set(full.toLowerCase(), cls);
    }
    for (const unit of units) {
      const info = declareType(unit.type, unit.file);
      const key = info.name.toLowerCase();
      const existing = this.topLevel.get(key);
      if (existing) {
        const file = existing instanceof ClassInfo ? existing.file : (existing.decl?.pos.file ?? '?');
        throw new RuntimeGap(`Duplicate type '${info.name}' (${file} and ${unit.file})`, unit.type.pos);
      }
      this.topLevel.set(key, info);
    }
    for (const info of [...systemClasses, ...this.topLevel.values()]) {
      this.link(info);
    }
    this.linked = true;
  }

  systemException(name: string): ClassInfo {
    const info = this.system.get(name.toLowerCase());
    if (!(info instanceof ClassInfo)) {
      throw new Error(`No system exception ${name}`);
    }
    return info;
  }

  systemEnum(name: string): EnumInfo {
    const info = this.system.get(name.toLowerCase());
    if (!(info instanceof EnumInfo)) {
      throw new Error(`No system enum ${name}`);
    }
    return info;
  }

  /** Resolves extends/implements of a declared type and its inner types. */
  private link(info: TypeInfo): void {
    if (info instanceof EnumInfo) {
      return;
    }
    const decl = info.decl;
    if (decl?.kind === 'class') {
      if (decl.extendsType) {
        const sup = this.resolve(decl.extendsType, info.outer ?? info);
        if (sup.kind !== 'class') {
          throw new RuntimeGap(`'${typeRefText(decl.extendsType)}' is not a class`, decl.extendsType.pos);
        }
        info.superclass = sup.cls;
      }
      info.interfaces = decl.implementsTypes.map((t) => this.resolveClass(t, info));
    } else if (decl?.kind === 'interface') {
      info.interfaces = decl.extendsTypes.map((t) => this.resolveClass(t, info));
    }
    for (const inner of info.inner.values()) {
      this.link(inner);
    }
  }

  private resolveClass(t: TypeRef, from: ClassInfo): ClassInfo {
    const r = this.resolve(t, from);
    if (r.kind !== 'class') {
      throw new RuntimeGap(`'${typeRefText(t)}' is not an interface or class`, t.pos);
    }
    return r.cls;
  }

  /** Finds a declared or system type by simple name as seen from inside `from`. */
  lookupSimple(name: string, from?: ClassInfo): TypeInfo | undefined {
    const lower = name.toLowerCase();
    for (let c = from; c; c = c.outer) {
      if (c.name.toLowerCase() === lower && !c.isBuiltin) {
        return c;
      }
      for (const k of c.chain()) {
        const inner = k.inner.get(lower);
        if (inner) {
          return inner;
        }
      }
    }
    return this.topLevel.get(lower) ?? this.system.get(lower);
  }

  /**
   * Resolves a dotted name used in an expression or type position; undefined if it names no type. After a `System.` or
   * `Schema.` prefix (`inNamespace`) only platform types are looked at: a project class named `Type` or `Account` does
   * not hide `System.Type` or `Schema.Account` (Apex Developer Guide "Using the System Namespace": a custom class with
   * a built-in class's name wins unless the System prefix is written; Apex Developer Guide "Using the Schema
   * Namespace": `Schema.X` is the sObject when a class is named X).
   */
  resolveName(names: string[], from?: ClassInfo, inNamespace = false): ResolvedName | undefined {
    // Memoized per class: expressions resolve `Foo` in `Foo.bar()` on every evaluation, and the types are all declared
    // and linked by the constructor (the schema memoizes its answers too). Misses are kept as well: `Label.X` and
    // `Schema.SObjectType.Task` ask for a type named `Label.X` on every evaluation before reading the field.
    if (!this.linked) {
      return this.resolveNameUncached(names, from, inNamespace);
    }
    let perClass = this.nameCache.get(from);
    if (!perClass) {
      perClass = new Map();
      this.nameCache.set(from, perClass);
    }
    const key = names.length === 1 && !inNamespace ? (names[0] ?? '') : `${inNamespace ? 'ns:' : ''}${names.join('.')}`;
    const cached = perClass.get(key);
    if (cached !== undefined) {
      return cached ?? undefined;
    }
    const resolved = this.resolveNameUncached(names, from, inNamespace);
    perClass.set(key, resolved ?? null);
    return resolved;
  }

  private resolveNameUncached(
    names: string[],
    from: ClassInfo | undefined,
    inNamespace: boolean
  ): ResolvedName | undefined {
    const [first, ...rest] = names;
    if (first === undefined) {
      return undefined;
    }
    if (rest.length === 0) {
      const p = primitiveByName(first);
      if (p) {
        return { kind: 'type', type: prim(p) };
      }
    }
    const builtin = this.builtinInterfaces.get(names.join('.').toLowerCase());
    if (builtin) {
      return { kind: 'type', type: { kind: 'class', cls: builtin } };
    }
    const qualified = QUALIFIED_NATIVES.get(names.join('.').toLowerCase());
    if (qualified) {
      return { kind: 'type', type: { kind: 'native', name: qualified } };
    }
    const qualifiedSystem = names.length > 1 ? this.system.get(names.join('.').toLowerCase()) : undefined;
    if (qualifiedSystem) {
      return {
        kind: 'type',
        type:
          qualifiedSystem instanceof ClassInfo
            ? { kind: 'class', cls: qualifiedSystem }
            : { kind: 'enum', en: qualifiedSystem }
      };
    }
    let info = inNamespace ? this.system.get(first.toLowerCase()) : this.lookupSimple(first, from);
    if (!info) {
      const lowerFirst = first.toLowerCase();
      if (lowerFirst === 'cache' && rest.length === 0 && !inNamespace) {
        return { kind: 'namespace', name: 'Cache' };
      }
      if (lowerFirst === 'connectapi' && rest.length === 0 && !inNamespace) {
        return { kind: 'namespace', name: 'ConnectApi' };
      }
      if (!inNamespace && (lowerFirst === 'system' || lowerFirst === 'schema')) {
        if (rest.length === 0) {
          return { kind: 'namespace', name: lowerFirst === 'system' ? 'System' : 'Schema' };
        }
        return this.resolveName(rest, undefined, true);
      }
      if (rest.length === 0) {
        const unqualified = UNQUALIFIED_NATIVES.get(lowerFirst);
        if (unqualified) {
          return { kind: 'type', type: { kind: 'native', name: unqualified } };
        }
        if (lowerFirst === 'sobject') {
          return { kind: 'type', type: { kind: 'sobject', name: 'SObject' } };
        }
      }
      const native = NATIVE_TYPES.get(first.toLowerCase());
      if (native && rest.length === 0) {
        return { kind: 'type', type: { kind: 'native', name: native === 'Type' ? 'System.Type' : native } };
      }
      const d = rest.length === 0 ? this.schema.describe(first) : undefined;
      if (d) {
        return { kind: 'type', type: { kind: 'sobject', name: d.name } };
      }
      return undefined;
    }
    for (const part of rest) {
      if (!(info instanceof ClassInfo)) {
        return undefined;
      }
      const next: TypeInfo | undefined = info.inner.get(part.toLowerCase());
      if (!next) {
        return undefined;
      }
      info = next;
    }
    return {
      kind: 'type',
      type: info instanceof ClassInfo ? { kind: 'class', cls: info } : { kind: 'enum', en: info }
    };
  }

  /** Resolves a type reference from source; throws a RuntimeGap naming file:line for unknown types. */
  resolve(t: TypeRef, from?: ClassInfo): ApexType {
    const cached = this.cache.get(t);
    if (cached) {
      if (cached.from === from) {
        return cached.type;
      }
      const other = cached.others?.get(from);
      if (other) {
        return other;
      }
    }
    const resolved = this.resolveUncached(t, from);
    const entry = this.cache.get(t);
    if (!entry) {
      this.cache.set(t, { from, type: resolved });
    } else {
      (entry.others ??= new Map()).set(from, resolved);
    }
    return resolved;
  }

  private resolveUncached(t: TypeRef, from?: ClassInfo): ApexType {
    if (t.arrayDims > 0) {
      return { kind: 'list', element: this.resolve({ ...t, arrayDims: t.arrayDims - 1 }, from) };
    }
    const simple = t.names.length === 1 ? (t.names[0] ?? '').toLowerCase() : '';
    const args = t.args.map((a) => this.resolve(a, from));
    if (simple === 'list' || simple === 'set') {
      if (args.length !== 1) {
        throw new RuntimeGap(`${typeRefText(t)} needs one type argument`, t.pos);
      }
      return { kind: simple, element: args[0] ?? OBJECT };
    }
    if (simple === 'map') {
      if (args.length !== 2) {
        throw new RuntimeGap(`${typeRefText(t)} needs two type arguments`, t.pos);
      }
      return { kind: 'map', key: args[0] ?? OBJECT, value: args[1] ?? OBJECT };
    }
    if (args.length > 0 && !GENERIC_INTERFACES.has(t.names.join('.').toLowerCase())) {
      throw new RuntimeGap(`generic type '${typeRefText(t)}'`, t.pos);
    }
    const r = this.resolveName(t.names, from);
    if (!r || r.kind !== 'type') {
      throw new RuntimeGap(
        `Unknown type '${typeRefText(t)}' (not declared in the project, and not a system type the local org runtime implements)`,
        t.pos
      );
    }
    return r.type;
  }
}
