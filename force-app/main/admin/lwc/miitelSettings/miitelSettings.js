import { LightningElement, wire } from 'lwc';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { getObjectInfo, getObjectInfos, getPicklistValues } from 'lightning/uiObjectInfoApi';
import TASK_OBJECT from '@salesforce/schema/Task';
import TASK_STATUS_FIELD from '@salesforce/schema/Task.Status';
import CONTACT_OBJECT from '@salesforce/schema/Contact';
import ACCOUNT_OBJECT from '@salesforce/schema/Account';
import LEAD_OBJECT from '@salesforce/schema/Lead';
import getSettings from '@salesforce/apex/MiiTelSettingsController.getSettings';
import getMergeFields from '@salesforce/apex/MiiTelSettingsController.getMergeFields';
import saveSettings from '@salesforce/apex/MiiTelSettingsController.saveSettings';
import preview from '@salesforce/apex/MiiTelSettingsController.preview';
import { LABELS, format } from 'c/miitelSettingsLabels';

export const PREVIEW_DELAY_MS = 400;
const MAX_SUBJECT_LENGTH = 255;
const MAX_PHONE_FIELDS = 2;
const RETENTION_RANGE = [1, 3650];
// The renderer's merge-field syntax (MiiTelTaskRenderer.MERGE_FIELD), used only to name unknown fields.
const MERGE_FIELD = /\{!\s*([A-Za-z]+)\s*\}/g;
const LIST_FIELDS = ['comment', 'missedComment', 'contactPhoneFields', 'accountPhoneFields', 'leadPhoneFields'];
const PHONE_FIELD_SETTINGS = {
  contactPhoneFields: CONTACT_OBJECT.objectApiName,
  accountPhoneFields: ACCOUNT_OBJECT.objectApiName,
  leadPhoneFields: LEAD_OBJECT.objectApiName
};

function normalize(view) {
  const settings = { ...view };
  for (const name of LIST_FIELDS) {
    settings[name] = Array.isArray(view[name]) ? view[name] : [];
  }
  return settings;
}

function byLabel(left, right) {
  return left.label.localeCompare(right.label);
}

/**
 * The MiiTel settings page: the setup health on top, then the sections as tabs — Activity (logging and Task fields),
 * Comment (comment builders and the live preview rendered by Apex), Matching, Outgoing Webhook, Event log and Usage.
 * Saves the first three through MiiTelSettingsController; the others save themselves. A health check's link opens
 * its section (the `navigate` event of c-miitel-setup-health).
 */
export default class MiitelSettings extends LightningElement {
  labels = LABELS;
  /** The open tab: activity, comment, matching, webhook, eventLog or usage. */
  activeSection = 'activity';
  settings;
  mergeFields = [];
  loading = true;
  saving = false;
  dirty = false;
  loadError;
  saveError;
  previewError;
  previewNormal;
  previewMissed;
  taskInfo;
  taskInfoError;
  statusValues;
  statusError;
  phoneInfos = {};
  phoneInfoError;

  previewTimer;
  previewRun = 0;

  @wire(getObjectInfo, { objectApiName: TASK_OBJECT })
  wiredTaskInfo({ data, error }) {
    this.taskInfo = data;
    this.taskInfoError = error;
  }

  @wire(getPicklistValues, { recordTypeId: '$taskRecordTypeId', fieldApiName: TASK_STATUS_FIELD })
  wiredStatuses({ data, error }) {
    this.statusValues = data;
    this.statusError = error;
  }

  @wire(getObjectInfos, { objectApiNames: [CONTACT_OBJECT, ACCOUNT_OBJECT, LEAD_OBJECT] })
  wiredPhoneInfos({ data, error }) {
    const infos = {};
    for (const entry of data?.results ?? []) {
      if (entry.statusCode === 200 && entry.result) {
        infos[entry.result.apiName] = entry.result;
      }
    }
    this.phoneInfos = infos;
    this.phoneInfoError = error;
  }

  connectedCallback() {
    window.addEventListener('beforeunload', this.handleBeforeUnload);
    this.load();
  }

  disconnectedCallback() {
    window.removeEventListener('beforeunload', this.handleBeforeUnload);
    clearTimeout(this.previewTimer);
  }

  handleBeforeUnload = (event) => {
    if (this.dirty) {
      event.preventDefault();
      event.returnValue = '';
    }
  };

  async load() {
    this.loading = true;
    this.loadError = undefined;
    try {
      const [settings, mergeFields] = await Promise.all([getSettings(), getMergeFields()]);
      this.settings = normalize(settings);
      this.mergeFields = mergeFields ?? [];
      this.dirty = false;
      this.refreshPreview();
    } catch (error) {
      this.loadError = error;
    } finally {
      this.loading = false;
    }
  }

  // ---- view state

  get ready() {
    return Boolean(this.settings);
  }

  get busy() {
    return this.loading || this.saving;
  }

