/**
 * Citations a reader can follow (issue 25): everything the code and docs cite is in the repository, and each
 * Salesforce guide is cited by one title.
 * - A citation of a file outside the repository is refused: a relative path that climbs above the project root, or
 *   a named Markdown document that no file of the repository is (notes kept beside the project rather than in it).
 *   A document path is looked up from the citing file's folder, from the root, and as the end of a repository path
 *   (`server/README.md` cited from scripts/local-org/).
 * - A guide spelled by one of the aliases `docs/platform-sources.md` refuses is a finding naming the citation title
 *   to use instead. The aliases are read from that file (see its introduction for how they match).
 * Scanned: the project's text files (code, metadata, docs), not node_modules, build output, the checks' deliberately
 * broken fixtures, nor this check's test; platform-sources.md, which lists the aliases, only for the files it cites.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { type Finding, type SfdxProject, lineOf, walk } from './lib/project.ts';

export const SOURCES_FILE = 'docs/platform-sources.md';

/** One guide of platform-sources.md: its citation title and the spellings refused in its place. */
export interface Guide {
  title: string;
  aliases: Alias[];
}

export interface Alias {
  text: string;
  /** Refused only where it introduces a quoted section title (written `X "…"` in platform-sources.md). */
  beforeQuote: boolean;
}

const TEXT_FILE = /\.(cls|trigger|ts|js|mjs|html|css|md|xml|json|ya?ml|sh|txt)$|(^|\/)(run|\.forceignore)$/;
/** Folders that hold no text of ours: dependencies, build output, reports, fixtures broken on purpose. */
const SKIPPED = [
  'node_modules/',
  'coverage/',
  'reports/',
  'test-results/',
  '.local-org/',
  'scripts/local-org/page/dist/',
  'scripts/checks/fixtures/'
];
/** Files that name the refused spellings on purpose. */
const LISTS_ALIASES = [SOURCES_FILE];
/** This check's own test, which writes refused citations of both kinds on purpose. */
const REFUSED_ON_PURPOSE = ['scripts/checks/citations.test.ts'];

