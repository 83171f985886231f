import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { type Finding, loadProject } from './lib/project.ts';
import { checkMetadata } from './metadata.ts';
import { checkPackaging } from './packaging.ts';
import { checkInlineQueries, soslAsSoql } from './soql.ts';
import { type SfCommand, checkInvocation, checkSfUsage, findInvocations, loadSfCommands } from './sf-usage.ts';
import { checkApexLs, checkConvert, checkPmd, unexplainedSuppressions } from './tools.ts';
import { checkWorkflows } from './workflows.ts';

const FIXTURES = resolve(import.meta.dirname, 'fixtures');
const fixture = (name: string) => loadProject(join(FIXTURES, name));
const messages = (findings: Finding[]) => findings.map((f) => `${f.file}:${f.line ?? ''} ${f.message}`);

describe('the clean fixture', () => {
  const project = fixture('clean');
  it('passes every check (no false positives on ordinary, correct code)', () => {
    assert.deepEqual(messages(checkMetadata(project)), []);
    assert.deepEqual(messages(checkInlineQueries(project)), []);
    assert.deepEqual(messages(checkApexLs(project)), []);
    assert.deepEqual(messages(checkPmd(project)), []);
    assert.deepEqual(messages(checkConvert(project, 'force-app')), []);
  });
});

describe('prettier (Salesforce Apex parser)', () => {
  const prettier = (file: string) =>
    spawnSync('node_modules/.bin/prettier', ['--check', '--ignore-path=/dev/null', file], { encoding: 'utf8' });

  it('fails on an Apex syntax error', () => {
    const run = prettier(join(FIXTURES, 'apex-syntax-error/force-app/main/default/classes/MiiTelSyntaxError.cls'));
    assert.equal(run.status, 2, 'prettier exits 2 when it cannot parse');
    assert.match(run.stderr, /Unexpected token 'return'/);
  });

  it('accepts well-formed, formatted Apex', () => {
    const run = prettier(join(FIXTURES, 'clean/force-app/main/default/classes/MiiTelCleanSelector.cls'));
    assert.equal(run.status, 0, run.stdout + run.stderr);
  });
});

describe('apex-ls', () => {
  it('fails on an unknown field in Apex', () => {
    assert.deepEqual(messages(checkApexLs(fixture('unknown-apex-field'))), [
      "force-app/main/default/classes/MiiTelBroken.cls:11 Missing: Unknown field 'MiiTel_No_Such_Field__c' on SObject 'Schema.Task'"
    ]);
  });

  it('reports syntax errors with their line', () => {
    const found = checkApexLs(fixture('apex-syntax-error'));
    assert.equal(found[0]?.line, 7);
    assert.match(found[0]?.message ?? '', /missing ';' at 'return'/);
  });
});

describe('SOQL/SOSL references', () => {
  it('fails on unknown fields in inline SOQL, relationship paths and SOSL RETURNING', () => {
    assert.deepEqual(messages(checkInlineQueries(fixture('unknown-soql-field'))), [
      'force-app/main/default/classes/MiiTelBadQuery.cls:10 unknown field Task.MiiTel_No_Such_Field__c',
      'force-app/main/default/classes/MiiTelBadQuery.cls:18 unknown field Account.No_Such_Field__c (in Account.No_Such_Field__c)',
      'force-app/main/default/classes/MiiTelBadQuery.cls:27 unknown field Lead.Fax_Number__c'
    ]);
  });

  it('turns each SOSL RETURNING object into a SOQL statement to check', () => {
    assert.deepEqual(
      soslAsSoql(
        'FIND :q IN PHONE FIELDS RETURNING Contact(Id, Phone WHERE Phone != null ORDER BY Name LIMIT 5), Account, Lead(Id) WITH USER_MODE LIMIT 10'
      ),
      [
        'SELECT Id, Phone FROM Contact WHERE Phone != null ORDER BY Name LIMIT 5',
        'SELECT Id FROM Account',
        'SELECT Id FROM Lead'
      ]
    );
  });
});

