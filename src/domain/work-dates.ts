/** What every page, feed and download says for a work whose file stated no date (its stored dates are the import day's). */
export const DATE_UNKNOWN = 'Date unknown';
