import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { layerOrder } from '../local-org/dependencies.ts';
import { ALLOWED, apexCode, apexIdentifiers, checkDirection, isTestClass, lwcReferences } from './direction.ts';
import { formatFinding, loadProject } from './lib/project.ts';

const FIXTURE = resolve(import.meta.dirname, 'fixtures', 'direction');
const REPO = resolve(import.meta.dirname, '..', '..');

describe('Apex folder direction (issue #25)', () => {
  it('the table has no cycle: contract at the bottom, admin on top, the entry points side by side', () => {
    const order = layerOrder(ALLOWED);
    assert.equal(order[0], 'admin', order.join(' '));
    assert.equal(order.at(-1), 'contract', order.join(' '));
    for (const [a, b] of [
      ['activity', 'eventlog'],
      ['eventlog', 'matching'],
      ['matching', 'settings'],
      ['settings', 'shared']
    ] as const) {
      assert.ok(order.indexOf(a) < order.indexOf(b), `${a} above ${b}: ${order.join(' ')}`);
    }
    const top = ['api', 'webhook', 'history'] as const;
    for (const folder of top) {
      assert.deepEqual(
        ALLOWED[folder].filter((other) => (top as readonly string[]).includes(other)),
        [],
        `${folder} uses no other entry point`
      );
    }
  });

  it('reads Apex identifiers outside comments and strings, with their lines', () => {
    const source = [
      "String a = 'MiiTelInString // and \\' quote'; // MiiTelInComment",
      '/* MiiTelInBlock',
      '   still comment */ MiiTelAfterBlock.run();',
      'MiiTelLast x;'
    ].join('\n');
    assert.equal(apexCode(source).split('\n').length, 4, 'lines kept');
    const names = apexIdentifiers(source).filter((ref) => ref.name.startsWith('MiiTel'));
    assert.deepEqual(names, [
      { name: 'MiiTelAfterBlock', line: 3 },
      { name: 'MiiTelLast', line: 4 }
    ]);
  });

  it('tells a test class by @IsTest on the class, not on a method only', () => {
    assert.equal(isTestClass('/** doc */\n@IsTest\nprivate class A_Tests {\n}'), true);
    assert.equal(isTestClass('@isTest(SeeAllData=false)\nprivate class A_Tests {}'), true);
    assert.equal(isTestClass('// @IsTest\npublic class A {\n  @IsTest\n  static void m() {}\n}'), false);
  });

  it('reads the Apex and components an LWC uses', () => {
    const js = lwcReferences(
      'a.js',
      "import x from '@salesforce/apex/MiiTelA.run';\nimport { y } from 'c/miitelB';\nimport 'lightning/c';"
    );
    assert.deepEqual(js.apex, [{ name: 'MiiTelA', line: 1 }]);
    assert.deepEqual(js.components, [{ name: 'miitelB', line: 2 }]);
    const html = lwcReferences('a.html', '<template>\n  <c-miitel-error-panel></c-miitel-error-panel>\n</template>');
    assert.deepEqual(html.components, [{ name: 'miitelErrorPanel', line: 2 }]);
  });

  it('refuses the fixture: an upward and a same-level reference, from Apex, a trigger and LWC; an unknown folder', () => {
    const findings = checkDirection(loadProject(FIXTURE)).map(formatFinding);
    const settingsMay = 'settings/ may use shared, contract';
    assert.deepEqual(findings, [
      'force-app/main/reports/classes/MiiTelFixtureReport.cls: [direction] folder reports is not in the direction ' +
        'table (scripts/checks/direction.ts ALLOWED)',
      'force-app/main/api/classes/MiiTelFixtureResource.cls:4: [direction] api/ uses class miitelfixturehook of ' +
        'webhook/; api/ may use activity, eventlog, matching, settings, shared, contract',
      'force-app/main/matching/triggers/MiiTelFixtureTrigger.trigger:2: [direction] matching/ uses class ' +
        'MiiTelFixtureService of activity/; matching/ may use settings, shared, contract',
      'force-app/main/settings/classes/MiiTelFixtureSettings.cls:10: [direction] settings/ uses class ' +
        `MiiTelFixtureService of activity/; ${settingsMay}`,
      'force-app/main/settings/lwc/miitelFixturePanel/miitelFixturePanel.html:2: [direction] settings/ uses ' +
        `component miitelFixtureChart of admin/; ${settingsMay}`,
      'force-app/main/settings/lwc/miitelFixturePanel/miitelFixturePanel.js:2: [direction] settings/ uses Apex class ' +
        `MiiTelFixtureController of admin/; ${settingsMay}`,
      'force-app/main/settings/lwc/miitelFixturePanel/miitelFixturePanel.js:3: [direction] settings/ uses component ' +
        `miitelFixtureChart of admin/; ${settingsMay}`
    ]);
  });

  it("the package's own folders use only the folders below them", () => {
    const findings = checkDirection(loadProject(REPO)).map(formatFinding);
    assert.deepEqual(findings, [], findings.join('\n'));
  });
});
