import type { ArchiveWarning, Category } from '../domain/required-tags.ts';
import { type FieldMeaning, meaningOfLabel } from './header/labels.ts';
import type { Evidence, RatingInfo, SourceField } from './story.ts';
import { squeezeSpaces } from './text.ts';
import {
  isAo3Rating,
  isPostCategory,
  isTagCategory,
  mapCategory,
  mapRating,
  splitWarnings,
} from './vocabulary.ts';

/** The metadata a story's fields state, mapped to AO3's vocabulary, with the evidence for each value. */
export interface StatedMetadata {
  title: string | null;
  creators: string[];
  fandoms: string[];
  rating: RatingInfo | null;
  warnings: ArchiveWarning[];
  categories: Category[];
  relationships: string[];
  characters: string[];
  freeforms: string[];
  summary: string | null;
  notes: string | null;
  endNotes: string | null;
  disclaimer: string | null;
  language: string | null;
  status: { complete: boolean; reason: string } | null;
  published: string | null;
  updated: string | null;
  series: { title: string; index: number | null }[];
  sourceUrl: string | null;
  /** Chapters posted and planned, from `Chapters: 3/5` or AO3 stats. */
  chapterCount: { posted: number; planned: number | null } | null;
  evidence: Record<string, Evidence[]>;
}

// Origins whose `Series` label means a series of works, not a fandom (Jekyll's and Hugo's `series` too).
const WORK_SERIES_ORIGINS =
  /AO3|eFiction|front matter|content\.opf|package document|title page|fanfiction\.net/i;

/** Split a list value: commas, semicolons, or ` and ` between items; slashes stay (they join pairings). */
export function splitList(value: string): string[] {
  return value
    .split(/\s*[,;]\s*|\s+\band\b\s+(?=[A-Z])|\s*\n\s*/)
    .map((item) => squeezeSpaces(item.replace(/^[-•*]\s*/, '').replace(/(?<!\b\p{Lu})\.$/u, '')))
    .filter(Boolean);
}

/** `None`, `N/A`, `-`: an info box saying a field is empty (eFiction prints `Series: None`). */
function isPlaceholder(value: string): boolean {
  return /^(?:none|n\/?a|nothing|-+|\?+)\.?$/i.test(value.trim());
}

/** `Angst/Romance` is two genres; `Hurt/Comfort` is one. */
function splitGenres(value: string): string[] {
  return value
    .replace(/hurt\s*\/\s*comfort/gi, (match) => match.replace('/', '\u0000'))
    .split(/\s*\/\s*/)
    .map((genre) => genre.replace('\u0000', '/').trim())
    .filter(Boolean);
}

function splitCreators(value: string): string[] {
  return value
    .split(/\s*(?:,|;|&|\band\b)\s*/i)
    .map((item) => squeezeSpaces(item.replace(/^by\s+/i, '').replace(/\s*\([^)]*@[^)]*\)\s*$/, '')))
    .filter(Boolean);
}

