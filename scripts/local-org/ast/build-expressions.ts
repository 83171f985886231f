import {
  Arth1ExpressionContext,
  Arth2ExpressionContext,
  ArrayExpressionContext,
  AssignExpressionContext,
  BitAndExpressionContext,
  BitExpressionContext,
  BitNotExpressionContext,
  BitOrExpressionContext,
  CastExpressionContext,
  CmpExpressionContext,
  CoalExpressionContext,
  CondExpressionContext,
  DotExpressionContext,
  EqualityExpressionContext,
  IdPrimaryContext,
  InstanceOfExpressionContext,
  LiteralPrimaryContext,
  LogAndExpressionContext,
  LogOrExpressionContext,
  MethodCallExpressionContext,
  NegExpressionContext,
  NewExpressionContext,
  PostOpExpressionContext,
  PreOpExpressionContext,
  PrimaryExpressionContext,
  SoqlPrimaryContext,
  SoslPrimaryContext,
  SubExpressionContext,
  SuperPrimaryContext,
  ThisPrimaryContext,
  TypeRefPrimaryContext,
  VoidPrimaryContext,
  type CreatorContext,
  type ExpressionContext,
  type ExpressionListContext,
  type LiteralContext,
  type MethodCallContext,
  type PrimaryContext
} from '@apexdevtools/apex-parser';
import type { ApexParserRuleContext as ParserRuleContext } from '@apexdevtools/apex-parser';
import { buildSoql, buildSosl } from './build-soql.ts';
import { buildTypeList, buildTypeRef } from './build-types.ts';
import { has, opt, type BuildContext } from './context.ts';
import type { AssignOp, BinaryOp, Expr, LiteralExpr, NewExpr, Pos, TypeRef } from './nodes.ts';

/** Decodes an Apex string literal (quotes included) per the Apex escape sequences. */
export function decodeStringLiteral(raw: string): string {
  const body = raw.startsWith("'''") ? raw.slice(3, -3).replace(/^\r?\n/, '') : raw.slice(1, -1);
  return body.replace(/\\(u[0-9a-fA-F]{4}|.)/gs, (_m, esc: string) => {
    if (esc.length === 5) {
      return String.fromCharCode(parseInt(esc.slice(1), 16));
    }
    const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' };
    return map[esc.toLowerCase()] ?? esc;
  });
}

export function buildLiteral(b: BuildContext, ctx: LiteralContext): LiteralExpr {
  const pos = b.pos(ctx);
  const text = ctx.getText();
  if (has(ctx.IntegerLiteral())) {
    return { kind: 'literal', pos, type: 'Integer', value: text };
  }
  if (has(ctx.LongLiteral())) {
    return { kind: 'literal', pos, type: 'Long', value: text.slice(0, -1) };
  }
  if (has(ctx.NumberLiteral())) {
    const isDouble = /d$/i.test(text);
    return { kind: 'literal', pos, type: isDouble ? 'Double' : 'Decimal', value: isDouble ? text.slice(0, -1) : text };
  }
  if (has(ctx.StringLiteral()) || has(ctx.MultilineStringLiteral())) {
    return { kind: 'literal', pos, type: 'String', value: decodeStringLiteral(text) };
  }
  if (has(ctx.BooleanLiteral())) {
    return { kind: 'literal', pos, type: 'Boolean', value: text.toLowerCase() };
  }
  return { kind: 'literal', pos, type: 'Null', value: 'null' };
}

const placeholder = (pos: Pos): Expr => ({ kind: 'literal', pos, type: 'Null', value: 'null' });

export function buildExpressionList(b: BuildContext, ctx: ExpressionListContext | undefined): Expr[] {
  return ctx ? ctx.expression_list().map((e) => buildExpression(b, e)) : [];
}

function binary(
  b: BuildContext,
  ctx: ParserRuleContext & { expression(i: number): ExpressionContext },
  op: BinaryOp
): Expr {
  return {
    kind: 'binary',
    pos: b.pos(ctx),
    op,
    left: buildExpression(b, ctx.expression(0)),
    right: buildExpression(b, ctx.expression(1))
  };
}

/** The operator token between the two operands of a binary expression, e.g. '>=' or '>>>'. */
function operatorText(ctx: ParserRuleContext & { expression(i: number): ExpressionContext }): string {
  const left = ctx.expression(0);
  const right = ctx.expression(1);
  const parts: string[] = [];
  for (let i = 0; i < ctx.getChildCount(); i++) {
    const child = ctx.getChild(i);
    if (child !== left && child !== right) {
      parts.push(child.getText());
    }
  }
  return parts.join('');
}

