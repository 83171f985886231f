/**
 * `@salesforce/i18n/timeZone` for the local page: the local admin's time zone (the demo org is in Japan), whatever
 * the browser's zone, so that dates and times read the same on every machine.
 */
export default 'Asia/Tokyo';
