/**
 * The package's shape (issue #25): which feature folder of `force-app/main/` may use which. The same idea as the
 * runtime's `scripts/local-org/dependencies.ts`, for the Apex and LWC of each packaged directory:
 * - an Apex class or trigger may name MiiTel classes of its own folder and of the folders `ALLOWED` lists for it
 *   (identifiers outside comments and string literals; Apex names are case-insensitive);
 * - an LWC component may call `@salesforce/apex/Class.method` and use `c/<component>` (JS import or `<c-…>` in its
 *   template) of the same folders;
 * - every folder under `main/` is in the table.
 * Test classes (`@IsTest` on the class) and LWC `__tests__` are left out as sources: a test may drive the whole package
 * (an end-to-end test of the webhook lists the event log through the admin's controller). Production code cannot name
 * a test class anyway (the platform refuses it).
 *   tsx scripts/checks/run.ts direction
 * Each finding names file:line, the folder it reaches into and what its folder may use.
 */
import { readFileSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { type Finding, type SfdxProject, rel, walk } from './lib/project.ts';

const CHECK = 'direction';

/** A feature folder of `force-app/main/`. */
export type Folder =
  'contract' | 'shared' | 'settings' | 'matching' | 'eventlog' | 'activity' | 'api' | 'webhook' | 'history' | 'admin';

/**
 * What each folder may use besides itself, from the bottom up: the generated contract; shared (test data factory,
 * error-panel LWC); the settings selector; matching; the event log and call locks; the activity service; the entry
 * points api (REST), webhook (MiiTel's Outgoing Webhook) and history (record-page call history), which do not use each
 * other; and on top the admin console (settings page controllers, validator, setup health, replay, usage), which
 * configures and checks every entry point.
 */
export const ALLOWED: Record<Folder, readonly Folder[]> = {
  contract: [],
  shared: ['contract'],
  settings: ['shared', 'contract'],
  matching: ['settings', 'shared', 'contract'],
  eventlog: ['matching', 'settings', 'shared', 'contract'],
  activity: ['eventlog', 'matching', 'settings', 'shared', 'contract'],
  api: ['activity', 'eventlog', 'matching', 'settings', 'shared', 'contract'],
  webhook: ['activity', 'eventlog', 'matching', 'settings', 'shared', 'contract'],
  history: ['activity', 'eventlog', 'matching', 'settings', 'shared', 'contract'],
  admin: ['api', 'webhook', 'history', 'activity', 'eventlog', 'matching', 'settings', 'shared', 'contract']
};

const isFolder = (name: string): name is Folder => name in ALLOWED;

/** One reference from a source file to something another file defines. */
export interface Reference {
  name: string;
  line: number;
}

/**
 * Apex source with comments and string literals blanked out (newlines kept, so offsets keep their line). Apex strings
 * are single-quoted with backslash escapes; `//` and `/* … *\/` are its comments.
 */
export function apexCode(source: string): string {
  let out = '';
  let i = 0;
  const blank = (text: string): string => text.replace(/[^\n]/g, ' ');
  while (i < source.length) {
    const two = source.slice(i, i + 2);
    let end = i + 1;
    if (two === '//') {
      const eol = source.indexOf('\n', i);
      end = eol === -1 ? source.length : eol;
    } else if (two === '/*') {
      const close = source.indexOf('*/', i + 2);
      end = close === -1 ? source.length : close + 2;
    } else if (source[i] === "'") {
      end = i + 1;
      while (end < source.length && source[end] !== "'" && source[end] !== '\n') {
        end += source[end] === '\\' ? 2 : 1;
      }
      end = Math.min(end + 1, source.length);
    } else {
      out += source[i];
      i += 1;
      continue;
    }
    out += blank(source.slice(i, end));
    i = end;
  }
  return out;
}

/** The identifiers of Apex source, outside comments and strings, with their 1-based line. */
export function apexIdentifiers(source: string): Reference[] {
  const code = apexCode(source);
  const found: Reference[] = [];
  const pattern = /[A-Za-z_][A-Za-z0-9_]*/g;
  let line = 1;
  let counted = 0;
  for (let match = pattern.exec(code); match !== null; match = pattern.exec(code)) {
    for (; counted < match.index; counted++) {
      line += code.charCodeAt(counted) === 10 ? 1 : 0;
    }
    found.push({ name: match[0], line });
  }
  return found;
}

/** Whether an Apex class is a test class: `@IsTest` among the annotations before its body. */
export function isTestClass(source: string): boolean {
  const code = apexCode(source);
  const head = code.slice(0, code.indexOf('{') === -1 ? code.length : code.indexOf('{'));
  return /@istest\b/i.test(head);
}

/** `c-miitel-error-panel` → `miitelErrorPanel`. */
const componentName = (tag: string): string => tag.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** What an LWC file uses: Apex classes (`@salesforce/apex/Class.method`) and components (`c/name`, `<c-name>`). */
export function lwcReferences(file: string, source: string): { apex: Reference[]; components: Reference[] } {
  const apex: Reference[] = [];
  const components: Reference[] = [];
  source.split('\n').forEach((text, index) => {
    const line = index + 1;
    if (file.endsWith('.js')) {
      for (const match of text.matchAll(/['"]@salesforce\/apex\/([A-Za-z_][A-Za-z0-9_]*)\./g)) {
        apex.push({ name: match[1] ?? '', line });
      }
      for (const match of text.matchAll(/(?:from|import)\s*\(?\s*['"]c\/([A-Za-z0-9_]+)['"]/g)) {
        components.push({ name: match[1] ?? '', line });
      }
    } else if (file.endsWith('.html')) {
      for (const match of text.matchAll(/<c-([a-z0-9-]+)/g)) {
        components.push({ name: componentName(match[1] ?? ''), line });
      }
    }
  });
  return { apex, components };
}

interface Located {
  file: string;
  folder: string;
}

/** The folder of a file under `<package dir>/main/<folder>/…`, or undefined outside `main/`. */
function folderOf(packageRoot: string, file: string): string | undefined {
  const parts = relative(packageRoot, file).split(sep);
  return parts[0] === 'main' && parts.length > 2 ? parts[1] : undefined;
}

export function checkDirection(project: SfdxProject): Finding[] {
  const findings: Finding[] = [];
  for (const dir of project.packageDirectories.filter((d) => d.package !== undefined)) {
    const packageRoot = join(project.root, dir.path);
    const files = walk(packageRoot);
    const classes = new Map<string, Located>();
    const components = new Map<string, Located>();
    const unknownFolders = new Map<string, string>();
    for (const file of files) {
      const folder = folderOf(packageRoot, file);
      if (folder === undefined) {
        continue;
      }
      if (!isFolder(folder) && !unknownFolders.has(folder)) {
        unknownFolders.set(folder, file);
      }
      if (file.endsWith('.cls')) {
        classes.set(basename(file, '.cls').toLowerCase(), { file, folder });
      }
      const lwc = /[\\/]lwc[\\/]([^\\/]+)[\\/]/.exec(relative(packageRoot, file));
      if (lwc?.[1] !== undefined && !components.has(lwc[1])) {
        components.set(lwc[1], { file, folder });
      }
    }
    for (const [folder, file] of unknownFolders) {
      findings.push({
        check: CHECK,
        file: rel(project, file),
        message: `folder ${folder} is not in the direction table (scripts/checks/direction.ts ALLOWED)`
      });
    }
    const refuse = (file: string, from: Folder, ref: Reference, kind: string, target: Located): void => {
      const may = ALLOWED[from].join(', ') || 'nothing';
      findings.push({
        check: CHECK,
        file: rel(project, file),
        line: ref.line,
        message: `${from}/ uses ${kind} ${ref.name} of ${target.folder}/; ${from}/ may use ${may}`
      });
    };
    const allowed = (from: Folder, to: string): boolean => to === from || (ALLOWED[from] as string[]).includes(to);
    for (const file of files) {
      const from = folderOf(packageRoot, file);
      if (from === undefined || !isFolder(from)) {
        continue;
      }
      const source = (): string => readFileSync(file, 'utf8');
      if (file.endsWith('.cls') || file.endsWith('.trigger')) {
        const text = source();
        if (file.endsWith('.cls') && isTestClass(text)) {
          continue;
        }
        const own = basename(file)
          .replace(/\.(cls|trigger)$/, '')
          .toLowerCase();
        const seen = new Set<string>();
        for (const ref of apexIdentifiers(text)) {
          const key = ref.name.toLowerCase();
          const target = classes.get(key);
          if (key === own || target === undefined || allowed(from, target.folder) || seen.has(key)) {
            continue;
          }
          seen.add(key); // one finding per class named, at its first use
          refuse(file, from, ref, 'class', target);
        }
      } else if (/[\\/]lwc[\\/]/.test(file) && !/[\\/]__tests__[\\/]/.test(file) && /\.(js|html)$/.test(file)) {
        const refs = lwcReferences(file, source());
        for (const ref of refs.apex) {
          const target = classes.get(ref.name.toLowerCase());
          if (target !== undefined && !allowed(from, target.folder)) {
            refuse(file, from, ref, 'Apex class', target);
          }
        }
        for (const ref of refs.components) {
          const target = components.get(ref.name);
          if (target !== undefined && !allowed(from, target.folder)) {
            refuse(file, from, ref, 'component', target);
          }
        }
      }
    }
  }
  return findings;
}
