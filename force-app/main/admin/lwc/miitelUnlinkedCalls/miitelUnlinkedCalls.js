import { LightningElement } from 'lwc';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import TIME_ZONE from '@salesforce/i18n/timeZone';
import getUnlinkedCalls from '@salesforce/apex/MiiTelUnlinkedCallsController.getUnlinkedCalls';
import searchRecords from '@salesforce/apex/MiiTelUnlinkedCallsController.searchRecords';
import linkCall from '@salesforce/apex/MiiTelUnlinkedCallsController.linkCall';
import { LABELS, format } from './labels';

const PAGE_SIZE = 20;
const MIN_SEARCH_LENGTH = 2;
export const SEARCH_DELAY_MS = 300;

const DIRECTIONS = {
  inbound: LABELS.DIRECTION_INBOUND,
  outbound: LABELS.DIRECTION_OUTBOUND
};
const OBJECTS = [
  { label: LABELS.OBJECT_CONTACT, value: 'Contact' },
  { label: LABELS.OBJECT_LEAD, value: 'Lead' },
  { label: LABELS.OBJECT_ACCOUNT, value: 'Account' }
];

/**
 * The "Unlinked calls" tab of the settings page: MiiTel calls of the last days that matched no record, newest first,
 * as MiiTelUnlinkedCallsController reads them in the admin's user mode (date and time in the admin's locale and time
 * zone). "Link" opens a panel under the list: search a Contact, Lead or Account by name, optionally save the call's
 * number into one of the record's phone fields (a field holding another number is shown and never overwritten) and
 * link the other unlinked calls from the same number too. Apex does the linking, all or nothing.
 */
export default class MiitelUnlinkedCalls extends LightningElement {
  labels = LABELS;
  timeZone = TIME_ZONE;
  objectOptions = OBJECTS;

  calls = [];
  windowDays;
  hasMore = false;
  nextCursor;
  loading = false;
  loaded = false;
  loadError;

  /** The call being linked, or undefined while the panel is closed. */
  callToLink;
  objectName = 'Contact';
  searchText = '';
  results = [];
  searched = false;
  recordId;
  saveNumber = false;
  phoneField;
  linkSameNumber = true;
  linking = false;
  linkError;
  searchTimer;
  searchRun = 0;

  connectedCallback() {
    this.load(true);
  }

  disconnectedCallback() {
    clearTimeout(this.searchTimer);
  }

  async load(fromStart) {
    this.loading = true;
    this.loadError = undefined;
    try {
      const page = await getUnlinkedCalls({ pageSize: PAGE_SIZE, cursor: fromStart ? null : this.nextCursor });
      const calls = page?.calls ?? [];
      this.calls = fromStart ? calls : [...this.calls, ...calls];
      this.hasMore = page?.hasMore === true;
      this.nextCursor = page?.nextCursor;
      this.windowDays = page?.windowDays;
      this.loaded = true;
    } catch (error) {
      this.loadError = error;
    } finally {
      this.loading = false;
    }
  }

  // ---- list

  get intro() {
    return format(LABELS.INTRO, this.windowDays ?? '');
  }

  get emptyText() {
    return format(LABELS.EMPTY, this.windowDays ?? '');
  }

  get rows() {
    return this.calls.map((call) => ({
      ...call,
      directionLabel: DIRECTIONS[call.direction] ?? '',
      numberText: call.customerNumber || LABELS.UNKNOWN_NUMBER,
      linkLabel: `${LABELS.LINK}: ${call.customerNumber || LABELS.UNKNOWN_NUMBER}`,
      rowClass: this.callToLink?.taskId === call.taskId ? 'call slds-is-selected' : 'call'
    }));
  }

  get hasCalls() {
    return this.calls.length > 0;
  }

  get isEmpty() {
    return this.loaded && !this.loadError && this.calls.length === 0;
  }

  handleRefresh() {
    this.closePanel();
    this.load(true);
  }

  handleShowMore() {
    this.load(false);
  }

  handleLinkClick(event) {
    const call = this.calls.find((candidate) => candidate.taskId === event.target.dataset.id);
    if (!call) {
      return;
    }
    this.callToLink = call;
    this.searchText = '';
    this.results = [];
    this.searched = false;
    this.recordId = undefined;
    this.saveNumber = false;
    this.phoneField = undefined;
    this.linkSameNumber = true;
    this.linkError = undefined;
  }

  // ---- link panel

  get panelTitle() {
    return format(LABELS.LINK_TITLE, this.callToLink?.customerNumber || LABELS.UNKNOWN_NUMBER);
  }

