/**
 * Builds the local org's settings page into scripts/local-org/page/dist/: the REAL c-miitel-settings (and every
 * other component under force-app/**\/lwc) compiled with LWC OSS, lightning-base-components and SLDS, synthetic
 * shadow, inside a small shell (lwc/local/shell). Salesforce-only imports are answered by the modules in stubs/
 * (see README.md). The local org server serves dist/index.html at / and dist/assets/* at /assets/*.
 *   tsx scripts/local-org/page/build.ts [--out <dir>] [--sourcemap]
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import lwc, { type RollupLwcOptions } from '@lwc/rollup-plugin';
import nodeResolveModule from '@rollup/plugin-node-resolve';
import replaceModule from '@rollup/plugin-replace';
import { rollup, type Plugin } from 'rollup';

type ModuleRecord = NonNullable<RollupLwcOptions['modules']>[number];

/**
 * The @rollup/plugin-* packages type their default export CommonJS-style (the function sits on `.default` for
 * TypeScript under NodeNext), while Node's ESM import hands over the function itself: accept both.
 */
function interop<M extends { default: unknown }>(module: M): M['default'] {
  const inner = (module as { default?: unknown }).default;
  return (typeof inner === 'function' ? inner : module) as M['default'];
}
const nodeResolve = interop(nodeResolveModule);
const replace = interop(replaceModule);

export const PAGE_DIR = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(PAGE_DIR, '../../..');
export const DEFAULT_OUT = join(PAGE_DIR, 'dist');
const STUBS = join(PAGE_DIR, 'stubs');
const LWC_VERSION = '9.4.3';
/** With the gate open lightning-combobox calls attachInternals(), which synthetic shadow lacks (docs/toolchain.md). */
const COMBOBOX_GATE = '@salesforce/gate/bc.260.enableComboboxElementInternals';

/** The directory of an installed package as Node would find it from `fromDir` (packages hide package.json). */
function packageDir(name: string, fromDir: string): string {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) {
      return candidate;
    }
    if (dirname(dir) === dir) {
      throw new Error(`${name} is not installed (looked up from ${fromDir}); run npm ci`);
    }
  }
}

