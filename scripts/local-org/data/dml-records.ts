/**
 * Between the caller's records, the stored rows and the triggers of a DML operation (data/dml.ts): working copies,
 * records made from rows, and firing a trigger event with Trigger.new/old and their maps (data/triggers.ts).
 */
import type { Pos, TriggerEvent } from '../ast/nodes.ts';
import { prim } from '../values/types.ts';
import { ApexList, ApexMap, ApexSObject } from '../values/values.ts';
import type { SObjectDescribe } from '../schema/schema.ts';
import type { DataHost } from './host.ts';
import type { Row } from './store.ts';
import { runTriggers } from './triggers.ts';

export function copyRecord(rec: ApexSObject, row?: Row): ApexSObject {
  const copy = new ApexSObject(rec.type);
  if (row) {
    for (const [k, v] of row) {
      copy.set(rec.type.fields.get(k)?.name ?? k, v);
    }
  }
  for (const [k, v] of rec.fields) {
    copy.set(rec.names.get(k) ?? k, v);
  }
  return copy;
}

export function rowToRecord(type: SObjectDescribe, row: Row): ApexSObject {
  const rec = new ApexSObject(type);
  for (const [k, v] of row) {
    rec.set(type.fields.get(k)?.name ?? k, v);
  }
  return rec;
}

export function fire(
  it: DataHost,
  type: SObjectDescribe,
  event: TriggerEvent,
  news: ApexSObject[] | null,
  olds: ApexSObject[] | null,
  pos: Pos
): void {
  const listType = { kind: 'sobject' as const, name: type.name };
  const toMap = (recs: ApexSObject[]): ApexMap => {
    const m = new ApexMap(prim('Id'), listType);
    for (const r of recs) {
      if (r.id) {
        m.entries.set(`s:${r.id}`, [r.id, r]);
      }
    }
    return m;
  };
  runTriggers(
    it,
    type,
    event,
    {
      newList: news ? new ApexList(listType, news) : null,
      oldList: olds ? new ApexList(listType, olds) : null,
      newMap: news && !event.endsWith('insert') ? toMap(news) : news && event === 'after insert' ? toMap(news) : null,
      oldMap: olds ? toMap(olds) : null
    },
    pos
  );
}
