/**
 * Compile-time check of upsert statements: `upsert records Object.Field;` names its key statically, and the key must
 * be Id, an External ID field or an idLookup field (schema.ts `upsertKeyEligibility`, Apex Developer Guide "Upserting
 * Records"). A unique custom field that is not an External ID is a LoadProblem naming file:line. The compiler's exact
 * wording is unverified (the docs do not quote it); the message is the one the platform reports for the same mistake
 * made with Database.upsert, where the field token is only known at run time (data/dml-save.ts).
 */
import { upsertKeyEligibility, upsertKeyMessage, type Schema } from '../schema/schema.ts';
import type { LoadProblem } from './errors.ts';
import { walk } from './label-check.ts';
import type { DmlStmt } from './nodes.ts';

/** Problems for every upsert statement of `unit` whose key is a known field that cannot be an upsert key. */
export function checkUpsertKeys(unit: unknown, schema: Schema): LoadProblem[] {
  const problems: LoadProblem[] = [];
  walk(unit, (n) => {
    if (n.kind !== 'dml' || n.op !== 'upsert' || !Array.isArray(n.externalIdField)) {
      return;
    }
    const s = n as unknown as DmlStmt;
    const names = (s.externalIdField ?? []).filter((name, i) => i > 0 || name.toLowerCase() !== 'schema');
    if (names.length !== 2) {
      return; // `upsert xs Field` without its object: checked when it runs
    }
    const [objectName = '', fieldName = ''] = names;
    const field = schema.describe(objectName)?.fields.get(fieldName.toLowerCase());
    if (field && upsertKeyEligibility(field) === 'no') {
      problems.push({
        file: s.pos.file,
        line: s.pos.line,
        column: s.pos.column,
        kind: 'compile',
        message: upsertKeyMessage(schema.describe(objectName)?.name ?? objectName, field.name)
      });
    }
  });
  return problems;
}
