/**
 * Schema.ChildRelationship (Apex Reference "ChildRelationship Class"): `DescribeSObjectResult.getChildRelationships()`
 * lists the object's child relationships — those of the sobject-types jar for standard objects and the project's
 * custom lookups (`<relationshipName>__r`). getChildSObject(), getRelationshipName(), getField() (the child's lookup;
 * a RuntimeGap when the jar does not name it and the child has several lookups to the parent), isCascadeDelete() /
 * isRestrictedDelete() / isDeprecatedAndHidden() (RuntimeGaps: not in the schema the runtime reads).
 */
import type { Pos } from '../ast/nodes.ts';
import { RuntimeGap } from '../values/errors.ts';
import type { Interpreter } from '../interpreter/interpreter.ts';
import { ApexList, NativeObject, type Value } from '../values/values.ts';
import type { ChildRelationship, FieldDescribe, SObjectDescribe } from '../schema/schema.ts';
import { NO_METHOD } from './args.ts';
import { fieldToken, typeToken } from './sobjects.ts';

export const CHILD_RELATIONSHIP = 'Schema.ChildRelationship';

interface RelationshipState {
  parent: SObjectDescribe;
  child: SObjectDescribe;
  rel: ChildRelationship;
}

export function childRelationships(it: Interpreter, d: SObjectDescribe): ApexList {
  const items: Value[] = [];
  for (const rel of d.children.values()) {
    const child = it.registry.schema.describe(rel.childObject);
    if (child) {
      const state: RelationshipState = { parent: d, child, rel };
      items.push(new NativeObject(CHILD_RELATIONSHIP, state, `${d.name}.${rel.name}`.toLowerCase(), rel.name));
    }
  }
  return new ApexList({ kind: 'native', name: CHILD_RELATIONSHIP }, items);
}

function lookupField(s: RelationshipState, pos: Pos): FieldDescribe {
  const named = s.rel.field ? s.child.fields.get(s.rel.field.toLowerCase()) : undefined;
  if (named) {
    return named;
  }
  const parent = s.parent.name.toLowerCase();
  const candidates = [...s.child.fields.values()].filter(
    (f) => f.display === 'REFERENCE' && f.referenceTo.some((t) => t.toLowerCase() === parent)
  );
  const only = candidates.length === 1 ? candidates[0] : undefined;
  if (!only) {
    throw new RuntimeGap(
      `ChildRelationship ${s.parent.name}.${s.rel.name}.getField(): the schema does not say which lookup of ${s.child.name} it is`,
      pos
    );
  }
  return only;
}

type Method = (
  it: Interpreter,
  self: NativeObject<RelationshipState>,
  a: Value[],
  pos: Pos
) => Value | typeof NO_METHOD;
const gapMethod =
  (name: string): Method =>
  (_it, self, a, pos) => {
    if (a.length !== 0) {
      return NO_METHOD;
    }
    throw new RuntimeGap(
      `ChildRelationship.${name}() of ${self.state.rel.name}: not in the schema the runtime reads`,
      pos
    );
  };

export const CHILD_RELATIONSHIP_METHODS: Record<string, Method> = {
  getchildsobject: (_it, r, a) => (a.length === 0 ? typeToken(r.state.child) : NO_METHOD),
  getrelationshipname: (_it, r, a) => (a.length === 0 ? r.state.rel.name : NO_METHOD),
  getfield: (_it, r, a, pos) => (a.length === 0 ? fieldToken(r.state.child, lookupField(r.state, pos)) : NO_METHOD),
  iscascadedelete: gapMethod('isCascadeDelete'),
  isrestricteddelete: gapMethod('isRestrictedDelete'),
  isdeprecatedandhidden: gapMethod('isDeprecatedAndHidden')
};
