/**
 * An old archive as the rescue reads it, whatever it was (eFiction, the Automated Archive, a CSV): authors,
 * stories with their original tag strings, series, reviews and the addresses the old site gave them. The
 * readers make it; the rescue service maps it through the mapping sheet and stores it.
 */

export type RescueSourceKind = 'efiction' | 'automated-archive' | 'csv';

export interface RescueAuthor {
  oldId: string;
  name: string;
  email: string | null;
}

/** An original tag string and what it was in the old archive: `category`, `character`, `class:Genres`... */
export interface RescueTagRef {
  source: string;
  original: string;
}

export interface RescueChapter {
  /** The old chapter id, for the report. */
  oldId: string;
  /** Its position in the old archive (eFiction's `inorder`), which old links name. */
  oldPosition: number;
  title: string | null;
  notes: string | null;
  endNotes: string | null;
  /** The text as the old archive kept it: HTML, or plain text with line breaks. */
  body: string;
}

export interface RescueReview {
  oldId: string;
  name: string;
  date: string | null;
  body: string;
  /** The old chapter position it was left on; null for the story as a whole. */
  chapterPosition: number | null;
}

export interface RescueStory {
  oldId: string;
  title: string;
  summary: string | null;
  notes: string | null;
  endNotes: string | null;
  authorIds: string[];
  /** The rating as the old archive wrote it (its rating table's string). */
  rating: string | null;
  tags: RescueTagRef[];
  complete: boolean;
  published: string | null;
  updated: string | null;
  series: { oldId: string; position: number | null }[];
  reviews: RescueReview[];
  /** The old addresses of the story (eFiction's are made from ids; the Automated Archive's are file paths). */
  oldPaths: string[];
  /** What was odd about the record (unknown ids, impossible dates): reported, never fatal. */
  notesForReport: string[];
}

export interface RescueSeries {
  oldId: string;
  title: string;
  summary: string | null;
  authorIds: string[];
}

/** A category (or other browsing page) the old site had an address for. */
export interface RescueBrowseLink {
  oldPath: string;
  tag: RescueTagRef;
}

/** A chapter that could not be read, or a record that is not a story. */
export interface RescueSkip {
  kind: 'story' | 'chapter' | 'author' | 'series' | 'review' | 'favourite' | 'row';
  oldId: string;
  reason: string;
}

export interface RescueArchive {
  kind: RescueSourceKind;
  authors: Map<string, RescueAuthor>;
  series: RescueSeries[];
  stories: RescueStory[];
  browseLinks: RescueBrowseLink[];
  /** The chapters of a story, read when the story is stored (chapter text is the bulk of an archive). */
  readChapters(story: RescueStory): Promise<{ chapters: RescueChapter[]; skipped: RescueSkip[] }>;
  skipped: RescueSkip[];
  /** Releases what reading held (a spool file of chapter text). */
  close(): Promise<void>;
}

/** eFiction's and phpMyAdmin's "no date": `0000-00-00`, empty or unparseable become null. */
export function legacyDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const text = value.trim();
  if (/^\d+$/.test(text) && text.length >= 9) {
    // A Unix timestamp (some eFiction versions and mods keep dates so).
    const date = new Date(Number(text) * 1000);
    return Number.isNaN(date.getTime()) ? null : date.toISOString().slice(0, 10);
  }
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (iso) {
    const [, year, month, day] = iso;
    if (year === '0000' || month === '00' || day === '00') return null;
    const date = new Date(`${year}-${month}-${day}T00:00:00Z`);
    return Number.isNaN(date.getTime()) ? null : `${year}-${month}-${day}`;
  }
  // The Automated Archive's `MM/DD/YY` (and `MM/DD/YYYY`).
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/.exec(text);
  if (us) {
    const [, month, day, yearText] = us as unknown as [string, string, string, string];
    const year =
      yearText.length === 2 ? (Number(yearText) > 70 ? 1900 : 2000) + Number(yearText) : Number(yearText);
    const date = new Date(Date.UTC(year, Number(month) - 1, Number(day)));
    if (Number.isNaN(date.getTime()) || date.getUTCDate() !== Number(day)) return null;
    return date.toISOString().slice(0, 10);
  }
  return null;
}

/** Ids listed in a text column (`1,5, 12`, `|3|7|`): the distinct positive ones, in order. */
export function idList(value: string | null | undefined): string[] {
  if (!value) return [];
  const ids: string[] = [];
  for (const part of value.split(/[\s,;|]+/)) {
    if (/^\d+$/.test(part) && Number(part) > 0 && !ids.includes(String(Number(part))))
      ids.push(String(Number(part)));
  }
  return ids;
}
