/**
 * The search query of a SOSL FIND clause and how it matches record text (SOQL and SOSL Reference, "FIND
 * {SearchQuery}", API 67.0):
 *
 * - "The search engine splits record information separated by spaces or punctuation into separate tokens"; "Text
 *   searches are case-insensitive". Tokens here are runs of Unicode letters and digits, lower-cased. A search word that
 *   itself contains punctuation (`mylogin@mycompany.com`) is split the same way and its tokens must be adjacent, in
 *   order (the conservative reading: like a quoted phrase).
 * - Phrases in double quotes match the words "in that order". Words without an operator are combined with AND ("Usually
 *   if an operator isn't specified, AND is the default operator"); AND, OR and AND NOT are case-insensitive; "AND and
 *   AND NOT (evaluated from right to left)" bind tighter than OR; parentheses group.
 * - `*` matches zero or more characters and `?` exactly one, "at the middle or end of your search term"; a wildcard at
 *   the start of a term is not documented (the Tooling API page says it "can't be the first character in a search
 *   term"): a RuntimeGap.
 * - Reserved characters `? & | ! { } [ ] ( ) ^ ~ * : \ " ' + -` "must be escaped … An error occurs if you do not
 *   precede reserved characters with a backslash. This is true even if the SearchQuery is enclosed in double quotes."
 *   `*`, `?`, `"`, `(`, `)` and `\` keep their documented meaning; the others unescaped are a SearchException. An
 *   escaped character that is not a letter or digit separates tokens like any punctuation.
 * - A search text with fewer than two letters or digits: SearchException "search term must be longer than one
 *   character" (the platform's message, as seen in client code and issue threads; not on a reference page).
 * - Chinese/Japanese/Korean/Thai text is segmented morphologically on the platform ("東京都" → "東京", "都"); that is not
 *   implemented: such a search term is a RuntimeGap rather than a silent wrong answer.
 */

/** The search query is invalid on the platform too: raised as System.SearchException. */
export class SearchTermError extends Error {}

/** The search query is valid but uses something the local org runtime does not reproduce: a RuntimeGap. */
export class SearchTermGap extends Error {}

export type TermExpr =
  /** A word or phrase: token patterns that must match adjacent tokens of one field, in order. */
  { kind: 'phrase'; tokens: RegExp[] } | { kind: 'and' | 'or' | 'andNot'; left: TermExpr; right: TermExpr };

const RESERVED_ERROR = new Set(['&', '|', '!', '{', '}', '[', ']', '^', '~', ':', "'", '+', '-']);
const WORD_CHAR = /[\p{L}\p{N}]/u;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/u;

interface Unit {
  ch: string;
  escaped: boolean;
}

type Lexeme =
  | { t: 'word'; units: Unit[]; text: string }
  | { t: 'phrase'; words: Unit[][] }
  | { t: '(' }
  | { t: ')' }
  | { t: 'AND' }
  | { t: 'OR' }
  | { t: 'ANDNOT' };

function lex(text: string): Lexeme[] {
  const out: Lexeme[] = [];
  let i = 0;
  const readUnit = (): Unit => {
    const ch = text[i] ?? '';
    if (ch === '\\') {
      const next = text[i + 1];
      if (next === undefined) {
        throw new SearchTermError(`search query ends with an escape character: ${text}`);
      }
      i += 2;
      return { ch: next, escaped: true };
    }
    if (RESERVED_ERROR.has(ch)) {
      throw new SearchTermError(`reserved character '${ch}' must be escaped with a backslash: ${text}`);
    }
    i++;
    return { ch, escaped: false };
  };
  while (i < text.length) {
    const ch = text[i] ?? '';
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '(' || ch === ')') {
      out.push({ t: ch });
      i++;
    } else if (ch === '"') {
      i++;
      const words: Unit[][] = [[]];
      for (;;) {
        if (i >= text.length) {
          throw new SearchTermError(`Invalid or incomplete phrase: ${text}`);
        }
        const c = text[i] ?? '';
        if (c === '"') {
          i++;
          break;
        }
        if (/\s/.test(c)) {
          words.push([]);
          i++;
        } else {
          words[words.length - 1]?.push(readUnit());
        }
      }
      out.push({ t: 'phrase', words: words.filter((w) => w.length > 0) });
    } else {
      const start = i;
      const units: Unit[] = [];
      while (i < text.length && !/[\s()"]/.test(text[i] ?? '')) {
        units.push(readUnit());
      }
      const word = text.slice(start, i);
      const upper = word.toUpperCase();
      if (upper === 'AND' || upper === 'OR') {
        out.push({ t: upper });
      } else if (upper === 'NOT' && out[out.length - 1]?.t === 'AND') {
        out[out.length - 1] = { t: 'ANDNOT' };
      } else {
        out.push({ t: 'word', units, text: word });
      }
    }
  }
  return out;
}