export function buildExpression(b: BuildContext, ctx: ExpressionContext): Expr {
  const pos = b.pos(ctx);
  if (ctx instanceof PrimaryExpressionContext) {
    return buildPrimary(b, ctx.primary());
  }
  if (ctx instanceof DotExpressionContext) {
    const target = buildExpression(b, ctx.expression());
    const safe = has(ctx.QUESTIONDOT());
    const call = opt(ctx.dotMethodCall());
    if (call) {
      const args = buildExpressionList(b, opt(call.expressionList()));
      const name = call.anyId().getText();
      return { kind: 'call', pos: b.pos(call), target, name, lower: name.toLowerCase(), args, safe };
    }
    const name = ctx.anyId().getText();
    return { kind: 'field', pos: b.pos(ctx.anyId()), target, name, lower: name.toLowerCase(), safe };
  }
  if (ctx instanceof ArrayExpressionContext) {
    return {
      kind: 'index',
      pos,
      target: buildExpression(b, ctx.expression(0)),
      index: buildExpression(b, ctx.expression(1))
    };
  }
  if (ctx instanceof MethodCallExpressionContext) {
    return buildMethodCall(b, ctx.methodCall());
  }
  if (ctx instanceof NewExpressionContext) {
    return buildCreator(b, ctx.creator());
  }
  if (ctx instanceof CastExpressionContext) {
    return { kind: 'cast', pos, type: buildTypeRefFromCtx(b, ctx), expr: buildExpression(b, ctx.expression()) };
  }
  if (ctx instanceof SubExpressionContext) {
    return buildExpression(b, ctx.expression());
  }
  if (ctx instanceof PostOpExpressionContext) {
    const op = has(ctx.INC()) ? '++' : '--';
    return { kind: 'incDec', pos, op, prefix: false, target: buildExpression(b, ctx.expression()) };
  }
  if (ctx instanceof PreOpExpressionContext) {
    const expr = buildExpression(b, ctx.expression());
    if (has(ctx.INC()) || has(ctx.DEC())) {
      return { kind: 'incDec', pos, op: has(ctx.INC()) ? '++' : '--', prefix: true, target: expr };
    }
    return { kind: 'unary', pos, op: has(ctx.SUB()) ? '-' : '+', expr };
  }
  if (ctx instanceof NegExpressionContext) {
    return { kind: 'unary', pos, op: has(ctx.BANG()) ? '!' : '~', expr: buildExpression(b, ctx.expression()) };
  }
  if (ctx instanceof Arth1ExpressionContext) {
    return binary(b, ctx, has(ctx.MUL()) ? '*' : '/');
  }
  if (ctx instanceof Arth2ExpressionContext) {
    return binary(b, ctx, has(ctx.ADD()) ? '+' : '-');
  }
  if (ctx instanceof BitExpressionContext) {
    return binary(b, ctx, operatorText(ctx) as BinaryOp);
  }
  if (ctx instanceof CmpExpressionContext) {
    return binary(b, ctx, operatorText(ctx) as BinaryOp);
  }
  if (ctx instanceof InstanceOfExpressionContext) {
    return { kind: 'instanceOf', pos, expr: buildExpression(b, ctx.expression()), type: buildTypeRefFromCtx(b, ctx) };
  }
  if (ctx instanceof EqualityExpressionContext) {
    const op = operatorText(ctx);
    return binary(b, ctx, (op === '<>' ? '!=' : op) as BinaryOp);
  }
  if (ctx instanceof BitAndExpressionContext) {
    return binary(b, ctx, '&');
  }
  if (ctx instanceof BitNotExpressionContext) {
    return binary(b, ctx, '^');
  }
  if (ctx instanceof BitOrExpressionContext) {
    return binary(b, ctx, '|');
  }
  if (ctx instanceof LogAndExpressionContext) {
    return binary(b, ctx, '&&');
  }
  if (ctx instanceof LogOrExpressionContext) {
    return binary(b, ctx, '||');
  }
  if (ctx instanceof CoalExpressionContext) {
    return binary(b, ctx, '??');
  }
  if (ctx instanceof CondExpressionContext) {
    return {
      kind: 'ternary',
      pos,
      condition: buildExpression(b, ctx.expression(0)),
      then: buildExpression(b, ctx.expression(1)),
      otherwise: buildExpression(b, ctx.expression(2))
    };
  }
  if (ctx instanceof AssignExpressionContext) {
    return {
      kind: 'assign',
      pos,
      op: operatorText(ctx) as AssignOp,
      target: buildExpression(b, ctx.expression(0)),
      value: buildExpression(b, ctx.expression(1))
    };
  }
  b.unsupported(ctx, `expression '${ctx.getText()}'`);
  return placeholder(pos);
}

