import CANCEL from '@salesforce/label/c.MiiTel_Unlinked_Cancel';
import COLUMN_DATE from '@salesforce/label/c.MiiTel_Unlinked_Column_Date';
import COLUMN_SAME_NUMBER from '@salesforce/label/c.MiiTel_Unlinked_Column_Same_Number';
import CONFIRM from '@salesforce/label/c.MiiTel_Unlinked_Confirm';
import DIRECTION_INBOUND from '@salesforce/label/c.MiiTel_Direction_Inbound';
import DIRECTION_OUTBOUND from '@salesforce/label/c.MiiTel_Direction_Outbound';
import EMPTY from '@salesforce/label/c.MiiTel_Unlinked_Empty';
import FIELD_CUSTOMER_NUMBER from '@salesforce/label/c.MiiTel_Field_Customer_Number';
import FIELD_DIRECTION from '@salesforce/label/c.MiiTel_Field_Direction';
import FIELD_OWNER from '@salesforce/label/c.MiiTel_Field_Owner';
import INTRO from '@salesforce/label/c.MiiTel_Unlinked_Intro';
import LINK from '@salesforce/label/c.MiiTel_Unlinked_Link';
import LINKED from '@salesforce/label/c.MiiTel_Unlinked_Linked';
import LINK_SAME_NUMBER from '@salesforce/label/c.MiiTel_Unlinked_Link_Same_Number';
import LINK_TITLE from '@salesforce/label/c.MiiTel_Unlinked_Link_Title';
import LOADING from '@salesforce/label/c.MiiTel_Unlinked_Loading';
import LOAD_FAILED from '@salesforce/label/c.MiiTel_Unlinked_Load_Failed';
import NO_RESULTS from '@salesforce/label/c.MiiTel_Unlinked_No_Results';
import NUMBER_SAVED from '@salesforce/label/c.MiiTel_Unlinked_Number_Saved';
import OBJECT from '@salesforce/label/c.MiiTel_Unlinked_Object';
import OBJECT_ACCOUNT from '@salesforce/label/c.MiiTel_Unlinked_Object_Account';
import OBJECT_CONTACT from '@salesforce/label/c.MiiTel_Unlinked_Object_Contact';
import OBJECT_LEAD from '@salesforce/label/c.MiiTel_Unlinked_Object_Lead';
import PHONE_FIELD from '@salesforce/label/c.MiiTel_Unlinked_Phone_Field';
import PHONE_FIELD_EMPTY from '@salesforce/label/c.MiiTel_Unlinked_Phone_Field_Empty';
import PHONE_FIELD_VALUE from '@salesforce/label/c.MiiTel_Unlinked_Phone_Field_Value';
import RECORD from '@salesforce/label/c.MiiTel_Unlinked_Record';
import REFRESH from '@salesforce/label/c.MiiTel_Unlinked_Refresh';
import SAVE_NUMBER from '@salesforce/label/c.MiiTel_Unlinked_Save_Number';
import SEARCH from '@salesforce/label/c.MiiTel_Unlinked_Search';
import SEARCH_HELP from '@salesforce/label/c.MiiTel_Unlinked_Search_Help';
import SHOW_MORE from '@salesforce/label/c.MiiTel_Unlinked_Show_More';
import TITLE from '@salesforce/label/c.MiiTel_Unlinked_Title';
import UNKNOWN_NUMBER from '@salesforce/label/c.MiiTel_Unlinked_Unknown_Number';

/** Every string the unlinked-calls view shows, by short name (custom labels, ja + en). */
export const LABELS = Object.freeze({
  CANCEL,
  COLUMN_DATE,
  COLUMN_SAME_NUMBER,
  CONFIRM,
  DIRECTION_INBOUND,
  DIRECTION_OUTBOUND,
  EMPTY,
  FIELD_CUSTOMER_NUMBER,
  FIELD_DIRECTION,
  FIELD_OWNER,
  INTRO,
  LINK,
  LINKED,
  LINK_SAME_NUMBER,
  LINK_TITLE,
  LOADING,
  LOAD_FAILED,
  NO_RESULTS,
  NUMBER_SAVED,
  OBJECT,
  OBJECT_ACCOUNT,
  OBJECT_CONTACT,
  OBJECT_LEAD,
  PHONE_FIELD,
  PHONE_FIELD_EMPTY,
  PHONE_FIELD_VALUE,
  RECORD,
  REFRESH,
  SAVE_NUMBER,
  SEARCH,
  SEARCH_HELP,
  SHOW_MORE,
  TITLE,
  UNKNOWN_NUMBER
});

/**
 * Fills {0}, {1}, … of a label.
 * @param {string} label a custom label
 * @param {...*} values the values, in placeholder order
 * @returns {string} the text; a placeholder without a value stays as it is
 */
export function format(label, ...values) {
  return String(label).replace(/\{(\d+)\}/g, (placeholder, index) => {
    const value = values[index];
    return value === undefined || value === null ? placeholder : String(value);
  });
}
