import { sql } from 'kysely';
import type { Db, TagRow } from '../db/database.ts';
import type { TagKind } from '../domain/tag-kinds.ts';

/** Find a tag by kind and exact name. */
export async function findTag(db: Db, kind: TagKind, name: string): Promise<TagRow | undefined> {
  return db
    .selectFrom('tags')
    .selectAll()
    .where('kind', '=', kind)
    .where('name', '=', name)
    .executeTakeFirst();
}

/** Find tags by name whatever their kind (a URL names a tag without its kind). */
export async function findTagsByName(db: Db, name: string): Promise<TagRow[]> {
  return db.selectFrom('tags').selectAll().where('name', '=', name).execute();
}

export async function findTagById(db: Db, id: number): Promise<TagRow | undefined> {
  return db.selectFrom('tags').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface EnsureTag {
  kind: TagKind;
  name: string;
  canonical: boolean;
  synonymOf?: number | null;
  parentFandomId?: number | null;
}

/**
 * The tag with this kind and name, created when missing. An existing tag keeps its wrangling (a person may
 * have made it a synonym), except that a tag now known to be canonical is marked so.
 */
export async function ensureTag(db: Db, tag: EnsureTag): Promise<TagRow> {
  const existing = await findTag(db, tag.kind, tag.name);
  if (existing) {
    if (tag.canonical && !existing.canonical && existing.synonym_of === null) {
      await db.updateTable('tags').set({ canonical: 1 }).where('id', '=', existing.id).execute();
      return { ...existing, canonical: 1 };
    }
    if (existing.synonym_of === null && !existing.canonical && tag.synonymOf) {
      await db.updateTable('tags').set({ synonym_of: tag.synonymOf }).where('id', '=', existing.id).execute();
      return { ...existing, synonym_of: tag.synonymOf };
    }
    return existing;
  }
  const inserted = await db
    .insertInto('tags')
    .values({
      kind: tag.kind,
      name: tag.name,
      canonical: tag.canonical ? 1 : 0,
      synonym_of: tag.synonymOf ?? null,
      parent_fandom_id: tag.parentFandomId ?? null,
    })
    .onConflict((conflict) => conflict.columns(['kind', 'name']).doNothing())
    .returningAll()
    .executeTakeFirst();
  return inserted ?? ((await findTag(db, tag.kind, tag.name)) as TagRow);
}

/** The canonical tag a tag leads to: itself, or the end of its synonym chain. */
export async function canonicalTagId(db: Db, tagId: number, hopsLeft = 10): Promise<number> {
  let current = tagId;
  for (let hops = 0; hops < hopsLeft; hops++) {
    const row = await db
      .selectFrom('tags')
      .select(['synonym_of'])
      .where('id', '=', current)
      .executeTakeFirst();
    if (!row || row.synonym_of === null) return current;
    current = row.synonym_of;
  }
  return current;
}

/**
 * Tag names as the canonical ids works are filtered by (`work_filter_tags`), in order; null for an unknown
 * name. The lowest id when several kinds share a name (as the filter index chooses), then the whole synonym
 * chain: what the works search and the SQL listings' exclusions both resolve names with.
 */
export async function canonicalTagIdsByName(
  db: Db,
  names: readonly string[],
  kind?: TagKind,
): Promise<(number | null)[]> {
  const result: (number | null)[] = [];
  for (const name of names) {
    let select = db.selectFrom('tags').select(['id']).where('name', '=', name).orderBy('id');
    if (kind) select = select.where('kind', '=', kind);
    const first = await select.executeTakeFirst();
    result.push(first ? await canonicalTagId(db, first.id) : null);
  }
  return result;
}

/** A tag and every synonym that leads to it, as ids: what a filter on any of them should match. */
export async function tagFamilyIds(db: Db, tagId: number): Promise<number[]> {
  return withSynonyms(db, await canonicalTagId(db, tagId));
}

/** A tag and all the tags whose synonym chain passes through it. */
export async function withSynonyms(db: Db, tagId: number): Promise<number[]> {
  const ids = new Set([tagId]);
  let frontier = [tagId];
  for (let depth = 0; depth < 10 && frontier.length > 0; depth++) {
    const rows = await db.selectFrom('tags').select('id').where('synonym_of', 'in', frontier).execute();
    frontier = rows.map((row) => row.id).filter((id) => !ids.has(id));
    for (const id of frontier) ids.add(id);
  }
  return [...ids];
}

/** Record the original string a file used for a tag, and what it maps to. */
export async function recordMapping(
  db: Db,
  kind: TagKind,
  original: string,
  tagId: number | null,
): Promise<void> {
  await db
    .insertInto('tag_mappings')
    .values({ kind, original, tag_id: tagId })
    .onConflict((conflict) => conflict.columns(['kind', 'original']).doNothing())
    .execute();
}

/**
 * Rebuild the filter tags of works: each work tag's canonical tag. Called after import and after any change
 * to synonyms, so filtering by a synonym finds every work tagged with its canonical tag or a synonym.
 */
export async function rebuildFilterTags(db: Db, workIds?: number[]): Promise<void> {
  if (workIds && workIds.length === 0) return;
  const chunks = workIds ? chunk(workIds, 500) : [null];
  for (const ids of chunks) {
    let del = db.deleteFrom('work_filter_tags');
    if (ids) del = del.where('work_id', 'in', ids);
    await del.execute();
    let select = db
      .selectFrom('work_tags')
      .innerJoin('tags', 'tags.id', 'work_tags.tag_id')
      .select(['work_tags.work_id', 'work_tags.tag_id', 'work_tags.main', 'tags.synonym_of']);
    if (ids) select = select.where('work_tags.work_id', 'in', ids);
    const rows = await select.execute();
    const canonicalOf = new Map<number, number>();
    const entries = new Map<string, { work_id: number; tag_id: number; main: number }>();
    for (const row of rows) {
      let canonical = row.tag_id;
      if (row.synonym_of !== null) {
        canonical = canonicalOf.get(row.tag_id) ?? (await canonicalTagId(db, row.tag_id));
        canonicalOf.set(row.tag_id, canonical);
      }
      const key = `${row.work_id}:${canonical}`;
      const existing = entries.get(key);
      const main = row.main ? 1 : 0;
      if (!existing) entries.set(key, { work_id: row.work_id, tag_id: canonical, main });
      else if (main) existing.main = 1;
    }
    for (const batch of chunk([...entries.values()], 300)) {
      await db.insertInto('work_filter_tags').values(batch).execute();
    }
  }
}

export function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/** A tag offered as an author types: the name matched, and the canonical tag it leads to. */
export interface TagChoice {
  name: string;
  canonical: string;
}

/**
 * Canonical tags and synonyms of a kind whose name, or a word of it, starts with `prefix` (any case); a
 * synonym comes with its canonical tag. Shortest names first, as the likeliest to be meant.
 */
export async function tagsStartingWith(
  db: Db,
  kind: TagKind,
  prefix: string,
  limit: number,
): Promise<TagChoice[]> {
  const like = prefix.toLowerCase().replace(/[\\%_]/g, (character) => `\\${character}`);
  const rows = await db
    .selectFrom('tags as t')
    .leftJoin('tags as c', 'c.id', 't.synonym_of')
    .select(['t.name', 'c.name as canonical_name'])
    .where('t.kind', '=', kind)
    .where((where) => where.or([where('t.canonical', '=', 1), where('t.synonym_of', 'is not', null)]))
    .where((where) =>
      where.or([
        where(sql`lower(t.name)`, 'like', sql`${`${like}%`} escape '\\'`),
        where(sql`lower(t.name)`, 'like', sql`${`% ${like}%`} escape '\\'`),
      ]),
    )
    .orderBy(sql`length(t.name)`)
    .orderBy('t.name')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ name: row.name, canonical: row.canonical_name ?? row.name }));
}
