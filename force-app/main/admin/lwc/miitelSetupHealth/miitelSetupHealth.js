import { LightningElement } from 'lwc';
import getSetupHealth from '@salesforce/apex/MiiTelSetupHealthController.getSetupHealth';
import { LABELS, format } from 'c/miitelSettingsLabels';

// Setup pages in Lightning Experience (paths as Setup shows them; unverified beyond that).
const SETUP = {
  permissionSets: ['/lightning/setup/PermSets/home', LABELS.HEALTH_SETUP_PERMISSION_SETS],
  users: ['/lightning/setup/ManageUsers/home', LABELS.HEALTH_SETUP_USERS],
  sites: ['/lightning/setup/CustomDomain/home', LABELS.HEALTH_SETUP_SITES],
  appManager: ['/lightning/setup/NavigationMenus/home', LABELS.HEALTH_SETUP_APP_MANAGER]
};

/** The page's sections (the tab values of c-miitel-settings) and their names. */
export const SECTIONS = {
  activity: LABELS.SETTINGS_TAB_ACTIVITY,
  comment: LABELS.SETTINGS_TAB_COMMENT,
  matching: LABELS.SETTINGS_TAB_MATCHING,
  webhook: LABELS.SETTINGS_TAB_WEBHOOK,
  eventLog: LABELS.SETTINGS_TAB_EVENT_LOG,
  usage: LABELS.SETTINGS_TAB_USAGE
};

const ICONS = {
  ok: ['utility:success', 'success', LABELS.HEALTH_STATUS_OK],
  error: ['utility:error', 'error', LABELS.HEALTH_STATUS_ERROR],
  unknown: ['utility:info', '', LABELS.HEALTH_STATUS_UNKNOWN]
};

function when(at) {
  return at ? new Date(at).toLocaleString() : '';
}

/**
 * Each check's title, and per state (ok or the reason) its sentence and where the fix is: a section of this page
 * (`section`) or a Setup page (`setup`). A state without an entry here falls back to its check's title only.
 */
const CHECKS = {
  integrationUser: {
    title: LABELS.HEALTH_INTEGRATION_USER,
    ok: { text: (c) => format(LABELS.HEALTH_INTEGRATION_USER_OK, c.detail) },
    NO_USER: { text: () => LABELS.HEALTH_INTEGRATION_USER_NONE, setup: 'permissionSets' },
    INACTIVE: { text: (c) => format(LABELS.HEALTH_INTEGRATION_USER_INACTIVE, c.detail), setup: 'users' }
  },
  restRequest: {
    title: LABELS.HEALTH_REST_REQUEST,
    ok: { text: (c) => format(LABELS.HEALTH_RECEIVED, when(c.at)), section: 'usage' },
    NEVER: { text: () => LABELS.HEALTH_REST_REQUEST_NEVER, setup: 'appManager' }
  },
  webhookReceived: {
    title: LABELS.HEALTH_WEBHOOK_RECEIVED,
    ok: { text: (c) => format(LABELS.HEALTH_RECEIVED, when(c.at)), section: 'webhook' },
    NEVER: { text: () => LABELS.HEALTH_WEBHOOK_RECEIVED_NEVER, section: 'webhook' }
  },
  webhookSetup: {
    title: LABELS.HEALTH_WEBHOOK_SETUP,
    ok: { text: () => LABELS.HEALTH_WEBHOOK_SETUP_OK, section: 'webhook' },
    DISABLED: { text: () => LABELS.HEALTH_WEBHOOK_SETUP_DISABLED, section: 'webhook' },
    NO_SECRET: { text: () => LABELS.HEALTH_WEBHOOK_SETUP_NO_SECRET, section: 'webhook' },
    NO_SITE: { text: () => LABELS.HEALTH_WEBHOOK_SETUP_NO_SITE, setup: 'sites' },
    SITE_INACTIVE: { text: () => LABELS.HEALTH_WEBHOOK_SETUP_SITE_INACTIVE, setup: 'sites' }
  },
  webhookUser: {
    title: LABELS.HEALTH_WEBHOOK_USER,
    ok: { text: () => LABELS.HEALTH_WEBHOOK_USER_OK },
    NEVER: { text: () => LABELS.HEALTH_WEBHOOK_USER_NEVER, section: 'webhook' },
    NOT_CONFIGURED: { text: (c) => format(LABELS.HEALTH_WEBHOOK_USER_NOT_CONFIGURED, c.count), section: 'eventLog' }
  },
  purge: {
    title: LABELS.HEALTH_PURGE,
    ok: { text: (c) => format(LABELS.HEALTH_PURGE_OK, when(c.at)), section: 'eventLog' },
    NOT_SCHEDULED: { text: () => LABELS.HEALTH_PURGE_NOT_SCHEDULED, section: 'eventLog' }
  },
  replay: {
    title: LABELS.HEALTH_REPLAY,
    ok: { text: () => LABELS.HEALTH_REPLAY_OK, section: 'eventLog' },
    WAITING: { text: (c) => format(LABELS.HEALTH_REPLAY_WAITING, c.count), section: 'eventLog' }
  },
  phoneKeys: {
    title: LABELS.HEALTH_PHONE_KEYS,
    ok: { text: () => LABELS.HEALTH_PHONE_KEYS_OK, section: 'usage' },
    MISSING: { text: (c) => format(LABELS.HEALTH_PHONE_KEYS_MISSING, c.detail, c.count), section: 'usage' }
  }
};

