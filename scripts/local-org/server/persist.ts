/**
 * `--data <file>`: the org's committed store, saved incrementally (issue 16: the whole store was rewritten after
 * every change). Two files:
 * - `<file>`: a snapshot — every table's rows (values tagged with their Apex type), the id counters and write clock
 *   (so new ids never collide with saved ones), today's API request count, and a generation number. Written to a
 *   temporary file, then renamed, so a crash never leaves half a snapshot.
 * - `<file>.log`: one JSON line per committed transaction that changed something since — the rows it stored, the ids
 *   it removed, counters and usage — found by comparing table versions (data/persistent-table.ts `changedSince`:
 *   only the trie nodes the versions do not share), so a save costs the rows changed, not the org.
 * Loading reads the snapshot and replays the log lines of its generation (a last line cut off by a crash is
 * ignored). The log is folded into a new snapshot (the next generation; older lines are then ignored even if the log
 * could not be removed) when it outgrows half the snapshot, and when the server stops.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { PersistentTable } from '../data/persistent-table.ts';
import { Store, type Row, type Table } from '../data/store.ts';
import type { LocalOrg } from '../runtime.ts';
import type { SObjectDescribe } from '../schema/schema.ts';
import { loadValue, saveValue, type SavedValue } from './json-values.ts';

interface SavedOrg {
  format: 'miitel-local-org/1';
  savedAt: string;
  /** Log lines of this generation follow the snapshot (absent in files written before the log: 0). */
  generation?: number;
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

/** One line of `<file>.log`: what one commit changed. */
interface LogLine {
  generation: number;
  sequences: SavedOrg['sequences'];
  usage: SavedOrg['usage'];
  /** Object → id → row. */
  stored: Record<string, Record<string, Record<string, SavedValue>>>;
  /** Object → ids. */
  removed: Record<string, string[]>;
}

export const logFile = (file: string): string => `${file}.log`;

