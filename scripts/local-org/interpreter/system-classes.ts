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
  // ADG "Setting DML Options", ARG "DMLOptions Class": the three headers exist on a new DMLOptions (the documented
  // examples set dmo.assignmentRuleHeader.useDefaultRule without creating the header); the properties start null
  // (unverified). What the options do is stdlib/dml-options.ts.
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
