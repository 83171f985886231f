import { ApexErrorListener, ApexParserFactory } from '@apexdevtools/apex-parser';
import { buildTypeDeclaration } from './build-declarations.ts';
import { BuildContext } from './context.ts';
import type { LoadProblem } from './errors.ts';
import type { CompilationUnit } from './nodes.ts';

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
 * Parses one Apex class file into the typed AST. Never throws: syntax errors and unsupported constructs come back
 * as problems (each with file:line); `unit` is undefined when the file has syntax errors.
 */
export function parseApexClass(source: string, file: string): { unit?: CompilationUnit; problems: LoadProblem[] } {
  const listener = new CollectingErrorListener(file);
  const { parser } = ApexParserFactory.createLexerAndParser(source, listener);
  const tree = parser.compilationUnit();
  if (listener.problems.length > 0) {
    return { problems: listener.problems };
  }
  const b = new BuildContext(file);
  const type = buildTypeDeclaration(b, tree.typeDeclaration());
  return { unit: { file, type }, problems: b.problems };
}
