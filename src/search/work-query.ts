import type { PersonalExclusions } from '../domain/audience.ts';
import {
  type ArchiveWarning,
  CATEGORIES,
  type Category,
  RATINGS,
  type Rating,
} from '../domain/required-tags.ts';
import { AppError } from '../errors.ts';
import {
  ARCHIVE_WARNINGS_ACCEPTED,
  limits,
  QUERY_KEYS,
  type QueryParameter,
  SORTS,
  type Sort,
} from './query-parameters.ts';

/** One search over the archive, as the CLI, the web and the API all express it (AO3's WorkQuery). */
export interface WorkQuery {
  /** Full text over title, summary, tags and story text, with stemming. */
  text: string | null;
  /** Works whose title contains this, in any case. */
  title: string | null;
  /** Works with a creator whose name contains this, in any case. */
  creator: string | null;
  /** Works by the creator of exactly this name: set by a creator's page, not a query parameter. */
  creatorName: string | null;
  /** Works with bookmarks that match this: set by a bookmarks page, not a query parameter. */
  bookmarked: BookmarkFilter | null;
  /** What the member reading never sees (muted members, their exclusion list): set by the catalog. */
  personal: PersonalExclusions | null;
  /** Tags a work must have (all of them), by name; a synonym finds its canonical tag and every synonym. */
  includeTags: string[];
  /** Tags a work must not have (none of them). */
  excludeTags: string[];
  ratings: Rating[];
  excludeRatings: Rating[];
  includeWarnings: ArchiveWarning[];
  excludeWarnings: ArchiveWarning[];
  categories: Category[];
  excludeCategories: Category[];
  complete: 'any' | 'complete' | 'in-progress';
  wordsMin: number | null;
  wordsMax: number | null;
  publishedFrom: string | null;
  publishedTo: string | null;
  updatedFrom: string | null;
  updatedTo: string | null;
  language: string | null;
  crossovers: 'include' | 'exclude' | 'only';
  fandomsMin: number | null;
  fandomsMax: number | null;
  /** Only works where this relationship is a main pairing, not merely present. */
  mainRelationship: string | null;
  sort: Sort;
  order: 'asc' | 'desc';
  page: number;
  perPage: number;
  /** How many top tags of each kind to count for the filter sidebar; 0 for none. */
  facets: number;
}

/**
 * Which bookmarks a bookmarks page lists, so the works query keeps the works that have one: public bookmarks,
 * and a member's own private ones on their own page (the bookmarks service decides who may ask for those).
 */
export interface BookmarkFilter {
  /** One member's bookmarks; null for everyone's. */
  ownerId: number | null;
  /** The owner's private bookmarks too. */
  includePrivate: boolean;
  /** One work's bookmarks (its bookmarks page). */
  workId: number | null;
  /** The bookmarker's own tags, all of them, in any case. */
  tags: string[];
  /** Recommendations only. */
  rec: boolean;
  /** Only bookmarks in this collection of the owner's. */
  collectionId: number | null;
}

export const DEFAULT_QUERY: WorkQuery = {
  text: null,
  title: null,
  creator: null,
  creatorName: null,
  bookmarked: null,
  personal: null,
  includeTags: [],
  excludeTags: [],
  ratings: [],
  excludeRatings: [],
  includeWarnings: [],
  excludeWarnings: [],
  categories: [],
  excludeCategories: [],
  complete: 'any',
  wordsMin: null,
  wordsMax: null,
  publishedFrom: null,
  publishedTo: null,
  updatedFrom: null,
  updatedTo: null,
  language: null,
  crossovers: 'include',
  fandomsMin: null,
  fandomsMax: null,
  mainRelationship: null,
  sort: 'updated',
  order: 'desc',
  page: 1,
  perPage: 20,
  facets: 10,
};

/**
 * The query as both search paths run it: a member's excluded tags and ratings joined to the query's own
 * exclusions (muted members and excluded creators are text-plan.ts's). The query a page shows keeps them apart.
 */
export function withPersonalExclusions(query: WorkQuery): WorkQuery {
  const { personal } = query;
  if (!personal || personal.tags.length + personal.ratings.length === 0) return query;
  return {
    ...query,
    excludeTags: [...new Set([...query.excludeTags, ...personal.tags])],
    excludeRatings: [...new Set([...query.excludeRatings, ...personal.ratings])],
  };
}

