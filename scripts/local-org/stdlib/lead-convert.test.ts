/**
 * Database.convertLead (Apex Reference Guide "LeadConvert Class", "LeadConvertResult Class"; Object Reference
 * "LeadStatus", "TaskStatus" with the values of a new org).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apexError, evalApex } from '../test-helpers.ts';

const LEAD = `Lead l = new Lead(FirstName = 'Taro', LastName = 'Yamada', Company = 'ACME', Phone = '03-1234-5678');
  insert l;
  Database.LeadConvert lc = new Database.LeadConvert();
  lc.setLeadId(l.Id);`;

test('the seed holds the standard lead and task statuses', () => {
  assert.equal(
    evalApex(
      "[SELECT ApiName FROM LeadStatus WHERE IsConverted = true].ApiName + '|' + [SELECT COUNT() FROM LeadStatus] + '|' + " +
        "[SELECT ApiName FROM TaskStatus WHERE IsDefault = true].ApiName + '|' + [SELECT ApiName FROM TaskStatus WHERE IsClosed = true].ApiName + '|' + [SELECT COUNT() FROM TaskStatus]"
    ),
    'Closed - Converted|4|Not Started|Completed|5'
  );
});

test('convertLead creates Account, Contact (and Opportunity) and marks the Lead converted', () => {
  const text = evalApex(
    "r.isSuccess() + '|' + a.Name + '|' + c.FirstName + ' ' + c.LastName + '|' + c.AccountId.equals(a.Id) + '|' + " +
      "conv.IsConverted + '|' + conv.Status + '|' + (conv.ConvertedContactId == c.Id) + '|' + conv.ConvertedDate + '|' + " +
      "(r.getOpportunityId() == null) + '|' + (r.getLeadId() == l.Id) + '|' + Limits.getDmlStatements()",
    `${LEAD}
     lc.setConvertedStatus('Closed - Converted');
     lc.setDoNotCreateOpportunity(true);
     Database.LeadConvertResult r = Database.convertLead(lc, AccessLevel.USER_MODE);
     Account a = [SELECT Id, Name FROM Account WHERE Id = :r.getAccountId()];
     Contact c = [SELECT FirstName, LastName, AccountId FROM Contact WHERE Id = :r.getContactId()];
     Lead conv = [SELECT IsConverted, Status, ConvertedContactId, ConvertedDate FROM Lead WHERE Id = :l.Id];`
  );
  assert.equal(text, 'true|ACME|Taro Yamada|true|true|Closed - Converted|true|2026-11-23|true|true|2');
  assert.equal(
    evalApex(
      '[SELECT Name, AccountId FROM Opportunity WHERE Id = :r.getOpportunityId()].Name',
      `${LEAD} lc.setConvertedStatus('Closed - Converted'); Database.LeadConvertResult r = Database.convertLead(lc);`
    ),
    'ACME-'
  );
});

test('a status that is not a converted status fails: a result with allOrNone=false, a DmlException otherwise', () => {
  assert.equal(
    evalApex(
      "r.isSuccess() + '|' + r.getErrors()[0].getStatusCode() + '|' + [SELECT COUNT() FROM Account]",
      `${LEAD} lc.setConvertedStatus('Working - Contacted'); Database.LeadConvertResult r = Database.convertLead(lc, false);`
    ),
    'false|INVALID_STATUS|0'
  );
  assert.equal(
    apexError(`${LEAD} lc.setConvertedStatus('Nope'); Database.convertLead(lc);`).text,
    'System.DmlException: ConvertLead failed. First exception on row 0; first error: INVALID_STATUS, invalid convertedStatus: Nope: []'
  );
});
