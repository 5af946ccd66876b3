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

/** A path on this site, or null: refuses absolute and protocol-relative addresses (no open redirects). */
export function localPath(value: string | undefined): string | null {
  if (!value?.startsWith('/') || value.startsWith('//') || value.includes('\\')) return null;
  return value;
}
