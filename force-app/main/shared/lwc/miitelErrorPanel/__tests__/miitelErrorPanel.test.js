import { createElement } from 'lwc';
import MiitelErrorPanel from 'c/miitelErrorPanel';
import SHAPES from '../../miitelErrors/__tests__/data/errorShapes.json';

function render(props) {
  const element = createElement('c-miitel-error-panel', { is: MiitelErrorPanel });
  Object.assign(element, props);
  document.body.appendChild(element);
  return element;
}

const apexError = SHAPES.find((shape) => shape.name.startsWith('Apex method error'));
const dmlError = SHAPES.find((shape) => shape.name.startsWith('DML error'));

describe('c-miitel-error-panel', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  it('renders nothing while there is no error', () => {
    const element = render({ errors: undefined });
    expect(element.shadowRoot.querySelector('[role="alert"]')).toBeNull();
  });

  it('renders nothing for an error without any message', () => {
    const element = render({ errors: { status: 500 } });
    expect(element.shadowRoot.querySelector('[role="alert"]')).toBeNull();
  });

  it('shows the default title in an alert, with details collapsed', () => {
    const element = render({ errors: apexError.error });
    const alert = element.shadowRoot.querySelector('[role="alert"]');
    expect(alert).not.toBeNull();
    expect(element.shadowRoot.querySelector('.title').textContent).toBe('c.MiiTel_Error_Title');
    expect(element.shadowRoot.querySelector('.details').hidden).toBe(true);
    expect(element.shadowRoot.querySelector('.toggle').getAttribute('aria-expanded')).toBe('false');
  });

  it('uses the friendly message as the title when given', () => {
    const element = render({ errors: apexError.error, friendlyMessage: 'The settings could not be saved.' });
    expect(element.shadowRoot.querySelector('.title').textContent).toBe('The settings could not be saved.');
  });

  it('expands and collapses every message with the toggle button', async () => {
    const element = render({ errors: [apexError.error, dmlError.error] });
    const toggle = element.shadowRoot.querySelector('.toggle');
    expect(toggle.textContent.trim()).toBe('c.MiiTel_Error_Show_Details');

    toggle.click();
    await Promise.resolve();
    const items = [...element.shadowRoot.querySelectorAll('.details li')].map((li) => li.textContent);
    expect(items).toEqual([...apexError.messages, ...dmlError.messages]);
    expect(element.shadowRoot.querySelector('.details').hidden).toBe(false);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(toggle.textContent.trim()).toBe('c.MiiTel_Error_Hide_Details');

    toggle.click();
    await Promise.resolve();
    expect(element.shadowRoot.querySelector('.details').hidden).toBe(true);
  });

  it('updates when the errors change', async () => {
    const element = render({ errors: apexError.error });
    element.errors = undefined;
    await Promise.resolve();
    expect(element.shadowRoot.querySelector('[role="alert"]')).toBeNull();
  });

  it('is accessible collapsed and expanded', async () => {
    const element = render({ errors: dmlError.error });
    await expect(element).toBeAccessible();
    element.shadowRoot.querySelector('.toggle').click();
    await Promise.resolve();
    await expect(element).toBeAccessible();
  });
});
