/**
 * The names `Type.forName(name)` accepts (Apex Reference Guide "Type Class": a fully qualified class name). Besides
 * classes and built-in types, the platform resolves collection names such as `Map<Id,Account>` or `List<String>`, which
 * public code passing on real orgs uses (apex-recipes' CollectionUtils: `Type.forName('Map<Id,' + objType + '>')`); the
 * docs do not list them (unverified beyond that). Unknown names give null, as for classes.
 */
import type { Interpreter } from '../interpreter/interpreter.ts';
import type { ApexType } from '../values/types.ts';

/** Splits `a,b<c,d>` at its top-level commas. */
function topLevelArgs(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '<') {
      depth++;
    } else if (ch === '>') {
      depth--;
    } else if (ch === ',' && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out.map((s) => s.trim());
}

/** The type named `text`, or undefined. */
export function typeForName(it: Interpreter, text: string): ApexType | undefined {
  const name = text.trim();
  const generic = /^(list|set|map)\s*<(.*)>$/is.exec(name);
  if (!generic) {
    const r = it.registry.resolveName(name.split('.'));
    return r?.kind === 'type' ? r.type : undefined;
  }
  const kind = (generic[1] ?? '').toLowerCase();
  const args = topLevelArgs(generic[2] ?? '').map((a) => typeForName(it, a));
  if (args.some((a) => a === undefined)) {
    return undefined;
  }
  const [first, second] = args as ApexType[];
  if (kind === 'map') {
    return args.length === 2 && first && second ? { kind: 'map', key: first, value: second } : undefined;
  }
  return args.length === 1 && first ? { kind: kind as 'list' | 'set', element: first } : undefined;
}
