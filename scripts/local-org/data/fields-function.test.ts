/**
 * FIELDS(STANDARD) in a SOQL select list (SOQL and SOSL Reference "SELECT", FIELDS()): every standard field of the
 * object, no LIMIT needed; custom fields are not selected; a field named besides the group is "duplicate field
 * selected". Fixture: fixtures/sharing (Memo__c with the custom field Colour__c).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Schema } from '../schema/schema.ts';
import { runInSchema } from '../test-helpers.ts';

const fixture = new Schema(['scripts/local-org/fixtures/sharing']);

test('FIELDS(STANDARD) selects the standard fields (Name, OwnerId, CreatedDate) without a LIMIT', () => {
  assert.equal(
    runInSchema(
      fixture,
      `insert new Memo__c(Name = 'm');
       Memo__c m = [SELECT FIELDS(STANDARD) FROM Memo__c];
       return m.Name + ' ' + (m.OwnerId == UserInfo.getUserId()) + ' ' + (m.CreatedDate != null);`
    ),
    'm true true'
  );
});

test('FIELDS(STANDARD) does not select custom fields: reading one is the not-queried SObjectException', () => {
  assert.equal(
    runInSchema(
      fixture,
      `insert new Memo__c(Name = 'm');
       Memo__c m = [SELECT FIELDS(STANDARD) FROM Memo__c];
       try { return m.Colour__c; } catch (SObjectException e) { return e.getMessage(); }`
    ),
    'SObject row was retrieved via SOQL without querying the requested field: Memo__c.Colour__c'
  );
});

test('a standard field named besides FIELDS(STANDARD) is a duplicate; a custom one is not', () => {
  assert.equal(
    runInSchema(
      fixture,
      `insert new Memo__c(Name = 'm');
       String custom = [SELECT Colour__c, FIELDS(STANDARD) FROM Memo__c].Name;
       try { Memo__c dup = [SELECT Name, FIELDS(STANDARD) FROM Memo__c]; return 'no error'; }
       catch (QueryException e) { return custom + ' ' + e.getMessage(); }`
    ),
    'm duplicate field selected: Name'
  );
});
