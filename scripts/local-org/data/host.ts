/**
 * What the data layer (DML, SOQL, SOSL, triggers, access) needs from the code that runs it, as an interface the data
 * layer owns: the transaction's counters and state, the loaded project (schema, triggers, permission sets), raising
 * an Apex exception, printing a value, running a trigger's body as Apex, and the call stack's sharing keywords.
 * The interpreter implements it (interpreter/interpreter.ts `Interpreter implements DataHost`), so data/ never
 * imports interpreter/ or stdlib/ (dependencies.ts). A query's binds come with the query, as a function that
 * evaluates one in the calling code (data/soql.ts `BindResolver`).
 */
import type { Block, Pos, TriggerEvent, TriggerUnit } from '../ast/nodes.ts';
import type { PermissionSetInfo } from '../schema/permission-sets.ts';
import type { Schema } from '../schema/schema.ts';
import type { SeededUsers, SiteMetadata } from '../schema/sites.ts';
import type { ClassInfo } from '../values/classes.ts';
import type { ApexList, ApexMap, Value } from '../values/values.ts';
import type { Store } from './store.ts';
import type { RowLocks } from './row-locks.ts';

/** Trigger context variables of one running trigger (Apex Developer Guide "Trigger Context Variables"). */
export interface TriggerContext {
  event: TriggerEvent;
  newList: ApexList | null;
  oldList: ApexList | null;
  newMap: ApexMap | null;
  oldMap: ApexMap | null;
}

/** The transaction's state the data layer reads and counts (interpreter/context.ts `TransactionContext`). */
export interface DataContext {
  /** Governor limit counters, raised by each statement and row. */
  readonly limits: { queries: number; queryRows: number; soslQueries: number; dmlStatements: number; dmlRows: number };
  readonly store?: Store;
  readonly runningUserId?: string;
  readonly organizationId?: string;
  readonly isTest: boolean;
  readonly options: { readonly timeZone: string };
  /** Trigger contexts, innermost last (data/triggers.ts pushes one around each trigger). */
  readonly triggerStack: TriggerContext[];
  /** Setup and non-setup objects written so far in this transaction or System.runAs block (data/mixed-dml.ts). */
  readonly mixedDml: { setup?: string; other?: string };
  /** Test.setFixedSearchResults' ids (data/sosl.ts). */
  readonly fixedSearchResults?: string[];
  /** Records locked with FOR UPDATE and what the transaction knows of concurrent ones (data/row-locks.ts). */
  readonly rowLocks: RowLocks;
  /** The transaction's clock, epoch ms. */
  now(): number;
}

/** The loaded project (interpreter/registry.ts `TypeRegistry`). */
export interface DataRegistry {
  readonly schema: Schema;
  readonly triggers: readonly TriggerUnit[];
  /** Sites, guest profiles and subscriber configs (schema/sites.ts). */
  readonly sites: SiteMetadata;
  /** The platform users seeded for them: Automated Process, one guest per site (data/seed.ts). */
  readonly seededUsers: SeededUsers;
  readonly permissionSets: ReadonlyMap<string, PermissionSetInfo>;
}

/** One activation of the running Apex code, as the sharing rules read it (data/access.ts `enforcesSharing`). */
export interface HostFrame {
  readonly cls: ClassInfo;
  /** The stack trace's label: `Class.X.method`, `Trigger.T`. */
  readonly entry: { readonly label: string };
}

export interface DataHost {
  readonly ctx: DataContext;
  readonly registry: DataRegistry;
  /** Throws the named System exception (e.g. 'DmlException') with a message. */
  raise(name: string, message: string | null, pos?: Pos): never;
  /** Throws System.NullPointerException. */
  npe(pos?: Pos): never;
  /** A value as `String.valueOf` prints it. */
  str(v: Value): string;
  /** Runs an Apex block (a trigger's body) in a frame of its own; `label` is its stack trace line. */
  runInFrame(cls: ClassInfo, label: string, body: Block, pos: Pos): void;
  /** Activations, innermost last. */
  readonly frames: readonly HostFrame[];
  /** Index in `frames` of the entry point: 0, or the first frame of a running asynchronous job. */
  readonly entryFrame: number;
}