describe('PMD', () => {
  it('fails on missing sharing, SOQL injection and DML without CRUD checks', () => {
    const rules = checkPmd(fixture('pmd-security')).map((f) => f.message.split(':')[0]);
    assert.deepEqual(rules, [
      'Security/ApexSharingViolations',
      'Security/ApexSOQLInjection',
      'Security/ApexCRUDViolation'
    ]);
  });

  it('requires a reason next to each suppression', () => {
    const project = fixture('clean');
    const file = join(FIXTURES, 'suppressions/MiiTelSuppressions.cls');
    assert.deepEqual(
      unexplainedSuppressions(project, [file]).map((f) => f.line),
      [2, 8],
      'line 2 has no reason, line 5 has one above it, line 8 is a bare NOPMD, line 10 has a reason'
    );
  });
});

describe('metadata', () => {
  it('fails on malformed field XML, a bad field type, missing or outdated meta files and unprefixed names', () => {
    assert.deepEqual(messages(checkMetadata(fixture('malformed-field-xml'))), [
      "force-app/main/default/objects/Activity/fields/MiiTel_Broken__c.field-meta.xml:7 malformed XML: Expected closing tag 'CustomField' (opened in line 2, col 1) instead of closing tag 'CustomFeld'.",
      'force-app/main/default/classes/MiiTelNoMeta.cls: missing MiiTelNoMeta.cls-meta.xml',
      'force-app/main/default/classes/MiiTelOldApi.cls-meta.xml: apiVersion is 58.0, expected the pinned sourceApiVersion 65.0',
      'force-app/main/default/objects/Activity/fields/MiiTel_Bad_Type__c.field-meta.xml: <type>Txt</type> is not a field type the Metadata API accepts',
      'force-app/main/default/objects/Activity/fields/Unprefixed__c.field-meta.xml: a Text field needs <length>',
      'force-app/main/default/objects/Activity/fields/Unprefixed__c.field-meta.xml: custom field Unprefixed__c must start with MiiTel_'
    ]);
  });

  it('fails on a custom object that mixes the Sharing, Bulk API and Streaming API flags', () => {
    const objects = 'force-app/main/default/objects';
    const rule = 'enableSharing, enableBulkApi, enableStreamingApi must be all true (Enterprise Application object)';
    assert.deepEqual(messages(checkMetadata(fixture('object-flags'))), [
      `${objects}/MiiTel_Mixed__c/MiiTel_Mixed__c.object-meta.xml: ${rule} or all false (Light Application object); here enableSharing=true, enableBulkApi=true, enableStreamingApi=false`,
      `${objects}/MiiTel_Partial__c/MiiTel_Partial__c.object-meta.xml: ${rule} or all false (Light Application object); here enableSharing=true, enableBulkApi=true, enableStreamingApi=false`
    ]);
  });

  it('also makes apex-ls fail on the malformed field XML', () => {
    const found = messages(checkApexLs(fixture('malformed-field-xml')));
    assert.ok(
      found.some((m) => m.includes('MiiTel_Broken__c.field-meta.xml:7')),
      found.join('\n')
    );
  });
});

describe('packaging (packaged vs unpackaged metadata)', () => {
  it('reports packaged Apex naming unpackaged fields and classes, foreign apexTestAccess sets, Activity.X__c', () => {
    assert.deepEqual(messages(checkPackaging(fixture('packaging'))), [
      'force-app/main/classes/Fixture_Tests.cls:6 packaged Apex names Fixture_Work_Phone__c, which only an unpackaged directory defines',
      'force-app/main/classes/Fixture_Tests.cls:7 packaged Apex names Fixture_Helper, which only an unpackaged directory defines',
      'sfdx-project.json: apexTestAccess of package directory force-app names Fixture_Test_Only, which is not a permission set of that package',
      'force-app/main/permissionsets/Fixture_Access.permissionset-meta.xml: field permission Activity.Fixture_Call_Id__c: write Activity fields as Task.Fixture_Call_Id__c and Event.Fixture_Call_Id__c'
    ]);
  });

  it('passes on the project itself', () => {
    assert.deepEqual(messages(checkPackaging(loadProject('.'))), []);
  });
});

