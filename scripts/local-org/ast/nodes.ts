import type { Query } from '@jetstreamapp/soql-parser-js';
import type { ParsedSosl } from './sosl-parse.ts';

/**
 * The local org runtime's own typed AST for Apex. Built from the ANTLR parse tree by `build-*.ts`; every node keeps
 * its source position so runtime errors and stack traces can name `file:line`. Identifiers keep their source spelling;
 * lookups lower-case them because Apex identifiers are case-insensitive.
 */

export interface Pos {
  file: string;
  line: number;
  /** 1-based, like the platform's stack traces ("line 3, column 5"). */
  column: number;
}

/** `List<String>`, `Map<Id, Account>`, `Outer.Inner`, `String[]` (arrayDims 1). */
export interface TypeRef {
  /** Dotted name parts, e.g. ['System', 'Type'] or ['Outer', 'Inner']. */
  names: string[];
  /** Type arguments of the last name part. */
  args: TypeRef[];
  arrayDims: number;
  pos: Pos;
}

export interface Annotation {
  name: string;
  /** Lower-cased parameter names → raw source text of the value. */
  params: Map<string, string>;
  pos: Pos;
}

export type Access = 'global' | 'public' | 'protected' | 'private';
export type Sharing = 'with' | 'without' | 'inherited';

export interface Modifiers {
  annotations: Annotation[];
  access?: Access;
  sharing?: Sharing;
  isStatic: boolean;
  isAbstract: boolean;
  isVirtual: boolean;
  isOverride: boolean;
  isFinal: boolean;
  isTransient: boolean;
  isTestMethod: boolean;
  isWebservice: boolean;
}

// ─── Declarations ────────────────────────────────────────────────────────────

export type TypeDecl = ClassDecl | InterfaceDecl | EnumDecl;

export interface ClassDecl {
  kind: 'class';
  name: string;
  pos: Pos;
  modifiers: Modifiers;
  extendsType?: TypeRef;
  implementsTypes: TypeRef[];
  /** Fields, properties, methods, constructors, initialiser blocks and inner types in source order. */
  members: Member[];
}

export interface InterfaceDecl {
  kind: 'interface';
  name: string;
  pos: Pos;
  modifiers: Modifiers;
  extendsTypes: TypeRef[];
  methods: MethodDecl[];
}

export interface EnumDecl {
  kind: 'enum';
  name: string;
  pos: Pos;
  modifiers: Modifiers;
  values: string[];
}

export type Member = FieldDecl | PropertyDecl | MethodDecl | ConstructorDecl | InitializerDecl | InnerTypeDecl;

export interface FieldDecl {
  kind: 'field';
  pos: Pos;
  modifiers: Modifiers;
  type: TypeRef;
  declarators: VarDeclarator[];
}

export interface VarDeclarator {
  name: string;
  init?: Expr;
  pos: Pos;
}

export interface Accessor {
  modifiers: Modifiers;
  /** Absent for an automatic accessor (`get;`). */
  body?: Block;
  pos: Pos;
}

export interface PropertyDecl {
  kind: 'property';
  pos: Pos;
  modifiers: Modifiers;
  type: TypeRef;
  name: string;
  getter?: Accessor;
  setter?: Accessor;
}

export interface Param {
  type: TypeRef;
  name: string;
  pos: Pos;
}

export interface MethodDecl {
  kind: 'method';
  pos: Pos;
  modifiers: Modifiers;
  /** undefined for `void`. */
  returnType?: TypeRef;
  name: string;
  params: Param[];
  /** Absent for abstract and interface methods. */
  body?: Block;
}

export interface ConstructorDecl {
  kind: 'constructor';
  pos: Pos;
  modifiers: Modifiers;
  params: Param[];
  body: Block;
}

export interface InitializerDecl {
  kind: 'initializer';
  pos: Pos;
  isStatic: boolean;
  body: Block;
}

export interface InnerTypeDecl {
  kind: 'innerType';
  pos: Pos;
  decl: TypeDecl;
}

// ─── Statements ──────────────────────────────────────────────────────────────

export type Stmt =
  | Block
  | LocalVarStmt
  | ExprStmt
  | IfStmt
  | ForStmt
  | ForEachStmt
  | WhileStmt
  | DoWhileStmt
  | ReturnStmt
  | ThrowStmt
  | BreakStmt
  | ContinueStmt
  | TryStmt
  | SwitchStmt
  | DmlStmt
  | RunAsStmt;

export interface Block {
  kind: 'block';
  pos: Pos;
  statements: Stmt[];
}

export interface LocalVarStmt {
  kind: 'localVar';
  pos: Pos;
  type: TypeRef;
  declarators: VarDeclarator[];
}

