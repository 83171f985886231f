/**
 * SOSL statement text → ParsedSosl (SOQL and SOSL Reference, "SOSL Syntax", "FIND {SearchQuery}", "IN SearchGroup",
 * "RETURNING FieldSpec", "LIMIT n", "WITH …"). Used for inline `[FIND …]` (binds already replaced by
 * `:localOrgBindN`, see ast/build-soql.ts) and for `Search.query(text)`.
 *
 * Each RETURNING object becomes one SOQL query over the search's candidate records,
 * `SELECT <fields> FROM <object> WHERE Id IN :localOrgSoslIds AND (<where>) WITH <mode> ORDER BY <order>`, parsed
 * once here and executed by the SOQL engine (data/soql.ts), so SOSL WHERE/ORDER BY/field lists behave exactly like
 * SOQL's. Per-object LIMIT/OFFSET and the overall LIMIT are applied by data/sosl.ts.
 */
import type { Query } from '@jetstreamapp/soql-parser-js';
import { parseQuery } from './soql-parser.ts';

/** The statement is malformed (a SearchException for dynamic SOSL, a load error inline). */
export class SoslSyntaxError extends Error {}

/** A documented SOSL clause the local org runtime does not implement (a RuntimeGap / load error). */
export class SoslUnsupportedError extends Error {}

/** A literal or a bind (`:name`; inline binds are named localOrgBindN). */
export type SoslValue = { kind: 'literal'; value: string | number } | { kind: 'bind'; name: string };

export type SearchGroup = 'ALL' | 'NAME' | 'EMAIL' | 'PHONE';

export type SoslAccessMode = 'USER_MODE' | 'SYSTEM_MODE' | 'SECURITY_ENFORCED';

export interface SoslReturning {
  object: string;
  /** SELECT … FROM object WHERE Id IN :localOrgSoslIds [AND (where)] [WITH mode] [ORDER BY …]. */
  query: Query;
  hasWhere: boolean;
  hasOrderBy: boolean;
  limit?: SoslValue;
  offset?: SoslValue;
}

export interface ParsedSosl {
  /** The FIND search query: a literal (quotes/braces removed, `\'` decoded) or a bind. */
  find: SoslValue;
  group: SearchGroup;
  returning: SoslReturning[];
  mode?: SoslAccessMode;
  limit?: SoslValue;
}

/** The bind of the candidate record ids in each RETURNING query. */
export const CANDIDATE_IDS_BIND = 'localOrgSoslIds';

interface Tok {
  /** 'id' (identifier, keyword, dotted name), 'str', 'num', 'bind', or the punctuation itself. */
  t: string;
  text: string;
  start: number;
  end: number;
}

function tokenize(src: string, from: number): Tok[] {
  const out: Tok[] = [];
  let i = from;
  while (i < src.length) {
    const ch = src[i] ?? '';
    const start = i;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === "'") {
      i++;
      while (i < src.length && src[i] !== "'") {
        i += src[i] === '\\' ? 2 : 1;
      }
      if (i >= src.length) {
        throw new SoslSyntaxError('unterminated string literal');
      }
      i++;
      out.push({ t: 'str', text: src.slice(start, i), start, end: i });
    } else if (ch === ':') {
      const m = /^:\s*([A-Za-z_][\w.]*)/.exec(src.slice(i));
      if (!m) {
        throw new SoslSyntaxError(`unexpected ':' at ${i}`);
      }
      i += m[0].length;
      out.push({ t: 'bind', text: m[1] ?? '', start, end: i });
    } else if (/[A-Za-z_]/.test(ch)) {
      const m = /^[A-Za-z_][\w.]*/.exec(src.slice(i));
      i += m?.[0].length ?? 1;
      out.push({ t: 'id', text: src.slice(start, i), start, end: i });
    } else if (/[0-9]/.test(ch)) {
      const m = /^[0-9]+(\.[0-9]+)?/.exec(src.slice(i));
      i += m?.[0].length ?? 1;
      out.push({ t: 'num', text: src.slice(start, i), start, end: i });
    } else {
      const two = src.slice(i, i + 2);
      const op = ['!=', '<>', '<=', '>='].includes(two) ? two : ch;
      i += op.length;
      out.push({ t: op, text: op, start, end: i });
    }
  }
  return out;
}

/**
 * The FIND literal's text, decoded like a string literal for `\'` and `\\` (so Apex `'555\\-1212'` is the search query
 * `555\-1212`); every other escape is kept for the search query (`\*`, `\-`, `\"`).
 */
function decodeFindLiteral(raw: string): string {
  return raw.slice(1, -1).replace(/\\(.)/gs, (m, ch: string) => (ch === "'" || ch === '\\' ? ch : m));
}

