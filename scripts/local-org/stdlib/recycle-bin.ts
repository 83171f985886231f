/**
 * Database.emptyRecycleBin (Apex Reference Guide "Database Class": emptyRecycleBin(recordIds), (obj),
 * (listOfSObjects) — "Permanently deletes the specified records from the Recycle Bin"; "EmptyRecycleBinResult
 * Class"): each record leaves the recycle bin for good (data/store.ts takeFromRecycleBin), so ALL ROWS no longer finds
 * it and undelete cannot restore it. The call counts as one DML statement and its records as DML rows (Apex Developer
 * Guide "Execution Governors and Limits" lists Database.emptyRecycleBin among the calls counted as DML statements).
 * A record that is not in the recycle bin is a RuntimeGap: the platform's error for it is not documented.
 */
import type { Pos } from '../ast/nodes.ts';
import { countDml } from '../data/dml.ts';
import type { DmlResult } from '../data/dml-types.ts';
import type { Store } from '../data/store.ts';
import type { Interpreter } from '../interpreter/interpreter.ts';
import { RuntimeGap } from '../values/errors.ts';
import { ApexList, ApexSObject, NativeObject, type Value } from '../values/values.ts';
import { NO_METHOD, type Native } from './args.ts';

const RESULT = 'Database.EmptyRecycleBinResult';

function idOf(it: Interpreter, v: Value, pos: Pos): string {
  const id = v instanceof ApexSObject ? v.id : typeof v === 'string' ? v : null;
  return id ?? it.npe(pos);
}

function empty(it: Interpreter, ids: string[], pos: Pos): NativeObject<DmlResult>[] {
  const store = it.ctx.store as Store | undefined;
  if (!store) {
    throw new RuntimeGap('Database.emptyRecycleBin without a data store', pos);
  }
  countDml(it, ids.length, pos);
  return ids.map((id) => {
    const object = store.recycledObjectOf(id);
    const type = object === undefined ? undefined : it.registry.schema.describe(object);
    if (!type) {
      throw new RuntimeGap(`Database.emptyRecycleBin of ${id}, which is not in the recycle bin`, pos);
    }
    store.takeFromRecycleBin(type, id, false);
    return new NativeObject<DmlResult>(RESULT, { id, success: true, created: false, errors: [] });
  });
}

export const EMPTY_RECYCLE_BIN: Native = (it, _s, a, pos) => {
  if (a.length !== 1) {
    return NO_METHOD;
  }
  const target = a[0] ?? null;
  if (target instanceof ApexSObject) {
    return empty(it, [idOf(it, target, pos)], pos)[0] ?? null;
  }
  if (target instanceof ApexList) {
    return new ApexList(
      { kind: 'native', name: RESULT },
      empty(
        it,
        target.items.map((v) => idOf(it, v, pos)),
        pos
      )
    );
  }
  return target === null ? it.npe(pos) : NO_METHOD;
};
