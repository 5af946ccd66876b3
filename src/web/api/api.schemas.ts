/** What the JSON API answers, as TypeBox schemas: the routes serialize with them and OpenAPI documents them. */
import { type TSchema, Type } from '@sinclair/typebox';

export const ApiError = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String() }),
});

const Tag = Type.Object({ kind: Type.String(), name: Type.String(), canonical: Type.String() });

export const WorkSummary = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  creators: Type.Array(Type.String()),
  summary: Type.Union([Type.String(), Type.Null()]),
  rating: Type.String(),
  language: Type.String(),
  words: Type.Integer(),
  chapterCount: Type.Integer(),
  chaptersPlanned: Type.Union([Type.Integer(), Type.Null()]),
  complete: Type.Boolean(),
  publishedAt: Type.String(),
  updatedAt: Type.String(),
  /** The work's file stated no date: `publishedAt` is the day it was imported. */
  dateUnknown: Type.Boolean(),
  /** `updatedAt` is the import day as well: no chapter posted since has dated the work's update. */
  updatedUnknown: Type.Boolean(),
  tags: Type.Array(Tag),
  series: Type.Array(
    Type.Object({ title: Type.String(), position: Type.Union([Type.Integer(), Type.Null()]) }),
  ),
});

export const ChapterDetail = Type.Object({
  position: Type.Integer(),
  title: Type.Union([Type.String(), Type.Null()]),
  html: Type.String({ description: 'sanitized chapter HTML' }),
  words: Type.Integer(),
});

export const WorkDetail = Type.Composite([
  WorkSummary,
  Type.Object({
    notes: Type.Union([Type.String(), Type.Null()]),
    endNotes: Type.Union([Type.String(), Type.Null()]),
    chapters: Type.Array(ChapterDetail),
  }),
]);

export const WorksPage = Type.Object({
  total: Type.Integer(),
  page: Type.Integer(),
  perPage: Type.Integer(),
  pages: Type.Integer(),
  works: Type.Array(WorkSummary),
});

export const Created = Type.Object({ id: Type.Integer(), url: Type.String() });

export const ChapterAdded = Type.Object({
  position: Type.Union([Type.Integer(), Type.Null()], { description: 'null while the chapter is scheduled' }),
  scheduled: Type.Boolean(),
});

/** A work's chapters as they now stand, without their text. */
export const ChapterList = Type.Object({
  chapters: Type.Array(
    Type.Object({
      position: Type.Integer(),
      title: Type.Union([Type.String(), Type.Null()]),
      words: Type.Integer(),
    }),
  ),
});

export const WorkId = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });
export const ChapterAt = Type.Object({
  id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
  position: Type.Integer({ minimum: 1, maximum: 100_000, description: 'the chapter number, from 1' }),
});

/** A successful answer with nothing to say: the thing is gone. */
export const Deleted = (what: string) => Type.Null({ description: `${what} is deleted` });

/** A shared answer schema with what it means on one route (OpenAPI's response description). */
export const described = <T extends TSchema>(schema: T, description: string): T => ({
  ...schema,
  description,
});
