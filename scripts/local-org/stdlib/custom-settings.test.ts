/**
 * Custom settings methods on fixtures/custom-metadata: Hier_Setting__c (hierarchy: Level__c text with default
 * 'FINEST', Flag__c checkbox, Limit__c number) and Country__c (list: Code__c). Apex Reference Guide "Custom Settings
 * Methods".
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Schema } from '../schema/schema.ts';
import { runInSchema } from '../test-helpers.ts';

const schema = new Schema(['scripts/local-org/fixtures/custom-metadata']);

const run = (body: string, extra: Record<string, string> = {}): string => runInSchema(schema, body, extra);

test('hierarchy settings without rows: getInstance() is a new record owned by the user, getOrgDefaults() an empty one, getValues() null', () => {
  assert.equal(
    run(`Hier_Setting__c mine = Hier_Setting__c.getInstance(); Hier_Setting__c org = Hier_Setting__c.getOrgDefaults();
      return mine.Id + ' ' + (mine.SetupOwnerId == UserInfo.getUserId()) + ' ' + mine.Level__c + ' ' + mine.Flag__c + ' '
        + org.Id + ' ' + org.Level__c + ' ' + Hier_Setting__c.getValues(UserInfo.getUserId());`),
    'null true null false null null null'
  );
});

test('hierarchy settings merge user → profile → org for the lowest level row (Apex Reference Guide "Hierarchy Custom Setting Methods")', () => {
  const out = run(`
    insert new Hier_Setting__c(Level__c = 'ORG', Limit__c = 5, Flag__c = true);
    insert new Hier_Setting__c(SetupOwnerId = UserInfo.getProfileId(), Limit__c = 7);
    String before = s(Hier_Setting__c.getInstance());
    insert new Hier_Setting__c(SetupOwnerId = UserInfo.getUserId(), Level__c = null, Flag__c = false);
    Hier_Setting__c mine = Hier_Setting__c.getInstance(UserInfo.getUserId());
    return before + ' | ' + s(mine) + ' | ' + s(Hier_Setting__c.getOrgDefaults()) + ' | '
      + s(Hier_Setting__c.getValues(UserInfo.getProfileId())) + ' | ' + (Hier_Setting__c.getOrgDefaults().SetupOwnerId == UserInfo.getOrganizationId())
      + ' ' + Limits.getQueries();
  }
  static String s(Hier_Setting__c x) { return x == null ? 'null' : (x.Id != null) + '/' + x.Level__c + '/' + x.Flag__c + '/' + x.Limit__c;`);
  // Every row saved with Level__c null got its default 'FINEST' (data/dml-fields.ts) and a checkbox is never null, so
  // before the user row exists the profile row's Level__c and Flag__c hide the org's; Limit__c comes from the profile.
  // The user row's Flag__c false is defined at its level and stays; its null Limit__c is filled from the profile's row.
  assert.equal(out, 'false/FINEST/false/7 | true/FINEST/false/7 | true/ORG/true/5 | true/FINEST/false/7 | true 0');
});

test('list settings: getAll() keyed by Name, getInstance(name) = getValues(name), null when absent (Apex Reference Guide "List Custom Setting Methods")', () => {
  assert.equal(
    run(`insert new List<Country__c>{ new Country__c(Name = 'Japan', Code__c = 'JP'), new Country__c(Name = 'France', Code__c = 'FR') };
      return Country__c.getAll().keySet() + ' ' + Country__c.getInstance('Japan').Code__c + ' ' + Country__c.getValues('France').Code__c
        + ' ' + Country__c.getInstance('Peru');`),
    '{Japan, France} JP FR null'
  );
});
