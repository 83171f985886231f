import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { missingAliasMessage, packageAliasId, withPackageAlias } from './package-alias.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const NAME = 'MiiTel Activity Bridge';
const ID = '0Ho5g000000XyZaCAK';

describe('packageAliasId', () => {
  it('finds the 0Ho id of the package and nothing else', () => {
    assert.equal(packageAliasId({ packageAliases: { [NAME]: ID } }, NAME), ID);
    assert.equal(packageAliasId({ packageAliases: { [NAME]: '0Ho5g000000XyZa' } }, NAME), '0Ho5g000000XyZa');
    assert.equal(packageAliasId({}, NAME), undefined, 'no packageAliases');
    assert.equal(packageAliasId({ packageAliases: { Other: ID } }, NAME), undefined, 'another package');
    assert.equal(packageAliasId({ packageAliases: { [NAME]: '04t5g000000XyZaAAK' } }, NAME), undefined, 'a version id');
    assert.equal(packageAliasId({ packageAliases: { [NAME]: '' } }, NAME), undefined);
    assert.equal(packageAliasId(null, NAME), undefined);
  });

  it('adds an alias without touching anything else, and refuses what is not a package id', () => {
    const project = { packageDirectories: [{ path: 'force-app' }], packageAliases: { 'Other@1.0.0-1': '04t' } };
    assert.deepEqual(withPackageAlias(project, NAME, ID), {
      packageDirectories: [{ path: 'force-app' }],
      packageAliases: { 'Other@1.0.0-1': '04t', [NAME]: ID }
    });
    assert.throws(() => withPackageAlias(project, NAME, '04t5g000000XyZaAAK'), /not a package id/);
  });

  it('explains the one-time create step in Japanese and in English', () => {
    const message = missingAliasMessage(NAME);
    assert.match(message, /packageAliases に「MiiTel Activity Bridge」/);
    assert.match(message, /has no packageAliases entry \(a 0Ho… package id\) for "MiiTel Activity Bridge"/);
    assert.equal(message.match(/npm run package:create/g)?.length, 2, 'both languages name the command');
  });
});

/**
 * The release scripts run in a copy of the project whose `sf` is a stand-in: it records its arguments and answers
 * like the real CLI, including `package create` rewriting the force-app entry of packageDirectories (observed in
 * @salesforce/packaging 4.27.8 with @salesforce/core 8.32.6: SfProjectJson.addPackageDirectory replaces the entry).
 */
describe('release scripts (offline, stand-in sf)', () => {
  let dir = '';
  const calls = () => (existsSync(join(dir, 'sf-calls.log')) ? readFileSync(join(dir, 'sf-calls.log'), 'utf8') : '');
  const project = () => JSON.parse(readFileSync(join(dir, 'sfdx-project.json'), 'utf8')) as Record<string, unknown>;
  const run = (script: string) =>
    spawnSync(join(dir, 'scripts/org', script), [], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, SF_DISABLE_TELEMETRY: 'true', SF_AUTOUPDATE_DISABLE: 'true' }
    });

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'miitel-release-'));
    mkdirSync(join(dir, 'scripts/org'), { recursive: true });
    mkdirSync(join(dir, 'node_modules/.bin'), { recursive: true });
    for (const file of ['package-version.sh', 'package-create.sh', 'package-alias.ts']) {
      copyFileSync(join(ROOT, 'scripts/org', file), join(dir, 'scripts/org', file));
    }
    chmodSync(join(dir, 'scripts/org/package-version.sh'), 0o755);
    chmodSync(join(dir, 'scripts/org/package-create.sh'), 0o755);
    const withoutAlias = { ...JSON.parse(readFileSync(join(ROOT, 'sfdx-project.json'), 'utf8')) };
    delete withoutAlias.packageAliases;
    writeFileSync(join(dir, 'sfdx-project.json'), `${JSON.stringify(withoutAlias, null, 2)}\n`);
    for (const bin of ['tsx', 'prettier']) {
      symlinkSync(join(ROOT, 'node_modules/.bin', bin), join(dir, 'node_modules/.bin', bin));
    }
    const fakeSf = `#!/usr/bin/env node
const fs = require('node:fs');
const args = process.argv.slice(2);
fs.appendFileSync('sf-calls.log', args.join(' ') + '\\n');
if (args.slice(0, 2).join(' ') === 'package create') {
  const project = JSON.parse(fs.readFileSync('sfdx-project.json', 'utf8'));
  project.packageDirectories[0] = { versionName: 'ver 0.1', versionNumber: '0.1.0.NEXT', path: 'force-app',
    default: false, package: args[args.indexOf('--name') + 1], versionDescription: 'd' };
  project.packageAliases = { [args[args.indexOf('--name') + 1]]: '${ID}' };
  fs.writeFileSync('sfdx-project.json', JSON.stringify(project, null, 2));
  console.log(JSON.stringify({ status: 0, result: { Id: '${ID}' } }));
} else if (args.slice(0, 3).join(' ') === 'package version create') {
  console.log(JSON.stringify({ status: 0, result: { SubscriberPackageVersionId: '04t5g000000AbCdAAA' } }));
}
`;
    writeFileSync(join(dir, 'node_modules/.bin/sf'), fakeSf);
    chmodSync(join(dir, 'node_modules/.bin/sf'), 0o755); // CommonJS: the copy has no package.json saying "module"
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('package-version.sh stops before calling the Dev Hub while the package has no alias', () => {
    const result = run('package-version.sh');
    assert.equal(result.status, 1, result.stdout + result.stderr);
    assert.equal(result.stderr.trim(), missingAliasMessage(NAME));
    assert.equal(calls(), '', 'no call to the stand-in');
  });

  it('package-create.sh creates the package and adds only the alias to sfdx-project.json', () => {
    const before = project();
    const result = run('package-create.sh');
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.equal(
      calls(),
      `package create --name ${NAME} --package-type Unlocked --path force-app --no-namespace --description ` +
        'Logs MiiTel calls as Tasks inside Salesforce through one Apex REST call per batch of call events. --json\n'
    );
    assert.deepEqual(project(), { ...before, packageAliases: { [NAME]: ID } }, 'apexTestAccess etc. kept');
    assert.match(result.stdout, /Created the package 0Ho5g000000XyZaCAK/);
  });

  it('package-create.sh does nothing the second time', () => {
    const result = run('package-create.sh');
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /already exists \(packageAliases: 0Ho5g000000XyZaCAK\); nothing to do/);
    assert.equal(calls().split('\n').filter(Boolean).length, 1, 'no second call to the stand-in');
  });

  it('package-version.sh then creates the version with code coverage', () => {
    const result = run('package-version.sh');
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.equal(
      calls().split('\n').filter(Boolean).at(-1),
      `package version create --package ${NAME} --code-coverage --installation-key-bypass --wait 60 --json`
    );
    assert.match(result.stdout, /Created package version 04t5g000000AbCdAAA/);
  });
});
