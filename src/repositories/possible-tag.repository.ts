import type { Insertable, Selectable } from 'kysely';
import type { Db, PossibleTagTable } from '../db/database.ts';
import type { TagKind } from '../domain/tag-kinds.ts';
import type { Evidence } from '../ingest/story.ts';

/** A suggestion below the confidence threshold, as an import stored it. */
export interface PossibleTag {
  kind: TagKind;
  name: string;
  canonical: boolean;
  parentFandom?: string | null;
  confidence: number;
  evidence: Evidence[];
}

export type PossibleTagRow = Selectable<PossibleTagTable> & { title: string | null };

export async function insertPossibleTags(
  db: Db,
  workId: number,
  tags: readonly PossibleTag[],
): Promise<void> {
  const rows = new Map<string, Insertable<PossibleTagTable>>();
  for (const tag of tags) {
    rows.set(`${tag.kind}\u0000${tag.name}`, {
      work_id: workId,
      kind: tag.kind,
      name: tag.name,
      canonical: tag.canonical ? 1 : 0,
      parent_fandom: tag.parentFandom ?? null,
      confidence: tag.confidence,
      evidence: tag.evidence.length > 0 ? JSON.stringify(tag.evidence.slice(0, 8)) : null,
    });
  }
  if (rows.size > 0)
    await db
      .insertInto('possible_tags')
      .values([...rows.values()])
      .execute();
}

/** Possible tags of works that are not drafts, surest first within the newest works. */
export async function listPossibleTags(
  db: Db,
  options: { limit: number; offset: number },
): Promise<PossibleTagRow[]> {
  return db
    .selectFrom('possible_tags as p')
    .innerJoin('works as w', 'w.id', 'p.work_id')
    .selectAll('p')
    .select('w.title')
    .where('w.status', '!=', 'draft')
    .orderBy('p.work_id', 'desc')
    .orderBy('p.confidence', 'desc')
    .orderBy('p.kind')
    .orderBy('p.name')
    .limit(options.limit)
    .offset(options.offset)
    .execute();
}

/** Take a possible tag off the list, returning it; undefined when the work has no such possible tag. */
export async function takePossibleTag(
  db: Db,
  workId: number,
  kind: TagKind,
  name: string,
): Promise<Selectable<PossibleTagTable> | undefined> {
  const row = await db
    .selectFrom('possible_tags')
    .selectAll()
    .where('work_id', '=', workId)
    .where('kind', '=', kind)
    .where('name', '=', name)
    .executeTakeFirst();
  if (row)
    await db
      .deleteFrom('possible_tags')
      .where('work_id', '=', workId)
      .where('kind', '=', kind)
      .where('name', '=', name)
      .execute();
  return row;
}
