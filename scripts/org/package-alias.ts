/**
 * The package's alias in sfdx-project.json, which `sf package version create --package "<name>"` resolves to the
 * package's 0Ho id. `sf package create` writes it once ("The name becomes the package alias, which is automatically
 * added to the project file": Salesforce DX Developer Guide, "Create and Upload an Unlocked Package",
 * https://developer.salesforce.com/docs/atlas.en-us.sfdx_dev.meta/sfdx_dev/sfdx_dev_unlocked_pkg_create_pkg_base.htm;
 * "Package IDs and Aliases for Unlocked Packages" in the same guide).
 *   tsx scripts/org/package-alias.ts require "<package>" [--project <sfdx-project.json>]
 *       prints the 0Ho id; exits 1 with a ja + en message naming the one-time create step when there is none
 *   tsx scripts/org/package-alias.ts id "<package>" [--project <sfdx-project.json>]
 *       prints the 0Ho id, or nothing; always exits 0 (package-create.sh uses it to stay idempotent)
 *   tsx scripts/org/package-alias.ts set "<package>" <0Ho id> [--project <sfdx-project.json>]
 *       adds the alias and changes nothing else (package-create.sh, after sf package create rewrote the file)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

/** A package id (0Ho…), 15 or 18 characters. Version aliases ("Name@1.0.0-1") point to 04t… ids instead. */
const PACKAGE_ID = /^0Ho[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?$/;

/** The 0Ho id sfdx-project.json's packageAliases gives the package, if any. */
export function packageAliasId(project: unknown, packageName: string): string | undefined {
  const aliases = (project as { packageAliases?: unknown } | null)?.packageAliases;
  if (typeof aliases !== 'object' || aliases === null) {
    return undefined;
  }
  const id = (aliases as Record<string, unknown>)[packageName];
  return typeof id === 'string' && PACKAGE_ID.test(id) ? id : undefined;
}

/** The project with the package's alias added (or replaced); every other key is kept as it was. */
export function withPackageAlias(project: Record<string, unknown>, packageName: string, id: string): object {
  if (!PACKAGE_ID.test(id)) {
    throw new Error(`"${id}" is not a package id (0Ho…, 15 or 18 characters)`);
  }
  const aliases = project.packageAliases;
  const current = typeof aliases === 'object' && aliases !== null ? (aliases as Record<string, unknown>) : {};
  return { ...project, packageAliases: { ...current, [packageName]: id } };
}

/** What to tell the person running the release when the package has no alias yet (Japanese first, then English). */
export function missingAliasMessage(packageName: string, file = 'sfdx-project.json'): string {
  return [
    `エラー: ${file} の packageAliases に「${packageName}」（0Ho で始まるパッケージ ID）がありません。`,
    'パッケージを作成するまでバージョンは作成できません。Dev Hub にログインした状態で一度だけ',
    '`npm run package:create` を実行し（packageAliases に ID が追加されます）、更新された sfdx-project.json を',
    'コミットしてから、もう一度 `npm run package:version` を実行してください。',
    '',
    `Error: ${file} has no packageAliases entry (a 0Ho… package id) for "${packageName}".`,
    'A package version needs the package first. Run `npm run package:create` once, logged in to the Dev Hub (it adds',
    'the id to packageAliases), commit the updated sfdx-project.json, then run `npm run package:version` again.'
  ].join('\n');
}

function main(): void {
  const { values, positionals } = parseArgs({
    options: { project: { type: 'string', default: 'sfdx-project.json' } },
    allowPositionals: true
  });
  const [mode, packageName, id] = positionals;
  const modes = ['require', 'id', 'set'];
  if (!mode || !modes.includes(mode) || !packageName || (mode === 'set') !== (id !== undefined)) {
    console.error(
      'usage: package-alias.ts require|id "<package name>" | set "<package name>" <0Ho id> [--project <file>]'
    );
    process.exit(2);
  }
  const file = resolve(values.project);
  const project = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  if (mode === 'set' && id !== undefined) {
    writeFileSync(file, `${JSON.stringify(withPackageAlias(project, packageName, id), null, 2)}\n`);
    return;
  }
  const found = packageAliasId(project, packageName);
  if (found) {
    console.log(found);
  } else if (mode === 'require') {
    console.error(missingAliasMessage(packageName, values.project));
    process.exit(1);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  main();
}