const UNSUPPORTED_WITH = new Set([
  'DIVISION',
  'DATA',
  'SNIPPET',
  'NETWORK',
  'PRICEBOOKID',
  'METADATA',
  'HIGHLIGHT',
  'SPELL_CORRECTION'
]);

const kw = (tok: Tok | undefined, word: string): boolean => tok?.t === 'id' && tok.text.toUpperCase() === word;

/** Parses a SOSL statement (`FIND 'x' IN … RETURNING … WITH … LIMIT n`). */
export function parseSosl(src: string, options: { mode?: SoslAccessMode } = {}): ParsedSosl {
  const head = /^\s*FIND\s*/i.exec(src);
  if (!head) {
    throw new SoslSyntaxError('a SOSL statement starts with FIND');
  }
  let find: SoslValue;
  let rest = head[0].length;
  const first = src[rest];
  if (first === '{') {
    let i = rest + 1;
    while (i < src.length && src[i] !== '}') {
      i += src[i] === '\\' ? 2 : 1;
    }
    if (i >= src.length) {
      throw new SoslSyntaxError('missing } after the FIND search query');
    }
    find = { kind: 'literal', value: src.slice(rest + 1, i) };
    rest = i + 1;
  } else {
    const tok = tokenize(src, rest)[0];
    if (tok?.t === 'str') {
      find = { kind: 'literal', value: decodeFindLiteral(tok.text) };
    } else if (tok?.t === 'bind') {
      find = { kind: 'bind', name: tok.text };
    } else {
      throw new SoslSyntaxError("FIND needs a search query in quotes ('…'), braces ({…}) or a bind (:x)");
    }
    rest = tok.end;
  }
  const toks = tokenize(src, rest);
  const parsed: ParsedSosl = { find, group: 'ALL', returning: [] };
  const mode: SoslAccessMode | undefined = options.mode;
  let declaredMode: SoslAccessMode | undefined;
  let i = 0;
  const next = (): Tok | undefined => toks[i++];
  const value = (what: string): SoslValue => {
    const tok = next();
    if (tok?.t === 'num' && /^[0-9]+$/.test(tok.text)) {
      return { kind: 'literal', value: Number(tok.text) };
    }
    if (tok?.t === 'bind') {
      return { kind: 'bind', name: tok.text };
    }
    throw new SoslSyntaxError(`${what} needs an integer or a bind`);
  };
  const specs: { object: Tok; inner: Tok[] | undefined }[] = [];
  let seenReturning = false;
  while (i < toks.length) {
    const tok = next();
    const word = tok?.t === 'id' ? tok.text.toUpperCase() : '';
    if (word === 'IN' && !seenReturning && specs.length === 0) {
      const group = next()?.text.toUpperCase() ?? '';
      if (group === 'SIDEBAR') {
        throw new SoslUnsupportedError('IN SIDEBAR FIELDS');
      }
      if (group !== 'ALL' && group !== 'NAME' && group !== 'EMAIL' && group !== 'PHONE') {
        throw new SoslSyntaxError(`unknown search group '${group}'`);
      }
      if (!kw(next(), 'FIELDS')) {
        throw new SoslSyntaxError(`IN ${group} must be followed by FIELDS`);
      }
      parsed.group = group;
    } else if (word === 'RETURNING' && !seenReturning) {
      seenReturning = true;
      for (;;) {
        const object = next();
        if (object?.t !== 'id') {
          throw new SoslSyntaxError('RETURNING needs an object name');
        }
        let inner: Tok[] | undefined;
        if (toks[i]?.t === '(') {
          const open = i;
          let depth = 0;
          do {
            const t = toks[i++];
            if (!t) {
              throw new SoslSyntaxError(`missing ) after RETURNING ${object.text}(`);
            }
            depth += t.t === '(' ? 1 : t.t === ')' ? -1 : 0;
          } while (depth > 0);
          inner = toks.slice(open + 1, i - 1);
        }
        specs.push({ object, inner });
        if (toks[i]?.t !== ',') {
          break;
        }
        i++;
      }
    } else if (word === 'WITH') {
      const what = next()?.text.toUpperCase() ?? '';
      if (what === 'USER_MODE' || what === 'SYSTEM_MODE' || what === 'SECURITY_ENFORCED') {
        declaredMode = what;
      } else if (UNSUPPORTED_WITH.has(what)) {
        throw new SoslUnsupportedError(`WITH ${what}`);
      } else {
        throw new SoslSyntaxError(`unknown WITH clause '${what}'`);
      }
    } else if (word === 'LIMIT' && parsed.limit === undefined) {
      parsed.limit = value('LIMIT');
    } else if (word === 'UPDATE') {
      throw new SoslUnsupportedError(`UPDATE ${toks[i]?.text ?? ''}`.trim());
    } else {
      throw new SoslSyntaxError(`unexpected '${tok?.text ?? ''}'`);
    }
  }
  if (specs.length === 0) {
    throw new SoslUnsupportedError('a search without RETURNING (the IDs of every searchable object)');
  }
  const effectiveMode = declaredMode ?? mode;
  if (effectiveMode) {
    parsed.mode = effectiveMode;
  }
  const seen = new Set<string>();
  for (const spec of specs) {
    const name = spec.object.text.toLowerCase();
    if (seen.has(name)) {
      throw new SoslSyntaxError(`object ${spec.object.text} is repeated in RETURNING`);
    }
    seen.add(name);
    parsed.returning.push(returning(src, spec.object.text, spec.inner, effectiveMode));
  }
  if (parsed.returning.length > 1 && parsed.returning.some((r) => r.offset)) {
    // "OFFSET can be used only when querying a single object."
    throw new SoslSyntaxError('OFFSET can be used only when querying a single object');
  }
  return parsed;
}

