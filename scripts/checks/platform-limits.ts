/**
 * The platform's documented limits that this package's metadata or code can reach — one table, one home for each
 * number. Every row names its source (document title + section; the address where the search result gave one) and
 * where it is enforced: `metadata` rows by `checkPlatformLimits` (scripts/checks/limits.ts, part of the `metadata`
 * check over every package directory: force-app, unpackaged and force-dev deploy into the same org, so their fields
 * add up per object), `runtime` rows by the local org runtime. Each metadata row has a fixture that exceeds it
 * (scripts/checks/fixtures/platform-limits/<id>/) and a test in checks.test.ts that trips it; each runtime row a test
 * beside its enforcement.
 *
 * Values are the defaults of Enterprise and Developer Edition orgs (scratch orgs are Developer Edition); Salesforce
 * raises some on request, which is never assumed here. "unverified" marks a value the search tool's sources did not
 * show in Salesforce's own words: it is then taken from the reading or from secondary sources, and says so.
 */

/**
 * How a limit is enforced: by the metadata check, by the local org runtime, as a house rule of the metadata check, or —
 * for timing limits no offline run can see — by a measurement in docs/real-org-checklist.md (`real-org`).
 */
export type Enforcement = 'metadata' | 'runtime' | 'house-rule' | 'real-org';

export interface PlatformLimit {
  id: string;
  /** What is limited, per what. */
  limit: string;
  value: number;
  /** Document title + section (and URL when known). */
  source: string;
  url?: string;
  kind: Enforcement;
  /** The function or file that enforces it. */
  enforcedBy: string;
  /** Which objects the value applies to; every object when absent. */
  objects?: readonly string[];
  note?: string;
}

const HELP = 'https://help.salesforce.com/s/articleView?id=';

