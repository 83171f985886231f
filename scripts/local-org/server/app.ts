/**
 * The local org served like an org, on node:http: OAuth, the REST API subset, Apex REST, the settings page's
 * endpoints and its static files. Requests are queued and handled one at a time (the runtime is synchronous), each
 * in its own transaction; idle keep-alive sockets are closed only when no request waits on them (connections.ts).
 * Before a request is queued, `Host` must name this server, and its body is refused above a size (guard.ts). Every
 * response carries `Sforce-Limit-Info: api-usage=N/15000` (N: API requests served today); Apex
 * REST responses also carry the transaction's governor usage in `X-MiiTel-Limits`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { busOf, type DeliveryReport, type PlatformEventBus } from '../event-bus.ts';
import { ApexThrow, RuntimeGap } from '../values/errors.ts';
import type { ApexSObject } from '../values/values.ts';
import { invokeRest, restResources, type RestLimits, type RestResult } from '../rest.ts';
import { guestProfileOf, type SiteInfo } from '../schema/sites.ts';
import type { LocalOrg } from '../runtime.ts';
import { callAura } from './aura.ts';
import { Auth } from './auth.ts';
import { manageKeepAlive, RequestQueue, type KeepAlive } from './connections.ts';
import { checkHost, checkOrigin, localHosts, MAX_BODY_BYTES, SECURITY_HEADERS } from './guard.ts';
import { HttpError, JSON_TYPE, readRequest, sfError, type Req, type Res } from './http.ts';
import type { Json } from './json-values.ts';
import { OrgService } from './org-service.ts';
import { loadOrg, OrgSaver, today } from './persist.ts';
import * as rest from './rest-api.ts';
import { seedAdmin, seedDemo, seedDemoCalls, type SeedName } from './seed-demo.ts';
import { serveStatic } from './static-files.ts';
import * as ui from './ui-api.ts';

export const DEFAULT_PAGE_DIST = join(import.meta.dirname, '..', 'page', 'dist');

export interface ServerOptions {
  org: LocalOrg;
  port?: number;
  host?: string;
  /** Saves the committed store after every commit and loads it at start (when the file exists). */
  dataFile?: string;
  seed?: SeedName;
  pageDist?: string;
  /** The always-valid access token (default: derived from the org id). */
  fixedToken?: string;
  /** One line per request; silent when absent. */
  log?: (line: string) => void;
  /** Request bodies above this many bytes are refused (413); default `MAX_BODY_BYTES`. */
  maxBodyBytes?: number;
  /** Idle keep-alive sockets are closed after this long (default 10 s; clients are told 5 s). */
  idleSocketMs?: number;
  /**
   * A webhook secret to preset at start (`MIITEL_WEBHOOK_SECRET`): passed to `MiiTelWebhookSecrets.install(secret)`
   * when the loaded project has that class.
   */
  webhookSecret?: string;
  /**
   * How platform events reach their triggers (`--event-delivery`, `LOCAL_ORG_EVENT_DELIVERY`): `immediate` (default)
   * delivers what a request published right after it, until nothing is left (retries included); `batched` lets events
   * accumulate across requests and runs one delivery round every `eventDeliveryIntervalMs` (default 250; 0: only on
   * `POST /local/event-bus/deliver` and `drainEvents()`), so several requests' events reach a trigger in one batch.
   */
  eventDelivery?: EventDeliveryMode;
  eventDeliveryIntervalMs?: number;
  /**
   * Ignore the project's PlatformEventSubscriberConfigs (`--without-subscriber-config`): platform event triggers run as
   * the Automated Process user, as in an org where the admin skipped that post-install step (README, webhook step 4;
   * Platform Events Developer Guide, "Configure the User and Batch Size for Your Platform Event Trigger"). Lets the
   * settings page's setup health show its red "webhook trigger's running user" line on the local org.
   */
  withoutSubscriberConfigs?: boolean;
  /**
   * With the demo seed: also log the simulator's `unknown-caller` calls through the real endpoint (seed-demo.ts
   * `seedDemoCalls`), so the settings page's "Unlinked calls" tab has calls to link. `npm start` sets it.
   */
  demoCalls?: boolean;
}

