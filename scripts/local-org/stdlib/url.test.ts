/** System.URL (Apex Reference Guide "URL Class"; parts as java.net.URL). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evalApex } from '../test-helpers.ts';

test('URL parts follow java.net.URL: empty path, null query/ref, port -1 when absent', () => {
  assert.equal(
    evalApex(
      `u.getProtocol() + '|' + u.getHost() + '|' + u.getPort() + '|' + u.getDefaultPort() + '|' + u.getPath() + '|' + u.getQuery() + '|' + u.getRef() + '|' + u.getFile() + '|' + u.getAuthority()`,
      `URL u = new URL('https://a.example.com:8443/p/q?x=1#frag');`
    ),
    'https|a.example.com|8443|443|/p/q|x=1|frag|/p/q?x=1|a.example.com:8443'
  );
  assert.equal(
    evalApex(
      `u.getPath() + '|' + u.getQuery() + '|' + u.getRef() + '|' + u.getPort()`,
      `URL u = new URL('https://h');`
    ),
    '|null|null|-1'
  );
  assert.equal(evalApex(`new URL(new URL('https://h/a/b/c'), '../z?q').toExternalForm()`), 'https://h/a/z?q');
  assert.equal(
    evalApex(`new URL('https', 'h', 8080, '/f').toExternalForm() + ' ' + new URL('http', 'h', '/g')`),
    'https://h:8080/f http://h/g'
  );
});

test('getOrgDomainUrl() is the local org My Domain; String.valueOf(url) is its external form', () => {
  assert.equal(evalApex(`System.URL.getOrgDomainUrl()?.toExternalForm()`), 'https://miitel-local.my.salesforce.com');
  assert.equal(
    evalApex(`String.valueOf(URL.getOrgDomainUrl()) == URL.getSalesforceBaseUrl().toExternalForm()`),
    'true'
  );
});
