/**
 * The object and field permissions a SOQL query needs (data/soql.ts): WITH USER_MODE (or AccessLevel.USER_MODE) and
 * WITH SECURITY_ENFORCED, with the platform's QueryException messages (data/access.ts).
 */
import type { FieldType, Query, Subquery, WhereClause } from '@jetstreamapp/soql-parser-js';
import type { FieldDescribe, SObjectDescribe } from '../schema/schema.ts';
import { fieldPermissions, objectPermissions, userAccess, type UserAccess } from './access.ts';
import { tokens } from './soql-clause.ts';
import type { Ctx } from './soql-rows.ts';

const NO_OBJECT = (name: string): string =>
  `sObject type '${name}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`;
const NO_COLUMN = (field: string, object: string): string =>
  `No such column '${field}' on entity '${object}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`;

/** Every field path a query names: select list (with parent paths), WHERE, ORDER BY; subqueries separately. */
function queryPaths(fields: FieldType[], where: WhereClause | undefined, orderBy: Query['orderBy']): string[] {
  const paths: string[] = [];
  for (const f of fields) {
    if (f.type === 'Field') {
      paths.push(f.field);
    } else if (f.type === 'FieldRelationship') {
      paths.push([...f.relationships, f.field].join('.'));
    }
  }
  for (const tok of tokens(where)) {
    if (tok.t === 'cond' && 'field' in tok.cond && typeof tok.cond.field === 'string') {
      paths.push(tok.cond.field);
    }
  }
  for (const o of orderBy === undefined ? [] : Array.isArray(orderBy) ? orderBy : [orderBy]) {
    if ('field' in o && o.field) {
      paths.push(o.field);
    }
  }
  return paths;
}

/** The object and field of each step of `path` that the user must be able to read; null where it is polymorphic. */
function checkPath(
  c: Ctx,
  ua: UserAccess,
  type: SObjectDescribe,
  path: string,
  raise: (field: string, object: string) => never
): void {
  const parts = path.split('.');
  if (
    parts.length > 1 &&
    parts[0]?.toLowerCase() === type.name.toLowerCase() &&
    !type.relationships.has(parts[0].toLowerCase())
  ) {
    parts.shift();
  }
  let current: SObjectDescribe | undefined = type;
  for (const [i, part] of parts.entries()) {
    if (!current) {
      return;
    }
    const last = i === parts.length - 1;
    const f: FieldDescribe | undefined = last
      ? current.fields.get(part.toLowerCase())
      : current.relationships.get(part.toLowerCase());
    if (!f) {
      return; // unknown names fail later with the runtime's own error
    }
    if (!fieldPermissions(ua, current, f).readable) {
      raise(last ? f.name : part, current.name);
    }
    if (!last) {
      // A polymorphic lookup (WhatId, OwnerId to User/Group) is checked on the records it reaches, not here.
      const targets: string[] = f.referenceTo;
      current = targets.length === 1 && targets[0] ? c.it.registry.schema.describe(targets[0]) : undefined;
      if (current && !objectPermissions(ua, current).allowRead) {
        raise(part, type.name);
      }
    }
  }
}

export function checkUserMode(c: Ctx, type: SObjectDescribe, query: Query | Subquery, ua = userAccess(c.it)): void {
  if (!objectPermissions(ua, type).allowRead) {
    c.it.raise('QueryException', NO_OBJECT(type.name), c.pos);
  }
  const raise = (field: string, object: string): never => c.it.raise('QueryException', NO_COLUMN(field, object), c.pos);
  for (const path of queryPaths(query.fields ?? [], query.where, query.orderBy)) {
    checkPath(c, ua, type, path, raise);
  }
  for (const f of query.fields ?? []) {
    if (f.type === 'FieldSubquery') {
      const rel = type.children.get(f.subquery.relationshipName.toLowerCase());
      const childType = rel ? c.it.registry.schema.describe(rel.childObject) : undefined;
      if (childType) {
        checkUserMode(c, childType, f.subquery, ua);
      }
    }
  }
}

export function checkSecurityEnforced(c: Ctx, type: SObjectDescribe, query: Query): void {
  const ua = userAccess(c.it);
  const raise = (): never =>
    c.it.raise('QueryException', 'Insufficient permissions: secure query included inaccessible field', c.pos);
  if (!objectPermissions(ua, type).allowRead) {
    raise();
  }
  for (const path of queryPaths(query.fields ?? [], undefined, undefined)) {
    checkPath(c, ua, type, path, raise);
  }
}
