/**
 * The Salesforce REST API subset (REST API Developer Guide): versions, resources, limits, SOQL query (with the
 * `columns=true` form sf uses for its table), sObject create/read/update/delete and a minimal describe. Records,
 * queries and DML run through the local org runtime (triggers fire), each request in its own transaction.
 */
import type { FieldType } from '@jetstreamapp/soql-parser-js';
import type { SObjectDescribe } from '../schema/schema.ts';
import { HttpError, bodyJson, json, type Req, type Res } from './http.ts';
import { API_VERSION, restRecord, restRow, type Json } from './json-values.ts';
import type { OrgService } from './org-service.ts';

export const DAILY_API_MAX = 15000;

const base = (): string => `/services/data/v${API_VERSION}`;

export function versions(): Res {
  return json(200, [{ version: API_VERSION, url: base(), label: "Winter '26" }]);
}

export function resources(version: string): Res {
  const root = `/services/data/v${version}`;
  const names = ['sobjects', 'query', 'queryAll', 'limits', 'tooling', 'search', 'recent', 'composite', 'ui-api'];
  return json(200, Object.fromEntries(names.map((n) => [n, `${root}/${n}`])));
}

export function limits(service: OrgService): Res {
  const used = service.org.usage.apiRequests;
  return json(200, {
    DailyApiRequests: { Max: DAILY_API_MAX, Remaining: Math.max(0, DAILY_API_MAX - used) },
    DailyAsyncApexExecutions: { Max: 250000, Remaining: 250000 },
    DailyBulkApiBatches: { Max: 15000, Remaining: 15000 },
    DataStorageMB: { Max: 5, Remaining: 5 },
    FileStorageMB: { Max: 20, Remaining: 20 }
  });
}

interface Column {
  columnName: string;
  displayName: string;
  aggregate: boolean;
  joinColumns: Column[];
}

function columns(fields: FieldType[]): Column[] {
  const out: Column[] = [];
  const join = (path: string[], leaf: string, into: Column[]): void => {
    const [head, ...rest] = path;
    if (head === undefined) {
      into.push({ columnName: leaf, displayName: leaf, aggregate: false, joinColumns: [] });
      return;
    }
    let col = into.find((c) => c.columnName === head);
    if (!col) {
      col = { columnName: head, displayName: head, aggregate: false, joinColumns: [] };
      into.push(col);
    }
    join(rest, leaf, col.joinColumns);
  };
  for (const f of fields) {
    if (f.type === 'Field') {
      join([], f.field, out);
    } else if (f.type === 'FieldRelationship') {
      join(f.relationships, f.field, out);
    } else if (f.type === 'FieldFunctionExpression') {
      const name = f.alias ?? `expr${out.length}`;
      out.push({ columnName: name, displayName: f.rawValue ?? name, aggregate: true, joinColumns: [] });
    } else if (f.type === 'FieldSubquery') {
      const name = f.subquery.relationshipName;
      out.push({
        columnName: name,
        displayName: name,
        aggregate: false,
        joinColumns: columns(f.subquery.fields ?? [])
      });
    }
  }
  return out;
}

function selectsId(fields: FieldType[]): boolean {
  return fields.some((f) => f.type === 'Field' && f.field.toLowerCase() === 'id');
}

export function query(service: OrgService, req: Req, tooling: boolean): Res {
  const soql = req.query.get('q');
  if (!soql) {
    throw new HttpError(400, 'MALFORMED_QUERY', 'A query string is required: ?q=SELECT …');
  }
  if (tooling) {
    // sf asks whether the org is a sandbox; nothing else of the Tooling API is modelled.
    if (/\bfrom\s+SandboxProcess\b/i.test(soql)) {
      return json(200, {
        size: 0,
        totalSize: 0,
        done: true,
        queryLocator: null,
        entityTypeName: 'SandboxProcess',
        records: []
      });
    }
    throw new HttpError(400, 'INVALID_TYPE', `The local org has no Tooling API objects: ${soql}`);
  }
  const it = service.org.transaction();
  const result = service.query(it, soql);
  const parsed = service.parse(soql);
  const fields = parsed.fields ?? [];
  if (req.query.get('columns') === 'true') {
    return json(200, {
      columnMetadata: columns(fields) as unknown as Json,
      entityName: parsed.sObject ?? '',
      groupBy: false,
      idSelected: selectsId(fields),
      keyPrefix: service.org.registry.schema.describe(parsed.sObject ?? '')?.keyPrefix ?? null
    });
  }
  if (typeof result === 'number') {
    return json(200, { totalSize: result, done: true, records: [] });
  }
  const omitId = !selectsId(fields);
  return json(200, { totalSize: result.length, done: true, records: result.map((r) => restRecord(r, omitId)) });
}