export function interpretFields(fields: SourceField[]): StatedMetadata {
  const stated: StatedMetadata = {
    title: null,
    creators: [],
    fandoms: [],
    rating: null,
    warnings: [],
    categories: [],
    relationships: [],
    characters: [],
    freeforms: [],
    summary: null,
    notes: null,
    endNotes: null,
    disclaimer: null,
    language: null,
    status: null,
    published: null,
    updated: null,
    series: [],
    sourceUrl: null,
    chapterCount: null,
    evidence: {},
  };
  const cite = (key: string, field: SourceField, value = field.value) => {
    const list = stated.evidence[key] ?? [];
    list.push({ source: 'header', label: field.label, value, origin: field.origin });
    stated.evidence[key] = list;
  };
  const addAll = (target: string[], items: string[], key: string, field: SourceField) => {
    for (const item of items) {
      if (isPlaceholder(item)) continue;
      if (!target.some((existing) => existing.toLowerCase() === item.toLowerCase())) {
        target.push(item);
        cite(`${key}:${item}`, field, item);
      }
    }
  };

  const stronger = [...fields.filter((field) => !field.weak), ...fields.filter((field) => field.weak)];
  for (const field of stronger) {
    const meaning: FieldMeaning | null =
      field.label === 'dc:subject' ? 'freeforms' : meaningOfLabel(field.label);
    if (!meaning) continue;
    const items = field.values ?? splitList(field.value);
    const value = squeezeSpaces(field.value);
    switch (meaning) {
      case 'title':
        if (!stated.title && value) {
          stated.title = value;
          cite('title', field);
        }
        break;
      case 'creators':
        addAll(stated.creators, field.values ?? splitCreators(field.value), 'creators', field);
        break;
      case 'fandoms':
        addAll(stated.fandoms, items, 'fandoms', field);
        break;
      case 'category':
        for (const item of items) {
          const category = mapCategory(item);
          if (isPostCategory(item)) continue;
          if (category) addAll(stated.categories, [category], 'categories', field);
          else if (isTagCategory(item)) addAll(stated.freeforms, [item], 'freeforms', field);
          // Archives that file stories by fandom call the fandom a category.
          else addAll(stated.fandoms, [item], 'fandoms', field);
        }
        break;
      case 'relationships':
        addAll(stated.relationships, items, 'relationships', field);
        break;
      case 'characters':
        addAll(stated.characters, items, 'characters', field);
        break;
      case 'rating':
        if (!stated.rating && value) {
          const mapped = isAo3Rating(value) ? { rating: value } : mapRating(value);
          if (mapped) {
            stated.rating = {
              value: mapped.rating,
              original: value,
              ...(mapped.candidates ? { candidates: mapped.candidates } : {}),
            };
            cite('rating', field);
          }
        }
        break;
      case 'warnings': {
        const { warnings, others } = splitWarnings(items);
        addAll(stated.warnings, warnings, 'warnings', field);
        addAll(stated.freeforms, others, 'freeforms', field);
        break;
      }
      case 'genres':
        addAll(stated.freeforms, field.values ?? items.flatMap(splitGenres), 'freeforms', field);
        break;
      case 'freeforms':
        addAll(stated.freeforms, items, 'freeforms', field);
        break;
      case 'timeline':
        addAll(stated.freeforms, items, 'freeforms', field);
        break;
      case 'summary':
        if (!stated.summary && value) {
          stated.summary = field.value.trim();
          cite('summary', field);
        }
        break;
      case 'notes':
        if (value) {
          stated.notes = stated.notes ? `${stated.notes}\n\n${field.value.trim()}` : field.value.trim();
          cite('notes', field);
        }
        break;
      case 'endNotes':
        if (value) {
          stated.endNotes = stated.endNotes
            ? `${stated.endNotes}\n\n${field.value.trim()}`
            : field.value.trim();
          cite('endNotes', field);
        }
        break;
      case 'disclaimer':
        if (value && !stated.disclaimer) {
          stated.disclaimer = value;
          cite('disclaimer', field);
        }
        break;
      case 'language':
        if (value && !stated.language) {
          stated.language = languageCode(value);
          if (stated.language) cite('language', field);
        }
        break;
      case 'status':
        readStatus(stated, field, value);
        break;
      case 'chapters':
        readChapterCount(stated, field, value);
        break;
      case 'stats':
        readStats(stated, field, value);
        break;
      case 'published':
        stated.published ??= parseDate(value);
        break;
      case 'updated':
        stated.updated ??= parseDate(value);
        break;
      case 'series':
        if (isPlaceholder(value)) break;
        if (WORK_SERIES_ORIGINS.test(field.origin) || /\b(?:part|book|#)\s*\d+/i.test(value)) {
          for (const item of field.values ?? [value]) {
            const series = parseSeries(item);
            if (series) {
              stated.series.push(series);
              cite('series', field, item);
            }
          }
        } else addAll(stated.fandoms, items, 'fandoms', field);
        break;
      case 'source':
        if (/^https?:\/\//i.test(value)) stated.sourceUrl ??= value;
        break;
      default:
        break;
    }
  }
  return stated;
}

function readStatus(stated: StatedMetadata, field: SourceField, value: string): void {
  if (stated.status) return;
  // `complete: true` and `complete: false`: front matter writes the status as a boolean.
  if (/^(?:complete[d]?|yes|finished|done|oneshot|one-shot)\b|^true$/i.test(value)) {
    stated.status = { complete: true, reason: `${field.label}: ${value} (${field.origin})` };
  } else if (
    /^(?:in[- ]progress|wip|no|incomplete|ongoing|unfinished|work in progress|updating)\b|^false$/i.test(
      value,
    )
  ) {
    stated.status = { complete: false, reason: `${field.label}: ${value} (${field.origin})` };
  }
}

function readChapterCount(stated: StatedMetadata, field: SourceField, value: string): void {
  const match = /^(\d+)\s*(?:\/\s*(\d+|\?))?/.exec(value.replace(/,/g, ''));
  if (!match) return;
  const posted = Number(match[1]);
  const planned = match[2] === undefined ? null : match[2] === '?' ? null : Number(match[2]);
  stated.chapterCount = { posted, planned };
  if (match[2] !== undefined && !stated.status) {
    const complete = planned !== null && posted >= planned;
    stated.status = { complete, reason: `Chapters: ${value} (${field.origin})` };
  }
}

/** AO3's stats line: `Published: 2012-03-04 Updated: 2012-05-06 Words: 1,234 Chapters: 3/5`. */
function readStats(stated: StatedMetadata, field: SourceField, value: string): void {
  const pick = (label: string) => new RegExp(`${label}:\\s*([^\\s]+)`, 'i').exec(value)?.[1] ?? null;
  const published = pick('Published');
  const updated = pick('(?:Updated|Completed)');
  if (published) stated.published ??= parseDate(published);
  if (updated) stated.updated ??= parseDate(updated);
  const chapters = pick('Chapters');
  if (chapters) readChapterCount(stated, { ...field, label: 'Stats' }, chapters);
}

function parseSeries(value: string): { title: string; index: number | null } | null {
  const text = squeezeSpaces(value);
  if (!text) return null;
  // AO3: `Part 2 of The Long Road`; FanFicFare: `The Long Road [2]`; eFiction: `The Long Road`.
  const ao3 = /^part\s+(\d+)\s+of\s+(.+?)$/i.exec(text);
  if (ao3) return { title: squeezeSpaces(ao3[2] ?? ''), index: Number(ao3[1]) };
  const bracket = /^(.+?)\s*\[(\d+)\]$/.exec(text);
  if (bracket) return { title: squeezeSpaces(bracket[1] ?? ''), index: Number(bracket[2]) };
  const trailing = /^(.+?),?\s*(?:part|book|#)\s*(\d+)$/i.exec(text);
  if (trailing) return { title: squeezeSpaces(trailing[1] ?? ''), index: Number(trailing[2]) };
  return { title: text, index: null };
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * A date as archives write it (`2012-03-04`, eFiction's `2012.03.04` or `2012/03/04`, `3/4/2012` (US), `4.3.2012`,
 * `4 Mar 2012`, `March 4, 2012`) as `YYYY-MM-DD`.
 */
export function parseDate(value: string): string | null {
  const text = value.trim();
  let match = /^(\d{4})([-./])(\d{1,2})\2(\d{1,2})(?![\d./])/.exec(text);
  if (match) return isoDate(Number(match[1]), Number(match[3]), Number(match[4]));
  // Dots between day, month and year are the European order (`04.03.2012`); no archive writes months first so.
  match = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  if (match) return isoDate(Number(match[3]), Number(match[2]), Number(match[1]));
  match = /^(\d{1,2})\/(\d{1,2})\/(\d{2,4})$/.exec(text);
  if (match) {
    const year = Number(match[3]);
    return isoDate(year < 100 ? 2000 + year : year, Number(match[1]), Number(match[2]));
  }
  match = /^(\d{1,2})\s+([a-z]{3})[a-z]*\.?,?\s+(\d{4})$/i.exec(text);
  if (match)
    return isoDate(Number(match[3]), MONTHS.indexOf((match[2] ?? '').toLowerCase()) + 1, Number(match[1]));
  match = /^([a-z]{3})[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/i.exec(text);
  if (match)
    return isoDate(Number(match[3]), MONTHS.indexOf((match[1] ?? '').toLowerCase()) + 1, Number(match[2]));
  return null;
}

function isoDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1970 || year > 2100) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

const LANGUAGE_CODES = [
  'en',
  'es',
  'fr',
  'de',
  'it',
  'pt',
  'nl',
  'ru',
  'pl',
  'sv',
  'da',
  'nb',
  'fi',
  'cs',
  'hu',
  'tr',
  'zh',
  'ja',
  'ko',
  'vi',
  'id',
  'ar',
  'he',
  'el',
  'uk',
  'ro',
  'ca',
  'tl',
];
let languageNames: Map<string, string> | null = null;

/** A language as written (`English`, `Español`, `en`) as its ISO 639-1 code, or null. */
export function languageCode(value: string): string | null {
  const key = value.trim().toLowerCase();
  if (LANGUAGE_CODES.includes(key)) return key;
  if (!languageNames) {
    languageNames = new Map();
    for (const code of LANGUAGE_CODES) {
      const english = new Intl.DisplayNames(['en'], { type: 'language' }).of(code);
      const own = new Intl.DisplayNames([code], { type: 'language' }).of(code);
      if (english) languageNames.set(english.toLowerCase(), code);
      if (own) languageNames.set(own.toLowerCase(), code);
    }
    languageNames.set('norwegian', 'nb');
    languageNames.set('portugues', 'pt');
    languageNames.set('português brasileiro', 'pt');
  }
  return languageNames.get(key) ?? null;
}
