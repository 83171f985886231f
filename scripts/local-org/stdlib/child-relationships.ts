/**
 * Schema.ChildRelationship (Apex Reference Guide "ChildRelationship Class"):
 * `DescribeSObjectResult.getChildRelationships()` lists the object's child relationships — those of the sobject-types
 * jar for standard objects and the project's custom lookups (`<relationshipName>__r`). getChildSObject(),
 * getRelationshipName(), getField() (the child's lookup; chosen by rule for standard relationships, see lookupField),
 * isCascadeDelete() / isRestrictedDelete() / isDeprecatedAndHidden() (RuntimeGaps: not in the schema the runtime
 * reads).
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

/**
 * The child's lookup field of a relationship. The project's own lookups name it; apex-ls' sobject-types (the schema of
 * standard objects) does not, so for standard relationships it is chosen by rule (unverified, README): the child's
 * reference fields to the parent (else its polymorphic ones); with several, the one whose relationship name is the
 * longest part of the child relationship's name (AARRelatedAccounts → RelatedAccountId, AARAccounts → AccountId),
 * then `<Parent>Id`, then the first; Account's `Person…` relationships look up Contact (person accounts).
 */
function lookupField(s: RelationshipState, pos: Pos): FieldDescribe {
  const named = s.rel.field ? s.child.fields.get(s.rel.field.toLowerCase()) : undefined;
  if (named) {
    return named;
  }
  // Account's `Person…` relationships are a person account's contact relationships (the child looks up Contact).
  const person = s.parent.name === 'Account' && s.rel.name.startsWith('Person');
  const parent = person ? 'contact' : s.parent.name.toLowerCase();
  const references = [...s.child.fields.values()].filter((f) => f.display === 'REFERENCE');
  const direct = references.filter((f) => f.referenceTo.some((t) => t.toLowerCase() === parent));
  const candidates = direct.length > 0 ? direct : references.filter((f) => f.referenceTo.length === 0);
  const relName = s.rel.name.toLowerCase();
  const stem = (f: FieldDescribe): string =>
    (f.relationshipName ?? f.name.replace(/Id$/i, '').replace(/__c$/i, '__r')).toLowerCase();
  const byName = candidates
    .filter((f) => relName.includes(stem(f).replace(/__r$/, '')))
    .sort((a, b) => stem(b).length - stem(a).length)[0];
  const chosen = byName ?? candidates.find((f) => f.name.toLowerCase() === `${parent}id`) ?? candidates[0];
  if (!chosen) {
    throw new RuntimeGap(
      `ChildRelationship ${s.parent.name}.${s.rel.name}.getField(): ${s.child.name} has no lookup the schema knows of`,
      pos
    );
  }
  return chosen;
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
