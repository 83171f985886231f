import { createElement } from 'lwc';
import MiitelUnlinkedCalls, { SEARCH_DELAY_MS } from 'c/miitelUnlinkedCalls';
import getUnlinkedCalls from '@salesforce/apex/MiiTelUnlinkedCallsController.getUnlinkedCalls';
import searchRecords from '@salesforce/apex/MiiTelUnlinkedCallsController.searchRecords';
import linkCall from '@salesforce/apex/MiiTelUnlinkedCallsController.linkCall';
import CALLS from './data/calls.json';
import OLDER_CALLS from './data/olderCalls.json';
import EMPTY from './data/empty.json';
import RECORDS from './data/records.json';
import LINK_RESULT from './data/linkResult.json';
import LINK_ERROR from './data/linkError.json';
import { format } from '../labels';

jest.mock('@salesforce/apex/MiiTelUnlinkedCallsController.getUnlinkedCalls', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/MiiTelUnlinkedCallsController.searchRecords', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/MiiTelUnlinkedCallsController.linkCall', () => ({ default: jest.fn() }), {
  virtual: true
});

async function flush() {
  for (let i = 0; i < 10; i++) {
    // eslint-disable-next-line no-await-in-loop
    await Promise.resolve();
  }
}

async function render() {
  const element = createElement('c-miitel-unlinked-calls', { is: MiitelUnlinkedCalls });
  document.body.appendChild(element);
  await flush();
  return element;
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const $$ = (element, selector) => [...element.shadowRoot.querySelectorAll(selector)];
const texts = (element, selector) => $$(element, selector).map((node) => node.textContent.trim());

async function change(node, detail, target = {}) {
  Object.assign(node, target);
  node.dispatchEvent(new CustomEvent('change', { detail }));
  await flush();
}

// Opens the panel for the first call, searches "山田" and picks the first record; realTimers waits for the search
// (sa11y refuses to run under fake timers).
async function openAndPick(element, realTimers = false) {
  $(element, 'lightning-button.link').click();
  await flush();
  await change($(element, 'lightning-input.search'), { value: '山田' });
  if (realTimers) {
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    await new Promise((resolve) => setTimeout(resolve, SEARCH_DELAY_MS + 50));
  } else {
    jest.advanceTimersByTime(SEARCH_DELAY_MS);
  }
  await flush();
  await change($(element, 'lightning-radio-group.records'), { value: RECORDS[0].recordId });
}

describe('c-miitel-unlinked-calls', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    getUnlinkedCalls.mockResolvedValue(CALLS);
    searchRecords.mockResolvedValue(RECORDS);
    linkCall.mockResolvedValue(LINK_RESULT);
  });

  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
    jest.useRealTimers();
  });

  it('lists the unlinked calls newest first with date, direction, number, owner and same-number count', async () => {
    const element = await render();
    expect(getUnlinkedCalls).toHaveBeenCalledWith({ pageSize: 20, cursor: null });
    expect($(element, 'lightning-card').title).toBe('c.MiiTel_Unlinked_Title');
    expect($$(element, 'tr.call').map((row) => row.dataset.id)).toEqual(['00T000000000002AAA', '00T000000000001AAA']);
    const times = $$(element, 'lightning-formatted-date-time.call-at');
    expect(times.map((time) => time.value)).toEqual(['2026-11-20T01:30:00.000Z', '2026-11-20T01:00:00.000Z']);
    expect(times[0].timeZone).toBeTruthy();
    expect(texts(element, '.direction')).toEqual(['c.MiiTel_Direction_Inbound', 'c.MiiTel_Direction_Outbound']);
    expect(texts(element, '.number')).toEqual(['+81312345678', 'c.MiiTel_Unlinked_Unknown_Number']);
    expect(texts(element, '.owner')).toEqual(['山田 太郎', '佐藤 花子']);
    expect(texts(element, '.same-number')).toEqual(['2', '0']);
    expect($$(element, 'th').map((th) => th.textContent.trim())).toEqual([
      'c.MiiTel_Unlinked_Column_Date',
      'c.MiiTel_Field_Direction',
      'c.MiiTel_Field_Customer_Number',
      'c.MiiTel_Field_Owner',
      'c.MiiTel_Unlinked_Column_Same_Number',
      'c.MiiTel_Unlinked_Link'
    ]);
    expect($(element, '.intro').textContent).toBe('c.MiiTel_Unlinked_Intro');
    expect($(element, '.empty')).toBeNull();
    expect($(element, '.link-panel')).toBeNull();
  });

  it('shows older calls with the cursor and appends them', async () => {
    const element = await render();
    getUnlinkedCalls.mockResolvedValueOnce(OLDER_CALLS);
    $(element, 'lightning-button.show-more').click();
    await flush();
    expect(getUnlinkedCalls).toHaveBeenLastCalledWith({ pageSize: 20, cursor: CALLS.nextCursor });
    expect($$(element, 'tr.call')).toHaveLength(3);
    expect($(element, 'lightning-button.show-more')).toBeNull();
  });

  it('says so when there is no unlinked call', async () => {
    getUnlinkedCalls.mockResolvedValue(EMPTY);
    const element = await render();
    expect($(element, '.empty').textContent).toBe('c.MiiTel_Unlinked_Empty');
    expect($(element, 'table')).toBeNull();
  });

  it('shows a load error in the error panel', async () => {
    getUnlinkedCalls.mockRejectedValue(LINK_ERROR);
    const element = await render();
    const panel = $(element, 'c-miitel-error-panel.load-error');
    expect(panel.errors).toEqual(LINK_ERROR);
    expect(panel.friendlyMessage).toBe('c.MiiTel_Unlinked_Load_Failed');
  });

  it('searches records by name after a pause in typing, in the chosen object', async () => {
    const element = await render();
    $(element, 'lightning-button.link').click();
    await flush();
    expect($(element, '.link-panel h3').textContent).toBe('c.MiiTel_Unlinked_Link_Title');
    await change($(element, 'lightning-combobox.object'), { value: 'Lead' });
    await change($(element, 'lightning-input.search'), { value: '山' });
    jest.advanceTimersByTime(SEARCH_DELAY_MS);
    await flush();
    expect(searchRecords).not.toHaveBeenCalled();
    await change($(element, 'lightning-input.search'), { value: '山田' });
    await change($(element, 'lightning-input.search'), { value: '山田 ' });
    jest.advanceTimersByTime(SEARCH_DELAY_MS);
    await flush();
    expect(searchRecords).toHaveBeenCalledTimes(1);
    expect(searchRecords).toHaveBeenCalledWith({ objectName: 'Lead', text: '山田' });
    const options = $(element, 'lightning-radio-group.records').options;
    expect(options).toEqual([
      { label: '山田 一郎 (03-1111-2222)', value: '003000000000001AAA' },
      { label: '山田 花子', value: '003000000000002AAA' }
    ]);
  });

  it('says so when the search finds nothing', async () => {
    searchRecords.mockResolvedValue([]);
    const element = await render();
    $(element, 'lightning-button.link').click();
    await flush();
    await change($(element, 'lightning-input.search'), { value: '該当なし' });
    jest.advanceTimersByTime(SEARCH_DELAY_MS);
    await flush();
    expect($(element, '.no-results').textContent).toBe('c.MiiTel_Unlinked_No_Results');
    expect($(element, 'lightning-button.confirm').disabled).toBe(true);
  });

  it('offers the phone fields with their values and picks the first empty one', async () => {
    const element = await render();
    await openAndPick(element);
    expect($(element, 'lightning-combobox.phone-field')).toBeNull();
    const save = $(element, 'lightning-input.save-number');
    expect(save.disabled).toBe(false);
    await change(save, {}, { checked: true });
    const fields = $(element, 'lightning-combobox.phone-field');
    expect(fields.options.map((option) => option.value)).toEqual(['Phone', 'MobilePhone', 'HomePhone']);
    expect(fields.options.map((option) => option.label)).toEqual([
      'c.MiiTel_Unlinked_Phone_Field_Value',
      'c.MiiTel_Unlinked_Phone_Field_Empty',
      'c.MiiTel_Unlinked_Phone_Field_Empty'
    ]);
    expect(fields.value).toBe('MobilePhone');
  });

  it('links the call, saves the number, links the calls from the same number and reloads', async () => {
    const element = await render();
    const toast = jest.fn();
    element.addEventListener('lightning__showtoast', toast);
    await openAndPick(element);
    await change($(element, 'lightning-input.save-number'), {}, { checked: true });
    const same = $(element, 'lightning-input.same-number-check');
    expect(same.label).toBe('c.MiiTel_Unlinked_Link_Same_Number');
    expect(same.checked).toBe(true);
    getUnlinkedCalls.mockResolvedValue(OLDER_CALLS);

    $(element, 'lightning-button.confirm').click();
    await flush();

    expect(linkCall).toHaveBeenCalledWith({
      request: {
        taskId: '00T000000000002AAA',
        recordId: '003000000000001AAA',
        phoneField: 'MobilePhone',
        linkSameNumber: true
      }
    });
    expect(toast).toHaveBeenCalledTimes(1);
    expect(toast.mock.calls[0][0].detail).toMatchObject({
      title: 'c.MiiTel_Unlinked_Linked',
      message: 'c.MiiTel_Unlinked_Number_Saved',
      variant: 'success'
    });
    expect(getUnlinkedCalls).toHaveBeenLastCalledWith({ pageSize: 20, cursor: null });
    expect($$(element, 'tr.call').map((row) => row.dataset.id)).toEqual(['00T000000000000AAA']);
    expect($(element, '.link-panel')).toBeNull();
  });

  it('links only the call when the admin unticks the same-number box and saves no number by default', async () => {
    const element = await render();
    await openAndPick(element);
    await change($(element, 'lightning-input.same-number-check'), {}, { checked: false });
    $(element, 'lightning-button.confirm').click();
    await flush();
    expect(linkCall).toHaveBeenCalledWith({
      request: {
        taskId: '00T000000000002AAA',
        recordId: '003000000000001AAA',
        phoneField: null,
        linkSameNumber: false
      }
    });
  });

  it('cannot save a number for a call without one and offers no same-number link', async () => {
    const element = await render();
    $$(element, 'lightning-button.link')[1].click();
    await flush();
    await change($(element, 'lightning-input.search'), { value: '山田' });
    jest.advanceTimersByTime(SEARCH_DELAY_MS);
    await flush();
    await change($(element, 'lightning-radio-group.records'), { value: RECORDS[1].recordId });
    expect($(element, 'lightning-input.save-number').disabled).toBe(true);
    expect($(element, 'lightning-input.same-number-check')).toBeNull();
  });

  it('keeps the panel open with the readable error when Apex refuses', async () => {
    linkCall.mockRejectedValue(LINK_ERROR);
    const element = await render();
    await openAndPick(element);
    $(element, 'lightning-button.confirm').click();
    await flush();
    expect($(element, 'c-miitel-error-panel.link-error').errors).toEqual(LINK_ERROR);
    expect($(element, '.link-panel')).not.toBeNull();
    expect($(element, 'lightning-button.confirm').disabled).toBe(false);
    expect(getUnlinkedCalls).toHaveBeenCalledTimes(1);
  });

  it('closes the panel on cancel and reloads on refresh', async () => {
    const element = await render();
    $(element, 'lightning-button.link').click();
    await flush();
    $(element, 'lightning-button.cancel').click();
    await flush();
    expect($(element, '.link-panel')).toBeNull();
    $(element, 'lightning-button.refresh').click();
    await flush();
    expect(getUnlinkedCalls).toHaveBeenCalledTimes(2);
  });

  it('shows a search error in the panel and drops an answer overtaken by a newer search', async () => {
    let answerFirst;
    searchRecords.mockReturnValueOnce(
      new Promise((resolve) => {
        answerFirst = resolve;
      })
    );
    searchRecords.mockRejectedValueOnce(LINK_ERROR);
    const element = await render();
    $(element, 'lightning-button.link').click();
    await flush();
    await change($(element, 'lightning-input.search'), { value: '山田' });
    jest.advanceTimersByTime(SEARCH_DELAY_MS);
    await flush();
    await change($(element, 'lightning-input.search'), { value: '佐藤' });
    jest.advanceTimersByTime(SEARCH_DELAY_MS);
    await flush();
    answerFirst(RECORDS);
    await flush();
    expect($(element, 'c-miitel-error-panel.link-error').errors).toEqual(LINK_ERROR);
    expect($(element, 'lightning-radio-group.records')).toBeNull();
  });

  it('sends the phone field the admin picks', async () => {
    const element = await render();
    await openAndPick(element);
    await change($(element, 'lightning-input.save-number'), {}, { checked: true });
    await change($(element, 'lightning-combobox.phone-field'), { value: 'HomePhone' });
    $(element, 'lightning-button.confirm').click();
    await flush();
    expect(linkCall.mock.calls[0][0].request.phoneField).toBe('HomePhone');
  });

  it('fills the placeholders of its labels', () => {
    expect(format('{0} 件の通話を {1} に紐付けました。', 3, '山田 一郎')).toBe(
      '3 件の通話を 山田 一郎 に紐付けました。'
    );
    expect(format('{0} ({1})', 'Phone', null)).toBe('Phone ({1})');
  });

  it('is accessible with calls, with the link panel open, empty and failed', async () => {
    jest.useRealTimers();
    const element = await render();
    await expect(element).toBeAccessible();
    await openAndPick(element, true);
    expect($(element, 'lightning-radio-group.records')).not.toBeNull();
    await change($(element, 'lightning-input.save-number'), {}, { checked: true });
    await expect(element).toBeAccessible();
    getUnlinkedCalls.mockResolvedValue(EMPTY);
    const empty = await render();
    await expect(empty).toBeAccessible();
    getUnlinkedCalls.mockRejectedValue(LINK_ERROR);
    const failed = await render();
    await expect(failed).toBeAccessible();
    // sa11y over four states and the real search delay takes longer than jest's default 5 s on a busy machine
  }, 30000);
});
