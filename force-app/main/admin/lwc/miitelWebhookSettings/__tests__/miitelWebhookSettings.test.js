import { createElement } from 'lwc';
import MiitelWebhookSettings from 'c/miitelWebhookSettings';
import getWebhookStatus from '@salesforce/apex/MiiTelWebhookController.getWebhookStatus';
import saveWebhookSettings from '@salesforce/apex/MiiTelWebhookController.saveWebhookSettings';
import generateWebhookSecret from '@salesforce/apex/MiiTelWebhookController.generateWebhookSecret';
import retirePreviousWebhookSecret from '@salesforce/apex/MiiTelWebhookController.retirePreviousWebhookSecret';
import STATUS from './data/status.json';
import STATUS_NEW from './data/statusNew.json';

jest.mock('@salesforce/apex/MiiTelWebhookController.getWebhookStatus', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/MiiTelWebhookController.saveWebhookSettings', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/MiiTelWebhookController.generateWebhookSecret', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/MiiTelWebhookController.retirePreviousWebhookSecret', () => ({ default: jest.fn() }), {
  virtual: true
});

async function flush() {
  for (let i = 0; i < 10; i++) {
    // eslint-disable-next-line no-await-in-loop
    await Promise.resolve();
  }
}

async function render() {
  const element = createElement('c-miitel-webhook-settings', { is: MiitelWebhookSettings });
  document.body.appendChild(element);
  await flush();
  return element;
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);

function click(element, selector) {
  $(element, selector).click();
  return flush();
}

describe('c-miitel-webhook-settings', () => {
  beforeEach(() => {
    getWebhookStatus.mockResolvedValue(STATUS);
  });

  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
  });

  it('shows the saved options, the URL to paste and when MiiTel last called', async () => {
    const element = await render();
    expect($(element, '.webhook-enabled').checked).toBe(true);
    expect($(element, '.webhook-allowed-ips').value).toBe('203.0.113.10');
    expect($(element, '.webhook-url').value).toBe(
      'https://example.my.salesforce-sites.com/miitel/services/apexrest/miitel/v1/webhook'
    );
    expect($(element, '.webhook-last-received').textContent).toContain('c.MiiTel_Webhook_Last_Received');
    expect($(element, '.webhook-timing-note')).toBeNull();
  });

  it('shows the header without the secret, which is never read back', async () => {
    const element = await render();
    expect(JSON.parse($(element, '.webhook-header').value)).toEqual({ 'X-MiiTel-Webhook-Secret': '<secret>' });
    expect($(element, '.webhook-secret-once')).toBeNull();
  });

  it('on a new org: no secret, the path to append to the Site URL, and the call-start note', async () => {
    getWebhookStatus.mockResolvedValue(STATUS_NEW);
    const element = await render();
    expect($(element, '.webhook-secret-text').textContent).toBe('c.MiiTel_Webhook_Secret_None');
    expect($(element, '.webhook-generate').label).toBe('c.MiiTel_Webhook_Generate');
    expect($(element, '.webhook-url')).toBeNull();
    expect($(element, '.webhook-url-unknown').textContent).toBe('c.MiiTel_Webhook_Url_Unknown');
    expect($(element, '.webhook-timing-note').textContent.trim()).toBe('c.MiiTel_Webhook_Timing_Note');
    expect($(element, '.webhook-last-received').textContent).toBe('c.MiiTel_Webhook_Never_Received');
  });

  it('shows a generated secret once, in the header to paste', async () => {
    generateWebhookSecret.mockResolvedValue('ab'.repeat(32));
    getWebhookStatus.mockResolvedValueOnce(STATUS).mockResolvedValueOnce({ ...STATUS, hasPreviousSecret: true });
    const element = await render();
    await click(element, '.webhook-generate');
    expect(generateWebhookSecret).toHaveBeenCalledTimes(1);
    expect(JSON.parse($(element, '.webhook-header').value)).toEqual({ 'X-MiiTel-Webhook-Secret': 'ab'.repeat(32) });
    expect($(element, '.webhook-secret-once').textContent).toBe('c.MiiTel_Webhook_Secret_Once');
    expect($(element, '.webhook-previous-text')).not.toBeNull();
  });

  it('retires the previous secret', async () => {
    getWebhookStatus.mockResolvedValue({ ...STATUS, hasPreviousSecret: true });
    retirePreviousWebhookSecret.mockResolvedValue(STATUS);
    const element = await render();
    await click(element, '.webhook-retire');
    expect(retirePreviousWebhookSecret).toHaveBeenCalledTimes(1);
    expect($(element, '.webhook-retire')).toBeNull();
  });

  it('saves the edited options', async () => {
    saveWebhookSettings.mockResolvedValue({ ...STATUS, enabled: false });
    const element = await render();
    const enabled = $(element, '.webhook-enabled');
    enabled.checked = false;
    enabled.dispatchEvent(new CustomEvent('change'));
    const ips = $(element, '.webhook-allowed-ips');
    ips.value = '198.51.100.7';
    ips.dispatchEvent(new CustomEvent('change'));
    const template = $(element, '.webhook-url-template');
    template.value = 'https://{tenant_code}.example.jp/{call.id}';
    template.dispatchEvent(new CustomEvent('change'));
    await click(element, '.webhook-save');
    expect(saveWebhookSettings).toHaveBeenCalledWith({
      enabled: false,
      allowedIps: '198.51.100.7',
      callUrlTemplate: 'https://{tenant_code}.example.jp/{call.id}'
    });
    expect($(element, '.webhook-saved').textContent).toBe('c.MiiTel_Webhook_Saved');
  });

  it('shows why the controller refused', async () => {
    saveWebhookSettings.mockRejectedValue({ body: { message: 'Invalid template' } });
    const element = await render();
    await click(element, '.webhook-save');
    expect($(element, 'c-miitel-error-panel').errors).toEqual({ body: { message: 'Invalid template' } });
    expect($(element, '.webhook-saved')).toBeNull();
  });

  it('lists the five setup steps in order', async () => {
    const element = await render();
    const steps = [...element.shadowRoot.querySelectorAll('.webhook-steps li')].map((li) => li.textContent);
    expect(steps).toEqual([1, 2, 3, 4, 5].map((n) => `c.MiiTel_Webhook_Step_${n}`));
  });

  it('is accessible', async () => {
    const element = await render();
    await expect(element).toBeAccessible();
  });
});
