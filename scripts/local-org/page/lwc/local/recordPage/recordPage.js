import { LightningElement } from 'lwc';
import { currentLanguage } from '../../../stubs/labels.js';

/** The record view's own words; the call history brings its custom labels. */
const TEXT = {
  ja: {
    objects: { Contact: '取引先責任者', Account: '取引先', Lead: 'リード', Opportunity: '商談', Case: 'ケース' },
    account: '取引先',
    loadFailed: 'レコードを読み込めませんでした。'
  },
  en_US: {
    objects: { Contact: 'Contact', Account: 'Account', Lead: 'Lead', Opportunity: 'Opportunity', Case: 'Case' },
    account: 'Account',
    loadFailed: 'The record could not be loaded.'
  }
};

/**
 * A record page of the local org (`#record/<id>`): a header with the record's name (GET /local/records/<id>) and
 * the real c-miitel-call-history, as Lightning App Builder would place it on a Contact, Account or Lead page. The
 * record id is the one in the URL (`#record/<id>`).
 */
export default class RecordPage extends LightningElement {
  // Read from the URL: the shell mounts one record page per id (keyed), so the id never changes for an instance.
  // (This folder is linted as plain JavaScript, without decorators: no @api.)
  recordId = /^#record\/(\w+)$/.exec(window.location.hash)?.[1] ?? '';
  record;
  error;

  get text() {
    return TEXT[currentLanguage()] ?? TEXT.ja;
  }

  connectedCallback() {
    this.load();
  }

  async load() {
    try {
      const response = await fetch(`/local/records/${encodeURIComponent(this.recordId)}`, {
        headers: { Accept: 'application/json' }
      });
      const body = await response.json().catch(() => undefined);
      if (!response.ok) {
        throw {
          status: response.status,
          body: { message: body?.[0]?.message ?? `GET /local/records: ${response.status}` }
        };
      }
      this.record = body;
    } catch (error) {
      this.error = error;
    }
  }

  get objectLabel() {
    const name = this.record?.objectApiName;
    return this.text.objects[name] ?? name ?? '';
  }

  get iconName() {
    const name = this.record?.objectApiName;
    return ['Contact', 'Account', 'Lead', 'Opportunity', 'Case'].includes(name)
      ? `standard:${name.toLowerCase()}`
      : 'standard:record';
  }

  get accountHref() {
    return this.record?.accountId ? `#record/${this.record.accountId}` : undefined;
  }
}
