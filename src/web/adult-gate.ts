/** AO3 asks before showing these ratings; the answer lasts for the visit (a session cookie). */
export const GATED_RATINGS: ReadonlySet<string> = new Set(['Mature', 'Explicit', 'Not Rated']);
/** The cookie that remembers a visitor's Proceed for the visit. */
export const ADULT_COOKIE = 'view_adult';
