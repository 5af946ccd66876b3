import { type RawBuilder, sql } from 'kysely';
import { worksByHiddenCreators } from '../repositories/community/member-filter.repository.ts';
import { sortableTitle } from '../repositories/work.repository.ts';
import { parseTextQuery, termText } from './search-provider.ts';
import type { BookmarkFilter, WorkQuery } from './work-query.ts';

/**
 * What a query's text and name fields ask of search, once for both ways of running it (the filter index and
 * SQL): the full text for the engine, the exclusions that stand alone, and the title and creator matches.
 */
export interface TextPlan {
  /** Text with at least one full-text word to find, for the engine (which reads its own exclusions too). */
  fullText: string | null;
  /** When the text only excludes (`-Spike`): each excluded term, as text matching what is taken away. */
  excludedTexts: string[];
  /** Works to keep (`negated: false`) or take away, matched on their titles or creator names. */
  nameMatches: { ids: RawBuilder<{ id: number }>; negated: boolean }[];
  /** Text was given but nothing in it can be searched (only stop words or punctuation): nothing matches. */
  unsearchable: boolean;
}

/** `%` and `_` are LIKE's wildcards; a person typing them means the characters. */
const likeContaining = (value: string) => `%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Works whose title contains the value, compared as the title sort key is kept: lower case, no leading article. */
const titleContains = (value: string) =>
  sql<{
    id: number;
  }>`SELECT id FROM works WHERE title_sort LIKE ${likeContaining(sortableTitle(value))} ESCAPE '\\'`;

/** Works with a creator whose name contains the value, in any case. */
const creatorContains = (value: string) =>
  sql<{
    id: number;
  }>`SELECT wc.work_id AS id FROM work_creators wc JOIN creators c ON c.id = wc.creator_id WHERE lower(c.name) LIKE ${likeContaining(value.toLowerCase())} ESCAPE '\\'`;

/** Works by the creator of exactly this name: a creator's own page. */
const creatorNamed = (name: string) =>
  sql<{
    id: number;
  }>`SELECT wc.work_id AS id FROM work_creators wc JOIN creators c ON c.id = wc.creator_id WHERE c.name = ${name}`;

/** Works with a bookmark that matches a bookmarks page's filter. */
function bookmarkedWorks(filter: BookmarkFilter) {
  const conditions = [sql`b.work_id IS NOT NULL`];
  if (filter.ownerId !== null) conditions.push(sql`b.user_id = ${filter.ownerId}`);
  if (!filter.includePrivate || filter.ownerId === null) conditions.push(sql`b.private = 0`);
  if (filter.workId !== null) conditions.push(sql`b.work_id = ${filter.workId}`);
  if (filter.rec) conditions.push(sql`b.rec = 1`);
  for (const tag of filter.tags)
    conditions.push(
      sql`b.id IN (SELECT bookmark_id FROM bookmark_tags WHERE lower(name) = ${tag.toLowerCase()})`,
    );
  if (filter.collectionId !== null)
    conditions.push(
      sql`b.id IN (SELECT bookmark_id FROM bookmark_collection_items WHERE collection_id = ${filter.collectionId})`,
    );
  return sql<{
    id: number;
  }>`SELECT b.work_id AS id FROM bookmarks b WHERE ${sql.join(conditions, sql` AND `)}`;
}

export function planText(query: WorkQuery): TextPlan {
  const nameMatches: TextPlan['nameMatches'] = [];
  if (query.title) nameMatches.push({ ids: titleContains(query.title), negated: false });
  if (query.creator) nameMatches.push({ ids: creatorContains(query.creator), negated: false });
  if (query.creatorName !== null) nameMatches.push({ ids: creatorNamed(query.creatorName), negated: false });
  if (query.bookmarked !== null) nameMatches.push({ ids: bookmarkedWorks(query.bookmarked), negated: false });
  const hidden = query.personal && worksByHiddenCreators(query.personal);
  if (hidden) nameMatches.push({ ids: hidden, negated: true });
  if (query.text === null) return { fullText: null, excludedTexts: [], nameMatches, unsearchable: false };
  const { terms } = parseTextQuery(query.text);
  for (const term of terms) {
    if (term.field === 'title') nameMatches.push({ ids: titleContains(term.value), negated: term.negated });
    if (term.field === 'creator')
      nameMatches.push({ ids: creatorContains(term.value), negated: term.negated });
  }
  const words = terms.filter((term) => term.field === 'any');
  const positive = words.some((term) => !term.negated);
  return {
    fullText: positive ? query.text : null,
    excludedTexts: positive ? [] : words.map(termText),
    nameMatches,
    unsearchable: terms.length === 0,
  };
}
