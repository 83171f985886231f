import { createElement } from 'lwc';
import MiitelEventLog from 'c/miitelEventLog';
import getEventLog from '@salesforce/apex/MiiTelEventLogController.getEventLog';
import replay from '@salesforce/apex/MiiTelEventLogController.replay';
import getPurgeSchedule from '@salesforce/apex/MiiTelEventLogController.getPurgeSchedule';
import schedulePurge from '@salesforce/apex/MiiTelEventLogController.schedulePurge';
import EVENT_LOG from './data/eventLog.json';
import WEBHOOK_BODIES from './data/webhookBodies.json';
import PURGE_SCHEDULED from './data/purgeScheduled.json';

jest.mock('@salesforce/apex/MiiTelEventLogController.getEventLog', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MiiTelEventLogController.replay', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/MiiTelEventLogController.getPurgeSchedule', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/MiiTelEventLogController.schedulePurge', () => ({ default: jest.fn() }), {
  virtual: true
});

async function flush() {
  for (let i = 0; i < 10; i++) {
    // eslint-disable-next-line no-await-in-loop
    await Promise.resolve();
  }
}

async function render() {
  const element = createElement('c-miitel-event-log', { is: MiitelEventLog });
  document.body.appendChild(element);
  await flush();
  return element;
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);

function select(element, rows) {
  $(element, 'lightning-datatable').dispatchEvent(new CustomEvent('rowselection', { detail: { selectedRows: rows } }));
  return flush();
}

