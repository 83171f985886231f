import { createElement } from 'lwc';
import MiitelApiUsage, { POLL_INTERVAL_MS } from 'c/miitelApiUsage';
import getApiUsage from '@salesforce/apex/MiiTelApiUsageController.getApiUsage';
import startPhoneKeyBackfill from '@salesforce/apex/MiiTelApiUsageController.startPhoneKeyBackfill';
import getJobStatus from '@salesforce/apex/MiiTelApiUsageController.getJobStatus';
import USAGE from './data/apiUsage.json';
import JOBS from './data/jobStatuses.json';

jest.mock('@salesforce/apex/MiiTelApiUsageController.getApiUsage', () => ({ default: jest.fn() }), { virtual: true });
// The usage chart inside the panel (c-miitel-usage-chart has its own tests): no days.
jest.mock(
  '@salesforce/apex/MiiTelApiUsageController.getDailyUsage',
  () => ({ default: jest.fn(() => Promise.resolve([])) }),
  {
    virtual: true
  }
);
jest.mock('@salesforce/apex/MiiTelApiUsageController.startPhoneKeyBackfill', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/MiiTelApiUsageController.getJobStatus', () => ({ default: jest.fn() }), {
  virtual: true
});

const JOB_ID = '707000000000001AAA';

async function flush() {
  for (let i = 0; i < 10; i++) {
    // eslint-disable-next-line no-await-in-loop
    await Promise.resolve();
  }
}

async function render() {
  const element = createElement('c-miitel-api-usage', { is: MiitelApiUsage });
  document.body.appendChild(element);
  await flush();
  return element;
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);

