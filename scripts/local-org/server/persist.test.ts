/**
 * `--data` saves incrementally (issue 16): after the first snapshot a commit appends only the rows it changed to
 * `<file>.log`; loading replays the log onto the snapshot (a line cut off by a crash is ignored, lines of an older
 * generation too); the log is folded into a new snapshot when asked (server stop) or when it outgrows the snapshot.
 * Counted, not timed: rows logged, snapshots written.
 */
import assert from 'node:assert/strict';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { Row } from '../data/store.ts';
import { loadProject, type LocalOrg } from '../runtime.ts';
import type { SObjectDescribe } from '../schema/schema.ts';
import { loadOrg, logFile, OrgSaver } from './persist.ts';

const dir = mkdtempSync(join(tmpdir(), 'local-org-persist-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const ROOT = 'scripts/local-org/fixtures/rest';

function account(org: LocalOrg): SObjectDescribe {
  return org.registry.schema.describe('Account') ?? assert.fail('Account');
}

/** Commits `count` new Accounts named `prefix-i`; returns their ids. */
function addAccounts(org: LocalOrg, prefix: string, count: number): string[] {
  const store = org.data.clone();
  const type = account(org);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = store.newId(type);
    const row: Row = new Map([
      ['id', id],
      ['name', `${prefix}-${i}`]
    ]);
    store.put(type, id, row);
    ids.push(id);
  }
  org.commit(store);
  return ids;
}

const names = (org: LocalOrg): string[] =>
  [...org.data.table(account(org)).values()].map((r) => String(r.get('name'))).sort();

test('a commit appends only its changed rows; load = snapshot + log; compaction folds the log in', () => {
  const file = join(dir, 'org.json');
  const org = loadProject(ROOT);
  const saver = new OrgSaver(file, org);
  addAccounts(org, 'base', 1000);
  assert.equal(saver.save('2026-12-03'), true);
  assert.deepEqual(saver.counts, { rowsLogged: 0, snapshots: 1 });
  const snapshot = readFileSync(file, 'utf8');

  const [first = ''] = addAccounts(org, 'new', 2);
  const store = org.data.clone();
  store.update(first, [['name', 'renamed']]);
  org.commit(store);
  assert.equal(saver.save('2026-12-03'), true);
  assert.deepEqual(saver.counts, { rowsLogged: 2, snapshots: 1 }, 'only the 2 changed rows were written');
  const removing = org.data.clone();
  const [base0] = [...removing.table(account(org)).keys()];
  removing.remove(base0 ?? '');
  org.commit(removing);
  saver.save('2026-12-03');
  assert.equal(saver.save('2026-12-03'), false, 'nothing changed: nothing written');
  assert.equal(readFileSync(file, 'utf8'), snapshot, 'the snapshot was not rewritten');
  assert.equal(readFileSync(logFile(file), 'utf8').trim().split('\n').length, 2);

  const reloaded = loadProject(ROOT);
  assert.equal(loadOrg(file, reloaded).logLines, 2);
  assert.deepEqual(names(reloaded), names(org));
  assert.ok(names(reloaded).includes('renamed') && !names(reloaded).includes('base-0'));

  // A crash while appending leaves half a line: it is ignored.
  appendFileSync(logFile(file), '{"generation":1,"sequences":');
  const afterCrash = loadProject(ROOT);
  assert.equal(loadOrg(file, afterCrash).logLines, 2);
  assert.deepEqual(names(afterCrash), names(org));

  // Folding the log into a new snapshot (as when the server stops).
  assert.equal(saver.save('2026-12-03', { compact: true }), true);
  assert.equal(existsSync(logFile(file)), false);
  assert.equal(saver.counts.snapshots, 2);
  // A stale log of the previous generation (its removal failed) is not replayed onto the new snapshot.
  appendFileSync(
    logFile(file),
    `${JSON.stringify({ generation: 1, sequences: { counters: [], lastWrite: 0 }, usage: { apiRequests: 0, day: '2026-12-03' }, stored: {}, removed: { account: [first] } })}\n`
  );
  const compacted = loadProject(ROOT);
  assert.equal(loadOrg(file, compacted).logLines, 0);
  assert.deepEqual(names(compacted), names(org));
});

test('the log is folded into a snapshot once it outgrows half of it', () => {
  const file = join(dir, 'grow.json');
  const org = loadProject(ROOT);
  const saver = new OrgSaver(file, org);
  addAccounts(org, 'seed', 10);
  saver.save('2026-12-03');
  for (let i = 0; i < 40; i++) {
    addAccounts(org, `batch${i}-${'x'.repeat(300)}`, 200); // ≈ 2.5 MB in all
    saver.save('2026-12-03');
  }
  assert.ok(saver.counts.snapshots > 1 && saver.counts.snapshots < 20, JSON.stringify(saver.counts));
  const reloaded = loadProject(ROOT);
  loadOrg(file, reloaded);
  assert.equal(names(reloaded).length, 10 + 40 * 200);
});
