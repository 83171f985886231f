import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lowerName } from './lower.ts';

describe('lowerName', () => {
  it('lower-cases as String.prototype.toLowerCase does, and gives the same string back for the same name', () => {
    assert.equal(lowerName('MiiTel_Call__c'), 'miitel_call__c');
    assert.equal(lowerName('ÄBC'), 'äbc');
    assert.equal(lowerName('already'), 'already');
    assert.equal(lowerName('MiiTel_Call__c'), lowerName('MIITEL_CALL__C'));
  });

  it('keeps answering correctly past its memo bound', () => {
    for (let i = 0; i < 50_010; i++) {
      assert.equal(lowerName(`Name${i}`), `name${i}`);
    }
    assert.equal(lowerName('Name0'), 'name0');
  });
});
