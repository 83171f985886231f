/**
 * Database result classes and JSON (stdlib/db-results.ts; Apex Reference Guide "MergeResult Class",
 * "EmptyRecycleBinResult Class", "LeadConvertResult Class", "SaveResult Class"): JSON.deserialize builds a result whose
 * getters read the members, JSON.serialize writes them back.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evalApex } from '../test-helpers.ts';

const ACCOUNT_ID = '001000000000001AAA';

test('JSON.deserialize into Database.MergeResult: isSuccess, getId, getMergedRecordIds, getUpdatedRelatedIds', () => {
  assert.equal(
    evalApex(
      `r.isSuccess() + ' ' + r.getId() + ' ' + r.getMergedRecordIds() + ' ' + r.getUpdatedRelatedIds().size() + ' ' + r.getErrors().size()`,
      `Database.MergeResult r = (Database.MergeResult) JSON.deserialize('{"success": true, "id": "${ACCOUNT_ID}", "mergedRecordIds": ["001000000000002AAA"]}', Database.MergeResult.class);`
    ),
    `true ${ACCOUNT_ID} (001000000000002AAA) 0 0`
  );
});

test('JSON.deserialize into Database.EmptyRecycleBinResult with errors: getErrors reads statusCode and message', () => {
  assert.equal(
    evalApex(
      `r.isSuccess() + ' ' + r.getErrors()[0].getStatusCode() + ' ' + r.getErrors()[0].getMessage()`,
      `Database.EmptyRecycleBinResult r = (Database.EmptyRecycleBinResult) JSON.deserialize('{"success": false, "errors": [{"statusCode": "INVALID_ID_FIELD", "message": "no entry"}]}', Database.EmptyRecycleBinResult.class);`
    ),
    'false INVALID_ID_FIELD no entry'
  );
});

test('JSON.deserialize into Database.LeadConvertResult reads its members case-insensitively', () => {
  assert.equal(
    evalApex(
      `r.isSuccess() + ' ' + r.getLeadId() + ' ' + r.getAccountId()`,
      `Database.LeadConvertResult r = (Database.LeadConvertResult) JSON.deserialize('{"success": true, "leadid": "00Q000000000001AAA"}', Database.LeadConvertResult.class);`
    ),
    'true 00Q000000000001AAA null'
  );
});

test('JSON.serialize of a SaveResult from Database.insert writes id, success and errors', () => {
  assert.equal(
    evalApex(
      `JSON.serialize(r).replace(r.getId(), 'ID')`,
      `Database.SaveResult r = Database.insert(new Account(Name = 'a'));`
    ),
    '{"id":"ID","success":true,"errors":[]}'
  );
});

test('JSON.serialize of a failed result writes each Database.Error as statusCode, message, fields', () => {
  assert.equal(
    evalApex(`JSON.serialize(Database.insert(new List<Account>{ new Account() }, false)[0])`),
    '{"id":null,"success":false,"errors":[{"statusCode":"REQUIRED_FIELD_MISSING","message":"Required fields are missing: [Name]","fields":["Name"]}]}'
  );
});

test('a result survives JSON.serialize then JSON.deserialize', () => {
  assert.equal(
    evalApex(
      `JSON.serialize(JSON.deserialize(JSON.serialize(r), Database.MergeResult.class)) == JSON.serialize(r)`,
      `Database.MergeResult r = (Database.MergeResult) JSON.deserialize('{"success": true, "id": "${ACCOUNT_ID}"}', Database.MergeResult.class);`
    ),
    'true'
  );
});

test('result members read as properties: success, id, errors (the fields of the platform classes)', () => {
  assert.equal(
    evalApex(
      `r.success + ' ' + (r.id == r.getId()) + ' ' + r.errors.size()`,
      `Database.SaveResult r = Database.insert(new Account(Name = 'a'));`
    ),
    'true true 0'
  );
});
