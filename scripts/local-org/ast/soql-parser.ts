/**
 * soql-parser-js, loaded on first use. Its module builds its grammar when imported (Chevrotain's self-analysis:
 * about 0.4–0.7 s of CPU), and many processes never parse SOQL: a test of string functions, or a project whose classes
 * all come from the parse cache (ast/parse-cache.ts). `npm test` starts about seventy such processes.
 */
import { createRequire } from 'node:module';
import type { Query } from '@jetstreamapp/soql-parser-js';

type SoqlParser = typeof import('@jetstreamapp/soql-parser-js');
type ParseOptions = Parameters<SoqlParser['parseQuery']>[1];

let parser: SoqlParser | undefined;

/** soql-parser-js's `parseQuery` (its CommonJS build, required synchronously the first time). */
export function parseQuery(soql: string, options: ParseOptions): Query {
  parser ??= createRequire(import.meta.url)('@jetstreamapp/soql-parser-js') as SoqlParser;
  return parser.parseQuery(soql, options);
}