  get recordOptions() {
    return this.results.map((record) => {
      const phones = (record.phoneFields ?? [])
        .filter((field) => field.value)
        .map((field) => field.value)
        .join(', ');
      return { label: phones ? `${record.name} (${phones})` : record.name, value: record.recordId };
    });
  }

  get hasResults() {
    return this.results.length > 0;
  }

  get noResults() {
    return this.searched && this.results.length === 0;
  }

  get chosenRecord() {
    return this.results.find((record) => record.recordId === this.recordId);
  }

  get canSaveNumber() {
    return Boolean(this.callToLink?.customerNumber) && Boolean(this.chosenRecord);
  }

  get saveNumberDisabled() {
    return !this.canSaveNumber || this.linking;
  }

  get showPhoneFields() {
    return this.saveNumber && this.canSaveNumber;
  }

  get phoneFieldOptions() {
    return (this.chosenRecord?.phoneFields ?? []).map((field) => ({
      label: field.value
        ? format(LABELS.PHONE_FIELD_VALUE, field.label, field.value)
        : format(LABELS.PHONE_FIELD_EMPTY, field.label),
      value: field.name
    }));
  }

  get hasSameNumber() {
    return (this.callToLink?.sameNumberCount ?? 0) > 0;
  }

  get sameNumberLabel() {
    return format(LABELS.LINK_SAME_NUMBER, this.callToLink?.sameNumberCount ?? 0);
  }

  get linkDisabled() {
    return !this.chosenRecord || this.linking || (this.showPhoneFields && !this.phoneField);
  }

  handleObjectChange(event) {
    this.objectName = event.detail.value;
    this.recordId = undefined;
    this.phoneField = undefined;
    this.scheduleSearch();
  }

  handleSearchChange(event) {
    this.searchText = event.detail.value ?? '';
    this.scheduleSearch();
  }

  // A search per pause in typing, not per key; an answer that arrives after a newer search started is dropped.
  scheduleSearch() {
    clearTimeout(this.searchTimer);
    const text = this.searchText.trim();
    if (text.length < MIN_SEARCH_LENGTH) {
      this.results = [];
      this.searched = false;
      return;
    }
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    this.searchTimer = setTimeout(() => this.search(text), SEARCH_DELAY_MS);
  }

  async search(text) {
    const run = ++this.searchRun;
    try {
      const results = await searchRecords({ objectName: this.objectName, text });
      if (run !== this.searchRun) {
        return;
      }
      this.results = results ?? [];
      this.searched = true;
      this.linkError = undefined;
      if (!this.chosenRecord) {
        this.recordId = undefined;
      }
    } catch (error) {
      if (run === this.searchRun) {
        this.linkError = error;
      }
    }
  }

  handleRecordChange(event) {
    this.recordId = event.detail.value;
    this.phoneField = this.defaultPhoneField();
  }

  // The first empty phone field, so that nothing is overwritten; the first one when all hold a number (Apex refuses
  // another number, and the options show which one each holds).
  defaultPhoneField() {
    const fields = this.chosenRecord?.phoneFields ?? [];
    return (fields.find((field) => !field.value) ?? fields[0])?.name;
  }

  handleSaveNumberChange(event) {
    this.saveNumber = event.target.checked;
    if (this.saveNumber && !this.phoneField) {
      this.phoneField = this.defaultPhoneField();
    }
  }

  handlePhoneFieldChange(event) {
    this.phoneField = event.detail.value;
  }

  handleSameNumberChange(event) {
    this.linkSameNumber = event.target.checked;
  }

  handleCancel() {
    this.closePanel();
  }

  closePanel() {
    clearTimeout(this.searchTimer);
    this.callToLink = undefined;
    this.results = [];
    this.recordId = undefined;
    this.linkError = undefined;
  }

  async handleLink() {
    const record = this.chosenRecord;
    if (!this.callToLink || !record) {
      return;
    }
    this.linking = true;
    this.linkError = undefined;
    try {
      const result = await linkCall({
        request: {
          taskId: this.callToLink.taskId,
          recordId: record.recordId,
          phoneField: this.showPhoneFields ? this.phoneField : null,
          linkSameNumber: this.hasSameNumber && this.linkSameNumber
        }
      });
      const linked = result?.linkedTaskIds?.length ?? 0;
      const savedTo = result?.numberSaved
        ? record.phoneFields.find((field) => field.name === result.phoneField)?.label
        : undefined;
      this.dispatchEvent(
        new ShowToastEvent({
          title: format(LABELS.LINKED, linked, record.name),
          message: savedTo ? format(LABELS.NUMBER_SAVED, savedTo) : '',
          variant: 'success'
        })
      );
      this.closePanel();
      await this.load(true);
    } catch (error) {
      this.linkError = error;
    } finally {
      this.linking = false;
    }
  }
}
