import API_USAGE_DAILY from '@salesforce/label/c.MiiTel_Api_Usage_Daily';
import API_USAGE_EVENTS from '@salesforce/label/c.MiiTel_Api_Usage_Events';
import API_USAGE_FAILED from '@salesforce/label/c.MiiTel_Api_Usage_Failed';
import API_USAGE_REQUESTS from '@salesforce/label/c.MiiTel_Api_Usage_Requests';
import API_USAGE_SAVED from '@salesforce/label/c.MiiTel_Api_Usage_Saved';
import API_USAGE_TITLE from '@salesforce/label/c.MiiTel_Api_Usage_Title';
import API_USAGE_UNKNOWN from '@salesforce/label/c.MiiTel_Api_Usage_Unknown';
import BACKFILL_FAILED from '@salesforce/label/c.MiiTel_Backfill_Failed';
import BACKFILL_HELP from '@salesforce/label/c.MiiTel_Backfill_Help';
import BACKFILL_PROGRESS from '@salesforce/label/c.MiiTel_Backfill_Progress';
import BACKFILL_START from '@salesforce/label/c.MiiTel_Backfill_Start';
import COMMENT_ADD from '@salesforce/label/c.MiiTel_Comment_Add';
import COMMENT_EMPTY from '@salesforce/label/c.MiiTel_Comment_Empty';
import COMMENT_LENGTH from '@salesforce/label/c.MiiTel_Comment_Length';
import COMMENT_LINE_LABEL from '@salesforce/label/c.MiiTel_Comment_Line_Label';
import COMMENT_MERGE_FIELD from '@salesforce/label/c.MiiTel_Comment_Merge_Field';
import COMMENT_MOVE_DOWN from '@salesforce/label/c.MiiTel_Comment_Move_Down';
import COMMENT_MOVE_UP from '@salesforce/label/c.MiiTel_Comment_Move_Up';
import COMMENT_REMOVE from '@salesforce/label/c.MiiTel_Comment_Remove';
import COMMENT_TOO_LONG from '@salesforce/label/c.MiiTel_Comment_Too_Long';
import EVENT_LOG_ATTEMPTS from '@salesforce/label/c.MiiTel_Event_Log_Attempts';
import EVENT_LOG_CALL_ID from '@salesforce/label/c.MiiTel_Event_Log_Call_Id';
import EVENT_LOG_EMPTY from '@salesforce/label/c.MiiTel_Event_Log_Empty';
import EVENT_LOG_ERROR from '@salesforce/label/c.MiiTel_Event_Log_Error';
import EVENT_LOG_EVENT_ID from '@salesforce/label/c.MiiTel_Event_Log_Event_Id';
import EVENT_LOG_FAILED from '@salesforce/label/c.MiiTel_Event_Log_Failed';
import EVENT_LOG_LAST_ATTEMPT from '@salesforce/label/c.MiiTel_Event_Log_Last_Attempt';
import EVENT_LOG_REPLAY_ALL from '@salesforce/label/c.MiiTel_Event_Log_Replay_All';
import EVENT_LOG_REPLAY_SELECTED from '@salesforce/label/c.MiiTel_Event_Log_Replay_Selected';
import EVENT_LOG_REPLAYED from '@salesforce/label/c.MiiTel_Event_Log_Replayed';
import EVENT_LOG_STATUS from '@salesforce/label/c.MiiTel_Event_Log_Status';
import EVENT_LOG_TITLE from '@salesforce/label/c.MiiTel_Event_Log_Title';
import EVENT_LOG_TYPE from '@salesforce/label/c.MiiTel_Event_Log_Type';
import PURGE_NOT_SCHEDULED from '@salesforce/label/c.MiiTel_Purge_Not_Scheduled';
import PURGE_SCHEDULE from '@salesforce/label/c.MiiTel_Purge_Schedule';
import PURGE_SCHEDULED from '@salesforce/label/c.MiiTel_Purge_Scheduled';
import EVENT_STATUS_APPLIED from '@salesforce/label/c.MiiTel_Event_Status_Applied';
import EVENT_STATUS_DEFERRED from '@salesforce/label/c.MiiTel_Event_Status_Deferred';
import EVENT_STATUS_FAILED from '@salesforce/label/c.MiiTel_Event_Status_Failed';
import EVENT_STATUS_SKIPPED from '@salesforce/label/c.MiiTel_Event_Status_Skipped';
import EVENT_TYPE_CALL_ENDED from '@salesforce/label/c.MiiTel_Event_Type_Call_Ended';
import EVENT_TYPE_CALL_MEMO_UPDATED from '@salesforce/label/c.MiiTel_Event_Type_Call_Memo_Updated';
import EVENT_TYPE_CALL_STARTED from '@salesforce/label/c.MiiTel_Event_Type_Call_Started';
import EVENT_TYPE_CALL_TRANSCRIBED from '@salesforce/label/c.MiiTel_Event_Type_Call_Transcribed';
import EVENT_TYPE_WEBHOOK_BODY from '@salesforce/label/c.MiiTel_Event_Type_Webhook_Body';
import SELECT_PLACEHOLDER from '@salesforce/label/c.MiiTel_Select_Placeholder';
import SETTINGS_ACCOUNT_PHONE_FIELDS from '@salesforce/label/c.MiiTel_Settings_Account_Phone_Fields';
import SETTINGS_AMBIGUITY from '@salesforce/label/c.MiiTel_Settings_Ambiguity';
import SETTINGS_AMBIGUITY_NEWEST from '@salesforce/label/c.MiiTel_Settings_Ambiguity_Newest';
import SETTINGS_AMBIGUITY_UNLINKED from '@salesforce/label/c.MiiTel_Settings_Ambiguity_Unlinked';
import SETTINGS_CALL_ENDED_FIELD from '@salesforce/label/c.MiiTel_Settings_Call_Ended_Field';
import SETTINGS_CALL_STARTED_FIELD from '@salesforce/label/c.MiiTel_Settings_Call_Started_Field';
import SETTINGS_COMMENT from '@salesforce/label/c.MiiTel_Settings_Comment';
import SETTINGS_CONTACT_PHONE_FIELDS from '@salesforce/label/c.MiiTel_Settings_Contact_Phone_Fields';
import SETTINGS_DIAL_STARTED_FIELD from '@salesforce/label/c.MiiTel_Settings_Dial_Started_Field';
import SETTINGS_ENABLED from '@salesforce/label/c.MiiTel_Settings_Enabled';
import SETTINGS_FIELDS_HELP from '@salesforce/label/c.MiiTel_Settings_Fields_Help';
import SETTINGS_LEAD_PHONE_FIELDS from '@salesforce/label/c.MiiTel_Settings_Lead_Phone_Fields';
import SETTINGS_LOAD_FAILED from '@salesforce/label/c.MiiTel_Settings_Load_Failed';
import SETTINGS_LOADING from '@salesforce/label/c.MiiTel_Settings_Loading';
import SETTINGS_MEMO_FIELD from '@salesforce/label/c.MiiTel_Settings_Memo_Field';
import SETTINGS_MISSED_COMMENT from '@salesforce/label/c.MiiTel_Settings_Missed_Comment';
import SETTINGS_PACKAGE_FIELD from '@salesforce/label/c.MiiTel_Settings_Package_Field';
import SETTINGS_PHONE_FIELDS_AVAILABLE from '@salesforce/label/c.MiiTel_Settings_Phone_Fields_Available';
import SETTINGS_PHONE_FIELDS_MAX from '@salesforce/label/c.MiiTel_Settings_Phone_Fields_Max';
import SETTINGS_PHONE_FIELDS_SELECTED from '@salesforce/label/c.MiiTel_Settings_Phone_Fields_Selected';
import SETTINGS_PREVIEW from '@salesforce/label/c.MiiTel_Settings_Preview';
import SETTINGS_PREVIEW_FAILED from '@salesforce/label/c.MiiTel_Settings_Preview_Failed';
import SETTINGS_PREVIEW_HELP from '@salesforce/label/c.MiiTel_Settings_Preview_Help';
import SETTINGS_PREVIEW_MISSED from '@salesforce/label/c.MiiTel_Settings_Preview_Missed';
import SETTINGS_PREVIEW_NORMAL from '@salesforce/label/c.MiiTel_Settings_Preview_Normal';
import SETTINGS_RANGE from '@salesforce/label/c.MiiTel_Settings_Range';
import SETTINGS_REFRESH from '@salesforce/label/c.MiiTel_Settings_Refresh';
import SETTINGS_REQUIRED from '@salesforce/label/c.MiiTel_Settings_Required';
import SETTINGS_RETENTION from '@salesforce/label/c.MiiTel_Settings_Retention';
import SETTINGS_UNRESOLVED_RETENTION from '@salesforce/label/c.MiiTel_Settings_Unresolved_Retention';
import SETTINGS_REMOVE_TRANSCRIPTS from '@salesforce/label/c.MiiTel_Settings_Remove_Transcripts';
import SETTINGS_SAVE from '@salesforce/label/c.MiiTel_Settings_Save';
import SETTINGS_SAVE_FAILED from '@salesforce/label/c.MiiTel_Settings_Save_Failed';
import SETTINGS_SAVED from '@salesforce/label/c.MiiTel_Settings_Saved';
import SETTINGS_SAVING from '@salesforce/label/c.MiiTel_Settings_Saving';
import SETTINGS_SECTION_LOGGING from '@salesforce/label/c.MiiTel_Settings_Section_Logging';
import SETTINGS_SECTION_MATCHING from '@salesforce/label/c.MiiTel_Settings_Section_Matching';
import SETTINGS_STATUS from '@salesforce/label/c.MiiTel_Settings_Status';
import SETTINGS_STATUS_DEFAULT from '@salesforce/label/c.MiiTel_Settings_Status_Default';
import SETTINGS_SUBJECT from '@salesforce/label/c.MiiTel_Settings_Subject';
import SETTINGS_SUBJECT_HELP from '@salesforce/label/c.MiiTel_Settings_Subject_Help';
import SETTINGS_SUBJECT_UNKNOWN from '@salesforce/label/c.MiiTel_Settings_Subject_Unknown';
import SETTINGS_TIMING from '@salesforce/label/c.MiiTel_Settings_Timing';
import SETTINGS_TIMING_ENDED from '@salesforce/label/c.MiiTel_Settings_Timing_Ended';
import SETTINGS_TIMING_STARTED from '@salesforce/label/c.MiiTel_Settings_Timing_Started';
import SETTINGS_TITLE from '@salesforce/label/c.MiiTel_Settings_Title';
import SETTINGS_TOO_LONG from '@salesforce/label/c.MiiTel_Settings_Too_Long';
import SETTINGS_UNSAVED from '@salesforce/label/c.MiiTel_Settings_Unsaved';
import WEBHOOK_TITLE from '@salesforce/label/c.MiiTel_Webhook_Title';
import WEBHOOK_INTRO from '@salesforce/label/c.MiiTel_Webhook_Intro';
import WEBHOOK_ENABLED from '@salesforce/label/c.MiiTel_Webhook_Enabled';
import WEBHOOK_ALLOWED_IPS from '@salesforce/label/c.MiiTel_Webhook_Allowed_Ips';
import WEBHOOK_ALLOWED_IPS_HELP from '@salesforce/label/c.MiiTel_Webhook_Allowed_Ips_Help';
import WEBHOOK_TEMPLATE from '@salesforce/label/c.MiiTel_Webhook_Template';
import WEBHOOK_TEMPLATE_HELP from '@salesforce/label/c.MiiTel_Webhook_Template_Help';
import WEBHOOK_SAVE from '@salesforce/label/c.MiiTel_Webhook_Save';
import WEBHOOK_SAVED from '@salesforce/label/c.MiiTel_Webhook_Saved';
import WEBHOOK_SECRET_SET from '@salesforce/label/c.MiiTel_Webhook_Secret_Set';
import WEBHOOK_SECRET_NONE from '@salesforce/label/c.MiiTel_Webhook_Secret_None';
import WEBHOOK_SECRET_PREVIOUS from '@salesforce/label/c.MiiTel_Webhook_Secret_Previous';
import WEBHOOK_GENERATE from '@salesforce/label/c.MiiTel_Webhook_Generate';
import WEBHOOK_ROTATE from '@salesforce/label/c.MiiTel_Webhook_Rotate';
import WEBHOOK_RETIRE from '@salesforce/label/c.MiiTel_Webhook_Retire';
import WEBHOOK_SECRET_ONCE from '@salesforce/label/c.MiiTel_Webhook_Secret_Once';
import WEBHOOK_URL from '@salesforce/label/c.MiiTel_Webhook_Url';
import WEBHOOK_URL_UNKNOWN from '@salesforce/label/c.MiiTel_Webhook_Url_Unknown';
import WEBHOOK_HEADER from '@salesforce/label/c.MiiTel_Webhook_Header';
import WEBHOOK_LAST_RECEIVED from '@salesforce/label/c.MiiTel_Webhook_Last_Received';
import WEBHOOK_NEVER_RECEIVED from '@salesforce/label/c.MiiTel_Webhook_Never_Received';
import WEBHOOK_TIMING_NOTE from '@salesforce/label/c.MiiTel_Webhook_Timing_Note';
import WEBHOOK_STEPS_TITLE from '@salesforce/label/c.MiiTel_Webhook_Steps_Title';
import WEBHOOK_STEP_1 from '@salesforce/label/c.MiiTel_Webhook_Step_1';
import WEBHOOK_STEP_2 from '@salesforce/label/c.MiiTel_Webhook_Step_2';
import WEBHOOK_STEP_3 from '@salesforce/label/c.MiiTel_Webhook_Step_3';
import WEBHOOK_STEP_4 from '@salesforce/label/c.MiiTel_Webhook_Step_4';
import WEBHOOK_STEP_5 from '@salesforce/label/c.MiiTel_Webhook_Step_5';
import WEBHOOK_FAILED from '@salesforce/label/c.MiiTel_Webhook_Failed';
import SETTINGS_TAB_ACTIVITY from '@salesforce/label/c.MiiTel_Settings_Tab_Activity';
import SETTINGS_TAB_COMMENT from '@salesforce/label/c.MiiTel_Settings_Tab_Comment';
import SETTINGS_TAB_MATCHING from '@salesforce/label/c.MiiTel_Settings_Tab_Matching';
import SETTINGS_TAB_WEBHOOK from '@salesforce/label/c.MiiTel_Settings_Tab_Webhook';
import SETTINGS_TAB_EVENT_LOG from '@salesforce/label/c.MiiTel_Settings_Tab_Event_Log';
import SETTINGS_TAB_USAGE from '@salesforce/label/c.MiiTel_Settings_Tab_Usage';
import HEALTH_TITLE from '@salesforce/label/c.MiiTel_Health_Title';
import HEALTH_ALL_OK from '@salesforce/label/c.MiiTel_Health_All_Ok';
import HEALTH_PROBLEMS from '@salesforce/label/c.MiiTel_Health_Problems';
import HEALTH_FAILED from '@salesforce/label/c.MiiTel_Health_Failed';
import HEALTH_STATUS_OK from '@salesforce/label/c.MiiTel_Health_Status_Ok';
import HEALTH_STATUS_ERROR from '@salesforce/label/c.MiiTel_Health_Status_Error';
import HEALTH_STATUS_UNKNOWN from '@salesforce/label/c.MiiTel_Health_Status_Unknown';
import HEALTH_GO_TO from '@salesforce/label/c.MiiTel_Health_Go_To';
import HEALTH_OPEN_SETUP from '@salesforce/label/c.MiiTel_Health_Open_Setup';
import HEALTH_SETUP_PERMISSION_SETS from '@salesforce/label/c.MiiTel_Health_Setup_Permission_Sets';
import HEALTH_SETUP_USERS from '@salesforce/label/c.MiiTel_Health_Setup_Users';
import HEALTH_SETUP_SITES from '@salesforce/label/c.MiiTel_Health_Setup_Sites';
import HEALTH_SETUP_APP_MANAGER from '@salesforce/label/c.MiiTel_Health_Setup_App_Manager';
import HEALTH_INTEGRATION_USER from '@salesforce/label/c.MiiTel_Health_Integration_User';
import HEALTH_INTEGRATION_USER_OK from '@salesforce/label/c.MiiTel_Health_Integration_User_Ok';
import HEALTH_INTEGRATION_USER_NONE from '@salesforce/label/c.MiiTel_Health_Integration_User_None';
import HEALTH_INTEGRATION_USER_INACTIVE from '@salesforce/label/c.MiiTel_Health_Integration_User_Inactive';
import HEALTH_REST_REQUEST from '@salesforce/label/c.MiiTel_Health_Rest_Request';
import HEALTH_RECEIVED from '@salesforce/label/c.MiiTel_Health_Received';
import HEALTH_REST_REQUEST_NEVER from '@salesforce/label/c.MiiTel_Health_Rest_Request_Never';
import HEALTH_WEBHOOK_RECEIVED from '@salesforce/label/c.MiiTel_Health_Webhook_Received';
import HEALTH_WEBHOOK_RECEIVED_NEVER from '@salesforce/label/c.MiiTel_Health_Webhook_Received_Never';
import HEALTH_WEBHOOK_SETUP from '@salesforce/label/c.MiiTel_Health_Webhook_Setup';
import HEALTH_WEBHOOK_SETUP_OK from '@salesforce/label/c.MiiTel_Health_Webhook_Setup_Ok';
import HEALTH_WEBHOOK_SETUP_DISABLED from '@salesforce/label/c.MiiTel_Health_Webhook_Setup_Disabled';
import HEALTH_WEBHOOK_SETUP_NO_SECRET from '@salesforce/label/c.MiiTel_Health_Webhook_Setup_No_Secret';
import HEALTH_WEBHOOK_SETUP_NO_SITE from '@salesforce/label/c.MiiTel_Health_Webhook_Setup_No_Site';
import HEALTH_WEBHOOK_SETUP_SITE_INACTIVE from '@salesforce/label/c.MiiTel_Health_Webhook_Setup_Site_Inactive';
import HEALTH_WEBHOOK_USER from '@salesforce/label/c.MiiTel_Health_Webhook_User';
import HEALTH_WEBHOOK_USER_OK from '@salesforce/label/c.MiiTel_Health_Webhook_User_Ok';
import HEALTH_WEBHOOK_USER_NEVER from '@salesforce/label/c.MiiTel_Health_Webhook_User_Never';
import HEALTH_WEBHOOK_USER_NOT_CONFIGURED from '@salesforce/label/c.MiiTel_Health_Webhook_User_Not_Configured';
import HEALTH_PURGE from '@salesforce/label/c.MiiTel_Health_Purge';
import HEALTH_PURGE_OK from '@salesforce/label/c.MiiTel_Health_Purge_Ok';
import HEALTH_PURGE_NOT_SCHEDULED from '@salesforce/label/c.MiiTel_Health_Purge_Not_Scheduled';
import HEALTH_REPLAY from '@salesforce/label/c.MiiTel_Health_Replay';
import HEALTH_REPLAY_OK from '@salesforce/label/c.MiiTel_Health_Replay_Ok';
import HEALTH_REPLAY_WAITING from '@salesforce/label/c.MiiTel_Health_Replay_Waiting';
import HEALTH_PHONE_KEYS from '@salesforce/label/c.MiiTel_Health_Phone_Keys';
import HEALTH_PHONE_KEYS_OK from '@salesforce/label/c.MiiTel_Health_Phone_Keys_Ok';
import HEALTH_PHONE_KEYS_MISSING from '@salesforce/label/c.MiiTel_Health_Phone_Keys_Missing';
import USAGE_CHART_TITLE from '@salesforce/label/c.MiiTel_Usage_Chart_Title';
import USAGE_CHART_CALLS from '@salesforce/label/c.MiiTel_Usage_Chart_Calls';
import USAGE_CHART_SAVED from '@salesforce/label/c.MiiTel_Usage_Chart_Saved';
import USAGE_CHART_DAY from '@salesforce/label/c.MiiTel_Usage_Chart_Day';
import USAGE_CHART_SUMMARY from '@salesforce/label/c.MiiTel_Usage_Chart_Summary';
import USAGE_CHART_FAILED from '@salesforce/label/c.MiiTel_Usage_Chart_Failed';

