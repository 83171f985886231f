/**
 * Entry of the local page. Synthetic shadow first (SLDS styles reach into components, as in Lightning Experience),
 * then the custom labels in the requested language, and only then the app: label modules read their text when
 * they are evaluated.
 */
import '@lwc/synthetic-shadow';
import { loadLabels, requestedLanguage } from '../stubs/labels.js';

function showFatal(root, error) {
  const box = document.createElement('div');
  box.className = 'slds-notify slds-notify_alert slds-alert_error';
  box.setAttribute('role', 'alert');
  box.textContent = `The page could not start: ${error?.message ?? error}`;
  root.replaceChildren(box);
}

const root = document.getElementById('root');
const language = requestedLanguage(window.location.search);
document.documentElement.lang = language === 'ja' ? 'ja' : 'en';
loadLabels(language)
  .then(() => import('./app.js'))
  .then(({ mount }) => mount(root))
  .catch((error) => {
    console.error(error);
    showFatal(root, error);
  });
