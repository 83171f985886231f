import { ApexErrorListener, ApexParserFactory } from '@apexdevtools/apex-parser';
import { buildTypeDeclaration } from './build-declarations.ts';
import { BuildContext } from './context.ts';
import type { LoadProblem } from './errors.ts';
import { buildDeclarators, buildStatement } from './build-statements.ts';
import { buildTypeRef } from './build-types.ts';
import { cachedParse } from './parse-cache.ts';
import type { CompilationUnit, Stmt, TriggerEvent, TriggerUnit } from './nodes.ts';

class CollectingErrorListener extends ApexErrorListener {
  readonly problems: LoadProblem[] = [];
  constructor(private readonly file: string) {
    super();
  }
  apexSyntaxError(line: number, column: number, message: string): void {
    // ANTLR lists every token it would have accepted; the first part of the message is the useful one.
    const short = message.replace(/ expecting \{.*$/s, ' (unexpected here)');
    this.problems.push({ file: this.file, line, column: column + 1, kind: 'syntax', message: short });
  }
}

/**
 * Parses one Apex class file into the typed AST (through the disk cache of parse-cache.ts). Never throws: syntax errors and unsupported constructs come back
 * as problems (each with file:line); `unit` is undefined when the file has syntax errors.
 */
export function parseApexClass(source: string, file: string): { unit?: CompilationUnit; problems: LoadProblem[] } {
  return cachedParse('class', file, source, () => parseClassUncached(source, file));
}

function parseClassUncached(source: string, file: string): { unit?: CompilationUnit; problems: LoadProblem[] } {
  const listener = new CollectingErrorListener(file);
  const { parser } = ApexParserFactory.createLexerAndParser(source, listener);
  const tree = parser.compilationUnit();
  if (listener.problems.length > 0) {
    return { problems: listener.problems };
  }
  const b = new BuildContext(file, source);
  const type = buildTypeDeclaration(b, tree.typeDeclaration());
  return { unit: { file, type, source }, problems: b.problems };
}

/** Parses one `.trigger` file (through the disk cache of parse-cache.ts); trigger-level member declarations (methods, classes) are reported as unsupported. */
export function parseApexTrigger(source: string, file: string): { unit?: TriggerUnit; problems: LoadProblem[] } {
  return cachedParse('trigger', file, source, () => parseTriggerUncached(source, file));
}

function parseTriggerUncached(source: string, file: string): { unit?: TriggerUnit; problems: LoadProblem[] } {
  const listener = new CollectingErrorListener(file);
  const { parser } = ApexParserFactory.createLexerAndParser(source, listener);
  const tree = parser.triggerUnit();
  if (listener.problems.length > 0) {
    return { problems: listener.problems };
  }
  const b = new BuildContext(file, source);
  const ids = tree.id_list();
  const events = tree.triggerCase_list().map((c) => {
    const when = c.BEFORE() ? 'before' : 'after';
    const what = c.INSERT() ? 'insert' : c.UPDATE() ? 'update' : c.DELETE() ? 'delete' : 'undelete';
    return `${when} ${what}` as TriggerEvent;
  });
  const block = tree.triggerBlock();
  const statements: Stmt[] = [];
  for (const member of block.triggerBlockMember_list()) {
    const stmt = member.statement() as ReturnType<typeof member.statement> | null;
    const field = stmt ? null : (member.triggerMemberDeclaration()?.fieldDeclaration() ?? null);
    if (stmt) {
      statements.push(buildStatement(b, stmt));
    } else if (field && member.modifier_list().every((m) => m.getText().toLowerCase() === 'final')) {
      // `List<Account> rows = Trigger.new;` parses as a field declaration at the trigger's top level; the trigger body
      // is a block of statements (Apex Developer Guide "Triggers"), so it is a local variable of the trigger's run.
      statements.push({
        kind: 'localVar',
        pos: b.pos(member),
        type: buildTypeRef(b, field.typeRef()),
        declarators: buildDeclarators(b, field.variableDeclarators())
      });
    } else {
      b.unsupported(member, 'declaration inside a trigger');
    }
  }
  const pos = b.pos(tree);
  return {
    unit: {
      file,
      name: ids[0]?.getText() ?? file,
      object: ids[1]?.getText() ?? '',
      events,
      body: { kind: 'block', pos: b.pos(block), statements },
      pos
    },
    problems: b.problems
  };
}
