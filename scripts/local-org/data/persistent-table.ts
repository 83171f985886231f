/**
 * An immutable, insertion-ordered id → row map whose versions share their unchanged parts (issue 16: a DML statement
 * used to copy the whole table it wrote). Two persistent structures with path copying:
 * - the rows in insertion order, in a 32-way trie of slots (a removed row leaves an empty slot), as Clojure's
 *   persistent vector: `set` and `push` copy one node per level (≈ 4 for 200,000 rows);
 * - id → slot, in a hash array mapped trie (Bagwell, "Ideal Hash Trees", 2001): `set`/`delete` copy one node per level.
 * So a write costs O(log₃₂ rows) and never copies a row; reading an id costs the same. Empty slots are squeezed out
 * (one pass over the table, counted as rows copied) once they outnumber the rows, so that costs O(1) per removal.
 * `changedSince` lists what differs between two versions by walking only the nodes they do not share.
 */

const BITS = 5;
const WIDTH = 1 << BITS;
const MASK = WIDTH - 1;

// ─── rows in order: a persistent vector of slots ─────────────────────────────────────────────────────────────────────

type Slot<V> = readonly [id: string, value: V] | undefined;
/** An inner node holds child nodes, a leaf (shift 0) holds slots. */
type VNode<V> = readonly (VNode<V> | Slot<V>)[];

/** Counts of structural work, for the cost counters of data/store.ts. */
export const tableWork = { nodesCopied: 0, rowsCompacted: 0 };

function vecGet<V>(root: VNode<V>, shift: number, i: number): Slot<V> {
  let node: VNode<V> = root;
  for (let s = shift; s > 0; s -= BITS) {
    node = node[(i >>> s) & MASK] as VNode<V>;
  }
  return node[i & MASK] as Slot<V>;
}

function vecSet<V>(node: VNode<V> | undefined, shift: number, i: number, slot: Slot<V>): VNode<V> {
  const copy = node ? [...node] : [];
  tableWork.nodesCopied++;
  const at = (i >>> shift) & MASK;
  copy[at] = shift === 0 ? slot : vecSet(copy[at] as VNode<V> | undefined, shift - BITS, i, slot);
  return copy;
}

function* vecSlots<V>(node: VNode<V> | undefined, shift: number): Generator<Slot<V>> {
  if (!node) {
    return;
  }
  for (const child of node) {
    if (shift === 0) {
      yield child as Slot<V>;
    } else {
      yield* vecSlots(child as VNode<V> | undefined, shift - BITS);
    }
  }
}

// ─── id → slot: a hash array mapped trie ────────────────────────────────────────────────────────────────────────────

type HEntry = readonly [key: string, slot: number];
/** A branch: bitmap of the 32 hash chunks present, and their children in chunk order. */
interface HBranch {
  readonly bitmap: number;
  readonly children: readonly HNode[];
}
/** Entries whose hashes agree on every chunk so far (one entry mostly). */
type HLeaf = readonly HEntry[];
type HNode = HBranch | HLeaf;

const MAX_HASH_SHIFT = 30;