/** One word → its token patterns (split at punctuation; `*`/`?` unescaped are wildcards). */
function patterns(units: Unit[]): RegExp[] {
  const groups: Unit[][] = [[]];
  for (const u of units) {
    const wildcard = !u.escaped && (u.ch === '*' || u.ch === '?');
    if (wildcard || WORD_CHAR.test(u.ch)) {
      groups[groups.length - 1]?.push(u);
    } else if ((groups[groups.length - 1]?.length ?? 0) > 0) {
      groups.push([]);
    }
  }
  return groups
    .filter((g) => g.length > 0)
    .map((g) => {
      const first = g[0];
      if (first && !first.escaped && (first.ch === '*' || first.ch === '?')) {
        throw new SearchTermGap(
          `a wildcard at the start of a search term (${g.map((u) => u.ch).join('')}) is not documented for SOSL`
        );
      }
      const body = g
        .map((u) =>
          !u.escaped && u.ch === '*'
            ? '[\\p{L}\\p{N}]*'
            : !u.escaped && u.ch === '?'
              ? '[\\p{L}\\p{N}]'
              : u.ch.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
        )
        .join('');
      return new RegExp(`^${body}$`, 'u');
    });
}

/** Parses a FIND search query; throws SearchTermError (invalid) or SearchTermGap (not reproduced). */
export function parseSearchQuery(text: string): TermExpr {
  const letters = [...text].filter((c) => WORD_CHAR.test(c)).length;
  if (letters < 2) {
    throw new SearchTermError(`search term must be longer than one character: ${text}`);
  }
  const lexemes = lex(text);
  let i = 0;
  const fail = (what: string): never => {
    throw new SearchTermError(`${what} in search query: ${text}`);
  };
  const startsOperand = (l: Lexeme | undefined): boolean =>
    l !== undefined && (l.t === 'word' || l.t === 'phrase' || l.t === '(');
  const primary = (): TermExpr => {
    const l = lexemes[i];
    if (l?.t === '(') {
      i++;
      const inner = orExpr();
      if (lexemes[i]?.t !== ')') {
        fail('missing )');
      }
      i++;
      return inner;
    }
    if (l?.t === 'word' || l?.t === 'phrase') {
      i++;
      const tokens = l.t === 'word' ? patterns(l.units) : l.words.flatMap(patterns);
      if (tokens.length === 0) {
        // Only punctuation: nothing to match (and nothing that could match).
        return { kind: 'phrase', tokens: [/^$/u] };
      }
      return { kind: 'phrase', tokens };
    }
    return fail(l ? `unexpected ${l.t}` : 'missing search term');
  };
  // AND and AND NOT are evaluated from right to left: `a AND NOT b AND c` is `a AND NOT (b AND c)`.
  const andExpr = (): TermExpr => {
    const left = primary();
    const l = lexemes[i];
    if (l?.t === 'AND' || l?.t === 'ANDNOT') {
      i++;
      return { kind: l.t === 'AND' ? 'and' : 'andNot', left, right: andExpr() };
    }
    if (startsOperand(l)) {
      return { kind: 'and', left, right: andExpr() };
    }
    return left;
  };
  const orExpr = (): TermExpr => {
    let left = andExpr();
    while (lexemes[i]?.t === 'OR') {
      i++;
      left = { kind: 'or', left, right: andExpr() };
    }
    return left;
  };
  const expr = orExpr();
  if (i < lexemes.length) {
    fail(`unexpected ${lexemes[i]?.t ?? ''}`);
  }
  if (CJK.test(text)) {
    throw new SearchTermGap(
      `morphological tokenization of Chinese/Japanese/Korean/Thai search terms is not implemented (${text})`
    );
  }
  return expr;
}

/** The tokens of one field value: lower-cased runs of letters and digits. */
export function tokenize(value: string): string[] {
  return value
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t !== '');
}

function hasPhrase(tokens: RegExp[], field: string[]): boolean {
  for (let start = 0; start + tokens.length <= field.length; start++) {
    if (tokens.every((p, k) => p.test(field[start + k] ?? ''))) {
      return true;
    }
  }
  return false;
}

/** Whether a record whose searched fields have these token lists matches the search query. */
export function matchesSearch(expr: TermExpr, fields: string[][]): boolean {
  switch (expr.kind) {
    case 'phrase':
      return fields.some((f) => hasPhrase(expr.tokens, f));
    case 'and':
      return matchesSearch(expr.left, fields) && matchesSearch(expr.right, fields);
    case 'andNot':
      return matchesSearch(expr.left, fields) && !matchesSearch(expr.right, fields);
    case 'or':
      return matchesSearch(expr.left, fields) || matchesSearch(expr.right, fields);
  }
}