describe('sf usage in scripts, workflows and docs', () => {
  const commands: SfCommand[] = [
    {
      id: 'project:deploy:start',
      flags: {
        'source-dir': { name: 'source-dir', char: 'd' },
        wait: { name: 'wait', char: 'w' },
        async: { name: 'async', exclusive: ['wait'] }
      }
    },
    {
      id: 'project:deploy:validate',
      flags: {
        'source-dir': { name: 'source-dir', char: 'd' },
        'test-level': {
          name: 'test-level',
          char: 'l',
          options: ['RunAllTestsInOrg', 'RunLocalTests', 'RunSpecifiedTests', 'RunRelevantTests']
        }
      }
    },
    {
      id: 'apex:run:test',
      flags: {
        'code-coverage': { name: 'code-coverage' },
        'target-org': { name: 'target-org' },
        wait: { name: 'wait' }
      }
    }
  ];

  it('finds invocations across continuation lines and flags unknown commands, flags, values and combinations', () => {
    const found = checkSfUsage(fixture('ops'), commands);
    assert.deepEqual(messages(found), [
      'README.md:1 sf project deploy start has no flag --sourcedir',
      'README.md:2 unknown sf command "sf apex tests run"', // reported at the start of the joined logical line
      'README.md:4 sf project deploy validate --test-level: "NoTestRun" is not one of RunAllTestsInOrg, RunLocalTests, RunSpecifiedTests, RunRelevantTests',
      'README.md:6 sf project deploy start: --async and --wait cannot be used together'
    ]);
  });

  describe('against the installed CLI', () => {
    const installed = loadSfCommands();
    const check = (command: string) =>
      checkInvocation({ file: 'x', line: 1, tokens: findInvocations('x', command)[0]?.tokens ?? [] }, installed);

    it('accepts the commands this repository really uses', () => {
      assert.deepEqual(messages(checkSfUsage(loadProject(resolve(import.meta.dirname, '../..')), installed)), []);
    });

    it('refuses deploy validate without tests (validate always runs them) and accepts the dry-run deploy', () => {
      assert.deepEqual(check('sf project deploy validate --source-dir force-app --test-level NoTestRun'), [
        'sf project deploy validate --test-level: "NoTestRun" is not one of RunAllTestsInOrg, RunLocalTests, RunSpecifiedTests, RunRelevantTests'
      ]);
      assert.deepEqual(check('sf project deploy start --dry-run --source-dir force-app --test-level NoTestRun'), []);
      assert.deepEqual(check('sf project deploy validate --source-dir force-app --test-level RunLocalTests'), []);
    });

    it('refuses flags the CLI declares exclusive', () => {
      assert.deepEqual(check('sf package version create --code-coverage --skip-validation'), [
        'sf package version create: --code-coverage and --skip-validation cannot be used together'
      ]);
    });
  });

  it('reads npm scripts and shell functions without mistaking them for commands', () => {
    const text = '"org:test": "sf apex run test --wait 30",\nsf() { node_modules/.bin/sf "$@"; }\n';
    assert.deepEqual(
      findInvocations('package.json', text).map((i) => i.tokens.join(' ')),
      ['apex run test --wait 30",']
    );
  });
});

describe('GitHub workflows', () => {
  it('actionlint fails on a broken expression and a bad timeout', async () => {
    const found = await checkWorkflows(fixture('ops'));
    assert.ok(found.length >= 2, messages(found).join('\n'));
    assert.ok(
      found.some((f) => f.line === 7 && /expression/.test(f.message)),
      messages(found).join('\n')
    );
    assert.ok(
      found.some((f) => f.line === 11),
      messages(found).join('\n')
    );
  });

  it('accepts this repository workflow', async () => {
    assert.deepEqual(messages(await checkWorkflows(loadProject(resolve(import.meta.dirname, '../..')))), []);
  });
});

describe('label translations', () => {
  it('fails on a label without a Japanese translation and on a translation of a removed label', () => {
    assert.deepEqual(messages(checkMetadata(fixture('labels'))), [
      'force-app/main/default/translations/ja.translation-meta.xml: custom label MiiTel_Untranslated has no translation here',
      'force-app/main/default/translations/ja.translation-meta.xml: translation of unknown custom label MiiTel_Removed'
    ]);
  });
});

describe('field translations', () => {
  it('fails on a packaged field without a Japanese label, help text or picklist value translation', () => {
    const base = 'force-app/main/default/objects/Task/fields';
    assert.deepEqual(messages(checkMetadata(fixture('field-translations'))), [
      `${base}/MiiTel_No_Help__c.field-meta.xml: ja translation has no <help> although the field has inline help text`,
      `${base}/MiiTel_Partial_Values__c.field-meta.xml: ja translation has no picklist value translation for Two`,
      `${base}/MiiTel_Untranslated__c.field-meta.xml: ja translation missing (objectTranslations/<Object>-<lang>/fields/<Field>.fieldTranslation-meta.xml)`
    ]);
  });
});
