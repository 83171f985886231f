// Tests drive the auto-stubbed wire adapters directly (adapter.emit / adapter.error), which this rule forbids in components.
import { createElement } from 'lwc';
import MiitelSettings, { PREVIEW_DELAY_MS } from 'c/miitelSettings';
import { getObjectInfo, getObjectInfos, getPicklistValues } from 'lightning/uiObjectInfoApi';
import getSettings from '@salesforce/apex/MiiTelSettingsController.getSettings';
import getMergeFields from '@salesforce/apex/MiiTelSettingsController.getMergeFields';
import saveSettings from '@salesforce/apex/MiiTelSettingsController.saveSettings';
import preview from '@salesforce/apex/MiiTelSettingsController.preview';
import getEventLog from '@salesforce/apex/MiiTelEventLogController.getEventLog';
import getApiUsage from '@salesforce/apex/MiiTelApiUsageController.getApiUsage';
import getSetupHealth from '@salesforce/apex/MiiTelSetupHealthController.getSetupHealth';
import getDailyUsage from '@salesforce/apex/MiiTelApiUsageController.getDailyUsage';
import SETTINGS from './data/settings.json';
import MERGE_FIELDS from './data/mergeFields.json';
import PREVIEW from './data/preview.json';
import TASK_INFO from './data/taskObjectInfo.json';
import TASK_STATUSES from './data/taskStatusPicklist.json';
import PHONE_INFOS from './data/phoneObjectInfos.json';
import SAVE_ERROR from './data/saveError.json';

jest.mock('@salesforce/apex/MiiTelSettingsController.getSettings', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MiiTelSettingsController.getMergeFields', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/MiiTelSettingsController.saveSettings', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MiiTelSettingsController.preview', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MiiTelEventLogController.getEventLog', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MiiTelEventLogController.replay', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MiiTelApiUsageController.getApiUsage', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MiiTelApiUsageController.startPhoneKeyBackfill', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/MiiTelApiUsageController.getJobStatus', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/MiiTelApiUsageController.getDailyUsage', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/MiiTelSetupHealthController.getSetupHealth', () => ({ default: jest.fn() }), {
  virtual: true
});

const clone = (value) => JSON.parse(JSON.stringify(value));

async function flush() {
  for (let i = 0; i < 10; i++) {
    // eslint-disable-next-line no-await-in-loop
    await Promise.resolve();
  }
}

