/**
 * AES in Crypto (Apex Reference Guide "Crypto Class"): `generateAesKey(128|192|256)`, `encrypt` /
 * `decrypt(algorithm, key, iv, data)` and `encryptWithManagedIV` / `decryptWithManagedIV(algorithm, key, data)` with
 * AES128/AES192/AES256 — "AES in CBC mode with PKCS5 padding"; the managed IV is "stored as the first 128 bits (16
 * bytes) of the encrypted Blob". Keys and IVs come from the org's seeded generator (runs repeat). The exception wording
 * for a wrong key or IV size and for a failed decryption (InvalidParameterValueException, SecurityException) is
 * unverified.
 */
import { createCipheriv, createDecipheriv } from 'node:crypto';
import type { Pos } from '../ast/nodes.ts';
import type { Interpreter } from '../interpreter/interpreter.ts';
import { ApexBlob, type Value } from '../values/values.ts';
import { NO_METHOD, int, str, type Native } from './args.ts';
import { blobArg } from './encoding.ts';

const KEY_BYTES: Record<string, number> = { aes128: 16, aes192: 24, aes256: 32 };

function randomBytes(it: Interpreter, n: number): Uint8Array {
  return Uint8Array.from({ length: n }, () => Math.abs(it.ctx.random.nextInt()) % 256);
}

function cipherName(it: Interpreter, alg: Value | undefined, key: ApexBlob, pos: Pos): string {
  const name = str(it, alg, pos);
  const size = KEY_BYTES[name.toLowerCase()];
  if (size === undefined) {
    return it.raise('InvalidParameterValueException', `Invalid algorithm: ${name}`, pos);
  }
  if (key.bytes.length !== size) {
    return it.raise('InvalidParameterValueException', `Invalid private key. Must be ${size} bytes.`, pos);
  }
  return `aes-${size * 8}-cbc`;
}

function checkIv(it: Interpreter, iv: ApexBlob, pos: Pos): Uint8Array {
  return iv.bytes.length === 16
    ? iv.bytes
    : it.raise('InvalidParameterValueException', 'Invalid initialization vector. Must be 16 bytes.', pos);
}

function run(
  it: Interpreter,
  decrypt: boolean,
  cipher: string,
  key: ApexBlob,
  iv: Uint8Array,
  data: Uint8Array,
  pos: Pos
): Uint8Array {
  try {
    const c = decrypt ? createDecipheriv(cipher, key.bytes, iv) : createCipheriv(cipher, key.bytes, iv);
    return new Uint8Array(Buffer.concat([c.update(data), c.final()]));
  } catch {
    return it.raise(
      'SecurityException',
      'Given final block not properly padded. Such issues can arise if a bad key is used during decryption.',
      pos
    );
  }
}

export const AES_STATICS: Record<string, Native> = {
  generateaeskey: (it, _s, a, pos) => {
    if (a.length !== 1) {
      return NO_METHOD;
    }
    const bits = int(it, a[0], pos);
    return [128, 192, 256].includes(bits)
      ? new ApexBlob(randomBytes(it, bits / 8))
      : it.raise('InvalidParameterValueException', `Invalid key size: ${bits}`, pos);
  },
  encrypt: (it, _s, a, pos) => {
    if (a.length !== 4) {
      return NO_METHOD;
    }
    const key = blobArg(it, a[1], pos);
    const cipher = cipherName(it, a[0], key, pos);
    return new ApexBlob(
      run(it, false, cipher, key, checkIv(it, blobArg(it, a[2], pos), pos), blobArg(it, a[3], pos).bytes, pos)
    );
  },
  decrypt: (it, _s, a, pos) => {
    if (a.length !== 4) {
      return NO_METHOD;
    }
    const key = blobArg(it, a[1], pos);
    const cipher = cipherName(it, a[0], key, pos);
    return new ApexBlob(
      run(it, true, cipher, key, checkIv(it, blobArg(it, a[2], pos), pos), blobArg(it, a[3], pos).bytes, pos)
    );
  },
  encryptwithmanagediv: (it, _s, a, pos) => {
    if (a.length !== 3) {
      return NO_METHOD;
    }
    const key = blobArg(it, a[1], pos);
    const cipher = cipherName(it, a[0], key, pos);
    const iv = randomBytes(it, 16);
    const body = run(it, false, cipher, key, iv, blobArg(it, a[2], pos).bytes, pos);
    return new ApexBlob(new Uint8Array([...iv, ...body]));
  },
  decryptwithmanagediv: (it, _s, a, pos) => {
    if (a.length !== 3) {
      return NO_METHOD;
    }
    const key = blobArg(it, a[1], pos);
    const cipher = cipherName(it, a[0], key, pos);
    const data = blobArg(it, a[2], pos).bytes;
    return new ApexBlob(run(it, true, cipher, key, data.slice(0, 16), data.slice(16), pos));
  }
};
