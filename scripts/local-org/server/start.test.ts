/**
 * The `start.ts` CLI as a process (on a small fixture project so it loads fast): `--port 0`, `--seed none`,
 * `--data <file>` persistence across a restart (records, dates, id counters, Apex REST commits), graceful SIGTERM.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

const dir = mkdtempSync(join(tmpdir(), 'local-org-data-'));
const dataFile = join(dir, 'org.json');
after(() => rmSync(dir, { recursive: true, force: true }));

interface Started {
  child: ChildProcessWithoutNullStreams;
  url: string;
  token: string;
  output: () => string;
}

function start(): Promise<Started> {
  // node itself, as `npm start` runs it, not the tsx launcher: the launcher relays SIGTERM only if the child answers
  // its signal check within 30 ms, else it SIGKILLs the child and exits 143 (tsx's relaySignalToChild) — a failure of
  // this test on a loaded machine that says nothing about the server's own graceful stop.
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'scripts/local-org/server/start.ts',
      '--root',
      'scripts/local-org/fixtures/rest',
      '--seed',
      'none',
      '--port',
      '0',
      '--data',
      dataFile,
      '--quiet'
    ],
    { env: { ...process.env, PORT: '1' } }
  );
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner: ${out}`)), 30000);
    const onData = (chunk: Buffer): void => {
      out += chunk.toString();
      const url = /MiiTel local org: (http:\/\/\S+)/.exec(out)?.[1];
      const token = /access token\s+(\S+)/.exec(out)?.[1];
      if (url && token) {
        clearTimeout(timer);
        resolve({ child, url, token, output: () => out });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`exited ${String(code)}: ${out}`)));
  });
}

function stop(s: Started): Promise<number | null> {
  return new Promise((resolve) => {
    s.child.removeAllListeners('exit');
    s.child.on('exit', (code) => resolve(code));
    s.child.kill('SIGTERM');
  });
}

async function api(
  s: Started,
  method: string,
  path: string,
  body?: unknown
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${s.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${s.token}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) })
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
}

test('--seed none starts empty; --data keeps committed records across a restart; SIGTERM stops cleanly', async () => {
  const first = await start();
  assert.notEqual(new URL(first.url).port, '1', '--port wins over PORT');
  const empty = await api(first, 'GET', '/services/data/v65.0/query?q=SELECT+Id+FROM+Account');
  assert.equal((empty.body as { totalSize: number }).totalSize, 0);
  const created = await api(first, 'POST', '/services/data/v65.0/sobjects/Account', {
    Name: '保存テスト',
    Phone: '03-0000-0000'
  });
  assert.equal(created.status, 201);
  const id = (created.body as { id: string }).id;
  const echo = await api(first, 'POST', '/services/apexrest/echo', { name: 'via Apex REST' });
  assert.deepEqual(echo.body, { accounts: 2 });
  const before = (await api(first, 'GET', `/services/data/v65.0/sobjects/Account/${id}`)).body as Record<
    string,
    unknown
  >;
  assert.equal(await stop(first), 0);
  assert.match(first.output(), /SIGTERM: stopping/);
  assert.match(readFileSync(dataFile, 'utf8'), /保存テスト/);

  const second = await start();
  try {
    assert.match(second.output(), /data: loaded from/);
    const after = (await api(second, 'GET', `/services/data/v65.0/sobjects/Account/${id}`)).body as Record<
      string,
      unknown
    >;
    assert.deepEqual(after, before, 'same record, same CreatedDate');
    const names = await api(second, 'GET', '/services/data/v65.0/query?q=SELECT+Name+FROM+Account+ORDER+BY+Name');
    assert.deepEqual(
      (names.body as { records: { Name: string }[] }).records.map((r) => r.Name),
      ['via Apex REST', '保存テスト']
    );
    const another = await api(second, 'POST', '/services/data/v65.0/sobjects/Account', { Name: '次' });
    assert.notEqual((another.body as { id: string }).id, id, 'id counters were restored');
    const count = await api(second, 'GET', '/services/data/v65.0/query?q=SELECT+COUNT()+FROM+Account');
    assert.equal((count.body as { totalSize: number }).totalSize, 3);
  } finally {
    assert.equal(await stop(second), 0);
  }
});
