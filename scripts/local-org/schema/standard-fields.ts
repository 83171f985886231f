/**
 * What the sobject-types jar does not say about the standard objects the package uses: key prefixes, labels, name
 * fields, lengths, picklist values, defaults, required fields, display types other than the Apex type's, and the
 * targets of polymorphic lookups. Values are those of the Object Reference (API 67) for a Developer
 * Edition org without customisation; where the reference does not say, the README lists the guess.
 */

export type DisplayType =
  | 'ID'
  | 'REFERENCE'
  | 'STRING'
  | 'TEXTAREA'
  | 'PHONE'
  | 'EMAIL'
  | 'URL'
  | 'PICKLIST'
  | 'MULTIPICKLIST'
  | 'COMBOBOX'
  | 'BOOLEAN'
  | 'INTEGER'
  | 'DOUBLE'
  | 'CURRENCY'
  | 'PERCENT'
  | 'DATE'
  | 'DATETIME'
  | 'TIME'
  | 'BASE64'
  | 'ADDRESS'
  | 'LOCATION'
  | 'ANYTYPE';

export interface StandardField {
  display?: DisplayType;
  length?: number;
  /** Required on create (nillable false and no default the platform fills in). */
  required?: boolean;
  picklist?: string[];
  /** Default picklist value, or default of a checkbox. */
  defaultValue?: string | boolean;
  restricted?: boolean;
  nameField?: boolean;
  /** Compound or system-computed fields (Contact.Name) cannot be written. */
  readOnly?: boolean;
  /** Set on create only (the Object Reference lists Create but not Update): describe isUpdateable() is false. */
  createOnly?: boolean;
  unique?: boolean;
  /** Auto-number (Object Reference field property "Autonumber"). */
  autoNumber?: boolean;
  /** Object Reference field property "idLookup": can specify a record in an upsert. */
  idLookup?: boolean;
  referenceTo?: string[];
}

export interface StandardObject {
  keyPrefix: string;
  label: string;
  labelPlural: string;
  fields: Record<string, StandardField>;
}

const PHONE: StandardField = { display: 'PHONE', length: 40 };
const EMAIL: StandardField = { display: 'EMAIL', length: 80 };
const LONG_TEXT: StandardField = { display: 'TEXTAREA', length: 32000 };
const LEAD_SOURCE: StandardField = {
  display: 'PICKLIST',
  picklist: ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other']
};
const SALUTATION: StandardField = { display: 'PICKLIST', picklist: ['Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.', 'Mx.'] };
/** Objects a Task/Event WhatId can point to in a standard org (activities enabled). */
const WHAT_TARGETS = [
  'Account',
  'Asset',
  'Campaign',
  'Case',
  'Contract',
  'Opportunity',
  'Order',
  'Product2',
  'Quote',
  'Solution'
];

const ACTIVITY_FIELDS: Record<string, StandardField> = {
  Subject: { display: 'COMBOBOX', length: 255, picklist: ['Call', 'Send Letter', 'Send Quote', 'Other'] },
  Description: LONG_TEXT,
  WhoId: { display: 'REFERENCE', referenceTo: ['Contact', 'Lead'] },
  WhatId: { display: 'REFERENCE', referenceTo: WHAT_TARGETS },
  OwnerId: { display: 'REFERENCE', referenceTo: ['User'] },
  AccountId: { display: 'REFERENCE', referenceTo: ['Account'], readOnly: true },
  Type: { display: 'PICKLIST', picklist: ['Call', 'Email', 'Meeting', 'Other'] }
};

