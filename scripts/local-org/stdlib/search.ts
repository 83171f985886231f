/**
 * Search (dynamic SOSL) and Test.setFixedSearchResults (Apex Reference Guide "Search Class", "Test Class"; Apex
 * Developer Guide "Dynamic SOSL", "Adding SOSL Queries to Unit Tests").
 *
 * `Search.query(String)` / `Search.query(String, AccessLevel)` return List<List<SObject>> like inline SOSL. Bind
 * variables in dynamic SOSL are not documented: a RuntimeGap. `Search.find`, `Search.suggest` and the other methods
 * fail with "exists on the platform but is not implemented" (stdlib/args.ts).
 */
import type { Pos } from '../ast/nodes.ts';
import { parseSosl, SoslSyntaxError, SoslUnsupportedError, type ParsedSosl } from '../ast/sosl-parse.ts';
import { runSosl } from '../data/sosl.ts';
import { RuntimeGap } from '../values/errors.ts';
import type { Interpreter } from '../interpreter/interpreter.ts';
import { ApexEnumValue, ApexList, type Value } from '../values/values.ts';
import { normalizeId } from '../schema/ids.ts';
import { NO_METHOD, str, type Native } from './args.ts';

/** Parses dynamic SOSL: malformed → System.SearchException, a clause the runtime lacks → RuntimeGap. */
function parseDynamic(
  it: Interpreter,
  text: string,
  pos: Pos,
  mode: 'USER_MODE' | 'SYSTEM_MODE' | undefined
): ParsedSosl {
  try {
    return parseSosl(text, mode ? { mode } : {});
  } catch (e) {
    if (e instanceof SoslUnsupportedError) {
      throw new RuntimeGap(`SOSL ${e.message} is not supported by the local org runtime`, pos);
    }
    if (e instanceof SoslSyntaxError) {
      // The exception type is the platform's (dynamic SOSL errors are SearchExceptions); the wording is ours.
      return it.raise('SearchException', `invalid SOSL: ${e.message}`, pos);
    }
    throw e;
  }
}

export const SEARCH_STATICS: Record<string, Native> = {
  query: (it, _s, a, pos) => {
    if (a.length < 1 || a.length > 2) {
      return NO_METHOD;
    }
    const level = a[1];
    if (a.length === 2 && !(level instanceof ApexEnumValue && level.enumType.name.toLowerCase() === 'accesslevel')) {
      return NO_METHOD;
    }
    const mode =
      level instanceof ApexEnumValue ? (level.name === 'USER_MODE' ? 'USER_MODE' : 'SYSTEM_MODE') : undefined;
    const sosl = parseDynamic(it, str(it, a[0], pos), pos, mode);
    return runSosl(it, sosl, {
      pos,
      binds: (name) => {
        throw new RuntimeGap(`bind variable :${name} in dynamic SOSL (Search.query): not documented`, pos);
      }
    });
  }
};

/**
 * `Test.setFixedSearchResults(List<Id>)`: "All SOSL queries that take place later in the test method return the list
 * of record IDs that were specified"; calling it again replaces the list; "if you call this method without specifying
 * a list of record IDs, any SOSL queries that take place later in the test method return an empty list of results".
 */
export const SET_FIXED_SEARCH_RESULTS: Native = (it, _s, a, pos) => {
  const list = a[0];
  if (a.length !== 1 || !(list instanceof ApexList || list === null)) {
    return NO_METHOD;
  }
  if (!it.ctx.isTest) {
    throw new RuntimeGap('Test.setFixedSearchResults outside a test method (platform behaviour not documented)', pos);
  }
  const ids: string[] = [];
  for (const item of list?.items ?? []) {
    const id = idOf(item);
    if (id === undefined) {
      throw new RuntimeGap(`Test.setFixedSearchResults: ${it.str(item)} is not a record id`, pos);
    }
    ids.push(id);
  }
  it.ctx.fixedSearchResults = ids;
  return null;
};

function idOf(v: Value): string | undefined {
  return typeof v === 'string' ? normalizeId(v) : undefined;
}
