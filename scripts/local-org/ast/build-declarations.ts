import type {
  ClassBodyDeclarationContext,
  ClassDeclarationContext,
  EnumDeclarationContext,
  FormalParametersContext,
  InterfaceDeclarationContext,
  ModifierContext,
  PropertyDeclarationContext,
  TypeDeclarationContext
} from '@apexdevtools/apex-parser';
import type { ApexParserRuleContext as ParserRuleContext } from '@apexdevtools/apex-parser';
import { buildBlock, buildDeclarators } from './build-statements.ts';
import { buildTypeList, buildTypeRef } from './build-types.ts';
import { has, opt, type BuildContext } from './context.ts';
import type {
  Accessor,
  Annotation,
  ClassDecl,
  EnumDecl,
  InterfaceDecl,
  Member,
  Modifiers,
  Param,
  PropertyDecl,
  TypeDecl
} from './nodes.ts';

function buildAnnotation(b: BuildContext, ctx: ModifierContext): Annotation {
  const a = ctx.annotation();
  const params = new Map<string, string>();
  const pairs = opt(a.elementValuePairs());
  if (pairs) {
    for (const pair of pairs.elementValuePair_list()) {
      params.set(pair.id().getText().toLowerCase(), pair.elementValue().getText());
    }
  }
  const single = opt(a.elementValue());
  if (single) {
    params.set('value', single.getText());
  }
  const name = a.getText().slice(1).replace(/\(.*$/s, '');
  return { name, params, pos: b.pos(a) };
}

export function buildModifiers(b: BuildContext, list: ModifierContext[]): Modifiers {
  const m: Modifiers = {
    annotations: [],
    isStatic: false,
    isAbstract: false,
    isVirtual: false,
    isOverride: false,
    isFinal: false,
    isTransient: false,
    isTestMethod: false,
    isWebservice: false
  };
  for (const ctx of list) {
    if (opt(ctx.annotation())) {
      m.annotations.push(buildAnnotation(b, ctx));
      continue;
    }
    const text = ctx.getText().toLowerCase();
    if (text === 'global' || text === 'public' || text === 'protected' || text === 'private') {
      m.access = text;
    } else if (text === 'withsharing') {
      m.sharing = 'with';
    } else if (text === 'withoutsharing') {
      m.sharing = 'without';
    } else if (text === 'inheritedsharing') {
      m.sharing = 'inherited';
    } else if (text === 'static') {
      m.isStatic = true;
    } else if (text === 'abstract') {
      m.isAbstract = true;
    } else if (text === 'virtual') {
      m.isVirtual = true;
    } else if (text === 'override') {
      m.isOverride = true;
    } else if (text === 'final') {
      m.isFinal = true;
    } else if (text === 'transient') {
      m.isTransient = true;
    } else if (text === 'testmethod') {
      m.isTestMethod = true;
    } else if (text === 'webservice') {
      m.isWebservice = true;
    } else {
      b.unsupported(ctx, `modifier '${ctx.getText()}'`);
    }
  }
  return m;
}

export function hasAnnotation(m: Modifiers, name: string): boolean {
  return m.annotations.some((a) => a.name.toLowerCase() === name.toLowerCase());
}

function buildParams(b: BuildContext, ctx: FormalParametersContext): Param[] {
  const list = opt(ctx.formalParameterList());
  if (!list) {
    return [];
  }
  return list.formalParameter_list().map((p) => {
    for (const mod of p.modifier_list()) {
      if (mod.getText().toLowerCase() !== 'final') {
        b.unsupported(mod, `modifier '${mod.getText()}' on a parameter`);
      }
    }
    return { type: buildTypeRef(b, p.typeRef()), name: p.id().getText(), pos: b.pos(p) };
  });
}

export function buildTypeDeclaration(b: BuildContext, ctx: TypeDeclarationContext): TypeDecl {
  const modifiers = buildModifiers(b, ctx.modifier_list());
  const cls = opt(ctx.classDeclaration());
  if (cls) {
    return buildClass(b, cls, modifiers);
  }
  const en = opt(ctx.enumDeclaration());
  if (en) {
    return buildEnum(b, en, modifiers);
  }
  return buildInterface(b, ctx.interfaceDeclaration(), modifiers);
}

function buildEnum(b: BuildContext, ctx: EnumDeclarationContext, modifiers: Modifiers): EnumDecl {
  const constants = opt(ctx.enumConstants());
  return {
    kind: 'enum',
    name: ctx.id().getText(),
    pos: b.pos(ctx),
    modifiers,
    values: constants ? constants.id_list().map((i) => i.getText()) : []
  };
}

function buildInterface(b: BuildContext, ctx: InterfaceDeclarationContext, modifiers: Modifiers): InterfaceDecl {
  const ext = opt(ctx.typeList());
  return {
    kind: 'interface',
    name: ctx.id().getText(),
    pos: b.pos(ctx),
    modifiers,
    extendsTypes: ext ? buildTypeList(b, ext) : [],
    methods: ctx
      .interfaceBody()
      .interfaceMethodDeclaration_list()
      .map((m) => {
        const typeRef = opt(m.typeRef());
        return {
          kind: 'method',
          pos: b.pos(m),
          modifiers: buildModifiers(b, m.modifier_list()),
          name: m.id().getText(),
          params: buildParams(b, m.formalParameters()),
          ...(typeRef ? { returnType: buildTypeRef(b, typeRef) } : {})
        };
      })
  };
}

function buildClass(b: BuildContext, ctx: ClassDeclarationContext, modifiers: Modifiers): ClassDecl {
  const ext = opt(ctx.typeRef());
  const impl = opt(ctx.typeList());
  const name = ctx.id().getText();
  return {
    kind: 'class',
    name,
    pos: b.pos(ctx),
    modifiers,
    implementsTypes: impl ? buildTypeList(b, impl) : [],
    members: ctx
      .classBody()
      .classBodyDeclaration_list()
      .flatMap((d) => buildMember(b, d, name)),
    ...(ext ? { extendsType: buildTypeRef(b, ext) } : {})
  };
}

function buildMember(b: BuildContext, ctx: ClassBodyDeclarationContext, className: string): Member[] {
  const pos = b.pos(ctx);
  const block = opt(ctx.block());
  if (block) {
    return [{ kind: 'initializer', pos, isStatic: has(ctx.STATIC()), body: buildBlock(b, block) }];
  }
  const decl = opt(ctx.memberDeclaration());
  if (!decl) {
    return [];
  }
  const modifiers = buildModifiers(b, ctx.modifier_list());
  const method = opt(decl.methodDeclaration());
  if (method) {
    const typeRef = opt(method.typeRef());
    const body = opt(method.block());
    return [
      {
        kind: 'method',
        pos: b.pos(method),
        modifiers,
        name: method.id().getText(),
        params: buildParams(b, method.formalParameters()),
        ...(typeRef ? { returnType: buildTypeRef(b, typeRef) } : {}),
        ...(body ? { body: buildBlock(b, body) } : {})
      }
    ];
  }
  const ctor = opt(decl.constructorDeclaration());
  if (ctor) {
    const ctorName = ctor.qualifiedName().getText();
    if (ctorName.toLowerCase() !== className.toLowerCase()) {
      b.unsupported(ctor, `method '${ctorName}' without a return type`);
    }
    return [
      {
        kind: 'constructor',
        pos: b.pos(ctor),
        modifiers,
        params: buildParams(b, ctor.formalParameters()),
        body: buildBlock(b, ctor.block())
      }
    ];
  }
  const field = opt(decl.fieldDeclaration());
  if (field) {
    return [
      {
        kind: 'field',
        pos: b.pos(field),
        modifiers,
        type: buildTypeRef(b, field.typeRef()),
        declarators: buildDeclarators(b, field.variableDeclarators())
      }
    ];
  }
  const prop = opt(decl.propertyDeclaration());
  if (prop) {
    return [buildProperty(b, prop, modifiers)];
  }
  const innerCls = opt(decl.classDeclaration());
  const innerEnum = opt(decl.enumDeclaration());
  const innerIface = opt(decl.interfaceDeclaration());
  const inner: TypeDecl | undefined = innerCls
    ? buildClass(b, innerCls, modifiers)
    : innerEnum
      ? buildEnum(b, innerEnum, modifiers)
      : innerIface
        ? buildInterface(b, innerIface, modifiers)
        : undefined;
  if (inner) {
    return [{ kind: 'innerType', pos, decl: inner }];
  }
  b.unsupported(decl as ParserRuleContext, `member '${decl.getText()}'`);
  return [];
}

function buildProperty(b: BuildContext, ctx: PropertyDeclarationContext, modifiers: Modifiers): PropertyDecl {
  const prop: PropertyDecl = {
    kind: 'property',
    pos: b.pos(ctx),
    modifiers,
    type: buildTypeRef(b, ctx.typeRef()),
    name: ctx.id().getText()
  };
  for (const block of ctx.propertyBlock_list()) {
    const getter = opt(block.getter());
    const setter = opt(block.setter());
    const part = getter ?? setter;
    if (!part) {
      continue;
    }
    const body = opt(part.block());
    const accessor: Accessor = {
      modifiers: buildModifiers(b, block.modifier_list()),
      pos: b.pos(block),
      ...(body ? { body: buildBlock(b, body) } : {})
    };
    if (getter) {
      prop.getter = accessor;
    } else {
      prop.setter = accessor;
    }
  }
  return prop;
}
