import { sql } from 'kysely';
import type { Db, TagRow } from '../db/database.ts';
import { TAG_KINDS, type TagKind } from '../domain/tag-kinds.ts';
import { AppError } from '../errors.ts';
import {
  ensureTag,
  rebuildFilterTags,
  type TagChoice,
  tagFamilyIds,
  tagsStartingWith,
  withSynonyms,
} from '../repositories/tag.repository.ts';

export interface UnmappedTag {
  kind: TagKind;
  name: string;
  works: number;
}

/**
 * Tags as files wrote them that lead to no canonical tag yet: the wrangling queue; with a fandom, only tags
 * on that fandom's works, counted there.
 */
export async function listUnmappedTags(db: Db, kind?: TagKind, fandom?: string): Promise<UnmappedTag[]> {
  let query = db
    .selectFrom('tags as t')
    .leftJoin('work_tags as wt', 'wt.tag_id', 't.id')
    .where('t.canonical', '=', 0)
    .where('t.synonym_of', 'is', null)
    .groupBy(['t.id', 't.kind', 't.name'])
    .select(['t.kind', 't.name', sql<number>`count(distinct wt.work_id)`.as('works')])
    .orderBy('works', 'desc')
    .orderBy('t.name');
  if (kind) query = query.where('t.kind', '=', kind);
  if (fandom)
    query = query.where('wt.work_id', 'in', (works) =>
      works
        .selectFrom('work_filter_tags as wft')
        .innerJoin('tags as f', 'f.id', 'wft.tag_id')
        .select('wft.work_id')
        .where('f.kind', '=', 'fandom')
        .where('f.name', '=', fandom),
    );
  const rows = await query.execute();
  return rows.map((row) => ({ kind: row.kind as TagKind, name: row.name, works: Number(row.works) }));
}

async function findOne(db: Db, name: string, kind?: TagKind): Promise<TagRow> {
  let query = db.selectFrom('tags').selectAll().where('name', '=', name);
  if (kind) query = query.where('kind', '=', kind);
  const rows = await query.execute();
  if (rows.length === 0)
    throw new AppError('NOT_FOUND', `There is no tag "${name}"${kind ? ` of kind ${kind}` : ''}.`);
  if (rows.length > 1) {
    throw new AppError(
      'USAGE',
      `"${name}" names tags of several kinds (${rows.map((row) => row.kind).join(', ')}); say which with --kind.`,
    );
  }
  return rows[0] as TagRow;
}

/** Works tagged with any tag of a family, whose filter tags must be rebuilt after a change. */
async function worksTaggedWith(db: Db, tagIds: number[]): Promise<number[]> {
  if (tagIds.length === 0) return [];
  const rows = await db
    .selectFrom('work_tags')
    .select('work_id')
    .distinct()
    .where('tag_id', 'in', tagIds)
    .execute();
  return rows.map((row) => row.work_id);
}

/**
 * Make a tag a synonym of a canonical tag (creating the canonical one when new), record the mapping, and
 * re-apply it to every work already imported: they are then found by the canonical tag.
 */
export async function makeSynonym(
  db: Db,
  name: string,
  canonicalName: string,
  kind?: TagKind,
): Promise<{ works: number }> {
  const tag = await findOne(db, name, kind);
  if (tag.name === canonicalName)
    throw new AppError('USAGE', `A tag cannot be a synonym of itself ("${name}").`);
  const canonical = await ensureTag(db, { kind: tag.kind, name: canonicalName, canonical: true });
  if (canonical.synonym_of !== null) {
    throw new AppError(
      'USAGE',
      `"${canonicalName}" is itself a synonym; name the canonical tag it leads to instead.`,
    );
  }
  // The tag and every synonym that leads to it now lead to the canonical tag.
  const moved = await withSynonyms(db, tag.id);
  if (moved.includes(canonical.id))
    throw new AppError(
      'USAGE',
      `"${canonicalName}" already leads to "${name}"; the other way round would make a loop.`,
    );
  await db.updateTable('tags').set({ canonical: 1 }).where('id', '=', canonical.id).execute();
  await db
    .updateTable('tags')
    .set({ synonym_of: canonical.id, canonical: 0 })
    .where('id', 'in', moved)
    .execute();
  await db.updateTable('tag_mappings').set({ tag_id: canonical.id }).where('tag_id', 'in', moved).execute();
  await db
    .insertInto('tag_mappings')
    .values({ kind: tag.kind, original: tag.name, tag_id: canonical.id })
    .onConflict((conflict) => conflict.columns(['kind', 'original']).doUpdateSet({ tag_id: canonical.id }))
    .execute();
  const family = await tagFamilyIds(db, canonical.id);
  const works = await worksTaggedWith(db, family);
  await rebuildFilterTags(db, works);
  return { works: works.length };
}

/** Merge one canonical tag into another: the first and all its synonyms become synonyms of the second. */
export async function mergeTags(
  db: Db,
  fromName: string,
  intoName: string,
  kind?: TagKind,
): Promise<{ works: number }> {
  const from = await findOne(db, fromName, kind);
  await findOne(db, intoName, from.kind);
  return makeSynonym(db, fromName, intoName, from.kind);
}

/** Rename a tag everywhere. A name already in use is refused: merging is what that would mean. */
export async function renameTag(db: Db, oldName: string, newName: string, kind?: TagKind): Promise<void> {
  const tag = await findOne(db, oldName, kind);
  const clash = await db
    .selectFrom('tags')
    .select('id')
    .where('kind', '=', tag.kind)
    .where('name', '=', newName)
    .executeTakeFirst();
  if (clash)
    throw new AppError(
      'USAGE',
      `A ${tag.kind} tag "${newName}" already exists; use \`quire tags merge\` to combine the two.`,
    );
  if (!newName.trim() || newName.length > 200)
    throw new AppError('USAGE', 'A tag name must have 1 to 200 characters.');
  await db.updateTable('tags').set({ name: newName.trim() }).where('id', '=', tag.id).execute();
}

export function parseTagKind(value: string | undefined): TagKind | undefined {
  if (value === undefined) return undefined;
  const kind = TAG_KINDS.find((candidate) => candidate === value.toLowerCase());
  if (!kind) throw new AppError('USAGE', `--kind "${value}" is not one of: ${TAG_KINDS.join(', ')}.`);
  return kind;
}

/** The kinds a work form's tag fields autocomplete. */
export const AUTOCOMPLETED_KINDS = ['fandom', 'relationship', 'character', 'freeform'] as const;

/** Tags to offer an author typing `prefix` in a tag field: canonical tags, synonyms with their canonical form. */
export async function autocompleteTags(db: Db, kind: TagKind, prefix: string): Promise<TagChoice[]> {
  const clean = prefix.trim().replace(/\s+/g, ' ');
  if (clean.length === 0) return [];
  return tagsStartingWith(db, kind, clean, 10);
}