const UI_TYPES: Record<string, string> = {
  ID: 'id',
  REFERENCE: 'reference',
  STRING: 'string',
  TEXTAREA: 'textarea',
  PHONE: 'phone',
  EMAIL: 'email',
  URL: 'url',
  PICKLIST: 'picklist',
  MULTIPICKLIST: 'multipicklist',
  COMBOBOX: 'combobox',
  BOOLEAN: 'boolean',
  INTEGER: 'int',
  DOUBLE: 'double',
  CURRENCY: 'currency',
  PERCENT: 'percent',
  DATE: 'date',
  DATETIME: 'datetime',
  TIME: 'time',
  BASE64: 'base64',
  ADDRESS: 'address',
  LOCATION: 'location',
  ANYTYPE: 'anyType'
};

/** `GET …/sobjects/{Type}/describe`: the fields sf and jsforce read (name, type, label, length, picklists). */
export function describe(type: SObjectDescribe): Res {
  return json(200, {
    name: type.name,
    label: type.label,
    labelPlural: type.labelPlural,
    keyPrefix: type.keyPrefix,
    custom: type.custom,
    createable: true,
    updateable: true,
    deletable: true,
    queryable: true,
    urls: { sobject: `${base()}/sobjects/${type.name}`, describe: `${base()}/sobjects/${type.name}/describe` },
    fields: [...type.fields.values()].map((f) => ({
      name: f.name,
      label: f.label,
      type: UI_TYPES[f.display] ?? 'string',
      soapType: `xsd:${f.apexType.toLowerCase()}`,
      length: f.length,
      precision: f.precision,
      scale: f.scale,
      custom: f.custom,
      nillable: !f.required,
      createable: !f.readOnly,
      updateable: !f.readOnly && f.name !== 'Id',
      unique: f.unique,
      externalId: f.externalId,
      nameField: f.nameField,
      referenceTo: f.referenceTo,
      relationshipName: f.relationshipName ?? null,
      defaultValue: f.defaultValue ?? null,
      picklistValues: f.picklist.map((p) => ({
        value: p.value,
        label: p.label,
        defaultValue: p.isDefault,
        active: true
      })),
      restrictedPicklist: f.restrictedPicklist
    })),
    childRelationships: [...type.children.values()].map((c) => ({
      relationshipName: c.name,
      childSObject: c.childObject,
      field: c.field ?? null
    }))
  });
}

export function describeGlobal(service: OrgService): Res {
  const sobjects = service.org.registry.schema.objectNames().map((name) => ({ name, queryable: true }));
  return json(200, { encoding: 'UTF-8', maxBatchSize: 200, sobjects });
}

export function createRecord(service: OrgService, typeName: string, req: Req): Res {
  const type = service.describe(typeName);
  const body = bodyJson(req);
  const result = service.dml('insert', type, (it) => service.recordFromJson(it, type, body));
  return json(201, { id: result.id, success: true, errors: [] });
}

export function readRecord(service: OrgService, typeName: string, id: string, req: Req): Res {
  const type = service.describe(typeName);
  const row = service.row(type, id);
  const all = restRow(type, row);
  const wanted = req.query.get('fields');
  if (!wanted) {
    return json(200, all);
  }
  const out: { [key: string]: Json } = { attributes: all.attributes ?? null };
  for (const name of wanted.split(',').map((s) => s.trim())) {
    const f = type.fields.get(name.toLowerCase());
    if (!f) {
      throw new HttpError(400, 'INVALID_FIELD', `No such column '${name}' on sobject of type ${type.name}`);
    }
    out[f.name] = all[f.name] ?? null;
  }
  return json(200, out);
}

export function updateRecord(service: OrgService, typeName: string, id: string, req: Req): Res {
  const type = service.describe(typeName);
  const existing = service.row(type, id).get('id');
  const body = bodyJson(req);
  service.dml('update', type, (it) => {
    const rec = service.recordFromJson(it, type, body);
    rec.set('Id', typeof existing === 'string' ? existing : id);
    return rec;
  });
  return { status: 204 };
}

export function deleteRecord(service: OrgService, typeName: string, id: string): Res {
  const type = service.describe(typeName);
  const existing = service.row(type, id).get('id');
  service.dml('delete', type, (it) => {
    const rec = service.recordFromJson(it, type, {});
    rec.set('Id', typeof existing === 'string' ? existing : id);
    return rec;
  });
  return { status: 204 };
}
