/**
 * Every address the site links to, built in one place. Tag names go into paths as AO3 writes them, with
 * the characters a path cannot hold spelled out (`Buffy Summers*s*Spike`), so a reader's AO3 habits carry over.
 */

/** Each character a tag name cannot keep in a path, and its spelling: always `*word*`. */
const TAG_ESCAPES: Readonly<Record<string, string>> = {
  '*': 'star',
  '/': 's',
  '&': 'a',
  '.': 'd',
  '?': 'q',
  '#': 'h',
};
const ESCAPED_CHARACTER = /[*/&.?#]/g;
const ESCAPE = /\*(star|s|a|d|q|h)\*/g;
const UNESCAPED = Object.fromEntries(
  Object.entries(TAG_ESCAPES).map(([character, word]) => [word, character]),
);

export function encodeTagName(name: string): string {
  return encodeURIComponent(name.replace(ESCAPED_CHARACTER, (character) => `*${TAG_ESCAPES[character]}*`));
}

/**
 * The inverse of `encodeTagName`, applied to a path segment Fastify has already percent-decoded. One pass
 * from left to right: every `*` in an encoded name opens an escape (a `*` of the name is itself escaped), so
 * `*star*s*star*` is `*s*`, where replacing one escape after another would read the middle as a slash.
 */
export function decodeTagName(segment: string): string {
  return segment.replace(ESCAPE, (_escape, word: string) => UNESCAPED[word] ?? word);
}

export const tagPath = (name: string): string => `/tags/${encodeTagName(name)}/works`;
export const tagFeedPath = (name: string): string => `/tags/${encodeTagName(name)}/feed.atom`;
export const creatorPath = (name: string): string => `/creators/${encodeURIComponent(name)}`;
export const creatorFeedPath = (name: string): string => `/creators/${encodeURIComponent(name)}/feed.atom`;
export const workPath = (id: number): string => `/works/${id}`;
export const seriesPath = (id: number): string => `/series/${id}`;
export const workBookmarksPath = (id: number): string => `/works/${id}/bookmarks`;
/** A member's pages, at AO3's addresses. */
export const memberBookmarksPath = (name: string): string => `/users/${encodeURIComponent(name)}/bookmarks`;
export const readingsPath = (name: string): string => `/users/${encodeURIComponent(name)}/readings`;
/** The report form for a work, a comment or a member (by account id). */
export const reportPath = (kind: 'work' | 'comment' | 'member', id: number): string =>
  `/report?kind=${kind}&id=${id}`;
/** Mute, unmute, block and unblock a member (by account id). */
export const memberActionPath = (id: number, action: 'mute' | 'unmute' | 'block' | 'unblock'): string =>
  `/members/${id}/${action}`;
export const navigatePath = (id: number): string => `/works/${id}/navigate`;
export const chapterPath = (id: number, position: number): string => `/works/${id}/chapters/${position}`;
export const fullWorkPath = (id: number): string => `/works/${id}/full`;
export const downloadPath = (id: number, fileName: string): string =>
  `/downloads/${id}/${encodeURIComponent(fileName)}`;

/** A query string from a list of key/value pairs, keeping repeated keys. */
export function queryString(pairs: readonly (readonly [string, string])[]): string {
  const params = new URLSearchParams();
  for (const [key, value] of pairs) params.append(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The pairs of a parsed query string, in a stable order. */
export function queryPairs(query: Record<string, string | string[] | undefined>): [string, string][] {
  const pairs: [string, string][] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) if (item !== '') pairs.push([key, item]);
  }
  return pairs;
}

/** Where `localPath` resolves a value: any origin works, as long as it is one no value can name. */
const PROBE_ORIGIN = 'http://quire.invalid';
/** Control characters (browsers drop tabs and newlines anywhere in an address) and backslashes (read as `/`). */
function hasUnsafeCharacter(value: string): boolean {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code < 0x20 || code === 0x7f || code === 0x5c) return true;
  }
  return false;
}

/**
 * A path on this site, or null: no open redirects. A value is refused when a browser could read it as another
 * origin: absolute and protocol-relative addresses, and the forms that become one in a browser's URL parser
 * (`/<tab>/evil.example`, `/\\evil.example`, CR or LF, which would also break the Location header). What is
 * kept is the URL parser's own serialization of the path, query and fragment: printable ASCII only.
 */
export function localPath(value: string | undefined): string | null {
  if (!value?.startsWith('/') || hasUnsafeCharacter(value)) return null;
  let url: URL;
  try {
    url = new URL(value, PROBE_ORIGIN);
  } catch {
    return null;
  }
  if (url.origin !== PROBE_ORIGIN) return null;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // A path the parser turned into `//x` (from `/./x/..//x` and the like) would leave the site once sent.
  return path.startsWith('//') ? null : path;
}
