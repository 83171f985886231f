/**
 * The local org as the server uses it: every operation runs in its own transaction on a copy of the committed data
 * and is committed only when it succeeds (then jobs it queued run, as after an Apex REST request, the store is
 * saved, and the platform events it published go to `onEvents`, which the server delivers after answering). Records, SOQL and DML go through the runtime, so triggers and validations run as they do for Apex.
 */
import type { Query } from '@jetstreamapp/soql-parser-js';
import type { Pos } from '../ast/nodes.ts';
import { parseSoql } from '../ast/build-soql.ts';
import { executeDml, type DmlKind, type DmlResult } from '../data/dml.ts';
import { runQuery } from '../data/soql.ts';
import type { Store } from '../data/store.ts';
import { ApexThrow, RuntimeGap } from '../values/errors.ts';
import type { Interpreter } from '../interpreter/interpreter.ts';
import { ApexList, ApexSObject, type Value } from '../values/values.ts';
import type { RestLimits } from '../rest.ts';
import type { LocalOrg } from '../runtime.ts';
import { normalizeId } from '../schema/ids.ts';
import type { SObjectDescribe } from '../schema/schema.ts';
import { runPendingJobs } from '../stdlib/async.ts';
import { takePublishedEvents } from '../stdlib/event-queue.ts';
import { parseJson } from '../stdlib/json.ts';
import { convertJson } from '../stdlib/json-typed.ts';
import { HttpError } from './http.ts';

export const SERVER_POS: Pos = { file: '<local-org server>', line: 1, column: 1 };

/** Text of an uncaught Apex exception: "System.DmlException: message". */
export function apexMessage(e: ApexThrow): { type: string; message: string } {
  const data = e.exception.exception;
  return { type: e.exception.cls.fullName, message: data?.message ?? e.exception.cls.fullName };
}

export function usageOf(it: Interpreter): RestLimits {
  const l = it.ctx.limits;
  return {
    soqlQueries: l.queries,
    queryRows: l.queryRows,
    soslQueries: l.soslQueries,
    dmlStatements: l.dmlStatements,
    dmlRows: l.dmlRows,
    cpuTimeMs: Date.now() - l.cpuStart
  };
}

export class OrgService {
  private readonly parsed = new Map<string, Query>();
  /** Receives the platform events a committed transaction published (the server delivers them after answering). */
  onEvents: (events: ApexSObject[]) => void = () => undefined;

  constructor(
    readonly org: LocalOrg,
    /** Called after every commit (saves the store when --data is given). */
    private readonly onCommit: () => void = () => undefined
  ) {}

  /** Runs `body` in a new transaction; commits when it returns and `commit(result)` agrees, else rolls back. */
  run<T>(
    body: (it: Interpreter) => T,
    options: { quiddity?: string; language?: string; commit?: (result: T) => boolean } = {}
  ): T {
    const it = this.org.transaction();
    if (options.quiddity) {
      it.ctx.quiddity = options.quiddity;
    }
    if (options.language) {
      it.ctx.sessionLanguage = options.language;
    }
    const result = body(it);
    if (options.commit ? options.commit(result) : true) {
      this.commit(it);
    }
    return result;
  }

  /** Makes the transaction's data the org's, runs the jobs it queued, commits their work too, and saves. */
  commit(it: Interpreter): void {
    this.org.commit(it.ctx.store as Store);
    if (it.ctx.pendingJobs.length > 0) {
      runPendingJobs(it);
      this.org.commit(it.ctx.store as Store);
    }
    this.onCommit();
    this.onEvents(takePublishedEvents(it.ctx, true));
  }

  /** Called by the Apex REST route after invokeRest committed on its own. */
  committedElsewhere(): void {
    this.onCommit();
  }

  describe(name: string): SObjectDescribe {
    const d = this.org.registry.schema.describe(name);
    if (!d) {
      throw new HttpError(
        404,
        'NOT_FOUND',
        `The requested resource does not exist: sObject type '${name}' is not supported.`
      );
    }
    return d;
  }

  /** The stored row of `id` when it is a record of `type`. */
  row(type: SObjectDescribe, id: string): Map<string, Value> {
    const full = normalizeId(id);
    const object = full ? this.org.data.objectOf(full) : undefined;
    const row = full ? this.org.data.get(full) : undefined;
    if (!full || !row || object !== type.name.toLowerCase()) {
      throw new HttpError(404, 'NOT_FOUND', 'The requested resource does not exist');
    }
    return row;
  }

