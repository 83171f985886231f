/**
 * Platform Cache on fixtures/custom-metadata: partition Main (default, org and session capacity) and Empty (no
 * capacity). Apex Reference Guide "Cache Namespace"; Apex Developer Guide "Platform Cache Partitions".
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Schema } from '../schema/schema.ts';
import { runInSchema } from '../test-helpers.ts';

const schema = new Schema(['scripts/local-org/fixtures/custom-metadata']);

const run = (body: string, extra: Record<string, string> = {}): string => runInSchema(schema, body, extra);

test('Cache.Org and Cache.Session: default partition, qualified keys, copies, remove, keys', () => {
  assert.equal(
    run(`List<String> l = new List<String>{ 'a' };
      Cache.Org.put('k1', l);
      l.add('b');
      Cache.Session.put('local.Main.s1', 42, 300, Cache.Visibility.ALL, false);
      List<String> got = (List<String>) Cache.Org.get('local.Main.k1');
      got.add('c');
      return got + ' ' + Cache.Org.get('k1') + ' ' + Cache.Session.get('s1') + ' ' + Cache.Org.contains('s1') + ' '
        + Cache.Org.remove('k1') + ' ' + Cache.Org.contains('k1') + ' ' + Cache.Session.getKeys();`),
    '(a, c) (a) 42 false true false {s1}'
  );
});

test('partitions: getPartition, no capacity means no-op, unknown partitions and bad keys throw', () => {
  assert.equal(
    run(`Cache.OrgPartition main = Cache.Org.getPartition('local.Main');
      Cache.Partition empty = Cache.Org.getPartition('Empty');
      main.put('x', 'y'); empty.put('x', 'y');
      String failures = '';
      try { Cache.Org.getPartition('local.Nope'); } catch (Cache.Org.OrgCacheException e) { failures += 'partition '; }
      try { main.put('not ok', 1); } catch (Cache.InvalidParamException e) { failures += 'key'; }
      return main.getName() + ' ' + main.get('x') + ' ' + empty.get('x') + ' ' + empty.contains('x') + ' ' + Cache.Org.get('x') + ' ' + failures;`),
    'local.Main y null false y partition key'
  );
});

test('get(CacheBuilder class, key) loads through doLoad on a miss only (Apex Reference Guide "CacheBuilder Interface")', () => {
  const builder = `public class Loader implements Cache.CacheBuilder {
    public static Integer loads = 0;
    public Object doLoad(String key) { loads++; return 'v-' + key; }
  }`;
  assert.equal(
    run(
      `Object a = Cache.Org.get(Loader.class, 'k'); Object b = Cache.Org.get(Loader.class, 'k');
       return a + ' ' + b + ' ' + Loader.loads + ' ' + Cache.Org.getPartition('local.Main').get('k');`,
      { Loader: builder }
    ),
    'v-k v-k 1 v-k'
  );
});

test('a partition counts its keys with getNumKeys (a Long); a partition without capacity holds none', () => {
  assert.equal(
    run(`Cache.OrgPartition main = Cache.Org.getPartition('local.Main');
      Cache.OrgPartition empty = Cache.Org.getPartition('local.Empty');
      Long before = main.getNumKeys();
      main.put('a', 1); main.put('b', 2); main.put('a', 3); empty.put('a', 1);
      Long after = main.getNumKeys();
      main.remove('b');
      return before + ' ' + after + ' ' + main.getNumKeys() + ' ' + empty.getNumKeys();`),
    '0 2 1 0'
  );
});

test('getCapacity(): the used share of a partition in percent, 0 empty or without allocation (Apex Reference Guide "Partition Class")', () => {
  assert.equal(
    run(`Cache.OrgPartition main = Cache.Org.getPartition('local.Main');
      Cache.SessionPartition session = Cache.Session.getPartition('local.Main');
      Cache.OrgPartition empty = Cache.Org.getPartition('local.Empty');
      Double before = main.getCapacity();
      main.put('a', 'small');
      Double small = main.getCapacity();
      main.put('b', 'a much longer value than the first one');
      Double bigger = main.getCapacity();
      empty.put('a', 'x');
      main.remove('a'); main.remove('b');
      return before + ' ' + (small > 0) + ' ' + (small < 1) + ' ' + (bigger > small) + ' ' + main.getCapacity() + ' '
        + empty.getCapacity() + ' ' + session.getCapacity();`),
    '0.0 true true true 0.0 0.0 0.0'
  );
});
