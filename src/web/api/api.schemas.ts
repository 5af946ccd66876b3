/** What the JSON API answers, as TypeBox schemas: the routes serialize with them and OpenAPI documents them. */
import { Type } from '@sinclair/typebox';

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
  tags: Type.Array(Tag),
  series: Type.Array(
    Type.Object({ title: Type.String(), position: Type.Union([Type.Integer(), Type.Null()]) }),
  ),
});

export const WorkDetail = Type.Composite([
  WorkSummary,
  Type.Object({
    notes: Type.Union([Type.String(), Type.Null()]),
    endNotes: Type.Union([Type.String(), Type.Null()]),
    chapters: Type.Array(
      Type.Object({
        position: Type.Integer(),
        title: Type.Union([Type.String(), Type.Null()]),
        html: Type.String({ description: 'sanitized chapter HTML' }),
        words: Type.Integer(),
      }),
    ),
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