export interface ExprStmt {
  kind: 'expr';
  pos: Pos;
  expr: Expr;
}

export interface IfStmt {
  kind: 'if';
  pos: Pos;
  condition: Expr;
  then: Stmt;
  otherwise?: Stmt;
}

export interface ForStmt {
  kind: 'for';
  pos: Pos;
  init?: LocalVarStmt | Expr[];
  condition?: Expr;
  update: Expr[];
  body?: Stmt;
}

export interface ForEachStmt {
  kind: 'forEach';
  pos: Pos;
  type: TypeRef;
  name: string;
  iterable: Expr;
  body?: Stmt;
}

export interface WhileStmt {
  kind: 'while';
  pos: Pos;
  condition: Expr;
  body?: Stmt;
}

export interface DoWhileStmt {
  kind: 'doWhile';
  pos: Pos;
  body: Block;
  condition: Expr;
}

export interface ReturnStmt {
  kind: 'return';
  pos: Pos;
  value?: Expr;
}

export interface ThrowStmt {
  kind: 'throw';
  pos: Pos;
  value: Expr;
}

export interface BreakStmt {
  kind: 'break';
  pos: Pos;
}

export interface ContinueStmt {
  kind: 'continue';
  pos: Pos;
}

export interface CatchClause {
  pos: Pos;
  /** Dotted exception type name, e.g. ['System', 'DmlException'] or ['Exception']. */
  typeNames: string[];
  name: string;
  body: Block;
}

export interface TryStmt {
  kind: 'try';
  pos: Pos;
  body: Block;
  catches: CatchClause[];
  finallyBlock?: Block;
}

export type WhenValue =
  { kind: 'else' } | { kind: 'values'; values: WhenLiteral[] } | { kind: 'type'; type: TypeRef; name: string };

export type WhenLiteral =
  | { kind: 'literal'; expr: LiteralExpr }
  | { kind: 'null' }
  /** An enum constant, written unqualified in `when` clauses. */
  | { kind: 'enumValue'; name: string; pos: Pos };

export interface WhenClause {
  pos: Pos;
  value: WhenValue;
  body: Block;
}

export interface SwitchStmt {
  kind: 'switch';
  pos: Pos;
  subject: Expr;
  whens: WhenClause[];
}

export type DmlOp = 'insert' | 'update' | 'upsert' | 'delete' | 'undelete';

/** `insert [as user|as system] records;`, `upsert records Schema.Task.MiiTel_Call_Id__c;`, … */
export interface DmlStmt {
  kind: 'dml';
  pos: Pos;
  op: DmlOp;
  target: Expr;
  /** `as user` / `as system`; absent means system mode (the DML statement default). */
  accessLevel?: 'user' | 'system';
  /** The external id field of an upsert, as written (e.g. ['Schema', 'Task', 'MiiTel_Call_Id__c']). */
  externalIdField?: string[];
}

/** `System.runAs(user) { … }`. */
export interface RunAsStmt {
  kind: 'runAs';
  pos: Pos;
  args: Expr[];
  body: Block;
}

// ─── Expressions ─────────────────────────────────────────────────────────────

export type Expr =
  | LiteralExpr
  | NameExpr
  | ThisExpr
  | SuperExpr
  | FieldExpr
  | CallExpr
  | CtorCallExpr
  | IndexExpr
  | NewExpr
  | CastExpr
  | UnaryExpr
  | IncDecExpr
  | BinaryExpr
  | TernaryExpr
  | InstanceOfExpr
  | AssignExpr
  | ClassLiteralExpr
  | SoqlExpr
  | SoslExpr;

export type LiteralType = 'Integer' | 'Long' | 'Decimal' | 'Double' | 'String' | 'Boolean' | 'Null';

export interface LiteralExpr {
  kind: 'literal';
  pos: Pos;
  type: LiteralType;
  /** Decoded value: the string's characters, the digits of a number ('1.50', '12'), 'true'/'false'. */
  value: string;
}

export interface NameExpr {
  kind: 'name';
  pos: Pos;
  name: string;
  /** `name` lower-cased (Apex names are case-insensitive): made once here, not on every evaluation. */
  lower: string;
}

export interface ThisExpr {
  kind: 'this';
  pos: Pos;
}

export interface SuperExpr {
  kind: 'super';
  pos: Pos;
}

export interface FieldExpr {
  kind: 'field';
  pos: Pos;
  target: Expr;
  name: string;
  /** `name` lower-cased. */
  lower: string;
  /** `?.` safe navigation. */
  safe: boolean;
}