export type EventDeliveryMode = 'immediate' | 'batched';

/** A site's Apex REST endpoint its guest user may call. */
export interface SiteEndpoint {
  site: string;
  /** `/<prefix>/services/apexrest<urlMapping>` */
  path: string;
  className: string;
}

export interface RunningServer {
  server: Server;
  url: string;
  port: number;
  auth: Auth;
  service: OrgService;
  /** How the store was set up: loaded from --data, or seeded. */
  origin: 'loaded' | SeedName;
  /** The `--data` saver (its counts), when saving. */
  saver?: OrgSaver;
  /** The request queue (one transaction at a time) and the keep-alive sockets, for tests and the benchmark. */
  queue: RequestQueue;
  keepAlive: KeepAlive;
  /** The Apex REST endpoints of the active sites that their guest users may call. */
  siteEndpoints: SiteEndpoint[];
  /** What became of `webhookSecret`: installed, or the project has no MiiTelWebhookSecrets.install. */
  webhookSecret?: 'installed' | 'no MiiTelWebhookSecrets class';
  /**
   * Resolves once every platform event published so far has been delivered (event-bus.ts; deliveries run in the
   * request queue after the publishing request was answered), with what was delivered since the last drain.
   */
  drainEvents(): Promise<DeliveryReport>;
  /** One delivery round now, in the request queue (`POST /local/event-bus/deliver`). */
  deliverRound(): Promise<DeliveryReport>;
  /** The org's event bus: subscribers' state, `failNextPublishes(n)`, `resume(trigger)` (../event-bus.ts). */
  eventBus: PlatformEventBus;
  eventDelivery: EventDeliveryMode;
  close(): Promise<void>;
}

/** `X-MiiTel-Limits` value: soql=…;sosl=…;dml=…;dmlRows=…;cpuMs=… */
export function limitsHeader(l: RestLimits): string {
  return `soql=${l.soqlQueries};sosl=${l.soslQueries};dml=${l.dmlStatements};dmlRows=${l.dmlRows};cpuMs=${l.cpuTimeMs}`;
}

type Route = [method: string | null, pattern: RegExp, handler: (req: Req, m: RegExpExecArray) => Res];

