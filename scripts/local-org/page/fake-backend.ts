/**
 * An in-process stand-in for the local org server, for the page's own browser test: it serves dist/ and the
 * endpoints the page calls (README.md, "Endpoints") with canned JSON, and records every Apex call. Labels come from
 * the project's real custom labels and ja translations; the object infos' fields that the project defines (Task's
 * MiiTel_* Activity fields, the phone keys) come from its field XML and object translations, labelled in the asked
 * language (`?lang=`, else Accept-Language) as the local org server does. Not a runtime: saveSettings keeps what it
 * is sent (in memory, unvalidated) and getSettings returns it.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { CustomLabels } from '../schema/labels.ts';
import { Schema } from '../schema/schema.ts';
import { dataType } from '../server/ui-api.ts';
import { DEFAULT_OUT, ROOT } from './build.ts';

export interface ApexCall {
  classname: string;
  method: string;
  params: Record<string, unknown>;
}

export interface FakeBackend {
  url: string;
  apexCalls: ApexCall[];
  requests: string[];
  close(): Promise<void>;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2'
};

const MERGE_FIELDS: [string, string, string][] = [
  ['callDateTime', '通話日時', 'Call date and time'],
  ['direction', '発着信', 'Direction'],
  ['customerNumber', '顧客電話番号', 'Customer number'],
  ['miitelUser', 'MiiTel ユーザー', 'MiiTel user'],
  ['owner', '担当者', 'Owner'],
  ['duration', '通話時間', 'Duration'],
  ['dialStartedAt', 'ダイヤル開始時刻', 'Dial started at'],
  ['answeredAt', '通話開始時刻', 'Answered at'],
  ['endedAt', '通話終了時刻', 'Ended at'],
  ['memos', '応対メモ', 'Memos'],
  ['transcript', '書き起こし', 'Transcript'],
  ['url', 'MiiTel URL', 'MiiTel URL'],
  ['recordName', '相手', 'Record name']
];

export const CANNED_SETTINGS: Record<string, Json> = {
  enabled: true,
  timing: 'CallEnded',
  subjectTemplate: 'MiiTel {!direction} {!customerNumber}',
  taskStatus: 'Completed',
  dialStartedField: null,
  callStartedField: null,
  callEndedField: 'MiiTel_Call_Ended_At__c',
  memoField: null,
  comment: [
    { field: 'callDateTime', label: '' },
    { field: 'duration', label: '' },
    { field: 'memos', label: '' },
    { field: 'url', label: '' }
  ],
  missedComment: [{ field: 'callDateTime', label: '' }],
  contactPhoneFields: [],
  accountPhoneFields: [],
  leadPhoneFields: [],
  ambiguityPolicy: 'Newest',
  eventLogRetentionDays: 30
};

export const CANNED_TASKS: Json[] = [
  {
    Id: '00T000000000001AAA',
    Subject: 'MiiTel 発信 03-1234-5678',
    Description: '通話日時: 2026/11/23 10:15\n通話時間: 3分12秒\n応対メモ: 見積もりを再送する',
    Status: 'Completed',
    Who: { Name: '山田 太郎' },
    CallType: 'Outbound',
    CallDurationInSeconds: 192,
    MiiTel_Call_Id__c: 'call-0001'
  },
  {
    Id: '00T000000000002AAA',
    Subject: 'MiiTel 不在着信 090-2222-3333',
    Description: '通話日時: 2026/11/23 11:02',
    Status: 'Completed',
    Who: { Name: '佐藤 花子' },
    CallType: 'Inbound',
    CallDurationInSeconds: 0,
    MiiTel_Call_Id__c: 'call-0002'
  },
  {
    Id: '00T000000000003AAA',
    Subject: 'MiiTel 着信 06-9876-5432',
    Description: null,
    Status: 'In Progress',
    Who: null,
    CallType: 'Inbound',
    CallDurationInSeconds: 45,
    MiiTel_Call_Id__c: 'call-0003'
  }
];

const STATUS_VALUES: [string, string][] = [
  ['Not Started', '未着手'],
  ['In Progress', '進行中'],
  ['Completed', '完了'],
  ['Waiting on someone else', '他者の作業待ち'],
  ['Deferred', '延期']
];

interface FieldSpec {
  apiName: string;
  label: string;
  dataType: string;
  custom?: boolean;
}

/**
 * An object info of the canned fields plus the project's own custom fields of the object (its field XML), every
 * project field labelled in `language` from the project's translations.
 */
