/**
 * The citation check (issue 25) against its fixture, where every refused citation is written once beside an accepted
 * one, and against this repository's own docs/platform-sources.md. This file names refused spellings on purpose, so
 * the check leaves it out of its scan (citations.ts `LISTS_ALIASES`).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { SOURCES_FILE, aliasesIn, checkCitations, parseGuides } from './citations.ts';
import { type Finding, loadProject } from './lib/project.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const FIXTURE = resolve(import.meta.dirname, 'fixtures/citations');
const lines = (findings: Finding[]) => findings.map((f) => `${f.file}:${f.line ?? ''} ${f.message}`);

describe('citation check on its fixture', () => {
  const findings = lines(checkCitations(loadProject(FIXTURE)));

  it('refuses a document that is not in the repository and a path that climbs out of it', () => {
    assert.deepEqual(
      findings.filter((f) => f.includes('cites')),
      [
        'README.md:4 cites STYLE.md, a document that is not in the repository (move what it says into docs/ and cite that)',
        'README.md:4 cites ../shared/TOOLCHAIN.md, which is outside the repository',
        'README.md:4 cites docs/missing.md, which is not in the repository',
        'scripts/tool.ts:2 cites ../../outside/notes.txt, which is outside the repository'
      ]
    );
  });

  it('refuses each alias platform-sources.md lists, naming the title to use, and nothing else', () => {
    const cite = (alias: string, title: string) =>
      `force-app/main/default/classes/MiiTelCited.cls:2 "${alias}": cite this guide as "${title}" (${SOURCES_FILE})`;
    assert.deepEqual(
      findings.filter((f) => !f.includes('cites')),
      [
        cite('ADG', 'Apex Developer Guide'),
        cite('Apex Reference', 'Apex Reference Guide'),
        cite('Metadata API', 'Metadata API Developer Guide'),
        cite('Apex Dev Guide', 'Apex Developer Guide')
      ]
    );
  });
});

describe('alias matching', () => {
  const guides = parseGuides(readFileSync(join(FIXTURE, SOURCES_FILE), 'utf8'));

  it('reads each guide with its aliases, marking those refused only before a quoted title', () => {
    assert.deepEqual(
      guides.map((g) => [g.title, g.aliases.map((a) => (a.beforeQuote ? `${a.text} "…"` : a.text))]),
      [
        ['Apex Developer Guide', ['ADG', 'Apex Dev Guide']],
        ['Apex Reference Guide', ['ARG', 'Apex Reference']],
        ['Metadata API Developer Guide', ['Metadata API "…"']]
      ]
    );
  });

  it('accepts the citation titles (also wrapped over two lines), an alias inside a title, a noun, code and a closing quote', () => {
    for (const text of [
      'Apex Reference Guide "String Class"',
      'the Metadata API accepts it; Metadata API Developer Guide "CustomField"',
      'import.meta.env.ARG and ARGS',
      '"Metadata API" is a noun here',
      '(Apex Reference\n * Guide "Limits Class"), Metadata API Developer\n// Guide, "Profile"'
    ]) {
      assert.deepEqual(aliasesIn(text, guides), [], text);
    }
  });

  it('refuses an abbreviation anywhere and a noun-like alias before a quoted title', () => {
    assert.deepEqual(
      aliasesIn('(ARG) and Metadata API: "Profile", Metadata API\n * "CustomSite"', guides).map((h) => h.alias),
      ['ARG', 'Metadata API', 'Metadata API']
    );
  });
});

describe("this repository's docs/platform-sources.md", () => {
  const text = readFileSync(join(ROOT, SOURCES_FILE), 'utf8');
  const guides = parseGuides(text);

  it('lists the guides the code cites, each with a URL and its refused aliases', () => {
    for (const title of [
      'Apex Developer Guide',
      'Apex Reference Guide',
      'Platform Events Developer Guide',
      'SOQL and SOSL Reference',
      'Object Reference',
      'Metadata API Developer Guide',
      'Salesforce Help'
    ]) {
      const guide = guides.find((g) => g.title === title);
      assert.ok(guide, `${title} is listed`);
      const section = text.slice(text.indexOf(`### ${title}\n`)).split('\n### ')[0] ?? '';
      assert.match(section, /- URL: <https:\/\/[a-z.]+\.salesforce\.com\//, `${title} has a URL`);
    }
    assert.ok(guides.find((g) => g.title === 'Apex Developer Guide')?.aliases.some((a) => a.text === 'ADG'));
  });

  it('no alias of one guide is the citation title of another', () => {
    const titles = new Set(guides.map((g) => g.title));
    assert.deepEqual(
      guides.flatMap((g) => g.aliases.filter((a) => titles.has(a.text)).map((a) => a.text)),
      []
    );
  });
});
