import type {
  AccessLevelContext,
  BlockContext,
  DeleteStatementContext,
  InsertStatementContext,
  UpdateStatementContext,
  ForStatementContext,
  LocalVariableDeclarationContext,
  StatementContext,
  SwitchStatementContext,
  TryStatementContext,
  VariableDeclaratorsContext,
  WhenLiteralContext
} from '@apexdevtools/apex-parser';
import { buildExpression, buildExpressionList, decodeStringLiteral } from './build-expressions.ts';
import { buildTypeRef } from './build-types.ts';
import { opt, type BuildContext } from './context.ts';
import type {
  Block,
  DmlOp,
  DmlStmt,
  ForStmt,
  LocalVarStmt,
  Stmt,
  SwitchStmt,
  TryStmt,
  VarDeclarator,
  WhenLiteral
} from './nodes.ts';

export function buildBlock(b: BuildContext, ctx: BlockContext): Block {
  return { kind: 'block', pos: b.pos(ctx), statements: ctx.statement_list().map((s) => buildStatement(b, s)) };
}

export function buildDeclarators(b: BuildContext, ctx: VariableDeclaratorsContext): VarDeclarator[] {
  return ctx.variableDeclarator_list().map((d) => {
    const init = opt(d.expression());
    return { name: d.id().getText(), pos: b.pos(d), ...(init ? { init: buildExpression(b, init) } : {}) };
  });
}

function buildLocalVar(b: BuildContext, ctx: LocalVariableDeclarationContext): LocalVarStmt {
  for (const m of ctx.modifier_list()) {
    if (m.getText().toLowerCase() !== 'final') {
      b.unsupported(m, `modifier '${m.getText()}' on a local variable`);
    }
  }
  return {
    kind: 'localVar',
    pos: b.pos(ctx),
    type: buildTypeRef(b, ctx.typeRef()),
    declarators: buildDeclarators(b, ctx.variableDeclarators())
  };
}

const optStatement = (b: BuildContext, ctx: StatementContext | undefined): Stmt | undefined =>
  ctx ? buildStatement(b, ctx) : undefined;

export function buildStatement(b: BuildContext, ctx: StatementContext): Stmt {
  const pos = b.pos(ctx);
  const block = opt(ctx.block());
  if (block) {
    return buildBlock(b, block);
  }
  const local = opt(ctx.localVariableDeclarationStatement());
  if (local) {
    return buildLocalVar(b, local.localVariableDeclaration());
  }
  const exprStmt = opt(ctx.expressionStatement());
  if (exprStmt) {
    return { kind: 'expr', pos, expr: buildExpression(b, exprStmt.expression()) };
  }
  const ifs = opt(ctx.ifStatement());
  if (ifs) {
    const otherwise = optStatement(b, opt(ifs.statement(1)));
    return {
      kind: 'if',
      pos,
      condition: buildExpression(b, ifs.parExpression().expression()),
      then: buildStatement(b, ifs.statement(0)),
      ...(otherwise ? { otherwise } : {})
    };
  }
  const fors = opt(ctx.forStatement());
  if (fors) {
    return buildFor(b, fors);
  }
  const whiles = opt(ctx.whileStatement());
  if (whiles) {
    const body = optStatement(b, opt(whiles.statement()));
    return {
      kind: 'while',
      pos,
      condition: buildExpression(b, whiles.parExpression().expression()),
      ...(body ? { body } : {})
    };
  }
  const doWhile = opt(ctx.doWhileStatement());
  if (doWhile) {
    return {
      kind: 'doWhile',
      pos,
      body: buildBlock(b, doWhile.block()),
      condition: buildExpression(b, doWhile.parExpression().expression())
    };
  }
  const ret = opt(ctx.returnStatement());
  if (ret) {
    const value = opt(ret.expression());
    return { kind: 'return', pos, ...(value ? { value: buildExpression(b, value) } : {}) };
  }
  const thr = opt(ctx.throwStatement());
  if (thr) {
    return { kind: 'throw', pos, value: buildExpression(b, thr.expression()) };
  }
  if (opt(ctx.breakStatement())) {
    return { kind: 'break', pos };
  }
  if (opt(ctx.continueStatement())) {
    return { kind: 'continue', pos };
  }
  const tryS = opt(ctx.tryStatement());
  if (tryS) {
    return buildTry(b, tryS);
  }
  const sw = opt(ctx.switchStatement());
  if (sw) {
    return buildSwitch(b, sw);
  }
  const dml = buildDml(b, ctx);
  if (dml) {
    return dml;
  }
  const runAs = opt(ctx.runAsStatement());
  if (runAs) {
    return {
      kind: 'runAs',
      pos,
      args: buildExpressionList(b, opt(runAs.expressionList())),
      body: buildBlock(b, runAs.block())
    };
  }
  const unsupportedKinds: [unknown, string][] = [[opt(ctx.mergeStatement()), 'DML merge statement']];
  const found = unsupportedKinds.find(([node]) => node !== undefined);
  b.unsupported(ctx, found ? found[1] : `statement '${ctx.getText()}'`);
  return { kind: 'block', pos, statements: [] };
}

function accessLevel(ctx: AccessLevelContext | undefined): { accessLevel?: 'user' | 'system' } {
  if (!ctx) {
    return {};
  }
  return { accessLevel: opt(ctx.USER()) ? 'user' : 'system' };
}

