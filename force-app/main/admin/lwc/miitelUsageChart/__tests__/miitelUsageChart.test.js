import { createElement } from 'lwc';
import MiitelUsageChart from 'c/miitelUsageChart';
import getDailyUsage from '@salesforce/apex/MiiTelApiUsageController.getDailyUsage';
import DAYS from './data/dailyUsage.json';

jest.mock('@salesforce/apex/MiiTelApiUsageController.getDailyUsage', () => ({ default: jest.fn() }), {
  virtual: true
});

async function flush() {
  for (let i = 0; i < 10; i++) {
    // eslint-disable-next-line no-await-in-loop
    await Promise.resolve();
  }
}

async function render() {
  const element = createElement('c-miitel-usage-chart', { is: MiitelUsageChart });
  document.body.appendChild(element);
  await flush();
  return element;
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const $$ = (element, selector) => [...element.shadowRoot.querySelectorAll(selector)];
const height = (rect) => Number(rect.getAttribute('height'));

describe('c-miitel-usage-chart', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
  });

  it('draws two bars per day, scaled to the largest figure rounded up (44 → 50)', async () => {
    getDailyUsage.mockResolvedValue(DAYS);
    const element = await render();

    const calls = $$(element, 'rect.bar-calls');
    const saved = $$(element, 'rect.bar-saved');
    expect(calls).toHaveLength(14);
    expect(saved).toHaveLength(14);
    // drawing height 160 - 20 - 8 = 132 units for 50
    expect(height(saved[13])).toBeCloseTo((44 / 50) * 132);
    expect(height(calls[13])).toBeCloseTo((12 / 50) * 132);
    expect(height(calls[0])).toBe(0);
    expect($$(element, 'text.tick').map((tick) => tick.textContent)).toContain('50');
    // every other day labelled, today (12/6) included
    const dayLabels = $$(element, 'g.day text').map((label) => label.textContent);
    expect(dayLabels).toHaveLength(7);
    expect(dayLabels[dayLabels.length - 1]).toBe('12/6');
  });

  it('is an image with a text summary and a table of the figures', async () => {
    getDailyUsage.mockResolvedValue(DAYS);
    const element = await render();

    const svg = $(element, 'svg.chart');
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toBe('c.MiiTel_Usage_Chart_Summary');
    const rows = $$(element, 'table.figures tbody tr');
    expect(rows).toHaveLength(14);
    expect([...rows[13].children].map((cell) => cell.textContent)).toEqual(['12/6', '12', '44']);
    await expect(element).toBeAccessible();
  });

  it('keeps a readable axis when no call was made', async () => {
    getDailyUsage.mockResolvedValue(DAYS.map((entry) => ({ ...entry, calls: 0, apiCallsSaved: 0 })));
    const element = await render();

    expect($$(element, 'rect.bar-calls').every((rect) => height(rect) === 0)).toBe(true);
    expect($$(element, 'text.tick').map((tick) => tick.textContent)).toContain('1');
  });

  it('says when the usage could not be loaded', async () => {
    getDailyUsage.mockRejectedValue({ body: { message: 'Insufficient privileges' }, status: 403 });
    const element = await render();

    expect($(element, 'c-miitel-error-panel.chart-errors').errors).toEqual({
      body: { message: 'Insufficient privileges' },
      status: 403
    });
    expect($(element, 'svg')).toBeNull();
  });
});