/** The guides of platform-sources.md: each `### Title` heading and its `- Refused:` line of backticked aliases. */
export function parseGuides(markdown: string): Guide[] {
  const guides: Guide[] = [];
  for (const line of markdown.split('\n')) {
    const heading = /^### (.+)$/.exec(line);
    if (heading?.[1]) {
      guides.push({ title: heading[1].trim(), aliases: [] });
      continue;
    }
    const refused = /^- Refused: (.*)$/.exec(line);
    const guide = guides.at(-1);
    if (refused?.[1] && guide) {
      for (const [, text] of refused[1].matchAll(/`([^`]+)`/g)) {
        if (text) {
          const beforeQuote = text.endsWith(' "…"');
          guide.aliases.push({ text: beforeQuote ? text.slice(0, -4) : text, beforeQuote });
        }
      }
    }
  }
  return guides;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A guide's name as a word: not glued to a letter, digit, `_`, `.` or `$` (so `import.meta.env.SSR` is code). */
const asWord = (text: string): string => `(?<![\\w.$])${escape(text)}(?![\\w])`;

/** Refused spellings in one text: `[offset, alias, title]` for each, none inside a citation title. */
export function aliasesIn(text: string, guides: Guide[]): { offset: number; alias: string; title: string }[] {
  // A title may be wrapped over two comment or Markdown lines (its first words end one line, the rest start the next).
  const wrapped = (title: string): string =>
    asWord(title).replace(/ /g, String.raw`(?:[ \t]*\n[ \t]*(?:(?:\*|\/\/|#)[ \t]*)?|[ \t]+)`);
  const titles = guides.map((g) => new RegExp(wrapped(g.title), 'g'));
  const titleSpans = titles.flatMap((re) =>
    [...text.matchAll(re)].map((m) => [m.index, m.index + m[0].length] as const)
  );
  const inTitle = (start: number, end: number): boolean => titleSpans.some(([s, e]) => s <= start && end <= e);
  const found: { offset: number; alias: string; title: string }[] = [];
  for (const guide of guides) {
    for (const alias of guide.aliases) {
      const re = new RegExp(
        asWord(alias.text) + (alias.beforeQuote ? String.raw`(?=[,:]?(?:[ \t]*\n[ \t]*(?:\*|\/\/|#))?\s+["“])` : ''),
        'g'
      );
      for (const m of text.matchAll(re)) {
        if (!inTitle(m.index, m.index + m[0].length)) {
          found.push({ offset: m.index, alias: alias.text, title: guide.title });
        }
      }
    }
  }
  return found.sort((a, b) => a.offset - b.offset);
}

/** Paths in a text that cite a document or climb out of their folder: `*.md` names and `../` paths. */
const DOCUMENT = /(?<![\w./@-])((?:\.{1,2}\/)*[\w.-]+(?:\/[\w.-]+)*\.md)(?![\w-])/g;
const CLIMBING = /(?<![\w./@-])((?:\.\.\/)+[\w.*-]*(?:\/[\w.*-]+)*)/g;

/** Why a cited path cannot be followed in a fresh clone, or undefined when it can. */
export function unfollowable(
  root: string,
  file: string,
  cited: string,
  repositoryFiles: readonly string[]
): string | undefined {
  const from = dirname(join(root, file));
  const fromFile = resolve(from, cited);
  if (cited.startsWith('../') && !(fromFile + sep).startsWith(root + sep)) {
    return `cites ${cited}, which is outside the repository`;
  }
  if (!cited.endsWith('.md')) {
    return undefined;
  }
  const bare = cited.replace(/^(\.\/)+/, '');
  if (existsSync(fromFile) || existsSync(join(root, bare))) {
    return undefined;
  }
  const tail = bare.replace(/^(\.\.\/)+/, '');
  if (repositoryFiles.some((f) => f === tail || f.endsWith(`/${tail}`))) {
    return undefined;
  }
  return tail.includes('/')
    ? `cites ${cited}, which is not in the repository`
    : `cites ${cited}, a document that is not in the repository (move what it says into docs/ and cite that)`;
}

/** The files to scan, relative to the root, sorted. */
export function scannedFiles(root: string): string[] {
  // walk() leaves out dot folders; .github and .ci hold workflows and the CI entry point.
  return [root, join(root, '.github'), join(root, '.ci')]
    .flatMap((dir) => walk(dir))
    .map((f) => relative(root, f).split(sep).join('/'))
    .filter((f) => !f.startsWith('.git/') && !SKIPPED.some((s) => f.startsWith(s) || f.includes(`/${s}`)))
    .filter((f) => TEXT_FILE.test(f) && basename(f) !== 'package-lock.json')
    .sort();
}

export function checkCitations(project: SfdxProject): Finding[] {
  const root = project.root;
  const sourcesPath = join(root, SOURCES_FILE);
  if (!existsSync(sourcesPath)) {
    return [{ check: 'citations', file: SOURCES_FILE, message: 'missing: the guides and their citation titles' }];
  }
  const guides = parseGuides(readFileSync(sourcesPath, 'utf8'));
  const files = scannedFiles(root);
  const findings: Finding[] = [];
  for (const file of files.filter((f) => !REFUSED_ON_PURPOSE.includes(f))) {
    const text = readFileSync(join(root, file), 'utf8');
    const seen = new Set<string>();
    for (const re of [DOCUMENT, CLIMBING]) {
      for (const m of text.matchAll(re)) {
        const cited = m[1] ?? '';
        const key = `${lineOf(text, m.index)}:${cited}`;
        if (cited.includes('*') || cited.includes('${') || seen.has(key)) {
          continue;
        }
        seen.add(key);
        const why = unfollowable(root, file, cited, files);
        if (why) {
          findings.push({ check: 'citations', file, line: lineOf(text, m.index), message: why });
        }
      }
    }
    if (LISTS_ALIASES.includes(file)) {
      continue;
    }
    for (const hit of aliasesIn(text, guides)) {
      findings.push({
        check: 'citations',
        file,
        line: lineOf(text, hit.offset),
        message: `"${hit.alias}": cite this guide as "${hit.title}" (${SOURCES_FILE})`
      });
    }
  }
  return findings;
}