export const PLATFORM_LIMITS: readonly PlatformLimit[] = [
  {
    id: 'history-tracked-fields',
    limit: 'fields with field history tracking, per object (standard and custom together)',
    value: 20,
    source:
      'Salesforce Help, "Track Field History for Custom Objects" ("You can select up to 20 standard and custom fields ' +
      'per object") and "Track Object Field History" (accounts: "a maximum of 20 fields")',
    url: `${HELP}xcloud.tracking_field_history_for_standard_objects.htm&type=5`,
    kind: 'metadata',
    enforcedBy: 'scripts/checks/limits.ts checkPlatformLimits (trackHistory)',
    note: 'Field Audit Trail raises it to 60; not assumed.'
  },
  {
    id: 'external-id-fields',
    limit: 'External ID fields per object (fields marked Unique counted too)',
    value: 25,
    source:
      'Salesforce Help, Knowledge Article 000385134 "How Many External ID Fields Can I Create Per Object in ' +
      'Salesforce" ("Default Limit: 25 External ID fields per object"; "The maximum number of custom indexes per ' +
      'entity is 25")',
    url: `${HELP}000385134&type=1`,
    kind: 'metadata',
    enforcedBy: 'scripts/checks/limits.ts checkPlatformLimits (externalId, unique)',
    note:
      'External IDs are custom text, number or email fields, so standard fields do not count. A Unique field is ' +
      'indexed like an External ID; both share the 25 custom indexes, so a field that is either counts once.'
  },
  {
    id: 'custom-fields',
    limit: 'custom fields per object (Enterprise and Developer Edition)',
    value: 500,
    source: 'Salesforce Help, "Custom Fields Allowed Per Object" (Enterprise 500, Developer 500, Unlimited 800)',
    url: `${HELP}custom_field_allocations.htm`,
    kind: 'metadata',
    enforcedBy: 'scripts/checks/limits.ts checkPlatformLimits (fields ending __c)'
  },
  {
    id: 'activity-custom-fields',
    limit: 'custom fields on activities (Task and Event share the Activity fields)',
    value: 100,
    source:
      'Salesforce Help, "Custom Fields Allowed Per Object" ("Additional restrictions apply for activities"); the ' +
      'value 100 is unverified (secondary sources only)',
    url: `${HELP}custom_field_allocations.htm`,
    kind: 'metadata',
    enforcedBy: 'scripts/checks/limits.ts checkPlatformLimits (Activity, Task, Event fields)',
    objects: ['Activity']
  },
  {
    id: 'relationship-fields',
    limit: 'relationship fields (lookup + master-detail) per object',
    value: 40,
    source:
      'Salesforce Help, "Relationship Considerations" (each relationship counts against the custom fields) and ' +
      '"Custom Fields Allowed Per Object" ("additional restrictions apply for … relationship fields"); the value 40 ' +
      'is unverified (secondary sources only)',
    kind: 'metadata',
    enforcedBy:
      'scripts/checks/limits.ts checkPlatformLimits (Lookup, MasterDetail, Hierarchy, External/IndirectLookup)'
  },
  {
    id: 'master-detail-fields',
    limit: 'master-detail relationships per object',
    value: 2,
    source:
      'Salesforce Help, "Relationship Considerations" ("Each custom object can have up to two master-detail ' +
      'relationships and many lookup relationships")',
    kind: 'metadata',
    enforcedBy: 'scripts/checks/limits.ts checkPlatformLimits (MasterDetail)'
  },
  {
    id: 'long-text-total',
    limit: 'characters across all long text area and rich text area fields, per object',
    value: 1_638_400,
    source:
      'Salesforce Help, "Rich Text Area Field Considerations", Character Limits ("Each object can contain 1,638,400 ' +
      'characters across long text area and rich text area fields")',
    url: `${HELP}platform.fields_rich_text_area_limitations.htm&type=5`,
    kind: 'metadata',
    enforcedBy: 'scripts/checks/limits.ts checkPlatformLimits (LongTextArea, Html lengths)'
  },
  {
    id: 'long-text-length',
    limit: 'length of one long text area or rich text area field (minimum 256)',
    value: 131_072,
    source:
      'Salesforce Help, "Rich Text Area Field Considerations", Character Limits ("up to 131,072 characters for each ' +
      'rich text area field"; "The minimum character limit is 256")',
    url: `${HELP}platform.fields_rich_text_area_limitations.htm&type=5`,
    kind: 'metadata',
    enforcedBy: 'scripts/checks/limits.ts checkPlatformLimits (LongTextArea, Html length)'
  },
  {
    id: 'picklist-values',
    limit: 'values of one custom picklist (restricted: active and inactive together)',
    value: 1000,
    source:
      'Salesforce Help, "Picklist Limitations", Limits for Custom Picklists ("Restricted picklists have a combined ' +
      'active and inactive limit of 1,000 values"; unrestricted: 1,000 active values)',
    url: `${HELP}picklist_limitations.htm`,
    kind: 'metadata',
    enforcedBy: 'scripts/checks/limits.ts checkPlatformLimits (valueSetDefinition values)'
  },
  {
    id: 'picklist-value-length',
    limit: 'characters of one picklist value',
    value: 255,
    source:
      'Salesforce Help, "Picklist Limitations" ("each value can have up to 255 characters" — stated for standard ' +
      'picklists; the same for custom picklist values is unverified)',
    url: `${HELP}picklist_limitations.htm`,
    kind: 'metadata',
    enforcedBy: 'scripts/checks/limits.ts checkPlatformLimits (valueSetDefinition value fullName)'
  },
  {
    id: 'custom-field-label-length',
    limit: 'characters of a custom field label',
    value: 40,
    source:
      'Metadata API Developer Guide, "CustomField" (label); unverified here (the search tool did not return the page)',
    kind: 'metadata',
    enforcedBy: 'scripts/checks/metadata.ts checkField (label) and scripts/checks/limits.ts checkPlatformLimits'
  },
  {
    id: 'api-name-length',
    limit: 'characters of a custom object or custom field API name, without its __c / __e suffix',
    value: 40,
    source:
      'Salesforce Help, "Create Custom Fields" / "Create a Custom Object" (Field Name / Object Name); unverified ' +
      'here (the search tool did not return the page)',
    kind: 'metadata',
    enforcedBy: 'scripts/checks/limits.ts checkPlatformLimits (file names)'
  },
  {
    id: 'object-label-length',
    limit: 'characters of a custom object label and plural label',
    value: 40,
    source: 'Metadata API Developer Guide, "CustomObject" (label, pluralLabel); unverified here',
    kind: 'metadata',
    enforcedBy: 'scripts/checks/limits.ts checkPlatformLimits (label, pluralLabel)'
  },
  {
    id: 'triggers-per-object',
    limit: 'Apex triggers per object (a house rule, not a platform limit)',
    value: 1,
    source:
      'No documented limit on triggers per object. Apex Developer Guide, "Triggers and Order of Execution": the ' +
      'order of several triggers on one object for the same event is not guaranteed — so the package keeps one ' +
      'trigger per object',
    kind: 'house-rule',
    enforcedBy: 'scripts/checks/limits.ts checkPlatformLimits (trigger ... on <Object>)'
  },
  {
    id: 'regex-input-access',
    limit: 'accesses to the input of one regular-expression match (Matcher); uncatchable LimitException beyond',
    value: 1_000_000,
    source:
      'Apex Developer Guide, "Using Patterns and Matchers" ("the limit on the number of times an input sequence for ' +
      'a regular expression can be accessed is 1,000,000 … the Regex too complicated error")',
    kind: 'runtime',
    enforcedBy:
      'scripts/local-org/stdlib/pattern.ts (REGEX_INPUT_ACCESS_LIMIT; a lower bound: Matcher matches/find only)'
  },
  {
    id: 'view-setup-for-setup-objects',
    limit: 'reading Site and SiteDetail in user mode needs "View Setup and Configuration"',
    value: 1,
    source:
      'Object Reference, "Site" (as issue #21 reads it; the search tool did not return the page: unverified here)',
    kind: 'runtime',
    enforcedBy: 'scripts/local-org/data/access.ts objectPermissions (VIEW_SETUP_OBJECTS)'
  },
  {
    id: 'setup-objects-visible-to-tests',
    limit: 'setup objects (User, Profile, Organization, Site, …) stay visible to tests without SeeAllData',
    value: 1,
    source:
      'Apex Developer Guide, "Isolation of Test Data from Organization Data in Unit Tests" (objects used to manage ' +
      'your organization or metadata objects can still be accessed in tests: User, Profile, Organization, …)',
    kind: 'runtime',
    enforcedBy: 'scripts/local-org/data/seed.ts (Site and SiteDetail rows of the project\u2019s sites)'
  },
  {
    id: 'lock-wait-seconds',
    limit:
      'seconds a SELECT … FOR UPDATE (or a DML statement) waits for a record another transaction locked, then a ' +
      'QueryException (DmlException)',
    value: 10,
    source:
      'Apex Developer Guide, "Locking Statements" ("your process waits a maximum of 10 seconds for the lock to be ' +
      'released before acquiring a new lock"; the wait cannot be set from Apex)',
    url: 'https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/langCon_apex_locking_statements.htm',
    kind: 'real-org',
    enforcedBy:
      'force-app/main/eventlog/classes/MiiTelCallLocks.cls (one locking query per request (a second only for call ' +
      'keys another request created meanwhile, never a key already waited on; MiiTelCallLocks_Tests counts them); ' +
      'measured by docs/real-org-checklist.md item 14f)'
  },
  {
    id: 'long-running-request-seconds',
    limit: 'seconds after which a synchronous Apex request counts as long-running (asynchronous requests never count)',
    value: 5,
    source:
      'Object Reference, "Concurrent Long-Running Apex Limit Event Type" ("Requests with an established Apex context ' +
      'that execute for 5 seconds are counted towards your org\u2019s limit of concurrent long-running requests. ' +
      '(Asynchronous requests don\u2019t count towards the limit.)")',
    url: 'https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_objects_eventlogfile_concurrentlongrunningapexlimit.htm',
    kind: 'real-org',
    enforcedBy:
      'docs/real-org-checklist.md item 14f (the slowest of 12 concurrent requests of one call); only the REST ' +
      'endpoint is synchronous — the webhook trigger is an asynchronous platform-event subscriber'
  },
  {
    id: 'concurrent-long-running-requests',
    limit: 'long-running Apex requests running at once in an org; beyond, new Apex requests are denied org-wide',
    value: 10,
    source:
      'Object Reference, "Concurrent Long-Running Apex Limit Event Type" (API 50.0 edition: "When there are more than ' +
      '10 long-running requests (org default limit), additional long-running requests are terminated"; the current ' +
      'edition says "the org default limit" without the number, and "all new Apex invocation requests are denied")',
    kind: 'real-org',
    enforcedBy: 'docs/real-org-checklist.md item 14f'
  }
];

/** The row of `id` (throws on an unknown id: a check must not cite a row that does not exist). */
export function platformLimit(id: string): PlatformLimit {
  const row = PLATFORM_LIMITS.find((r) => r.id === id);
  if (!row) {
    throw new Error(`no platform limit ${id} in scripts/checks/platform-limits.ts`);
  }
  return row;
}
