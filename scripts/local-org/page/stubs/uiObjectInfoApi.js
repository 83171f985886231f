/**
 * `lightning/uiObjectInfoApi` for the local page: wire adapters (LWC wire adapter protocol: a class with
 * connect/update/disconnect calling dataCallback({ data, error })) answered by the local org's UI API subset:
 *   GET /local/ui-api/object-info/{objectApiName}?lang=ja|en_US
 *   GET /local/ui-api/picklist-values/{objectApiName}/{recordTypeId}/{fieldApiName}?lang=ja|en_US
 * `lang` is the page's language (as for /local/labels), so object, field and picklist value labels come back
 * translated the way Lightning answers a user of that language.
 * Like Lightning Data Service, an adapter does nothing until its configuration is complete (e.g. while a '$' param
 * is still undefined).
 */
import { request } from './http.js';
import { currentLanguage } from './labels.js';
import { wireAdapter } from './wire.js';

function objectName(value) {
  return typeof value === 'string' ? value : value?.objectApiName;
}

/** { objectApiName, fieldApiName } or 'Object.Field' → [object, field]. */
function fieldParts(value) {
  if (typeof value === 'string') {
    const dot = value.indexOf('.');
    return dot > 0 ? [value.slice(0, dot), value.slice(dot + 1)] : [undefined, undefined];
  }
  return [value?.objectApiName, value?.fieldApiName];
}

const segment = (value) => encodeURIComponent(value);

/** The page's language as the query string of a UI API request. */
const languageQuery = () => `?lang=${encodeURIComponent(currentLanguage())}`;

function fetchObjectInfo(name) {
  return request(`/local/ui-api/object-info/${segment(name)}${languageQuery()}`);
}

/** @wire(getObjectInfo, { objectApiName }) */
export const getObjectInfo = wireAdapter((config) => {
  const name = objectName(config.objectApiName);
  return name ? fetchObjectInfo(name) : undefined;
});

/** @wire(getObjectInfos, { objectApiNames }) → { results: [{ statusCode, result }] }, one entry per object. */
export const getObjectInfos = wireAdapter((config) => {
  const names = (config.objectApiNames ?? []).map(objectName);
  if (names.length === 0 || names.some((name) => !name)) {
    return undefined;
  }
  return Promise.all(
    names.map((name) =>
      fetchObjectInfo(name).then(
        (result) => ({ statusCode: 200, result }),
        (error) => ({ statusCode: error?.status || 500, result: error?.body ?? error })
      )
    )
  ).then((results) => ({ results }));
});

/** @wire(getPicklistValues, { recordTypeId, fieldApiName }) → { values: [{ value, label }], defaultValue }. */
export const getPicklistValues = wireAdapter((config) => {
  const [object, field] = fieldParts(config.fieldApiName);
  if (!config.recordTypeId || !object || !field) {
    return undefined;
  }
  return request(
    `/local/ui-api/picklist-values/${segment(object)}/${segment(config.recordTypeId)}/${segment(field)}${languageQuery()}`
  );
});
