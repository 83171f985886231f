/**
 * Crypto signatures and MAC checks (Apex Reference Guide "Crypto Class"):
 * - `sign(algorithmName, input, privateKey)`: RSA-SHA1 (also "RSA"), RSA-SHA256, RSA-SHA384, RSA-SHA512,
 *   ECDSA-SHA256, ECDSA-SHA384, ECDSA-SHA512; the key is the PKCS #8 private key (DER, from base64Decode);
 * - `verify(algorithmName, data, signature, publicKey)`: the same algorithms, the X.509 public key (DER);
 * - `verifyHMac(algorithmName, data, privateKey, hmacToVerify)`: the generateMac algorithms (hmacMD5, hmacSHA1,
 *   hmacSHA256, hmacSHA512), compared in constant time.
 * Signatures are Java's (PKCS #1 v1.5 for RSA, DER-encoded for ECDSA), which node:crypto produces too. A key that does
 * not parse is an InvalidParameterValueException (message unverified).
 */
import {
  createHmac,
  createPrivateKey,
  createPublicKey,
  sign,
  timingSafeEqual,
  verify,
  type KeyObject
} from 'node:crypto';
import type { Pos } from '../ast/nodes.ts';
import type { Interpreter } from '../interpreter/interpreter.ts';
import { ApexBlob, type Value } from '../values/values.ts';
import { NO_METHOD, str, type Native } from './args.ts';

const SIGNATURES: Record<string, string> = {
  rsa: 'sha1',
  'rsa-sha1': 'sha1',
  'rsa-sha256': 'sha256',
  'rsa-sha384': 'sha384',
  'rsa-sha512': 'sha512',
  'ecdsa-sha256': 'sha256',
  'ecdsa-sha384': 'sha384',
  'ecdsa-sha512': 'sha512'
};

const HMACS: Record<string, string> = { hmacmd5: 'md5', hmacsha1: 'sha1', hmacsha256: 'sha256', hmacsha512: 'sha512' };

function pick(it: Interpreter, table: Record<string, string>, v: Value | undefined, pos: Pos): string {
  const name = str(it, v, pos);
  return table[name.toLowerCase()] ?? it.raise('InvalidParameterValueException', `Invalid algorithm: ${name}`, pos);
}

function blob(it: Interpreter, v: Value | undefined, pos: Pos): Buffer {
  if (v instanceof ApexBlob) {
    return Buffer.from(v.bytes);
  }
  return it.npe(pos);
}

function key(it: Interpreter, v: Value | undefined, kind: 'private' | 'public', pos: Pos): KeyObject {
  const der = blob(it, v, pos);
  try {
    return kind === 'private'
      ? createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })
      : createPublicKey({ key: der, format: 'der', type: 'spki' });
  } catch {
    return it.raise('InvalidParameterValueException', `Invalid ${kind} key`, pos);
  }
}

export const CRYPTO_SIGN_STATICS: Record<string, Native> = {
  sign: (it, _s, a, pos) =>
    a.length === 3
      ? new ApexBlob(
          new Uint8Array(sign(pick(it, SIGNATURES, a[0], pos), blob(it, a[1], pos), key(it, a[2], 'private', pos)))
        )
      : NO_METHOD,
  verify: (it, _s, a, pos) => {
    if (a.length !== 4) {
      return NO_METHOD;
    }
    const algorithm = pick(it, SIGNATURES, a[0], pos);
    return verify(algorithm, blob(it, a[1], pos), key(it, a[3], 'public', pos), blob(it, a[2], pos));
  },
  verifyhmac: (it, _s, a, pos) => {
    if (a.length !== 4) {
      return NO_METHOD;
    }
    const mac = createHmac(pick(it, HMACS, a[0], pos), blob(it, a[2], pos))
      .update(blob(it, a[1], pos))
      .digest();
    const expected = blob(it, a[3], pos);
    return mac.length === expected.length && timingSafeEqual(mac, expected);
  }
};
