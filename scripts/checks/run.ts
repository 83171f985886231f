/**
 * Offline quality gates for the Salesforce package.
 *   tsx scripts/checks/run.ts [--root <project dir>]
 *     [metadata|packaging|direction|soql|apex-ls|pmd|convert|sf-usage|workflows ...]
 * With no check named, runs them all. Prints each finding as `file:line: [check] message`; exits 1 on any finding.
 */
import { parseArgs } from 'node:util';
import { checkDirection } from './direction.ts';
import { checkMetadata } from './metadata.ts';
import { checkPackaging } from './packaging.ts';
import { type Finding, type SfdxProject, formatFinding, loadProject } from './lib/project.ts';
import { checkInlineQueries } from './soql.ts';
import { checkSfUsage } from './sf-usage.ts';
import { checkApexLs, checkConvert, checkPmd } from './tools.ts';
import { checkWorkflows } from './workflows.ts';

export const CHECKS: Record<string, (project: SfdxProject) => Finding[] | Promise<Finding[]>> = {
  metadata: checkMetadata,
  packaging: checkPackaging,
  direction: checkDirection,
  soql: (project) => checkInlineQueries(project),
  'apex-ls': checkApexLs,
  pmd: (project) => checkPmd(project),
  convert: (project) => project.packageDirectories.flatMap((dir) => checkConvert(project, dir.path)),
  'sf-usage': (project) => checkSfUsage(project),
  workflows: checkWorkflows
};

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: { root: { type: 'string', default: '.' } },
    allowPositionals: true
  });
  const names = positionals.length > 0 ? positionals : Object.keys(CHECKS);
  const unknown = names.filter((name) => !(name in CHECKS));
  if (unknown.length > 0) {
    console.error(`unknown check(s): ${unknown.join(', ')}; known: ${Object.keys(CHECKS).join(', ')}`);
    process.exit(2);
  }
  const project = loadProject(values.root);
  let total = 0;
  for (const name of names) {
    const started = Date.now();
    const findings = (await CHECKS[name]?.(project)) ?? [];
    total += findings.length;
    for (const finding of findings) {
      console.log(formatFinding(finding));
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`${name}: ${findings.length === 0 ? 'ok' : `${findings.length} finding(s)`} (${seconds}s)`);
  }
  process.exit(total === 0 ? 0 : 1);
}

await main();
