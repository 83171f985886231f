/**
 * Database.LeadConvert and Database.convertLead (Apex Reference Guide: "LeadConvert Class", "LeadConvertResult
 * Class", "Database.convertLead"). A conversion creates (or reuses, when setAccountId/setContactId were given) an
 * Account and a Contact, and an Opportunity unless setDoNotCreateOpportunity(true); then marks the Lead
 * IsConverted with Status = the converted status, ConvertedAccountId/ContactId/OpportunityId and ConvertedDate =
 * today. The status must be a LeadStatus with IsConverted = true (INVALID_STATUS otherwise); a converted Lead cannot
 * be converted again. Field mapping: the standard Lead → Account/Contact/Opportunity fields (Company → Account.Name,
 * name, title, phones, email, lead source, description); custom field mappings of Setup are not modelled. Triggers on
 * the created records and the Lead update run; the whole conversion counts as one DML statement.
 */
import type { Pos } from '../ast/nodes.ts';
import { executeDml, type DmlError, type DmlResult } from '../data/dml.ts';
import type { Row, Store } from '../data/store.ts';
import { RuntimeGap } from '../values/errors.ts';
import type { Interpreter } from '../interpreter/interpreter.ts';
import { ApexEnumValue, ApexList, ApexSObject, NativeObject, type Value } from '../values/values.ts';
import { normalizeId } from '../schema/ids.ts';
import { NO_METHOD, bool, type Native } from './args.ts';
import { today } from './datetime.ts';

type Method<T> = (it: Interpreter, self: T, a: Value[], pos: Pos) => Value | typeof NO_METHOD;

export const LEAD_CONVERT = 'Database.LeadConvert';
export const LEAD_CONVERT_RESULT = 'Database.LeadConvertResult';

interface LeadConvertState {
  leadId: string | null;
  convertedStatus: string | null;
  accountId: string | null;
  contactId: string | null;
  ownerId: string | null;
  opportunityName: string | null;
  doNotCreateOpportunity: boolean;
  overwriteLeadSource: boolean;
  sendNotificationEmail: boolean;
}

export interface LeadConvertOutcome {
  leadId: string | null;
  accountId: string | null;
  contactId: string | null;
  opportunityId: string | null;
  success: boolean;
  errors: DmlError[];
}

export function newLeadConvert(): NativeObject<LeadConvertState> {
  return new NativeObject<LeadConvertState>(LEAD_CONVERT, {
    leadId: null,
    convertedStatus: null,
    accountId: null,
    contactId: null,
    ownerId: null,
    opportunityName: null,
    doNotCreateOpportunity: false,
    overwriteLeadSource: false,
    sendNotificationEmail: false
  });
}

type IdKey = 'leadId' | 'accountId' | 'contactId' | 'ownerId';

function idSetter(key: IdKey): Method<NativeObject<LeadConvertState>> {
  return (it, lc, a, pos) => {
    if (a.length !== 1) {
      return NO_METHOD;
    }
    const v = a[0] ?? null;
    lc.state[key] =
      v === null ? null : (normalizeId(it.str(v)) ?? it.raise('StringException', `Invalid id: ${it.str(v)}`, pos));
    return null;
  };
}

const getter =
  (read: (s: LeadConvertState) => Value): Method<NativeObject<LeadConvertState>> =>
  (_it, lc, a) =>
    a.length === 0 ? read(lc.state) : NO_METHOD;

function flagSetter(
  key: 'doNotCreateOpportunity' | 'overwriteLeadSource' | 'sendNotificationEmail'
): Method<NativeObject<LeadConvertState>> {
  return (it, lc, a, pos) => {
    if (a.length !== 1) {
      return NO_METHOD;
    }
    lc.state[key] = bool(it, a[0], pos);
    return null;
  };
}

function textSetter(key: 'convertedStatus' | 'opportunityName'): Method<NativeObject<LeadConvertState>> {
  return (it, lc, a) => {
    if (a.length !== 1) {
      return NO_METHOD;
    }
    lc.state[key] = a[0] === null || a[0] === undefined ? null : it.str(a[0]);
    return null;
  };
}

