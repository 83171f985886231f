/**
 * OrgLimits and OrgLimit (Apex Reference Guide, "OrgLimits Class", "OrgLimit Class"): the org-wide limits of a
 * Developer Edition org. DailyApiRequests counts the Apex REST requests this local org has served (rest.ts); the other
 * values are 0. Limit maxima are the Developer Edition's published defaults (**values guessed** for an org here).
 */
import type { Pos } from '../ast/nodes.ts';
import type { Interpreter } from '../interpreter/interpreter.ts';
import { prim } from '../values/types.ts';
import { ApexList, ApexMap, NativeObject, type Value } from '../values/values.ts';
import { NO_METHOD, type Native } from './args.ts';

interface OrgLimit {
  name: string;
  limit: number;
  value: number;
}

const MAXIMA: [string, number][] = [
  ['DailyApiRequests', 15000],
  ['DailyAsyncApexExecutions', 250000],
  ['DailyBulkApiBatches', 15000],
  ['DailyStreamingApiEvents', 10000],
  ['DataStorageMB', 5],
  ['FileStorageMB', 20],
  ['SingleEmail', 15],
  ['MassEmail', 10]
];

function limits(it: Interpreter): NativeObject<OrgLimit>[] {
  return MAXIMA.map(
    ([name, limit]) =>
      new NativeObject<OrgLimit>('System.OrgLimit', {
        name,
        limit,
        value: name === 'DailyApiRequests' ? it.ctx.orgUsage.apiRequests : 0
      })
  );
}

const TYPE = { kind: 'native' as const, name: 'System.OrgLimit' };

export const ORG_LIMITS_STATICS: Record<string, Native> = {
  getmap: (it, _s, a) => {
    if (a.length !== 0) {
      return NO_METHOD;
    }
    const m = new ApexMap(prim('String'), TYPE);
    for (const l of limits(it)) {
      m.entries.set(`s:${l.state.name}`, [l.state.name, l]);
    }
    return m;
  },
  getall: (it, _s, a) => (a.length === 0 ? new ApexList(TYPE, limits(it)) : NO_METHOD)
};

type Method = (it: Interpreter, self: NativeObject<OrgLimit>, a: Value[], pos: Pos) => Value | typeof NO_METHOD;

export const ORG_LIMIT_METHODS: Record<string, Method> = {
  getname: (_it, l, a) => (a.length === 0 ? l.state.name : NO_METHOD),
  getlimit: (_it, l, a) => (a.length === 0 ? l.state.limit : NO_METHOD),
  getvalue: (_it, l, a) => (a.length === 0 ? l.state.value : NO_METHOD)
};
