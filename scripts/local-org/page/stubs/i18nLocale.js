/**
 * `@salesforce/i18n/locale` for the local page: the page language's locale (ja → ja-JP, en_US → en-US), so that
 * base components such as lightning-formatted-date-time format as they would for a user of that locale.
 */
import { requestedLanguage } from './labels.js';

export default requestedLanguage(window.location.search) === 'ja' ? 'ja-JP' : 'en-US';
