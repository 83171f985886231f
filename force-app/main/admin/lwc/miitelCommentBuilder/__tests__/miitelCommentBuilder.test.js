import { createElement } from 'lwc';
import MiitelCommentBuilder from 'c/miitelCommentBuilder';
import MERGE_FIELDS from './data/mergeFields.json';
import LINES from './data/lines.json';

function render(props = {}) {
  const element = createElement('c-miitel-comment-builder', { is: MiitelCommentBuilder });
  Object.assign(element, { heading: 'コメント', mergeFields: MERGE_FIELDS, lines: LINES, ...props });
  document.body.appendChild(element);
  return element;
}

function listen(element) {
  const handler = jest.fn();
  element.addEventListener('change', handler);
  return () => handler.mock.calls.at(-1)[0].detail.lines;
}

const all = (element, selector) => [...element.shadowRoot.querySelectorAll(selector)];

describe('c-miitel-comment-builder', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  it('renders the heading and one labelled line per merge field, with the default label as placeholder', () => {
    const element = render();
    expect(element.shadowRoot.querySelector('.heading').textContent).toBe('コメント');
    const inputs = all(element, 'lightning-input.line-label');
    expect(inputs.map((input) => input.value)).toEqual(['', '方向', '']);
    expect(inputs.map((input) => input.placeholder)).toEqual(['通話日時', '発着信', '応対メモ']);
    expect(inputs[0].label).toBe('c.MiiTel_Comment_Line_Label');
    expect(element.shadowRoot.querySelector('.empty')).toBeNull();
  });

  it('shows the empty state without lines and treats a missing list as empty', () => {
    const element = render({ lines: null });
    expect(element.lines).toEqual([]);
    expect(element.shadowRoot.querySelector('.empty').textContent).toBe('c.MiiTel_Comment_Empty');
  });

  it('shows the field name when the merge field is unknown', () => {
    const element = render({ lines: [{ field: 'legacyField', label: null }], mergeFields: undefined });
    expect(element.shadowRoot.querySelector('lightning-input.line-label').placeholder).toBe('legacyField');
    expect(element.shadowRoot.querySelector('lightning-combobox.field-choice').options).toEqual([]);
  });

  it('offers only the merge fields not used yet and adds the chosen one with the default label', async () => {
    const element = render();
    const lastLines = listen(element);
    const choice = element.shadowRoot.querySelector('lightning-combobox.field-choice');
    expect(choice.placeholder).toBe('c.MiiTel_Select_Placeholder');
    expect(choice.options.map((option) => option.value)).toEqual([
      'customerNumber',
      'miitelUser',
      'owner',
      'duration',
      'transcript',
      'url'
    ]);
    const add = element.shadowRoot.querySelector('lightning-button.add');
    expect(add.disabled).toBe(true);
    add.click(); // nothing chosen yet: nothing happens

    choice.dispatchEvent(new CustomEvent('change', { detail: { value: 'owner' } }));
    await Promise.resolve();
    expect(add.disabled).toBe(false);
    add.click();
    expect(lastLines()).toEqual([...LINES, { field: 'owner', label: '' }]);
    await Promise.resolve();
    expect(all(element, 'li.line').map((li) => li.dataset.field)).toEqual([
      'callDateTime',
      'direction',
      'memos',
      'owner'
    ]);
    expect(add.disabled).toBe(true);
  });

  it('edits the label of one line', () => {
    const element = render();
    const lastLines = listen(element);
    const input = all(element, 'lightning-input.line-label')[2];
    input.dispatchEvent(new CustomEvent('change', { detail: { value: 'メモ' } }));
    expect(lastLines()[2]).toEqual({ field: 'memos', label: 'メモ' });
    expect(lastLines()[1]).toEqual(LINES[1]);
  });

  it('moves lines up and down, with the buttons at the ends disabled', async () => {
    const element = render();
    const lastLines = listen(element);
    const ups = all(element, 'lightning-button-icon.move-up');
    const downs = all(element, 'lightning-button-icon.move-down');
    expect(ups.map((button) => button.disabled)).toEqual([true, false, false]);
    expect(downs.map((button) => button.disabled)).toEqual([false, false, true]);
    expect(ups[1].alternativeText).toBe('c.MiiTel_Comment_Move_Up');

    downs[0].click();
    expect(lastLines().map((line) => line.field)).toEqual(['direction', 'callDateTime', 'memos']);
    await Promise.resolve();
    all(element, 'lightning-button-icon.move-up')[2].click();
    expect(lastLines().map((line) => line.field)).toEqual(['direction', 'memos', 'callDateTime']);
  });

  it('ignores moves past either end', () => {
    const element = render();
    const handler = jest.fn();
    element.addEventListener('change', handler);
    all(element, 'lightning-button-icon.move-up')[0].click();
    all(element, 'lightning-button-icon.move-down')[2].click();
    expect(handler).not.toHaveBeenCalled();
  });

  it('removes a line', () => {
    const element = render();
    const lastLines = listen(element);
    all(element, 'lightning-button-icon.remove')[1].click();
    expect(lastLines().map((line) => line.field)).toEqual(['callDateTime', 'memos']);
  });

  it('shows the previewed length against 30,000 characters and warns above it', async () => {
    const element = render();
    expect(element.shadowRoot.querySelector('.length')).toBeNull();
    element.previewLength = 120;
    await Promise.resolve();
    const length = element.shadowRoot.querySelector('.length');
    expect(length.textContent).toBe('c.MiiTel_Comment_Length');
    expect(length.classList).toContain('slds-text-color_weak');
    expect(element.shadowRoot.querySelector('.too-long')).toBeNull();

    element.previewLength = 30001;
    await Promise.resolve();
    expect(element.shadowRoot.querySelector('.length').classList).toContain('slds-text-color_error');
    expect(element.shadowRoot.querySelector('.too-long').textContent).toBe('c.MiiTel_Comment_Too_Long');
  });

  it('disables every control while disabled', () => {
    const element = render({ disabled: true });
    const controls = [
      ...all(element, 'lightning-input'),
      ...all(element, 'lightning-button-icon'),
      ...all(element, 'lightning-combobox'),
      ...all(element, 'lightning-button')
    ];
    expect(controls.every((control) => control.disabled)).toBe(true);
  });

  it('is accessible with and without lines', async () => {
    const element = render({ previewLength: 42 });
    await expect(element).toBeAccessible();
    element.lines = [];
    await Promise.resolve();
    await expect(element).toBeAccessible();
  });
});
