import { type Static, Type } from '@sinclair/typebox';
import { AppError } from '../../errors.ts';

const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });

/** A bookmark as its form sends it (web/routes/bookmark.routes.tsx reads the HTML form into this). */
export const BookmarkForm = Type.Object({
  notes: Type.Optional(
    Type.String({ maxLength: 20_000, errorMessage: 'notes are at most 20,000 characters' }),
  ),
  /** The reader's own tags, comma-separated. */
  tags: Type.Optional(Type.String({ maxLength: 5_000, errorMessage: 'tags are at most 5,000 characters' })),
  private: Type.Optional(Type.Boolean()),
  rec: Type.Optional(Type.Boolean()),
  collections: Type.Optional(Type.Array(Id, { maxItems: 200 })),
  /** A new collection to make and put the bookmark in. */
  newCollection: Type.Optional(Type.String({ maxLength: 1_000 })),
});
export type BookmarkForm = Static<typeof BookmarkForm>;

export const COLLECTION_NAME_MAX = 100;
const TAG_MAX = 150;
const TAGS_MAX = 75;

/** Text as one line: control characters and runs of spaces become one space. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is taken out.
const oneLine = (value: string) => value.replace(/[\u0000-\u001f\u007f\s]+/g, ' ').trim();

/** The reader's tags: comma-separated, trimmed, each once whatever its case, in the order given. */
export function parseBookmarkTags(value: string | undefined): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const raw of (value ?? '').split(',')) {
    const tag = oneLine(raw);
    if (tag === '' || seen.has(tag.toLowerCase())) continue;
    if (tag.length > TAG_MAX)
      throw new AppError(
        'INVALID_INPUT',
        `tags: "${tag.slice(0, 30)}…" is longer than ${TAG_MAX} characters`,
      );
    seen.add(tag.toLowerCase());
    tags.push(tag);
  }
  if (tags.length > TAGS_MAX)
    throw new AppError('INVALID_INPUT', `tags: ${tags.length} tags given; at most ${TAGS_MAX} are allowed`);
  return tags;
}

/** A collection's name: one line, 1 to 100 characters. */
export function parseCollectionName(value: string | undefined, field = 'name'): string {
  const name = oneLine(value ?? '');
  if (name === '') throw new AppError('INVALID_INPUT', `${field}: a collection needs a name`);
  if (name.length > COLLECTION_NAME_MAX)
    throw new AppError('INVALID_INPUT', `${field}: at most ${COLLECTION_NAME_MAX} characters are allowed`);
  return name;
}
