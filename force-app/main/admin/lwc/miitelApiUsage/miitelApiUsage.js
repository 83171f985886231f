import { LightningElement } from 'lwc';
import getApiUsage from '@salesforce/apex/MiiTelApiUsageController.getApiUsage';
import startPhoneKeyBackfill from '@salesforce/apex/MiiTelApiUsageController.startPhoneKeyBackfill';
import getJobStatus from '@salesforce/apex/MiiTelApiUsageController.getJobStatus';
import { LABELS, format } from 'c/miitelSettingsLabels';

export const POLL_INTERVAL_MS = 2000;
const FINISHED = new Set(['Completed', 'Failed', 'Aborted', 'NotFound']);

function number(value) {
  return typeof value === 'number' ? value.toLocaleString() : LABELS.API_USAGE_UNKNOWN;
}

/**
 * API usage panel: the org's daily API requests against the limit, the bridge's requests and events in the last
 * 24 hours and the API calls they saved; starts the phone-key backfill and follows its progress.
 */
export default class MiitelApiUsage extends LightningElement {
  labels = LABELS;
  usage;
  loading = false;
  error;
  backfillError;
  jobId;
  job;
  pollTimer;

  connectedCallback() {
    this.load();
  }

  disconnectedCallback() {
    clearTimeout(this.pollTimer);
  }

  async load() {
    this.loading = true;
    this.error = undefined;
    try {
      this.usage = await getApiUsage();
    } catch (error) {
      this.error = error;
    } finally {
      this.loading = false;
    }
  }

  get hasUsage() {
    return Boolean(this.usage);
  }

  get hasLimit() {
    return typeof this.usage?.dailyApiLimit === 'number' && this.usage.dailyApiLimit > 0;
  }

  get dailyText() {
    return this.hasLimit
      ? format(LABELS.API_USAGE_DAILY, number(this.usage.dailyApiUsed), number(this.usage.dailyApiLimit))
      : format(LABELS.API_USAGE_DAILY, number(this.usage.dailyApiUsed), LABELS.API_USAGE_UNKNOWN);
  }

  get dailyPercent() {
    return this.hasLimit
      ? Math.min(100, Math.round(((this.usage.dailyApiUsed ?? 0) / this.usage.dailyApiLimit) * 100))
      : 0;
  }

  get dailyVariant() {
    return this.dailyPercent >= 90 ? 'warning' : 'base';
  }

  get bridgeRequests() {
    return number(this.usage.bridgeRequests);
  }

  get bridgeEvents() {
    return number(this.usage.bridgeEvents);
  }

  get apiCallsSaved() {
    return number(this.usage.apiCallsSaved);
  }

  get running() {
    return Boolean(this.jobId) && !FINISHED.has(this.job?.status);
  }

  get hasJob() {
    return Boolean(this.job);
  }

  get jobText() {
    const job = this.job;
    return format(LABELS.BACKFILL_PROGRESS, job.status, job.processed ?? 0, job.total ?? 0, job.errors ?? 0);
  }

  get jobPercent() {
    const job = this.job;
    if (job.status === 'Completed') {
      return 100;
    }
    return job.total > 0 ? Math.round((job.processed / job.total) * 100) : 0;
  }

  handleRefresh() {
    this.load();
  }

  async handleBackfill() {
    this.backfillError = undefined;
    clearTimeout(this.pollTimer);
    try {
      this.jobId = await startPhoneKeyBackfill();
      this.job = { status: 'Queued', processed: 0, total: 0, errors: 0 };
      await this.poll();
    } catch (error) {
      this.backfillError = error;
      this.jobId = undefined;
    }
  }

  async poll() {
    this.job = await getJobStatus({ jobId: this.jobId });
    if (this.running) {
      // eslint-disable-next-line @lwc/lwc/no-async-operation
      this.pollTimer = setTimeout(() => this.pollLater(), POLL_INTERVAL_MS);
    }
  }

  async pollLater() {
    try {
      await this.poll();
    } catch (error) {
      this.backfillError = error;
      this.jobId = undefined;
    }
  }
}
