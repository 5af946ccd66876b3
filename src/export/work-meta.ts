/** What every download format says about a work, worked out once: tag rows by kind, stats, dates, addresses. */

import type { TagKind } from '../domain/tag-kinds.ts';
import { type TagView, UNTITLED, type WorkView } from '../repositories/work-view.ts';

export interface ExportOptions {
  /** The archive's name, for "Posted on ..." lines. */
  siteName: string;
  /** The archive's public address, without a trailing slash: `https://quire.example`. */
  siteUrl: string;
  generatedAt: Date;
  /**
   * The address of a tag's page. The web layer passes its own (`siteUrl + tagPath(name)`); without it a tag
   * links to a search for it in the shared query language (`/search?tags=`, see `parseWorkQuery`).
   */
  tagUrl?: (tag: TagView) => string;
}

/** AO3's preface labels, in its order. Readers (Quire's own included) map these labels back to tag kinds. */
export const TAG_LABELS: readonly { kind: TagKind; label: string }[] = [
  { kind: 'rating', label: 'Rating' },
  { kind: 'warning', label: 'Archive Warning' },
  { kind: 'category', label: 'Category' },
  { kind: 'fandom', label: 'Fandom' },
  { kind: 'relationship', label: 'Relationship' },
  { kind: 'character', label: 'Character' },
  { kind: 'freeform', label: 'Additional Tags' },
];

export interface TagRow {
  kind: TagKind;
  label: string;
  tags: TagView[];
}

/**
 * The work's tags grouped by kind, AO3's order, empty kinds left out. Inferred tags are included after the
 * author's: a download shows what the archive shows. The rich formats mark them; plain text cannot.
 */
export function tagRows(work: WorkView): TagRow[] {
  return TAG_LABELS.map(({ kind, label }) => ({
    kind,
    label,
    tags: [
      ...work.tags.filter((tag) => tag.kind === kind && tag.source === 'author'),
      ...work.tags.filter((tag) => tag.kind === kind && tag.source === 'inferred'),
    ],
  })).filter((row) => row.tags.length > 0);
}

export function workUrl(work: WorkView, options: ExportOptions): string {
  return `${siteBase(options)}/works/${work.id}`;
}

export function tagUrl(tag: TagView, options: ExportOptions): string {
  if (options.tagUrl) return options.tagUrl(tag);
  return `${siteBase(options)}/search?${new URLSearchParams({ tags: tag.canonicalName })}`;
}

function siteBase(options: ExportOptions): string {
  return options.siteUrl.replace(/\/+$/, '');
}

/** `3/3`, `2/5`, or AO3's `2/?` while the creator has not said how many chapters there will be. */
export function chapterStat(work: WorkView): string {
  const planned = work.chaptersPlanned ?? (work.complete ? work.chapterCount : null);
  return `${work.chapterCount}/${planned ?? '?'}`;
}

/** The title to show: the archive shows an empty one as `Untitled`, and so does a download. */
export function workTitle(work: WorkView): string {
  return work.title.trim() || UNTITLED;
}

export function creatorNames(work: WorkView): string[] {
  return work.creators.map((creator) => creator.name);
}

/** `Part 2 of Series Title`, as AO3 writes it (and readers parse it back). */
export function seriesLines(work: WorkView): string[] {
  return work.series.map((entry) =>
    entry.position === null ? entry.title : `Part ${entry.position} of ${entry.title}`,
  );
}

/** The language as a BCP 47 tag a reading system accepts; `und` and anything malformed fall back to English. */
export function languageTag(work: WorkView): string {
  const code = work.language.trim();
  if (code === 'und' || !/^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/i.test(code)) return 'en';
  try {
    return Intl.getCanonicalLocales(code)[0] ?? 'en';
  } catch {
    return 'en';
  }
}

/** Languages written right to left, whose pages get `dir="rtl"`. */
export function isRightToLeft(lang: string): boolean {
  return /^(?:ar|he|fa|ur|yi|ps|sd|ug|dv|ckb)(?:-|$)/.test(lang);
}

// Made once: made on every call, ICU's display names were 2% of an EPUB's build.
const LANGUAGE_NAMES = new Intl.DisplayNames(['en'], { type: 'language' });

/** The language's English name (`English`, `Español` reads back as `es`), as AO3's preface writes it. */
export function languageName(work: WorkView): string {
  const tag = languageTag(work);
  try {
    return LANGUAGE_NAMES.of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** The date part of a stored timestamp: `2026-01-01T00:00:00Z` -> `2026-01-01`. */
export function isoDay(timestamp: string): string {
  return timestamp.slice(0, 10);
}

/**
 * Summaries and notes are stored as plain text, paragraphs separated by blank lines (the readers turn
 * every format's notes into that), so they are escaped, never inserted as HTML.
 */
export function paragraphsOf(text: string | null): string[] {
  if (!text) return [];
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean);
}

/** The heading a chapter gets: `Chapter 2: The Title`, or `Chapter 2` for an untitled one. */
export function chapterHeading(position: number, title: string | null): string {
  return title?.trim() ? `Chapter ${position}: ${title.trim()}` : `Chapter ${position}`;
}
