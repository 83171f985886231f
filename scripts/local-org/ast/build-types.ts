import type { TypeListContext, TypeRefContext } from '@apexdevtools/apex-parser';
import { opt, type BuildContext } from './context.ts';
import type { TypeRef } from './nodes.ts';

export function buildTypeRef(b: BuildContext, ctx: TypeRefContext): TypeRef {
  const parts = ctx.typeName_list();
  const names: string[] = [];
  let args: TypeRef[] = [];
  parts.forEach((part, i) => {
    const id = opt(part.id());
    names.push(id ? id.getText() : (opt(part.LIST()) ?? opt(part.SET()) ?? part.MAP()).getText());
    const typeArgs = opt(part.typeArguments());
    if (typeArgs) {
      if (i !== parts.length - 1) {
        b.unsupported(part, `type arguments on a qualifier of '${ctx.getText()}'`);
      }
      args = buildTypeList(b, typeArgs.typeList());
    }
  });
  const arrayDims = ctx.arraySubscripts().LBRACK_list().length;
  return { names, args, arrayDims, pos: b.pos(ctx) };
}

export function buildTypeList(b: BuildContext, ctx: TypeListContext): TypeRef[] {
  return ctx.typeRef_list().map((t) => buildTypeRef(b, t));
}

/** Renders a type reference like the source wrote it, for messages. */
export function typeRefText(t: TypeRef): string {
  const args = t.args.length > 0 ? `<${t.args.map(typeRefText).join(', ')}>` : '';
  return `${t.names.join('.')}${args}${'[]'.repeat(t.arrayDims)}`;
}