  get spinnerText() {
    return this.saving ? LABELS.SETTINGS_SAVING : LABELS.SETTINGS_LOADING;
  }

  get loadErrors() {
    return [this.loadError, this.taskInfoError, this.statusError, this.phoneInfoError].filter(Boolean);
  }

  get taskRecordTypeId() {
    return this.taskInfo?.defaultRecordTypeId;
  }

  get timingOptions() {
    return [
      { label: LABELS.SETTINGS_TIMING_STARTED, value: 'CallStarted' },
      { label: LABELS.SETTINGS_TIMING_ENDED, value: 'CallEnded' }
    ];
  }

  get ambiguityOptions() {
    return [
      { label: LABELS.SETTINGS_AMBIGUITY_NEWEST, value: 'Newest' },
      { label: LABELS.SETTINGS_AMBIGUITY_UNLINKED, value: 'Unlinked' }
    ];
  }

  get statusOptions() {
    const values = (this.statusValues?.values ?? []).map((entry) => ({ label: entry.label, value: entry.value }));
    return [{ label: LABELS.SETTINGS_STATUS_DEFAULT, value: '' }, ...values];
  }

  get taskStatusValue() {
    return this.settings.taskStatus ?? '';
  }

  get fieldsDisabled() {
    return this.saving || this.settings.timing !== 'CallEnded';
  }

  /** The Task fields that receive the call times (Date/Time) and the memos (multi-select picklist). */
  get taskFieldPickers() {
    const dateTimes = this.taskFieldOptions('DateTime');
    return [
      ['dialStartedField', 'dial-started', LABELS.SETTINGS_DIAL_STARTED_FIELD, dateTimes],
      ['callStartedField', 'call-started', LABELS.SETTINGS_CALL_STARTED_FIELD, dateTimes],
      ['callEndedField', 'call-ended', LABELS.SETTINGS_CALL_ENDED_FIELD, dateTimes],
      ['memoField', 'memo', LABELS.SETTINGS_MEMO_FIELD, this.taskFieldOptions('MultiPicklist')]
    ].map(([name, className, label, options]) => ({
      name,
      label,
      options,
      className: `task-field ${className} slds-m-top_x-small`,
      value: this.settings[name] ?? ''
    }));
  }

  /** One picker per searched object: the custom phone fields added to its search. */
  get phoneFieldPickers() {
    return [
      ['contactPhoneFields', 'contact-phone-fields', LABELS.SETTINGS_CONTACT_PHONE_FIELDS],
      ['accountPhoneFields', 'account-phone-fields', LABELS.SETTINGS_ACCOUNT_PHONE_FIELDS],
      ['leadPhoneFields', 'lead-phone-fields', LABELS.SETTINGS_LEAD_PHONE_FIELDS]
    ].map(([name, className, label], index) => ({
      name,
      label,
      className: `phone-fields ${className}${index > 0 ? ' slds-m-top_small' : ''}`,
      options: this.phoneFieldOptions(name),
      value: this.settings[name]
    }));
  }

  get maxPhoneFields() {
    return MAX_PHONE_FIELDS;
  }

  get phoneFieldsMaxMessage() {
    return format(LABELS.SETTINGS_PHONE_FIELDS_MAX, MAX_PHONE_FIELDS);
  }

  /** How long the event log keeps successful events, and failed or deferred ones (days). */
  get retentionInputs() {
    return [
      ['eventLogRetentionDays', 'retention', LABELS.SETTINGS_RETENTION],
      ['unresolvedRetentionDays', 'unresolved-retention', LABELS.SETTINGS_UNRESOLVED_RETENTION]
    ].map(([name, className, label]) => ({
      name,
      label,
      className: `${className} slds-m-top_small`,
      value: this.settings[name]
    }));
  }

  get retentionMin() {
    return RETENTION_RANGE[0];
  }

  get retentionMax() {
    return RETENTION_RANGE[1];
  }

  get rangeMessage() {
    return format(LABELS.SETTINGS_RANGE, ...RETENTION_RANGE);
  }

  get tooLongMessage() {
    return format(LABELS.SETTINGS_TOO_LONG, MAX_SUBJECT_LENGTH);
  }

  get commentLength() {
    return this.previewNormal?.comment?.length;
  }

  get missedCommentLength() {
    return this.previewMissed?.comment?.length;
  }

  /** The Tasks a sample call would produce, answered and missed, as rendered by Apex. */
  get previews() {
    return [
      ['normal', LABELS.SETTINGS_PREVIEW_NORMAL, this.previewNormal, 'slds-m-bottom_small '],
      ['missed', LABELS.SETTINGS_PREVIEW_MISSED, this.previewMissed, '']
    ].map(([key, title, rendered, spacing]) => ({
      key,
      title,
      subject: rendered?.subject,
      comment: rendered?.comment,
      className: `slds-box slds-box_x-small ${spacing}preview-${key}`
    }));
  }

  get saveDisabled() {
    return this.busy || !this.ready;
  }

