/**
 * The served local org end to end, in-process on port 0 with the project's real Apex and the demo seed: OAuth and
 * bearer tokens, SOQL and sObject CRUD through the runtime (triggers fill phone keys), Apex REST with the generated
 * client (a Task appears; X-MiiTel-Limits and Sforce-Limit-Info), the Aura bridge, the UI API subset, labels, and the
 * guards against web pages (Host, Origin, body size, page headers), the
 * official sf CLI (TOOLCHAIN.md, "Making the official sf CLI talk to a local HTTP org").
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { Connection } from 'jsforce';
import { fetchTransport, postCallEvents } from '../../contract/generated/client.ts';
import { endedCall } from './test-fixtures.ts';
import { loadProject } from '../runtime.ts';
import { startServer, type RunningServer } from './app.ts';
import { MAX_BODY_BYTES } from './guard.ts';

const run = promisify(execFile);
let server: RunningServer;
let token = '';

interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
}

async function call(method: string, path: string, body?: unknown, auth: string | null = token): Promise<Answer> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(auth ? { Authorization: `Bearer ${auth}` } : {}),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' })
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) })
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? (JSON.parse(text) as unknown) : null;
  } catch {
    // a text answer (challenge, HTML)
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

type Rec = Record<string, unknown>;
const records = (a: Answer): Rec[] => (a.body as { records: Rec[] }).records;
const q = (soql: string): string => `/services/data/v65.0/query?q=${encodeURIComponent(soql)}`;

before(async () => {
  server = await startServer({ org: loadProject('.'), port: 0, seed: 'demo' });
});

after(async () => {
  await server.close();
});

describe('OAuth and the REST API', () => {
  it('client_credentials gives a session-id-shaped bearer token; other endpoints need one (401 INVALID_SESSION_ID)', async () => {
    const response = await fetch(`${server.url}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&client_id=x&client_secret=y'
    });
    assert.equal(response.status, 200);
    const body = (await response.json()) as Rec;
    assert.match(String(body.access_token), /^00D\w{12,15}!/);
    assert.equal(body.instance_url, server.url);
    assert.equal(body.token_type, 'Bearer');
    assert.ok(body.id && body.issued_at && body.signature);
    token = String(body.access_token);

    const refused = await call('GET', q('SELECT Id FROM Account'), undefined, null);
    assert.equal(refused.status, 401);
    assert.deepEqual(refused.body, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
    assert.equal((await call('GET', '/services/data/v65.0/limits', undefined, 'nope')).status, 401);
    const info = await call('GET', '/services/oauth2/userinfo');
    assert.equal((info.body as Rec).user_id, server.service.org.userId);
    assert.equal((await call('POST', '/services/oauth2/token', undefined, null)).status, 400, 'no grant type');
  });

  it('versions, resources, limits; repeated slashes are collapsed; every answer carries Sforce-Limit-Info', async () => {
    const versions = await call('GET', '//services/data');
    assert.deepEqual(versions.body, [{ version: '65.0', url: '/services/data/v65.0', label: "Winter '26" }]);
    assert.equal(versions.headers.get('content-type'), 'application/json;charset=UTF-8');
    assert.equal((await call('GET', '//services//data/v65.0')).status, 200);
    const limits = await call('GET', '/services/data/v65.0/limits');
    const daily = (limits.body as { DailyApiRequests: { Max: number; Remaining: number } }).DailyApiRequests;
    assert.equal(daily.Max, 15000);
    const used = /^api-usage=(\d+)\/15000$/.exec(limits.headers.get('sforce-limit-info') ?? '');
    assert.ok(used, 'Sforce-Limit-Info');
    assert.equal(daily.Remaining, 15000 - Number(used[1]));
    const missing = await call('GET', '/services/data/v65.0/nothing-here');
    assert.equal(missing.status, 404);
    assert.equal((missing.body as Rec[])[0]?.errorCode, 'NOT_FOUND');
  });

  it('SOQL runs through the runtime: demo seed with phone keys filled by the package triggers', async () => {
    const contacts = await call(
      'GET',
      q('SELECT Name, MobilePhone, MiiTel_Mobile_Phone_Key__c, Account.Name FROM Contact')
    );
    assert.equal(contacts.status, 200);
    const yamada = records(contacts).find((r) => r.MobilePhone === '+81 90 1234 5678');
    assert.equal(yamada?.MiiTel_Mobile_Phone_Key__c, '+819012345678');
    assert.equal((yamada?.Account as Rec).Name, '株式会社サンプル商事');
    assert.equal(yamada?.Id, undefined, 'Id only when selected');
    const leads = records(await call('GET', q('SELECT Phone, MiiTel_Phone_Key__c FROM Lead')));
    assert.ok(
      leads.some((l) => l.Phone === '０３－５５５５－１２３４（内線１０）' && l.MiiTel_Phone_Key__c === '+81355551234')
    );
    const users = records(
      await call('GET', q('SELECT MiiTel_User_Id__c, Email FROM User WHERE MiiTel_User_Id__c != null'))
    );
    assert.deepEqual(users.map((u) => u.MiiTel_User_Id__c).sort(), ['mt-user-0', 'mt-user-1']);
    const count = await call('GET', q('SELECT COUNT() FROM Account'));
    assert.deepEqual(count.body, { totalSize: 3, done: true, records: [] });
    const columns = await call('GET', `${q('SELECT Id, Name, Account.Name FROM Contact')}&columns=true`);
    assert.deepEqual(
      (
        columns.body as { columnMetadata: { columnName: string; joinColumns: { columnName: string }[] }[] }
      ).columnMetadata.map((c) => [c.columnName, c.joinColumns.map((j) => j.columnName)]),
      [
        ['Id', []],
        ['Name', []],
        ['Account', ['Name']]
      ]
    );
    const bad = await call('GET', q('SELECT Nope__c FROM Contact'));
    assert.equal(bad.status, 400);
    assert.equal((bad.body as Rec[])[0]?.errorCode, 'INVALID_FIELD');
    const devHub = await call('GET', q('SELECT Id FROM ScratchOrgInfo LIMIT 1'));
    assert.equal(devHub.status, 400, 'not a Dev Hub');
    const org = records(await call('GET', q('SELECT OrganizationType, NamespacePrefix FROM Organization')));
    assert.deepEqual([org[0]?.OrganizationType, org[0]?.NamespacePrefix], ['Developer Edition', null]);
    const sandbox = await call(
      'GET',
      `/services/data/v65.0/tooling/query?q=${encodeURIComponent('SELECT Id FROM SandboxProcess')}`
    );
    assert.equal((sandbox.body as Rec).totalSize, 0);
  });

  it('sObject create, read, update, delete run DML through the runtime (triggers, validations)', async () => {
    const created = await call('POST', '/services/data/v65.0/sobjects/Contact', {
      LastName: '小林',
      FirstName: '愛',
      Phone: '０４５－９９９－８８７７'
    });
    assert.equal(created.status, 201);
    const id = String((created.body as Rec).id);
    assert.deepEqual(created.body, { id, success: true, errors: [] });
    assert.match(id, /^003\w{15}$/);
    const read = await call('GET', `/services/data/v65.0/sobjects/Contact/${id}`);
    assert.equal((read.body as Rec).MiiTel_Phone_Key__c, '+81459998877', 'the trigger ran');
    assert.deepEqual((read.body as Rec).attributes, {
      type: 'Contact',
      url: `/services/data/v65.0/sobjects/Contact/${id}`
    });
    const updated = await call('PATCH', `/services/data/v65.0/sobjects/Contact/${id}`, { Phone: '+81 3 1111 2222' });
    assert.equal(updated.status, 204);
    const reread = await call('GET', `/services/data/v65.0/sobjects/Contact/${id}?fields=Phone,MiiTel_Phone_Key__c`);
    assert.deepEqual(
      { ...(reread.body as Rec), attributes: undefined },
      { attributes: undefined, Phone: '+81 3 1111 2222', MiiTel_Phone_Key__c: '+81311112222' }
    );
    const missingName = await call('POST', '/services/data/v65.0/sobjects/Contact', { FirstName: 'x' });
    assert.equal(missingName.status, 400);
    assert.equal((missingName.body as Rec[])[0]?.errorCode, 'REQUIRED_FIELD_MISSING');
    const unknownField = await call('POST', '/services/data/v65.0/sobjects/Contact', { LastName: 'x', Nope__c: 1 });
    assert.equal((unknownField.body as Rec[])[0]?.errorCode, 'INVALID_FIELD');
    assert.equal((await call('DELETE', `/services/data/v65.0/sobjects/Contact/${id}`)).status, 204);
    assert.equal((await call('GET', `/services/data/v65.0/sobjects/Contact/${id}`)).status, 404);
    const user = await call('GET', `/services/data/v51.0/sobjects/User/${server.service.org.userId}`);
    assert.equal((user.body as Rec).Username, 'integration@miitel-bridge.local');
  });

  it('Apex REST: a call event from the generated client logs a Task; X-MiiTel-Limits and Sforce-Limit-Info are sent', async () => {
    const seen: Headers[] = [];
    const transport = fetchTransport({
      instanceUrl: server.url,
      accessToken: token,
      fetch: async (url, init) => {
        const response = await fetch(url, init);
        seen.push(response.headers);
        return response;
      }
    });
    const answer = await postCallEvents(transport, [endedCall('srv-evt-1', 'srv-call-1', '+81661234567')]);
    assert.deepEqual(
      answer.results.map((r) => [r.eventId, r.status]),
      [['srv-evt-1', 'applied']]
    );
    const headers = seen[0];
    assert.match(
      headers?.get('x-miitel-limits') ?? '',
      /^soql=[1-9]\d*;sosl=0;dml=[1-9]\d*;dmlRows=[1-9]\d*;cpuMs=\d+$/
    );
    assert.match(headers?.get('sforce-limit-info') ?? '', /^api-usage=\d+\/15000$/);
    const tasks = records(
      await call(
        'GET',
        q("SELECT Subject, Status, CallType, Who.Name, Owner.Name FROM Task WHERE MiiTel_Call_Id__c = 'srv-call-1'")
      )
    );
    assert.equal(tasks.length, 1);
    assert.equal(tasks[0]?.Status, 'Completed', 'the seeded settings');
    assert.equal(tasks[0]?.CallType, 'Inbound');
    assert.equal((tasks[0]?.Who as Rec).Name, '鈴木 一郎', 'matched the Lead 06-6123-4567 (ja_JP: family name first)');
    assert.equal((tasks[0]?.Owner as Rec).Name, '佐藤 花子', 'mt-user-1');
    const again = await postCallEvents(transport, [endedCall('srv-evt-1', 'srv-call-1', '+81661234567')]);
    assert.equal(again.results[0]?.status, 'duplicate');
    const view = await call('GET', '/local/tasks?limit=5', undefined, null);
    const newest = records(view)[0];
    assert.equal(newest?.MiiTel_Call_Id__c, 'srv-call-1');
    assert.equal(newest?.CallDurationInSeconds, 185);
    assert.equal(newest?.MiiTel_Call_Started_At__c, '2026-11-23T01:15:40.000+0000');
    const unauthenticated = await call('POST', '/services/apexrest/miitel/v1/call-events', { events: [] }, null);
    assert.equal(unauthenticated.status, 401);
    const wrongMethod = await call('GET', '/services/apexrest/miitel/v1/call-events');
    assert.equal(wrongMethod.status, 405);
  });
});

describe('jsforce against the local org', () => {
  it('a jsforce Connection creates a Contact (the trigger keys its phone) and queries Tasks', async () => {
    const tokenAnswer = await fetch(`${server.url}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials'
    });
    const accessToken = ((await tokenAnswer.json()) as { access_token: string }).access_token;
    const connection = new Connection({ instanceUrl: server.url, accessToken, version: '65.0' });

    const created = await connection
      .sobject('Contact')
      .create({ LastName: 'ジェイエスフォース', Phone: '03-7777-0001' });
    assert.equal(created.success, true, JSON.stringify(created));
    const contact = await connection.query<{ MiiTel_Phone_Key__c: string }>(
      `SELECT MiiTel_Phone_Key__c FROM Contact WHERE Id = '${created.id}'`
    );
    assert.equal(contact.records[0]?.MiiTel_Phone_Key__c, '+81377770001', 'phone key filled by the package trigger');

    const tasks = await connection.query('SELECT Id, Subject FROM Task');
    assert.equal(tasks.done, true);
    assert.equal(typeof tasks.totalSize, 'number');
  });
});

describe('settings page endpoints', () => {
  const aura = (method: string, params: Rec = {}): Promise<Answer> =>
    call('POST', '/local/aura/apex', { classname: 'MiiTelSettingsController', method, params }, null);

  it('getSettings / saveSettings / preview run the @AuraEnabled methods as the local admin', async () => {
    const got = await aura('getSettings');
    assert.equal(got.status, 200);
    const settings = (got.body as { returnValue: Rec }).returnValue;
    assert.equal(settings.enabled, true);
    assert.equal(settings.timing, 'CallEnded');
    assert.equal(settings.taskStatus, 'Completed');
    assert.ok(Array.isArray(settings.comment) && settings.comment.length > 0);
    assert.equal('dialStartedField' in settings, true);

    const saved = await aura('saveSettings', {
      settings: { ...settings, timing: 'CallStarted', taskStatus: 'In Progress' }
    });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.equal((saved.body as { returnValue: Rec }).returnValue.timing, 'CallStarted');
    const reread = (await aura('getSettings')).body as { returnValue: Rec };
    assert.equal(reread.returnValue.taskStatus, 'In Progress', 'committed');

    const preview = await aura('preview', { settings: reread.returnValue, missed: false });
    const view = (preview.body as { returnValue: { subject: string; comment: string } }).returnValue;
    assert.match(view.subject, /MiiTel/);
    assert.match(view.comment, /折り返し希望/);
    const fields = (await aura('getMergeFields')).body as { returnValue: { name: string; label: string }[] };
    assert.ok(fields.returnValue.length > 3 && fields.returnValue.every((f) => f.name && f.label));
    const replay = await call(
      'POST',
      '/local/aura/apex',
      { classname: 'MiiTelEventLogController', method: 'replay', params: { entryIds: [] } },
      null
    );
    assert.deepEqual(replay.body, { returnValue: { replayed: 0, applied: 0 } });
  });

  it("Apex labels follow the page's language (Accept-Language), like a user's language on the platform", async () => {
    const label = async (language: string): Promise<string | undefined> => {
      const response = await fetch(`${server.url}/local/aura/apex`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Accept-Language': language },
        body: JSON.stringify({ classname: 'MiiTelSettingsController', method: 'getMergeFields', params: {} })
      });
      const body = (await response.json()) as { returnValue: { name: string; label: string }[] };
      return body.returnValue.find((field) => field.name === 'callDateTime')?.label;
    };
    assert.equal(await label('ja'), '通話日時');
    assert.equal(await label('en-US,en;q=0.9'), 'Call date/time');
  });

  it('refused calls: AuraHandledException message (no stack, rolled back); non-@AuraEnabled methods cannot be called', async () => {
    const invalid = await aura('saveSettings', { settings: { enabled: true, timing: 'Sometimes' } });
    assert.equal(invalid.status, 400);
    const error = invalid.body as { error: { body: { message: string }; status: number } };
    assert.equal(error.error.status, 400);
    assert.match(error.error.body.message, /^設定を保存できませんでした:/);
    assert.doesNotMatch(error.error.body.message, /Class\.|line \d+/);
    assert.deepEqual(Object.keys(error.error.body), ['message']);
    assert.equal(((await aura('getSettings')).body as { returnValue: Rec }).returnValue.timing, 'CallStarted');
    const hidden = await aura('toView');
    assert.equal(hidden.status, 404);
    assert.match((hidden.body as { error: { body: { message: string } } }).error.body.message, /No @AuraEnabled/);
    const crossSite = await fetch(`${server.url}/local/aura/apex`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: '{}'
    });
    assert.equal(crossSite.status, 415);

    // Without the MiiTel_Admin assignment the controller refuses with its label.
    const assignments = records(
      await call(
        'GET',
        q(`SELECT Id, PermissionSetId FROM PermissionSetAssignment WHERE PermissionSet.Name = 'MiiTel_Admin'`)
      )
    );
    const assignment = assignments[0];
    assert.ok(assignment);
    await call('DELETE', `/services/data/v65.0/sobjects/PermissionSetAssignment/${String(assignment.Id)}`);
    const denied = await aura('getSettings');
    assert.equal(denied.status, 400);
    assert.match((denied.body as { error: { body: { message: string } } }).error.body.message, /MiiTel Admin/);
    const restored = await call('POST', '/services/data/v65.0/sobjects/PermissionSetAssignment', {
      AssigneeId: server.service.org.userId,
      PermissionSetId: assignment.PermissionSetId
    });
    assert.equal(restored.status, 201);
    assert.equal((await aura('getSettings')).status, 200);
  });

  it('object-info and picklist values come from the schema; labels switch between ja and en_US', async () => {
    const info = (await call('GET', '/local/ui-api/object-info/Task', undefined, null)).body as {
      apiName: string;
      keyPrefix: string;
      defaultRecordTypeId: string;
      fields: Record<string, { dataType: string; custom: boolean; label: string }>;
    };
    assert.equal(info.apiName, 'Task');
    assert.equal(info.keyPrefix, '00T');
    assert.equal(info.defaultRecordTypeId, '012000000000000AAA');
    const dateTimes = Object.entries(info.fields)
      .filter(([, f]) => f.dataType === 'DateTime')
      .map(([name]) => name);
    for (const name of [
      'MiiTel_Dial_Started_At__c',
      'MiiTel_Call_Started_At__c',
      'MiiTel_Call_Ended_At__c',
      'CreatedDate'
    ]) {
      assert.ok(dateTimes.includes(name), name);
    }
    assert.equal(info.fields.MiiTel_Call_Memo__c?.dataType, 'MultiPicklist');
    assert.equal(info.fields.MiiTel_Call_Memo__c?.custom, true);
    assert.equal(info.fields.Status?.dataType, 'Picklist');
    assert.equal((await call('GET', '/local/ui-api/object-info/Nope__c', undefined, null)).status, 404);

    const status = (await call('GET', '/local/ui-api/picklist-values/Task/012000000000000AAA/Status', undefined, null))
      .body as { values: Rec[]; defaultValue: Rec | null; controllerValues: Rec };
    assert.deepEqual(
      status.values.map((v) => v.value),
      ['Not Started', 'In Progress', 'Completed', 'Waiting on someone else', 'Deferred']
    );
    assert.deepEqual(status.values[2], { value: 'Completed', label: 'Completed', attributes: null, validFor: [] });
    assert.equal(status.defaultValue?.value, 'Not Started');
    assert.deepEqual(status.controllerValues, {});

    const ja = (await call('GET', '/local/labels?lang=ja', undefined, null)).body as Record<string, string>;
    const en = (await call('GET', '/local/labels?lang=en_US', undefined, null)).body as Record<string, string>;
    assert.equal(ja.MiiTel_Error_No_Permission, 'MiiTel の設定を管理するには権限セット「MiiTel Admin」が必要です。');
    assert.equal(
      en.MiiTel_Error_No_Permission,
      'You need the MiiTel Admin permission set to manage the MiiTel settings.'
    );
    assert.deepEqual(Object.keys(ja), Object.keys(en));
  });

  // As Lightning shows a Japanese user the package's translations (Metadata API "CustomObjectTranslation"), the UI
  // API subset labels objects, fields and picklist values in the page's language; en_US reads the object/field XML.
  it('object-info and picklist values answer in the page language (?lang=, else Accept-Language, else the user)', async () => {
    type Info = {
      label: string;
      labelPlural: string;
      fields: Record<string, { label: string; inlineHelpText: string | null }>;
    };
    const info = async (path: string, headers: Record<string, string> = {}): Promise<Info> =>
      (await (await fetch(`${server.url}/local/ui-api/object-info/${path}`, { headers })).json()) as Info;
    const taskJa = await info('Task?lang=ja');
    assert.equal(taskJa.fields.MiiTel_Dial_Started_At__c?.label, 'MiiTel ダイヤル開始時刻');
    assert.equal(taskJa.fields.MiiTel_Call_Ended_At__c?.label, 'MiiTel 通話終了時刻');
    assert.equal(taskJa.fields.MiiTel_Call_Ended_At__c?.inlineHelpText, '通話が終了した日時。');
    assert.equal(taskJa.fields.Subject?.inlineHelpText, null);
    const taskEn = await info('Task?lang=en_US');
    assert.equal(taskEn.fields.MiiTel_Dial_Started_At__c?.label, 'MiiTel Dial Started At');
    assert.equal(taskEn.fields.MiiTel_Call_Ended_At__c?.label, 'MiiTel Call Ended At');
    assert.equal(taskEn.label, taskJa.label, 'Task keeps its own (platform) label: Activity-ja translates fields only');
    assert.equal(
      (await info('Task', { 'Accept-Language': 'en-US' })).fields.MiiTel_Call_Ended_At__c?.label,
      'MiiTel Call Ended At'
    );
    assert.equal(
      (await info('Task', { 'Accept-Language': 'ja' })).fields.MiiTel_Call_Ended_At__c?.label,
      'MiiTel 通話終了時刻'
    );
    // No language asked: the running user's LanguageLocaleKey (the seeded admin's is ja).
    assert.equal((await info('Task')).fields.MiiTel_Call_Ended_At__c?.label, 'MiiTel 通話終了時刻');

    const eventsJa = await info('MiiTel_Call_Event__c?lang=ja');
    assert.equal(eventsJa.label, 'MiiTel 通話イベント');
    assert.equal(eventsJa.labelPlural, 'MiiTel 通話イベント');
    assert.equal(eventsJa.fields.Name?.label, 'イベント番号');
    const eventsEn = await info('MiiTel_Call_Event__c?lang=en_US');
    assert.notEqual(eventsEn.label, eventsJa.label);
    assert.notEqual(eventsEn.fields.Name?.label, 'イベント番号');

    const statuses = async (lang: string): Promise<Rec[]> =>
      (
        (
          await call(
            'GET',
            `/local/ui-api/picklist-values/MiiTel_Call_Event__c/012000000000000AAA/MiiTel_Status__c?lang=${lang}`,
            undefined,
            null
          )
        ).body as { values: Rec[] }
      ).values;
    assert.deepEqual(
      (await statuses('ja')).map((v) => [v.value, v.label]),
      [
        ['Applied', '登録済み'],
        ['Deferred', '保留'],
        ['Skipped', 'スキップ'],
        ['Failed', '失敗']
      ]
    );
    assert.deepEqual(
      (await statuses('en_US')).map((v) => [v.value, v.label]),
      [
        ['Applied', 'Applied'],
        ['Deferred', 'Deferred'],
        ['Skipped', 'Skipped'],
        ['Failed', 'Failed']
      ]
    );
  });

  it('GET / serves the built page, or says how to build it', async () => {
    const page = await fetch(`${server.url}/`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    const missing = await fetch(`${server.url}/assets/..%2f..%2fpackage.json`);
    assert.equal(missing.status, 404);
  });
});

describe('record page endpoints (issue 23)', () => {
  it("a Contact's record header links its Account; the call history lists the Contact's call on both", async () => {
    const issued = await fetch(`${server.url}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials'
    });
    const accessToken = ((await issued.json()) as { access_token: string }).access_token;
    await postCallEvents(fetchTransport({ instanceUrl: server.url, accessToken }), [
      endedCall('rec-evt-1', 'rec-call-1', '+81312345678')
    ]);
    const soql = q("SELECT WhoId FROM Task WHERE MiiTel_Call_Id__c = 'rec-call-1'");
    const task = records(await call('GET', soql, undefined, accessToken))[0];
    const contactId = String(task?.WhoId);

    const header = await call('GET', `/local/records/${contactId}`, undefined, null);
    assert.equal(header.status, 200, JSON.stringify(header.body));
    const contact = header.body as Rec;
    assert.equal(contact.objectApiName, 'Contact', 'the API name, not the store key');
    assert.equal(contact.name, '山田 一郎');
    assert.equal(contact.accountName, '株式会社サンプル商事');
    const account = (await call('GET', `/local/records/${String(contact.accountId)}`, undefined, null)).body as Rec;
    assert.deepEqual(
      [account.objectApiName, account.name, account.accountId],
      ['Account', '株式会社サンプル商事', null]
    );
    assert.equal((await call('GET', '/local/records/003000000000000AAA', undefined, null)).status, 404);
    assert.equal((await call('GET', '/local/records/nope', undefined, null)).status, 400);

    for (const recordId of [contactId, String(contact.accountId)]) {
      const page = await call(
        'POST',
        '/local/aura/apex',
        { classname: 'MiiTelCallHistoryController', method: 'getCalls', params: { recordId, pageSize: 5 } },
        null
      );
      assert.equal(page.status, 200, JSON.stringify(page.body));
      const calls = (page.body as { returnValue: { calls: Rec[] } }).returnValue.calls;
      assert.ok(
        calls.some((c) => c.callId === 'rec-call-1' && c.direction === 'inbound'),
        `${recordId} lists the call`
      );
    }
  });
});

describe('what keeps web pages away from the local org (issue 16)', () => {
  /** A raw request (fetch may not set Host); resolves with the status and headers, or the socket error. */
  const raw = (
    path: string,
    headers: Record<string, string>,
    method = 'GET',
    body?: string
  ): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> =>
    new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, path, method, headers }, (res) => {
        let text = '';
        res.on('data', (b: Buffer) => (text += b.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      });
      req.on('error', reject);
      req.end(body);
    });
  const host = (): string => `127.0.0.1:${server.port}`;

  it('refuses a Host that is not this server (DNS rebinding) before running anything: 421', async () => {
    for (const ok of [`127.0.0.1:${server.port}`, `localhost:${server.port}`, `[::1]:${server.port}`]) {
      assert.equal((await raw('/services/data', { Host: ok })).status, 200, ok);
    }
    for (const bad of [`evil.example:${server.port}`, '127.0.0.1', `127.0.0.1:${server.port + 1}`, 'localhost.evil']) {
      const answer = await raw('/local/tasks', { Host: bad });
      assert.equal(answer.status, 421, bad);
      assert.match(answer.text, /MISDIRECTED_REQUEST/);
    }
  });

  it('refuses a foreign Origin on every page endpoint (403), accepts its own', async () => {
    for (const origin of ['http://evil.example', 'null', `http://127.0.0.1:${server.port + 1}`]) {
      assert.equal((await raw('/local/tasks', { Host: host(), Origin: origin })).status, 403, origin);
      const post = await raw(
        '/local/aura/apex',
        { Host: host(), Origin: origin, 'Content-Type': 'application/json' },
        'POST',
        JSON.stringify({ classname: 'MiiTelSettingsController', method: 'getSettings', params: {} })
      );
      assert.equal(post.status, 403, origin);
    }
    assert.equal((await raw('/local/tasks', { Host: host(), Origin: `http://${host()}` })).status, 200);
    assert.equal((await raw('/local/tasks', { Host: `localhost:${server.port}` })).status, 200, 'no Origin');
  });

  it('refuses a body over the limit before buffering it (413), by its declared length or as it arrives', async () => {
    const declared = await raw('/services/apexrest/miitel/v1/call-events', {
      Host: host(),
      'Content-Length': String(MAX_BODY_BYTES + 1),
      'Content-Type': 'application/json'
    }).catch((e: Error) => e);
    // The body was never sent: the answer comes from the headers alone.
    assert.ok(!(declared instanceof Error), String(declared));
    assert.equal(declared.status, 413);
    assert.equal(declared.headers.connection, 'close');
    const chunked = await raw(
      '/services/apexrest/miitel/v1/call-events',
      { Host: host(), 'Transfer-Encoding': 'chunked', 'Content-Type': 'application/json' },
      'POST',
      'x'.repeat(MAX_BODY_BYTES + 1)
    ).catch((e: Error) => e);
    assert.ok(!(chunked instanceof Error), String(chunked));
    assert.equal(chunked.status, 413);
  });

  it('answers malformed percent-encoding in a static path with 400, and sends CSP, framing and nosniff headers', async () => {
    const malformed = await fetch(`${server.url}/assets/%E0%A4%A`);
    assert.equal(malformed.status, 400);
    const page = await fetch(`${server.url}/`);
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'self'.*frame-ancestors 'none'/);
    assert.equal(page.headers.get('x-frame-options'), 'DENY');
    assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
  });
});