/** Every custom label of the MiiTel settings page (en defaults, ja translations), by a short name. */
export const LABELS = Object.freeze({
  API_USAGE_DAILY,
  API_USAGE_EVENTS,
  API_USAGE_FAILED,
  API_USAGE_REQUESTS,
  API_USAGE_SAVED,
  API_USAGE_TITLE,
  API_USAGE_UNKNOWN,
  BACKFILL_FAILED,
  BACKFILL_HELP,
  BACKFILL_PROGRESS,
  BACKFILL_START,
  COMMENT_ADD,
  COMMENT_EMPTY,
  COMMENT_LENGTH,
  COMMENT_LINE_LABEL,
  COMMENT_MERGE_FIELD,
  COMMENT_MOVE_DOWN,
  COMMENT_MOVE_UP,
  COMMENT_REMOVE,
  COMMENT_TOO_LONG,
  EVENT_LOG_ATTEMPTS,
  EVENT_LOG_CALL_ID,
  EVENT_LOG_EMPTY,
  EVENT_LOG_ERROR,
  EVENT_LOG_EVENT_ID,
  EVENT_LOG_FAILED,
  EVENT_LOG_LAST_ATTEMPT,
  EVENT_LOG_REPLAY_ALL,
  EVENT_LOG_REPLAY_SELECTED,
  EVENT_LOG_REPLAYED,
  EVENT_LOG_STATUS,
  EVENT_LOG_TITLE,
  EVENT_LOG_TYPE,
  PURGE_NOT_SCHEDULED,
  PURGE_SCHEDULE,
  PURGE_SCHEDULED,
  EVENT_STATUS_APPLIED,
  EVENT_STATUS_DEFERRED,
  EVENT_STATUS_FAILED,
  EVENT_STATUS_SKIPPED,
  EVENT_TYPE_CALL_ENDED,
  EVENT_TYPE_CALL_MEMO_UPDATED,
  EVENT_TYPE_CALL_STARTED,
  EVENT_TYPE_CALL_TRANSCRIBED,
  EVENT_TYPE_WEBHOOK_BODY,
  SELECT_PLACEHOLDER,
  SETTINGS_ACCOUNT_PHONE_FIELDS,
  SETTINGS_AMBIGUITY,
  SETTINGS_AMBIGUITY_NEWEST,
  SETTINGS_AMBIGUITY_UNLINKED,
  SETTINGS_CALL_ENDED_FIELD,
  SETTINGS_CALL_STARTED_FIELD,
  SETTINGS_COMMENT,
  SETTINGS_CONTACT_PHONE_FIELDS,
  SETTINGS_DIAL_STARTED_FIELD,
  SETTINGS_ENABLED,
  SETTINGS_FIELDS_HELP,
  SETTINGS_LEAD_PHONE_FIELDS,
  SETTINGS_LOAD_FAILED,
  SETTINGS_LOADING,
  SETTINGS_MEMO_FIELD,
  SETTINGS_MISSED_COMMENT,
  SETTINGS_PACKAGE_FIELD,
  SETTINGS_PHONE_FIELDS_AVAILABLE,
  SETTINGS_PHONE_FIELDS_MAX,
  SETTINGS_PHONE_FIELDS_SELECTED,
  SETTINGS_PREVIEW,
  SETTINGS_PREVIEW_FAILED,
  SETTINGS_PREVIEW_HELP,
  SETTINGS_PREVIEW_MISSED,
  SETTINGS_PREVIEW_NORMAL,
  SETTINGS_RANGE,
  SETTINGS_REFRESH,
  SETTINGS_REQUIRED,
  SETTINGS_RETENTION,
  SETTINGS_UNRESOLVED_RETENTION,
  SETTINGS_REMOVE_TRANSCRIPTS,
  SETTINGS_SAVE,
  SETTINGS_SAVE_FAILED,
  SETTINGS_SAVED,
  SETTINGS_SAVING,
  SETTINGS_SECTION_LOGGING,
  SETTINGS_SECTION_MATCHING,
  SETTINGS_STATUS,
  SETTINGS_STATUS_DEFAULT,
  SETTINGS_SUBJECT,
  SETTINGS_SUBJECT_HELP,
  SETTINGS_SUBJECT_UNKNOWN,
  SETTINGS_TIMING,
  SETTINGS_TIMING_ENDED,
  SETTINGS_TIMING_STARTED,
  SETTINGS_TITLE,
  SETTINGS_TOO_LONG,
  SETTINGS_UNSAVED,
  WEBHOOK_TITLE,
  WEBHOOK_INTRO,
  WEBHOOK_ENABLED,
  WEBHOOK_ALLOWED_IPS,
  WEBHOOK_ALLOWED_IPS_HELP,
  WEBHOOK_TEMPLATE,
  WEBHOOK_TEMPLATE_HELP,
  WEBHOOK_SAVE,
  WEBHOOK_SAVED,
  WEBHOOK_SECRET_SET,
  WEBHOOK_SECRET_NONE,
  WEBHOOK_SECRET_PREVIOUS,
  WEBHOOK_GENERATE,
  WEBHOOK_ROTATE,
  WEBHOOK_RETIRE,
  WEBHOOK_SECRET_ONCE,
  WEBHOOK_URL,
  WEBHOOK_URL_UNKNOWN,
  WEBHOOK_HEADER,
  WEBHOOK_LAST_RECEIVED,
  WEBHOOK_NEVER_RECEIVED,
  WEBHOOK_TIMING_NOTE,
  WEBHOOK_STEPS_TITLE,
  WEBHOOK_STEP_1,
  WEBHOOK_STEP_2,
  WEBHOOK_STEP_3,
  WEBHOOK_STEP_4,
  WEBHOOK_STEP_5,
  WEBHOOK_FAILED,
  SETTINGS_TAB_ACTIVITY,
  SETTINGS_TAB_COMMENT,
  SETTINGS_TAB_MATCHING,
  SETTINGS_TAB_WEBHOOK,
  SETTINGS_TAB_EVENT_LOG,
  SETTINGS_TAB_USAGE,
  HEALTH_TITLE,
  HEALTH_ALL_OK,
  HEALTH_PROBLEMS,
  HEALTH_FAILED,
  HEALTH_STATUS_OK,
  HEALTH_STATUS_ERROR,
  HEALTH_STATUS_UNKNOWN,
  HEALTH_GO_TO,
  HEALTH_OPEN_SETUP,
  HEALTH_SETUP_PERMISSION_SETS,
  HEALTH_SETUP_USERS,
  HEALTH_SETUP_SITES,
  HEALTH_SETUP_APP_MANAGER,
  HEALTH_INTEGRATION_USER,
  HEALTH_INTEGRATION_USER_OK,
  HEALTH_INTEGRATION_USER_NONE,
  HEALTH_INTEGRATION_USER_INACTIVE,
  HEALTH_REST_REQUEST,
  HEALTH_RECEIVED,
  HEALTH_REST_REQUEST_NEVER,
  HEALTH_WEBHOOK_RECEIVED,
  HEALTH_WEBHOOK_RECEIVED_NEVER,
  HEALTH_WEBHOOK_SETUP,
  HEALTH_WEBHOOK_SETUP_OK,
  HEALTH_WEBHOOK_SETUP_DISABLED,
  HEALTH_WEBHOOK_SETUP_NO_SECRET,
  HEALTH_WEBHOOK_SETUP_NO_SITE,
  HEALTH_WEBHOOK_SETUP_SITE_INACTIVE,
  HEALTH_WEBHOOK_USER,
  HEALTH_WEBHOOK_USER_OK,
  HEALTH_WEBHOOK_USER_NEVER,
  HEALTH_WEBHOOK_USER_NOT_CONFIGURED,
  HEALTH_PURGE,
  HEALTH_PURGE_OK,
  HEALTH_PURGE_NOT_SCHEDULED,
  HEALTH_REPLAY,
  HEALTH_REPLAY_OK,
  HEALTH_REPLAY_WAITING,
  HEALTH_PHONE_KEYS,
  HEALTH_PHONE_KEYS_OK,
  HEALTH_PHONE_KEYS_MISSING,
  USAGE_CHART_TITLE,
  USAGE_CHART_CALLS,
  USAGE_CHART_SAVED,
  USAGE_CHART_DAY,
  USAGE_CHART_SUMMARY,
  USAGE_CHART_FAILED
});

/**
 * Fills the {0}, {1}… placeholders of a label.
 * @param {string} label a label with numbered placeholders
 * @param {...*} values the values, in placeholder order
 * @returns {string} the label with its placeholders replaced
 */
export function format(label, ...values) {
  return String(label).replace(/\{(\d+)\}/g, (placeholder, index) => {
    const value = values[index];
    return value === undefined || value === null ? placeholder : String(value);
  });
}
