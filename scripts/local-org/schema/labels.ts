/**
 * Custom labels (`System.Label.X`, `Label.X`) from the project's `*.labels-meta.xml`, with the translations of
 * `translations/<language>.translation-meta.xml`. As on the platform (Apex Developer Guide, "Custom Labels";
 * Metadata API Developer Guide "Translations"), a label reads in the running user's language: the translation for the
 * user's LanguageLocaleKey when there is one, otherwise the label's own value (written in its `<language>`).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { lowerName } from './lower.ts';

export interface CustomLabel {
  name: string;
  value: string;
  language: string;
  file: string;
}

const xml = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: false,
  isArray: (name) => name === 'labels' || name === 'customLabels'
});

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

export class CustomLabels {
  /** Lower-cased name → label. */
  readonly labels = new Map<string, CustomLabel>();
  /** Language (as in the file name, e.g. 'ja', 'en_US') → lower-cased label name → translated text. */
  readonly translations = new Map<string, Map<string, string>>();

  /** Reads every labels and translation file under `dirs` (package directories). */
  static load(dirs: string[]): CustomLabels {
    const labels = new CustomLabels();
    for (const dir of dirs) {
      labels.readDir(dir);
    }
    return labels;
  }

  private readDir(dir: string): void {
    if (!existsSync(dir)) {
      return;
    }
    for (const entry of readdirSync(dir).sort()) {
      const full = join(dir, entry);
      if (entry.startsWith('.') || entry === 'node_modules') {
        continue;
      }
      if (statSync(full).isDirectory()) {
        this.readDir(full);
      } else if (entry.endsWith('.labels-meta.xml')) {
        this.addLabelsXml(readFileSync(full, 'utf8'), full);
      } else if (entry.endsWith('.translation-meta.xml')) {
        this.addTranslationXml(basename(entry, '.translation-meta.xml'), readFileSync(full, 'utf8'));
      }
    }
  }

  addLabelsXml(source: string, file: string): void {
    const doc = xml.parse(source) as { CustomLabels?: { labels?: Record<string, unknown>[] } };
    for (const l of doc.CustomLabels?.labels ?? []) {
      const name = text(l.fullName);
      if (name) {
        const value = typeof l.value === 'string' ? l.value : '';
        this.labels.set(name.toLowerCase(), { name, value, language: text(l.language) || 'en_US', file });
      }
    }
  }

  addTranslationXml(language: string, source: string): void {
    const doc = xml.parse(source) as { Translations?: { customLabels?: Record<string, unknown>[] } };
    const table = this.translations.get(language) ?? new Map<string, string>();
    for (const l of doc.Translations?.customLabels ?? []) {
      const name = text(l.name);
      if (name && typeof l.label === 'string') {
        table.set(name.toLowerCase(), l.label);
      }
    }
    this.translations.set(language, table);
  }

  has(name: string): boolean {
    return this.labels.has(name.toLowerCase());
  }

  /** The label's text for a user of `language` (LanguageLocaleKey); undefined for an unknown label. */
  value(name: string, language: string | null): string | undefined {
    const label = this.labels.get(lowerName(name));
    if (!label) {
      return undefined;
    }
    if (language && language !== label.language) {
      const translated = this.translations.get(language)?.get(lowerName(label.name));
      if (translated !== undefined) {
        return translated;
      }
    }
    return label.value;
  }
}
