/** What every page, feed and download says for a work whose file stated no date (its stored dates are the import day's). */
export const DATE_UNKNOWN = 'Date unknown';

/** The date part of a stored timestamp: `2026-01-01T00:00:00Z` -> `2026-01-01`. */
const dayOf = (timestamp: string): string => timestamp.slice(0, 10);

/**
 * A work's dates as pages and downloads state them: `Date unknown` where its file stated none (which a
 * download's reader reads back as no date); the update date is known again once a new chapter dates it, the
 * publishing date never.
 */
export const publishedDay = (work: { dateUnknown: boolean; publishedAt: string }): string =>
  work.dateUnknown ? DATE_UNKNOWN : dayOf(work.publishedAt);
export const updatedDay = (work: { updatedUnknown: boolean; updatedAt: string }): string =>
  work.updatedUnknown ? DATE_UNKNOWN : dayOf(work.updatedAt);
