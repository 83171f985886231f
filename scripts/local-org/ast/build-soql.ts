/**
 * Inline SOQL (`[SELECT … FROM … WHERE x IN :binds]`) → SoqlExpr. The query text is taken from the source, each bind
 * expression is built as an Apex expression and replaced by a `:localOrgBindN` placeholder, and the result is parsed once
 * with @jetstreamapp/soql-parser-js so a query the runtime cannot read is a load error naming file:line.
 */
import {
  BoundExpressionContext,
  LimitClauseContext,
  OffsetClauseContext,
  type SoqlLiteralContext,
  type SoslLiteralContext
} from '@apexdevtools/apex-parser';
import type { ApexParserRuleContext as ParserRuleContext } from '@apexdevtools/apex-parser';
import { parseQuery } from './soql-parser.ts';
import { buildExpression } from './build-expressions.ts';
import type { BuildContext } from './context.ts';
import type { Expr, SoqlExpr } from './nodes.ts';
import { parseSosl, SoslSyntaxError, SoslUnsupportedError } from './sosl-parse.ts';

function boundExpressions(ctx: ParserRuleContext, out: BoundExpressionContext[]): void {
  for (const child of ctx.children ?? []) {
    if (child instanceof BoundExpressionContext) {
      out.push(child);
    } else if ('children' in child) {
      boundExpressions(child as ParserRuleContext, out);
    }
  }
}

/**
 * Inline SOQL is lexed as Apex, so Apex comments (`// …`, `/* … *\/`) may stand between its tokens (the platform's
 * compiler accepts them; the SOQL reference does not mention comments: unverified beyond that). They are replaced by
 * spaces, string literals kept as they are.
 */
export function withoutComments(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== "'") {
        j += text[j] === '\\' ? 2 : 1;
      }
      out += text.slice(i, j + 1);
      i = j;
    } else if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      i = (end < 0 ? text.length : end) - 1;
      out += ' ';
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = (end < 0 ? text.length : end + 2) - 1;
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

/**
 * The parser's options. `ignoreParseErrors: false` is spelt out because soql-parser-js 6.3 keeps one parser and
 * builds a new one (a grammar self-analysis, ~0.3 s) whenever the option differs from that parser's — and an omitted
 * option (undefined) always differs from its `false`. Same parse, without a parser per query.
 */
export const SOQL_PARSE_OPTIONS = { allowApexBindVariables: true, ignoreParseErrors: false } as const;

/** Parses SOQL text (binds as `:name`) the way the runtime executes it; throws the parser's error. */
export function parseSoql(text: string): SoqlExpr['query'] {
  return parseQuery(text, SOQL_PARSE_OPTIONS);
}

export function buildSoql(b: BuildContext, ctx: SoqlLiteralContext): Expr {
  const pos = b.pos(ctx);
  const query = ctx.query();
  const start = query.start.start;
  const bounds: BoundExpressionContext[] = [];
  boundExpressions(query, bounds);
  let text = '';
  let cursor = start;
  const binds: Expr[] = [];
  let limitBind: number | undefined;
  let offsetBind: number | undefined;
  for (const bound of bounds) {
    const index = binds.length;
    binds.push(buildExpression(b, bound.expression()));
    text += withoutComments(b.slice(cursor, bound.start.start));
    if (bound.parentCtx instanceof LimitClauseContext) {
      limitBind = index;
      text += '1';
    } else if (bound.parentCtx instanceof OffsetClauseContext) {
      offsetBind = index;
      text += '1';
    } else {
      text += `:localOrgBind${index}`;
    }
    cursor = bound.stop ? bound.stop.stop + 1 : bound.start.stop + 1;
  }
  text += withoutComments(b.slice(cursor, (query.stop ?? query.start).stop + 1));
  // Apex Developer Guide "Querying All Records with a SOQL Statement": `ALL ROWS` (last in the query) includes deleted
  // records; the SOQL parser does not know the clause, so it is taken off here and kept as a flag.
  const allRows = /\s+ALL\s+ROWS\s*$/i.exec(text);
  if (allRows) {
    text = text.slice(0, allRows.index);
  }
  // SOQL and SOSL Reference "FOR UPDATE": `FOR UPDATE` (last) locks the returned records until the transaction ends;
  // "You can't use the ORDER BY clause in any SOQL query that uses locking" — refused here as a compile error (the
  // platform's exact message is unverified). The parser does not know the clause either: taken off, kept as a flag.
  const forUpdate = /\s+FOR\s+UPDATE\s*$/i.exec(text);
  if (forUpdate) {
    text = text.slice(0, forUpdate.index);
  }
  try {
    const parsed = parseSoql(text);
    if (forUpdate && parsed.orderBy) {
      b.problems.push({
        ...pos,
        kind: 'compile',
        message: "SOQL: you can't use ORDER BY in a query that locks records (FOR UPDATE)"
      });
    }
    return {
      kind: 'soql',
      pos,
      text,
      binds,
      query: parsed,
      ...(allRows ? { allRows: true } : {}),
      ...(forUpdate ? { forUpdate: true } : {}),
      ...(limitBind === undefined ? {} : { limitBind }),
      ...(offsetBind === undefined ? {} : { offsetBind })
    };
  } catch (e) {
    b.unsupported(ctx, `SOQL query (${(e as Error).message.split('\n')[0] ?? 'parse error'})`);
    return { kind: 'literal', pos, type: 'Null', value: 'null' };
  }
}

/**
 * Inline SOSL (`[FIND 'x' IN PHONE FIELDS RETURNING Contact(Id WHERE … LIMIT :n)]`, `[FIND :term …]`) → SoslExpr: like
 * inline SOQL, every bind becomes `:localOrgBindN` and the statement is parsed once (ast/sosl-parse.ts); a statement
 * or clause the runtime cannot run is a load error naming file:line.
 */
export function buildSosl(b: BuildContext, ctx: SoslLiteralContext): Expr {
  const pos = b.pos(ctx);
  const bounds: BoundExpressionContext[] = [];
  boundExpressions(ctx, bounds);
  const binds: Expr[] = [];
  let text = '';
  let cursor = ctx.start.start;
  for (const bound of bounds) {
    text += b.slice(cursor, bound.start.start) + `:localOrgBind${binds.length}`;
    binds.push(buildExpression(b, bound.expression()));
    cursor = bound.stop ? bound.stop.stop + 1 : bound.start.stop + 1;
  }
  text += b.slice(cursor, (ctx.stop ?? ctx.start).stop + 1);
  text = text.replace(/^\[\s*/, '').replace(/\s*\]$/, '');
  try {
    return { kind: 'sosl', pos, text, binds, search: parseSosl(text) };
  } catch (e) {
    if (e instanceof SoslUnsupportedError) {
      b.unsupported(ctx, `SOSL ${e.message}`);
    } else if (e instanceof SoslSyntaxError) {
      b.unsupported(ctx, `SOSL query (${e.message})`);
    } else {
      throw e;
    }
    return { kind: 'literal', pos, type: 'Null', value: 'null' };
  }
}