const VERSION = String.raw`/services/data/v(\d+\.\d+)`;

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { org } = options;
  if (options.withoutSubscriberConfigs) {
    org.registry.sites = { ...org.registry.sites, subscribers: [] };
  }
  let usageDay = today();
  const loaded = options.dataFile ? loadOrg(options.dataFile, org) : { loaded: false };
  const saver = options.dataFile
    ? new OrgSaver(options.dataFile, org, loaded.loaded ? { generation: loaded.generation ?? 0 } : undefined)
    : undefined;
  const save = (): void => {
    saver?.save(usageDay);
  };
  const service = new OrgService(org, save);
  let origin: RunningServer['origin'] = options.seed ?? 'demo';
  if (loaded.loaded) {
    origin = 'loaded';
    checkPlatformUsers(org, options.dataFile ?? '');
    seedAdmin(service);
  } else {
    seedAdmin(service);
    if (origin === 'demo') {
      seedDemo(service);
      if (options.demoCalls) {
        seedDemoCalls(service);
      }
    }
  }
  save();
  const admin = org.data.get(org.userId);
  const text = (field: string): string => {
    const v = admin?.get(field);
    return typeof v === 'string' ? v : '';
  };
  const auth = new Auth(org.organizationId, org.userId, text('username'), options.fixedToken);
  const webhookSecret = options.webhookSecret ? installWebhookSecret(service, options.webhookSecret) : undefined;
  const pageDist = options.pageDist ?? DEFAULT_PAGE_DIST;

  const countApiRequest = (): void => {
    if (today() !== usageDay) {
      usageDay = today();
      org.usage.apiRequests = 0;
    }
    org.usage.apiRequests++;
  };
  /** Set once listening (requests come only after that). */
  let port = options.port ?? 8787;
  let hosts = new Set<string>();
  const instanceUrl = (req: Req): string => `http://${req.headers.host ?? `127.0.0.1:${String(port)}`}`;
  const api = (handler: (req: Req, m: RegExpExecArray) => Res) => (req: Req, m: RegExpExecArray) => {
    auth.check(req);
    countApiRequest();
    return handler(req, m);
  };
  const apexRest = (req: Req): Res => {
    auth.check(req);
    const before = org.usage.apiRequests;
    const headers = { ...req.headers };
    delete headers.authorization;
    const target = `${req.path}${req.query.size > 0 ? `?${req.query.toString()}` : ''}`;
    const result = invokeRest(org, req.method, target, headers, req.body);
    if (org.usage.apiRequests === before) {
      countApiRequest();
    }
    return restResponse(result);
  };
  // Platform events published by a request enter the bus after it was answered, in the queue (../event-bus.ts):
  // delivered at once (immediate) or by the next round (batched).
  const bus = busOf(org);
  const mode: EventDeliveryMode = options.eventDelivery ?? 'immediate';
  const delivered: DeliveryReport = { runs: 0, delivered: 0, failures: [], records: [] };
  const record = (report?: DeliveryReport): void => {
    if (report) {
      delivered.runs += report.runs;
      delivered.delivered += report.delivered;
      delivered.failures.push(...report.failures);
      delivered.records.push(...report.records);
    }
    for (const line of bus.takeLog()) {
      options.log?.(line);
    }
    service.committedElsewhere();
  };
  let deliveries: Promise<unknown> = Promise.resolve();
  const deliverLater = (events: ApexSObject[]): void => {
    if (events.length === 0) {
      return;
    }
    const job = queue.run(() => {
      bus.publish(events);
      record(mode === 'immediate' ? bus.drain() : undefined);
    });
    deliveries = Promise.all([deliveries, job]);
  };
  let roundQueued = false;
  const intervalMs = options.eventDeliveryIntervalMs ?? 250;
  const timer =
    mode === 'batched' && intervalMs > 0
      ? setInterval(() => {
          if (roundQueued || !bus.hasWork()) {
            return;
          }
          roundQueued = true;
          deliveries = Promise.all([
            deliveries,
            queue.run(() => {
              roundQueued = false;
              record(bus.round());
            })
          ]);
        }, intervalMs)
      : undefined;
  timer?.unref();
  const eventBusJson = (): Json => ({
    delivery: mode,
    intervalMs: mode === 'batched' ? intervalMs : null,
    checkpointDml: bus.checkpointDml,
    subscribers: bus.subscribers() as unknown as Json
  });
  service.onEvents = deliverLater;
  const restResponse = (result: RestResult): Res => {
    if (result.status < 300) {
      service.committedElsewhere();
    }
    deliverLater(result.events);
    return {
      status: result.status,
      headers: { 'Content-Type': JSON_TYPE, ...result.headers, 'X-MiiTel-Limits': limitsHeader(result.limits) },
      raw: result.body
    };
  };
  /**
   * `/<prefix>/services/apexrest/…` of an active site: Apex REST without OAuth, as the site's guest user (the same
   * machinery as `/services/apexrest`). The `Authorization` header is not passed to Apex here: whether a site hands
   * it over is not documented (**unverified**), and an endpoint that relies on it would not work for a guest caller.
   * Other headers reach `RestContext.request.headers` with lower-cased names (Node's; the platform's casing is
   * **unverified**: look header names up case-insensitively). Site requests count no API usage (Sites have their
   * own limits).
   */
  const siteApexRest =
    (site: SiteInfo, guestId: string) =>
    (req: Req): Res => {
      const headers = { ...req.headers };
      delete headers.authorization;
      const path = req.path.slice(site.urlPathPrefix.length + 1);
      const target = `${path}${req.query.size > 0 ? `?${req.query.toString()}` : ''}`;
      return restResponse(
        invokeRest(org, req.method, target, headers, req.body, { userId: guestId, countApiUsage: false })
      );
    };
  const siteRoutes: Route[] = [];
  const siteEndpoints: SiteEndpoint[] = [];
  for (const [guestId, site] of org.registry.seededUsers.guests) {
    // A site on the root path would share /services/apexrest with the OAuth API: not served locally.
    if (!site.active || site.urlPathPrefix === '') {
      continue;
    }
    const prefix = site.urlPathPrefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    siteRoutes.push([null, new RegExp(`^/${prefix}/services/apexrest(?:/.*)?$`), siteApexRest(site, guestId)]);
    const granted = guestProfileOf(org.registry.sites, site).classAccesses;
    for (const r of restResources(org)) {
      if (granted.has(r.cls.name.toLowerCase())) {
        siteEndpoints.push({
          site: site.name,
          path: `/${site.urlPathPrefix}/services/apexrest${r.mapping}`,
          className: r.cls.name
        });
      }
    }
  }
  const localJsonPost = (req: Req): Res => {
    if (!(req.headers['content-type'] ?? '').includes('application/json')) {
      throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the call as application/json');
    }
    return callAura(service, req);
  };

  const routes: Route[] = [
    ['POST', /^\/services\/oauth2\/token$/, (req) => auth.token(req, instanceUrl(req))],
    [
      'GET',
      /^\/services\/oauth2\/userinfo$/,
      api((req) => auth.userinfo(instanceUrl(req), text('email'), text('name')))
    ],
    ['GET', /^\/services\/data$/, () => rest.versions()],
    ['GET', new RegExp(`^${VERSION}$`), api((_req, m) => rest.resources(m[1] ?? '65.0'))],
    ['GET', new RegExp(`^${VERSION}/limits$`), api(() => rest.limits(service))],
    ['GET', new RegExp(`^${VERSION}/(?:query|queryAll)$`), api((req) => rest.query(service, req, false))],
    ['GET', new RegExp(`^${VERSION}/tooling/query$`), api((req) => rest.query(service, req, true))],
    ['GET', new RegExp(`^${VERSION}/sobjects$`), api(() => rest.describeGlobal(service))],
    [
      'GET',
      new RegExp(`^${VERSION}/sobjects/(\\w+)/describe$`),
      api((_r, m) => rest.describe(service.describe(m[2] ?? '')))
    ],
    ['POST', new RegExp(`^${VERSION}/sobjects/(\\w+)$`), api((req, m) => rest.createRecord(service, m[2] ?? '', req))],
    [
      'GET',
      new RegExp(`^${VERSION}/sobjects/(\\w+)/(\\w+)$`),
      api((req, m) => rest.readRecord(service, m[2] ?? '', m[3] ?? '', req))
    ],
    [
      'PATCH',
      new RegExp(`^${VERSION}/sobjects/(\\w+)/(\\w+)$`),
      api((req, m) => rest.updateRecord(service, m[2] ?? '', m[3] ?? '', req))
    ],
    [
      'DELETE',
      new RegExp(`^${VERSION}/sobjects/(\\w+)/(\\w+)$`),
      api((_req, m) => rest.deleteRecord(service, m[2] ?? '', m[3] ?? ''))
    ],
    [null, /^\/services\/apexrest(?:\/.*)?$/, apexRest],
    ...siteRoutes,
    ['POST', /^\/local\/aura\/apex$/, localJsonPost],
    [
      'GET',
      /^\/local\/ui-api\/object-info\/(\w+)$/,
      (req, m) => ui.objectInfo(service, m[1] ?? '', ui.uiLanguage(service, req))
    ],
    [
      'GET',
      /^\/local\/ui-api\/picklist-values\/(\w+)\/(\w+)\/(\w+)$/,
      (req, m) => ui.picklistValues(service, m[1] ?? '', m[2] ?? '', m[3] ?? '', ui.uiLanguage(service, req))
    ],
    ['GET', /^\/local\/labels$/, (req) => ui.labels(service, req.query.get('lang') ?? 'ja')],
    ['GET', /^\/local\/tasks$/, (req) => ui.tasks(service, req.query.get('limit'))],
    ['GET', /^\/local\/records\/(\w+)$/, (_req, m) => ui.recordHeader(service, m[1] ?? '')],
    ['GET', /^\/local\/event-bus$/, () => ({ status: 200, json: eventBusJson() })],
    [
      'POST',
      /^\/local\/event-bus\/deliver$/,
      () => {
        const report = bus.round();
        record(report);
        return { status: 200, json: { report, ...(eventBusJson() as Record<string, Json>) } as unknown as Json };
      }
    ],
    [
      'POST',
      /^\/local\/event-bus\/fail-next$/,
      (req) => {
        const count = Number(req.query.get('count') ?? '1');
        if (!Number.isInteger(count) || count < 1) {
          throw new HttpError(400, 'INVALID_COUNT', 'count must be a positive integer');
        }
        bus.failNextPublishes(count);
        return { status: 200, json: eventBusJson() };
      }
    ],
    [
      'POST',
      /^\/local\/event-bus\/resume$/,
      (req) => {
        if (!bus.resume(req.query.get('trigger') ?? '')) {
          throw new HttpError(404, 'NOT_FOUND', 'No trigger of that name is in the error state');
        }
        return { status: 200, json: eventBusJson() };
      }
    ],
    ['GET', /^\/(?:assets\/.+)?$/, (req) => serveStatic(pageDist, req.path)]
  ];

  const dispatch = (req: Req): Res => {
    if (req.path.startsWith('/local/')) {
      checkOrigin(req.headers.origin, hosts);
    }
    let pathMatched = false;
    for (const [method, pattern, handler] of routes) {
      const m = pattern.exec(req.path);
      if (!m) {
        continue;
      }
      pathMatched = true;
      if (method === null || method === req.method) {
        return handler(req, m);
      }
    }
    if (pathMatched) {
      throw new HttpError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${req.method}' not allowed for ${req.path}`);
    }
    throw new HttpError(404, 'NOT_FOUND', `The requested resource does not exist: ${req.path}`);
  };

  const handle = (req: Req): Res => {
    try {
      return dispatch(req);
    } catch (e) {
      if (e instanceof HttpError) {
        return sfError(e.status, e.errorCode, e.message, e.fields);
      }
      if (e instanceof RuntimeGap) {
        return sfError(500, 'LOCAL_ORG_RUNTIME_GAP', e.message);
      }
      if (e instanceof ApexThrow) {
        return sfError(500, 'APEX_ERROR', `${e.exception.cls.fullName}: ${e.exception.exception?.message ?? ''}`);
      }
      const error = e as Error;
      options.log?.(`internal error: ${error.stack ?? error.message}`);
      return sfError(500, 'UNKNOWN_EXCEPTION', `local org server error: ${error.message}`);
    }
  };

  const write = (out: ServerResponse, res: Res): void => {
    const headers: Record<string, string> = {
      'Sforce-Limit-Info': `api-usage=${org.usage.apiRequests}/${rest.DAILY_API_MAX}`,
      ...SECURITY_HEADERS,
      ...(res.headers ?? {})
    };
    let body: Buffer | undefined;
    if (res.json !== undefined) {
      headers['Content-Type'] = JSON_TYPE;
      body = Buffer.from(JSON.stringify(res.json));
    } else if (res.raw !== undefined) {
      body = typeof res.raw === 'string' ? Buffer.from(res.raw) : res.raw;
      headers['Content-Type'] ??= JSON_TYPE;
    }
    if (body && res.status !== 204) {
      headers['Content-Length'] = String(body.length);
    }
    out.writeHead(res.status, headers);
    out.end(res.status === 204 ? undefined : body);
  };

  const queue = new RequestQueue();
  const maxBody = options.maxBodyBytes ?? MAX_BODY_BYTES;
  /** Checks the Host, reads the body, then waits for its turn; refusals before the queue close the connection. */
  const respond = async (incoming: IncomingMessage): Promise<{ req?: Req; res: Res }> => {
    let req: Req | undefined;
    try {
      checkHost(incoming.headers.host, hosts, port);
      req = await readRequest(incoming, maxBody);
    } catch (e) {
      if (e instanceof HttpError) {
        const refused = sfError(e.status, e.errorCode, e.message);
        return { res: { ...refused, headers: { ...refused.headers, Connection: 'close' } } };
      }
      throw e;
    }
    const read = req;
    return { req, res: await queue.run(() => handle(read)) };
  };

  const server = createServer((incoming, out) => {
    const started = Date.now();
    respond(incoming)
      .then(({ req, res }) => {
        write(out, res);
        options.log?.(
          `${req?.method ?? incoming.method ?? ''} ${req?.path ?? ''} ${res.status} ${Date.now() - started}ms`
        );
      })
      .catch((e: unknown) => {
        options.log?.(`request failed: ${(e as Error).message}`);
        if (!out.headersSent) {
          write(out, sfError(500, 'UNKNOWN_EXCEPTION', (e as Error).message));
        } else {
          out.destroy();
        }
      });
  });
  const keepAlive = manageKeepAlive(server, options.idleSocketMs);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  hosts = localHosts(port, host);
  return {
    server,
    url: `http://${host}:${port}`,
    port,
    auth,
    service,
    origin,
    ...(saver ? { saver } : {}),
    queue,
    keepAlive,
    siteEndpoints,
    ...(webhookSecret ? { webhookSecret } : {}),
    drainEvents: async () => {
      for (let seen: Promise<unknown> | undefined; seen !== deliveries;) {
        seen = deliveries;
        await seen;
      }
      if (bus.hasWork()) {
        await queue.run(() => record(bus.drain()));
      }
      const report = { ...delivered, failures: [...delivered.failures], records: [...delivered.records] };
      delivered.runs = 0;
      delivered.delivered = 0;
      delivered.failures = [];
      delivered.records = [];
      return report;
    },
    deliverRound: async () => {
      for (let seen: Promise<unknown> | undefined; seen !== deliveries;) {
        seen = deliveries;
        await seen;
      }
      return queue.run(() => {
        const report = bus.round();
        record(report);
        return report;
      });
    },
    eventBus: bus,
    eventDelivery: mode,
    close: () =>
      new Promise<void>((resolve, reject) => {
        if (timer) {
          clearInterval(timer);
        }
        keepAlive.stop();
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections();
      }).then(() => {
        saver?.save(usageDay, { compact: true });
      })
  };
}

