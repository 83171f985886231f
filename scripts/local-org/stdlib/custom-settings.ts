/**
 * Custom settings methods (Apex Reference Guide "Custom Settings Methods", "Hierarchy Custom Setting Methods", "List
 * Custom Setting Methods"), read from the transaction's rows of the setting (no SOQL counted: the platform serves them
 * from the application cache).
 * - List: `getAll()` (keyed by Name, case kept), `getInstance(name)` = `getValues(name)`, null when absent.
 * - Hierarchy: `getValues(userOrProfileId)` the row defined at exactly that level or null; `getOrgDefaults()` the org's
 *   row, or an empty record (Id null); `getInstance()` / `getInstance(userOrProfileId)` the lowest level's row with its
 *   null fields filled from the levels above (user → profile → org); without a row at that level a new record with Id
 *   null and the merged fields; without any row the fields are empty and SetupOwnerId is the user (or profile) id.
 */
import type { Pos } from '../ast/nodes.ts';
import type { Store } from '../data/store.ts';
import { RuntimeGap } from '../values/errors.ts';
import type { Interpreter } from '../interpreter/interpreter.ts';
import { prim } from '../values/types.ts';
import { ApexMap, ApexSObject, type Value } from '../values/values.ts';
import { normalizeId } from '../schema/ids.ts';
import type { SObjectDescribe } from '../schema/schema.ts';
import type { Row } from '../data/store.ts';

function storeOf(it: Interpreter, d: SObjectDescribe, pos: Pos): Store {
  const store = it.ctx.store as Store | undefined;
  if (!store) {
    throw new RuntimeGap(`${d.name} methods without a data store`, pos);
  }
  return store;
}

function toRecord(d: SObjectDescribe, row: Row | undefined): ApexSObject {
  const rec = new ApexSObject(d);
  for (const f of d.fields.values()) {
    rec.set(f.name, row?.get(f.name.toLowerCase()) ?? (f.display === 'BOOLEAN' && f.custom ? false : null));
  }
  return rec;
}

function rowOwnedBy(store: Store, d: SObjectDescribe, ownerId: string | undefined): Row | undefined {
  if (!ownerId) {
    return undefined;
  }
  for (const row of store.table(d).values()) {
    if (row.get('setupownerid') === ownerId) {
      return row;
    }
  }
  return undefined;
}

/** The hierarchy merged from the lowest level (`ownerId`, a user or profile id) up to the org. */
function merged(it: Interpreter, d: SObjectDescribe, ownerId: string, pos: Pos): ApexSObject {
  const store = storeOf(it, d, pos);
  const owner = store.get(ownerId);
  const profileId = store.objectOf(ownerId)?.toLowerCase() === 'user' ? owner?.get('profileid') : undefined;
  const levels = [
    rowOwnedBy(store, d, ownerId),
    typeof profileId === 'string' ? rowOwnedBy(store, d, profileId) : undefined,
    rowOwnedBy(store, d, it.ctx.organizationId)
  ];
  const own = levels[0];
  const rec = new ApexSObject(d);
  for (const f of d.fields.values()) {
    const key = f.name.toLowerCase();
    let value = own?.get(key) ?? null;
    if (f.custom) {
      for (const level of levels.slice(1)) {
        value = value ?? level?.get(key) ?? null;
      }
      value = value ?? (f.display === 'BOOLEAN' ? false : null);
    }
    rec.set(f.name, value);
  }
  if (!own) {
    rec.set('SetupOwnerId', ownerId);
  }
  return rec;
}

function hierarchy(it: Interpreter, d: SObjectDescribe, name: string, args: Value[], pos: Pos): Value | undefined {
  const store = (): Store => storeOf(it, d, pos);
  const idArg = (): string | undefined => (typeof args[0] === 'string' ? normalizeId(args[0]) : undefined);
  if (name === 'getinstance' && args.length === 0) {
    return merged(it, d, it.ctx.runningUserId ?? '', pos);
  }
  if (name === 'getinstance' && args.length === 1) {
    const id = idArg();
    return id ? merged(it, d, id, pos) : null;
  }
  if (name === 'getorgdefaults' && args.length === 0) {
    const row = rowOwnedBy(store(), d, it.ctx.organizationId);
    return toRecord(d, row);
  }
  if (name === 'getvalues' && args.length === 1) {
    const row = rowOwnedBy(store(), d, idArg());
    return row ? toRecord(d, row) : null;
  }
  return undefined;
}

function list(it: Interpreter, d: SObjectDescribe, name: string, args: Value[], pos: Pos): Value | undefined {
  const rows = [...storeOf(it, d, pos).table(d).values()];
  if (name === 'getall' && args.length === 0) {
    const map = new ApexMap(prim('String'), { kind: 'sobject', name: d.name });
    for (const row of rows) {
      const key = row.get('name') ?? null;
      map.entries.set(`s:${String(key)}`, [key, toRecord(d, row)]);
    }
    return map;
  }
  if ((name === 'getinstance' || name === 'getvalues') && args.length === 1) {
    const row = rows.find((r) => r.get('name') === args[0]);
    return row ? toRecord(d, row) : null;
  }
  return undefined;
}

/** A custom settings method on `d`, or undefined when `d` is no custom setting or has no such method. */
export function customSettingStatic(
  it: Interpreter,
  d: SObjectDescribe,
  method: string,
  args: Value[],
  pos: Pos
): Value | undefined {
  const name = method.toLowerCase();
  if (d.customSetting === 'Hierarchy') {
    return hierarchy(it, d, name, args, pos);
  }
  return d.customSetting === 'List' ? list(it, d, name, args, pos) : undefined;
}