/**
 * The setup health summary on top of the settings page: every check MiiTelSetupHealthController runs, green (ok),
 * red (error) or neutral (unknown), each with one sentence — what is wrong and how to fix it — and a link to where the
 * fix is. A link to a section of this page fires `navigate` ({ section }); the page switches to that tab.
 */
export default class MiitelSetupHealth extends LightningElement {
  labels = LABELS;
  checks;
  loading = false;
  error;

  connectedCallback() {
    this.load();
  }

  async load() {
    this.loading = true;
    this.error = undefined;
    try {
      this.checks = await getSetupHealth();
    } catch (error) {
      this.error = error;
    } finally {
      this.loading = false;
    }
  }

  get hasChecks() {
    return Array.isArray(this.checks) && this.checks.length > 0;
  }

  get problems() {
    return (this.checks ?? []).filter((check) => check.status === 'error').length;
  }

  get summary() {
    return this.problems > 0 ? format(LABELS.HEALTH_PROBLEMS, this.problems) : LABELS.HEALTH_ALL_OK;
  }

  get summaryClass() {
    return `summary slds-m-bottom_small slds-text-heading_small ${
      this.problems > 0 ? 'slds-text-color_error' : 'slds-text-color_success'
    }`;
  }

  get rows() {
    return (this.checks ?? []).map((check) => {
      const definition = CHECKS[check.name] ?? { title: check.name };
      const state = (check.status === 'ok' ? definition.ok : definition[check.reason]) ?? {};
      const [icon, variant, statusText] = ICONS[check.status] ?? ICONS.unknown;
      const setup = SETUP[state.setup];
      return {
        name: check.name,
        status: check.status,
        title: definition.title,
        text: state.text ? state.text(check) : '',
        icon,
        variant,
        statusText,
        section: state.section,
        sectionLink: state.section ? format(LABELS.HEALTH_GO_TO, SECTIONS[state.section]) : undefined,
        url: setup?.[0],
        setupLink: setup ? format(LABELS.HEALTH_OPEN_SETUP, setup[1]) : undefined,
        className: `check check-${check.name} status-${check.status} slds-item slds-p-vertical_x-small`
      };
    });
  }

  handleRefresh() {
    this.load();
  }

  handleGo(event) {
    this.dispatchEvent(new CustomEvent('navigate', { detail: { section: event.target.dataset.section } }));
  }
}
