import { LightningElement } from 'lwc';
import { currentLanguage } from '../../../stubs/labels.js';

const TASK_LIMIT = 50;
const TOAST_MS = 8000;
const EXCERPT_LENGTH = 80;

/** The shell's own words (the settings component brings its custom labels). */
const TEXT = {
  ja: {
    title: 'MiiTel Activity Bridge — local org',
    language: '言語',
    settings: '設定',
    tasks: 'ToDo（Task）',
    tasksTitle: '記録された ToDo',
    refresh: '再読み込み',
    loading: '読み込み中…',
    empty: 'まだ ToDo はありません。',
    loadFailed: 'ToDo を読み込めませんでした。',
    close: '閉じる',
    columns: ['件名', '名前', '状況', '通話種別', '通話時間', 'コメント', 'MiiTel 通話 ID']
  },
  en_US: {
    title: 'MiiTel Activity Bridge — local org',
    language: 'Language',
    settings: 'Settings',
    tasks: 'Tasks',
    tasksTitle: 'Logged Tasks',
    refresh: 'Refresh',
    loading: 'Loading…',
    empty: 'No Tasks yet.',
    loadFailed: 'The Tasks could not be loaded.',
    close: 'Close',
    columns: ['Subject', 'Name', 'Status', 'Call type', 'Duration', 'Comment', 'MiiTel call ID']
  }
};

const TOAST_THEMES = { success: 'slds-theme_success', error: 'slds-theme_error', warning: 'slds-theme_warning' };
const TOAST_ICONS = { success: 'utility:success', error: 'utility:error', warning: 'utility:warning' };

function duration(seconds) {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) {
    return '';
  }
  const whole = Math.max(0, Math.round(seconds));
  const minutes = Math.floor(whole / 60);
  return `${minutes}:${String(whole % 60).padStart(2, '0')}`;
}

function excerpt(text) {
  const flat = String(text ?? '')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > EXCERPT_LENGTH ? `${flat.slice(0, EXCERPT_LENGTH - 1)}…` : flat;
}

/**
 * The local org's page: header with the language switch, a Settings view holding the real c-miitel-settings, a
 * Tasks view listing GET /local/tasks, and the toasts fired with lightning/platformShowToastEvent.
 */
export default class Shell extends LightningElement {
  language = currentLanguage();
  view = 'settings';
  tasks = [];
  tasksLoaded = false;
  tasksLoading = false;
  tasksError;
  recordId;
  toasts = [];
  toastSeq = 0;

  connectedCallback() {
    this.route(window.location.hash);
    this.template.addEventListener('lightning__showtoast', this.handleToast);
    window.addEventListener('hashchange', this.handleHashChange);
    if (this.view === 'tasks') {
      this.loadTasks();
    }
  }

  // #settings, #tasks or #record/<id> (the record page with the real c-miitel-call-history).
  route(hash) {
    const record = /^#record\/(\w+)$/.exec(hash);
    this.recordId = record ? record[1] : undefined;
    this.view = record ? 'record' : hash === '#tasks' ? 'tasks' : 'settings';
  }

  disconnectedCallback() {
    this.template.removeEventListener('lightning__showtoast', this.handleToast);
    window.removeEventListener('hashchange', this.handleHashChange);
  }

  get text() {
    return TEXT[this.language] ?? TEXT.ja;
  }

  get columns() {
    return this.text.columns;
  }

  // ---- language

  get isJa() {
    return this.language === 'ja';
  }

  get isEn() {
    return this.language === 'en_US';
  }

  get jaButtonClass() {
    return `slds-button ${this.isJa ? 'slds-button_brand' : 'slds-button_neutral'} lang-ja`;
  }

  get enButtonClass() {
    return `slds-button ${this.isEn ? 'slds-button_brand' : 'slds-button_neutral'} lang-en`;
  }

  get jaPressed() {
    return String(this.isJa);
  }

  get enPressed() {
    return String(this.isEn);
  }

  handleLanguage(event) {
    const lang = event.currentTarget.dataset.lang;
    if (lang === this.language) {
      return;
    }
    const url = new URL(window.location.href);
    url.searchParams.set('lang', lang);
    window.location.assign(url.toString());
  }

