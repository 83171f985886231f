/**
 * SOSL against the transaction's store (Apex Developer Guide "SOQL and SOSL Queries", "Adding SOSL Queries to Unit
 * Tests"; SOQL and SOSL Reference "SOSL Syntax", "IN SearchGroup", "RETURNING FieldSpec", "LIMIT n", "SOSL Limits on
 * Search Results"; Apex Developer Guide "Execution Governors and Limits").
 *
 * - In a test, "any SOSL query … returns an empty set of search results" unless Test.setFixedSearchResults gave record
 *   IDs: those "replace the results that would normally be returned by the SOSL query if it were not subject to any
 *   WHERE or LIMIT clauses. If these clauses exist in the SOSL query, they are applied to the list of fixed search
 *   results" (the FIND text and the IN search group are not applied to them).
 * - Outside tests the records of each RETURNING object are matched against the FIND search query (data/sosl-terms.ts)
 *   in the fields of the IN search group.
 * - Each RETURNING object's WHERE, ORDER BY and field list run as SOQL over the candidate ids (data/soql.ts, not counted
 *   as SOQL); then OFFSET, the object's LIMIT, the search engine's per-object truncation (outside tests) and the
 *   overall LIMIT ("results are evenly distributed among the objects returned").
 * - 20 SOSL statements per transaction ("Too many SOSL queries: 21", System.LimitException); at most 2,000 rows.
 */
import type { Pos } from '../ast/nodes.ts';
import { RuntimeGap } from '../values/errors.ts';
import type { DataHost } from './host.ts';
import { prim } from '../values/types.ts';
import { ApexList, ApexSObject, type Value } from '../values/values.ts';
import { normalizeId } from '../schema/ids.ts';
import type { FieldDescribe, SObjectDescribe } from '../schema/schema.ts';
import { runQuery, type BindResolver } from './soql.ts';
import { CANDIDATE_IDS_BIND, type ParsedSosl, type SearchGroup, type SoslValue } from '../ast/sosl-parse.ts';
import {
  SearchTermError,
  SearchTermGap,
  matchesSearch,
  parseSearchQuery,
  tokenize,
  type TermExpr
} from './sosl-terms.ts';
import { countScan, type Row, type Store } from './store.ts';

export const LIMIT_SOSL_QUERIES = 20;
/** "LIMIT … can be up to 2,000 results. If unspecified, the default is the maximum 2,000 results." */
const MAX_ROWS = 2000;
/** "If you query one object only, a maximum of 250 records are returned" (without WHERE or ORDER BY). */
const TRUNCATE_PER_OBJECT = 250;

/**
 * IN NAME FIELDS: fields with nameField = true, plus "Salesforce searches the following fields when using IN NAME
 * FIELDS with these standard objects" (SOQL and SOSL Reference, "IN SearchGroup").
 */
const EXTRA_NAME_FIELDS: Record<string, string[]> = {
  account: ['Website', 'Site', 'NameLocal'],
  asset: ['SerialNumber'],
  case: ['SuppliedName', 'SuppliedCompany', 'Subject'],
  contact: ['AssistantName', 'FirstNameLocal', 'LastNameLocal', 'AccountName'],
  event: ['Subject'],
  lead: ['Company', 'CompanyLocal', 'FirstNameLocal', 'LastNameLocal'],
  note: ['Title'],
  permissionset: ['Label'],
  report: ['Description'],
  tagdefinition: ['NormName'],
  task: ['Subject'],
  user: ['CommunityNickname']
};

/**
 * ALL FIELDS: "Search all searchable fields"; "Numeric fields aren't searchable" (nor date and checkbox fields). Text,
 * text area, email, phone, URL and combobox fields are searched; picklists, ids and lookups are not (the conservative
 * reading: the reference does not list which field types are searchable).
 */
const TEXT_TYPES = new Set(['STRING', 'TEXTAREA', 'EMAIL', 'PHONE', 'URL', 'COMBOBOX']);

function searchedFields(type: SObjectDescribe, group: SearchGroup): FieldDescribe[] {
  const fields = [...type.fields.values()];
  switch (group) {
    case 'EMAIL':
      return fields.filter((f) => f.display === 'EMAIL');
    case 'PHONE':
      return fields.filter((f) => f.display === 'PHONE');
    case 'NAME': {
      const extra = new Set((EXTRA_NAME_FIELDS[type.name.toLowerCase()] ?? []).map((n) => n.toLowerCase()));
      return fields.filter((f) => f.nameField || extra.has(f.name.toLowerCase()));
    }
    case 'ALL':
      return fields.filter((f) => TEXT_TYPES.has(f.display));
  }
}

/**
 * The token lists of a record's searched fields. A phone field also yields its digits as one token: the SOAP API
 * sample "Sample search Call" searches `FIND {4155551212} IN Phone FIELDS` for stored numbers; how else a formatted
 * number is tokenised is not documented, so nothing more (no suffixes, no country-code rewriting) is matched.
 */
function recordTokens(row: Row, fields: FieldDescribe[]): string[][] {
  const out: string[][] = [];
  for (const f of fields) {
    const v = row.get(f.name.toLowerCase());
    if (typeof v !== 'string' || v === '') {
      continue;
    }
    out.push(tokenize(v));
    if (f.display === 'PHONE') {
      const digits = v.replace(/[^0-9]/g, '');
      if (digits !== '') {
        out.push([digits]);
      }
    }
  }
  return out;
}

export interface SoslOptions {
  pos: Pos;
  /** Values of `:name` binds (inline: localOrgBindN). */
  binds: BindResolver;
}

function countSosl(it: DataHost, pos: Pos): void {
  it.ctx.limits.soslQueries++;
  if (it.ctx.limits.soslQueries > LIMIT_SOSL_QUERIES) {
    it.raise('LimitException', `Too many SOSL queries: ${it.ctx.limits.soslQueries}`, pos);
  }
}