const CLAUSES = ['WHERE', 'ORDER', 'LIMIT', 'OFFSET', 'USING'];

/** `Object(fields WHERE … ORDER BY … LIMIT n OFFSET m)` → the composed SOQL query and its limits. */
function returning(
  src: string,
  object: string,
  inner: Tok[] | undefined,
  mode: SoslAccessMode | undefined
): SoslReturning {
  const segments = new Map<string, Tok[]>();
  let current = 'FIELDS';
  segments.set(current, []);
  let depth = 0;
  for (let k = 0; k < (inner ?? []).length; k++) {
    const tok = (inner ?? [])[k];
    if (!tok) {
      continue;
    }
    const word = tok.t === 'id' ? tok.text.toUpperCase() : '';
    if (depth === 0 && CLAUSES.includes(word) && (word !== 'ORDER' || kw(inner?.[k + 1], 'BY'))) {
      if (segments.has(word)) {
        throw new SoslSyntaxError(`${word} appears twice in RETURNING ${object}`);
      }
      current = word;
      segments.set(current, []);
      if (word === 'ORDER') {
        k++;
      }
      continue;
    }
    depth += tok.t === '(' ? 1 : tok.t === ')' ? -1 : 0;
    segments.get(current)?.push(tok);
  }
  const text = (part: string): string | undefined => {
    const toks = segments.get(part);
    const firstTok = toks?.[0];
    const lastTok = toks?.[toks.length - 1];
    return firstTok && lastTok ? src.slice(firstTok.start, lastTok.end) : undefined;
  };
  if (segments.has('USING')) {
    throw new SoslUnsupportedError(`USING ListView in RETURNING ${object}`);
  }
  const fields = text('FIELDS');
  if (inner && !fields) {
    // "If you want to specify a WHERE clause, you must include a FieldList with at least one specified field."
    throw new SoslSyntaxError(`RETURNING ${object}(…) needs a field list`);
  }
  const where = text('WHERE');
  const orderBy = text('ORDER');
  const soql =
    `SELECT ${fields ?? 'Id'} FROM ${object} WHERE Id IN :${CANDIDATE_IDS_BIND}` +
    (where ? ` AND (${where})` : '') +
    (mode ? ` WITH ${mode}` : '') +
    (orderBy ? ` ORDER BY ${orderBy}` : '');
  let query: Query;
  try {
    // ignoreParseErrors spelt out: see SOQL_PARSE_OPTIONS in build-soql.ts (a new parser per call otherwise).
    query = parseQuery(soql, { allowApexBindVariables: true, ignoreParseErrors: false });
  } catch (e) {
    throw new SoslSyntaxError(`RETURNING ${object}: ${(e as Error).message.split('\n')[0] ?? 'parse error'}`);
  }
  const out: SoslReturning = { object, query, hasWhere: where !== undefined, hasOrderBy: orderBy !== undefined };
  const clauseValue = (name: 'LIMIT' | 'OFFSET'): SoslValue | undefined => {
    const toks = segments.get(name);
    if (!toks) {
      return undefined;
    }
    const [tok, extra] = toks;
    if (extra || !tok) {
      throw new SoslSyntaxError(`${name} in RETURNING ${object} needs one integer or bind`);
    }
    if (tok.t === 'num' && /^[0-9]+$/.test(tok.text)) {
      return { kind: 'literal', value: Number(tok.text) };
    }
    if (tok.t === 'bind') {
      return { kind: 'bind', name: tok.text };
    }
    throw new SoslSyntaxError(`${name} in RETURNING ${object} needs an integer or a bind`);
  };
  const limit = clauseValue('LIMIT');
  const offset = clauseValue('OFFSET');
  if (limit) {
    out.limit = limit;
  }
  if (offset) {
    out.offset = offset;
  }
  return out;
}
