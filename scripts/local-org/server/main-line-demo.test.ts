/**
 * Issue #24 on the demo org (`npm start`): a simulated call to the company main line (代表番号) that three Contacts share
 * lands on the calling rep's own Contact, and the Task and its comment say why; another rep's call lands on the
 * Account alone. The call events come from the simulator's own scenario, through the real REST endpoint.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scenario } from '../../simulator/scenarios.ts';
import { invokeRest } from '../rest.ts';
import { loadProject } from '../runtime.ts';
import { OrgService } from './org-service.ts';
import { DEMO_MAIN_LINE, seedAdmin, seedDemo } from './seed-demo.ts';

test('demo org: a simulated call to the main line lands on the rep’s own Contact with the why-line', () => {
  const org = loadProject('.');
  const service = new OrgService(org);
  seedAdmin(service);
  seedDemo(service);
  // Call 0 is mt-user-0 (山田 太郎, owns none of the three), call 1 mt-user-1 (佐藤 花子, owns 加藤 由美).
  const sends = scenario('outbound-call').sends({
    calls: 2,
    seed: 1,
    customerNumbers: [DEMO_MAIN_LINE],
    startAt: new Date('2026-11-23T01:00:00Z'),
    runId: 'main-line'
  });
  const response = invokeRest(
    org,
    'POST',
    '/services/apexrest/miitel/v1/call-events',
    { 'Content-Type': 'application/json' },
    Buffer.from(JSON.stringify({ events: sends.flat() })),
    { userId: service.org.userId }
  );
  assert.equal(response.status, 200, response.body.toString());

  const tasks = service.run((it) => {
    const select = (soql: string): Map<string, unknown>[] => {
      const rows = service.query(it, soql);
      assert.ok(typeof rows !== 'number');
      return rows.map((r) => r.fields);
    };
    const names = new Map<unknown, unknown>();
    for (const r of [
      ...select("SELECT Id, Name FROM Contact WHERE Account.Name = '東都システム株式会社'"),
      ...select("SELECT Id, Name FROM Account WHERE Name = '東都システム株式会社'")
    ]) {
      names.set(r.get('id'), r.get('name'));
    }
    return select(
      "SELECT WhoId, WhatId, MiiTel_Match_Reason__c, Description FROM Task WHERE MiiTel_Call_Id__c LIKE 'main-line-%' ORDER BY MiiTel_Call_Id__c"
    ).map((r) => ({
      who: names.get(r.get('whoid')) ?? null,
      what: names.get(r.get('whatid')) ?? null,
      reason: r.get('miitel_match_reason__c'),
      description: String(r.get('description'))
    }));
  });
  assert.equal(tasks.length, 2);
  const [other, rep] = tasks;
  assert.equal(rep?.who, '加藤 由美', 'the rep’s own Contact');
  assert.equal(rep?.reason, '代表番号: 3 件の取引先責任者のうち、担当者が所有する 1 件');
  assert.match(rep?.description ?? '', /紐付け理由: 代表番号: 3 件の取引先責任者のうち、担当者が所有する 1 件/);
  assert.equal(other?.who, null, 'no arbitrary Contact for a rep without evidence');
  assert.equal(other?.what, '東都システム株式会社', 'the Account alone');
  assert.match(String(other?.reason), /^代表番号: 3 件の取引先責任者が番号を共有/);
});
