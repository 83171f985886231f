/**
 * The shape of a parsed WHERE clause (data/soql.ts): its tokens, made once per clause, and the tree they stand for
 * (NOT binds tighter than AND, AND than OR).
 */
import type { Condition, WhereClause } from '@jetstreamapp/soql-parser-js';

export type Token =
  { t: '(' } | { t: ')' } | { t: 'AND' } | { t: 'OR' } | { t: 'NOT' } | { t: 'cond'; cond: Condition };

/** The tokens of a parsed WHERE clause, made once per clause (a query's clause is evaluated once per row). */
const tokenCache = new WeakMap<WhereClause, Token[]>();

export function tokens(where: WhereClause | undefined): Token[] {
  if (!where) {
    return [];
  }
  let toks = tokenCache.get(where);
  if (!toks) {
    toks = tokenize(where);
    tokenCache.set(where, toks);
  }
  return toks;
}

function tokenize(where: WhereClause | undefined, out: Token[] = []): Token[] {
  if (!where) {
    return out;
  }
  const left = where.left as (Condition & { openParen?: number; closeParen?: number }) | null;
  if (left === null) {
    out.push({ t: 'NOT' });
  } else {
    for (let i = 0; i < (left.openParen ?? 0); i++) {
      out.push({ t: '(' });
    }
    // `(NOT x)` parses as a left holding only the parentheses, with NOT as the clause's operator (SOQL and SOSL
    // Reference "Logical Operators": `AnnualRevenue > 0 AND (NOT Type = 'Prospect')`).
    const parensOnly = !('field' in left) && !('fn' in left) && !('operator' in left);
    if (
      (parensOnly && 'operator' in where && (where.operator as string) === 'NOT') ||
      ('operator' in left && (left.operator as string) === 'NOT' && !('field' in left))
    ) {
      out.push({ t: 'NOT' });
    } else {
      out.push({ t: 'cond', cond: left });
    }
    for (let i = 0; i < (left.closeParen ?? 0); i++) {
      out.push({ t: ')' });
    }
    if ('operator' in where && (where.operator === 'AND' || where.operator === 'OR')) {
      out.push({ t: where.operator });
    }
  }
  if ('right' in where && where.right) {
    tokenize(where.right, out);
  }
  return out;
}

/** A WHERE clause as `matches` reads its tokens (NOT binds tighter than AND, AND than OR). */
export type Clause = { k: 'and' | 'or'; items: Clause[] } | { k: 'not' } | { k: 'cond'; cond: Condition };

/** The clause `matches` evaluates, or undefined where it would fail on the tokens (then the scan reports it). */
export function clause(toks: Token[]): Clause | undefined {
  let i = 0;
  let failed = false;
  const list = (k: 'and' | 'or', items: Clause[]): Clause => (items.length === 1 && items[0] ? items[0] : { k, items });
  const orExpr = (): Clause => {
    const items = [andExpr()];
    while (toks[i]?.t === 'OR') {
      i++;
      items.push(andExpr());
    }
    return list('or', items);
  };
  const andExpr = (): Clause => {
    const items = [notExpr()];
    while (toks[i]?.t === 'AND') {
      i++;
      items.push(notExpr());
    }
    return list('and', items);
  };
  const notExpr = (): Clause => {
    const tok = toks[i];
    if (tok?.t === 'NOT') {
      i++;
      notExpr();
      return { k: 'not' };
    }
    if (tok?.t === '(') {
      i++;
      const v = orExpr();
      i++;
      return v;
    }
    i++;
    if (tok?.t !== 'cond') {
      failed = true;
      return { k: 'not' };
    }
    return { k: 'cond', cond: tok.cond };
  };
  const tree = orExpr();
  return failed ? undefined : tree;
}

/**
 * A clause's truth for one row or group: OR of ANDs of NOTs of conditions or parenthesised clauses, each condition
 * answered by `condition` (WHERE per row in soql-where.ts, HAVING per group in soql-aggregate.ts); `malformed` throws
 * the caller's error at the first token out of that shape.
 */
export function evaluateClause(
  toks: readonly Token[],
  condition: (cond: Condition) => boolean,
  malformed: () => never
): boolean {
  let i = 0;
  const orExpr = (): boolean => {
    let v = andExpr();
    while (toks[i]?.t === 'OR') {
      i++;
      const r = andExpr();
      v = v || r;
    }
    return v;
  };
  const andExpr = (): boolean => {
    let v = notExpr();
    while (toks[i]?.t === 'AND') {
      i++;
      const r = notExpr();
      v = v && r;
    }
    return v;
  };
  const notExpr = (): boolean => {
    const tok = toks[i++];
    if (tok?.t === 'NOT') {
      return !notExpr();
    }
    if (tok?.t === '(') {
      const v = orExpr();
      i++;
      return v;
    }
    if (tok?.t !== 'cond') {
      return malformed();
    }
    return condition(tok.cond);
  };
  return orExpr();
}
