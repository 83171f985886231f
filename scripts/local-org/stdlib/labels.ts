/**
 * `System.Label.X` / `Label.X` (Apex Developer Guide, "Custom Labels"): the label's text in the running user's
 * language (User.LanguageLocaleKey, which System.runAs switches), falling back to the label's own value.
 */
import type { Pos } from '../ast/nodes.ts';
import type { Store } from '../data/store.ts';
import { RuntimeGap } from '../values/errors.ts';
import type { Interpreter } from '../interpreter/interpreter.ts';

/** The running user's LanguageLocaleKey, or null without a running user record. */
export function userLanguage(it: Interpreter): string | null {
  if (it.ctx.sessionLanguage) {
    return it.ctx.sessionLanguage;
  }
  const store = it.ctx.store as Store | undefined;
  const id = it.ctx.runningUserId;
  if (!id || !store) {
    return null;
  }
  // The same user in the same User table version has the same row (rows are replaced, never changed, on write).
  const users = store.tables.get('user');
  if (users !== undefined && users === lastLanguage.users && id === lastLanguage.id) {
    return lastLanguage.language;
  }
  const lang = store.get(id)?.get('languagelocalekey');
  const language = typeof lang === 'string' ? lang : null;
  if (users !== undefined && users.get(id) !== undefined) {
    lastLanguage = { users, id, language };
  }
  return language;
}

/** The last user language read, with the User table version it was read from. */
let lastLanguage: { users?: unknown; id?: string; language: string | null } = { language: null };

export function labelValue(it: Interpreter, name: string, pos: Pos): string {
  const value = it.registry.labels.value(name, userLanguage(it));
  if (value === undefined) {
    // The loader rejects unknown labels it can see; this covers references it could not tell apart from a variable.
    throw new RuntimeGap(
      `Invalid external string name: ${name} (no custom label ${name} in the project's labels)`,
      pos
    );
  }
  return value;
}
