import { LightningElement, api } from 'lwc';
import { reduceErrors } from 'c/miitelErrors';
import TITLE from '@salesforce/label/c.MiiTel_Error_Title';
import SHOW_DETAILS from '@salesforce/label/c.MiiTel_Error_Show_Details';
import HIDE_DETAILS from '@salesforce/label/c.MiiTel_Error_Hide_Details';

/**
 * The one place MiiTel components show errors: a short friendly title, and the platform's messages behind a
 * keyboard-accessible details toggle. Renders nothing while there is no error.
 */
export default class MiitelErrorPanel extends LightningElement {
  /** Any error shape Lightning produces (see c/miitelErrors), or an array of them. */
  @api errors;
  /** Overrides the default title, e.g. "The settings could not be saved." */
  @api friendlyMessage;

  showDetails = false;

  get messages() {
    return reduceErrors(this.errors);
  }

  get hasErrors() {
    return this.messages.length > 0;
  }

  get title() {
    return this.friendlyMessage || TITLE;
  }

  get toggleLabel() {
    return this.showDetails ? HIDE_DETAILS : SHOW_DETAILS;
  }

  get detailsHidden() {
    return !this.showDetails;
  }

  get ariaExpanded() {
    return String(this.showDetails);
  }

  handleToggle() {
    this.showDetails = !this.showDetails;
  }
}
