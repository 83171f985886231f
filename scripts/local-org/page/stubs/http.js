import { currentLanguage } from './labels.js';

/**
 * The one fetch helper of the page's stubs. Failures reject with the shape Lightning hands to components for a failed
 * server call ({ status, statusText, body: { message } }), so c/miitelErrors can read them.
 */

function failure(status, statusText, message) {
  return { status, statusText, body: { message } };
}

async function readBody(response) {
  const text = await response.text();
  if (text === '') {
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Sends a request to the local org and resolves with its JSON body.
 * @param {string} url a path on the local org, e.g. /local/tasks
 * @param {{ method?: string, json?: unknown }} [options] method and JSON body
 * @returns {Promise<unknown>} the parsed body of a 2xx answer
 */
export async function request(url, options = {}) {
  // The page's language (?lang=ja|en_US) travels as Accept-Language, so the server can translate labels of UI API
  // answers (picklist values, field labels) the way Lightning does for the running user.
  const init = {
    method: options.method ?? 'GET',
    headers: { Accept: 'application/json', 'Accept-Language': currentLanguage() === 'ja' ? 'ja' : 'en-US' }
  };
  if (options.json !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.json);
  }
  let response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    throw failure(0, 'Network error', `${init.method} ${url} failed: ${error?.message ?? error}`);
  }
  const body = await readBody(response);
  if (response.ok) {
    return body;
  }
  if (body && typeof body === 'object' && body.error && typeof body.error === 'object') {
    // The local org's Aura-style error: { error: { body: { message }, status } }
    throw { status: response.status, statusText: response.statusText, ...body.error };
  }
  if (body && typeof body === 'object' && body.body) {
    throw { status: response.status, statusText: response.statusText, ...body };
  }
  const message = typeof body === 'string' && body !== '' ? body : `${init.method} ${url}: ${response.status}`;
  throw failure(response.status, response.statusText, message);
}