function buildDml(b: BuildContext, ctx: StatementContext): DmlStmt | undefined {
  const pos = b.pos(ctx);
  const simple: [DmlOp, InsertStatementContext | UpdateStatementContext | DeleteStatementContext | undefined][] = [
    ['insert', opt(ctx.insertStatement())],
    ['update', opt(ctx.updateStatement())],
    ['delete', opt(ctx.deleteStatement())]
  ];
  for (const [op, s] of simple) {
    if (s) {
      return { kind: 'dml', pos, op, target: buildExpression(b, s.expression()), ...accessLevel(opt(s.accessLevel())) };
    }
  }
  const undelete = opt(ctx.undeleteStatement());
  if (undelete) {
    return { kind: 'dml', pos, op: 'undelete', target: buildExpression(b, undelete.expression()) };
  }
  const upsert = opt(ctx.upsertStatement());
  if (upsert) {
    const field = opt(upsert.qualifiedName());
    return {
      kind: 'dml',
      pos,
      op: 'upsert',
      target: buildExpression(b, upsert.expression()),
      ...accessLevel(opt(upsert.accessLevel())),
      ...(field ? { externalIdField: field.id_list().map((i) => i.getText()) } : {})
    };
  }
  return undefined;
}

function buildFor(b: BuildContext, ctx: ForStatementContext): Stmt {
  const pos = b.pos(ctx);
  const control = ctx.forControl();
  const body = optStatement(b, opt(ctx.statement()));
  const enhanced = opt(control.enhancedForControl());
  if (enhanced) {
    return {
      kind: 'forEach',
      pos,
      type: buildTypeRef(b, enhanced.typeRef()),
      name: enhanced.id().getText(),
      iterable: buildExpression(b, enhanced.expression()),
      ...(body ? { body } : {})
    };
  }
  const init = opt(control.forInit());
  const local = init ? opt(init.localVariableDeclaration()) : undefined;
  const condition = opt(control.expression());
  const update = opt(control.forUpdate());
  const stmt: ForStmt = {
    kind: 'for',
    pos,
    update: update ? buildExpressionList(b, update.expressionList()) : [],
    ...(body ? { body } : {}),
    ...(condition ? { condition: buildExpression(b, condition) } : {})
  };
  if (local) {
    stmt.init = buildLocalVar(b, local);
  } else if (init) {
    stmt.init = buildExpressionList(b, init.expressionList());
  }
  return stmt;
}

function buildTry(b: BuildContext, ctx: TryStatementContext): TryStmt {
  const fin = opt(ctx.finallyBlock());
  return {
    kind: 'try',
    pos: b.pos(ctx),
    body: buildBlock(b, ctx.block()),
    catches: ctx.catchClause_list().map((c) => ({
      pos: b.pos(c),
      typeNames: c
        .qualifiedName()
        .id_list()
        .map((i) => i.getText()),
      name: c.id().getText(),
      body: buildBlock(b, c.block())
    })),
    ...(fin ? { finallyBlock: buildBlock(b, fin.block()) } : {})
  };
}

function buildWhenLiteral(b: BuildContext, ctx: WhenLiteralContext): WhenLiteral {
  const inner = opt(ctx.whenLiteral());
  if (inner) {
    return buildWhenLiteral(b, inner);
  }
  const pos = b.pos(ctx);
  if (opt(ctx.NULL())) {
    return { kind: 'null' };
  }
  const qualified = opt(ctx.qualifiedName());
  if (qualified) {
    const ids = qualified.id_list();
    if (ids.length !== 1) {
      b.unsupported(ctx, `qualified when value '${ctx.getText()}' (enum values are written unqualified)`);
    }
    return { kind: 'enumValue', name: (ids[ids.length - 1] ?? qualified).getText(), pos };
  }
  const str = opt(ctx.StringLiteral()) ?? opt(ctx.MultilineStringLiteral());
  if (str) {
    return {
      kind: 'literal',
      expr: { kind: 'literal', pos, type: 'String', value: decodeStringLiteral(str.getText()) }
    };
  }
  const negative = ctx.SUB_list().length % 2 === 1;
  const longLit = opt(ctx.LongLiteral());
  const digits = (longLit ? longLit.getText().slice(0, -1) : ctx.IntegerLiteral().getText()).replace(/^0+(?=\d)/, '');
  return {
    kind: 'literal',
    expr: { kind: 'literal', pos, type: longLit ? 'Long' : 'Integer', value: `${negative ? '-' : ''}${digits}` }
  };
}

function buildSwitch(b: BuildContext, ctx: SwitchStatementContext): SwitchStmt {
  return {
    kind: 'switch',
    pos: b.pos(ctx),
    subject: buildExpression(b, ctx.expression()),
    whens: ctx.whenControl_list().map((w) => {
      const v = w.whenValue();
      const body = buildBlock(b, w.block());
      const pos = b.pos(w);
      if (opt(v.ELSE())) {
        return { pos, value: { kind: 'else' }, body };
      }
      const typeRef = opt(v.typeRef());
      if (typeRef) {
        return { pos, value: { kind: 'type', type: buildTypeRef(b, typeRef), name: v.id().getText() }, body };
      }
      return { pos, value: { kind: 'values', values: v.whenLiteral_list().map((l) => buildWhenLiteral(b, l)) }, body };
    })
  };
}
