import { readFileSync } from 'node:fs';
import {
  type FieldType,
  type HavingClause,
  type OrderByClause,
  type Query,
  type Subquery,
  type WhereClause,
  parseQuery
} from '@jetstreamapp/soql-parser-js';
import { type InlineQuery, inlineQueries } from './lib/apex-source.ts';
import { type Finding, type SfdxProject, packageFiles, rel } from './lib/project.ts';
import { type ObjectInfo, Schema } from './lib/schema.ts';

const CHECK = 'soql';

/**
 * Every object and field named in inline SOQL/SOSL must exist: apex-ls checks Apex field references but not the
 * text of queries, and a wrong name there only fails at deploy time (or, in dynamic paths, at run time).
 */
export function checkInlineQueries(project: SfdxProject, schema = new Schema(project)): Finding[] {
  // Findings in file order; a parsed query stands in for what checking it finds (known once its objects are loaded).
  const found: (Finding | { file: string; line: number; statements: Query[] })[] = [];
  for (const file of packageFiles(project).filter((f) => f.endsWith('.cls') || f.endsWith('.trigger'))) {
    const { queries, errors } = inlineQueries(readFileSync(file, 'utf8'), file.endsWith('.trigger'));
    for (const error of errors) {
      found.push({ check: CHECK, file: rel(project, file), line: error.line, message: `syntax: ${error.message}` });
    }
    for (const query of queries) {
      const { statements, problems } = parseStatements(query);
      for (const message of problems) {
        found.push({ check: CHECK, file: rel(project, file), line: query.line, message });
      }
      found.push({ file, line: query.line, statements });
    }
  }
  const check = (statements: Query[]): string[] => statements.flatMap((q) => new QueryChecker(schema).check(q));
  schema.preload(() => found.forEach((f) => 'statements' in f && check(f.statements)));
  return found.flatMap((f) =>
    'statements' in f
      ? check(f.statements).map((message) => ({ check: CHECK, file: rel(project, f.file), line: f.line, message }))
      : [f]
  );
}

export function checkQuery(query: InlineQuery, schema: Schema): string[] {
  const { statements, problems } = parseStatements(query);
  return [...problems, ...statements.flatMap((parsed) => new QueryChecker(schema).check(parsed))];
}

/** The query's statements parsed (a SOSL query: one per RETURNING object), and those that cannot be parsed. */
function parseStatements(query: InlineQuery): { statements: Query[]; problems: string[] } {
  const texts = query.kind === 'soql' ? [query.text] : soslAsSoql(query.text);
  const statements: Query[] = [];
  const problems: string[] = [];
  for (const statement of texts) {
    try {
      // Apex allows binds in LIMIT and OFFSET; the parser only takes numbers there, and they name no field.
      const parsable = statement.replace(/\b(LIMIT|OFFSET)\s+:\s*[\w.]+/gi, '$1 1');
      // ignoreParseErrors spelt out: soql-parser-js 6.3 builds a new parser (~0.3 s) whenever the option differs from
      // its kept parser's false, and an omitted option does.
      statements.push(parseQuery(parsable, { allowApexBindVariables: true, ignoreParseErrors: false }));
    } catch (error) {
      problems.push(
        `cannot parse ${query.kind.toUpperCase()} "${statement}": ${(error as Error).message.split('\n')[0]}`
      );
    }
  }
  return { statements, problems };
}

/**
 * SOSL's RETURNING clause names objects and, in parentheses, fields plus WHERE / ORDER BY / LIMIT: each
 * `Object(fields WHERE …)` is checked as the SOQL `SELECT fields FROM Object WHERE …`.
 */
export function soslAsSoql(sosl: string): string[] {
  const returning = /\bRETURNING\b/i.exec(sosl);
  if (!returning) {
    return [];
  }
  const statements: string[] = [];
  let i = returning.index + returning[0].length;
  while (i < sosl.length) {
    const name = /^\s*,?\s*(\w+)\s*/.exec(sosl.slice(i));
    if (!name?.[1] || /^(WITH|LIMIT|UPDATE|OFFSET)$/i.test(name[1])) {
      break;
    }
    i += name[0].length;
    let inner = 'Id';
    if (sosl[i] === '(') {
      let depth = 0;
      let end = i;
      for (; end < sosl.length; end++) {
        depth += sosl[end] === '(' ? 1 : sosl[end] === ')' ? -1 : 0;
        if (depth === 0) {
          break;
        }
      }
      inner = sosl.slice(i + 1, end).trim();
      i = end + 1;
    }
    const clause = /\s\b(WHERE|ORDER\s+BY|LIMIT|OFFSET|USING)\b/i.exec(` ${inner}`);
    const fields = clause ? inner.slice(0, clause.index - 1).trim() : inner;
    const rest = clause ? inner.slice(clause.index - 1) : '';
    statements.push(`SELECT ${fields} FROM ${name[1]} ${rest.trim()}`.trim());
  }
  return statements;
}

