import ANSWERED from '@salesforce/label/c.MiiTel_Call_History_Answered';
import DETAILS from '@salesforce/label/c.MiiTel_Call_History_Details';
import EMPTY from '@salesforce/label/c.MiiTel_Call_History_Empty';
import HIDE_DETAILS from '@salesforce/label/c.MiiTel_Call_History_Hide_Details';
import LOAD_FAILED from '@salesforce/label/c.MiiTel_Call_History_Load_Failed';
import LOADING from '@salesforce/label/c.MiiTel_Call_History_Loading';
import MISSED from '@salesforce/label/c.MiiTel_Call_History_Missed';
import NO_COMMENT from '@salesforce/label/c.MiiTel_Call_History_No_Comment';
import OPEN_IN_MIITEL from '@salesforce/label/c.MiiTel_Call_History_Open_In_MiiTel';
import REFRESH from '@salesforce/label/c.MiiTel_Call_History_Refresh';
import SHOW_DETAILS from '@salesforce/label/c.MiiTel_Call_History_Show_Details';
import SHOW_MORE from '@salesforce/label/c.MiiTel_Call_History_Show_More';
import TITLE from '@salesforce/label/c.MiiTel_Call_History_Title';
import DIRECTION_INBOUND from '@salesforce/label/c.MiiTel_Direction_Inbound';
import DIRECTION_OUTBOUND from '@salesforce/label/c.MiiTel_Direction_Outbound';
import FIELD_DURATION from '@salesforce/label/c.MiiTel_Field_Duration';
import FIELD_MEMOS from '@salesforce/label/c.MiiTel_Field_Memos';
import FIELD_OWNER from '@salesforce/label/c.MiiTel_Field_Owner';
import FIELD_RECORD_NAME from '@salesforce/label/c.MiiTel_Field_Record_Name';
import FIELD_SCORE from '@salesforce/label/c.MiiTel_Field_Score';

/** Every string the call history shows, by short name (custom labels, ja + en). */
export const LABELS = Object.freeze({
  ANSWERED,
  DETAILS,
  DIRECTION_INBOUND,
  DIRECTION_OUTBOUND,
  EMPTY,
  FIELD_DURATION,
  FIELD_MEMOS,
  FIELD_OWNER,
  FIELD_RECORD_NAME,
  FIELD_SCORE,
  HIDE_DETAILS,
  LOAD_FAILED,
  LOADING,
  MISSED,
  NO_COMMENT,
  OPEN_IN_MIITEL,
  REFRESH,
  SHOW_DETAILS,
  SHOW_MORE,
  TITLE
});
