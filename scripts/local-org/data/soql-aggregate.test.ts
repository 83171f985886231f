/**
 * Aggregate SOQL (data/soql-aggregate.ts): SOQL and SOSL Reference "Aggregate Functions", "GROUP BY", "HAVING"; Apex
 * Developer Guide "Working with SOQL Aggregate Functions".
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadSources } from '../runtime.ts';
import { FIXED_NOW } from '../test-helpers.ts';

function run(body: string): string {
  const org = loadSources([{ file: 'T.cls', source: `public class T { public static Object run() { ${body} } }` }]);
  const it = org.transaction({ now: () => FIXED_NOW });
  return it.str(it.runStatic(org.classNamed('T'), 'run'));
}

const DATA = `Account a = new Account(Name = 'a'); Account b = new Account(Name = 'b'); insert new List<Account>{ a, b };
  insert new List<Opportunity>{
    new Opportunity(Name = 'o1', AccountId = a.Id, StageName = 'Won', CloseDate = Date.today(), Amount = 100),
    new Opportunity(Name = 'o2', AccountId = a.Id, StageName = 'Won', CloseDate = Date.today(), Amount = 50.5),
    new Opportunity(Name = 'o3', AccountId = b.Id, StageName = 'Lost', CloseDate = Date.today(), Amount = 10),
    new Opportunity(Name = 'o4', AccountId = b.Id, StageName = 'Won', CloseDate = Date.today())
  };`;

test('AVG without GROUP BY: one AggregateResult, the aggregate read by get(expr0) (Apex Developer Guide "Working with SOQL Aggregate Functions")', () => {
  assert.equal(
    run(`${DATA}
      AggregateResult[] groupedResults = [SELECT AVG(Amount) aver FROM Opportunity];
      Object avgAmount = groupedResults[0].get('aver');
      List<AggregateResult> unnamed = [SELECT MAX(Amount), MIN(Amount), COUNT(Amount), SUM(Amount) FROM Opportunity];
      AggregateResult r = unnamed[0];
      return groupedResults.size() + ' ' + avgAmount + ' ' + r.get('expr0') + ' ' + r.get('expr1') + ' ' + r.get('expr2') + ' ' + r.get('expr3');`),
    '1 53.5 100 10 3 160.5'
  );
});

test('GROUP BY with COUNT(Id), COUNT_DISTINCT and an alias; grouped fields by name; ORDER BY an aggregate (SOQL and SOSL Reference "GROUP BY")', () => {
  assert.equal(
    run(`${DATA}
      String out = '';
      for (AggregateResult ar : [SELECT StageName, COUNT(Id) n, COUNT_DISTINCT(AccountId) accounts FROM Opportunity GROUP BY StageName ORDER BY COUNT(Id) DESC]) {
        out += ar.get('StageName') + '=' + (Integer) ar.get('n') + '/' + ar.get('accounts') + ' ';
      }
      for (AggregateResult ar : [SELECT Account.Name, SUM(Amount) total FROM Opportunity GROUP BY Account.Name ORDER BY Account.Name]) {
        out += ar.get('Name') + ':' + ar.get('total') + ' ';
      }
      return out.trim();`),
    'Won=3/2 Lost=1/1 a:150.5 b:10'
  );
});

test('HAVING filters groups on an aggregate; no matching row gives one row without GROUP BY and none with it; SUM of nothing is null (SOQL and SOSL Reference "HAVING", "Aggregate Functions")', () => {
  assert.equal(
    run(`${DATA}
      List<AggregateResult> many = [SELECT AccountId, COUNT(Id) FROM Opportunity GROUP BY AccountId HAVING COUNT(Id) > 1 AND SUM(Amount) > 100];
      List<AggregateResult> none = [SELECT COUNT(Id) c, SUM(Amount) s FROM Opportunity WHERE Name = 'x'];
      List<AggregateResult> noGroups = [SELECT StageName, COUNT(Id) FROM Opportunity WHERE Name = 'x' GROUP BY StageName];
      List<AggregateResult> dynamic = Database.query('SELECT StageName s, MAX(CloseDate) d FROM Opportunity GROUP BY StageName HAVING StageName = \\'Lost\\'');
      return many.size() + ' ' + (many[0].get('AccountId') == [SELECT Id FROM Account WHERE Name = 'a'].Id) + ' ' + none.size() + ' ' + none[0].get('c') + ' ' + none[0].get('s') + ' ' + noGroups.size() + ' ' + dynamic[0].get('s') + ' ' + (dynamic[0].get('d') == Date.today());`),
    '1 true 1 0 null 0 Lost true'
  );
});

test('query rows of aggregate queries: COUNT(field) counts one row (one per group), other aggregates every row aggregated (Apex Developer Guide "Working with SOQL Aggregate Functions")', () => {
  assert.equal(
    run(`${DATA}
      Integer before = Limits.getQueryRows();
      List<AggregateResult> c = [SELECT COUNT(Id) FROM Opportunity];
      Integer afterCount = Limits.getQueryRows();
      List<AggregateResult> g = [SELECT StageName, COUNT(Id) FROM Opportunity GROUP BY StageName];
      Integer afterGrouped = Limits.getQueryRows();
      List<AggregateResult> s = [SELECT SUM(Amount) FROM Opportunity];
      return (afterCount - before) + ' ' + (afterGrouped - afterCount) + ' ' + (Limits.getQueryRows() - afterGrouped);`),
    '1 2 4'
  );
});
