import {
  ApexErrorListener,
  ApexParseTreeWalker,
  ApexParserBaseListener,
  ApexParserFactory,
  type ApexParserRuleContext
} from '@apexdevtools/apex-parser';

/** An inline SOQL or SOSL statement found in Apex source: its text without the brackets and where it starts. */
export interface InlineQuery {
  kind: 'soql' | 'sosl';
  text: string;
  line: number;
}

export interface ApexSyntaxProblem {
  line: number;
  column: number;
  message: string;
}

class CollectingErrorListener extends ApexErrorListener {
  readonly problems: ApexSyntaxProblem[] = [];
  apexSyntaxError(line: number, column: number, message: string): void {
    // ANTLR lists every token it would have accepted; the first part of the message is the useful one.
    this.problems.push({ line, column, message: message.replace(/ expecting \{.*$/s, ' (unexpected here)') });
  }
}

class QueryCollector extends ApexParserBaseListener {
  readonly queries: InlineQuery[] = [];
  constructor(private readonly source: string) {
    super();
  }
  enterSoqlLiteral = (ctx: ApexParserRuleContext): void => this.add('soql', ctx);
  enterSoslLiteral = (ctx: ApexParserRuleContext): void => this.add('sosl', ctx);
  enterSoslLiteralAlt = (ctx: ApexParserRuleContext): void => this.add('sosl', ctx);

  private add(kind: InlineQuery['kind'], ctx: ApexParserRuleContext): void {
    const raw = this.source.slice(ctx.start.start, (ctx.stop ?? ctx.start).stop + 1).trim();
    this.queries.push({ kind, text: raw.replace(/^\[/, '').replace(/\]$/, '').trim(), line: ctx.start.line });
  }
}

/** Parses an Apex class or trigger and returns its inline SOQL/SOSL plus any syntax errors (never throws). */
export function inlineQueries(
  source: string,
  isTrigger: boolean
): { queries: InlineQuery[]; errors: ApexSyntaxProblem[] } {
  const listener = new CollectingErrorListener();
  const { parser } = ApexParserFactory.createLexerAndParser(source, listener);
  const tree = isTrigger ? parser.triggerUnit() : parser.compilationUnit();
  const collector = new QueryCollector(source);
  ApexParseTreeWalker.DEFAULT.walk(collector, tree);
  return { queries: collector.queries, errors: listener.problems };
}
