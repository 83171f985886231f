/** Mounts the shell (local/shell), which holds the real c-miitel-settings. */
import { createElement } from 'lwc';
import Shell from 'local/shell';

/**
 * @param {HTMLElement} root the element the app replaces the content of
 */
export function mount(root) {
  const shell = createElement('local-shell', { is: Shell });
  root.replaceChildren(shell);
}