  /** A record of `type` from a REST body (field names as keys); unknown fields are 400 INVALID_FIELD. */
  recordFromJson(it: Interpreter, type: SObjectDescribe, body: unknown): ApexSObject {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new HttpError(400, 'JSON_PARSER_ERROR', 'The request body must be a JSON object of field values');
    }
    for (const key of Object.keys(body)) {
      const f = type.fields.get(key.toLowerCase());
      if (key !== 'attributes' && !f) {
        throw new HttpError(400, 'INVALID_FIELD', `No such column '${key}' on sobject of type ${type.name}`);
      }
    }
    try {
      const parsed = parseJson(it, JSON.stringify(body), SERVER_POS);
      const rec = convertJson(it, parsed, { kind: 'sobject', name: type.name }, true, SERVER_POS);
      if (!(rec instanceof ApexSObject)) {
        throw new HttpError(400, 'JSON_PARSER_ERROR', 'The request body must be a JSON object of field values');
      }
      return rec;
    } catch (e) {
      if (e instanceof ApexThrow) {
        throw new HttpError(400, 'JSON_PARSER_ERROR', apexMessage(e).message);
      }
      throw e;
    }
  }

  /**
   * One DML operation on one record, in its own transaction: committed when it succeeds; a failure is a 400 with
   * the platform's status code (a trigger's uncaught exception: CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY).
   */
  dml(op: DmlKind, type: SObjectDescribe, build: (it: Interpreter) => ApexSObject): DmlResult {
    return this.run(
      (it) => {
        const rec = build(it);
        let results: DmlResult[];
        try {
          results = executeDml(it, op, [rec], { allOrNone: false, pos: SERVER_POS });
        } catch (e) {
          if (e instanceof ApexThrow) {
            const { type: exType, message } = apexMessage(e);
            throw new HttpError(
              400,
              'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY',
              `${type.name}: execution of ${op} caused by: ${exType}: ${message}`
            );
          }
          throw e;
        }
        const result = results[0];
        const error = result?.errors[0];
        if (!result || !result.success) {
          throw new HttpError(
            400,
            error?.statusCode ?? 'UNKNOWN_EXCEPTION',
            error?.message ?? 'DML failed',
            error?.fields ?? []
          );
        }
        return result;
      },
      { quiddity: 'REST' }
    );
  }

  /** The parsed query (parsing takes tens of ms: the last few hundred are kept); malformed SOQL is a 400. */
  parse(soql: string): Query {
    const cached = this.parsed.get(soql);
    if (cached) {
      return cached;
    }
    let parsed: Query;
    try {
      parsed = parseSoql(soql);
    } catch (e) {
      throw new HttpError(400, 'MALFORMED_QUERY', (e as Error).message.split('\n')[0] ?? 'malformed query');
    }
    if (this.parsed.size >= 500) {
      this.parsed.delete(this.parsed.keys().next().value ?? '');
    }
    this.parsed.set(soql, parsed);
    return parsed;
  }

  /** Runs a SOQL query in `it` (read-only callers pass a fresh transaction); SOQL errors are 400s. */
  query(it: Interpreter, soql: string): ApexSObject[] | number {
    const parsed = this.parse(soql);
    if (/^(ScratchOrgInfo|ActiveScratchOrg)$/i.test(parsed.sObject ?? '')) {
      // A 2xx here makes sf treat the org as a Dev Hub (docs/toolchain.md).
      throw new HttpError(400, 'INVALID_TYPE', `sObject type '${parsed.sObject ?? ''}' is not supported.`);
    }
    if (!this.org.registry.schema.describe(parsed.sObject ?? '')) {
      throw new HttpError(400, 'INVALID_TYPE', `sObject type '${parsed.sObject ?? ''}' is not supported.`);
    }
    try {
      const result = runQuery(it, parsed, {
        pos: SERVER_POS,
        binds: (name) =>
          it.raise('QueryException', `Bind variables are not allowed in REST queries: ${name}`, SERVER_POS)
      });
      if (typeof result === 'number') {
        return result;
      }
      return result instanceof ApexList ? result.items.filter((r): r is ApexSObject => r instanceof ApexSObject) : [];
    } catch (e) {
      if (e instanceof ApexThrow) {
        throw new HttpError(400, 'MALFORMED_QUERY', apexMessage(e).message);
      }
      if (e instanceof RuntimeGap) {
        const invalidField = /No such column|Didn't understand relationship/.test(e.message);
        throw new HttpError(400, invalidField ? 'INVALID_FIELD' : 'LOCAL_ORG_RUNTIME_GAP', e.message);
      }
      throw e;
    }
  }
}
