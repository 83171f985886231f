/**
 * Apex REST (Apex Developer Guide, "Exposing Apex Classes as REST Web Services"): `invokeRest` runs one request the
 * way the platform does — one transaction in which the platform builds RestContext.request (requestURI, httpMethod,
 * headers, params from the query string, requestBody, remoteAddress, resourcePath) and an empty RestContext.response,
 * finds the @RestResource class whose urlMapping matches the path (exact mappings before wildcard ones, the longest
 * first; `*` matches the rest of the path; case-sensitive) and calls its @HttpGet/@HttpPost/@HttpPut/@HttpPatch/
 * @HttpDelete method. Handler parameters are read from the JSON body by name; a return value is serialised as JSON.
 * The response is RestContext.response (statusCode, default 200; headers; responseBody).
 * - An uncaught exception rolls the transaction back and answers 500
 *   `[{"errorCode":"APEX_ERROR","message":"<Type>: <message>\n\n<stack trace>"}]`.
 * - No class for the path: 404 `[{"errorCode":"NOT_FOUND","message":"Could not find a match for URL"}]`; a class
 *   without a handler for the method: 405 `[{"errorCode":"METHOD_NOT_ALLOWED","message":"HTTP Method 'X' not
 *   allowed. Allowed are A,B"}]` (best knowledge of the platform's wording, to verify against an org).
 * - A construct the runtime does not support: 500 `[{"errorCode":"LOCAL_ORG_RUNTIME_GAP", …}]`, rolled back.
 * On success the data is committed to the org, then jobs the request queued run (stdlib/async.ts). The result carries
 * the transaction's governor-limit usage (for an X-MiiTel-Limits header) and the platform events it published, which
 * the caller delivers after answering (event-bus.ts), as the platform runs event triggers in transactions of their own.
 * `options.userId` runs the request as another user, e.g. a site's guest user (server/app.ts serves
 * `/<site prefix>/services/apexrest/…` so; the guest needs class access through its guest profile).
 */
import { hasAnnotation } from './ast/build-declarations.ts';
import type { MethodDecl } from './ast/nodes.ts';
import { userAccess } from './data/access.ts';
import type { Store } from './data/store.ts';
import { ClassInfo } from './values/classes.ts';
import { ApexThrow, RuntimeGap } from './values/errors.ts';
import type { Interpreter } from './interpreter/interpreter.ts';
import { prim } from './values/types.ts';
import { ApexBlob, ApexMap, ApexObject, type ApexSObject, type Value } from './values/values.ts';
import type { LocalOrg } from './runtime.ts';
import { runPendingJobs } from './stdlib/async.ts';
import { takePublishedEvents } from './stdlib/event-queue.ts';
import { JSON_STATICS, parseJson } from './stdlib/json.ts';
import { convertJson } from './stdlib/json-typed.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

const HANDLER_ANNOTATIONS: Record<HttpMethod, string> = {
  GET: 'HttpGet',
  POST: 'HttpPost',
  PUT: 'HttpPut',
  PATCH: 'HttpPatch',
  DELETE: 'HttpDelete'
};

/** Governor-limit usage of the request's transaction. */
export interface RestLimits {
  soqlQueries: number;
  queryRows: number;
  soslQueries: number;
  dmlStatements: number;
  dmlRows: number;
  cpuTimeMs: number;
}

export interface RestResult {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  limits: RestLimits;
  /**
   * Platform events the request published, for the caller to deliver after answering (event-bus.ts): all of them
   * when it committed, only Publish Immediately ones when it rolled back.
   */
  events: ApexSObject[];
}

interface RestResource {
  cls: ClassInfo;
  mapping: string;
  pattern: RegExp;
  wildcard: boolean;
}

const APEX_REST = '/services/apexrest';
const JSON_TYPE = 'application/json;charset=UTF-8';

/** The @RestResource classes of the org, most specific mapping first. */
export function restResources(org: LocalOrg): RestResource[] {
  const out: RestResource[] = [];
  for (const info of org.registry.topLevel.values()) {
    const annotation =
      info instanceof ClassInfo
        ? info.modifiers?.annotations.find((a) => a.name.toLowerCase() === 'restresource')
        : undefined;
    const raw = annotation?.params.get('urlmapping') ?? annotation?.params.get('value');
    if (!(info instanceof ClassInfo) || raw === undefined) {
      continue;
    }
    const mapping = raw.replace(/^'(.*)'$/s, '$1');
    // `*` matches the rest of the path; a trailing `/*` also matches the bare prefix (`/echo/*` serves `/echo`).
    const escaped = mapping
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*');
    const pattern = new RegExp(`^${escaped.endsWith('/.*') ? `${escaped.slice(0, -3)}(?:/.*)?` : escaped}$`);
    out.push({ cls: info, mapping, pattern, wildcard: mapping.includes('*') });
  }
  return out.sort((a, b) => Number(a.wildcard) - Number(b.wildcard) || b.mapping.length - a.mapping.length);
}

