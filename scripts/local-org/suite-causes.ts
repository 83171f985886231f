/**
 * Why a public suite's test failed (measure-suites.ts `--causes`, issue 22): each failure is matched against the rules
 * below and counted under a cause and its class, so that the table in suites.md can be regenerated rather than
 * re-judged. The classes:
 * - missing feature: the runtime lacks a platform feature (a RuntimeGap, or an API it does not model);
 * - wrong behaviour: the runtime answers differently from the platform;
 * - org data: the test needs setup or data that a scratch org has and the local org does not seed;
 * - out of scope: what the runtime does not aim to run (Visualforce, Flow, Chatter, real callouts, big objects).
 * A rule either matches the failure message (general: any suite) or names the tests it was checked on (a failure read
 * by hand, whose message alone does not tell its cause). A failure no rule matches is "unclassified": it needs reading.
 * "unverified" in a cause: the platform's answer is not in its documentation; the suite's expectation is the evidence.
 */
import type { TestResult } from './test-runner.ts';

export type CauseClass = 'missing feature' | 'wrong behaviour' | 'org data' | 'out of scope' | 'unclassified';

export interface CauseRule {
  cause: string;
  class: CauseClass;
  /** Matched against the failure message. */
  message?: RegExp;
  /** Matched against `Class.method` of the failed test (for failures read by hand). */
  test?: RegExp;
}

