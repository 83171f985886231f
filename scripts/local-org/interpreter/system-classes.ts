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
}`
};

let parsed: CompilationUnit[] | undefined;

/** The parsed system classes (parsed once per process; the AST is never mutated). */
export function systemClassUnits(): CompilationUnit[] {
  if (!parsed) {
    parsed = Object.entries(SOURCES).map(([name, source]) => {
      const { unit, problems } = parseApexClass(source, `<system>/${name}.cls`);
      if (!unit) {
        throw new LoadError(problems);
      }
      return unit;
    });
  }
  return parsed;
}