function handlers(cls: ClassInfo): Map<HttpMethod, MethodDecl> {
  const found = new Map<HttpMethod, MethodDecl>();
  for (const methods of cls.methods.values()) {
    for (const m of methods) {
      for (const [verb, annotation] of Object.entries(HANDLER_ANNOTATIONS) as [HttpMethod, string][]) {
        if (hasAnnotation(m.modifiers, annotation) && m.modifiers.isStatic) {
          found.set(verb, m);
        }
      }
    }
  }
  return found;
}

function errorBody(errorCode: string, message: string): Buffer {
  return Buffer.from(JSON.stringify([{ errorCode, message }]));
}

function usage(it: Interpreter | undefined): RestLimits {
  const l = it?.ctx.limits;
  return {
    soqlQueries: l?.queries ?? 0,
    queryRows: l?.queryRows ?? 0,
    soslQueries: l?.soslQueries ?? 0,
    dmlStatements: l?.dmlStatements ?? 0,
    dmlRows: l?.dmlRows ?? 0,
    cpuTimeMs: l ? Date.now() - l.cpuStart : 0
  };
}

/** `X-MiiTel-Limits`-style text: "SOQL 3/100; query rows 12/50000; DML 2/150; DML rows 4/10000; CPU 8 ms". */
export function formatLimits(l: RestLimits): string {
  return `SOQL ${l.soqlQueries}/100; query rows ${l.queryRows}/50000; SOSL ${l.soslQueries}/20; DML ${l.dmlStatements}/150; DML rows ${l.dmlRows}/10000; CPU ${l.cpuTimeMs} ms`;
}

function stringMap(entries: [string, string][]): ApexMap {
  const m = new ApexMap(prim('String'), prim('String'));
  for (const [k, v] of entries) {
    m.entries.set(`s:${k}`, [k, v]);
  }
  return m;
}

function systemObject(it: Interpreter, name: string): ApexObject {
  const cls = it.registry.system.get(name.toLowerCase());
  if (!(cls instanceof ClassInfo)) {
    throw new RuntimeGap(`System.${name} is missing from the runtime`);
  }
  return it.instantiate(cls, [], cls.decl?.pos ?? { file: '<system>', line: 1, column: 1 });
}

/** Arguments of a handler with parameters: the JSON body's top-level keys, by parameter name. */
function handlerArgs(it: Interpreter, cls: ClassInfo, m: MethodDecl, body: Buffer): Value[] {
  if (m.params.length === 0) {
    return [];
  }
  const parsed = parseJson(it, body.toString('utf8'), m.pos);
  if (!(parsed instanceof ApexMap)) {
    return it.raise('JSONException', "Malformed JSON: Expected '{' at the beginning of object", m.pos);
  }
  const byName = new Map([...parsed.entries.values()].map(([k, v]) => [String(k).toLowerCase(), v]));
  return m.params.map((p) =>
    convertJson(it, byName.get(p.name.toLowerCase()) ?? null, it.resolveType(p.type, cls), false, p.pos)
  );
}

/**
 * Whether the user may call this Apex REST resource: the user permission "Apex REST Services" (ApexRestServices) and
 * access to the resource's class (a profile with Modify All Data, else a permission set's classAccesses). A user
 * without the permission is answered 403 APEX_REST_SERVICES_DISABLED before any Apex runs (the code as reported by
 * users; the Help names the permission "Apex REST Services"), one without class access 403 FORBIDDEN "You do not have
 * access to the Apex class named: X" (wording **unverified**).
 */
function restAccessError(it: Interpreter, cls: ClassInfo): { code: string; message: string } | undefined {
  const ua = userAccess(it);
  // A site's guest user needs only the class access of its guest profile (Experience Cloud Developer Guide, "Limit
  // Access to Apex Classes": guests "must have permission to execute the Apex class"); that it needs no "Apex REST
  // Services" permission is **unverified** (guest profiles have no API access; KB 000385602). What a real org answers
  // a guest without class access is **unverified** too (not documented; community reports differ): the same 403 here.
  if (!ua.guest && !ua.userPermissions.has('apexrestservices')) {
    return { code: 'APEX_REST_SERVICES_DISABLED', message: 'Apex REST services are not enabled for this user' };
  }
  const name = cls.name.toLowerCase();
  if (!ua.modifyAllData && !ua.permissionSets.some((ps) => ps.classAccesses.has(name))) {
    return { code: 'FORBIDDEN', message: `You do not have access to the Apex class named: ${cls.name}` };
  }
  return undefined;
}

/**
 * Runs one Apex REST request as one transaction (see the module comment), as the org's user or `options.userId`;
 * counted in the org's API usage unless `options.countApiUsage` is false. `options.onTransaction` sees the transaction
 * before any Apex runs (interleave.ts).
 */
