/**
 * Crypto.sign / Crypto.verify / Crypto.verifyHMac (Apex Reference Guide "Crypto Class"): PKCS #8 private and X.509
 * public keys given as base64-decoded Blobs; generateDigest's 'SHA512' alias.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { test } from 'node:test';
import { evalApex } from '../test-helpers.ts';

const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
const PRIVATE = rsa.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
const PUBLIC = rsa.publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
const KEYS = `Blob priv = EncodingUtil.base64Decode('${PRIVATE}'); Blob pub = EncodingUtil.base64Decode('${PUBLIC}');`;

test('a RSA-SHA512 signature made by Crypto.sign verifies with the public key, and not for other data', () => {
  assert.equal(
    evalApex(
      `Crypto.verify('RSA-SHA512', Blob.valueOf('data'), sig, pub) + ' ' + Crypto.verify('RSA-SHA512', Blob.valueOf('other'), sig, pub)`,
      `${KEYS} Blob sig = Crypto.sign('RSA-SHA512', Blob.valueOf('data'), priv);`
    ),
    'true false'
  );
});

test('Crypto.verifyHMac checks a MAC made by generateMac', () => {
  assert.equal(
    evalApex(
      `Crypto.verifyHMac('hmacSHA512', Blob.valueOf('data'), k, mac) + ' ' + Crypto.verifyHMac('hmacSHA512', Blob.valueOf('x'), k, mac)`,
      `Blob k = Blob.valueOf('key'); Blob mac = Crypto.generateMac('hmacSHA512', Blob.valueOf('data'), k);`
    ),
    'true false'
  );
});

test("generateDigest accepts 'SHA512' as 'SHA-512'", () => {
  assert.equal(
    evalApex(
      `EncodingUtil.convertToHex(Crypto.generateDigest('SHA512', Blob.valueOf('a'))) == EncodingUtil.convertToHex(Crypto.generateDigest('SHA-512', Blob.valueOf('a')))`
    ),
    'true'
  );
});
