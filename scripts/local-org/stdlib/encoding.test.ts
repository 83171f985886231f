/** Blob, EncodingUtil and Crypto (Apex Reference Guide "Blob Class", "EncodingUtil Class", "Crypto Class"). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apexError, evalApex } from '../test-helpers.ts';

test('Blob.valueOf stores UTF-8; size() counts bytes; toString() decodes; String.valueOf shows Blob[n]', () => {
  assert.equal(evalApex("Blob.valueOf('abc').size() + '/' + Blob.valueOf('日本').size()"), '3/6');
  assert.equal(evalApex("Blob.valueOf('日本 ok').toString()"), '日本 ok');
  assert.equal(evalApex("'' + Blob.valueOf('hello')"), 'Blob[5]');
  assert.equal(evalApex("Blob.valueOf('a') == Blob.valueOf('a')"), 'true');
});

test('blob.toString() of bytes that are not UTF-8 throws StringException', () => {
  assert.equal(
    apexError("String s = EncodingUtil.base64Decode('/w==').toString();").text,
    'System.StringException: BLOB is not a valid UTF-8 string'
  );
  assert.equal(apexError('Blob b = Blob.valueOf((String) null);').text.split(':')[0], 'System.NullPointerException');
});

test('EncodingUtil base64, hex and URL encoding (java.net.URLEncoder rules)', () => {
  assert.equal(evalApex("EncodingUtil.base64Encode(Blob.valueOf('こんにちは'))"), '44GT44KT44Gr44Gh44Gv');
  assert.equal(evalApex("EncodingUtil.base64Decode('44GT44KT44Gr44Gh44Gv').toString()"), 'こんにちは');
  assert.equal(evalApex("EncodingUtil.convertToHex(Blob.valueOf('Az'))"), '417a');
  assert.equal(evalApex("EncodingUtil.convertFromHex('417a').toString()"), 'Az');
  assert.equal(evalApex("EncodingUtil.urlEncode('a b&c=d/é~!*._-', 'UTF-8')"), 'a+b%26c%3Dd%2F%C3%A9%7E%21*._-');
  assert.equal(evalApex("EncodingUtil.urlDecode('a+b%26c%3Dd%2F%C3%A9', 'UTF-8')"), 'a b&c=d/é');
});

test('Crypto: seeded random Integer/Long, digests and MACs', () => {
  assert.equal(
    evalApex(
      "ints.size() + '/' + (Crypto.getRandomLong() != Crypto.getRandomLong())",
      'Set<Integer> ints = new Set<Integer>(); for (Integer i = 0; i < 100; i++) { ints.add(Crypto.getRandomInteger()); }'
    ),
    '100/true'
  );
  assert.equal(
    evalApex("EncodingUtil.convertToHex(Crypto.generateDigest('SHA-256', Blob.valueOf('abc')))"),
    'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
  );
  assert.equal(
    evalApex("EncodingUtil.convertToHex(Crypto.generateMac('hmacSHA256', Blob.valueOf('data'), Blob.valueOf('key')))"),
    '5031fe3d989c6d1537a013fa6e739da23463fdaec3b70137d828e36ace221bd0'
  );
});

test('AES: generateAesKey, encrypt/decrypt with an IV, encryptWithManagedIV puts the IV first (Apex Reference Guide "Crypto Class")', () => {
  assert.equal(
    evalApex(
      `key.size() + ' ' + Crypto.decryptWithManagedIV('AES256', key, enc).toString() + ' ' + enc.size() + ' ' + EncodingUtil.base64Encode(e2) + ' ' + Crypto.decrypt('AES128', k16, iv, e2).toString()`,
      `Blob key = Crypto.generateAesKey(256); Blob enc = Crypto.encryptWithManagedIV('AES256', key, Blob.valueOf('secret'));
       Blob k16 = Blob.valueOf('0123456789abcdef'); Blob iv = Blob.valueOf('0123456789abcdef');
       Blob e2 = Crypto.encrypt('AES128', k16, iv, Blob.valueOf('hi'));`
    ),
    // The AES-128-CBC/PKCS5 ciphertext of 'hi' under that key and IV, as any AES implementation gives it.
    '32 secret 32 gXes9eIlcvd1Yf0BFcpalA== hi'
  );
});