export function invokeRest(
  org: LocalOrg,
  method: string,
  path: string,
  headers: Record<string, string>,
  body: Buffer,
  options: { userId?: string; countApiUsage?: boolean; onTransaction?: (it: Interpreter) => void } = {}
): RestResult {
  const verb = method.toUpperCase() as HttpMethod;
  const [rawPath = '', query = ''] = path.replace(/\/{2,}/g, '/').split('?', 2);
  const uri = rawPath.startsWith(APEX_REST) ? rawPath.slice(APEX_REST.length) || '/' : rawPath;
  const resource = restResources(org).find((r) => r.pattern.test(uri));
  const empty = usage(undefined);
  if (!resource) {
    return {
      status: 404,
      headers: { 'Content-Type': JSON_TYPE },
      body: errorBody('NOT_FOUND', 'Could not find a match for URL'),
      limits: empty,
      events: []
    };
  }
  const available = handlers(resource.cls);
  const handler = available.get(verb);
  if (!handler) {
    const allowed = [...available.keys()].join(',');
    return {
      status: 405,
      headers: { 'Content-Type': JSON_TYPE },
      body: errorBody('METHOD_NOT_ALLOWED', `HTTP Method '${verb}' not allowed. Allowed are ${allowed}`),
      limits: empty,
      events: []
    };
  }
  // A site's requests are not API calls (Sites have their own limits): the server passes countApiUsage false for them.
  if (options.countApiUsage ?? true) {
    org.usage.apiRequests++;
  }
  const it = org.transaction();
  it.ctx.quiddity = 'REST';
  if (options.userId) {
    it.ctx.runningUserId = options.userId;
  }
  options.onTransaction?.(it);
  const denied = restAccessError(it, resource.cls);
  if (denied) {
    return {
      status: 403,
      headers: { 'Content-Type': JSON_TYPE },
      body: errorBody(denied.code, denied.message),
      limits: empty,
      events: []
    };
  }
  try {
    const request = systemObject(it, 'RestRequest');
    const params = new URLSearchParams(query);
    request.fields.set('requesturi', uri);
    request.fields.set('resourcepath', `${APEX_REST}${resource.mapping}`);
    request.fields.set('httpmethod', verb);
    request.fields.set('remoteaddress', headers['x-forwarded-for'] ?? '127.0.0.1');
    request.fields.set('headers', stringMap(Object.entries(headers)));
    request.fields.set('params', stringMap([...params.entries()]));
    request.fields.set('requestbody', new ApexBlob(new Uint8Array(body)));
    const response = systemObject(it, 'RestResponse');
    const context = it.registry.system.get('restcontext');
    if (!(context instanceof ClassInfo)) {
      throw new RuntimeGap('System.RestContext is missing from the runtime');
    }
    it.ensureInit(context);
    const statics = it.ctx.staticsOf(context);
    statics.set('request', request);
    statics.set('response', response);
    const args = handlerArgs(it, resource.cls, handler, body);
    const returned = it.runStatic(resource.cls, handler.name, args);
    const current = statics.get('response');
    const res = current instanceof ApexObject ? current : response;
    const outHeaders: Record<string, string> = {};
    const h = res.fields.get('headers');
    if (h instanceof ApexMap) {
      for (const [k, v] of h.entries.values()) {
        outHeaders[String(k)] = it.str(v);
      }
    }
    let out = res.fields.get('responsebody');
    if (handler.returnType && returned !== null && !(out instanceof ApexBlob)) {
      const serialize = JSON_STATICS.serialize;
      const text = serialize ? serialize(it, undefined, [returned], handler.pos) : null;
      out = new ApexBlob(new Uint8Array(Buffer.from(typeof text === 'string' ? text : 'null')));
      outHeaders['Content-Type'] ??= 'application/json';
    }
    const status = res.fields.get('statuscode');
    org.commit(it.ctx.store as Store);
    const limits = usage(it);
    runPendingJobs(it);
    org.commit(it.ctx.store as Store);
    return {
      status: typeof status === 'number' ? status : 200,
      headers: outHeaders,
      body: out instanceof ApexBlob ? Buffer.from(out.bytes) : Buffer.alloc(0),
      limits,
      events: takePublishedEvents(it.ctx, true)
    };
  } catch (e) {
    if (e instanceof ApexThrow) {
      const data = e.exception.exception;
      const type = e.exception.cls.fullName;
      const message = data?.message === null || data?.message === undefined ? type : `${type}: ${data.message}`;
      return {
        status: 500,
        headers: { 'Content-Type': JSON_TYPE },
        body: errorBody('APEX_ERROR', `${message}\n\n${data?.stackTrace ?? ''}`),
        limits: usage(it),
        events: takePublishedEvents(it.ctx, false)
      };
    }
    if (e instanceof RuntimeGap) {
      return {
        status: 500,
        headers: { 'Content-Type': JSON_TYPE },
        body: errorBody('LOCAL_ORG_RUNTIME_GAP', e.message),
        limits: usage(it),
        events: takePublishedEvents(it.ctx, false)
      };
    }
    throw e;
  }
}
