/**
 * `lightning/platformShowToastEvent` for the local page: the same event Lightning Experience listens to
 * (lightning__showtoast, bubbling and composed); the shell (local/shell) renders it as a toast.
 */
export class ShowToastEvent extends CustomEvent {
  /**
   * @param {{ title?: string, message?: string, variant?: string, mode?: string }} toast the toast to show
   */
  constructor(toast) {
    super('lightning__showtoast', { bubbles: true, composed: true, cancelable: true, detail: { ...toast } });
  }
}