/**
 * Presets a webhook secret (`MIITEL_WEBHOOK_SECRET`): `MiiTelWebhookSecrets.install(secret)` in one committed
 * transaction as the local admin, when the project has the class; else nothing.
 */
function installWebhookSecret(service: OrgService, secret: string): 'installed' | 'no MiiTelWebhookSecrets class' {
  const cls = service.org.registry.topLevel.get('miitelwebhooksecrets');
  if (!cls) {
    return 'no MiiTelWebhookSecrets class';
  }
  service.run((it) => it.runStatic(service.org.classNamed('MiiTelWebhookSecrets'), 'install', [secret]));
  return 'installed';
}

/**
 * A `--data` file must hold the users the runtime seeded for the platform (the Automated Process user, each site's
 * guest user) under the same ids: one saved before they existed, or with other sites, would make other users guests.
 */
function checkPlatformUsers(org: LocalOrg, file: string): void {
  const { automatedProcess, guests } = org.registry.seededUsers;
  const expected: [string | undefined, string][] = [
    [automatedProcess, 'AutomatedProcess'],
    ...[...guests.keys()].map((id): [string, string] => [id, 'Guest'])
  ];
  for (const [id, type] of expected) {
    if (id && org.data.get(id)?.get('usertype') !== type) {
      throw new Error(
        `${file} was saved before the local org seeded its ${type} user, or with other sites: move it away to start afresh`
      );
    }
  }
}
