/** HTTP callouts with a mock (Apex Developer Guide "Testing HTTP Callouts Using a Mock"; Apex Reference Guide
 * HttpRequest, HttpResponse).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadSources } from '../runtime.ts';
import { FIXED_NOW } from '../test-helpers.ts';

const MOCK = `public class EchoMock implements HttpCalloutMock {
  public HttpResponse respond(HttpRequest req) {
    HttpResponse res = new HttpResponse();
    res.setStatusCode(201);
    res.setStatus('Created');
    res.setHeader('Content-Type', 'application/json');
    res.setBody('{"echo":"' + req.getMethod() + ' ' + req.getEndpoint() + ' ' + req.getBody() + ' ' + req.getHeader('X-Key') + '"}');
    return res;
  }
}`;

function run(body: string, isTest = true): string {
  const org = loadSources([
    { file: 'T.cls', source: `public class T { public static Object run() { ${body} } }` },
    { file: 'EchoMock.cls', source: MOCK }
  ]);
  const it = org.transaction({ now: () => FIXED_NOW });
  it.ctx.isTest = isTest;
  return it.str(it.runStatic(org.classNamed('T'), 'run'));
}

const CALL = `HttpRequest req = new HttpRequest();
  req.setEndpoint('https://example.com/x'); req.setMethod('POST'); req.setBody('hi'); req.setHeader('X-Key', 'k');`;

test("Http.send returns the mock's response and counts a callout", () => {
  assert.equal(
    run(`Test.setMock(HttpCalloutMock.class, new EchoMock()); ${CALL}
      HttpResponse res = new Http().send(req);
      return res.getStatusCode() + ' ' + res.getStatus() + ' ' + res.getHeader('Content-Type') + ' ' + res.getBody() + ' ' + Limits.getCallouts() + '/' + Limits.getLimitCallouts();`),
    '201 Created application/json {"echo":"POST https://example.com/x hi k"} 1/100'
  );
});

test('without a mock a test callout is CalloutException', () => {
  assert.equal(
    run(`${CALL} try { new Http().send(req); } catch (CalloutException e) { return e.getMessage(); } return null;`),
    'Methods defined as TestMethod do not support Web service callouts'
  );
});