export interface CallExpr {
  kind: 'call';
  pos: Pos;
  /** Absent for an unqualified call `foo(1)`. */
  target?: Expr;
  name: string;
  /** `name` lower-cased. */
  lower: string;
  args: Expr[];
  safe: boolean;
}

/** `this(...)` or `super(...)` as the first statement of a constructor. */
export interface CtorCallExpr {
  kind: 'ctorCall';
  pos: Pos;
  which: 'this' | 'super';
  args: Expr[];
}

export interface IndexExpr {
  kind: 'index';
  pos: Pos;
  target: Expr;
  index: Expr;
}

export interface NewExpr {
  kind: 'new';
  pos: Pos;
  type: TypeRef;
  /** `new Foo(a, b)`. */
  args?: Expr[];
  /** `new List<String>{'a'}`, `new Set<Integer>{1}`, `new String[]{'a'}`, `new List<String>{}`. */
  elements?: Expr[];
  /** `new Map<String, Integer>{'a' => 1}`. */
  entries?: [Expr, Expr][];
  /** `new String[3]`. */
  size?: Expr;
}

export interface CastExpr {
  kind: 'cast';
  pos: Pos;
  type: TypeRef;
  expr: Expr;
}

export interface UnaryExpr {
  kind: 'unary';
  pos: Pos;
  op: '-' | '+' | '!' | '~';
  expr: Expr;
}

export interface IncDecExpr {
  kind: 'incDec';
  pos: Pos;
  op: '++' | '--';
  prefix: boolean;
  target: Expr;
}

export type BinaryOp =
  | '+'
  | '-'
  | '*'
  | '/'
  | '<'
  | '>'
  | '<='
  | '>='
  | '=='
  | '!='
  | '==='
  | '!=='
  | '&&'
  | '||'
  | '??'
  | '&'
  | '|'
  | '^'
  | '<<'
  | '>>'
  | '>>>';

export interface BinaryExpr {
  kind: 'binary';
  pos: Pos;
  op: BinaryOp;
  left: Expr;
  right: Expr;
}

export interface TernaryExpr {
  kind: 'ternary';
  pos: Pos;
  condition: Expr;
  then: Expr;
  otherwise: Expr;
}

export interface InstanceOfExpr {
  kind: 'instanceOf';
  pos: Pos;
  expr: Expr;
  type: TypeRef;
}

export type AssignOp = '=' | '+=' | '-=' | '*=' | '/=' | '&=' | '|=' | '^=' | '<<=' | '>>=' | '>>>=';

export interface AssignExpr {
  kind: 'assign';
  pos: Pos;
  op: AssignOp;
  target: Expr;
  value: Expr;
}

/** `Foo.class`. */
export interface ClassLiteralExpr {
  kind: 'classLiteral';
  pos: Pos;
  type: TypeRef;
}

/**
 * An inline `[SELECT …]`. `text` is the query with every bind replaced by `:localOrgBindN` (N indexes `binds`); a bind in
 * LIMIT/OFFSET is replaced by a number (the SOQL parser takes only numbers there) and named by limitBind/offsetBind.
 * `query` is the parsed form (soql-parser-js), parsed once at load time.
 */
export interface SoqlExpr {
  kind: 'soql';
  pos: Pos;
  text: string;
  binds: Expr[];
  limitBind?: number;
  offsetBind?: number;
  query: Query;
  /** `… ALL ROWS`: deleted records (the recycle bin) are returned too. */
  allRows?: boolean;
  /** `… FOR UPDATE`: the returned records are locked until the transaction ends (data/row-locks.ts). */
  forUpdate?: boolean;
}

/**
 * An inline `[FIND … RETURNING …]`. `text` is the statement with every bind replaced by `:localOrgBindN` (N indexes
 * `binds`); `search` is its parsed form (ast/sosl-parse.ts), parsed once at load time.
 */
export interface SoslExpr {
  kind: 'sosl';
  pos: Pos;
  text: string;
  binds: Expr[];
  search: ParsedSosl;
}

/** One parsed `.cls` file. */
export interface CompilationUnit {
  file: string;
  type: TypeDecl;
  /** The class's source text (ApexClass.Body of the seeded ApexClass row). */
  source?: string;
}

export type TriggerEvent =
  | 'before insert'
  | 'before update'
  | 'before delete'
  | 'after insert'
  | 'after update'
  | 'after delete'
  | 'after undelete';

/** One parsed `.trigger` file: `trigger Name on Object (events) { statements }`. */
export interface TriggerUnit {
  file: string;
  name: string;
  object: string;
  events: TriggerEvent[];
  body: Block;
  pos: Pos;
}
