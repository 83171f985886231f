/**
 * `--data <file>`: the org's committed store as JSON — every table's rows (values tagged with their Apex type), the
 * id counters and write clock (so new ids never collide with saved ones), and today's API request count. Written
 * after every committed transaction that changed something, and when the server stops (to a temporary file, then
 * renamed, so a crash never leaves half a file).
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

/**
 * JSON text of each stored row, kept as long as the row lives: stored rows never change (data/store.ts), so a save
 * serialises only the rows written since the last one and the cost of a commit does not grow with the org's data.
 */
const rowText = new WeakMap<Row, string>();

function rowJson(row: Row): string {
  let text = rowText.get(row);
  if (text === undefined) {
    text = JSON.stringify(Object.fromEntries([...row].map(([k, v]) => [k, saveValue(v)])));
    rowText.set(row, text);
  }
  return text;
}

export function saveOrg(file: string, org: LocalOrg, usageDay: string): void {
  const header: Omit<SavedOrg, 'tables'> = {
    format: 'miitel-local-org/1',
    savedAt: new Date().toISOString(),
    sequences: org.data.sequenceState(),
    usage: { apiRequests: org.usage.apiRequests, day: usageDay }
  };
  const parts: string[] = [JSON.stringify(header).slice(0, -1), ',"tables":{'];
  let firstTable = true;
  for (const [object, rows] of org.data.tables) {
    parts.push(`${firstTable ? '' : ','}${JSON.stringify(object)}:{`);
    firstTable = false;
    let firstRow = true;
    for (const [id, row] of rows) {
      parts.push(`${firstRow ? '' : ','}${JSON.stringify(id)}:${rowJson(row)}`);
      firstRow = false;
    }
    parts.push('}');
  }
  parts.push('}}');
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, parts.join(''));
  renameSync(tmp, file);
}

/**
 * Saves the org to `file` after a commit only when something was saved since the last write: a transaction that
 * wrote nothing leaves the org's tables the very same objects (copy on write, data/store.ts), so a read-only
 * request (a page load, a query) does not rewrite the file.
 */
export class OrgSaver {
  private last: { tables: Map<string, unknown>; state: string } | undefined;

  constructor(
    private readonly file: string,
    private readonly org: LocalOrg
  ) {}

  /** Writes the file when the data, the id counters or today's API count changed; true when it wrote. */
  save(usageDay: string): boolean {
    const state = JSON.stringify([this.org.data.sequenceState(), this.org.usage.apiRequests, usageDay]);
    const tables = new Map<string, unknown>(this.org.data.tables);
    const last = this.last;
    const same =
      last !== undefined &&
      last.state === state &&
      last.tables.size === tables.size &&
      [...tables].every(([object, rows]) => last.tables.get(object) === rows);
    if (same) {
      return false;
    }
    saveOrg(this.file, this.org, usageDay);
    this.last = { tables, state };
    return true;
  }
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
