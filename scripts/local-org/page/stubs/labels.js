/**
 * Custom labels (`@salesforce/label/c.<Name>`) for the local page. The label modules are evaluated only after
 * loadLabels() fetched GET /local/labels?lang=… (src/main.js imports the app once the labels are in), because
 * components read labels at module evaluation (e.g. c/miitelSettingsLabels freezes them into LABELS).
 */
export const LANGUAGES = Object.freeze(['ja', 'en_US']);
export const DEFAULT_LANGUAGE = 'ja';

let table = {};
let language = DEFAULT_LANGUAGE;

/**
 * The language asked for by the page URL (?lang=ja|en_US), else ja.
 * @param {string} search location.search
 * @returns {string} a member of LANGUAGES
 */
export function requestedLanguage(search) {
  const asked = new URLSearchParams(search).get('lang');
  return LANGUAGES.includes(asked) ? asked : DEFAULT_LANGUAGE;
}

/**
 * Fetches every custom label in one language.
 * @param {string} lang ja or en_US
 * @returns {Promise<void>} resolves once label() answers in that language
 */
export async function loadLabels(lang) {
  const response = await fetch(`/local/labels?lang=${encodeURIComponent(lang)}`, {
    headers: { Accept: 'application/json' }
  });
  if (!response.ok) {
    throw new Error(`GET /local/labels?lang=${lang} answered ${response.status}`);
  }
  const body = await response.json();
  table = body && typeof body === 'object' ? body : {};
  language = lang;
}

/**
 * A label's text; an unknown label reads as its name so that a missing one is visible on the page.
 * @param {string} name label name without the c. prefix
 * @returns {string} the text
 */
export function label(name) {
  return Object.prototype.hasOwnProperty.call(table, name) ? String(table[name]) : name;
}

/** The language the labels were loaded in. */
export function currentLanguage() {
  return language;
}
