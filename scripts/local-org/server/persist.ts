/**
 * `--data <file>`: the org's committed store as JSON — every table's rows (values tagged with their Apex type), the
 * id counters and write clock (so new ids never collide with saved ones), and today's API request count. Written
 * after every committed transaction (to a temporary file, then renamed, so a crash never leaves half a file).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Store, type Row } from '../data/store.ts';
import type { LocalOrg } from '../runtime.ts';
import { loadValue, saveValue, type SavedValue } from './json-values.ts';

interface SavedOrg {
  format: 'miitel-local-org/1';
  savedAt: string;
  sequences: { counters: [string, number][]; lastWrite: number };
  usage: { apiRequests: number; day: string };
  /** Lower-cased object name → id → lower-cased field → value. */
  tables: Record<string, Record<string, Record<string, SavedValue>>>;
}

/** Today's date (UTC) for the daily API request count. */
export const today = (now = Date.now()): string => new Date(now).toISOString().slice(0, 10);

export function saveOrg(file: string, org: LocalOrg, usageDay: string): void {
  const tables: SavedOrg['tables'] = {};
  for (const [object, rows] of org.data.tables) {
    const out: Record<string, Record<string, SavedValue>> = {};
    for (const [id, row] of rows) {
      out[id] = Object.fromEntries([...row].map(([k, v]) => [k, saveValue(v)]));
    }
    tables[object] = out;
  }
  const saved: SavedOrg = {
    format: 'miitel-local-org/1',
    savedAt: new Date().toISOString(),
    sequences: org.data.sequenceState(),
    usage: { apiRequests: org.usage.apiRequests, day: usageDay },
    tables
  };
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, JSON.stringify(saved));
  renameSync(tmp, file);
}

/** Replaces the org's committed data with the file's; false when the file does not exist yet. */
export function loadOrg(file: string, org: LocalOrg): { loaded: boolean; usageDay?: string } {
  if (!existsSync(file)) {
    return { loaded: false };
  }
  const saved = JSON.parse(readFileSync(file, 'utf8')) as SavedOrg;
  if (saved.format !== 'miitel-local-org/1') {
    throw new Error(`${file} is not a saved local org (format ${String(saved.format)})`);
  }
  const store = new Store();
  for (const [object, rows] of Object.entries(saved.tables)) {
    const type = org.registry.schema.describe(object);
    if (!type) {
      throw new Error(`${file}: the schema has no object ${object} any more`);
    }
    for (const [id, fields] of Object.entries(rows)) {
      const row: Row = new Map(Object.entries(fields).map(([k, v]) => [k, loadValue(v)]));
      store.put(type, id, row);
    }
  }
  org.data.restore(store);
  org.data.restoreSequenceState(saved.sequences);
  if (saved.usage.day === today()) {
    org.usage.apiRequests = saved.usage.apiRequests;
  }
  return { loaded: true, usageDay: saved.usage.day };
}