describe('c-miitel-event-log', () => {
  beforeEach(() => {
    getEventLog.mockResolvedValue(EVENT_LOG);
    getPurgeSchedule.mockResolvedValue({ scheduled: false, nextRun: null });
  });

  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
  });

  it('shows statuses and event types in the user language, unknown ones as stored', async () => {
    getEventLog.mockResolvedValue([...EVENT_LOG, { ...EVENT_LOG[0], id: 'a01000000000003AAA', type: 'call.unknown' }]);
    const element = await render();
    const rows = $(element, 'lightning-datatable').data;
    expect(rows.map((row) => row.statusLabel)).toEqual([
      'c.MiiTel_Event_Status_Failed',
      'c.MiiTel_Event_Status_Skipped',
      'c.MiiTel_Event_Status_Failed'
    ]);
    expect(rows.map((row) => row.typeLabel)).toEqual([
      'c.MiiTel_Event_Type_Call_Ended',
      'c.MiiTel_Event_Type_Call_Memo_Updated',
      'call.unknown'
    ]);
  });

  it('names a kept webhook body and gives the sentence behind its deferral code', async () => {
    getEventLog.mockResolvedValue(WEBHOOK_BODIES);
    const element = await render();
    const rows = $(element, 'lightning-datatable').data;
    expect(rows.map((row) => row.typeLabel)).toEqual([
      'c.MiiTel_Event_Type_Webhook_Body',
      'c.MiiTel_Event_Type_Webhook_Body'
    ]);
    expect(rows.map((row) => row.statusLabel)).toEqual([
      'c.MiiTel_Event_Status_Deferred',
      'c.MiiTel_Event_Status_Deferred'
    ]);
    expect(rows.map((row) => row.reason)).toEqual([
      `WEBHOOK_USER_NOT_CONFIGURED: ${WEBHOOK_BODIES[0].errorMessage}`,
      `INTEGRATION_DISABLED: ${WEBHOOK_BODIES[1].errorMessage}`
    ]);
  });

  it('lists the failed, deferred and skipped events with their reason', async () => {
    const element = await render();
    const table = $(element, 'lightning-datatable');
    expect(table.keyField).toBe('id');
    expect(table.columns.map((column) => column.fieldName)).toEqual([
      'statusLabel',
      'typeLabel',
      'eventId',
      'callId',
      'reason',
      'attempts',
      'lastAttemptAt'
    ]);
    expect(table.columns[0].label).toBe('c.MiiTel_Event_Log_Status');
    expect(table.data.map((row) => row.reason)).toEqual([
      'UNEXPECTED_ERROR: UNABLE_TO_LOCK_ROW',
      'No Task for this call yet.'
    ]);
    expect($(element, 'lightning-button.replay-selected').disabled).toBe(true);
    expect($(element, 'lightning-button.replay-all').disabled).toBe(false);
    expect($(element, '.empty')).toBeNull();
  });

  it('shows an empty state without events', async () => {
    getEventLog.mockResolvedValue(null);
    const element = await render();
    expect($(element, 'lightning-datatable')).toBeNull();
    expect($(element, '.empty').textContent).toBe('c.MiiTel_Event_Log_Empty');
    expect($(element, 'lightning-button.replay-all').disabled).toBe(true);
  });

  it('replays the selected events, shows the result and reloads the log', async () => {
    replay.mockResolvedValue({ replayed: 1, applied: 1 });
    const element = await render();
    const toast = jest.fn();
    element.addEventListener('lightning__showtoast', toast);
    await select(element, [EVENT_LOG[0]]);
    expect($(element, 'lightning-button.replay-selected').disabled).toBe(false);

    getEventLog.mockResolvedValue([EVENT_LOG[1]]);
    $(element, 'lightning-button.replay-selected').click();
    await flush();
    expect(replay).toHaveBeenCalledWith({ entryIds: [EVENT_LOG[0].id] });
    expect(toast.mock.calls[0][0].detail).toEqual({
      title: 'c.MiiTel_Event_Log_Replayed',
      message: '',
      variant: 'success'
    });
    expect(getEventLog).toHaveBeenCalledTimes(2);
    expect($(element, 'lightning-datatable').data).toHaveLength(1);
    expect($(element, 'lightning-button.replay-selected').disabled).toBe(true);
  });

  it('replays every failed event with an empty id list and warns when some still fail', async () => {
    replay.mockResolvedValue({ replayed: 2, applied: 1 });
    const element = await render();
    const toast = jest.fn();
    element.addEventListener('lightning__showtoast', toast);
    $(element, 'lightning-button.replay-all').click();
    await flush();
    expect(replay).toHaveBeenCalledWith({ entryIds: [] });
    expect(toast.mock.calls[0][0].detail.variant).toBe('warning');
  });

  it('shows a replay failure through the error panel', async () => {
    replay.mockRejectedValue({ body: { message: 'Replay failed: no permission' } });
    const element = await render();
    $(element, 'lightning-button.replay-all').click();
    await flush();
    const panel = $(element, 'c-miitel-error-panel');
    expect(panel.shadowRoot.querySelector('.title').textContent).toBe('c.MiiTel_Event_Log_Failed');
    panel.shadowRoot.querySelector('.toggle').click();
    await flush();
    expect(panel.shadowRoot.querySelector('.details li').textContent).toBe('Replay failed: no permission');
    expect(getEventLog).toHaveBeenCalledTimes(1);
    expect($(element, 'lightning-spinner')).toBeNull();
  });

  it('shows a load failure through the error panel and reloads on refresh', async () => {
    getEventLog.mockRejectedValueOnce({ body: { message: 'No access' } });
    const element = await render();
    expect($(element, 'c-miitel-error-panel').errors).toEqual({ body: { message: 'No access' } });

    $(element, 'lightning-button.refresh').click();
    await flush();
    expect(getEventLog).toHaveBeenCalledTimes(2);
    expect($(element, 'c-miitel-error-panel').errors).toBeUndefined();
    expect($(element, 'lightning-datatable').data).toHaveLength(2);
  });

  it('shows a spinner while loading', async () => {
    const element = createElement('c-miitel-event-log', { is: MiitelEventLog });
    document.body.appendChild(element);
    await Promise.resolve();
    expect($(element, 'lightning-spinner').alternativeText).toBe('c.MiiTel_Settings_Loading');
    await flush();
    expect($(element, 'lightning-spinner')).toBeNull();
  });

  it('says the purge is not scheduled yet and schedules it from the page', async () => {
    schedulePurge.mockResolvedValue(PURGE_SCHEDULED);
    const element = await render();
    expect($(element, '.purge-text').textContent).toBe('c.MiiTel_Purge_Not_Scheduled');
    expect($(element, 'lightning-button.schedule-purge').label).toBe('c.MiiTel_Purge_Schedule');

    $(element, 'lightning-button.schedule-purge').click();
    await flush();

    expect(schedulePurge).toHaveBeenCalledTimes(1);
    expect($(element, '.purge-text').textContent).toBe('c.MiiTel_Purge_Scheduled');
    expect($(element, 'lightning-button.schedule-purge').disabled).toBe(true);
  });

  it('shows a scheduling failure through the error panel', async () => {
    schedulePurge.mockRejectedValue({ body: { message: 'No access' } });
    const element = await render();
    $(element, 'lightning-button.schedule-purge').click();
    await flush();
    expect($(element, 'c-miitel-error-panel').errors).toEqual({ body: { message: 'No access' } });
    expect($(element, 'lightning-button.schedule-purge').disabled).toBe(false);
  });

  it('is accessible', async () => {
    const element = await render();
    await expect(element).toBeAccessible();
  });
});