export const LEAD_CONVERT_METHODS: Record<string, Method<NativeObject<LeadConvertState>>> = {
  setleadid: idSetter('leadId'),
  getleadid: getter((s) => s.leadId),
  setaccountid: idSetter('accountId'),
  getaccountid: getter((s) => s.accountId),
  setcontactid: idSetter('contactId'),
  getcontactid: getter((s) => s.contactId),
  setownerid: idSetter('ownerId'),
  getownerid: getter((s) => s.ownerId),
  setconvertedstatus: textSetter('convertedStatus'),
  getconvertedstatus: getter((s) => s.convertedStatus),
  setopportunityname: textSetter('opportunityName'),
  getopportunityname: getter((s) => s.opportunityName),
  setdonotcreateopportunity: flagSetter('doNotCreateOpportunity'),
  isdonotcreateopportunity: getter((s) => s.doNotCreateOpportunity),
  setoverwriteleadsource: flagSetter('overwriteLeadSource'),
  isoverwriteleadsource: getter((s) => s.overwriteLeadSource),
  setsendnotificationemail: flagSetter('sendNotificationEmail'),
  issendnotificationemail: getter((s) => s.sendNotificationEmail)
};

export const LEAD_CONVERT_RESULT_METHODS: Record<string, Method<NativeObject<LeadConvertOutcome>>> = {
  getleadid: getter2((o) => o.leadId),
  getaccountid: getter2((o) => o.accountId),
  getcontactid: getter2((o) => o.contactId),
  getopportunityid: getter2((o) => o.opportunityId),
  getrelatedpersonaccountid: getter2(() => null),
  issuccess: getter2((o) => o.success),
  geterrors: (_it, o, a) =>
    a.length === 0
      ? new ApexList(
          { kind: 'native', name: 'Database.Error' },
          o.state.errors.map((e) => new NativeObject('Database.Error', e))
        )
      : NO_METHOD
};

function getter2(read: (o: LeadConvertOutcome) => Value): Method<NativeObject<LeadConvertOutcome>> {
  return (_it, o, a) => (a.length === 0 ? read(o.state) : NO_METHOD);
}

class ConvertFailure extends Error {
  constructor(readonly error: DmlError) {
    super(error.message);
  }
}

function storeOf(it: Interpreter): Store {
  const s = it.ctx.store as Store | undefined;
  if (!s) {
    throw new RuntimeGap('Database.convertLead without a data store');
  }
  return s;
}

function record(it: Interpreter, object: string, values: Record<string, Value>): ApexSObject {
  const d = it.registry.schema.describe(object);
  if (!d) {
    throw new RuntimeGap(`Database.convertLead needs the ${object} object`);
  }
  const rec = new ApexSObject(d);
  for (const [k, v] of Object.entries(values)) {
    if (v !== null && v !== undefined) {
      rec.set(k, v);
    }
  }
  return rec;
}

function saveOne(it: Interpreter, op: 'insert' | 'update', rec: ApexSObject, pos: Pos): string {
  const [r]: DmlResult[] = executeDml(it, op, [rec], { allOrNone: false, pos });
  if (!r?.success || !r.id) {
    throw new ConvertFailure(
      r?.errors[0] ?? { statusCode: 'UNKNOWN_EXCEPTION', message: 'conversion failed', fields: [] }
    );
  }
  return r.id;
}

function convertedStatusOk(s: Store, status: string): boolean {
  for (const row of s.tables.get('leadstatus')?.values() ?? []) {
    const api = row.get('apiname');
    if (row.get('isconverted') === true && typeof api === 'string' && api.toLowerCase() === status.toLowerCase()) {
      return true;
    }
  }
  return false;
}

function existing(s: Store, id: string | null, object: string): Row | undefined {
  return id && s.objectOf(id) === object ? s.get(id) : undefined;
}

