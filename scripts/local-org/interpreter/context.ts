import type { Pos } from '../ast/nodes.ts';
import type { DataContext, TriggerContext } from '../data/host.ts';
import type { Store } from '../data/store.ts';
import type { ClassInfo } from '../values/classes.ts';
import { SeededRandom } from './random.ts';
import { RowLocks } from '../data/row-locks.ts';
import type { Value } from '../values/values.ts';

/** Trigger context variables of one running trigger (the data layer's: data/triggers.ts pushes them). */
export type TriggerFrame = TriggerContext;

/** One entry of the Apex call stack, e.g. label 'Class.MyClass.myMethod'. */
export interface StackEntry {
  label: string;
  pos: Pos;
}

export interface DebugLine {
  level: string;
  message: string;
  pos: Pos;
}

/** An asynchronous job (batch, queueable) waiting to run: see stdlib/async.ts. */
export interface PendingJob {
  jobId: string;
  /** Queued between Test.startTest() and Test.stopTest(): runs at stopTest. */
  afterStartTest: boolean;
  run: () => void;
  /** Request quiddity while it runs (BATCH_APEX, QUEUEABLE, SCHEDULED). */
  quiddity: string;
}

/** Governor limit counters of one transaction. */
export interface LimitCounters {
  queries: number;
  soslQueries: number;
  dmlStatements: number;
  dmlRows: number;
  queryRows: number;
  /** HTTP callouts made (stdlib/http.ts). */
  callouts: number;
  /** Calls of `@future` methods (Limits.getFutureCalls; the runtime runs them at once). */
  futureCalls: number;
  cpuStart: number;
}

export const freshLimits = (now: number): LimitCounters => ({
  queries: 0,
  soslQueries: 0,
  dmlStatements: 0,
  dmlRows: 0,
  queryRows: 0,
  callouts: 0,
  futureCalls: 0,
  cpuStart: now
});

export interface RuntimeOptions {
  /**
   * The org's default time zone (Organization.TimeZoneSidKey), IANA id; Asia/Tokyo by default. Apex date methods use
   * the running user's zone (data/time-zone.ts).
   */
  timeZone: string;
  /** TimeZoneSidKey of the seeded users (the running user among them); the org's time zone when absent. */
  userTimeZone?: string;
  /** LanguageLocaleKey of the seeded running user (custom labels read in it); 'ja' when absent. */
  language?: string;
  /** Fixed clock for Datetime.now()/Date.today(), in epoch ms; the real clock when absent. */
  now?: () => number;
  /** Receives System.debug output; collected in the context either way. */
  onDebug?: (line: DebugLine) => void;
}

/**
 * Everything that lives for one Apex transaction: static variables (initialised once per transaction), the call
 * stack, debug output, limits and the data store. A test method runs in a fresh context.
 */
export class TransactionContext implements DataContext {
  readonly statics = new Map<ClassInfo, Map<string, Value>>();
  readonly initialised = new Set<ClassInfo>();
  readonly stack: StackEntry[] = [];
  readonly debug: DebugLine[] = [];
  limits: LimitCounters = freshLimits(Date.now());
  /** The limits before Test.startTest(), restored by Test.stopTest(). */
  outerLimits?: LimitCounters;
  store?: Store;
  isTest = false;
  /** The running test method sees the org's data (@IsTest(SeeAllData=true) on it or its class). */
  seeAllData = false;
  /** Id of the running user (System.runAs switches it). */
  runningUserId?: string;
  organizationId?: string;
  /** Custom permissions granted to the running user (FeatureManagement.checkPermission). */
  permissions = new Set<string>();
  /** Trigger contexts, innermost last. */
  readonly triggerStack: TriggerFrame[] = [];
  /** Executed lines per file (line coverage). */
  covered?: Map<string, Set<number>>;
  /** Org-wide usage counters shared by every transaction of the org (OrgLimits). */
  orgUsage = { apiRequests: 0 };
  /** Request.getCurrent().getRequestId(), made on first use. */
  requestId?: string;
  /** Request.getCurrent().getQuiddity() name; derived from isTest when unset. */
  quiddity?: string;
  /**
   * The session's language when it differs from the user's LanguageLocaleKey (the local settings page's ja/en
   * switch, sent as Accept-Language); custom labels are read in it.
   */
  sessionLanguage?: string;
  /** Asynchronous jobs queued by this transaction and not run yet. */
  pendingJobs: PendingJob[] = [];
  /** True while a queued job runs (jobs it queues are not run in tests). */
  runningJob = false;
  /** Crypto.getRandom*: the org's seeded generator (set by LocalOrg.transaction). */
  random = new SeededRandom();
  /** Work done since the transaction started, and the amount at which the heap is measured next (heap.ts). */
  heapWork = 0;
  heapNextCheck = 4096;
  /** Setup and non-setup objects written so far in this transaction or System.runAs block (data/mixed-dml.ts). */
  mixedDml: { setup?: string; other?: string } = {};
  /** Test.setFixedSearchResults: the 18-character ids every later SOSL search of the test method returns. */
  fixedSearchResults?: string[];
  /** Records this transaction locked (FOR UPDATE) and what it knows of concurrent ones (data/row-locks.ts). */
  readonly rowLocks = new RowLocks();

  constructor(readonly options: RuntimeOptions) {}

  /**
   * The transaction's clock. Never earlier than the latest record write: write timestamps are kept strictly
   * increasing (data/store.ts) and may run a few ms ahead of the wall clock, while on the platform a saved
   * CreatedDate/LastModifiedDate (stored to the second) is never later than a following System.now().
   */
  now(): number {
    const clock = this.options.now ? this.options.now() : Date.now();
    const written = this.store?.latestWrite?.() ?? 0;
    return written >= clock ? written + 1 : clock;
  }

  staticsOf(cls: ClassInfo): Map<string, Value> {
    let m = this.statics.get(cls);
    if (!m) {
      m = new Map();
      this.statics.set(cls, m);
    }
    return m;
  }

  /** Apex-format stack trace of the current call stack, innermost first. */
  stackTrace(): string {
    return [...this.stack]
      .reverse()
      .map((e) => `${e.label}: line ${e.pos.line}, column 1`)
      .join('\n');
  }

  currentPos(): Pos | undefined {
    return this.stack[this.stack.length - 1]?.pos;
  }
}