  // ---- views

  get showSettings() {
    return this.view === 'settings';
  }

  get showTasks() {
    return this.view === 'tasks';
  }

  get settingsTabClass() {
    return `slds-tabs_default__item${this.showSettings ? ' slds-is-active' : ''}`;
  }

  get tasksTabClass() {
    return `slds-tabs_default__item${this.showTasks ? ' slds-is-active' : ''}`;
  }

  get settingsSelected() {
    return String(this.showSettings);
  }

  get tasksSelected() {
    return String(this.showTasks);
  }

  get settingsPanelClass() {
    return `slds-tabs_default__content view-settings ${this.showSettings ? 'slds-show' : 'slds-hide'}`;
  }

  get tasksPanelClass() {
    return `slds-tabs_default__content view-tasks ${this.showTasks ? 'slds-show' : 'slds-hide'}`;
  }

  handleHashChange = () => {
    this.route(window.location.hash);
    this.select(this.view);
  };

  get showRecord() {
    return this.view === 'record';
  }

  // One key per record id: a new id mounts a new record page (and call history) instead of reusing the old one.
  get recordKeys() {
    return this.recordId ? [this.recordId] : [];
  }

  handleTab(event) {
    event.preventDefault();
    const view = event.currentTarget.dataset.view;
    window.history.replaceState(null, '', `#${view}`);
    this.select(view);
  }

  select(view) {
    this.view = view;
    if (view === 'tasks' && !this.tasksLoaded) {
      this.loadTasks();
    }
  }

  // ---- tasks

  get hasTasks() {
    return this.tasks.length > 0;
  }

  get tasksEmpty() {
    return this.tasksLoaded && !this.tasksError && this.tasks.length === 0;
  }

  handleRefresh() {
    this.loadTasks();
  }

  async loadTasks() {
    this.tasksLoading = true;
    this.tasksError = undefined;
    try {
      const response = await fetch(`/local/tasks?limit=${TASK_LIMIT}`, { headers: { Accept: 'application/json' } });
      const body = await response.json().catch(() => undefined);
      if (!response.ok) {
        throw body?.error ?? { status: response.status, body: { message: `GET /local/tasks: ${response.status}` } };
      }
      // The agreed answer is an array of Tasks; a query-style { records: [...] } is read too.
      const records = Array.isArray(body) ? body : Array.isArray(body?.records) ? body.records : [];
      this.tasks = records.map((task, index) => ({
        key: task.Id ?? `row-${index}`,
        id: task.Id ?? '',
        subject: task.Subject ?? '',
        who: task.Who?.Name ?? '',
        whoHref: task.WhoId ? `#record/${task.WhoId}` : undefined,
        status: task.Status ?? '',
        callType: task.CallType ?? '',
        duration: duration(task.CallDurationInSeconds),
        comment: excerpt(task.Description),
        fullComment: task.Description ?? '',
        callId: task.MiiTel_Call_Id__c ?? ''
      }));
      this.tasksLoaded = true;
    } catch (error) {
      this.tasksError = error;
    } finally {
      this.tasksLoading = false;
    }
  }

  // ---- toasts

  get hasToasts() {
    return this.toasts.length > 0;
  }

  handleToast = (event) => {
    event.stopPropagation();
    const detail = event.detail ?? {};
    const variant = TOAST_THEMES[detail.variant] ? detail.variant : 'info';
    const id = ++this.toastSeq;
    const toast = {
      id,
      title: detail.title ?? '',
      message: detail.message ?? '',
      hasMessage: Boolean(detail.message),
      variant,
      className: `slds-notify slds-notify_toast ${TOAST_THEMES[variant] ?? 'slds-theme_info'} toast toast-${variant}`,
      iconName: TOAST_ICONS[variant] ?? 'utility:info'
    };
    this.toasts = [...this.toasts, toast];
    if (detail.mode !== 'sticky' && variant !== 'error') {
      setTimeout(() => this.dismiss(id), TOAST_MS);
    }
  };

  handleToastClose(event) {
    this.dismiss(Number(event.currentTarget.dataset.id));
  }

  dismiss(id) {
    this.toasts = this.toasts.filter((toast) => toast.id !== id);
  }
}