describe('c-miitel-api-usage', () => {
  beforeEach(() => {
    getApiUsage.mockResolvedValue(USAGE);
    startPhoneKeyBackfill.mockResolvedValue(JOB_ID);
  });

  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
    jest.useRealTimers();
  });

  it('shows the daily API usage against the limit and the bridge figures of the last 24 hours', async () => {
    const element = await render();
    expect($(element, 'lightning-card').title).toBe('c.MiiTel_Api_Usage_Title');
    expect($(element, '.daily').textContent).toBe('c.MiiTel_Api_Usage_Daily');
    expect($(element, 'lightning-progress-bar.daily-bar').value).toBe(92);
    expect($(element, 'lightning-progress-bar.daily-bar').variant).toBe('warning');
    expect($(element, '.requests').textContent).toBe('40');
    expect($(element, '.events').textContent).toBe('120');
    expect($(element, '.saved').textContent).toBe('280');
    expect($(element, 'lightning-spinner')).toBeNull();
  });

  it('copes with an unknown org limit and missing figures', async () => {
    getApiUsage.mockResolvedValue({ dailyApiLimit: null, dailyApiUsed: null, bridgeRequests: 0 });
    const element = await render();
    expect($(element, 'lightning-progress-bar.daily-bar').value).toBe(0);
    expect($(element, 'lightning-progress-bar.daily-bar').variant).toBe('base');
    expect($(element, '.requests').textContent).toBe('0');
    expect($(element, '.events').textContent).toBe('c.MiiTel_Api_Usage_Unknown');
  });

  it('counts a missing usage figure as 0 % of a known limit', async () => {
    getApiUsage.mockResolvedValue({ dailyApiLimit: 15000, dailyApiUsed: null });
    const element = await render();
    expect($(element, 'lightning-progress-bar.daily-bar').value).toBe(0);
  });

  it('shows a load error through the error panel and reloads on refresh', async () => {
    getApiUsage.mockRejectedValueOnce({ body: { message: 'No access to OrgLimits' } });
    const element = await render();
    const panel = $(element, 'c-miitel-error-panel.usage-errors');
    expect(panel.shadowRoot.querySelector('.title').textContent).toBe('c.MiiTel_Api_Usage_Failed');
    expect($(element, '.daily')).toBeNull();

    $(element, 'lightning-button.refresh').click();
    await flush();
    expect(getApiUsage).toHaveBeenCalledTimes(2);
    expect($(element, '.daily')).not.toBeNull();
    expect(panel.shadowRoot.querySelector('[role="alert"]')).toBeNull();
  });

  it('starts the phone-key backfill and follows it until it completes', async () => {
    jest.useFakeTimers();
    getJobStatus.mockResolvedValueOnce(JOBS.processing).mockResolvedValueOnce(JOBS.completed);
    const element = await render();
    const start = $(element, 'lightning-button.start-backfill');
    start.click();
    await flush();
    expect(startPhoneKeyBackfill).toHaveBeenCalled();
    expect(getJobStatus).toHaveBeenCalledWith({ jobId: JOB_ID });
    expect($(element, '.job').textContent).toBe('c.MiiTel_Backfill_Progress');
    expect($(element, 'lightning-progress-bar.job-bar').value).toBe(25);
    expect(start.disabled).toBe(true);

    jest.advanceTimersByTime(POLL_INTERVAL_MS);
    await flush();
    expect(getJobStatus).toHaveBeenCalledTimes(2);
    expect($(element, 'lightning-progress-bar.job-bar').value).toBe(100);
    expect(start.disabled).toBe(false);
    jest.advanceTimersByTime(POLL_INTERVAL_MS * 2);
    await flush();
    expect(getJobStatus).toHaveBeenCalledTimes(2);
  });

  it('shows a failed job with its progress and no total as 0 %', async () => {
    getJobStatus.mockResolvedValueOnce(JOBS.failed);
    const element = await render();
    $(element, 'lightning-button.start-backfill').click();
    await flush();
    expect($(element, 'lightning-progress-bar.job-bar').value).toBe(50);

    getJobStatus.mockResolvedValueOnce({ status: 'NotFound' });
    $(element, 'lightning-button.start-backfill').click();
    await flush();
    expect($(element, 'lightning-progress-bar.job-bar').value).toBe(0);
  });

  it('shows a backfill that cannot start through the error panel', async () => {
    startPhoneKeyBackfill.mockRejectedValue({ body: { message: 'Batch limit reached' } });
    const element = await render();
    $(element, 'lightning-button.start-backfill').click();
    await flush();
    const panel = $(element, 'c-miitel-error-panel.backfill-errors');
    expect(panel.shadowRoot.querySelector('.title').textContent).toBe('c.MiiTel_Backfill_Failed');
    expect($(element, 'lightning-button.start-backfill').disabled).toBe(false);
  });

  it('shows a polling failure through the error panel and stops polling', async () => {
    jest.useFakeTimers();
    getJobStatus.mockResolvedValueOnce(JOBS.processing).mockRejectedValueOnce({ body: { message: 'Gone' } });
    const element = await render();
    $(element, 'lightning-button.start-backfill').click();
    await flush();
    jest.advanceTimersByTime(POLL_INTERVAL_MS);
    await flush();
    const panel = $(element, 'c-miitel-error-panel.backfill-errors');
    expect(panel.errors).toEqual({ body: { message: 'Gone' } });
    expect($(element, 'lightning-button.start-backfill').disabled).toBe(false);
  });

  it('stops polling when removed from the page', async () => {
    jest.useFakeTimers();
    getJobStatus.mockResolvedValue(JOBS.processing);
    const element = await render();
    $(element, 'lightning-button.start-backfill').click();
    await flush();
    document.body.removeChild(element);
    jest.advanceTimersByTime(POLL_INTERVAL_MS * 3);
    await flush();
    expect(getJobStatus).toHaveBeenCalledTimes(1);
  });

  it('is accessible', async () => {
    getJobStatus.mockResolvedValue(JOBS.completed);
    const element = await render();
    $(element, 'lightning-button.start-backfill').click();
    await flush();
    await expect(element).toBeAccessible();
  });
});
