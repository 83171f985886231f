/**
 * Turns the error shapes Lightning hands to components into a list of readable, de-duplicated messages:
 * Apex and UI API fetch errors ({ body: { message } } or { body: [{ message }] }), DML errors
 * ({ body: { pageErrors, fieldErrors, output } }), JavaScript errors ({ message }), plain strings, and arrays of any of these.
 * @param {*} errors one error or an array of errors
 * @returns {string[]} messages in the order they were found
 */
export function reduceErrors(errors) {
  const list = Array.isArray(errors) ? errors : [errors];
  const messages = list.filter((error) => error !== undefined && error !== null).flatMap(messagesOf);
  return [...new Set(messages.filter((message) => typeof message === 'string' && message.trim() !== ''))];
}

function messagesOf(error) {
  if (typeof error === 'string') {
    return [error];
  }
  const body = error.body;
  if (Array.isArray(body)) {
    return body.map((item) => item.message);
  }
  if (body && typeof body === 'object') {
    return bodyMessages(body);
  }
  if (typeof error.message === 'string') {
    return [error.message];
  }
  return typeof error.statusText === 'string' ? [error.statusText] : [];
}

function bodyMessages(body) {
  const fromOutput = body.output ? bodyMessages(body.output) : [];
  const pageErrors = (body.pageErrors ?? body.errors ?? []).map((pageError) => pageError.message);
  const fieldErrors = Object.values(body.fieldErrors ?? {})
    .flat()
    .map((fieldError) => fieldError.message);
  const own = typeof body.message === 'string' ? [body.message] : [];
  return [...own, ...pageErrors, ...fieldErrors, ...fromOutput];
}