function convertOne(it: Interpreter, lc: LeadConvertState, pos: Pos): LeadConvertOutcome {
  const s = storeOf(it);
  const lead = existing(s, lc.leadId, 'lead');
  const fail = (statusCode: string, message: string, fields: string[] = []): never => {
    throw new ConvertFailure({ statusCode, message, fields });
  };
  if (!lead) {
    return fail('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id');
  }
  if (lead.get('isconverted') === true) {
    fail('CANNOT_UPDATE_CONVERTED_LEAD', 'cannot reference converted lead');
  }
  if (!lc.convertedStatus || !convertedStatusOk(s, lc.convertedStatus)) {
    fail('INVALID_STATUS', `invalid convertedStatus: ${lc.convertedStatus ?? 'null'}`);
  }
  const field = (name: string): Value => lead.get(name.toLowerCase()) ?? null;
  const ownerId = lc.ownerId ?? (field('OwnerId') as string | null);
  let accountId = lc.accountId;
  if (accountId) {
    if (!existing(s, accountId, 'account')) {
      fail('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', ['AccountId']);
    }
  } else {
    const company = field('Company');
    accountId = saveOne(
      it,
      'insert',
      record(it, 'Account', {
        Name: typeof company === 'string' && company !== '' ? company : it.str(field('Name')),
        Phone: field('Phone'),
        Fax: field('Fax'),
        Website: field('Website'),
        Industry: field('Industry'),
        NumberOfEmployees: field('NumberOfEmployees'),
        AnnualRevenue: field('AnnualRevenue'),
        Description: field('Description'),
        OwnerId: ownerId
      }),
      pos
    );
  }
  let contactId = lc.contactId;
  if (contactId) {
    if (!existing(s, contactId, 'contact')) {
      fail('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', ['ContactId']);
    }
  } else {
    contactId = saveOne(
      it,
      'insert',
      record(it, 'Contact', {
        AccountId: accountId,
        Salutation: field('Salutation'),
        FirstName: field('FirstName'),
        LastName: field('LastName'),
        Title: field('Title'),
        Email: field('Email'),
        Phone: field('Phone'),
        MobilePhone: field('MobilePhone'),
        Fax: field('Fax'),
        LeadSource: field('LeadSource'),
        Description: field('Description'),
        OwnerId: ownerId
      }),
      pos
    );
  }
  let opportunityId: string | null = null;
  if (!lc.doNotCreateOpportunity) {
    const stage = it.registry.schema.describe('Opportunity')?.fields.get('stagename')?.picklist[0]?.value ?? null;
    opportunityId = saveOne(
      it,
      'insert',
      record(it, 'Opportunity', {
        Name: lc.opportunityName ?? `${it.str(field('Company'))}-`,
        AccountId: accountId,
        StageName: stage,
        CloseDate: today(it),
        LeadSource: field('LeadSource'),
        OwnerId: ownerId
      }),
      pos
    );
  }
  const update = record(it, 'Lead', {
    Id: lc.leadId,
    Status: lc.convertedStatus,
    IsConverted: true,
    ConvertedAccountId: accountId,
    ConvertedContactId: contactId,
    ConvertedOpportunityId: opportunityId,
    ConvertedDate: today(it)
  });
  saveOne(it, 'update', update, pos);
  return { leadId: lc.leadId, accountId, contactId, opportunityId, success: true, errors: [] };
}

function convertLead(it: Interpreter, a: Value[], pos: Pos): Value | typeof NO_METHOD {
  const [target = null, ...rest] = a;
  let allOrNone = true;
  for (const r of rest) {
    if (typeof r === 'boolean') {
      allOrNone = r;
    } else if (!(r instanceof ApexEnumValue)) {
      return NO_METHOD;
    }
  }
  if (target === null) {
    return it.npe(pos);
  }
  const single = target instanceof NativeObject;
  const items = single ? [target] : target instanceof ApexList ? target.items : [];
  const s = storeOf(it);
  const limits = it.ctx.limits;
  const statementsBefore = limits.dmlStatements;
  const rowsBefore = limits.dmlRows;
  const untouched = s.clone();
  const outcomes: LeadConvertOutcome[] = [];
  for (const item of items) {
    if (!(item instanceof NativeObject) || item.typeName !== LEAD_CONVERT) {
      return it.npe(pos);
    }
    const state = item.state as LeadConvertState;
    const before = s.clone();
    try {
      outcomes.push(convertOne(it, state, pos));
    } catch (e) {
      s.restore(before);
      if (!(e instanceof ConvertFailure)) {
        throw e;
      }
      outcomes.push({
        leadId: state.leadId,
        accountId: null,
        contactId: null,
        opportunityId: null,
        success: false,
        errors: [e.error]
      });
    }
  }
  // The conversion is one DML statement on the platform, whatever it saves.
  limits.dmlStatements = statementsBefore;
  limits.dmlRows = rowsBefore;
  limits.dmlStatements++;
  limits.dmlRows += items.length;
  const failed = outcomes.findIndex((o) => !o.success);
  if (allOrNone && failed >= 0) {
    const err = outcomes[failed]?.errors[0];
    s.restore(untouched);
    it.raise(
      'DmlException',
      `ConvertLead failed. First exception on row ${failed}; first error: ${err?.statusCode ?? ''}, ${err?.message ?? ''}: [${(err?.fields ?? []).join(', ')}]`,
      pos
    );
  }
  const results = outcomes.map((o) => new NativeObject(LEAD_CONVERT_RESULT, o));
  return single ? (results[0] ?? null) : new ApexList({ kind: 'native', name: LEAD_CONVERT_RESULT }, results);
}

export const CONVERT_LEAD: Native = (it, _s, a, pos) =>
  a.length >= 1 && a.length <= 3 ? convertLead(it, a, pos) : NO_METHOD;
