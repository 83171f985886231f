/**
 * `@salesforce/apex/<Class>.<method>` for the local org: each import is a function that runs the @AuraEnabled method
 * through POST /local/aura/apex and resolves with its returnValue, or rejects with the error object
 * ({ body: { message }, status }) as Lightning does. The build generates one tiny module per import that calls
 * apexMethod(); `.adapter` makes the same function usable with @wire for cacheable methods.
 */
import { request } from './http.js';
import { wireAdapter } from './wire.js';

const APEX_ENDPOINT = '/local/aura/apex';

/**
 * Runs an @AuraEnabled method on the local org.
 * @param {string} classname Apex class, with its namespace if any (ns.Class)
 * @param {string} method method name
 * @param {object} [params] the method's parameters by name
 * @returns {Promise<unknown>} the method's return value
 */
export async function callApex(classname, method, params) {
  const answer = await request(APEX_ENDPOINT, {
    method: 'POST',
    json: { classname, method, params: params ?? {} }
  });
  return answer && typeof answer === 'object' ? answer.returnValue : undefined;
}

/**
 * The default export of `@salesforce/apex/<classname>.<method>`.
 * @param {string} classname Apex class
 * @param {string} method method name
 * @returns {Function} (params) => Promise of the return value, with a wire adapter in `.adapter`
 */
export function apexMethod(classname, method) {
  const invoke = (params) => callApex(classname, method, params);

  // @wire(apexMethod, { …params }) — emits { data, error } for every new configuration.
  invoke.adapter = wireAdapter(invoke);
  return invoke;
}

/** `refreshApex` from `@salesforce/apex`: nothing is cached locally, so there is nothing to refresh. */
export function refreshApex() {
  return Promise.resolve();
}

/** `getSObjectValue` from `@salesforce/apex`. */
export function getSObjectValue(record, field) {
  const path = typeof field === 'string' ? field : field?.fieldApiName;
  return String(path ?? '')
    .split('.')
    .reduce((value, name) => (value === undefined || value === null ? undefined : value[name]), record);
}
