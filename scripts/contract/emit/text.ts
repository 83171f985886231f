/** Small text helpers shared by the emitters: the generated-file notice, Apex literals, ApexDoc, formatting. */
import { resolve } from 'node:path';
import * as prettier from 'prettier';

export const NOTICE = 'Generated from scripts/contract — do not edit. Run `npm run generate`.';

export const REPO_ROOT = resolve(import.meta.dirname, '../../..');

/** An Apex string expression: a literal with backslash escapes, and control characters without one concatenated. */
export function apexString(value: string): string {
  // Other control characters have no Apex escape sequence and must not appear raw in a source file: they are
  // concatenated as String.fromCharArray(…).
  return value
    .split(/([\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]+)/)
    .map((part, i) =>
      i % 2 === 1
        ? `String.fromCharArray(new List<Integer>{ ${[...part].map((c) => c.charCodeAt(0)).join(', ')} })`
        : `'${escapeLiteral(part)}'`
    )
    .filter((part, i, parts) => part !== "''" || parts.length === 1)
    .join(' + ');
}

function escapeLiteral(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/'/g, "\\'")
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t');
}

/** `eventId` → `EVENT_ID`, `EventType` → `EVENT_TYPE`, `call.memo_updated` → `CALL_MEMO_UPDATED`. */
export function upperSnake(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toUpperCase();
}

export const lowerFirst = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);

/** Word-wraps prose to lines of at most `width` characters. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) {
    lines.push(line);
  }
  return lines;
}

/** An ApexDoc block: `@description` prose, then tags (`@param x …`, `@return …`), wrapped to the print width. */
export function apexDoc(description: string, tags: string[] = [], indent = ''): string {
  const width = 116 - indent.length;
  const body = [...wrap(`@description ${description}`, width), ...tags.flatMap((tag) => wrap(tag, width))];
  return [`${indent}/**`, ...body.map((line) => `${indent} * ${line}`), `${indent} */`].join('\n');
}

/** Formats a generated file with the repository's prettier configuration (Apex, XML, JSON, Markdown, TypeScript). */
export async function format(relativePath: string, text: string): Promise<string> {
  const filepath = resolve(REPO_ROOT, relativePath);
  const config = (await prettier.resolveConfig(filepath)) ?? {};
  return prettier.format(text, { ...config, filepath });
}

export const APEX_META = `<?xml version="1.0" encoding="UTF-8" ?>
<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata">
  <apiVersion>{version}</apiVersion>
  <status>Active</status>
</ApexClass>
`;