class QueryChecker {
  private readonly problems: string[] = [];
  constructor(private readonly schema: Schema) {}

  check(query: Query): string[] {
    const object = query.sObject ? this.schema.get(query.sObject) : undefined;
    if (!object) {
      this.problems.push(`unknown object ${query.sObject ?? '(none)'}`);
      return this.problems;
    }
    this.checkBody(object, query);
    return this.problems;
  }

  private checkBody(object: ObjectInfo, query: Query | Subquery): void {
    for (const field of query.fields ?? []) {
      this.checkSelected(object, field);
    }
    this.checkWhere(object, query.where);
    this.checkHaving(object, query.having);
    for (const order of [query.orderBy ?? []].flat() as OrderByClause[]) {
      if ('field' in order) {
        this.checkPath(object, order.field);
      }
    }
    for (const group of [query.groupBy ?? []].flat()) {
      if ('field' in group) {
        this.checkPath(object, group.field);
      }
    }
  }

  private checkSelected(object: ObjectInfo, field: FieldType): void {
    switch (field.type) {
      case 'Field':
        this.checkPath(object, field.field);
        break;
      case 'FieldRelationship':
        this.checkPath(object, [...field.relationships, field.field].join('.'));
        break;
      case 'FieldFunctionExpression':
        for (const parameter of field.parameters) {
          if (typeof parameter === 'string' && /^[A-Za-z_][\w.]*$/.test(parameter)) {
            this.checkPath(object, parameter);
          }
        }
        break;
      case 'FieldSubquery': {
        const childName = field.subquery.relationshipName;
        const child = object.childRelationships.get(childName.toLowerCase());
        const childObject = child ? this.schema.get(child) : undefined;
        if (!childObject) {
          this.problems.push(`unknown child relationship ${object.name}.${childName}`);
        } else {
          this.checkBody(childObject, field.subquery);
        }
        break;
      }
      case 'FieldTypeof':
        this.checkPath(object, field.field, true);
        break;
    }
  }

  private checkWhere(object: ObjectInfo, where: WhereClause | undefined): void {
    if (!where) {
      return;
    }
    const left = where.left as unknown as Record<string, unknown> | null;
    if (left && typeof left.field === 'string') {
      this.checkPath(object, left.field);
    }
    if (left && typeof left.valueQuery === 'object' && left.valueQuery !== null) {
      this.problems.push(...new QueryChecker(this.schema).check(left.valueQuery as Query));
    }
    if ('right' in where) {
      this.checkWhere(object, where.right);
    }
  }

  private checkHaving(object: ObjectInfo, having: HavingClause | undefined): void {
    if (!having) {
      return;
    }
    const left = having.left as unknown as Record<string, unknown>;
    if (typeof left.field === 'string') {
      this.checkPath(object, left.field);
    }
    if ('right' in having) {
      this.checkHaving(object, having.right);
    }
  }

  /** Resolves `Field` or `Relationship.….Field`; polymorphic relationships accept the fields of Name. */
  private checkPath(object: ObjectInfo, path: string, relationshipOnly = false): void {
    const parts = path.split('.');
    let current: ObjectInfo | undefined = object;
    for (let index = 0; index < parts.length; index++) {
      const part = parts[index] ?? '';
      const last = index === parts.length - 1;
      if (!current) {
        return;
      }
      if (last && !relationshipOnly) {
        if (!current.fields.has(part.toLowerCase()) && !current.relationships.has(part.toLowerCase())) {
          this.problems.push(`unknown field ${current.name}.${part}${path === part ? '' : ` (in ${path})`}`);
        }
        return;
      }
      const relationship = current.relationships.get(part.toLowerCase());
      if (!relationship) {
        this.problems.push(`unknown relationship ${current.name}.${part}${path === part ? '' : ` (in ${path})`}`);
        return;
      }
      current = this.schema.get(relationship.referenceTo?.[0] ?? '');
    }
  }
}