  taskFieldOptions(dataType) {
    // The bridge creates and updates the Task: fields the platform sets itself (CreatedDate, CompletedDateTime) are out.
    const fields = Object.values(this.taskInfo?.fields ?? {})
      .filter((field) => field.dataType === dataType && field.createable && field.updateable)
      .map((field) => ({ label: `${field.label} (${field.apiName})`, value: field.apiName }))
      .sort(byLabel);
    return [{ label: LABELS.SETTINGS_PACKAGE_FIELD, value: '' }, ...fields];
  }

  phoneFieldOptions(setting) {
    const info = this.phoneInfos[PHONE_FIELD_SETTINGS[setting]];
    const options = Object.values(info?.fields ?? {})
      .filter((field) => field.custom && (field.dataType === 'Phone' || field.dataType === 'String'))
      // the package's own phone keys (MiiTel_Phone_Key__c, MiiTel_Custom_Phone_Key_1__c, …) are not numbers to search
      .filter((field) => !/^MiiTel_\w*_Key(_\d+)?__c$/.test(field.apiName))
      .map((field) => ({ label: `${field.label} (${field.apiName})`, value: field.apiName }));
    // A saved field the user cannot see any more still has to be listed, or the listbox drops it silently.
    for (const name of this.settings[setting]) {
      if (!options.some((option) => option.value === name)) {
        options.push({ label: name, value: name });
      }
    }
    return options.sort(byLabel);
  }

  // ---- sections

  handleActive(event) {
    this.activeSection = event.target.value;
  }

  handleNavigate(event) {
    this.activeSection = event.detail.section;
  }

  // ---- editing

  handleChange(event) {
    const { name, kind } = event.target.dataset;
    let value = event.detail.value;
    if (kind === 'checkbox') {
      value = event.detail.checked;
    } else if (kind === 'number') {
      value = value === '' || value === null || value === undefined ? null : Number(value);
    } else if (kind === 'lines') {
      value = event.detail.lines;
    }
    this.settings = { ...this.settings, [name]: value };
    this.dirty = true;
    this.validateOne(event.target);
    this.schedulePreview();
  }

  // ---- validation

  problemFor(name) {
    const settings = this.settings;
    if (name === 'subjectTemplate') {
      return this.subjectProblem(settings.subjectTemplate ?? '');
    }
    if (name === 'eventLogRetentionDays' || name === 'unresolvedRetentionDays') {
      const days = settings[name];
      const [min, max] = RETENTION_RANGE;
      const valid = days === null || days === undefined || (Number.isInteger(days) && days >= min && days <= max);
      return valid ? '' : this.rangeMessage;
    }
    // the phone-field listboxes
    return settings[name].length > MAX_PHONE_FIELDS ? this.phoneFieldsMaxMessage : '';
  }

  subjectProblem(template) {
    if (template.trim() === '') {
      return LABELS.SETTINGS_REQUIRED;
    }
    if (template.length > MAX_SUBJECT_LENGTH) {
      return this.tooLongMessage;
    }
    const known = new Set(this.mergeFields.map((field) => field.name));
    const unknown = [...template.matchAll(MERGE_FIELD)].map((match) => match[1]).filter((name) => !known.has(name));
    return unknown.length > 0 ? format(LABELS.SETTINGS_SUBJECT_UNKNOWN, unknown.join(', ')) : '';
  }

  validateOne(input) {
    if (input.dataset.validate === undefined) {
      return true;
    }
    const problem = this.problemFor(input.dataset.name);
    input.setCustomValidity(problem);
    input.reportValidity();
    return problem === '';
  }

  validate() {
    const inputs = [...this.template.querySelectorAll('[data-validate]')];
    return inputs.reduce((valid, input) => this.validateOne(input) && valid, true);
  }

  // ---- save

  async handleSave() {
    if (!this.validate()) {
      return;
    }
    this.saving = true;
    this.saveError = undefined;
    try {
      const saved = await saveSettings({ settings: this.settings });
      this.settings = normalize(saved);
      this.dirty = false;
      this.dispatchEvent(new ShowToastEvent({ title: LABELS.SETTINGS_SAVED, message: '', variant: 'success' }));
    } catch (error) {
      this.saveError = error;
    } finally {
      this.saving = false;
    }
  }

  // ---- preview (rendered by the bridge's Apex renderer)

  schedulePreview() {
    clearTimeout(this.previewTimer);
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    this.previewTimer = setTimeout(() => this.refreshPreview(), PREVIEW_DELAY_MS);
  }

  async refreshPreview() {
    const run = ++this.previewRun;
    const settings = this.settings;
    try {
      const [normal, missed] = await Promise.all([
        preview({ settings, missed: false }),
        preview({ settings, missed: true })
      ]);
      if (run === this.previewRun) {
        this.previewNormal = normal;
        this.previewMissed = missed;
        this.previewError = undefined;
      }
    } catch (error) {
      if (run === this.previewRun) {
        this.previewError = error;
      }
    }
  }
}