/** Raw input: a URL query string or CLI options, every value a string or a list of strings. */
export type QueryInput = Record<string, string | string[] | undefined>;

/** Query-string pairs as raw input, a repeated key a list. No prototype: `__proto__` is one more unknown key. */
export function queryInputOf(pairs: Iterable<readonly [string, string]>): QueryInput {
  const input: QueryInput = Object.create(null);
  for (const [key, value] of pairs) {
    const existing = input[key];
    input[key] =
      existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return input;
}

/**
 * Clean raw input into a WorkQuery in one place, collecting every problem so the person sees them all at
 * once. Unknown tags are not errors (they give an empty result); impossible values are.
 */
export function parseWorkQuery(input: QueryInput): WorkQuery {
  const read = new QueryReader(input);
  const problems = read.problems;
  const text = read.single('q');
  const maxText = limits('q').maxLength ?? 500;
  if (text !== null && text.length > maxText)
    problems.push(`q is ${text.length} characters long; at most ${maxText} are allowed`);
  const sort = read.oneOf('sort', SORTS, text ? 'best' : 'updated');
  const query: WorkQuery = {
    text: text ? text.slice(0, maxText) : null,
    title: read.name('title'),
    creator: read.name('creator'),
    creatorName: null,
    bookmarked: null,
    personal: null,
    includeTags: read.tags('tags'),
    excludeTags: read.tags('exclude_tags'),
    ratings: read.vocabulary('rating', RATINGS),
    excludeRatings: read.vocabulary('exclude_rating', RATINGS),
    includeWarnings: read.vocabulary('warning', ARCHIVE_WARNINGS_ACCEPTED).map(canonicalWarning),
    excludeWarnings: read.vocabulary('exclude_warning', ARCHIVE_WARNINGS_ACCEPTED).map(canonicalWarning),
    categories: read.vocabulary('category', CATEGORIES),
    excludeCategories: read.vocabulary('exclude_category', CATEGORIES),
    complete: read.oneOf('complete', ['any', 'complete', 'in-progress'] as const, 'any'),
    wordsMin: read.integer('words_min'),
    wordsMax: read.integer('words_max'),
    publishedFrom: read.date('published_from'),
    publishedTo: read.date('published_to'),
    updatedFrom: read.date('updated_from'),
    updatedTo: read.date('updated_to'),
    language: read.single('language'),
    crossovers: read.oneOf('crossovers', ['include', 'exclude', 'only'] as const, 'include'),
    fandomsMin: read.integer('fandoms_min'),
    fandomsMax: read.integer('fandoms_max'),
    mainRelationship: read.single('main_relationship'),
    sort,
    order: read.oneOf(
      'order',
      ['asc', 'desc'] as const,
      sort === 'title' || sort === 'author' ? 'asc' : 'desc',
    ),
    page: read.integer('page') ?? 1,
    perPage: read.integer('per_page') ?? DEFAULT_QUERY.perPage,
    facets: read.integer('facets') ?? DEFAULT_QUERY.facets,
  };
  if (query.wordsMin !== null && query.wordsMax !== null && query.wordsMin > query.wordsMax) {
    problems.push(`words_min (${query.wordsMin}) is more than words_max (${query.wordsMax})`);
  }
  if (query.language !== null && !/^[a-z]{2,3}(?:-[A-Za-z]{2,4})?$/.test(query.language)) {
    problems.push(`language "${query.language}" is not a language code such as en or pt-BR`);
  }
  for (const [from, to, name] of [
    [query.publishedFrom, query.publishedTo, 'published'],
    [query.updatedFrom, query.updatedTo, 'updated'],
  ] as const) {
    if (from && to && from > to) problems.push(`${name}_from (${from}) is after ${name}_to (${to})`);
  }
  const known = new Set<string>(QUERY_KEYS);
  for (const key of Object.keys(input)) {
    if (!known.has(key) && input[key] !== undefined) problems.push(`"${key}" is not a search option`);
  }
  if (problems.length > 0)
    throw new AppError('INVALID_QUERY', `This search cannot run: ${problems.join('; ')}.`);
  return query;
}

function canonicalWarning(value: (typeof ARCHIVE_WARNINGS_ACCEPTED)[number]): ArchiveWarning {
  return value === 'Underage' ? 'Underage Sex' : value;
}

/**
 * Reads raw query input leniently, one parameter at a time, collecting every problem (`problems`) instead of
 * stopping at the first, so the person sees them all at once. Hand-written beside the TypeBox schema, whose
 * limits it reads: TypeBox checks values as given, and a query string is read more kindly (vocabularies in any
 * case, `1,000` as a number, tags comma-separated), with messages a reader can act on.
 */
class QueryReader {
  readonly problems: string[] = [];

  constructor(private readonly input: QueryInput) {}

  list(key: string): string[] {
    // Own keys only: `constructor` or `sort` must not find Object's or Array's methods through the prototype.
    const value = Object.hasOwn(this.input, key) ? this.input[key] : undefined;
    const values = value === undefined ? [] : Array.isArray(value) ? value : [value];
    return values
      .flatMap((item) => (key.endsWith('tags') || key.endsWith('tag') ? item.split(',') : [item]))
      .map((item) => item.trim())
      .filter(Boolean);
  }

  single(key: string): string | null {
    const values = this.list(key);
    if (values.length > 1) this.problems.push(`${key} was given ${values.length} times; give it once`);
    return values[0] ?? null;
  }

  /** A title or creator name to look for: at most 200 characters. */
  name(key: 'title' | 'creator'): string | null {
    const value = this.single(key);
    const most = limits(key).maxLength ?? 200;
    if (value !== null && value.length > most)
      this.problems.push(`${key} is ${value.length} characters long; at most ${most} are allowed`);
    return value === null ? null : value.slice(0, most);
  }

  oneOf<T extends string>(key: string, allowed: readonly T[], fallback: T): T {
    const value = this.single(key);
    if (value === null) return fallback;
    const found = allowed.find((option) => option.toLowerCase() === value.toLowerCase());
    if (!found) this.problems.push(`${key} "${value}" is not one of: ${allowed.join(', ')}`);
    return found ?? fallback;
  }

  vocabulary<T extends string>(key: string, allowed: readonly T[]): T[] {
    const result: T[] = [];
    for (const value of this.list(key)) {
      const found = allowed.find((option) => option.toLowerCase() === value.toLowerCase());
      if (found) {
        if (!result.includes(found)) result.push(found);
      } else this.problems.push(`${key} "${value}" is not one of: ${allowed.join(', ')}`);
    }
    return result;
  }

  integer(key: QueryParameter): number | null {
    const { minimum: min = 0, maximum: max = Number.MAX_SAFE_INTEGER } = limits(key);
    const value = this.single(key);
    if (value === null) return null;
    if (!/^-?\d+$/.test(value.replace(/[,_]/g, ''))) {
      this.problems.push(`${key} "${value}" is not a whole number`);
      return null;
    }
    const number = Number(value.replace(/[,_]/g, ''));
    if (number < min || number > max) {
      this.problems.push(
        `${key} must be between ${min.toLocaleString('en-US')} and ${max.toLocaleString('en-US')}, not ${number.toLocaleString('en-US')}`,
      );
      return null;
    }
    return number;
  }

  date(key: string): string | null {
    const value = this.single(key);
    if (value === null) return null;
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    const parsed = match
      ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])))
      : null;
    if (
      !match ||
      !parsed ||
      parsed.getUTCDate() !== Number(match[3]) ||
      parsed.getUTCMonth() !== Number(match[2]) - 1
    ) {
      this.problems.push(`${key} "${value}" is not a date (write it as YYYY-MM-DD)`);
      return null;
    }
    return value;
  }

  tags(key: 'tags' | 'exclude_tags'): string[] {
    const values = this.list(key);
    const most = limits(key).maxItems ?? 50;
    if (values.length > most)
      this.problems.push(`${key} has ${values.length} tags; at most ${most} are allowed`);
    for (const value of values)
      if (value.length > 200) this.problems.push(`a tag in ${key} is longer than 200 characters`);
    return [...new Set(values)].slice(0, most);
  }
}
