import { createElement } from 'lwc';
import MiitelMatchingTester from 'c/miitelMatchingTester';
import testNumber from '@salesforce/apex/MiiTelMatchingTesterController.testNumber';
import MAIN_LINE from './data/mainLine.json';
import INVALID from './data/invalid.json';
import UNLINKED from './data/unlinked.json';

jest.mock('@salesforce/apex/MiiTelMatchingTesterController.testNumber', () => ({ default: jest.fn() }), {
  virtual: true
});

async function flush() {
  for (let i = 0; i < 10; i++) {
    // eslint-disable-next-line no-await-in-loop
    await Promise.resolve();
  }
}

async function render(draft) {
  const element = createElement('c-miitel-matching-tester', { is: MiitelMatchingTester });
  element.draft = draft;
  document.body.appendChild(element);
  await flush();
  return element;
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const $$ = (element, selector) => [...element.shadowRoot.querySelectorAll(selector)];

async function testPhone(element, phone) {
  const input = $(element, 'lightning-input.phone');
  input.value = phone;
  input.dispatchEvent(new CustomEvent('change', { detail: { value: phone } }));
  await flush();
  $(element, 'lightning-button.run').click();
  await flush();
}

describe('c-miitel-matching-tester', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
  });

  it('is disabled until a number is entered, then is accessible', async () => {
    const element = await render();
    expect($(element, 'lightning-button.run').disabled).toBe(true);
    expect($(element, 'lightning-input.phone').label).toBe('c.MiiTel_Tester_Phone');
    await expect(element).toBeAccessible();
  });

  it('sends the matching keys of the unsaved draft and shows the choice, the What and every candidate', async () => {
    testNumber.mockResolvedValue(MAIN_LINE);
    const element = await render({
      matchPolicy: 'MainLine',
      relatedRecordRule: 'OnlyOne',
      contactPhoneFields: [],
      subjectTemplate: 'not a matching key'
    });

    await testPhone(element, '03-6280-1000');

    expect(testNumber).toHaveBeenCalledWith({
      phone: '03-6280-1000',
      draftJson: JSON.stringify({ matchPolicy: 'MainLine', relatedRecordRule: 'OnlyOne', contactPhoneFields: [] }),
      repUserId: null
    });
    expect($(element, 'p.key').textContent).toBe('c.MiiTel_Tester_Key');
    expect($(element, 'p.chosen').textContent).toBe('c.MiiTel_Tester_Chosen');
    expect($(element, 'p.what')).not.toBeNull();
    expect($(element, 'p.reason')).not.toBeNull();
    const rows = $$(element, 'tr.candidate');
    expect(rows).toHaveLength(3);
    expect(rows[0].classList.contains('chosen')).toBe(true);
    expect(rows[0].textContent).toContain('加藤 由美');
    expect(rows[0].textContent).toContain('c.MiiTel_Tester_Yes');
    expect(rows[2].textContent).toContain('選ばれず');
    await expect(element).toBeAccessible();
  });

  it('sends no draft when the page gives none (the saved settings apply) and runs on Enter', async () => {
    testNumber.mockResolvedValue(UNLINKED);
    const element = await render();
    const input = $(element, 'lightning-input.phone');
    input.dispatchEvent(new CustomEvent('change', { detail: { value: '050-0000-0000' } }));
    await flush();
    input.dispatchEvent(new KeyboardEvent('keyup', { key: 'Enter' }));
    await flush();

    expect(testNumber).toHaveBeenCalledWith({ phone: '050-0000-0000', draftJson: null, repUserId: null });
    expect($(element, 'p.chosen').textContent).toBe('c.MiiTel_Tester_Not_Linked');
    expect($(element, 'p.what')).toBeNull();
    expect($(element, 'p.no-candidates').textContent).toBe('c.MiiTel_Tester_No_Candidates');
  });

  it('shows why a text without a number cannot be tested', async () => {
    testNumber.mockResolvedValue(INVALID);
    const element = await render();

    await testPhone(element, 'abc');

    expect($(element, 'p.message').textContent).toBe(INVALID.message);
    expect($(element, 'table.candidates')).toBeNull();
  });

  it('shows a failure through the error panel', async () => {
    testNumber.mockRejectedValue({ body: { message: 'No permission' } });
    const element = await render();

    await testPhone(element, '0312345678');

    expect($(element, 'c-miitel-error-panel.errors').errors).toEqual({ body: { message: 'No permission' } });
    expect($(element, 'div.result')).toBeNull();
  });
});