async function render() {
  const element = createElement('c-miitel-settings', { is: MiitelSettings });
  document.body.appendChild(element);
  await flush();
  return element;
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const $$ = (element, selector) => [...element.shadowRoot.querySelectorAll(selector)];

function change(target, detail) {
  target.dispatchEvent(new CustomEvent('change', { detail }));
  return flush();
}

function spyValidity(target) {
  const setCustomValidity = jest.fn();
  const reportValidity = jest.fn();
  Object.assign(target, { setCustomValidity, reportValidity });
  return setCustomValidity;
}

describe('c-miitel-settings', () => {
  beforeEach(() => {
    getSettings.mockResolvedValue(clone(SETTINGS));
    getMergeFields.mockResolvedValue(MERGE_FIELDS);
    preview.mockImplementation(({ missed }) => Promise.resolve(missed ? PREVIEW.missed : PREVIEW.normal));
    getEventLog.mockResolvedValue([]);
    getApiUsage.mockResolvedValue({ dailyApiLimit: 15000, dailyApiUsed: 10 });
    getSetupHealth.mockResolvedValue([{ name: 'purge', status: 'error', reason: 'NOT_SCHEDULED' }]);
    getDailyUsage.mockResolvedValue([{ day: '2026-12-06', calls: 1, apiCallsSaved: 4 }]);
  });

  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
    jest.useRealTimers();
  });

  it('loads the settings into the form, with the event log and API usage panels', async () => {
    const element = await render();
    expect($(element, 'lightning-card').title).toBe('c.MiiTel_Settings_Title');
    expect($(element, 'lightning-input.enabled').checked).toBe(true);
    expect($(element, 'lightning-radio-group.timing').value).toBe('CallEnded');
    expect($(element, 'lightning-radio-group.timing').options.map((option) => option.label)).toEqual([
      'c.MiiTel_Settings_Timing_Started',
      'c.MiiTel_Settings_Timing_Ended'
    ]);
    expect($(element, 'lightning-input.subject').value).toBe(SETTINGS.subjectTemplate);
    expect($(element, 'lightning-combobox.status').value).toBe('Completed');
    expect($(element, 'lightning-combobox.call-started').value).toBe('Call_Connected__c');
    expect($(element, 'lightning-combobox.dial-started').value).toBe('');
    expect($(element, 'lightning-input.retention').value).toBe(30);
    expect($(element, 'lightning-input.unresolved-retention').value).toBe(90);
    expect($(element, 'lightning-input.remove-transcripts').checked).toBe(false);
    expect($(element, 'c-miitel-comment-builder.comment').lines).toEqual(SETTINGS.comment);
    expect($(element, 'c-miitel-comment-builder.missed-comment').lines).toEqual(SETTINGS.missedComment);
    expect($(element, 'c-miitel-comment-builder.comment').mergeFields).toEqual(MERGE_FIELDS);
    expect($(element, 'lightning-dual-listbox.lead-phone-fields').value).toEqual([]);
    expect($(element, 'lightning-radio-group.ambiguity').value).toBe('Newest');
    expect($(element, 'lightning-badge.unsaved')).toBeNull();
    expect($(element, 'lightning-spinner')).toBeNull();
    expect($(element, 'c-miitel-event-log')).not.toBeNull();
    expect($(element, 'c-miitel-api-usage')).not.toBeNull();
    expect(getEventLog).toHaveBeenCalled();
    expect(getApiUsage).toHaveBeenCalled();
  });

  it('shows the preview rendered by Apex for an answered and a missed call, and the comment lengths', async () => {
    const element = await render();
    expect(preview).toHaveBeenCalledWith({ settings: expect.objectContaining({ timing: 'CallEnded' }), missed: false });
    expect(preview).toHaveBeenCalledWith({ settings: expect.anything(), missed: true });
    expect($(element, '.preview-normal .subject-preview').textContent).toBe(PREVIEW.normal.subject);
    expect($(element, '.preview-normal .comment-preview').value).toBe(PREVIEW.normal.comment);
    expect($(element, '.preview-missed .comment-preview').value).toBe(PREVIEW.missed.comment);
    expect($(element, 'c-miitel-comment-builder.comment').previewLength).toBe(PREVIEW.normal.comment.length);
    expect($(element, 'c-miitel-comment-builder.missed-comment').previewLength).toBe(PREVIEW.missed.comment.length);
  });

  it('shows a spinner while loading and the load error through the error panel', async () => {
    getSettings.mockRejectedValue(SAVE_ERROR);
    const element = createElement('c-miitel-settings', { is: MiitelSettings });
    document.body.appendChild(element);
    expect($(element, 'lightning-spinner').alternativeText).toBe('c.MiiTel_Settings_Loading');
    await flush();
    expect($(element, 'lightning-spinner')).toBeNull();
    const panel = $(element, 'c-miitel-error-panel.load-errors');
    expect(panel.errors).toEqual([SAVE_ERROR]);
    expect(panel.shadowRoot.querySelector('.title').textContent).toBe('c.MiiTel_Settings_Load_Failed');
    expect($(element, 'lightning-input.subject')).toBeNull();
    expect($(element, 'lightning-button.save').disabled).toBe(true);
  });

  it('lists only writable Task Date/Time fields for the times and multi-select picklists for the memo (getObjectInfo)', async () => {
    const element = await render();
    getObjectInfo.emit(TASK_INFO);
    await flush();
    const dateTimes = $(element, 'lightning-combobox.dial-started').options.map((option) => option.value);
    expect(dateTimes[0]).toBe('');
    // CompletedDateTime and CreatedDate are Date/Time fields the platform sets itself: never offered
    expect(dateTimes.slice(1).sort()).toEqual(['Call_Connected__c', 'MiiTel_Dial_Started_At__c']);
    expect($(element, 'lightning-combobox.dial-started').options[0].label).toBe('c.MiiTel_Settings_Package_Field');
    expect($(element, 'lightning-combobox.call-ended').options).toEqual(
      $(element, 'lightning-combobox.dial-started').options
    );
    expect($(element, 'lightning-combobox.memo').options.map((option) => option.value)).toEqual([
      '',
      'MiiTel_Call_Memo__c'
    ]);
  });

  it('gives every combobox a placeholder from the custom labels, not the base component default', async () => {
    const element = await render();
    const comboboxes = [...element.shadowRoot.querySelectorAll('lightning-combobox')];
    expect(comboboxes.length).toBe(5);
    expect(comboboxes.map((combobox) => combobox.placeholder)).toEqual(Array(5).fill('c.MiiTel_Select_Placeholder'));
  });

  it('reads the Task Status values for the default record type (getPicklistValues)', async () => {
    const element = await render();
    getObjectInfo.emit(TASK_INFO);
    await flush();
    expect(getPicklistValues.getLastConfig()).toEqual({
      recordTypeId: TASK_INFO.defaultRecordTypeId,
      fieldApiName: expect.objectContaining({ fieldApiName: 'Status', objectApiName: 'Task' })
    });
    getPicklistValues.emit(TASK_STATUSES);
    await flush();
    expect($(element, 'lightning-combobox.status').options).toEqual([
      { label: 'c.MiiTel_Settings_Status_Default', value: '' },
      { label: '未着手', value: 'Not Started' },
      { label: '進行中', value: 'In Progress' },
      { label: '完了', value: 'Completed' }
    ]);
  });

  it('offers only custom phone and text fields of Contact, Account and Lead, keeping saved ones (getObjectInfos)', async () => {
    const element = await render();
    getObjectInfos.emit(PHONE_INFOS);
    await flush();
    const contact = $(element, 'lightning-dual-listbox.contact-phone-fields');
    expect(contact.options.map((option) => option.value)).toEqual(['Branch_Number__c', 'Direct_Line__c']);
    expect(contact.max).toBe(2);
    expect($(element, 'lightning-dual-listbox.account-phone-fields').options.map((option) => option.value)).toEqual([
      'Head_Office_Phone__c'
    ]);
    expect($(element, 'lightning-dual-listbox.lead-phone-fields').options.map((option) => option.value)).toEqual([
      'Mobile2__c'
    ]);
  });

  it('keeps a saved phone field listed before the object info arrives', async () => {
    const element = await render();
    expect($(element, 'lightning-dual-listbox.contact-phone-fields').options).toEqual([
      { label: 'Direct_Line__c', value: 'Direct_Line__c' }
    ]);
  });

  it.each([
    ['getObjectInfo', getObjectInfo],
    ['getPicklistValues', getPicklistValues],
    ['getObjectInfos', getObjectInfos]
  ])('shows a %s error through the error panel', async (_name, adapter) => {
    const element = await render();
    adapter.error({ message: 'Object info unavailable' });
    await flush();
    const panel = $(element, 'c-miitel-error-panel.load-errors');
    expect(panel.errors).toHaveLength(1);
    panel.shadowRoot.querySelector('.toggle').click();
    await flush();
    expect(panel.shadowRoot.querySelector('.details li').textContent).toBe('Object info unavailable');
  });

  it('enables the time and memo field pickers only when the Task is logged after the call ends', async () => {
    const element = await render();
    const pickers = () => $$(element, 'lightning-combobox.task-field');
    expect(pickers()).toHaveLength(4);
    expect(pickers().map((picker) => picker.disabled)).toEqual([false, false, false, false]);

    await change($(element, 'lightning-radio-group.timing'), { value: 'CallStarted' });
    expect(pickers().map((picker) => picker.disabled)).toEqual([true, true, true, true]);
    expect($(element, '.fields-help').textContent.trim()).toBe('c.MiiTel_Settings_Fields_Help');

    await change($(element, 'lightning-radio-group.timing'), { value: 'CallEnded' });
    expect(pickers().map((picker) => picker.disabled)).toEqual([false, false, false, false]);
  });

  it('loads with the pickers disabled when the saved timing is after the call starts', async () => {
    getSettings.mockResolvedValue({ ...clone(SETTINGS), timing: 'CallStarted' });
    const element = await render();
    expect($$(element, 'lightning-combobox.task-field').every((picker) => picker.disabled)).toBe(true);
  });

  it('edits every kind of setting and shows the unsaved-changes badge', async () => {
    const element = await render();
    await change($(element, 'lightning-input.enabled'), { checked: false });
    await change($(element, 'lightning-combobox.status'), { value: 'In Progress' });
    await change($(element, 'lightning-combobox.memo'), { value: 'MiiTel_Call_Memo__c' });
    await change($(element, 'lightning-input.retention'), { value: '' });
    await change($(element, 'lightning-input.unresolved-retention'), { value: '14' });
    await change($(element, 'lightning-input.remove-transcripts'), { checked: true });
    await change($(element, 'lightning-dual-listbox.account-phone-fields'), { value: ['Head_Office_Phone__c'] });
    await change($(element, 'lightning-radio-group.ambiguity'), { value: 'Unlinked' });
    await change($(element, 'c-miitel-comment-builder.missed-comment'), {
      lines: [{ field: 'owner', label: '担当' }]
    });
    expect($(element, 'lightning-badge.unsaved').label).toBe('c.MiiTel_Settings_Unsaved');

    saveSettings.mockImplementation(({ settings }) => Promise.resolve(settings));
    $(element, 'lightning-button.save').click();
    await flush();
    expect(saveSettings).toHaveBeenCalledWith({
      settings: expect.objectContaining({
        enabled: false,
        taskStatus: 'In Progress',
        memoField: 'MiiTel_Call_Memo__c',
        eventLogRetentionDays: null,
        unresolvedRetentionDays: 14,
        removeAppliedTranscripts: true,
        accountPhoneFields: ['Head_Office_Phone__c'],
        ambiguityPolicy: 'Unlinked',
        missedComment: [{ field: 'owner', label: '担当' }]
      })
    });
  });

  it('previews the edited settings after a short pause, once per pause', async () => {
    const element = await render();
    jest.useFakeTimers();
    preview.mockClear();
    await change($(element, 'lightning-input.subject'), { value: '{!direction}' });
    await change($(element, 'lightning-input.subject'), { value: '{!direction} {!owner}' });
    expect(preview).not.toHaveBeenCalled();
    jest.advanceTimersByTime(PREVIEW_DELAY_MS);
    await flush();
    expect(preview).toHaveBeenCalledTimes(2);
    expect(preview.mock.calls[0][0].settings.subjectTemplate).toBe('{!direction} {!owner}');
  });

  it('shows a preview failure through the error panel', async () => {
    preview.mockRejectedValue({ body: { message: 'Preview failed' } });
    const element = await render();
    expect($(element, 'c-miitel-error-panel.preview-errors').errors).toEqual({ body: { message: 'Preview failed' } });
  });

  it.each([
    ['a blank subject', 'subject', { value: '  ' }, 'c.MiiTel_Settings_Required'],
    ['a subject over 255 characters', 'subject', { value: 'x'.repeat(256) }, 'c.MiiTel_Settings_Too_Long'],
    ['an unknown merge field', 'subject', { value: 'MiiTel {!phone}' }, 'c.MiiTel_Settings_Subject_Unknown'],
    ['a retention of 0 days', 'retention', { value: '0' }, 'c.MiiTel_Settings_Range'],
    ['a retention of 1.5 days', 'retention', { value: '1.5' }, 'c.MiiTel_Settings_Range'],
    [
      'an unresolved-event retention of 3,651 days',
      'unresolved-retention',
      { value: '3651' },
      'c.MiiTel_Settings_Range'
    ]
  ])('reports %s inline and does not save', async (_name, input, detail, message) => {
    const element = await render();
    const target = $(element, `lightning-input.${input}`);
    const setCustomValidity = spyValidity(target);
    await change(target, detail);
    expect(setCustomValidity).toHaveBeenLastCalledWith(message);
    expect(target.reportValidity).toHaveBeenCalled();

    $(element, 'lightning-button.save').click();
    await flush();
    expect(saveSettings).not.toHaveBeenCalled();
  });

  it('reports more than two phone fields on an object', async () => {
    const element = await render();
    const listbox = $(element, 'lightning-dual-listbox.lead-phone-fields');
    const setCustomValidity = spyValidity(listbox);
    await change(listbox, { value: ['A__c', 'B__c', 'C__c'] });
    expect(setCustomValidity).toHaveBeenLastCalledWith('c.MiiTel_Settings_Phone_Fields_Max');
    await change(listbox, { value: ['A__c', 'B__c'] });
    expect(setCustomValidity).toHaveBeenLastCalledWith('');
  });

  it('clears the message when the subject becomes valid', async () => {
    const element = await render();
    const subject = $(element, 'lightning-input.subject');
    const setCustomValidity = spyValidity(subject);
    await change(subject, { value: 'MiiTel {!customerNumber} {!owner}' });
    expect(setCustomValidity).toHaveBeenLastCalledWith('');
  });

  it('saves, shows a success toast and clears the unsaved-changes badge', async () => {
    const saved = { ...clone(SETTINGS), subjectTemplate: '{!direction}', leadPhoneFields: ['Mobile2__c'] };
    saveSettings.mockResolvedValue(saved);
    const element = await render();
    const toast = jest.fn();
    element.addEventListener('lightning__showtoast', toast);
    await change($(element, 'lightning-input.subject'), { value: '{!direction}' });
    expect($(element, 'lightning-badge.unsaved')).not.toBeNull();

    $(element, 'lightning-button.save').click();
    await Promise.resolve();
    expect($(element, 'lightning-spinner').alternativeText).toBe('c.MiiTel_Settings_Saving');
    await flush();
    expect(saveSettings).toHaveBeenCalledWith({
      settings: expect.objectContaining({ subjectTemplate: '{!direction}', leadPhoneFields: [] })
    });
    expect(toast).toHaveBeenCalledTimes(1);
    expect(toast.mock.calls[0][0].detail).toEqual({
      title: 'c.MiiTel_Settings_Saved',
      message: '',
      variant: 'success'
    });
    expect($(element, 'lightning-badge.unsaved')).toBeNull();
    expect($(element, 'lightning-spinner')).toBeNull();
    expect($(element, 'lightning-dual-listbox.lead-phone-fields').value).toEqual(['Mobile2__c']);
  });

  it('shows the save failure message through the error panel and keeps the changes', async () => {
    saveSettings.mockRejectedValue(SAVE_ERROR);
    const element = await render();
    const toast = jest.fn();
    element.addEventListener('lightning__showtoast', toast);
    await change($(element, 'lightning-input.subject'), { value: '{!owner}' });
    $(element, 'lightning-button.save').click();
    await flush();

    expect(toast).not.toHaveBeenCalled();
    const panel = $(element, 'c-miitel-error-panel.save-errors');
    expect(panel.shadowRoot.querySelector('.title').textContent).toBe('c.MiiTel_Settings_Save_Failed');
    panel.shadowRoot.querySelector('.toggle').click();
    await flush();
    expect(panel.shadowRoot.querySelector('.details li').textContent).toBe(SAVE_ERROR.body.message);
    expect($(element, 'lightning-badge.unsaved')).not.toBeNull();
    expect($(element, 'lightning-input.subject').value).toBe('{!owner}');
  });

  it('warns before the page unloads with unsaved changes only', async () => {
    const element = await render();
    const clean = new CustomEvent('beforeunload', { cancelable: true });
    window.dispatchEvent(clean);
    expect(clean.defaultPrevented).toBe(false);

    await change($(element, 'lightning-radio-group.ambiguity'), { value: 'Unlinked' });
    const dirty = new CustomEvent('beforeunload', { cancelable: true });
    window.dispatchEvent(dirty);
    expect(dirty.defaultPrevented).toBe(true);

    document.body.removeChild(element);
    const removed = new CustomEvent('beforeunload', { cancelable: true });
    window.dispatchEvent(removed);
    expect(removed.defaultPrevented).toBe(false);
  });

  it('splits the page into six sections under the setup health, Activity open first', async () => {
    const element = await render();

    expect($(element, 'c-miitel-setup-health')).not.toBeNull();
    expect(getSetupHealth).toHaveBeenCalledTimes(1);
    const tabs = $$(element, 'lightning-tabset.sections > lightning-tab');
    expect(tabs.map((tab) => tab.value)).toEqual(['activity', 'comment', 'matching', 'webhook', 'eventLog', 'usage']);
    expect(tabs.map((tab) => tab.label)).toEqual([
      'c.MiiTel_Settings_Tab_Activity',
      'c.MiiTel_Settings_Tab_Comment',
      'c.MiiTel_Settings_Tab_Matching',
      'c.MiiTel_Settings_Tab_Webhook',
      'c.MiiTel_Settings_Tab_Event_Log',
      'c.MiiTel_Settings_Tab_Usage'
    ]);
    expect($(element, 'lightning-tabset.sections').activeTabValue).toBe('activity');
    // Each section holds its own part of the page.
    expect($(element, 'lightning-tab.tab-activity lightning-radio-group.timing')).not.toBeNull();
    expect($(element, 'lightning-tab.tab-comment c-miitel-comment-builder.comment')).not.toBeNull();
    expect($(element, 'lightning-tab.tab-comment .preview-normal')).not.toBeNull();
    expect($(element, 'lightning-tab.tab-matching lightning-radio-group.ambiguity')).not.toBeNull();
    expect($(element, 'lightning-tab.tab-webhook c-miitel-webhook-settings')).not.toBeNull();
    expect($(element, 'lightning-tab.tab-event-log c-miitel-event-log')).not.toBeNull();
    expect($(element, 'lightning-tab.tab-usage c-miitel-api-usage')).not.toBeNull();
  });

  it('opens the section a health check links to, and follows the tab the admin picks', async () => {
    const element = await render();
    const tabset = $(element, 'lightning-tabset.sections');

    $(element, 'c-miitel-setup-health').dispatchEvent(new CustomEvent('navigate', { detail: { section: 'eventLog' } }));
    await flush();
    expect(tabset.activeTabValue).toBe('eventLog');

    $(element, 'lightning-tab.tab-matching').dispatchEvent(new CustomEvent('active'));
    await flush();
    expect(tabset.activeTabValue).toBe('matching');
  });

  it('is accessible', async () => {
    const element = await render();
    getObjectInfo.emit(TASK_INFO);
    getPicklistValues.emit(TASK_STATUSES);
    getObjectInfos.emit(PHONE_INFOS);
    await flush();
    await expect(element).toBeAccessible();
    // sa11y over the whole page (six sections, health, chart) takes longer than jest's default 5 s on a busy machine
  }, 30000);
});