export const CAUSE_RULES: CauseRule[] = [
  // Missing features: each a RuntimeGap naming what is missing.
  {
    cause: 'SOQL aggregate queries (GROUP BY, HAVING, COUNT(field), SUM, MIN, MAX, AVG; AggregateResult)',
    class: 'missing feature',
    message: /SOQL GROUP BY \/ HAVING|SOQL select item FieldFunctionExpression|'AggregateResult'/
  },
  {
    cause: 'SOQL functions beyond the aggregates: toLabel(), FORMAT(), date functions, GROUP BY ROLLUP/CUBE',
    class: 'missing feature',
    message:
      /SOQL select item \w+\(\)|SOQL function \w+\(\) in an aggregate query|GROUP BY a function|SOQL \w+\(\) of a function|ORDER BY a function/
  },
  {
    cause: 'String < > <= >= (Apex Developer Guide "Expression Operators": locale collation)',
    class: 'missing feature',
    message: /String relational comparison/
  },
  {
    cause: 'Platform Cache partition getCapacity()',
    class: 'missing feature',
    message: /Cache\.(Org|Session)Partition\.getCapacity/
  },
  {
    cause: 'Apex cursors (Database.Cursor, Database.PaginationCursor)',
    class: 'missing feature',
    message: /'Database\.(Pagination)?Cursor'/
  },
  { cause: 'Stub API (Test.createStub, System.StubProvider)', class: 'missing feature', message: /Test\.createStub/ },
  { cause: 'DataWeave in Apex', class: 'missing feature', message: /'DataWeave\./ },
  { cause: 'FormulaEval (Formula.builder)', class: 'missing feature', message: /Variable does not exist: Formula\b/ },
  { cause: 'Invocable.Action', class: 'missing feature', message: /Variable does not exist: Invocable\b/ },
  {
    cause: 'Change data capture events (ChangeEventHeader)',
    class: 'missing feature',
    message: /ChangeEventHeader/
  },
  {
    cause: 'standard platform events (BatchApexErrorEvent, …) in DML and EventBus',
    class: 'missing feature',
    message: /EventBus\.publish of something that is not a platform event|for BatchApexErrorEvent/
  },
  {
    cause: 'Messaging (email: SingleEmailMessage, InboundEmailHandler)',
    class: 'missing feature',
    message: /Messaging\.|System\.Messaging/
  },
  { cause: 'Approval process results (Approval.*)', class: 'missing feature', message: /'Approval\./ },
  {
    cause: 'Transaction finalizers (System.attachFinalizer, ParentJobResult)',
    class: 'missing feature',
    message: /attachFinalizer|ParentJobResult/
  },
  { cause: 'field sets', class: 'missing feature', message: /field sets of / },
  {
    cause: "SOQL FISCAL date literals (the org's fiscal year settings)",
    class: 'missing feature',
    message: /SOQL date literal/
  },
  {
    cause: 'SOQL functions in WHERE (CALENDAR_YEAR(…), DISTANCE(…), …)',
    class: 'missing feature',
    message: /SOQL condition with a function/
  },
  {
    cause: 'ALL ROWS in a dynamic query (Database.query)',
    class: 'missing feature',
    message: /expecting EOF but found: ROWS/
  },
  {
    cause: 'Database.emptyRecycleBin',
    class: 'missing feature',
    message: /Database\.emptyRecycleBin/
  },
  {
    cause: 'List.sort() of records of different SObject types',
    class: 'missing feature',
    message: /List\.sort\(\) of \w+ and \w+ values/
  },
  {
    cause:
      'Schema.describeSObjects, DescribeFieldResult.isCalculated, QueryLocator.getQuery, QueryException.getInaccessibleFields',
    class: 'missing feature',
    message: /describeSObjects|isCalculated|QueryLocator\.getQuery|getInaccessibleFields/
  },
  {
    cause: 'HttpRequest compression (getCompressed/setCompressed)',
    class: 'missing feature',
    message: /HttpRequest\.(get|set)Compressed/
  },
  {
    cause: 'SObject.setOptions(Database.DMLOptions)',
    class: 'missing feature',
    message: /setOptions\(Database\.DMLOptions\)/
  },
  {
    cause: 'Datetime.format() and Date.toStartOfWeek() (user locale)',
    class: 'missing feature',
    message: /Datetime\.format exists|Date\.toStartOfWeek/
  },
  {
    cause: 'JSON.deserialize into SObject without "attributes"',
    class: 'missing feature',
    message: /JSON\.deserialize into the generic SObject type/
  },
  // Wrong behaviour: the runtime's answer differs from the platform's.
  {
    cause:
      'Integer.valueOf(Object) refuses a Decimal (Apex Reference Guide "Integer Class": valueOf(fieldValue) takes an Object)',
    class: 'wrong behaviour',
    message: /argument must be a String, got Decimal/
  },
  {
    cause: 'an unknown relationship in dynamic SOQL is a RuntimeGap, not a catchable QueryException',
    class: 'wrong behaviour',
    message: /Didn't understand relationship '\w+' of /
  },
  {
    cause:
      'Account.Tasks subquery links through Task.AccountId, not WhatId (Object Reference "Task": WhatId; unverified which field the relationship uses)',
    class: 'wrong behaviour',
    test: /^QueryTest\.conditionalSubqueryTest$/
  },
  {
    cause: 'Datetime.valueOf accepts a date-only string (unverified: the suite expects an exception)',
    class: 'wrong behaviour',
    test: /^di_BindingParamTest\.givenStringsWhenGetParameterThenGetValues$/
  },
  {
    cause: 'a metadata relationship (`__r`) of an in-memory custom metadata record is null (unverified)',
    class: 'wrong behaviour',
    test: /^di_BindingConfigWrapperTest\./
  },
  {
    cause:
      'runtime type names in TypeException messages and String.valueOf(exception) (Id held as Object, List<Object>; unverified)',
    class: 'wrong behaviour',
    test: /^ArgumentTest\.|^MethodSpyTimesTest\.givenSpyConfigured_whenCallingTheSpyWithOtherArguments/
  },
  {
    cause: 'instanceof List<X> on a List<SObject> (unverified: the suite expects any List<SObject> to pass)',
    class: 'wrong behaviour',
    test: /^SObjectCollectionTest\.testListTyping$/
  },
  {
    cause: 'System.runAs with an unsaved User naming its Profile by Name (unverified)',
    class: 'wrong behaviour',
    message: /REQUIRED_FIELD_MISSING, Required fields are missing: \[ProfileId\]/
  },
  {
    cause:
      'a made-up key prefix for an object that has none (UserRecordAccess; the suite expects getKeyPrefix() null, unverified)',
    class: 'wrong behaviour',
    test: /\.mockingSingleRecordWhereSobjectPrefixIsNull$/
  },
  // Org data: what a scratch org has and the local org does not seed.
  {
    cause: 'Profile.UserType / UserLicense of the seeded profiles',
    class: 'org data',
    message: /The profile (UserType|UserLicense\.TotalLicenses) should not be null/
  },
  {
    cause: 'picklist values of standard fields (Opportunity.StageName, OpportunityContactRole.Role)',
    class: 'org data',
    test: /^RepositoryTest\.itShouldAddChildFieldsFromRepo$/
  },
  // Out of scope: Visualforce, Flow, Chatter, big objects, org-wide cache capacity.
  {
    cause: 'Visualforce and Flow UI (ApexPages.*, Component.*, Flow.Interview, VisualEditor.*)',
    class: 'out of scope',
    message: /'(ApexPages|Component|Flow\.Interview|VisualEditor)\.|FlowException/
  },
  { cause: 'Chatter (ConnectApi)', class: 'out of scope', message: /ConnectApi/ },
  { cause: 'big objects (__b)', class: 'out of scope', message: /__b\b/ }
];

export interface ClassifiedCause {
  cause: string;
  class: CauseClass;
  count: number;
}

/** The cause of one failed test: the first rule that matches, else "unclassified" with the failure's first line. */
export function classify(r: TestResult, rules: CauseRule[] = CAUSE_RULES): { cause: string; class: CauseClass } {
  const message = r.message ?? '';
  const test = `${r.className}.${r.methodName}`;
  for (const rule of rules) {
    if ((rule.message && rule.message.test(message)) || (rule.test && rule.test.test(test))) {
      return { cause: rule.cause, class: rule.class };
    }
  }
  return { cause: 'unclassified (read the failure)', class: 'unclassified' };
}

/** The causes of a suite's failures, most frequent first. */
export function causes(results: TestResult[], rules: CauseRule[] = CAUSE_RULES): ClassifiedCause[] {
  const counts = new Map<string, ClassifiedCause>();
  for (const r of results) {
    if (r.outcome !== 'fail') {
      continue;
    }
    const c = classify(r, rules);
    const entry = counts.get(c.cause) ?? { ...c, count: 0 };
    entry.count++;
    counts.set(c.cause, entry);
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.cause.localeCompare(b.cause));
}
