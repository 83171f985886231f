/**
 * System classes that behave like ordinary Apex classes, written in Apex and run by the interpreter (Apex Reference
 * Guide: "RestContext Class", "RestRequest Class", "RestResponse Class"). RestContext.request/response are static
 * variables, null until set — per transaction, as on the platform (an Apex REST call has them set by the platform,
 * see rest.ts; a test sets them by hand). Header and parameter maps start empty; statusCode starts null (the REST
 * framework answers 200 then).
 */
import type { CompilationUnit } from '../ast/nodes.ts';
import { LoadError } from '../ast/errors.ts';
import { parseApexClass } from '../ast/parse.ts';

const SOURCES: Record<string, string> = {
  RestRequest: `global class RestRequest {
  global Blob requestBody;
  global String requestURI;
  global String resourcePath;
  global String httpMethod;
  global String remoteAddress;
  global Map<String, String> headers = new Map<String, String>();
  global Map<String, String> params = new Map<String, String>();
  global void addHeader(String name, String value) { headers.put(name, value); }
  global void addParameter(String name, String value) { params.put(name, value); }
}`,
  RestResponse: `global class RestResponse {
  global Integer statusCode;
  global Blob responseBody;
  global Map<String, String> headers = new Map<String, String>();
  global void addHeader(String name, String value) { headers.put(name, value); }
}`,
  RestContext: `global class RestContext {
  global static RestRequest request;
  global static RestResponse response;
}`,
  // Apex Developer Guide "Setting DML Options", Apex Reference Guide "DMLOptions Class": the three headers exist on a
  // new DMLOptions (the documented examples set dmo.assignmentRuleHeader.useDefaultRule without creating the header);
  // the properties start null (unverified). What the options do is stdlib/dml-options.ts.
  'Database.DMLOptions': `global class DMLOptions {
  global Boolean allowFieldTruncation;
  global Boolean optAllOrNone;
  global String localeOptions;
  global AssignmentRuleHeader assignmentRuleHeader = new AssignmentRuleHeader();
  global DuplicateRuleHeader duplicateRuleHeader = new DuplicateRuleHeader();
  global EmailHeader emailHeader = new EmailHeader();
  global class AssignmentRuleHeader {
    global Id assignmentRuleId;
    global Boolean useDefaultRule;
  }
  global class DuplicateRuleHeader {
    global Boolean allowSave;
    global Boolean runAsCurrentUser;
  }
  global class EmailHeader {
    global Boolean triggerAutoResponseEmail;
    global Boolean triggerOtherEmail;
    global Boolean triggerUserEmail;
  }
}`,
  // Apex Reference Guide "Invocable.Action.Result Class" (getAction, getErrors, getInvocationParameters,
  // getOutputParameters, isSuccess) and "Invocable.Action.Error Class" (getCode, getMessage): results of
  // Invocable.Action.invoke(), which tests build with JSON.deserialize. Invocable.Action itself stays a native type
  // whose methods are RuntimeGaps (invoking flows and actions is not modelled); getAction() is typed Object here for
  // that reason.
  'Invocable.Action': `global class Action {
  global class Result {
    Object action;
    Boolean success;
    List<Error> errors;
    Map<String, Object> invocationParameters;
    Map<String, Object> outputParameters;
    global Object getAction() { return action; }
    global List<Error> getErrors() { return errors; }
    global Map<String, Object> getInvocationParameters() { return invocationParameters; }
    global Map<String, Object> getOutputParameters() { return outputParameters; }
    global Boolean isSuccess() { return success; }
  }
  global class Error {
    String code;
    String message;
    global String getCode() { return code; }
    global String getMessage() { return message; }
  }
}`,
  // Apex Reference Guide "ChangeEventHeader Class" (EventBus namespace): the header fields of a change event with their
  // getters and setters; tests construct it with `new EventBus.ChangeEventHeader()`. Change data capture itself
  // (publishing change events on DML) is not modelled.
  'EventBus.ChangeEventHeader': `global class ChangeEventHeader {
  global List<String> changedFields;
  global List<String> getChangedFields() { return changedFields; }
  global void setChangedFields(List<String> value) { changedFields = value; }
  global String changeOrigin;
  global String getChangeOrigin() { return changeOrigin; }
  global void setChangeOrigin(String value) { changeOrigin = value; }
  global String changeType;
  global String getChangeType() { return changeType; }
  global void setChangeType(String value) { changeType = value; }
  global Long commitNumber;
  global Long getCommitNumber() { return commitNumber; }
  global void setCommitNumber(Long value) { commitNumber = value; }
  global Long commitTimestamp;
  global Long getCommitTimestamp() { return commitTimestamp; }
  global void setCommitTimestamp(Long value) { commitTimestamp = value; }
  global String commitUser;
  global String getCommitUser() { return commitUser; }
  global void setCommitUser(String value) { commitUser = value; }
  global List<String> diffFields;
  global List<String> getDiffFields() { return diffFields; }
  global void setDiffFields(List<String> value) { diffFields = value; }
  global String entityName;
  global String getEntityName() { return entityName; }
  global void setEntityName(String value) { entityName = value; }
  global List<String> nulledFields;
  global List<String> getNulledFields() { return nulledFields; }
  global void setNulledFields(List<String> value) { nulledFields = value; }
  global List<String> recordIds;
  global List<String> getRecordIds() { return recordIds; }
  global void setRecordIds(List<String> value) { recordIds = value; }
  global Integer sequenceNumber;
  global Integer getSequenceNumber() { return sequenceNumber; }
  global void setSequenceNumber(Integer value) { sequenceNumber = value; }
  global String transactionKey;
  global String getTransactionKey() { return transactionKey; }
  global void setTransactionKey(String value) { transactionKey = value; }
  global Boolean transactionEnd;
  global Boolean isTransactionEnd() { return transactionEnd; }
}`,
  // Apex Reference Guide "TriggerContext Class" (EventBus namespace): retries and lastError are read-only;
  // currentContext() is the running platform event trigger's context, set by stdlib/events.ts for each trigger run
  // (null outside one here: what the platform returns there is unverified). setResumeCheckpoint throws
  // EventBus.InvalidReplayIdException for a replay ID that is not in the current batch (Platform Events Developer
  // Guide, "Resume a Platform Event Trigger After an Uncaught Exception"; the message is unverified); the bus reads
  // resumeCheckpoint after the run.
  'EventBus.TriggerContext': `global class TriggerContext {
  global Integer retries { get; private set; }
  global String lastError { get; private set; }
  private String resumeCheckpoint;
  private List<String> batchReplayIds = new List<String>();
  private static TriggerContext current;
  global static TriggerContext currentContext() { return current; }
  global String getResumeCheckpoint() { return resumeCheckpoint; }
  global void setResumeCheckpoint(String resumeReplayId) {
    if (!batchReplayIds.contains(resumeReplayId)) {
      throw new EventBus.InvalidReplayIdException('Invalid replay ID: ' + resumeReplayId);
    }
    resumeCheckpoint = resumeReplayId;
  }
}`,
  // EventBus.SuccessResult / FailureResult: what onSuccess/onFailure receive (Apex Reference Guide
  // "EventPublishSuccessCallback Interface", "EventPublishFailureCallback Interface"); getEventUuids() lists the
  // EventUuid values of the events of one EventBus.publish call (Platform Events Developer Guide, "Apex Publish
  // Callback Class").
  'EventBus.SuccessResult': `global class SuccessResult {
  private List<String> eventUuids = new List<String>();
  global List<String> getEventUuids() { return eventUuids; }
}`,
  'EventBus.FailureResult': `global class FailureResult {
  private List<String> eventUuids = new List<String>();
  global List<String> getEventUuids() { return eventUuids; }
}`
};

export interface SystemClassUnit {
  unit: CompilationUnit;
  /** 'System', or the namespace of a qualified name such as 'Database.DMLOptions'. */
  namespace: string;
}

let parsed: SystemClassUnit[] | undefined;

/** The parsed system classes (parsed once per process; the AST is never mutated). */
export function systemClassUnits(): SystemClassUnit[] {
  if (!parsed) {
    parsed = Object.entries(SOURCES).map(([name, source]) => {
      const { unit, problems } = parseApexClass(source, `<system>/${name}.cls`);
      if (!unit) {
        throw new LoadError(problems);
      }
      return { unit, namespace: name.includes('.') ? (name.split('.')[0] ?? 'System') : 'System' };
    });
  }
  return parsed;
}
