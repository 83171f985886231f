import { LightningElement } from 'lwc';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import getEventLog from '@salesforce/apex/MiiTelEventLogController.getEventLog';
import replay from '@salesforce/apex/MiiTelEventLogController.replay';
import getPurgeSchedule from '@salesforce/apex/MiiTelEventLogController.getPurgeSchedule';
import schedulePurge from '@salesforce/apex/MiiTelEventLogController.schedulePurge';
import { LABELS, format } from 'c/miitelSettingsLabels';

const COLUMNS = [
  { label: LABELS.EVENT_LOG_STATUS, fieldName: 'statusLabel', initialWidth: 110 },
  { label: LABELS.EVENT_LOG_TYPE, fieldName: 'typeLabel', initialWidth: 150 },
  { label: LABELS.EVENT_LOG_EVENT_ID, fieldName: 'eventId' },
  { label: LABELS.EVENT_LOG_CALL_ID, fieldName: 'callId' },
  { label: LABELS.EVENT_LOG_ERROR, fieldName: 'reason', wrapText: true },
  { label: LABELS.EVENT_LOG_ATTEMPTS, fieldName: 'attempts', type: 'number', initialWidth: 100 },
  {
    label: LABELS.EVENT_LOG_LAST_ATTEMPT,
    fieldName: 'lastAttemptAt',
    type: 'date',
    typeAttributes: { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }
  }
];

// Status picklist values, contract event types and the webhook's kept bodies (MiiTelCallEventLog.TYPE_WEBHOOK_BODY:
// one entry per call, Deferred or Failed with the handler's sentence as its message), shown in the user's language;
// anything else as stored.
const STATUS_LABELS = {
  Applied: LABELS.EVENT_STATUS_APPLIED,
  Deferred: LABELS.EVENT_STATUS_DEFERRED,
  Failed: LABELS.EVENT_STATUS_FAILED,
  Skipped: LABELS.EVENT_STATUS_SKIPPED
};
const TYPE_LABELS = {
  'call.started': LABELS.EVENT_TYPE_CALL_STARTED,
  'call.ended': LABELS.EVENT_TYPE_CALL_ENDED,
  'call.transcribed': LABELS.EVENT_TYPE_CALL_TRANSCRIBED,
  'call.memo_updated': LABELS.EVENT_TYPE_CALL_MEMO_UPDATED,
  'miitel.webhook.body': LABELS.EVENT_TYPE_WEBHOOK_BODY
};

/**
 * Event-log panel: recent failed, deferred and skipped call events with their reason; replays the selected ones or
 * every failed one through MiiTelEventLogController.replay; says whether the daily purge is scheduled and schedules
 * it (no anonymous Apex needed).
 */
export default class MiitelEventLog extends LightningElement {
  labels = LABELS;
  columns = COLUMNS;
  rows = [];
  selectedIds = [];
  loading = false;
  error;
  purge;

  connectedCallback() {
    this.load();
  }

  async load() {
    this.loading = true;
    this.error = undefined;
    try {
      const [entries, purge] = await Promise.all([getEventLog(), getPurgeSchedule()]);
      this.purge = purge;
      this.rows = (entries ?? []).map((entry) => ({
        ...entry,
        statusLabel: STATUS_LABELS[entry.status] ?? entry.status,
        typeLabel: TYPE_LABELS[entry.type] ?? entry.type,
        reason: [entry.errorCode, entry.errorMessage].filter(Boolean).join(': ')
      }));
      this.selectedIds = [];
    } catch (error) {
      this.error = error;
    } finally {
      this.loading = false;
    }
  }

  get hasRows() {
    return this.rows.length > 0;
  }

  get replaySelectedDisabled() {
    return this.loading || this.selectedIds.length === 0;
  }

  get purgeScheduled() {
    return this.purge?.scheduled === true;
  }

  get purgeText() {
    if (!this.purge) {
      return '';
    }
    return this.purgeScheduled
      ? format(LABELS.PURGE_SCHEDULED, new Date(this.purge.nextRun).toLocaleString())
      : LABELS.PURGE_NOT_SCHEDULED;
  }

  get scheduleDisabled() {
    return this.loading || !this.purge || this.purgeScheduled;
  }

  async handleSchedulePurge() {
    this.loading = true;
    this.error = undefined;
    try {
      this.purge = await schedulePurge();
    } catch (error) {
      this.error = error;
    } finally {
      this.loading = false;
    }
  }

  get replayAllDisabled() {
    return this.loading || !this.hasRows;
  }

  handleRowSelection(event) {
    this.selectedIds = event.detail.selectedRows.map((row) => row.id);
  }

  handleRefresh() {
    this.load();
  }

  handleReplaySelected() {
    this.replay(this.selectedIds);
  }

  handleReplayAll() {
    this.replay([]);
  }

  async replay(entryIds) {
    this.loading = true;
    this.error = undefined;
    try {
      const result = await replay({ entryIds });
      this.dispatchEvent(
        new ShowToastEvent({
          title: format(LABELS.EVENT_LOG_REPLAYED, result.replayed, result.applied),
          message: '',
          variant: result.applied === result.replayed ? 'success' : 'warning'
        })
      );
    } catch (error) {
      this.error = error;
      this.loading = false;
      return;
    }
    await this.load();
  }
}
