/**
 * System classes written in Apex (interpreter/system-classes.ts): Invocable.Action.Result / Error built with
 * JSON.deserialize as tests do (Apex Reference Guide "Invocable.Action.Result Class", "Invocable.Action.Error Class"),
 * and EventBus.ChangeEventHeader's fields, getters and setters (Apex Reference Guide "ChangeEventHeader Class").
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evalApex } from '../test-helpers.ts';

test('Invocable.Action.Result from JSON: isSuccess, getOutputParameters, getErrors with code and message', () => {
  assert.equal(
    evalApex(
      `r.isSuccess() + ' ' + r.getOutputParameters().get('x') + ' ' + r.getErrors()[0].getCode() + ' ' + r.getErrors()[0].getMessage() + ' ' + r.getAction()`,
      `Invocable.Action.Result r = (Invocable.Action.Result) JSON.deserialize('{"success": false, "outputParameters": {"x": 1}, "errors": [{"code": "E1", "message": "boom"}]}', Invocable.Action.Result.class);`
    ),
    'false 1 E1 boom null'
  );
});

test('new EventBus.ChangeEventHeader(): fields start null; setters and getters round-trip', () => {
  assert.equal(
    evalApex(
      `(h.getChangeType() == null) + ' ' + h.getEntityName() + ' ' + h.getRecordIds() + ' ' + h.commitNumber + ' ' + h.isTransactionEnd()`,
      `EventBus.ChangeEventHeader h = new EventBus.ChangeEventHeader();
       Boolean empty = h.getChangeType() == null;
       h.setEntityName('Account'); h.setRecordIds(new List<String>{ '001000000000001AAA' }); h.setCommitNumber(7L);`
    ),
    'true Account (001000000000001AAA) 7 null'
  );
});
