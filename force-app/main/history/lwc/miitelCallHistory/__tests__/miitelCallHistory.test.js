import { createElement } from 'lwc';
import MiitelCallHistory from 'c/miitelCallHistory';
import getCalls from '@salesforce/apex/MiiTelCallHistoryController.getCalls';
import CALLS from './data/calls.json';
import OLDER_CALLS from './data/olderCalls.json';
import EMPTY from './data/empty.json';
import NO_ACCESS from './data/noAccess.json';

jest.mock('@salesforce/apex/MiiTelCallHistoryController.getCalls', () => ({ default: jest.fn() }), {
  virtual: true
});

const RECORD_ID = '003000000000001AAA';

async function flush() {
  for (let i = 0; i < 10; i++) {
    // eslint-disable-next-line no-await-in-loop
    await Promise.resolve();
  }
}

async function render(props = {}) {
  const element = createElement('c-miitel-call-history', { is: MiitelCallHistory });
  Object.assign(element, { recordId: RECORD_ID, ...props });
  document.body.appendChild(element);
  await flush();
  return element;
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const $$ = (element, selector) => [...element.shadowRoot.querySelectorAll(selector)];
const texts = (element, selector) => $$(element, selector).map((node) => node.textContent.trim());

describe('c-miitel-call-history', () => {
  beforeEach(() => {
    getCalls.mockResolvedValue(CALLS);
  });

  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
  });

  it('asks for the first page of the record with the design attribute page size', async () => {
    await render({ pageSize: 5 });
    expect(getCalls).toHaveBeenCalledWith({ recordId: RECORD_ID, pageSize: 5, cursor: null });
  });

  it('keeps the page size between 1 and 50 and falls back to 10', async () => {
    await render({ pageSize: 500 });
    await render({ pageSize: 0 });
    await render({ pageSize: 'x' });
    expect(getCalls.mock.calls.map(([params]) => params.pageSize)).toEqual([50, 1, 10]);
  });

  it('lists the calls newest first with direction, time, duration, outcome, owner, memos and link', async () => {
    const element = await render();
    expect($(element, 'lightning-card').title).toBe('c.MiiTel_Call_History_Title');
    expect($$(element, 'li.call').map((li) => li.dataset.id)).toEqual(['00T000000000002AAA', '00T000000000001AAA']);
    expect(texts(element, '.direction')).toEqual(['c.MiiTel_Direction_Outbound', 'c.MiiTel_Direction_Inbound']);
    expect($(element, 'li.call lightning-icon').iconName).toBe('utility:outbound_call');
    const times = $$(element, 'lightning-formatted-date-time.call-at');
    expect(times.map((time) => time.value)).toEqual(['2026-11-20T01:30:00.000Z', '2026-11-20T01:00:00.000Z']);
    expect(times[0].timeZone).toBeTruthy();
    expect(texts(element, '.duration')).toEqual(['1:02:05', '0:00']);
    expect(texts(element, '.outcome')).toEqual(['c.MiiTel_Call_History_Answered', 'c.MiiTel_Call_History_Missed']);
    expect(texts(element, '.owner')).toEqual(['山田 太郎', '佐藤 花子']);
    expect(texts(element, '.related')).toEqual(['山田 一郎']);
    expect(texts(element, '.memos')).toEqual(['アポ獲得 / 再架電']);
    const links = $$(element, 'lightning-formatted-url.miitel-link');
    expect(links).toHaveLength(1);
    expect(links[0].value).toBe('https://tenant.miitel.jp/app/calls/call-0002');
    expect(links[0].label).toBe('c.MiiTel_Call_History_Open_In_MiiTel');
    expect($(element, '.empty')).toBeNull();
  });

  it("shows MiiTel's call score as sent, and nothing for a call without one", async () => {
    const element = await render();
    const calls = $$(element, 'li.call');
    expect(calls[0].querySelector('.score-label').textContent).toBe('c.MiiTel_Field_Score');
    expect(calls[0].querySelector('.score').textContent).toBe('313.4');
    expect(calls[1].querySelector('.score')).toBeNull();
    expect(calls[1].querySelector('.score-label')).toBeNull();
  });

  it('expands a call to the transcript and minutes as logged, and collapses it again', async () => {
    const element = await render();
    const toggle = $$(element, 'button.toggle')[0];
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(toggle.textContent.trim()).toBe('c.MiiTel_Call_History_Show_Details');
    expect($(element, '.details')).toBeNull();

    toggle.click();
    await flush();
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(toggle.textContent.trim()).toBe('c.MiiTel_Call_History_Hide_Details');
    expect($(element, '.details h3').textContent).toBe('c.MiiTel_Call_History_Details');
    expect($(element, '.details .comment').textContent).toBe(CALLS.calls[0].comment);
    expect($$(element, '.details')).toHaveLength(1);

    toggle.click();
    await flush();
    expect($(element, '.details')).toBeNull();
  });

  it('says so when a call has no transcript or minutes', async () => {
    const element = await render();
    $$(element, 'button.toggle')[1].click();
    await flush();
    expect($(element, '.details .no-comment').textContent).toBe('c.MiiTel_Call_History_No_Comment');
    expect($(element, '.details .comment')).toBeNull();
  });

  it('appends older calls with the cursor of the page before and hides the button at the end', async () => {
    const element = await render({ pageSize: 2 });
    getCalls.mockResolvedValue(OLDER_CALLS);
    expect($(element, 'lightning-button.show-more').label).toBe('c.MiiTel_Call_History_Show_More');

    $(element, 'lightning-button.show-more').click();
    await flush();

    expect(getCalls).toHaveBeenLastCalledWith({ recordId: RECORD_ID, pageSize: 2, cursor: CALLS.nextCursor });
    expect($$(element, 'li.call')).toHaveLength(3);
    const last = $$(element, 'li.call')[2];
    expect(last.querySelector('.direction').textContent).toBe('');
    expect(last.querySelector('lightning-icon').iconName).toBe('utility:call');
    expect(last.querySelector('.duration')).toBeNull();
    expect(last.querySelector('.outcome')).toBeNull();
    expect(last.querySelector('.memos')).toBeNull();
    expect($(element, 'lightning-button.show-more')).toBeNull();
  });

  it('keeps the expanded calls while appending and starts over on refresh', async () => {
    const element = await render();
    $$(element, 'button.toggle')[0].click();
    await flush();
    getCalls.mockResolvedValue(OLDER_CALLS);
    $(element, 'lightning-button.show-more').click();
    await flush();
    expect($$(element, '.details')).toHaveLength(1);

    getCalls.mockResolvedValue(CALLS);
    $(element, 'lightning-button-icon.refresh').click();
    await flush();
    expect(getCalls).toHaveBeenLastCalledWith({ recordId: RECORD_ID, pageSize: 10, cursor: null });
    expect($$(element, 'li.call')).toHaveLength(2);
    expect($(element, '.details')).toBeNull();
  });

  it('shows an empty state without calls', async () => {
    getCalls.mockResolvedValue(EMPTY);
    const element = await render();
    expect($(element, '.empty').textContent).toBe('c.MiiTel_Call_History_Empty');
    expect($(element, 'ul.calls')).toBeNull();
    expect($(element, 'lightning-button.show-more')).toBeNull();
  });

  it('reads a missing answer as no calls', async () => {
    getCalls.mockResolvedValue(null);
    const element = await render();
    expect($(element, '.empty')).not.toBeNull();
  });

  it('shows a load failure through the error panel, with the reason behind the details toggle', async () => {
    getCalls.mockRejectedValue(NO_ACCESS);
    const element = await render();
    const panel = $(element, 'c-miitel-error-panel');
    expect(panel.errors).toEqual(NO_ACCESS);
    expect(panel.shadowRoot.querySelector('.title').textContent).toBe('c.MiiTel_Call_History_Load_Failed');
    panel.shadowRoot.querySelector('.toggle').click();
    await flush();
    expect(panel.shadowRoot.querySelector('.details li').textContent).toBe(NO_ACCESS.body.message);
    expect($(element, '.empty')).toBeNull();
    expect($(element, 'lightning-spinner')).toBeNull();
  });

  it('shows a spinner while loading', async () => {
    const element = createElement('c-miitel-call-history', { is: MiitelCallHistory });
    element.recordId = RECORD_ID;
    document.body.appendChild(element);
    await Promise.resolve();
    expect($(element, 'lightning-spinner').alternativeText).toBe('c.MiiTel_Call_History_Loading');
    await flush();
    expect($(element, 'lightning-spinner')).toBeNull();
  });

  it('is accessible with a call expanded', async () => {
    const element = await render();
    $$(element, 'button.toggle')[0].click();
    await flush();
    await expect(element).toBeAccessible();
  });

  it('is accessible when empty and when failed', async () => {
    getCalls.mockResolvedValue(EMPTY);
    const empty = await render();
    await expect(empty).toBeAccessible();
    getCalls.mockRejectedValue(NO_ACCESS);
    const failed = await render();
    await expect(failed).toBeAccessible();
  });
});
