import { readFileSync } from 'fs';
import { join } from 'path';
import { createElement } from 'lwc';
import MiitelSetupHealth from 'c/miitelSetupHealth';
import getSetupHealth from '@salesforce/apex/MiiTelSetupHealthController.getSetupHealth';
import GREEN from './data/healthGreen.json';
import RED from './data/healthRed.json';

jest.mock('@salesforce/apex/MiiTelSetupHealthController.getSetupHealth', () => ({ default: jest.fn() }), {
  virtual: true
});

async function flush() {
  for (let i = 0; i < 10; i++) {
    // eslint-disable-next-line no-await-in-loop
    await Promise.resolve();
  }
}

async function render() {
  const element = createElement('c-miitel-setup-health', { is: MiitelSetupHealth });
  document.body.appendChild(element);
  await flush();
  return element;
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const $$ = (element, selector) => [...element.shadowRoot.querySelectorAll(selector)];

/** What each red or unknown state must say (its label) and where its link goes. */
const EXPECTED = {
  'integrationUser/NO_USER': ['c.MiiTel_Health_Integration_User_None', { setup: '/lightning/setup/PermSets/home' }],
  'integrationUser/INACTIVE': [
    'c.MiiTel_Health_Integration_User_Inactive',
    { setup: '/lightning/setup/ManageUsers/home' }
  ],
  'restRequest/NEVER': ['c.MiiTel_Health_Rest_Request_Never', { setup: '/lightning/setup/NavigationMenus/home' }],
  'webhookReceived/NEVER': ['c.MiiTel_Health_Webhook_Received_Never', { section: 'webhook' }],
  'webhookSetup/DISABLED': ['c.MiiTel_Health_Webhook_Setup_Disabled', { section: 'webhook' }],
  'webhookSetup/NO_SECRET': ['c.MiiTel_Health_Webhook_Setup_No_Secret', { section: 'webhook' }],
  'webhookSetup/NO_SITE': ['c.MiiTel_Health_Webhook_Setup_No_Site', { setup: '/lightning/setup/CustomDomain/home' }],
  'webhookSetup/SITE_INACTIVE': [
    'c.MiiTel_Health_Webhook_Setup_Site_Inactive',
    { setup: '/lightning/setup/CustomDomain/home' }
  ],
  'webhookUser/NEVER': ['c.MiiTel_Health_Webhook_User_Never', { section: 'webhook' }],
  'webhookUser/NOT_CONFIGURED': ['c.MiiTel_Health_Webhook_User_Not_Configured', { section: 'eventLog' }],
  'purge/NOT_SCHEDULED': ['c.MiiTel_Health_Purge_Not_Scheduled', { section: 'eventLog' }],
  'replay/WAITING': ['c.MiiTel_Health_Replay_Waiting', { section: 'eventLog' }],
  'phoneKeys/MISSING': ['c.MiiTel_Health_Phone_Keys_Missing', { section: 'usage' }]
};

describe('c-miitel-setup-health', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
  });

  it('shows every check green and says nothing needs fixing', async () => {
    getSetupHealth.mockResolvedValue(GREEN);
    const element = await render();

    const rows = $$(element, 'li.check');
    expect(rows.map((row) => row.dataset.name)).toEqual(GREEN.map((check) => check.name));
    expect(rows.every((row) => row.dataset.status === 'ok')).toBe(true);
    expect($$(element, 'lightning-icon.status-icon').map((icon) => icon.variant)).toEqual(Array(8).fill('success'));
    expect($(element, '.summary').textContent).toBe('c.MiiTel_Health_All_Ok');
    expect($(element, '.check-integrationUser .check-text').textContent).toBe('c.MiiTel_Health_Integration_User_Ok');
    await expect(element).toBeAccessible();
  });

  it.each(RED.map((check) => [`${check.name}/${check.reason}`, check]))(
    '%s shows its fix sentence and links to the fix',
    async (key, check) => {
      getSetupHealth.mockResolvedValue([check]);
      const element = await render();

      const [label, link] = EXPECTED[key];
      const row = $(element, `li.check-${check.name}`);
      expect(row.dataset.status).toBe(check.status);
      expect($(element, '.check-text').textContent).toBe(label);
      const icon = $(element, 'lightning-icon.status-icon');
      expect(icon.variant).toBe(check.status === 'error' ? 'error' : '');
      expect(icon.alternativeText).toBe(
        check.status === 'error' ? 'c.MiiTel_Health_Status_Error' : 'c.MiiTel_Health_Status_Unknown'
      );
      const shown = {
        setup: $(element, 'a.open-setup')?.getAttribute('href'),
        section: $(element, 'lightning-button.go-to')?.dataset.section
      };
      expect(shown).toEqual({ setup: link.setup, section: link.section });
      expect($(element, '.summary').textContent).toBe(
        check.status === 'error' ? 'c.MiiTel_Health_Problems' : 'c.MiiTel_Health_All_Ok'
      );
      await expect(element).toBeAccessible();
    }
  );

  it('covers every red and unknown state the Apex service has', () => {
    // MiiTelSetupHealth's reasons, read from its source: each one has a sentence here.
    const source = readFileSync(join(__dirname, '../../../classes/MiiTelSetupHealth.cls'), 'utf8');
    const reasons = [...source.matchAll(/new Check\('(\w+)', (?:ERROR|UNKNOWN), '(\w+)'\)/g)].map(
      ([, name, reason]) => `${name}/${reason}`
    );
    expect(reasons.length).toBeGreaterThan(10);
    expect(reasons.filter((reason) => !EXPECTED[reason])).toEqual([]);
    expect(Object.keys(EXPECTED).sort()).toEqual([...new Set(reasons)].sort());
  });

  it('has an English value and a Japanese translation for every label it shows', () => {
    const root = join(__dirname, '../../../../shared');
    const english = readFileSync(join(root, 'labels/CustomLabels.labels-meta.xml'), 'utf8');
    const japanese = readFileSync(join(root, 'translations/ja.translation-meta.xml'), 'utf8');
    const source = readFileSync(join(__dirname, '../miitelSetupHealth.js'), 'utf8');
    const used = [...source.matchAll(/LABELS\.(HEALTH_\w+|SETTINGS_TAB_\w+)/g)].map(([, name]) => name);
    const names = [...new Set(used)].map((short) =>
      `MiiTel_${short}`
        .split('_')
        .map((part, index) => (index === 0 ? part : part[0] + part.slice(1).toLowerCase()))
        .join('_')
    );
    expect(names.length).toBeGreaterThan(30);
    for (const name of names) {
      expect(english).toMatch(new RegExp(`<fullName>${name}</fullName>`));
      expect(japanese).toMatch(new RegExp(`<name>${name}</name>`));
    }
  });

  it('says when the checks could not be loaded', async () => {
    getSetupHealth.mockRejectedValue({ body: { message: 'Insufficient privileges' }, status: 403 });
    const element = await render();

    expect($(element, 'c-miitel-error-panel.health-errors').errors).toEqual({
      body: { message: 'Insufficient privileges' },
      status: 403
    });
    expect($(element, 'ul.checks')).toBeNull();
  });

  it('asks the page to open a section, and refreshes', async () => {
    getSetupHealth.mockResolvedValue([{ name: 'purge', status: 'error', reason: 'NOT_SCHEDULED' }]);
    const element = await render();
    const navigate = jest.fn();
    element.addEventListener('navigate', navigate);

    $(element, 'lightning-button.go-to').click();
    expect(navigate).toHaveBeenCalledTimes(1);
    expect(navigate.mock.calls[0][0].detail).toEqual({ section: 'eventLog' });

    getSetupHealth.mockResolvedValue(GREEN);
    $(element, 'lightning-button.refresh').click();
    await flush();
    expect(getSetupHealth).toHaveBeenCalledTimes(2);
    expect($$(element, 'li.check')).toHaveLength(8);
  });
});
