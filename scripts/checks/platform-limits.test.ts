/**
 * The limits table (platform-limits.ts) and its enforcement in the metadata check (limits.ts): every metadata row
 * has a fixture under fixtures/platform-limits/<row id>/ that exceeds it, and this test trips each one.
 */
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { type Finding, loadProject } from './lib/project.ts';
import { checkMetadata } from './metadata.ts';
import { PLATFORM_LIMITS, platformLimit } from './platform-limits.ts';

const FIXTURES = resolve(import.meta.dirname, 'fixtures');
const CHECKLIST = resolve(import.meta.dirname, '../../docs/real-org-checklist.md');
const messages = (findings: Finding[]) => findings.map((f) => `${f.file}:${f.line ?? ''} ${f.message}`);

describe('platform limits (platform-limits.ts, enforced by limits.ts in the metadata check)', () => {
  /**
   * Rows that count fields: the fixture holds one field, copied here to one over the row's value (and to as many as
   * fit, which passes), so the fixture follows the table instead of repeating its numbers in 500 files. `per` is what
   * one copy adds to the count (long-text-total counts characters: 131,072 a field).
   */
  const TEMPLATES: Record<string, { path: string; per: number }> = {
    'history-tracked-fields': { path: 'objects/MiiTel_Tracked__c/fields/MiiTel_Field_0__c', per: 1 },
    'external-id-fields': { path: 'objects/Contact/fields/MiiTel_Key_0__c', per: 1 },
    'custom-fields': { path: 'objects/MiiTel_Wide__c/fields/MiiTel_Field_0__c', per: 1 },
    'activity-custom-fields': { path: 'objects/Task/fields/MiiTel_Field_0__c', per: 1 },
    'relationship-fields': { path: 'objects/MiiTel_Linked__c/fields/MiiTel_Account_0__c', per: 1 },
    'master-detail-fields': { path: 'objects/MiiTel_Detail__c/fields/MiiTel_Master_0__c', per: 1 },
    'long-text-total': { path: 'objects/MiiTel_Notes__c/fields/MiiTel_Note_0__c', per: 131_072 }
  };
  /** How many copies of the template reach one over the row's value (over) or stay within it. */
  const copies = (id: string, over: boolean): number => {
    const { per } = TEMPLATES[id] ?? { per: 1 };
    const within = Math.floor(platformLimit(id).value / per);
    return over ? within + 1 : within;
  };
  const root = join(FIXTURES, 'platform-limits');

  /** A copy of the row's fixture with its template field copied to `copies` fields in all. */
  function projectWith(id: string, count: number): string {
    assert.ok(count <= 1000, `${id}: ${count} copies is not a fixture`);
    const dir = mkdtempSync(join(tmpdir(), `miitel-limit-${id}-`));
    cpSync(join(root, id), dir, { recursive: true });
    const template = join(dir, 'force-app/main/default', `${TEMPLATES[id]?.path ?? ''}.field-meta.xml`);
    const text = readFileSync(template, 'utf8');
    for (let i = 1; i < count; i++) {
      writeFileSync(
        template.replace(/_0__c\.field-meta\.xml$/, `_${i}__c.field-meta.xml`),
        text.replace(/_0(__c)?\b/g, `_${i}$1`)
      );
    }
    return dir;
  }
  const findingsOf = (dir: string, id: string) =>
    messages(checkMetadata(loadProject(dir))).filter((m) => m.includes(`platform-limits ${id}:`));

  const checked = PLATFORM_LIMITS.filter((row) => row.kind === 'metadata' || row.kind === 'house-rule');
  for (const row of checked) {
    it(`${row.id}: the fixture over ${row.value} fails the metadata check`, () => {
      const counted = row.id in TEMPLATES;
      const dir = counted ? projectWith(row.id, copies(row.id, true)) : join(root, row.id);
      try {
        assert.ok(findingsOf(dir, row.id).length > 0, `no finding for ${row.id} in ${dir}`);
      } finally {
        if (counted) {
          rmSync(dir, { recursive: true, force: true });
        }
      }
    });
  }

  for (const id of Object.keys(TEMPLATES)) {
    it(`${id}: as much as the limit allows passes`, () => {
      const dir = projectWith(id, copies(id, false));
      try {
        assert.deepEqual(findingsOf(dir, id), []);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  it('every row names a source and an enforcement that exists, every checked row has a fixture, every real-org row a checklist step', () => {
    for (const row of PLATFORM_LIMITS) {
      assert.ok(row.source.length > 20, `${row.id} has a source`);
      const file = row.enforcedBy.split(' ')[0] ?? '';
      assert.ok(existsSync(resolve(import.meta.dirname, '../..', file)), `${row.id}: ${file} exists`);
      if (row.kind === 'metadata' || row.kind === 'house-rule') {
        assert.ok(existsSync(join(root, row.id, 'sfdx-project.json')), `${row.id} has a fixture`);
      }
      if (row.kind === 'real-org') {
        // No offline run can see a timing limit: the real-org checklist measures it and names the row.
        assert.ok(readFileSync(CHECKLIST, 'utf8').includes(row.id), `${row.id} is measured in ${CHECKLIST}`);
      }
    }
  });

  it('the MiiTel_Settings__c history tracking stays within 20 (issue 21 point 1: it tracked 21)', () => {
    assert.deepEqual(
      messages(checkMetadata(loadProject(resolve(import.meta.dirname, '../..')))).filter((m) =>
        m.includes('platform-limits')
      ),
      []
    );
  });
});
