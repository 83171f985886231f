/**
 * Values as JSON: Lightning's serialisation of @AuraEnabled results (Lightning Web Components Developer Guide, "Call
 * Apex Methods": only
 * @AuraEnabled members; null members are not sent), REST record values, and the tagged form of the saved store.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Decimal } from '../values/decimal.ts';
import { ApexBlob, ApexDate, ApexDatetime, ApexDouble, ApexTime, type Value } from '../values/values.ts';
import { FIXED_NOW, runClass } from '../test-helpers.ts';
import { auraJson, loadValue, saveValue } from './json-values.ts';

test('auraJson: @AuraEnabled members only, nulls left out, Datetime in UTC with Z, maps as objects', () => {
  const { value } = runClass(
    `public class View {
       @AuraEnabled public String shown { get; set; }
       @AuraEnabled public String empty { get; set; }
       public String hidden { get; set; }
       @AuraEnabled public Datetime at;
       @AuraEnabled public Decimal amount;
       @AuraEnabled public List<Map<String, Integer>> counts;
     }
     public static Object run() {
       View v = new View();
       v.shown = 'yes'; v.hidden = 'no'; v.at = Datetime.newInstanceGmt(2026, 11, 23, 1, 2, 3);
       v.amount = 1.50; v.counts = new List<Map<String, Integer>>{ new Map<String, Integer>{ 'a' => 1 } };
       return v;
     }`
  );
  assert.deepEqual(auraJson(value), {
    shown: 'yes',
    at: '2026-11-23T01:02:03.000Z',
    amount: 1.5,
    counts: [{ a: 1 }]
  });
});

test('saved values keep their Apex type across a save and load', () => {
  const values: Value[] = [
    null,
    true,
    'text',
    42,
    12345678901234n,
    Decimal.parse('1.50') ?? null,
    new ApexDouble(0.25),
    new ApexDatetime(FIXED_NOW),
    new ApexDate(2026, 11, 23),
    new ApexTime(3723004),
    new ApexBlob(new Uint8Array([1, 2, 3]))
  ];
  const back = values.map((v) => loadValue(JSON.parse(JSON.stringify(saveValue(v))) as ReturnType<typeof saveValue>));
  assert.deepEqual(back, values);
  assert.equal((back[5] as Decimal).toString(), '1.50', 'the scale is kept');
});
