/**
 * The shapes a story takes on its way in: a format reader turns bytes into a `RawStory`,
 * and the structuring step (`structure.ts`) turns a `RawStory` into a validated `WorkDraft`.
 */

import type { ArchiveWarning, Category, Rating } from '../domain/required-tags.ts';

/**
 * One block of story text. `html` is inline HTML that has already been through the sanitizer
 * (emphasis, line breaks, sub/superscript); `text` is the same content as plain text.
 */
export type Block =
  | { type: 'paragraph'; text: string; html: string }
  | { type: 'heading'; text: string }
  | { type: 'break' };

/** A labelled value as the file states it (`Rating: NC-17`, an AO3 preface `Fandom:` list, an OPF `dc:subject`). */
export interface SourceField {
  /** The label as written, e.g. `Pairing`, `Archive Warning`, `dc:subject`. */
  label: string;
  /** The value as written. For lists given item by item (AO3 tags, OPF subjects) use `values`. */
  value: string;
  values?: string[];
  /** Where the field was found, for evidence: `header line 3`, `AO3 preface`, `content.opf`. */
  origin: string;
  /** A value the file's software may have filled in by itself (Word's created date): any field the story states outranks it. */
  weak?: true;
}

export interface RawChapter {
  title: string | null;
  blocks: Block[];
  /** Notes the format itself marks as notes (AO3 chapter notes, eFiction `Author's Notes:`). */
  notes?: string | null;
  endNotes?: string | null;
}

/** What a format reader returns: the file's own structure, before header and chapter conventions are applied. */
export interface RawStory {
  format: string;
  /** Metadata the format states in a structured way (AO3 preface, OPF, fanfiction.net info line, eFiction box). */
  fields: SourceField[];
  /** Title, creators and summary when the format states them unambiguously (OPF, AO3 preface). */
  title?: string | null;
  creators?: string[];
  summary?: string | null;
  notes?: string | null;
  endNotes?: string | null;
  /**
   * The body. When `chaptersGiven` is true the format delimited the chapters itself (EPUB spine, AO3 download);
   * otherwise `chapters` holds one entry whose blocks still carry header lines and chapter headings as text.
   */
  chapters: RawChapter[];
  chaptersGiven: boolean;
  /** A saved page of one chapter of a longer work: which chapter, of how many (null when unknown). */
  partOf?: { chapter: number; of: number | null };
  /** The page links to a next chapter (`Next Chapter`, fanfiction.net's `Next >`): more of the work follows. */
  nextChapterLink?: boolean;
  /** Things the reader noticed and worked around, for the person importing. */
  notices: string[];
}

export type Evidence =
  | { source: 'header'; label: string; value: string; origin: string }
  | { source: 'text'; chapter: number; start: number; end: number; quote: string; cue: string }
  | { source: 'rule'; reason: string };

export interface DraftChapter {
  title: string | null;
  notes: string | null;
  endNotes: string | null;
  blocks: Block[];
  words: number;
}

export interface RatingInfo {
  value: Rating;
  /** The string the file used, kept beside the mapped value. */
  original: string | null;
  /** Set when the original maps to more than one AO3 rating: the analysis step decides between them. */
  candidates?: Rating[];
}

/** A normalized work, ready to analyse, store and show. Readers and the structurer never produce half of one. */
export interface WorkDraft {
  title: string | null;
  creators: string[];
  fandoms: string[];
  rating: RatingInfo;
  warnings: ArchiveWarning[];
  categories: Category[];
  relationships: string[];
  characters: string[];
  freeforms: string[];
  summary: string | null;
  notes: string | null;
  endNotes: string | null;
  disclaimer: string | null;
  language: string;
  complete: boolean;
  /** Why `complete` has its value: an end marker, a continuation trailer, a `Status:` line... */
  completeReason: string;
  words: number;
  published: string | null;
  updated: string | null;
  series: { title: string; index: number | null }[];
  sourceUrl: string | null;
  partOf: { chapter: number; of: number | null } | null;
  chapters: DraftChapter[];
  /** Every header field as written, for import records and the tag mapping table. */
  fields: SourceField[];
  /** Field or tag name -> where its value came from. */
  evidence: Record<string, Evidence[]>;
  notices: string[];
}
