/**
 * The bridge behind the page's `@salesforce/apex/Class.method` imports: `POST /local/aura/apex` with
 * `{"classname", "method", "params"}` runs a static @AuraEnabled method (Lightning Web Components Developer Guide,
 * "Call Apex Methods") in one transaction as the local admin user. Parameters are matched by name and converted from
 * JSON to their Apex types (inner-class DTOs, List<Id>, Boolean, …) as the platform's deserializer does; the result is
 * serialised as Lightning serialises it (json-values.ts `auraJson`). Success commits: `200 {"returnValue": …}`. An
 * uncaught Apex exception rolls back: `400 {"error": {"body": {"message"}, "status": 400}}` (the message only, never
 * the stack). A class or method that is not @AuraEnabled cannot be called (404, same shape).
 */
import { hasAnnotation } from '../ast/build-declarations.ts';
import type { MethodDecl } from '../ast/nodes.ts';
import { ClassInfo } from '../values/classes.ts';
import { ApexThrow, RuntimeGap } from '../values/errors.ts';
import type { Value } from '../values/values.ts';
import { parseJson } from '../stdlib/json.ts';
import { convertJson } from '../stdlib/json-typed.ts';
import { bodyJson, json, type Req, type Res } from './http.ts';
import { auraJson, type Json } from './json-values.ts';
import { apexMessage, type OrgService } from './org-service.ts';

interface AuraCall {
  classname: string;
  method: string;
  params: Record<string, unknown>;
}

const auraError = (status: number, message: string): Res => json(status, { error: { body: { message }, status } });

function parseCall(req: Req): AuraCall | string {
  const body = bodyJson(req) as Partial<Record<keyof AuraCall, unknown>> | null;
  if (!body || typeof body.classname !== 'string' || typeof body.method !== 'string') {
    return 'The body must be {"classname": "…", "method": "…", "params": {…}}';
  }
  const params = body.params ?? {};
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    return 'params must be a JSON object of parameter values by name';
  }
  return { classname: body.classname, method: body.method, params: params as Record<string, unknown> };
}

/** The static @AuraEnabled method `name` of `cls`, if any. */
export function auraMethod(cls: ClassInfo, name: string): MethodDecl | undefined {
  return (cls.methods.get(name.toLowerCase()) ?? []).find(
    (m) => m.modifiers.isStatic && hasAnnotation(m.modifiers, 'AuraEnabled')
  );
}

export function callAura(service: OrgService, req: Req): Res {
  const call = parseCall(req);
  if (typeof call === 'string') {
    return auraError(400, call);
  }
  const cls = service.org.registry.topLevel.get(call.classname.toLowerCase());
  const method = cls instanceof ClassInfo ? auraMethod(cls, call.method) : undefined;
  if (!(cls instanceof ClassInfo) || !method) {
    return auraError(404, `No @AuraEnabled static method ${call.classname}.${call.method} in the org`);
  }
  const known = new Set(method.params.map((p) => p.name.toLowerCase()));
  const unknown = Object.keys(call.params).filter((k) => !known.has(k.toLowerCase()));
  if (unknown.length > 0) {
    return auraError(400, `${cls.name}.${method.name} has no parameter named ${unknown.join(', ')}`);
  }
  const byName = new Map(Object.entries(call.params).map(([k, v]) => [k.toLowerCase(), v]));
  let outcome: { ok: true; value: Json } | { ok: false; res: Res };
  try {
    outcome = service.run(
      (it) => {
        try {
          const args: Value[] = method.params.map((p) => {
            const raw = byName.get(p.name.toLowerCase());
            if (raw === undefined || raw === null) {
              return null;
            }
            const parsed = parseJson(it, JSON.stringify(raw), method.pos);
            return convertJson(it, parsed, it.resolveType(p.type, cls), false, p.pos);
          });
          it.ensureInit(cls);
          const returned = it.invoke({ owner: cls, method }, undefined, args, method.pos);
          return { ok: true as const, value: method.returnType ? auraJson(returned) : null };
        } catch (e) {
          if (e instanceof ApexThrow) {
            return { ok: false as const, res: auraError(400, apexMessage(e).message) };
          }
          throw e;
        }
      },
      { quiddity: 'AURA', commit: (r) => r.ok, ...sessionLanguage(req) }
    );
  } catch (e) {
    if (e instanceof RuntimeGap) {
      return auraError(500, `The local org runtime cannot run this yet: ${e.message}`);
    }
    throw e;
  }
  return outcome.ok ? json(200, { returnValue: outcome.value }) : outcome.res;
}

/** The page's language (Accept-Language: ja or en-US) as a LanguageLocaleKey, when it names one we translate. */
export function sessionLanguage(req: Req): { language?: string } {
  const first = (req.headers['accept-language'] ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  if (first.startsWith('ja')) {
    return { language: 'ja' };
  }
  return first.startsWith('en') ? { language: 'en_US' } : {};
}
