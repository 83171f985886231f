/**
 * ConnectApi (Connect in Apex) as far as a data-silo test sees it. Apex Developer Guide "Testing ConnectApi Code":
 * "Most Connect in Apex methods require access to real org data, and fail unless used in test methods marked
 * @IsTest(SeeAllData=true)". ConnectApi.ChatterUsers.getFollowings (Apex Reference Guide "ChatterUsers Class", every
 * overload: communityId, userId [, filterType] [, pageParam [, pageSize]]) therefore fails in a test without
 * SeeAllData as System.UnsupportedOperationException — the exception type and its message are unverified (the docs
 * only say "fail"). With SeeAllData, or outside a test, it needs the org's Chatter data: a RuntimeGap, never a guess.
 */
import type { Pos } from '../ast/nodes.ts';
import type { Interpreter } from '../interpreter/interpreter.ts';
import { RuntimeGap } from '../values/errors.ts';
import type { Value } from '../values/values.ts';
import { NO_METHOD, type Native } from './args.ts';

const SILOED_MESSAGE =
  'ConnectApi methods are not supported in data siloed tests. Please use @IsTest(SeeAllData=true).';

function needsOrgData(it: Interpreter, method: string, pos: Pos): Value {
  if (it.ctx.isTest && !it.ctx.seeAllData) {
    return it.raise('UnsupportedOperationException', SILOED_MESSAGE, pos);
  }
  throw new RuntimeGap(`ConnectApi.ChatterUsers.${method} reads the org's Chatter data (not implemented)`, pos);
}

export const CONNECT_API_CHATTER_USERS_STATICS: Record<string, Native> = {
  getfollowings: (it, _s, a, pos) =>
    a.length >= 2 && a.length <= 5 ? needsOrgData(it, 'getFollowings', pos) : NO_METHOD
};
