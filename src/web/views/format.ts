/** Numbers and dates as AO3 shows them: 12,345 words, 2026-11-22. */
export const formatNumber = (value: number): string => value.toLocaleString('en-US');
export const formatDate = (iso: string): string => iso.slice(0, 10);
export const chapterCount = (count: number, planned: number | null): string =>
  `${count}/${planned === null ? '?' : planned}`;

const LANGUAGE_NAMES = new Intl.DisplayNames(['en'], { type: 'language' });
/**
 * Names already asked for: ICU takes microseconds per name, and a listing asks for every blurb's and every
 * language of its form, 6% of rendering a listing. Codes are few (bounded, so odd ones cannot grow it).
 */
const knownNames = new Map<string, string>();
const MOST_NAMES_KEPT = 1000;

/** A stored language code as readers read it, in English as AO3 lists languages: `en` -> `English`. */
export function languageName(code: string): string {
  const known = knownNames.get(code);
  if (known !== undefined) return known;
  const name = nameOf(code);
  if (knownNames.size < MOST_NAMES_KEPT) knownNames.set(code, name);
  return name;
}

function nameOf(code: string): string {
  if (code === 'und' || code.trim() === '') return 'Unknown';
  try {
    return LANGUAGE_NAMES.of(code) ?? code;
  } catch {
    // A code Intl cannot read is shown as stored rather than failing the page.
    return code;
  }
}