/** Writes the snapshot of `generation`; returns its size in bytes. */
export function saveOrg(file: string, org: LocalOrg, usageDay: string, generation = 0): number {
  const header: Omit<SavedOrg, 'tables'> = {
    format: 'miitel-local-org/1',
    savedAt: new Date().toISOString(),
    generation,
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
  const text = parts.join('');
  writeFileSync(tmp, text);
  renameSync(tmp, file);
  return Buffer.byteLength(text);
}

/** What changed from `older` to `newer` (versions of one table). */
function changes(older: Table | undefined, newer: Table): { stored: [string, Row][]; removed: string[] } {
  if (older instanceof PersistentTable && newer instanceof PersistentTable) {
    return (newer as PersistentTable<Row>).changedSince(older as PersistentTable<Row>);
  }
  const stored = [...newer].filter(([id, row]) => older?.get(id) !== row);
  const removed = [...(older?.keys() ?? [])].filter((id) => !newer.has(id));
  return { stored, removed };
}

/** Counts of the saver's work, for tests and the benchmark: rows written to the log, snapshots written. */
export interface SaveCounts {
  rowsLogged: number;
  snapshots: number;
}

/**
 * Saves the org to `file` after a commit only when something was saved since the last write: a transaction that
 * wrote nothing leaves the org's tables the very same objects (data/store.ts), so a read-only request (a page load,
 * a query) writes nothing; one that did appends its changes to the log.
 */
export class OrgSaver {
  private last: { tables: Map<string, Table>; state: string } | undefined;
  private generation = 0;
  private snapshotBytes = 0;
  private logBytes = 0;
  readonly counts: SaveCounts = { rowsLogged: 0, snapshots: 0 };

  constructor(
    private readonly file: string,
    private readonly org: LocalOrg,
    /** The generation of the snapshot loaded (`loadOrg`), when one was. */
    loaded?: { generation: number }
  ) {
    if (loaded) {
      // The loaded data equals snapshot + log: the first save starts a new generation from it.
      this.generation = loaded.generation;
    }
  }

  /**
   * Writes when the data, the id counters or today's API count changed: a log line, or a new snapshot (the first
   * save, `compact`, or a log grown past half the snapshot). True when it wrote.
   */
  save(usageDay: string, options: { compact?: boolean } = {}): boolean {
    const state = JSON.stringify([this.org.data.sequenceState(), this.org.usage.apiRequests, usageDay]);
    const tables = new Map<string, Table>(this.org.data.tables);
    const last = this.last;
    const same =
      last !== undefined &&
      last.state === state &&
      last.tables.size === tables.size &&
      [...tables].every(([object, rows]) => last.tables.get(object) === rows);
    if (same && !(options.compact && this.logBytes > 0)) {
      return false;
    }
    if (!last || options.compact || this.logBytes > Math.max(1 << 20, this.snapshotBytes / 2)) {
      this.snapshot(usageDay);
    } else {
      this.append(last.tables, tables, usageDay);
    }
    this.last = { tables, state };
    return true;
  }

  private snapshot(usageDay: string): void {
    this.generation++;
    this.snapshotBytes = saveOrg(this.file, this.org, usageDay, this.generation);
    rmSync(logFile(this.file), { force: true });
    this.logBytes = 0;
    this.counts.snapshots++;
  }

  private append(older: Map<string, Table>, newer: Map<string, Table>, usageDay: string): void {
    const line: LogLine = {
      generation: this.generation,
      sequences: this.org.data.sequenceState(),
      usage: { apiRequests: this.org.usage.apiRequests, day: usageDay },
      stored: {},
      removed: {}
    };
    const parts: string[] = [];
    for (const [object, rows] of newer) {
      const before = older.get(object);
      if (before === rows) {
        continue;
      }
      const { stored, removed } = changes(before, rows);
      if (stored.length > 0) {
        parts.push(
          `${JSON.stringify(object)}:{${stored.map(([id, row]) => `${JSON.stringify(id)}:${rowJson(row)}`).join(',')}}`
        );
        this.counts.rowsLogged += stored.length;
      }
      if (removed.length > 0) {
        line.removed[object] = removed;
      }
    }
    const text = `${JSON.stringify(line).replace('"stored":{}', `"stored":{${parts.join(',')}}`)}\n`;
    appendFileSync(logFile(this.file), text);
    this.logBytes += Buffer.byteLength(text);
  }
}

/** Replaces the org's committed data with the file's; false when the file does not exist yet. */
export function loadOrg(
  file: string,
  org: LocalOrg
): { loaded: boolean; usageDay?: string; generation?: number; logLines?: number } {
  if (!existsSync(file)) {
    return { loaded: false };
  }
  const saved = JSON.parse(readFileSync(file, 'utf8')) as SavedOrg;
  if (saved.format !== 'miitel-local-org/1') {
    throw new Error(`${file} is not a saved local org (format ${String(saved.format)})`);
  }
  const generation = saved.generation ?? 0;
  const store = new Store();
  const typeOf = (object: string): SObjectDescribe => {
    const type = org.registry.schema.describe(object);
    if (!type) {
      throw new Error(`${file}: the schema has no object ${object} any more`);
    }
    return type;
  };
  const put = (tables: SavedOrg['tables']): void => {
    for (const [object, rows] of Object.entries(tables)) {
      const type = typeOf(object);
      for (const [id, fields] of Object.entries(rows)) {
        const row: Row = new Map(Object.entries(fields).map(([k, v]) => [k, loadValue(v)]));
        store.put(type, id, row);
      }
    }
  };
  put(saved.tables);
  let { sequences, usage } = saved;
  const lines = readLog(file, generation);
  for (const line of lines) {
    put(line.stored);
    for (const ids of Object.values(line.removed)) {
      ids.forEach((id) => store.remove(id));
    }
    ({ sequences, usage } = line);
  }
  org.data.restore(store);
  org.data.restoreSequenceState(sequences);
  if (usage.day === today()) {
    org.usage.apiRequests = usage.apiRequests;
  }
  return { loaded: true, usageDay: usage.day, generation, logLines: lines.length };
}

/** The log lines of `generation`; a last line cut off (a crash while appending) is left out. */
function readLog(file: string, generation: number): LogLine[] {
  const log = logFile(file);
  if (!existsSync(log)) {
    return [];
  }
  const texts = readFileSync(log, 'utf8').split('\n');
  const lines: LogLine[] = [];
  texts.forEach((text, i) => {
    if (text.trim() === '') {
      return;
    }
    try {
      const line = JSON.parse(text) as LogLine;
      if (line.generation === generation) {
        lines.push(line);
      }
    } catch (e) {
      if (i < texts.length - 1 && texts.slice(i + 1).some((t) => t.trim() !== '')) {
        throw new Error(`${log}: line ${i + 1} is not JSON (${(e as Error).message})`);
      }
    }
  });
  return lines;
}
