/**
 * Custom metadata type methods (Apex Reference Guide "Custom Metadata Type Methods"): `X__mdt.getAll()` is a map of the
 * type's records keyed by DeveloperName; `X__mdt.getInstance(idOrName)` the record with that Id, DeveloperName or
 * QualifiedApiName, or null. Records carry every field of the type (relationship fields hold the related record's Id;
 * the related record itself is not loaded). The reference says long text area values are cut to 255 characters by
 * these methods only in passing (unverified here: not cut). They count no SOQL query (the records come from the
 * application cache, Apex Reference Guide ibid.).
 */
import type { Pos } from '../ast/nodes.ts';
import type { Store } from '../data/store.ts';
import { RuntimeGap } from '../values/errors.ts';
import type { Interpreter } from '../interpreter/interpreter.ts';
import { prim } from '../values/types.ts';
import { ApexMap, ApexSObject, type Value } from '../values/values.ts';
import { normalizeId } from '../schema/ids.ts';
import type { SObjectDescribe } from '../schema/schema.ts';

function records(it: Interpreter, d: SObjectDescribe, pos: Pos): ApexSObject[] {
  const store = it.ctx.store as Store | undefined;
  if (!store) {
    throw new RuntimeGap(`${d.name} methods without a data store`, pos);
  }
  return [...store.table(d).values()].map((row) => {
    const rec = new ApexSObject(d);
    for (const f of d.fields.values()) {
      rec.set(f.name, row.get(f.name.toLowerCase()) ?? null);
    }
    return rec;
  });
}

/** `getAll()` / `getInstance(x)` on a `__mdt` type; undefined for any other method. */
export function customMetadataStatic(
  it: Interpreter,
  d: SObjectDescribe,
  method: string,
  args: Value[],
  pos: Pos
): Value | undefined {
  const name = method.toLowerCase();
  if (name === 'getall' && args.length === 0) {
    const map = new ApexMap(prim('String'), { kind: 'sobject', name: d.name });
    for (const rec of records(it, d, pos)) {
      const key = rec.fields.get('developername');
      map.entries.set(`s:${String(key)}`, [key ?? null, rec]);
    }
    return map;
  }
  if (name === 'getinstance' && args.length === 1) {
    const wanted = args[0];
    if (typeof wanted !== 'string') {
      return null;
    }
    const id = normalizeId(wanted);
    return (
      records(it, d, pos).find((rec) =>
        id !== undefined && rec.id === id
          ? true
          : rec.fields.get('developername') === wanted || rec.fields.get('qualifiedapiname') === wanted
      ) ?? null
    );
  }
  return undefined;
}
