/** Trigger context variables (Apex Reference Guide "Trigger Class", "TriggerOperation Enum"). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadSources } from '../runtime.ts';
import { FIXED_NOW } from '../test-helpers.ts';

function run(body: string, triggers: Record<string, string> = {}): string {
  const org = loadSources([
    {
      file: 'T.cls',
      source: `public class T { public static List<String> seen = new List<String>(); public static Object run() { ${body} } }`
    },
    ...Object.entries(triggers).map(([name, source]) => ({ file: `${name}.trigger`, source }))
  ]);
  const it = org.transaction({ now: () => FIXED_NOW });
  return it.str(it.runStatic(org.classNamed('T'), 'run'));
}

test('Trigger.operationType is the System.TriggerOperation of the event; null outside a trigger', () => {
  const trigger = `trigger Ops on Contact (before insert, after insert, before update, after update, before delete, after delete) {
    switch on Trigger.operationType {
      when BEFORE_INSERT, AFTER_INSERT { T.seen.add(String.valueOf(Trigger.operationType)); }
      when else { T.seen.add(Trigger.operationType.name() + '/' + Trigger.operationType.ordinal()); }
    }
  }`;
  assert.equal(
    run(
      `Contact c = new Contact(LastName = 'x'); insert c; update c; delete c;
       seen.add(String.valueOf(Trigger.operationType)); return seen;`,
      { Ops: trigger }
    ),
    '(BEFORE_INSERT, AFTER_INSERT, BEFORE_UPDATE/2, AFTER_UPDATE/3, BEFORE_DELETE/4, AFTER_DELETE/5, null)'
  );
  assert.equal(
    run(`return System.TriggerOperation.values().size() + ' ' + TriggerOperation.AFTER_UNDELETE.ordinal();`),
    '7 6'
  );
});
