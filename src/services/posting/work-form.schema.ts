import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { ARCHIVE_WARNINGS, CATEGORIES, RATINGS } from '../../domain/required-tags.ts';
import { PseudName } from '../accounts/account.schema.ts';

const literals = <T extends readonly string[]>(values: T, errorMessage: string) =>
  Type.Union(
    values.map((value) => Type.Literal(value)),
    { errorMessage },
  ) as unknown as TSchema & { static: T[number] };

/** How a member typed a text: HTML (sanitized with the import's allowlist), Markdown or plain text. */
export const TextFormat = Type.Union([Type.Literal('html'), Type.Literal('markdown'), Type.Literal('text')], {
  default: 'html',
  errorMessage: 'the format is html, markdown or text',
});
export type TextFormat = Static<typeof TextFormat>;

const TagName = Type.String({
  minLength: 1,
  maxLength: 150,
  pattern: '^[^,*<>^{}=`\\\\%]+$',
  errorMessage: 'a tag has 1 to 150 characters, without , * < > ^ { } = ` \\ or %',
});
const TagList = (max = 75) => Type.Array(TagName, { maxItems: max, default: [] });
const Notes = Type.Optional(
  Type.String({ maxLength: 5000, errorMessage: 'notes have at most 5,000 characters' }),
);
/** An ISO 8601 time with its offset: `2026-12-24T18:00:00Z`. */
export const Instant = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})$',
  errorMessage: 'a time looks like 2026-12-24T18:00:00Z',
});

export const ChapterForm = Type.Object({
  title: Type.Optional(
    Type.String({ maxLength: 255, errorMessage: 'a chapter title has at most 255 characters' }),
  ),
  notes: Notes,
  endNotes: Notes,
  body: Type.String({
    minLength: 1,
    maxLength: 510_000,
    errorMessage: 'a chapter has 1 to 510,000 characters of text',
  }),
  format: TextFormat,
  /** Post the chapter at this time rather than now (a work's first chapter is posted with the work). */
  publishAt: Type.Optional(Instant),
});
export type ChapterForm = Static<typeof ChapterForm>;

/** A work's chapters in a new order: every current chapter number once, in the order they are to be read. */
export const ChapterOrder = Type.Array(Type.Integer({ minimum: 1, maximum: 100_000 }), {
  minItems: 1,
  maxItems: 500,
  errorMessage: 'the order lists chapter numbers',
});

/** Every AO3 work field but the chapters: what editing a work changes. */
export const WorkFields = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 255, errorMessage: 'a title has 1 to 255 characters' }),
  summary: Type.Optional(
    Type.String({ maxLength: 1250, errorMessage: 'a summary has at most 1,250 characters' }),
  ),
  notes: Notes,
  endNotes: Notes,
  /** The format of the summary and notes. */
  format: TextFormat,
  fandoms: Type.Array(TagName, { minItems: 1, maxItems: 75, errorMessage: 'name at least one fandom' }),
  rating: literals(RATINGS, `the rating is one of ${RATINGS.join(', ')}`),
  warnings: Type.Array(literals(ARCHIVE_WARNINGS, `a warning is one of ${ARCHIVE_WARNINGS.join(', ')}`), {
    minItems: 1,
    maxItems: ARCHIVE_WARNINGS.length,
    errorMessage: 'choose at least one archive warning',
  }),
  categories: Type.Array(literals(CATEGORIES, `a category is one of ${CATEGORIES.join(', ')}`), {
    maxItems: CATEGORIES.length,
    default: [],
  }),
  relationships: TagList(),
  characters: TagList(),
  freeforms: TagList(),
  language: Type.String({
    minLength: 2,
    maxLength: 12,
    pattern: '^[a-z]{2,3}(-[A-Za-z0-9]+)*$',
    default: 'en',
    errorMessage: 'a language is a code such as en or pt-BR',
  }),
  series: Type.Optional(
    Type.Object({
      title: Type.String({
        minLength: 1,
        maxLength: 255,
        errorMessage: 'a series title has 1 to 255 characters',
      }),
      position: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
    }),
  ),
  complete: Type.Boolean({ default: true }),
  chaptersPlanned: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  /** Logged-in members only. */
  restricted: Type.Boolean({ default: false }),
});
export type WorkFields = Static<typeof WorkFields>;

export const WorkForm = Type.Composite([
  WorkFields,
  Type.Object({
    /** The poster's pseuds to post as; their default pseud when empty. */
    pseuds: Type.Array(PseudName, { maxItems: 20, default: [] }),
    /** Pseuds of other members invited to co-create; they appear once they accept. */
    coCreators: Type.Array(PseudName, { maxItems: 20, default: [] }),
    /** Keep as a draft, seen by its creators only, until posted. */
    draft: Type.Boolean({ default: false }),
    chapters: Type.Array(ChapterForm, {
      minItems: 1,
      maxItems: 500,
      errorMessage: 'a work has 1 to 500 chapters',
    }),
  }),
]);
export type WorkForm = Static<typeof WorkForm>;