describe('the official sf CLI against the server', () => {
  const home = mkdtempSync(join(tmpdir(), 'sf-home-'));
  after(() => rmSync(home, { recursive: true, force: true }));
  const sf = async (...args: string[]): Promise<string> => {
    // jsforce ignores NO_PROXY: the proxies must be unset to reach 127.0.0.1.
    const proxies = new Set(['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy']);
    const env: NodeJS.ProcessEnv = {
      ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !proxies.has(k))),
      HOME: home,
      SF_ACCESS_TOKEN: server.auth.fixedToken,
      SF_DISABLE_TELEMETRY: 'true',
      SF_AUTOUPDATE_DISABLE: 'true',
      SF_SKIP_NEW_VERSION_CHECK: 'true',
      PATH: `${resolve('node_modules/.bin')}:${process.env.PATH ?? ''}`
    };
    const { stdout } = await run(resolve('node_modules/.bin/sf'), args, { env, timeout: 60000 });
    return stdout;
  };

  it('org login access-token, data query, data create record, api request rest', async () => {
    const login = await sf('org', 'login', 'access-token', '--instance-url', server.url, '-a', 'local', '--no-prompt');
    assert.match(login, /Successfully authorized integration@miitel-bridge\.local with org ID 00D/);
    const table = await sf('data', 'query', '-o', 'local', '-q', 'SELECT Name, Phone FROM Account ORDER BY Name');
    assert.match(table, /株式会社サンプル商事/);
    assert.match(table, /Total number of records retrieved: 3\./);
    const created = await sf('data', 'create', 'record', '-o', 'local', '-s', 'Task', '-v', 'Subject=Hi');
    const id = /Successfully created record: (00T\w{15})/.exec(created)?.[1];
    assert.ok(id, created);
    const queried = JSON.parse(
      await sf('data', 'query', '-o', 'local', '--json', '-q', `SELECT Subject FROM Task WHERE Id = '${id}'`)
    ) as {
      result: { records: Rec[] };
    };
    assert.equal(queried.result.records[0]?.Subject, 'Hi');
    const body = JSON.stringify({ events: [endedCall('sf-evt-1', 'sf-call-1', '+81312345678')] });
    const answer = await sf(
      'api',
      'request',
      'rest',
      '/services/apexrest/miitel/v1/call-events',
      '--method',
      'POST',
      '--body',
      body,
      '-o',
      'local'
    );
    const parsed = JSON.parse(answer.slice(answer.indexOf('{'))) as { results: { eventId: string; status: string }[] };
    assert.deepEqual(
      parsed.results.map((r) => [r.eventId, r.status]),
      [['sf-evt-1', 'applied']]
    );
  });
});