function buildTypeRefFromCtx(b: BuildContext, ctx: CastExpressionContext | InstanceOfExpressionContext): TypeRef {
  return buildTypeRef(b, ctx.typeRef());
}

function buildPrimary(b: BuildContext, ctx: PrimaryContext): Expr {
  const pos = b.pos(ctx);
  if (ctx instanceof ThisPrimaryContext) {
    return { kind: 'this', pos };
  }
  if (ctx instanceof SuperPrimaryContext) {
    return { kind: 'super', pos };
  }
  if (ctx instanceof LiteralPrimaryContext) {
    return buildLiteral(b, ctx.literal());
  }
  if (ctx instanceof IdPrimaryContext) {
    const name = ctx.id().getText();
    return { kind: 'name', pos, name, lower: name.toLowerCase() };
  }
  if (ctx instanceof TypeRefPrimaryContext) {
    return { kind: 'classLiteral', pos, type: buildTypeRef(b, ctx.typeRef()) };
  }
  if (ctx instanceof VoidPrimaryContext) {
    b.unsupported(ctx, 'void.class');
  } else if (ctx instanceof SoqlPrimaryContext) {
    return buildSoql(b, ctx.soqlLiteral());
  } else if (ctx instanceof SoslPrimaryContext) {
    return buildSosl(b, ctx.soslLiteral());
  } else {
    b.unsupported(ctx, `expression '${ctx.getText()}'`);
  }
  return placeholder(pos);
}

function buildMethodCall(b: BuildContext, ctx: MethodCallContext): Expr {
  const pos = b.pos(ctx);
  const args = buildExpressionList(b, opt(ctx.expressionList()));
  if (has(ctx.THIS())) {
    return { kind: 'ctorCall', pos, which: 'this', args };
  }
  if (has(ctx.SUPER())) {
    return { kind: 'ctorCall', pos, which: 'super', args };
  }
  const name = ctx.id().getText();
  return { kind: 'call', pos, name, lower: name.toLowerCase(), args, safe: false };
}

function buildCreator(b: BuildContext, ctx: CreatorContext): NewExpr {
  const pos = b.pos(ctx);
  const pairs = ctx.createdName().idCreatedNamePair_list();
  const names = pairs.map((p) => p.anyId().getText());
  let args: TypeRef[] = [];
  pairs.forEach((p, i) => {
    const list = opt(p.typeList());
    if (list) {
      if (i !== pairs.length - 1) {
        b.unsupported(p, 'type arguments on a qualifier');
      }
      args = buildTypeList(b, list);
    }
  });
  const type: TypeRef = { names, args, arrayDims: 0, pos };
  if (opt(ctx.noRest())) {
    return { kind: 'new', pos, type, elements: [] };
  }
  const classRest = opt(ctx.classCreatorRest());
  if (classRest) {
    return { kind: 'new', pos, type, args: buildExpressionList(b, opt(classRest.arguments().expressionList())) };
  }
  const arrayRest = opt(ctx.arrayCreatorRest());
  if (arrayRest) {
    const arrayType: TypeRef = { ...type, arrayDims: 1 };
    const size = opt(arrayRest.expression());
    if (size) {
      return { kind: 'new', pos, type: arrayType, size: buildExpression(b, size) };
    }
    const init = opt(arrayRest.arrayInitializer());
    return {
      kind: 'new',
      pos,
      type: arrayType,
      elements: init ? init.expression_list().map((e) => buildExpression(b, e)) : []
    };
  }
  const mapRest = opt(ctx.mapCreatorRest());
  if (mapRest) {
    const entries = mapRest
      .mapCreatorRestPair_list()
      .map((p): [Expr, Expr] => [buildExpression(b, p.expression(0)), buildExpression(b, p.expression(1))]);
    return { kind: 'new', pos, type, entries };
  }
  const setRest = opt(ctx.setCreatorRest());
  if (setRest) {
    return { kind: 'new', pos, type, elements: setRest.expression_list().map((e) => buildExpression(b, e)) };
  }
  b.unsupported(ctx, `creation '${ctx.getText()}'`);
  return { kind: 'new', pos, type, args: [] };
}
