/**
 * The work form's HTML field names, both ways: a posted form (flat names, lists as comma-separated text or
 * repeated checkboxes) into the shape the posting services check with their TypeBox schemas, and a work (as
 * stored, as a file filled it, or as just typed) back into field values. The services do the checking; this
 * only renames.
 */

/** A form as @fastify/formbody parses it: repeated names become lists. */
export type FormBody = Record<string, string | string[] | undefined>;
/** Field values for a form's inputs, by name. */
export type FormValues = Record<string, string | string[]>;

export const one = (body: FormBody, key: string): string => {
  const value = body[key];
  return (Array.isArray(value) ? value[0] : value) ?? '';
};
export const many = (body: FormBody, key: string): string[] => {
  const value = body[key];
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((item) => item !== '');
};
/** A tag field: names separated by commas, as AO3's tag fields take them. */
export const tagList = (text: string): string[] =>
  text
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');

const optional = (key: string, value: string) => (value.trim() === '' ? {} : { [key]: value });
const integer = (value: string) => (/^\d+$/.test(value.trim()) ? Number(value.trim()) : value.trim());

export const TAG_FIELDS = ['fandoms', 'relationships', 'characters', 'freeforms'] as const;

/** A `datetime-local` value is read as UTC, which the form says; a value with an offset keeps it. */
function instant(value: string): string {
  const trimmed = value.trim();
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(trimmed)) return `${trimmed}Z`;
  return trimmed;
}

/** The fields of a work (everything editing changes). */
export function workFieldsFromForm(body: FormBody): Record<string, unknown> {
  const seriesTitle = one(body, 'series_title');
  const planned = one(body, 'chaptersPlanned');
  return {
    title: one(body, 'title'),
    ...optional('summary', one(body, 'summary')),
    ...optional('notes', one(body, 'notes')),
    ...optional('endNotes', one(body, 'endNotes')),
    format: one(body, 'format') || 'html',
    ...Object.fromEntries(TAG_FIELDS.map((field) => [field, tagList(one(body, field))])),
    rating: one(body, 'rating'),
    warnings: many(body, 'warnings'),
    categories: many(body, 'categories'),
    language: one(body, 'language').trim() || 'en',
    ...(seriesTitle.trim()
      ? {
          series: {
            title: seriesTitle.trim(),
            ...(one(body, 'series_position').trim()
              ? { position: integer(one(body, 'series_position')) }
              : {}),
          },
        }
      : {}),
    complete: one(body, 'complete') === 'on',
    ...(planned.trim() ? { chaptersPlanned: integer(planned) } : {}),
    restricted: one(body, 'restricted') === 'on',
  };
}

/** How many chapter fieldsets a form holds (a file may fill several). */
export function chapterCount(body: FormBody): number {
  let count = 0;
  while (body[`chapter_${count}_body`] !== undefined && count < 500) count++;
  return count;
}

export function chapterFromForm(body: FormBody, index = 0): Record<string, unknown> {
  const prefix = `chapter_${index}_`;
  return {
    ...optional('title', one(body, `${prefix}title`)),
    ...optional('notes', one(body, `${prefix}notes`)),
    ...optional('endNotes', one(body, `${prefix}endNotes`)),
    body: one(body, `${prefix}body`),
    format: one(body, `${prefix}format`) || 'html',
    ...optional('publishAt', instant(one(body, `${prefix}publishAt`))),
  };
}

/** A new work: its fields, pseuds, co-creators and chapters; `draft` when the author previews first. */
export function workFormFromForm(body: FormBody, draft: boolean): Record<string, unknown> {
  return {
    ...workFieldsFromForm(body),
    pseuds: many(body, 'pseuds'),
    coCreators: tagList(one(body, 'coCreators')),
    draft,
    chapters: Array.from({ length: Math.max(1, chapterCount(body)) }, (_, index) =>
      chapterFromForm(body, index),
    ),
  };
}

interface WorkLike {
  title?: string;
  summary?: string;
  notes?: string;
  endNotes?: string;
  format?: string;
  fandoms?: readonly string[];
  rating?: string;
  warnings?: readonly string[];
  categories?: readonly string[];
  relationships?: readonly string[];
  characters?: readonly string[];
  freeforms?: readonly string[];
  language?: string;
  series?: { title: string; position?: number };
  complete?: boolean;
  chaptersPlanned?: number;
  restricted?: boolean;
  chapters?: readonly ChapterLike[];
}
interface ChapterLike {
  title?: string | null;
  notes?: string | null;
  endNotes?: string | null;
  body?: string;
  format?: string;
}

/** A work's values as the form shows them. */
export function formValuesOf(work: WorkLike): FormValues {
  const values: FormValues = {
    title: work.title ?? '',
    summary: work.summary ?? '',
    notes: work.notes ?? '',
    endNotes: work.endNotes ?? '',
    format: work.format ?? 'html',
    rating: work.rating ?? '',
    warnings: [...(work.warnings ?? [])],
    categories: [...(work.categories ?? [])],
    language: work.language ?? 'en',
    series_title: work.series?.title ?? '',
    series_position: work.series?.position ? String(work.series.position) : '',
    chaptersPlanned: work.chaptersPlanned ? String(work.chaptersPlanned) : '',
  };
  for (const field of TAG_FIELDS) values[field] = (work[field] ?? []).join(', ');
  if (work.complete ?? true) values.complete = 'on';
  if (work.restricted) values.restricted = 'on';
  for (const [index, chapter] of (work.chapters ?? []).entries())
    Object.assign(values, chapterValuesOf(chapter, index));
  return values;
}

export function chapterValuesOf(chapter: ChapterLike, index = 0): FormValues {
  const prefix = `chapter_${index}_`;
  return {
    [`${prefix}title`]: chapter.title ?? '',
    [`${prefix}notes`]: chapter.notes ?? '',
    [`${prefix}endNotes`]: chapter.endNotes ?? '',
    [`${prefix}body`]: chapter.body ?? '',
    [`${prefix}format`]: chapter.format ?? 'html',
  };
}

/** What a refused form shows again: everything typed but the CSRF token. */
export function typedValues(body: FormBody): FormValues {
  const values: FormValues = {};
  for (const [key, value] of Object.entries(body))
    if (key !== '_csrf' && value !== undefined) values[key] = value;
  return values;
}
