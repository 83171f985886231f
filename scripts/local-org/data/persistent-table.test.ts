/**
 * persistent-table.ts against a plain Map: the same content and order after any mix of inserts, replacements and
 * removals; older versions unchanged; a write copies O(log rows) nodes whatever the table's size; `changedSince`
 * lists exactly what differs between two versions.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PersistentTable, tableWork } from './persistent-table.ts';

/** A small deterministic generator (xorshift32), so every run does the same operations. */
function random(seed: number): () => number {
  let x = seed;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x100000000;
  };
}

test('behaves like an insertion-ordered Map, and every older version keeps its content', () => {
  const next = random(42);
  let table = PersistentTable.empty<number>();
  const model = new Map<string, number>();
  const versions: [PersistentTable<number>, [string, number][]][] = [];
  for (let step = 0; step < 5000; step++) {
    const id = `id${Math.floor(next() * 700)}`;
    const r = next();
    if (r < 0.6) {
      table = table.set(id, step);
      model.set(id, step);
    } else {
      table = table.delete(id);
      model.delete(id);
    }
    if (step % 500 === 0) {
      versions.push([table, [...model]]);
    }
    assert.equal(table.size, model.size);
    assert.equal(table.get(id), model.get(id));
    assert.equal(table.has(id), model.has(id));
  }
  assert.deepEqual([...table], [...model]);
  assert.deepEqual([...table.keys()], [...model.keys()]);
  for (const [version, content] of versions) {
    assert.deepEqual([...version], content, 'an older version is unchanged');
  }
});

test('a write copies a few trie nodes, one per level: O(log₃₂ rows), never a row', () => {
  const copiesPerWrite = (rows: number): number => {
    const table = PersistentTable.of(Array.from({ length: rows }, (_, i) => [`r${i}`, i] as const));
    const before = tableWork.nodesCopied;
    table.set('r7', -1).set('new', 1).delete('r3');
    return tableWork.nodesCopied - before;
  };
  const small = copiesPerWrite(200);
  const large = copiesPerWrite(200_000);
  // 3 writes × (vector levels + hash trie levels): 2 + 2 levels on 200 rows, 4 + 4 on 200,000.
  assert.ok(small <= 3 * 5 && large <= 3 * 9, `3 writes copied ${small} nodes on 200 rows, ${large} on 200,000`);
});

test('changedSince lists what was stored and removed since an older version, walking only unshared nodes', () => {
  const base = PersistentTable.of(Array.from({ length: 5000 }, (_, i) => [`r${i}`, i] as const));
  const later = base.set('r10', -10).set('r4999', -1).set('added', 1).delete('r20').set('added2', 2);
  const { stored, removed } = later.changedSince(base);
  assert.deepEqual(
    stored.sort(([a], [b]) => a.localeCompare(b)),
    [
      ['added', 1],
      ['added2', 2],
      ['r10', -10],
      ['r4999', -1]
    ]
  );
  assert.deepEqual(removed, ['r20']);
  assert.deepEqual(base.changedSince(base), { stored: [], removed: [] });
  // Across a new level of the trie (more than 32 × 32 × 32 slots is not needed: 5000 → 33,000 adds one).
  let grown = base;
  for (let i = 0; i < 28_000; i++) {
    grown = grown.set(`g${i}`, i);
  }
  assert.equal(grown.changedSince(base).stored.length, 28_000);
  assert.deepEqual(grown.changedSince(base).removed, []);
});

test('removed rows are squeezed out once their empty slots outnumber the rows; order is kept', () => {
  let table = PersistentTable.of(Array.from({ length: 100 }, (_, i) => [`r${i}`, i] as const));
  for (let i = 0; i < 90; i++) {
    table = table.delete(`r${i}`);
  }
  assert.deepEqual(
    [...table.keys()],
    Array.from({ length: 10 }, (_, i) => `r${90 + i}`)
  );
  assert.equal(table.set('x', 1).size, 11);
});
