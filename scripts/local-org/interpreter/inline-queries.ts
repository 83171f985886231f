/** Inline SOQL and SOSL (interpreter/expressions.ts): binds evaluated in the frame, then data/soql.ts, data/sosl.ts. */
import type { SoqlExpr, SoslExpr } from '../ast/nodes.ts';
import { runQuery } from '../data/soql.ts';
import { runSosl } from '../data/sosl.ts';
import type { Value } from '../values/values.ts';
import { gap } from './eval-support.ts';
import { evaluate } from './expressions.ts';
import type { Interpreter } from './interpreter.ts';
import type { Frame } from './scope.ts';

/** An inline query: binds evaluated in the current frame, the list of rows (or the count of SELECT COUNT()). */
export function evalSoql(it: Interpreter, e: SoqlExpr, f: Frame): Value {
  const values = e.binds.map((b) => evaluate(it, b, f));
  const num = (i: number | undefined): number | undefined => {
    if (i === undefined) {
      return undefined;
    }
    const v = values[i] ?? null;
    return typeof v === 'number' ? v : v === null ? it.npe(e.pos) : gap('LIMIT/OFFSET bind must be an Integer', e.pos);
  };
  const limit = num(e.limitBind);
  const offset = num(e.offsetBind);
  return runQuery(it, e.query, {
    pos: e.pos,
    binds: (name) => {
      const m = /^localOrgBind(\d+)$/.exec(name);
      return m ? (values[Number(m[1])] ?? null) : gap(`unknown bind :${name}`, e.pos);
    },
    ...(limit === undefined ? {} : { limit }),
    ...(offset === undefined ? {} : { offset }),
    ...(e.allRows ? { allRows: true } : {}),
    ...(e.forUpdate ? { forUpdate: true } : {})
  });
}

/** An inline search: binds evaluated in the current frame, one List per RETURNING object (data/sosl.ts). */
export function evalSosl(it: Interpreter, e: SoslExpr, f: Frame): Value {
  const values = e.binds.map((b) => evaluate(it, b, f));
  return runSosl(it, e.search, {
    pos: e.pos,
    binds: (name) => {
      const m = /^localOrgBind(\d+)$/.exec(name);
      return m ? (values[Number(m[1])] ?? null) : gap(`unknown bind :${name}`, e.pos);
    }
  });
}