function objectInfo(schema: Schema, language: string, apiName: string, label: string, canned: FieldSpec[]): Json {
  const type = schema.describe(apiName);
  const project: FieldSpec[] = [...(type?.fields.values() ?? [])]
    .filter((f) => f.custom)
    .map((f) => ({ apiName: f.name, label: f.label, dataType: dataType(f), custom: true }));
  const fields = [...canned.filter((c) => !project.some((f) => f.apiName === c.apiName)), ...project].map((f) => {
    const described = type?.fields.get(f.apiName.toLowerCase());
    return type && described?.custom ? { ...f, label: schema.translations.fieldLabel(type, described, language) } : f;
  });
  const map: Record<string, Json> = {};
  for (const field of fields) {
    map[field.apiName] = {
      apiName: field.apiName,
      label: field.label,
      dataType: field.dataType,
      custom: field.custom ?? field.apiName.endsWith('__c'),
      updateable: true,
      createable: true
    };
  }
  return { apiName, label, defaultRecordTypeId: '012000000000000AAA', fields: map };
}

/** Canned (standard and org-specific) fields; the project's own fields are added from its XML (objectInfo). */
const CANNED_FIELDS: Record<string, [string, FieldSpec[]]> = {
  Task: [
    'ToDo',
    [
      { apiName: 'Subject', label: '件名', dataType: 'Combobox' },
      { apiName: 'Status', label: '状況', dataType: 'Picklist' },
      { apiName: 'CallType', label: '通話種別', dataType: 'Picklist' },
      { apiName: 'CallDurationInSeconds', label: '通話時間（秒）', dataType: 'Int' },
      { apiName: 'CreatedDate', label: '作成日', dataType: 'DateTime' }
    ]
  ],
  Contact: [
    '取引先責任者',
    [
      { apiName: 'Phone', label: '電話', dataType: 'Phone' },
      { apiName: 'MobilePhone', label: '携帯', dataType: 'Phone' },
      { apiName: 'Direct_Line__c', label: '直通電話', dataType: 'Phone' }
    ]
  ],
  Account: [
    '取引先',
    [
      { apiName: 'Phone', label: '電話', dataType: 'Phone' },
      { apiName: 'Sub_Phone__c', label: '代表電話 2', dataType: 'Phone' }
    ]
  ],
  Lead: [
    'リード',
    [
      { apiName: 'Phone', label: '電話', dataType: 'Phone' },
      { apiName: 'Direct_Line__c', label: '直通電話', dataType: 'Phone' }
    ]
  ]
};

function wantsJapanese(request: IncomingMessage): boolean {
  return !/^en/i.test(request.headers['accept-language'] ?? 'ja');
}

/** The language of a UI API request: `?lang=` (the page's), else Accept-Language. */
function uiLanguage(request: IncomingMessage, url: URL): string {
  return url.searchParams.get('lang') ?? (wantsJapanese(request) ? 'ja' : 'en_US');
}

function apex(
  call: ApexCall,
  japanese: boolean,
  state: { settings: Record<string, Json>; purge: { scheduled: boolean; nextRun: string | null } }
): { status: number; body: Json } {
  const settingsParam = call.params.settings as Record<string, Json> | undefined;
  switch (call.method) {
    case 'getSettings':
      return { status: 200, body: { returnValue: state.settings } };
    case 'getMergeFields':
      return {
        status: 200,
        body: { returnValue: MERGE_FIELDS.map(([name, ja, en]) => ({ name, label: japanese ? ja : en })) }
      };
    case 'saveSettings':
      if (!settingsParam || typeof settingsParam !== 'object') {
        return { status: 400, body: { error: { body: { message: 'settings is required' }, status: 400 } } };
      }
      state.settings = { ...state.settings, ...settingsParam };
      return { status: 200, body: { returnValue: state.settings } };
    case 'preview': {
      const missed = call.params.missed === true;
      const subject = String(settingsParam?.subjectTemplate ?? '')
        .replace(/\{!\s*direction\s*\}/g, missed ? '不在着信' : '発信')
        .replace(/\{!\s*customerNumber\s*\}/g, '03-1234-5678');
      return {
        status: 200,
        body: { returnValue: { subject, comment: '通話日時: 2026/11/23 10:15\n通話時間: 3分12秒' } }
      };
    }
    case 'getEventLog':
      return { status: 200, body: { returnValue: [] } };
    case 'getUnlinkedCalls':
      return { status: 200, body: { returnValue: { calls: [], hasMore: false, nextCursor: null, windowDays: 30 } } };
    case 'getPurgeSchedule':
      return { status: 200, body: { returnValue: state.purge } };
    case 'schedulePurge':
      state.purge = { scheduled: true, nextRun: '2026-12-04T18:00:00.000Z' };
      return { status: 200, body: { returnValue: state.purge } };
    case 'getApiUsage':
      return {
        status: 200,
        body: {
          returnValue: {
            dailyApiLimit: 15000,
            dailyApiUsed: 120,
            bridgeRequests: 12,
            bridgeEvents: 30,
            apiCallsSaved: 78
          }
        }
      };
    default:
      return {
        status: 400,
        body: { error: { body: { message: `${call.classname}.${call.method} is not faked` }, status: 400 } }
      };
  }
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? undefined : (JSON.parse(text) as unknown);
}

