import { LightningElement, api } from 'lwc';
import testNumber from '@salesforce/apex/MiiTelMatchingTesterController.testNumber';
import TITLE from '@salesforce/label/c.MiiTel_Tester_Title';
import HELP from '@salesforce/label/c.MiiTel_Tester_Help';
import PHONE from '@salesforce/label/c.MiiTel_Tester_Phone';
import RUN from '@salesforce/label/c.MiiTel_Tester_Run';
import RUNNING from '@salesforce/label/c.MiiTel_Tester_Running';
import FAILED from '@salesforce/label/c.MiiTel_Tester_Failed';
import KEY from '@salesforce/label/c.MiiTel_Tester_Key';
import POLICY from '@salesforce/label/c.MiiTel_Tester_Policy';
import CHOSEN from '@salesforce/label/c.MiiTel_Tester_Chosen';
import NOT_LINKED from '@salesforce/label/c.MiiTel_Tester_Not_Linked';
import WHAT from '@salesforce/label/c.MiiTel_Tester_What';
import REASON from '@salesforce/label/c.MiiTel_Tester_Reason';
import CANDIDATES from '@salesforce/label/c.MiiTel_Tester_Candidates';
import NO_CANDIDATES from '@salesforce/label/c.MiiTel_Tester_No_Candidates';
import COLUMN_OBJECT from '@salesforce/label/c.MiiTel_Tester_Column_Object';
import COLUMN_NAME from '@salesforce/label/c.MiiTel_Tester_Column_Name';
import COLUMN_OWNER from '@salesforce/label/c.MiiTel_Tester_Column_Owner';
import COLUMN_CHOSEN from '@salesforce/label/c.MiiTel_Tester_Column_Chosen';
import COLUMN_REASON from '@salesforce/label/c.MiiTel_Tester_Column_Reason';
import YES from '@salesforce/label/c.MiiTel_Tester_Yes';

const LABELS = {
  TITLE,
  HELP,
  PHONE,
  RUN,
  RUNNING,
  FAILED,
  KEY,
  POLICY,
  CHOSEN,
  NOT_LINKED,
  WHAT,
  REASON,
  CANDIDATES,
  NO_CANDIDATES,
  COLUMN_OBJECT,
  COLUMN_NAME,
  COLUMN_OWNER,
  COLUMN_CHOSEN,
  COLUMN_REASON,
  YES
};

/** The settings keys the tester sends as the unsaved draft (MiiTelSettings.withDraft). */
const DRAFT_KEYS = [
  'matchPolicy',
  'ambiguityPolicy',
  'relatedRecordRule',
  'contactPhoneFields',
  'accountPhoneFields',
  'leadPhoneFields'
];

function format(label, ...values) {
  return String(label).replace(/\{(\d+)\}/g, (placeholder, index) => {
    const value = values[index];
    return value === undefined || value === null ? placeholder : String(value);
  });
}

/**
 * The matching tester: paste a number, see how the bridge would link a call with it (MiiTelMatchingTesterController,
 * which runs the bridge's own matcher), under the settings being edited on the page (`draft`, unsaved) or the saved
 * ones when no draft is given.
 */
export default class MiitelMatchingTester extends LightningElement {
  /** The settings as the page edits them (SettingsView); only the matching keys are sent. */
  @api draft;

  labels = LABELS;
  phone = '';
  result;
  error;
  running = false;

  get runDisabled() {
    return this.running || !this.phone.trim();
  }

  get draftJson() {
    if (!this.draft) {
      return null;
    }
    const picked = {};
    for (const key of DRAFT_KEYS) {
      if (this.draft[key] !== undefined) {
        picked[key] = this.draft[key];
      }
    }
    return JSON.stringify(picked);
  }

  get hasResult() {
    return Boolean(this.result);
  }

  get invalid() {
    return this.result && !this.result.valid;
  }

  get keyLine() {
    return format(LABELS.KEY, this.result?.key);
  }

  get policyLine() {
    return format(LABELS.POLICY, this.result?.policy);
  }

  get chosenLine() {
    const chosen = this.result?.chosen;
    return chosen ? format(LABELS.CHOSEN, chosen.name, chosen.objectApiName) : LABELS.NOT_LINKED;
  }

  get whatLine() {
    const what = this.result?.whatRecord;
    return what ? format(LABELS.WHAT, what.name, what.objectApiName) : null;
  }

  get reasonLine() {
    return this.result?.matchReason ? format(LABELS.REASON, this.result.matchReason) : null;
  }

  get candidates() {
    return (this.result?.candidates ?? []).map((c) => ({
      ...c,
      rowClass: c.chosen ? 'candidate chosen slds-is-selected' : 'candidate',
      chosenText: c.chosen ? LABELS.YES : ''
    }));
  }

  get hasCandidates() {
    return this.candidates.length > 0;
  }

  handlePhone(event) {
    this.phone = event.detail?.value ?? event.target.value ?? '';
  }

  handleKeyUp(event) {
    if (event.key === 'Enter' && !this.runDisabled) {
      this.handleRun();
    }
  }

  async handleRun() {
    this.running = true;
    this.error = undefined;
    try {
      this.result = await testNumber({ phone: this.phone, draftJson: this.draftJson, repUserId: null });
    } catch (error) {
      this.result = undefined;
      this.error = error;
    } finally {
      this.running = false;
    }
  }
}
