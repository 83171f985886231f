import { LightningElement } from 'lwc';
import getWebhookStatus from '@salesforce/apex/MiiTelWebhookController.getWebhookStatus';
import saveWebhookSettings from '@salesforce/apex/MiiTelWebhookController.saveWebhookSettings';
import generateWebhookSecret from '@salesforce/apex/MiiTelWebhookController.generateWebhookSecret';
import retirePreviousWebhookSecret from '@salesforce/apex/MiiTelWebhookController.retirePreviousWebhookSecret';
import { LABELS, format } from 'c/miitelSettingsLabels';

/**
 * "MiiTel Outgoing Webhook" panel: enables receiving MiiTel's own Outgoing Webhook, generates and rotates the shared
 * secret (shown once: the org keeps only its hash), shows the URL and the extra header to paste into MiiTel Admin,
 * when the last body arrived, and the setup steps. All through MiiTelWebhookController.
 */
export default class MiitelWebhookSettings extends LightningElement {
  labels = LABELS;
  status;
  enabled = false;
  allowedIps = '';
  callUrlTemplate = '';
  secret;
  loading = false;
  saved = false;
  error;

  connectedCallback() {
    this.run(() => getWebhookStatus());
  }

  // Every action shows the spinner, clears the last error and message, and takes the status it answers.
  async run(action, afterwards) {
    this.loading = true;
    this.error = undefined;
    this.saved = false;
    try {
      const status = await action();
      if (status) {
        this.apply(status);
      }
      afterwards?.();
    } catch (error) {
      this.error = error;
    } finally {
      this.loading = false;
    }
  }

  apply(status) {
    this.status = status;
    this.enabled = status.enabled === true;
    this.allowedIps = status.allowedIps ?? '';
    this.callUrlTemplate = status.callUrlTemplate ?? '';
  }

  get ready() {
    return this.status !== undefined;
  }

  get secretText() {
    return this.status?.hasSecret ? LABELS.WEBHOOK_SECRET_SET : LABELS.WEBHOOK_SECRET_NONE;
  }

  get generateLabel() {
    return this.status?.hasSecret ? LABELS.WEBHOOK_ROTATE : LABELS.WEBHOOK_GENERATE;
  }

  get hasPreviousSecret() {
    return this.status?.hasPreviousSecret === true;
  }

  get url() {
    return this.status?.siteUrl ? `${this.status.siteUrl.replace(/\/$/, '')}${this.status.path}` : undefined;
  }

  get urlUnknownText() {
    return format(LABELS.WEBHOOK_URL_UNKNOWN, this.status?.path);
  }

  // The JSON MiiTel Admin's "extra headers" field takes; the secret itself only right after generating it.
  get headerJson() {
    const value = this.secret ?? '<secret>';
    return JSON.stringify({ [this.status?.header ?? 'X-MiiTel-Webhook-Secret']: value });
  }

  get templateHelp() {
    return format(LABELS.WEBHOOK_TEMPLATE_HELP, this.status?.defaultCallUrlTemplate);
  }

  get lastReceivedText() {
    const at = this.status?.lastReceivedAt;
    return at ? format(LABELS.WEBHOOK_LAST_RECEIVED, new Date(at).toLocaleString()) : LABELS.WEBHOOK_NEVER_RECEIVED;
  }

  get showTimingNote() {
    return this.status?.callStartedTiming === true;
  }

  get steps() {
    return [
      LABELS.WEBHOOK_STEP_1,
      LABELS.WEBHOOK_STEP_2,
      LABELS.WEBHOOK_STEP_3,
      LABELS.WEBHOOK_STEP_4,
      LABELS.WEBHOOK_STEP_5
    ].map((text, index) => ({ key: `step-${index + 1}`, text }));
  }

  handleEnabledChange(event) {
    this.enabled = event.target.checked;
  }

  handleIpsChange(event) {
    this.allowedIps = event.target.value;
  }

  handleTemplateChange(event) {
    this.callUrlTemplate = event.target.value;
  }

  handleSave() {
    this.run(
      () =>
        saveWebhookSettings({
          enabled: this.enabled,
          allowedIps: this.allowedIps,
          callUrlTemplate: this.callUrlTemplate
        }),
      () => {
        this.saved = true;
      }
    );
  }

  handleGenerate() {
    this.run(async () => {
      this.secret = await generateWebhookSecret();
      return getWebhookStatus();
    });
  }

  handleRetire() {
    this.run(() => retirePreviousWebhookSecret());
  }
}
