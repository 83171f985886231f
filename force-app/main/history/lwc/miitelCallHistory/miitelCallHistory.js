import { LightningElement, api } from 'lwc';
import TIME_ZONE from '@salesforce/i18n/timeZone';
import getCalls from '@salesforce/apex/MiiTelCallHistoryController.getCalls';
import { LABELS } from './labels';

const DEFAULT_PAGE_SIZE = 10;
const MAX_PAGE_SIZE = 50;

const DIRECTIONS = {
  inbound: { label: LABELS.DIRECTION_INBOUND, icon: 'utility:incoming_call' },
  outbound: { label: LABELS.DIRECTION_OUTBOUND, icon: 'utility:outbound_call' }
};
const OUTCOMES = {
  answered: { label: LABELS.ANSWERED, className: 'slds-badge slds-theme_success outcome' },
  missed: { label: LABELS.MISSED, className: 'slds-badge slds-theme_warning outcome' }
};

// H:MM:SS from one hour on, M:SS below (as the bridge writes durations in the comment).
function duration(seconds) {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) {
    return '';
  }
  const whole = Math.max(0, Math.round(seconds));
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor(whole / 60) % 60;
  const rest = String(whole % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}

/**
 * The MiiTel calls of the record page's record (Contact, Account, Lead, Opportunity, Case), newest first, as
 * MiiTelCallHistoryController.getCalls reads them in user mode: direction, date and time in the user's locale and time
 * zone, duration, answered or missed, owner, memos and the MiiTel link; each call expands to the comment the bridge
 * logged (transcript, AI minutes, score). "Show older calls" fetches the next page with the controller's cursor.
 */
export default class MiitelCallHistory extends LightningElement {
  /** The record page's record id (set by Lightning). */
  @api recordId;
  /** Calls per page (design attribute, 1–50). */
  @api pageSize = DEFAULT_PAGE_SIZE;

  labels = LABELS;
  timeZone = TIME_ZONE;
  calls = [];
  expanded = {};
  nextCursor;
  hasMore = false;
  loading = false;
  loaded = false;
  error;

  connectedCallback() {
    this.load(true);
  }

  get effectivePageSize() {
    const asked = Number(this.pageSize);
    return Number.isInteger(asked) ? Math.min(Math.max(asked, 1), MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
  }

  async load(fromStart) {
    this.loading = true;
    this.error = undefined;
    try {
      const page = await getCalls({
        recordId: this.recordId,
        pageSize: this.effectivePageSize,
        cursor: fromStart ? null : this.nextCursor
      });
      const calls = page?.calls ?? [];
      this.calls = fromStart ? calls : [...this.calls, ...calls];
      if (fromStart) {
        this.expanded = {};
      }
      this.hasMore = page?.hasMore === true;
      this.nextCursor = page?.nextCursor;
      this.loaded = true;
    } catch (error) {
      this.error = error;
    } finally {
      this.loading = false;
    }
  }

  get rows() {
    return this.calls.map((call) => {
      const direction = DIRECTIONS[call.direction];
      const outcome = OUTCOMES[call.outcome];
      const open = this.expanded[call.taskId] === true;
      const memos = call.memos ?? [];
      return {
        ...call,
        directionLabel: direction?.label ?? '',
        directionIcon: direction?.icon ?? 'utility:call',
        outcomeLabel: outcome?.label,
        outcomeClass: outcome?.className,
        duration: duration(call.durationSeconds),
        hasDuration: typeof call.durationSeconds === 'number',
        memoText: memos.join(' / '),
        hasMemos: memos.length > 0,
        open,
        ariaExpanded: String(open),
        toggleLabel: open ? LABELS.HIDE_DETAILS : LABELS.SHOW_DETAILS,
        toggleIcon: open ? 'utility:chevrondown' : 'utility:chevronright',
        detailsId: `miitel-call-${call.taskId}`,
        hasComment: typeof call.comment === 'string' && call.comment.trim() !== ''
      };
    });
  }

  get hasCalls() {
    return this.calls.length > 0;
  }

  get isEmpty() {
    return this.loaded && !this.error && this.calls.length === 0;
  }

  get showMoreDisabled() {
    return this.loading;
  }

  handleToggle(event) {
    const id = event.currentTarget.dataset.id;
    this.expanded = { ...this.expanded, [id]: !this.expanded[id] };
  }

  handleShowMore() {
    this.load(false);
  }

  handleRefresh() {
    this.load(true);
  }
}