function hash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const popcount = (n: number): number => {
  let v = n - ((n >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
};

const isLeaf = (n: HNode): n is HLeaf => Array.isArray(n);

function hGet(node: HNode | undefined, h: number, key: string, shift = 0): number | undefined {
  while (node) {
    if (isLeaf(node)) {
      return node.find((e) => e[0] === key)?.[1];
    }
    const bit = 1 << ((h >>> shift) & MASK);
    if ((node.bitmap & bit) === 0) {
      return undefined;
    }
    node = node.children[popcount(node.bitmap & (bit - 1))];
    shift += BITS;
  }
  return undefined;
}

/** The node with `key` → `slot` (or without `key` when `slot` is undefined); undefined when nothing is left. */
function hSet(node: HNode | undefined, h: number, key: string, slot: number | undefined, shift = 0): HNode | undefined {
  tableWork.nodesCopied++;
  if (!node) {
    return slot === undefined ? undefined : [[key, slot]];
  }
  if (isLeaf(node)) {
    const rest = node.filter((e) => e[0] !== key);
    if (slot === undefined) {
      return rest.length > 0 ? rest : undefined;
    }
    if (rest.length === 0 || shift > MAX_HASH_SHIFT) {
      return [...rest, [key, slot]];
    }
    // Split: push the entries one level down, then add the key there.
    let branch: HNode | undefined = { bitmap: 0, children: [] };
    for (const [k, s] of rest) {
      branch = hSet(branch, hash(k), k, s, shift);
    }
    return hSet(branch, h, key, slot, shift);
  }
  const bit = 1 << ((h >>> shift) & MASK);
  const at = popcount(node.bitmap & (bit - 1));
  const present = (node.bitmap & bit) !== 0;
  const child = hSet(present ? node.children[at] : undefined, h, key, slot, shift + BITS);
  const children = [...node.children];
  if (child === undefined) {
    if (!present) {
      return node;
    }
    children.splice(at, 1);
    const bitmap = node.bitmap & ~bit;
    return bitmap === 0 ? undefined : { bitmap, children };
  }
  if (present) {
    children[at] = child;
  } else {
    children.splice(at, 0, child);
  }
  return { bitmap: node.bitmap | bit, children };
}

// ─── the table ───────────────────────────────────────────────────────────────────────────────────────────────────────

export class PersistentTable<V> implements ReadonlyMap<string, V> {
  private constructor(
    private readonly root: VNode<V>,
    private readonly shift: number,
    /** Slots used (rows and empty slots). */
    private readonly count: number,
    private readonly ids: HNode | undefined,
    readonly size: number
  ) {}

  static empty<V>(): PersistentTable<V> {
    return new PersistentTable<V>([], 0, 0, undefined, 0);
  }

  static of<V>(entries: Iterable<readonly [string, V]>): PersistentTable<V> {
    let t = PersistentTable.empty<V>();
    for (const [k, v] of entries) {
      t = t.set(k, v);
    }
    return t;
  }

  get(id: string): V | undefined {
    const slot = hGet(this.ids, hash(id), id);
    return slot === undefined ? undefined : vecGet(this.root, this.shift, slot)?.[1];
  }

  has(id: string): boolean {
    return hGet(this.ids, hash(id), id) !== undefined;
  }

  /** A version with `id` → `value`: in its place when `id` is present, else after every other row. */
  set(id: string, value: V): PersistentTable<V> {
    const h = hash(id);
    const slot = hGet(this.ids, h, id);
    if (slot !== undefined) {
      return new PersistentTable(
        vecSet(this.root, this.shift, slot, [id, value]),
        this.shift,
        this.count,
        this.ids,
        this.size
      );
    }
    let { root, shift } = this;
    if (this.count >= WIDTH << shift) {
      // Full at this depth: one more level, the old root as its first child.
      tableWork.nodesCopied++;
      root = [root];
      shift += BITS;
    }
    return new PersistentTable(
      vecSet(root, shift, this.count, [id, value]),
      shift,
      this.count + 1,
      hSet(this.ids, h, id, this.count),
      this.size + 1
    );
  }

  /** A version without `id` (this one when it is absent). */
  delete(id: string): PersistentTable<V> {
    const h = hash(id);
    const slot = hGet(this.ids, h, id);
    if (slot === undefined) {
      return this;
    }
    const next = new PersistentTable(
      vecSet(this.root, this.shift, slot, undefined),
      this.shift,
      this.count,
      hSet(this.ids, h, id, undefined),
      this.size - 1
    );
    const empty = next.count - next.size;
    if (empty > WIDTH && empty > next.size) {
      tableWork.rowsCompacted += next.size;
      return PersistentTable.of(next);
    }
    return next;
  }

  *entries(): MapIterator<[string, V]> {
    for (const slot of vecSlots(this.root, this.shift)) {
      if (slot) {
        yield [slot[0], slot[1]];
      }
    }
  }

  *keys(): MapIterator<string> {
    for (const [k] of this.entries()) {
      yield k;
    }
  }

  *values(): MapIterator<V> {
    for (const [, v] of this.entries()) {
      yield v;
    }
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }

  forEach(fn: (value: V, key: string, map: ReadonlyMap<string, V>) => void): void {
    for (const [k, v] of this.entries()) {
      fn(v, k, this);
    }
  }

  /**
   * What `this` changed from `older` (an earlier version of the same table): ids stored or replaced (with their new
   * value) and ids removed. Walks only the nodes the versions do not share; a version squeezed since (`of`) shares
   * none, and then every slot is compared.
   */
  changedSince(older: PersistentTable<V>): { stored: [string, V][]; removed: string[] } {
    const stored: [string, V][] = [];
    const removed: string[] = [];
    let oldRoot: VNode<V> | undefined = older.root;
    for (let s = older.shift; s < this.shift; s += BITS) {
      oldRoot = [oldRoot]; // as the new root sees it: the old root is the first child
    }
    if (older.shift > this.shift) {
      return this.changedByValue(older);
    }
    const walk = (a: VNode<V> | undefined, b: VNode<V> | undefined, shift: number): void => {
      if (a === b) {
        return;
      }
      for (let i = 0; i < WIDTH; i++) {
        const x = a?.[i];
        const y = b?.[i];
        if (x === y) {
          continue;
        }
        if (shift > 0) {
          walk(x as VNode<V> | undefined, y as VNode<V> | undefined, shift - BITS);
          continue;
        }
        const before = x as Slot<V>;
        const after = y as Slot<V>;
        if (after && (!before || before[1] !== after[1] || before[0] !== after[0])) {
          stored.push([after[0], after[1]]);
        }
        if (before && (!after || after[0] !== before[0]) && !this.has(before[0])) {
          removed.push(before[0]);
        }
      }
    };
    walk(oldRoot, this.root, this.shift);
    return { stored, removed };
  }

  private changedByValue(older: PersistentTable<V>): { stored: [string, V][]; removed: string[] } {
    const stored: [string, V][] = [];
    for (const [id, v] of this) {
      if (older.get(id) !== v) {
        stored.push([id, v]);
      }
    }
    const removed = [...older.keys()].filter((id) => !this.has(id));
    return { stored, removed };
  }
}
