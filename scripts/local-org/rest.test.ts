/**
 * Apex REST through invokeRest (Apex Developer Guide, "Exposing Apex Classes as REST Web Services", "RestContext
 * Class", "RestRequest Class", "RestResponse Class"): one transaction per request, RestContext built by the platform,
 * urlMapping wildcards, handler parameters from the JSON body, uncaught exceptions as 500 APEX_ERROR with a rollback.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatLimits, invokeRest } from './rest.ts';
import { loadProject } from './runtime.ts';

const FIXTURES = 'scripts/local-org/fixtures/rest';
const json = (b: Buffer): unknown => JSON.parse(b.toString('utf8'));

test('GET fills RestContext.request from the path, query string and headers', () => {
  const org = loadProject(FIXTURES);
  const r = invokeRest(org, 'GET', '//services/apexrest/echo/a?q=1', { 'X-Test': 'yes' }, Buffer.alloc(0));
  assert.equal(r.status, 200);
  assert.equal(r.headers['Content-Type'], 'text/plain');
  assert.equal(r.body.toString(), 'GET /echo/a 1 yes REST 22');
});

test('a successful request commits; an uncaught exception answers 500 APEX_ERROR and rolls back', () => {
  const org = loadProject(FIXTURES);
  const post = (body: object) =>
    invokeRest(org, 'POST', '/services/apexrest/echo', {}, Buffer.from(JSON.stringify(body)));
  const first = post({ name: 'A' });
  assert.equal(first.status, 201);
  assert.deepEqual(json(first.body), { accounts: 1 });
  assert.equal(first.limits.dmlStatements, 1);
  assert.equal(first.limits.soqlQueries, 1);
  assert.match(
    formatLimits(first.limits),
    /^SOQL 1\/100; query rows 1\/50000; SOSL 0\/20; DML 1\/150; DML rows 1\/10000/
  );
  const failed = post({ name: 'B', fail: true });
  assert.equal(failed.status, 500);
  assert.deepEqual(json(failed.body), [
    {
      errorCode: 'APEX_ERROR',
      message: 'System.MathException: Divide by 0\n\nClass.EchoResource.create: line 31, column 1'
    }
  ]);
  assert.deepEqual(json(post({ name: 'C' }).body), { accounts: 2 }, 'B was rolled back');
});

test('handler parameters come from the JSON body; the return value is serialised', () => {
  const org = loadProject(FIXTURES);
  const r = invokeRest(org, 'PATCH', '/services/apexrest/echo/x', {}, Buffer.from('{"a": 2, "b": 40}'));
  assert.equal(r.status, 200);
  assert.equal(r.body.toString(), '42');
  assert.equal(r.headers['Content-Type'], 'application/json');
});

test('no handler for the method is 405, no resource for the path is 404', () => {
  const org = loadProject(FIXTURES);
  const put = invokeRest(org, 'PUT', '/services/apexrest/echo', {}, Buffer.alloc(0));
  assert.equal(put.status, 405);
  assert.deepEqual(json(put.body), [
    { errorCode: 'METHOD_NOT_ALLOWED', message: "HTTP Method 'PUT' not allowed. Allowed are GET,POST,PATCH" }
  ]);
  const missing = invokeRest(org, 'GET', '/services/apexrest/nope', {}, Buffer.alloc(0));
  assert.equal(missing.status, 404);
  assert.deepEqual(json(missing.body), [{ errorCode: 'NOT_FOUND', message: 'Could not find a match for URL' }]);
});