function packageVersion(dir: string): string {
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * The LWC runtime modules, pinned to the copies that belong to the `lwc` package (9.4.3). The top-level
 * node_modules/@lwc/engine-dom etc. are sfdx-lwc-jest's 8.x, which the 9.x compiler must not be paired with.
 */
function runtimeModules(): ModuleRecord[] {
  const lwcDir = packageDir('lwc', ROOT);
  const records: ModuleRecord[] = [];
  const runtime: [string, string[]][] = [
    ['@lwc/engine-dom', ['lwc']],
    ['@lwc/synthetic-shadow', ['@lwc/synthetic-shadow']],
    ['@lwc/wire-service', ['@lwc/wire-service', 'wire-service']]
  ];
  for (const [pkg, names] of runtime) {
    const dir = packageDir(pkg, lwcDir);
    const version = packageVersion(dir);
    if (version !== LWC_VERSION) {
      throw new Error(`${pkg} resolved from lwc is ${version}, expected ${LWC_VERSION} (${dir})`);
    }
    for (const name of names) {
      records.push({ name, path: join(dir, 'dist', 'index.js') });
    }
  }
  return records;
}

/** Every component folder of every `lwc` directory under force-app, as `c/<name>` alias records. */
export function componentModules(): ModuleRecord[] {
  const records = new Map<string, string>();
  const visit = (dir: string): void => {
    for (const entry of readdirSync(dir).sort()) {
      const full = join(dir, entry);
      if (entry.startsWith('.') || entry === '__tests__' || !statSync(full).isDirectory()) {
        continue;
      }
      if (entry === 'lwc') {
        for (const name of readdirSync(full).sort()) {
          const entryFile = join(full, name, `${name}.js`);
          if (!existsSync(entryFile)) {
            continue;
          }
          const previous = records.get(name);
          if (previous) {
            throw new Error(`two components named c/${name}: ${previous} and ${entryFile}`);
          }
          records.set(name, entryFile);
        }
      } else {
        visit(full);
      }
    }
  };
  visit(join(ROOT, 'force-app'));
  return [...records].map(([name, path]) => ({ name: `c/${name}`, path }));
}

const VIRTUAL = '\0local-org:';

/**
 * `@salesforce/apex/*`, `@salesforce/label/c.*` and `@salesforce/schema/*`: one generated module per import, each a
 * line calling into stubs/. Other `@salesforce/label/*` imports (the base components' own labels) are left to
 * lightning-base-components.
 */
export function salesforceModules(): Plugin {
  const stub = (file: string): string => JSON.stringify(join(STUBS, file));
  return {
    name: 'local-org-salesforce-modules',
    resolveId(source) {
      if (
        source === '@salesforce/apex' ||
        source.startsWith('@salesforce/apex/') ||
        source.startsWith('@salesforce/label/c.') ||
        source.startsWith('@salesforce/schema/')
      ) {
        return VIRTUAL + source;
      }
      return null;
    },
    load(id) {
      if (!id.startsWith(VIRTUAL)) {
        return null;
      }
      const source = id.slice(VIRTUAL.length);
      if (source === '@salesforce/apex') {
        return `export { refreshApex, getSObjectValue } from ${stub('apex.js')};`;
      }
      if (source.startsWith('@salesforce/apex/')) {
        const qualified = source.slice('@salesforce/apex/'.length);
        const dot = qualified.lastIndexOf('.');
        if (dot <= 0) {
          this.error(`${source}: expected @salesforce/apex/<Class>.<method>`);
        }
        const classname = JSON.stringify(qualified.slice(0, dot));
        const method = JSON.stringify(qualified.slice(dot + 1));
        return `import { apexMethod } from ${stub('apex.js')};\nexport default apexMethod(${classname}, ${method});`;
      }
      if (source.startsWith('@salesforce/label/c.')) {
        const name = JSON.stringify(source.slice('@salesforce/label/c.'.length));
        return `import { label } from ${stub('labels.js')};\nexport default label(${name});`;
      }
      // @salesforce/schema/Object or Object.Field (Field may be a relationship path)
      const path = source.slice('@salesforce/schema/'.length);
      const dot = path.indexOf('.');
      const value =
        dot < 0 ? { objectApiName: path } : { objectApiName: path.slice(0, dot), fieldApiName: path.slice(dot + 1) };
      return `export default Object.freeze(${JSON.stringify(value)});`;
    }
  };
}

export interface BuildResult {
  outDir: string;
  files: string[];
  milliseconds: number;
}

export async function buildPage(options: { outDir?: string; sourcemap?: boolean } = {}): Promise<BuildResult> {
  const started = Date.now();
  const outDir = resolve(options.outDir ?? DEFAULT_OUT);
  const assets = join(outDir, 'assets');
  const modules: ModuleRecord[] = [
    { name: COMBOBOX_GATE, path: join(STUBS, 'gateClosed.js') },
    { name: 'lightning/platformShowToastEvent', path: join(STUBS, 'platformShowToastEvent.js') },
    { name: 'lightning/uiObjectInfoApi', path: join(STUBS, 'uiObjectInfoApi.js') },
    { name: '@salesforce/i18n/locale', path: join(STUBS, 'i18nLocale.js') },
    { name: '@salesforce/i18n/timeZone', path: join(STUBS, 'i18nTimeZone.js') },
    ...componentModules(),
    { dir: join(PAGE_DIR, 'lwc') },
    { npm: 'lightning-base-components' }
  ];
  const warnings: string[] = [];
  let baseComponentWarnings = 0;
  const bundle = await rollup({
    input: { main: join(PAGE_DIR, 'src', 'main.js') },
    plugins: [
      salesforceModules(),
      replace({
        preventAssignment: true,
        values: {
          'import.meta.env.SSR': 'false',
          'process.env.NODE_ENV': JSON.stringify('production')
        }
      }),
      lwc({ rootDir: PAGE_DIR, modules, defaultModules: runtimeModules(), enableDynamicComponents: true }),
      nodeResolve({ rootDir: ROOT, browser: true })
    ],
    onwarn(warning) {
      const file = warning.loc?.file ?? warning.id ?? '';
      // lightning-base-components' own templates warn (duplicate slots, stray keys) and import in circles: theirs.
      if (warning.code === 'CIRCULAR_DEPENDENCY' || file.includes(`${sep}lightning-base-components${sep}`)) {
        baseComponentWarnings += 1;
      } else {
        warnings.push(warning.message);
      }
    }
  });
  rmSync(outDir, { recursive: true, force: true });
  await bundle.write({
    dir: assets,
    format: 'es',
    entryFileNames: '[name].js',
    chunkFileNames: '[name]-[hash].js',
    sourcemap: options.sourcemap ?? false
  });
  await bundle.close();

  const slds = packageDir('@salesforce-ux/design-system', ROOT);
  mkdirSync(join(assets, 'slds', 'styles'), { recursive: true });
  cpSync(
    join(slds, 'assets', 'styles', 'salesforce-lightning-design-system.min.css'),
    join(assets, 'slds', 'styles', 'salesforce-lightning-design-system.min.css')
  );
  cpSync(join(slds, 'assets', 'images'), join(assets, 'slds', 'images'), { recursive: true });
  writeFileSync(join(outDir, 'index.html'), readFileSync(join(PAGE_DIR, 'index.html'), 'utf8'));
  for (const warning of warnings) {
    console.warn(`warning: ${warning}`);
  }
  if (baseComponentWarnings > 0) {
    console.warn(`(${baseComponentWarnings} compiler warnings inside lightning-base-components not shown)`);
  }
  const files = listFiles(outDir).filter((file) => !file.includes(`${join('assets', 'slds', 'images')}`));
  return { outDir, files, milliseconds: Date.now() - started };
}

function newestMtime(path: string): number {
  if (!existsSync(path)) {
    return 0;
  }
  const stat = statSync(path);
  if (!stat.isDirectory()) {
    return stat.mtimeMs;
  }
  return readdirSync(path)
    .filter((entry) => entry !== 'node_modules' && entry !== 'dist' && !entry.startsWith('.'))
    .reduce((newest, entry) => Math.max(newest, newestMtime(join(path, entry))), stat.mtimeMs);
}

/** Why the page in `outDir` needs a (re)build, or undefined when it is newer than every source. */
export function staleReason(outDir = DEFAULT_OUT): string | undefined {
  const index = join(outDir, 'index.html');
  if (!existsSync(index)) {
    return `${relative(ROOT, index)} is missing`;
  }
  const built = statSync(index).mtimeMs;
  const sources = [
    ...['build.ts', 'index.html', 'src', 'stubs', 'lwc'].map((entry) => join(PAGE_DIR, entry)),
    join(ROOT, 'force-app'),
    join(ROOT, 'package-lock.json')
  ];
  const newer = sources.find((source) => newestMtime(source) > built);
  return newer ? `${relative(ROOT, newer)} changed since the last build` : undefined;
}

function listFiles(dir: string, base = dir): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const full = join(dir, entry);
      return statSync(full).isDirectory() ? listFiles(full, base) : [relative(base, full)];
    });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { out: { type: 'string' }, sourcemap: { type: 'boolean' }, 'if-stale': { type: 'boolean' } }
  });
  if (values['if-stale']) {
    const reason = staleReason(values.out);
    if (!reason) {
      console.log('settings page is up to date (scripts/local-org/page/dist)');
      return;
    }
    console.log(`building the settings page: ${reason}`);
  }
  const result = await buildPage({ outDir: values.out, sourcemap: values.sourcemap });
  for (const file of result.files) {
    const size = statSync(join(result.outDir, file)).size;
    console.log(`  ${file.padEnd(60)} ${(size / 1024).toFixed(0).padStart(6)} KiB`);
  }
  console.log(`built ${relative(process.cwd(), result.outDir) || '.'} in ${(result.milliseconds / 1000).toFixed(1)} s`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  });
}
