import type {
  ApexParserRuleContext as ParserRuleContext,
  ApexTerminalNode as TerminalNode
} from '@apexdevtools/apex-parser';
import { unsupported, type LoadProblem } from './errors.ts';
import type { Pos } from './nodes.ts';

/** State shared by the AST builders of one file: its name and the problems found so far. */
export class BuildContext {
  readonly problems: LoadProblem[] = [];
  /** The source as code points when it has characters outside the BMP (emoji), else undefined. */
  private codePoints: string[] | undefined;
  constructor(
    readonly file: string,
    /** The file's source text, for constructs kept as text (inline SOQL). */
    readonly source = ''
  ) {
    // The ANTLR char stream indexes code points, JavaScript strings UTF-16 units: they differ after an emoji.
    this.codePoints = /[\uD800-\uDBFF]/.test(source) ? Array.from(source) : undefined;
  }

  /** Source text from token index `start` (inclusive) to `end` (exclusive), in the parser's code-point indices. */
  slice(start: number, end: number): string {
    return this.codePoints ? this.codePoints.slice(start, end).join('') : this.source.slice(start, end);
  }

  pos(ctx: ParserRuleContext): Pos {
    return { file: this.file, line: ctx.start.line, column: ctx.start.column + 1 };
  }

  /** Records an unsupported construct; the caller returns a placeholder so every problem of the file is reported. */
  unsupported(ctx: ParserRuleContext, construct: string): void {
    this.problems.push(unsupported(this.pos(ctx), construct));
  }
}

/**
 * The generated ANTLR accessors are typed as always returning a node but return null when the optional part is
 * absent; this makes that explicit.
 */
export function opt<T>(node: T): T | undefined {
  return (node as T | null) ?? undefined;
}

export function has(node: TerminalNode | ParserRuleContext): boolean {
  return opt(node) !== undefined;
}
