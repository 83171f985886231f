/**
 * The Apex stub API (Apex Developer Guide "Build a Mocking Framework with the Stub API"; Apex Reference Guide
 * Test.createStub, "StubProvider Interface"): `Test.createStub(Type, StubProvider)` returns an object of the type (a
 * class or an interface) whose instance method calls go to the provider's
 * `handleMethodCall(stubbedObject, stubbedMethodName, returnType, listOfParamTypes, listOfParamNames, listOfArgs)`; its
 * result is the call's result. Overloads with the same number of parameters are told apart by the arguments' runtime
 * types.
 */
import type { Pos } from '../ast/nodes.ts';
import type { MethodDecl } from '../ast/nodes.ts';
import type { ClassInfo } from '../values/classes.ts';
import { coerce } from '../values/convert.ts';
import { callOnValue } from '../interpreter/calls.ts';
import type { Interpreter } from '../interpreter/interpreter.ts';
import { isInstanceOf, OBJECT, prim, type ApexType } from '../values/types.ts';
import { ApexList, ApexObject, ApexTypeValue, type Value } from '../values/values.ts';
import { NO_METHOD, type Native } from './args.ts';

const providers = new WeakMap<ApexObject, ApexObject>();

export const CREATE_STUB: Native = (it, _s, a, pos) => {
  const [type, provider] = a;
  if (a.length !== 2 || !(type instanceof ApexTypeValue) || type.type.kind !== 'class') {
    return NO_METHOD;
  }
  if (!(provider instanceof ApexObject)) {
    return it.npe(pos);
  }
  const stub = new ApexObject(type.type.cls);
  providers.set(stub, provider);
  return stub;
};

function stubbedMethod(
  it: Interpreter,
  cls: ClassInfo,
  name: string,
  args: Value[]
): [ClassInfo, MethodDecl] | undefined {
  const lower = name.toLowerCase();
  const owners = [...cls.chain()];
  const candidates: [ClassInfo, MethodDecl][] = [];
  for (const c of [...owners, ...owners.flatMap((o) => o.interfaces)]) {
    for (const m of c.methods.get(lower) ?? []) {
      if (!m.modifiers.isStatic && m.params.length === args.length) {
        candidates.push([c, m]);
      }
    }
  }
  return (
    candidates.find(([c, m]) =>
      m.params.every((p, i) => {
        const v = args[i] ?? null;
        return v === null || isInstanceOf(v, it.resolveType(p.type, c));
      })
    ) ?? candidates[0]
  );
}

/** The result of `name(args)` on a stub, or undefined when `obj` is no stub. */
export function stubCall(it: Interpreter, obj: ApexObject, name: string, args: Value[], pos: Pos): Value | undefined {
  const provider = providers.get(obj);
  if (!provider) {
    return undefined;
  }
  const found = stubbedMethod(it, obj.cls, name, args);
  if (!found) {
    return undefined;
  }
  const [owner, method] = found;
  const returnType: ApexType = method.returnType ? it.resolveType(method.returnType, owner) : { kind: 'void' };
  const typeOfType: ApexType = { kind: 'native', name: 'System.Type' };
  const result = callOnValue(
    it,
    provider,
    'handleMethodCall',
    [
      obj,
      method.name,
      new ApexTypeValue(returnType),
      new ApexList(
        typeOfType,
        method.params.map((p) => new ApexTypeValue(it.resolveType(p.type, owner)))
      ),
      new ApexList(
        prim('String'),
        method.params.map((p) => p.name)
      ),
      new ApexList(OBJECT, [...args])
    ],
    pos
  );
  return returnType.kind === 'void' ? null : coerce(result, returnType);
}
