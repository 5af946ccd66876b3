import { DATE_UNKNOWN } from '../../domain/work-dates.ts';

/** Numbers and dates as AO3 shows them: 12,345 words, 2026-11-22. */
export const formatNumber = (value: number): string => value.toLocaleString('en-US');
export const formatDate = (iso: string): string => iso.slice(0, 10);

/** A work's date as readers see it: `Date unknown` when its file stated none (the stored day is the import's). */
export const workDate = (work: { dateUnknown: boolean }, iso: string): string =>
  work.dateUnknown ? DATE_UNKNOWN : formatDate(iso);
export const chapterCount = (count: number, planned: number | null): string =>
  `${count}/${planned === null ? '?' : planned}`;

const LANGUAGE_NAMES = new Intl.DisplayNames(['en'], { type: 'language' });

/** A stored language code as readers read it, in English as AO3 lists languages: `en` -> `English`. */
export function languageName(code: string): string {
  if (code === 'und' || code.trim() === '') return 'Unknown';
  try {
    return LANGUAGE_NAMES.of(code) ?? code;
  } catch {
    // A code Intl cannot read is shown as stored rather than failing the page.
    return code;
  }
}
