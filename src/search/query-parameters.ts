import { Type } from '@sinclair/typebox';
import { ARCHIVE_WARNINGS, CATEGORIES, RATINGS } from '../domain/required-tags.ts';

/**
 * What each query parameter means beyond its type, for the three places that name it: the label of its chip
 * on a listing (`title`; parameters without one, such as the sort, get no chip), and its `quire search` option
 * (`cliFlag` when the option is not the parameter's name with dashes, `cliValue`, `description`).
 */
interface ParameterInfo {
  title?: string;
  description?: string;
  cliFlag?: string;
  cliValue: string;
  /** Given several times (a list), or once. */
  repeatable?: boolean;
}

const text = (info: ParameterInfo, options: { maxLength?: number } = {}) =>
  Type.Optional(Type.String({ ...info, ...options }));
const list = (info: ParameterInfo, values?: readonly string[], maxItems?: number) =>
  Type.Optional(
    Type.Array(
      values ? Type.Union(values.map((value) => Type.Literal(value))) : Type.String({ maxLength: 200 }),
      {
        ...info,
        repeatable: true,
        ...(maxItems === undefined ? {} : { maxItems }),
      },
    ),
  );
const integer = (info: ParameterInfo, minimum: number, maximum: number) =>
  Type.Optional(Type.Integer({ ...info, minimum, maximum }));
const choice = (info: ParameterInfo, values: readonly string[]) =>
  Type.Optional(
    Type.Union(
      values.map((value) => Type.Literal(value)),
      info,
    ),
  );

export const SORTS = [
  'best',
  'updated',
  'published',
  'words',
  'kudos',
  'hits',
  'bookmarks',
  'comments',
  'title',
  'author',
] as const;
export type Sort = (typeof SORTS)[number];

/** `Underage` was AO3's name before 2024; accepted on input. */
export const ARCHIVE_WARNINGS_ACCEPTED = [...ARCHIVE_WARNINGS, 'Underage'] as const;

/**
 * The search's query parameters, once: a listing's query string and `quire search`'s options both speak
 * them; `parseWorkQuery` (work-query.ts) reads them into a WorkQuery, the listing page labels its filter
 * chips with their titles and `quire search` builds its options from them. Values are read leniently
 * (case-insensitive vocabularies, `1,000` as a number) and every problem is named, so the schema is the
 * list of parameters and their limits, not the validator itself.
 */
export const WorkQueryParameters = Type.Object(
  {
    q: text({ title: 'Search', cliValue: 'text' }, { maxLength: 500 }),
    title: text(
      { title: 'Title', cliValue: 'words', description: 'works whose title contains this' },
      { maxLength: 200 },
    ),
    creator: text(
      { title: 'Creator', cliValue: 'name', description: 'works by a creator whose name contains this' },
      { maxLength: 200 },
    ),
    tags: list(
      {
        title: 'Including',
        cliFlag: 'tag',
        cliValue: 'name',
        description: 'works must have this tag (any kind); repeatable',
      },
      undefined,
      50,
    ),
    exclude_tags: list(
      {
        title: 'Excluding',
        cliFlag: 'exclude-tag',
        cliValue: 'name',
        description: 'works must not have this tag; repeatable',
      },
      undefined,
      50,
    ),
    rating: list(
      { title: 'Rating', cliValue: 'rating', description: 'one of the AO3 ratings; repeatable' },
      RATINGS,
    ),
    exclude_rating: list({ title: 'Not rated', cliValue: 'rating', description: 'repeatable' }, RATINGS),
    warning: list(
      { title: 'Warning', cliValue: 'warning', description: 'archive warning a work must have; repeatable' },
      ARCHIVE_WARNINGS_ACCEPTED,
    ),
    exclude_warning: list(
      { title: 'Excluding warning', cliValue: 'warning', description: 'repeatable' },
      ARCHIVE_WARNINGS_ACCEPTED,
    ),
    category: list(
      {
        title: 'Category',
        cliValue: 'category',
        description: 'F/F, F/M, Gen, M/M, Multi or Other; repeatable',
      },
      CATEGORIES,
    ),
    exclude_category: list(
      { title: 'Excluding category', cliValue: 'category', description: 'repeatable' },
      CATEGORIES,
    ),
    complete: choice({ title: 'Status', cliValue: 'state', description: 'any, complete or in-progress' }, [
      'any',
      'complete',
      'in-progress',
    ]),
    words_min: integer({ title: 'At least words', cliValue: 'n' }, 0, 100_000_000),
    words_max: integer({ title: 'At most words', cliValue: 'n' }, 0, 100_000_000),
    published_from: text({ title: 'Posted from', cliValue: 'date', description: 'YYYY-MM-DD' }),
    published_to: text({ title: 'Posted until', cliValue: 'date', description: 'YYYY-MM-DD' }),
    updated_from: text({ title: 'Updated from', cliValue: 'date', description: 'YYYY-MM-DD' }),
    updated_to: text({ title: 'Updated until', cliValue: 'date', description: 'YYYY-MM-DD' }),
    language: text({ title: 'Language', cliValue: 'code', description: 'such as en' }),
    crossovers: choice({ title: 'Crossovers', cliValue: 'mode', description: 'include, exclude or only' }, [
      'include',
      'exclude',
      'only',
    ]),
    fandoms_min: integer({ title: 'At least fandoms', cliValue: 'n' }, 0, 1000),
    fandoms_max: integer({ title: 'At most fandoms', cliValue: 'n' }, 0, 1000),
    main_relationship: text({
      title: 'Main pairing',
      cliValue: 'tag',
      description: 'only works where this relationship is a main pairing',
    }),
    sort: choice(
      { cliValue: 'sort', description: `${SORTS.slice(0, -1).join(', ')} or ${SORTS.at(-1)}` },
      SORTS,
    ),
    order: choice({ cliValue: 'order', description: 'asc or desc' }, ['asc', 'desc']),
    page: integer({ cliValue: 'n' }, 1, 10_000_000),
    per_page: integer({ cliValue: 'n' }, 1, 200),
    facets: integer(
      { cliValue: 'n', description: 'top tags of each kind to count (default 10, 0 for none)' },
      0,
      100,
    ),
  },
  { additionalProperties: false },
);

export type QueryParameter = keyof typeof WorkQueryParameters.properties;
export const QUERY_KEYS = Object.keys(WorkQueryParameters.properties) as QueryParameter[];

interface Described extends ParameterInfo {
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  maxItems?: number;
}
const info = (key: QueryParameter) => WorkQueryParameters.properties[key] as unknown as Described;

/** The chip label of a parameter that filters (a title in the schema), or undefined. */
export const chipLabel = (key: string): string | undefined =>
  key in WorkQueryParameters.properties ? info(key as QueryParameter).title : undefined;

/** A parameter's bounds (integers) or length limit (text), as the schema gives them. */
export const limits = (
  key: QueryParameter,
): { minimum?: number; maximum?: number; maxLength?: number; maxItems?: number } => info(key);

/** How `quire search` offers a parameter: its flag, value name, help and whether it repeats. */
export const cliOption = (
  key: QueryParameter,
): { flag: string; value: string; description?: string; repeatable: boolean } => {
  const { cliFlag, cliValue, description, repeatable } = info(key);
  return {
    flag: cliFlag ?? key.replaceAll('_', '-'),
    value: cliValue,
    description,
    repeatable: repeatable === true,
  };
};