export const STANDARD_OBJECTS: Record<string, StandardObject> = {
  Account: {
    keyPrefix: '001',
    label: 'Account',
    labelPlural: 'Accounts',
    fields: {
      Name: { length: 255, required: true, nameField: true },
      Phone: PHONE,
      Fax: PHONE,
      Website: { display: 'URL', length: 255 },
      AccountNumber: { length: 40 },
      Site: { length: 80 },
      Description: LONG_TEXT,
      Type: {
        display: 'PICKLIST',
        picklist: [
          'Prospect',
          'Customer - Direct',
          'Customer - Channel',
          'Channel Partner / Reseller',
          'Installation Partner',
          'Technology Partner',
          'Other'
        ]
      },
      Industry: {
        display: 'PICKLIST',
        picklist: ['Agriculture', 'Banking', 'Communications', 'Education', 'Finance', 'Technology', 'Other']
      },
      OwnerId: { display: 'REFERENCE', referenceTo: ['User'] }
    }
  },
  Contact: {
    keyPrefix: '003',
    label: 'Contact',
    labelPlural: 'Contacts',
    fields: {
      FirstName: { length: 40 },
      LastName: { length: 80, required: true },
      Name: { length: 121, nameField: true, readOnly: true },
      Salutation: SALUTATION,
      Email: EMAIL,
      Phone: PHONE,
      MobilePhone: PHONE,
      HomePhone: PHONE,
      OtherPhone: PHONE,
      AssistantPhone: PHONE,
      Fax: PHONE,
      Title: { length: 128 },
      Department: { length: 80 },
      AssistantName: { length: 40 },
      Description: LONG_TEXT,
      LeadSource: LEAD_SOURCE,
      OwnerId: { display: 'REFERENCE', referenceTo: ['User'] }
    }
  },
  Lead: {
    keyPrefix: '00Q',
    label: 'Lead',
    labelPlural: 'Leads',
    fields: {
      FirstName: { length: 40 },
      LastName: { length: 80, required: true },
      Name: { length: 121, nameField: true, readOnly: true },
      Salutation: SALUTATION,
      Company: { length: 255, required: true },
      Status: {
        display: 'PICKLIST',
        picklist: ['Open - Not Contacted', 'Working - Contacted', 'Closed - Converted', 'Closed - Not Converted'],
        defaultValue: 'Open - Not Contacted'
      },
      Email: EMAIL,
      Phone: PHONE,
      MobilePhone: PHONE,
      Fax: PHONE,
      Title: { length: 128 },
      Description: LONG_TEXT,
      LeadSource: LEAD_SOURCE,
      IsConverted: { defaultValue: false },
      OwnerId: { display: 'REFERENCE', referenceTo: ['User', 'Group'] }
    }
  },
  Task: {
    keyPrefix: '00T',
    label: 'Task',
    labelPlural: 'Tasks',
    fields: {
      ...ACTIVITY_FIELDS,
      Status: {
        display: 'PICKLIST',
        picklist: ['Not Started', 'In Progress', 'Completed', 'Waiting on someone else', 'Deferred'],
        defaultValue: 'Not Started'
      },
      Priority: { display: 'PICKLIST', picklist: ['High', 'Normal', 'Low'], defaultValue: 'Normal' },
      // Object Reference "Task": TaskSubtype is Create but not Update — set when the Task is created, never changed.
      TaskSubtype: {
        display: 'PICKLIST',
        picklist: ['Task', 'Email', 'ListEmail', 'Cadence', 'Call', 'LinkedIn'],
        restricted: true,
        createOnly: true
      },
      CallType: { display: 'PICKLIST', picklist: ['Inbound', 'Internal', 'Outbound'], restricted: true },
      CallDisposition: { length: 255 },
      CallObject: { length: 255 },
      OwnerId: { display: 'REFERENCE', referenceTo: ['User', 'Group'] },
      // Object Reference "Task": set by the platform (no Create/Update property)
      CompletedDateTime: { readOnly: true },
      IsClosed: { readOnly: true }
    }
  },
  Event: {
    keyPrefix: '00U',
    label: 'Event',
    labelPlural: 'Events',
    fields: {
      ...ACTIVITY_FIELDS,
      Subject: {
        display: 'COMBOBOX',
        length: 255,
        picklist: ['Call', 'Email', 'Meeting', 'Send Letter/Quote', 'Other']
      },
      Location: { length: 255 },
      EventSubtype: { display: 'PICKLIST', picklist: ['Event'], restricted: true },
      OwnerId: { display: 'REFERENCE', referenceTo: ['User', 'Calendar'] }
    }
  },
  User: {
    keyPrefix: '005',
    label: 'User',
    labelPlural: 'Users',
    fields: {
      // Object Reference "User": Username has the idLookup property.
      Username: { length: 80, required: true, unique: true, display: 'STRING', idLookup: true },
      FirstName: { length: 40 },
      LastName: { length: 80, required: true },
      Name: { length: 121, nameField: true, readOnly: true },
      Email: { display: 'EMAIL', length: 128, required: true },
      Alias: { length: 8, required: true },
      CommunityNickname: { length: 40 },
      Phone: PHONE,
      MobilePhone: PHONE,
      Title: { length: 80 },
      TimeZoneSidKey: { display: 'PICKLIST', required: true, length: 40 },
      LocaleSidKey: { display: 'PICKLIST', required: true, length: 40 },
      EmailEncodingKey: { display: 'PICKLIST', required: true, length: 40 },
      LanguageLocaleKey: { display: 'PICKLIST', required: true, length: 40 },
      ProfileId: { display: 'REFERENCE', required: true, referenceTo: ['Profile'] },
      IsActive: { defaultValue: true }
    }
  },
  Opportunity: {
    keyPrefix: '006',
    label: 'Opportunity',
    labelPlural: 'Opportunities',
    fields: {
      Name: { length: 120, required: true, nameField: true },
      StageName: {
        display: 'PICKLIST',
        required: true,
        picklist: [
          'Prospecting',
          'Qualification',
          'Needs Analysis',
          'Value Proposition',
          'Id. Decision Makers',
          'Perception Analysis',
          'Proposal/Price Quote',
          'Negotiation/Review',
          'Closed Won',
          'Closed Lost'
        ]
      },
      CloseDate: { required: true },
      Amount: { display: 'CURRENCY' },
      Description: LONG_TEXT,
      OwnerId: { display: 'REFERENCE', referenceTo: ['User'] }
    }
  },
  Case: {
    keyPrefix: '500',
    label: 'Case',
    labelPlural: 'Cases',
    fields: {
      Subject: { length: 255 },
      Description: LONG_TEXT,
      Status: {
        display: 'PICKLIST',
        picklist: ['New', 'Working', 'Escalated', 'Closed'],
        defaultValue: 'New'
      },
      Priority: { display: 'PICKLIST', picklist: ['High', 'Medium', 'Low'], defaultValue: 'Medium' },
      Origin: { display: 'PICKLIST', picklist: ['Phone', 'Email', 'Web'] },
      CaseNumber: { length: 30, nameField: true, readOnly: true, autoNumber: true },
      SuppliedPhone: PHONE,
      ContactPhone: { ...PHONE, readOnly: true },
      OwnerId: { display: 'REFERENCE', referenceTo: ['User', 'Group'] }
    }
  },
  Organization: {
    keyPrefix: '00D',
    label: 'Organization',
    labelPlural: 'Organizations',
    fields: { Name: { length: 80, nameField: true }, TimeZoneSidKey: { display: 'PICKLIST', length: 40 } }
  },
  UserLicense: {
    keyPrefix: '100',
    label: 'User License',
    labelPlural: 'User Licenses',
    fields: { Name: { length: 40, nameField: true, readOnly: true } }
  },
  Profile: {
    keyPrefix: '00e',
    label: 'Profile',
    labelPlural: 'Profiles',
    fields: { Name: { length: 255, nameField: true, required: true } }
  },
  LeadStatus: {
    keyPrefix: '01J',
    label: 'Lead Status Value',
    labelPlural: 'Lead Status Values',
    fields: { ApiName: { length: 255 }, MasterLabel: { length: 255, nameField: true } }
  },
  TaskStatus: {
    keyPrefix: '01K',
    label: 'Task Status Value',
    labelPlural: 'Task Status Values',
    fields: { ApiName: { length: 255 }, MasterLabel: { length: 255, nameField: true } }
  },
  PermissionSetAssignment: {
    keyPrefix: '0Pa',
    label: 'Permission Set Assignment',
    labelPlural: 'Permission Set Assignments',
    fields: {
      AssigneeId: { display: 'REFERENCE', referenceTo: ['User'], required: true },
      PermissionSetId: { display: 'REFERENCE', referenceTo: ['PermissionSet'], required: true }
    }
  },
  CronTrigger: {
    keyPrefix: '08e',
    label: 'Scheduled Jobs',
    labelPlural: 'Scheduled Jobs',
    fields: { CronExpression: { length: 255 }, State: { length: 16 }, TimeZoneSidKey: { length: 40 } }
  },
  CronJobDetail: {
    keyPrefix: '08a',
    label: 'Scheduled Job Detail',
    labelPlural: 'Scheduled Job Details',
    fields: { Name: { length: 255, nameField: true }, JobType: { length: 1 } }
  },
  AsyncApexJob: {
    keyPrefix: '707',
    label: 'Apex Job',
    labelPlural: 'Apex Jobs',
    fields: { Status: { length: 40 }, JobType: { length: 40 }, ExtendedStatus: { length: 255 } }
  },
  ApexClass: {
    keyPrefix: '01p',
    label: 'Apex Class',
    labelPlural: 'Apex Classes',
    fields: { Name: { length: 255, nameField: true } }
  },
  Group: { keyPrefix: '00G', label: 'Group', labelPlural: 'Groups', fields: { Name: { length: 40, nameField: true } } },
  GroupMember: {
    keyPrefix: '011',
    label: 'Group Member',
    labelPlural: 'Group Members',
    fields: {
      GroupId: { display: 'REFERENCE', referenceTo: ['Group'], required: true },
      UserOrGroupId: { display: 'REFERENCE', referenceTo: ['User', 'Group'], required: true }
    }
  },
  UserRole: {
    keyPrefix: '00E',
    label: 'Role',
    labelPlural: 'Roles',
    fields: { Name: { length: 80, nameField: true, required: true } }
  },
  PermissionSet: {
    keyPrefix: '0PS',
    label: 'Permission Set',
    labelPlural: 'Permission Sets',
    fields: { Name: { length: 80, required: true, unique: true }, Label: { length: 80, required: true } }
  }
};