function send(response: ServerResponse, status: number, body: Json): void {
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(JSON.stringify(body));
}

function serveFile(response: ServerResponse, root: string, path: string): void {
  const file = normalize(join(root, path));
  if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
    send(response, 404, { error: { body: { message: `not found: ${path}` }, status: 404 } });
    return;
  }
  response.writeHead(200, { 'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' });
  response.end(readFileSync(file));
}

/** Starts the fake on 127.0.0.1 (a free port unless `port` is given). */
export async function startFakeBackend(options: { distDir?: string; port?: number } = {}): Promise<FakeBackend> {
  const distDir = resolve(options.distDir ?? DEFAULT_OUT);
  const labels = CustomLabels.load([join(ROOT, 'force-app')]);
  const schema = new Schema([join(ROOT, 'force-app')]);
  const apexCalls: ApexCall[] = [];
  const requests: string[] = [];
  const state = { settings: { ...CANNED_SETTINGS }, purge: { scheduled: false, nextRun: null as string | null } };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    requests.push(`${request.method} ${path}${url.search}`);
    if (request.method === 'POST' && path === '/local/aura/apex') {
      const body = (await readJson(request)) as Partial<ApexCall> | undefined;
      const call: ApexCall = {
        classname: String(body?.classname ?? ''),
        method: String(body?.method ?? ''),
        params: (body?.params ?? {}) as Record<string, unknown>
      };
      apexCalls.push(call);
      const answer = apex(call, wantsJapanese(request), state);
      send(response, answer.status, answer.body);
      return;
    }
    if (request.method !== 'GET') {
      send(response, 405, { error: { body: { message: `${request.method} ${path} is not supported` }, status: 405 } });
      return;
    }
    const objectInfoMatch = /^\/local\/ui-api\/object-info\/([^/]+)$/.exec(path);
    if (objectInfoMatch) {
      const name = decodeURIComponent(objectInfoMatch[1] ?? '');
      const canned = CANNED_FIELDS[name];
      if (canned) {
        send(response, 200, objectInfo(schema, uiLanguage(request, url), name, canned[0], canned[1]));
      } else {
        send(response, 404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
      }
      return;
    }
    const picklistMatch = /^\/local\/ui-api\/picklist-values\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(path);
    if (picklistMatch) {
      if (picklistMatch[1] === 'Task' && picklistMatch[3] === 'Status') {
        const japanese = uiLanguage(request, url) === 'ja';
        send(response, 200, {
          values: STATUS_VALUES.map(([value, ja]) => ({ value, label: japanese ? ja : value })),
          defaultValue: { value: 'Not Started', label: japanese ? '未着手' : 'Not Started' }
        });
      } else {
        send(response, 404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
      }
      return;
    }
    if (path === '/local/labels') {
      const lang = url.searchParams.get('lang') === 'en_US' ? 'en_US' : 'ja';
      const table: Record<string, string> = {};
      for (const label of labels.labels.values()) {
        table[label.name] = labels.value(label.name, lang) ?? label.value;
      }
      send(response, 200, table);
      return;
    }
    if (path === '/local/tasks') {
      const limit = Number(url.searchParams.get('limit') ?? 50);
      send(response, 200, CANNED_TASKS.slice(0, Number.isFinite(limit) ? limit : 50));
      return;
    }
    if (path === '/' || path === '/index.html') {
      serveFile(response, distDir, 'index.html');
      return;
    }
    if (path.startsWith('/assets/')) {
      serveFile(response, distDir, decodeURIComponent(path.slice(1)));
      return;
    }
    send(response, 404, { error: { body: { message: `not found: ${path}` }, status: 404 } });
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      send(response, 500, { error: { body: { message: String(error) }, status: 500 } });
    });
  });
  await new Promise<void>((ready, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => ready());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    apexCalls,
    requests,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      })
  };
}