function intValue(
  it: DataHost,
  v: SoslValue | undefined,
  binds: BindResolver,
  pos: Pos,
  what: string
): number | undefined {
  if (!v) {
    return undefined;
  }
  const n = v.kind === 'literal' ? v.value : binds(v.name);
  if (n === null) {
    return it.npe(pos);
  }
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
    throw new RuntimeGap(`${what} must be a non-negative Integer, got ${String(n)}`, pos);
  }
  return n;
}

/**
 * The parsed FIND search query. An invalid one is a SearchException, in tests too (the conservative reading: the
 * statement is the same). In tests the text is not used for matching, so what the runtime cannot match (a leading
 * wildcard, CJK text) is no RuntimeGap there: undefined.
 */
function searchText(it: DataHost, sosl: ParsedSosl, opts: SoslOptions): TermExpr | undefined {
  const v = sosl.find.kind === 'literal' ? sosl.find.value : opts.binds(sosl.find.name);
  if (typeof v !== 'string') {
    throw new RuntimeGap(
      `FIND with a ${v === null ? 'null' : 'non-String'} search query (platform behaviour not documented)`,
      opts.pos
    );
  }
  try {
    return parseSearchQuery(v);
  } catch (e) {
    if (e instanceof SearchTermError) {
      return it.raise('SearchException', e.message, opts.pos);
    }
    if (e instanceof SearchTermGap) {
      if (it.ctx.isTest) {
        return undefined;
      }
      throw new RuntimeGap(e.message, opts.pos);
    }
    throw e;
  }
}

/** Candidate ids of one RETURNING object, in search order. */
function candidates(
  it: DataHost,
  store: Store,
  type: SObjectDescribe,
  sosl: ParsedSosl,
  terms: TermExpr | undefined
): string[] {
  if (it.ctx.isTest || !terms) {
    const object = type.name.toLowerCase();
    return (it.ctx.fixedSearchResults ?? []).filter((id) => store.objectOf(id) === object);
  }
  const fields = searchedFields(type, sosl.group);
  const out: string[] = [];
  countScan(store.table(type).size);
  for (const [id, row] of store.table(type)) {
    if (matchesSearch(terms, recordTokens(row, fields))) {
      out.push(id);
    }
  }
  return out;
}

/** "When you set a limit on the entire query, results are evenly distributed among the objects returned." */
function distribute(sizes: number[], limit: number): number[] {
  const taken = sizes.map(() => 0);
  let left = limit;
  let progress = true;
  while (left > 0 && progress) {
    progress = false;
    for (let k = 0; k < sizes.length && left > 0; k++) {
      if ((taken[k] ?? 0) < (sizes[k] ?? 0)) {
        taken[k] = (taken[k] ?? 0) + 1;
        left--;
        progress = true;
      }
    }
  }
  return taken;
}

/** Runs a parsed SOSL statement: one List per RETURNING object, in RETURNING order. */
export function runSosl(it: DataHost, sosl: ParsedSosl, opts: SoslOptions): ApexList {
  countSosl(it, opts.pos);
  const store = it.ctx.store as Store | undefined;
  if (!store) {
    throw new RuntimeGap('SOSL without a data store', opts.pos);
  }
  const terms = searchText(it, sosl, opts);
  const overall = Math.min(intValue(it, sosl.limit, opts.binds, opts.pos, 'LIMIT') ?? MAX_ROWS, MAX_ROWS);
  const perObjectCap = Math.min(Math.floor(MAX_ROWS / sosl.returning.length), TRUNCATE_PER_OBJECT);
  const lists: { type: SObjectDescribe; rows: Value[] }[] = [];
  for (const r of sosl.returning) {
    const type = it.registry.schema.describe(r.object);
    if (!type) {
      throw new RuntimeGap(`sObject type '${r.object}' is not supported`, opts.pos);
    }
    const ids = candidates(it, store, type, sosl, terms);
    const rank = new Map(ids.map((id, k) => [id, k]));
    const result = runQuery(it, r.query, {
      pos: opts.pos,
      sosl: true,
      binds: (name) => (name === CANDIDATE_IDS_BIND ? new ApexList(prim('Id'), ids) : opts.binds(name))
    });
    let rows = result instanceof ApexList ? [...result.items] : [];
    if (!r.hasOrderBy) {
      const at = (v: Value): number => (v instanceof ApexSObject ? (rank.get(normalizeId(v.id ?? '') ?? '') ?? 0) : 0);
      rows.sort((a, b) => at(a) - at(b));
    }
    const offset = intValue(it, r.offset, opts.binds, opts.pos, 'OFFSET') ?? 0;
    const limit = intValue(it, r.limit, opts.binds, opts.pos, 'LIMIT');
    rows = rows.slice(offset, limit === undefined ? undefined : offset + limit);
    if (!it.ctx.isTest) {
      // "SOSL Limits on Search Results": one object → 250 rows unless WHERE or ORDER BY is given (then 2,000);
      // several objects → min(2,000 / n, 250) each.
      const single = sosl.returning.length === 1;
      const cap = single ? (r.hasWhere || r.hasOrderBy ? MAX_ROWS : TRUNCATE_PER_OBJECT) : perObjectCap;
      rows = rows.slice(0, cap);
    }
    lists.push({ type, rows });
  }
  const taken = distribute(
    lists.map((l) => l.rows.length),
    overall
  );
  return new ApexList(
    { kind: 'list', element: { kind: 'sobject', name: 'SObject' } },
    lists.map((l, k) => new ApexList({ kind: 'sobject', name: l.type.name }, l.rows.slice(0, taken[k] ?? 0)))
  );
}
