/**
 * Every address the site links to, built in one place. Tag names go into paths as AO3 writes them, with
 * the characters a path cannot hold spelled out (`Buffy Summers*s*Spike`), so a reader's AO3 habits carry over.
 */

const TAG_ESCAPES: [string, string][] = [
  ['*', '*star*'],
  ['/', '*s*'],
  ['&', '*a*'],
  ['.', '*d*'],
  ['?', '*q*'],
  ['#', '*h*'],
];

export function encodeTagName(name: string): string {
  let escaped = name;
  for (const [from, to] of TAG_ESCAPES) escaped = escaped.split(from).join(to);
  return encodeURIComponent(escaped);
}

/** The inverse of `encodeTagName`, applied to a path segment Fastify has already percent-decoded. */
export function decodeTagName(segment: string): string {
  let name = segment;
  for (const [from, to] of [...TAG_ESCAPES].reverse()) name = name.split(to).join(from);
  return name;
}

export const tagPath = (name: string): string => `/tags/${encodeTagName(name)}/works`;
export const tagFeedPath = (name: string): string => `/tags/${encodeTagName(name)}/feed.atom`;
export const creatorPath = (name: string): string => `/creators/${encodeURIComponent(name)}`;
export const creatorFeedPath = (name: string): string => `/creators/${encodeURIComponent(name)}/feed.atom`;
export const workPath = (id: number): string => `/works/${id}`;
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
