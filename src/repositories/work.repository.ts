import { type Insertable, sql } from 'kysely';
import type { Db, WorkRow, WorkTagTable } from '../db/database.ts';
import { joinText, type StoredText, textParameter } from '../db/stored-text.ts';
import type { TagKind } from '../domain/tag-kinds.ts';
import { SANITIZER_VERSION } from '../ingest/html-blocks.ts';
import type { DraftChapter, Evidence } from '../ingest/story.ts';
import { insertPossibleTags } from './possible-tag.repository.ts';
import { chunk, type EnsureTag, ensureTag, rebuildFilterTags, recordMapping } from './tag.repository.ts';
import type { WorkIndexer } from './work-indexer.ts';
import { type ChapterInput, toChapterInput } from './work-text.ts';

/** One tag on a work as the import decided it. */
export interface TagAssignment {
  kind: TagKind;
  /** The tag's name: canonical when `canonical`, else as the file wrote it. */
  name: string;
  canonical: boolean;
  /** What the file wrote, when it differs from `name`: stored as a synonym leading to `name`. */
  original?: string;
  source: 'author' | 'inferred';
  /** How sure the analysis is (analysis/confidence.ts); the author's tags are 1. */
  confidence?: number;
  main: boolean;
  parentFandom?: string | null;
  evidence: Evidence[];
}

/** Everything stored for one work. */
export interface WorkInput {
  title: string | null;
  creators: string[];
  summary: string | null;
  notes: string | null;
  endNotes: string | null;
  rating: string;
  language: string;
  complete: boolean;
  chaptersPlanned: number | null;
  publishedAt: string;
  updatedAt: string;
  /** The file stated no date: the dates above are the import day, shown as unknown and sorted last. */
  dateUnknown?: boolean;
  sourceUrl: string | null;
  /** A series by its title among the creators' own, or by `id` where the caller already made it (a rescue). */
  series: { title: string; index: number | null; id?: number }[];
  chapters: (DraftChapter | ChapterInput)[];
  tags: TagAssignment[];
  /** Suggestions below the confidence threshold: kept for a wrangler, not tags. */
  possibleTags?: (TagAssignment & { confidence: number })[];
  review: unknown[];
  textHash: string;
}

const ARTICLES = /^(?:the|a|an)\s+/i;

export function sortableTitle(title: string | null): string {
  return (title ?? '')
    .toLowerCase()
    .replace(/^[^\p{L}\p{N}]+/u, '')
    .replace(ARTICLES, '')
    .trim();
}

export async function findWorkByTextHash(db: Db, textHash: string): Promise<WorkRow | undefined> {
  return db.selectFrom('works').selectAll().where('text_hash', '=', textHash).executeTakeFirst();
}

export async function findWorkById(db: Db, id: number): Promise<WorkRow | undefined> {
  return db.selectFrom('works').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * What one transaction storing many works (an import batch) has already ensured: tags, creators, series and
 * tag mappings, so each is asked of the database once per batch; and the works whose filter tags are rebuilt
 * together by `finishWorkBatch`. Valid only inside the transaction that made it: nothing else writes those
 * rows meanwhile, and each of them only ever moves one way (created; marked canonical; given a synonym).
 */
export interface WorkBatch {
  tagIds: Map<string, number>;
  creatorIds: Map<string, number>;
  seriesIds: Map<string, number>;
  mappings: Set<string>;
  workIds: number[];
}

export function startWorkBatch(): WorkBatch {
  return { tagIds: new Map(), creatorIds: new Map(), seriesIds: new Map(), mappings: new Set(), workIds: [] };
}

/** Rebuild the filter tags of the works stored in the batch. */
export async function finishWorkBatch(db: Db, batch: WorkBatch): Promise<void> {
  await rebuildFilterTags(db, batch.workIds);
  batch.workIds = [];
}

/** Rows per multi-row insert: well under SQLite's and PostgreSQL's limits on bound parameters. */
const INSERT_ROWS = 500;

/**
 * Store a new work with its chapters, creators, tags and search index entry; returns its id. Given a batch,
 * look-ups are shared with the batch's other works and the filter tags wait for `finishWorkBatch`.
 */
export async function insertWork(
  db: Db,
  search: WorkIndexer,
  work: WorkInput,
  now: string,
  batch?: WorkBatch,
): Promise<number> {
  const shared = batch ?? startWorkBatch();
  const fandomCount = work.tags.filter((tag) => tag.kind === 'fandom').length;
  const row = await db
    .insertInto('works')
    .values({
      title: work.title,
      title_sort: sortableTitle(work.title),
      creator_sort: (work.creators[0] ?? '').toLowerCase(),
      summary: work.summary,
      notes: work.notes,
      end_notes: work.endNotes,
      rating: work.rating,
      language: work.language,
      complete: work.complete ? 1 : 0,
      words: work.chapters.reduce((sum, chapter) => sum + chapter.words, 0),
      chapter_count: work.chapters.length,
      chapters_planned: work.chaptersPlanned,
      fandom_count: fandomCount,
      published_at: work.publishedAt,
      updated_at: work.updatedAt,
      date_unknown: work.dateUnknown ? 1 : 0,
      updated_unknown: work.dateUnknown ? 1 : 0,
      imported_at: now,
      source_url: work.sourceUrl,
      text_hash: work.textHash,
      review: work.review.length > 0 ? JSON.stringify(work.review) : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const workId = row.id;

  const texts: StoredText[] = [];
  const chapters = work.chapters.map((given, index) => {
    const chapter = 'blocks' in given ? toChapterInput(given) : given;
    texts.push(chapter.text);
    return {
      work_id: workId,
      position: index + 1,
      title: chapter.title,
      notes: chapter.notes,
      end_notes: chapter.endNotes,
      html: textParameter(db, chapter.html),
      text: textParameter(db, chapter.text),
      words: chapter.words,
      sanitizer_version: SANITIZER_VERSION,
    };
  });
  for (const rows of chunk(chapters, INSERT_ROWS)) await db.insertInto('chapters').values(rows).execute();

  for (const [position, name] of work.creators.entries()) {
    let creatorId = shared.creatorIds.get(name);
    if (creatorId === undefined) {
      await db
        .insertInto('creators')
        .values({ name })
        .onConflict((conflict) => conflict.column('name').doNothing())
        .execute();
      const creator = await db
        .selectFrom('creators')
        .select('id')
        .where('name', '=', name)
        .executeTakeFirstOrThrow();
      creatorId = creator.id;
      shared.creatorIds.set(name, creatorId);
    }
    await db
      .insertInto('work_creators')
      .values({ work_id: workId, creator_id: creatorId, position })
      .onConflict((conflict) => conflict.columns(['work_id', 'creator_id']).doNothing())
      .execute();
  }

  for (const series of work.series) {
    // The same title by the same creators is the same series for the rest of the batch.
    const key = `${series.title}\u0000${work.creators.join('\u0000')}`;
    let seriesId = series.id ?? shared.seriesIds.get(key);
    if (seriesId === undefined) {
      seriesId = await seriesIdFor(db, series.title, workId);
      shared.seriesIds.set(key, seriesId);
    }
    await db
      .insertInto('series_works')
      .values({ series_id: seriesId, work_id: workId, position: series.index })
      .onConflict((conflict) => conflict.columns(['series_id', 'work_id']).doNothing())
      .execute();
  }

  await attachTags(db, workId, work.tags, shared);
  await insertPossibleTags(db, workId, work.possibleTags ?? []);
  shared.workIds.push(workId);
  if (!batch) await finishWorkBatch(db, shared);
  await search.indexWork(db, workId, {
    title: work.title ?? '',
    summary: work.summary ?? '',
    tags: work.tags.map((tag) => tag.name).join(' \n '),
    body: joinText(texts, '\n\n'),
  });
  return workId;
}

/**
 * The series of this title the work's creators already write in, made if they have none. Titles are not
 * unique (two writers' "Missing Scenes" are two series), so naming a series never puts a work in another
 * writer's; a member's other pseuds, and imported names they claimed, count as the same writer.
 */
export async function seriesIdFor(db: Db, title: string, workId: number): Promise<number> {
  const creatorIds = db.selectFrom('work_creators').select('creator_id').where('work_id', '=', workId);
  const memberIds = db
    .selectFrom('work_creators as own')
    .innerJoin('creators as own_creator', 'own_creator.id', 'own.creator_id')
    .innerJoin('pseuds as own_pseud', 'own_pseud.id', 'own_creator.pseud_id')
    .select('own_pseud.user_id')
    .where('own.work_id', '=', workId);
  // Series of this title holding another work: the first whose works' creators are this work's writers.
  const candidates = db
    .selectFrom('series as s')
    .innerJoin('series_works as sw', 'sw.series_id', 's.id')
    .select('s.id')
    .where('s.title', '=', title)
    .where('sw.work_id', '!=', workId)
    .orderBy('s.id')
    .limit(1);
  const anonymous = !(await creatorIds.executeTakeFirst());
  const found = anonymous
    ? // A work nobody is named on joins a series of works nobody is named on.
      await candidates
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('work_creators as wc')
                .select('wc.work_id')
                .whereRef('wc.work_id', '=', 'sw.work_id'),
            ),
          ),
        )
        .executeTakeFirst()
    : await candidates
        .innerJoin('work_creators as wc', 'wc.work_id', 'sw.work_id')
        .innerJoin('creators as c', 'c.id', 'wc.creator_id')
        .leftJoin('pseuds as p', 'p.id', 'c.pseud_id')
        .where((eb) => eb.or([eb('c.id', 'in', creatorIds), eb('p.user_id', 'in', memberIds)]))
        .executeTakeFirst();
  return found?.id ?? createSeries(db, title);
}

/** A new series, empty until a work is put in it. */
export async function createSeries(db: Db, title: string): Promise<number> {
  const row = await db.insertInto('series').values({ title }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** `ensureTag` once per batch for the same request: asked again, it would find the row and change nothing. */
async function ensureTagId(db: Db, batch: WorkBatch, tag: EnsureTag): Promise<number> {
  const key = `${tag.kind}\u0000${tag.name}\u0000${tag.canonical}\u0000${tag.synonymOf ?? ''}\u0000${tag.parentFandomId ?? ''}`;
  let id = batch.tagIds.get(key);
  if (id === undefined) {
    id = (await ensureTag(db, tag)).id;
    batch.tagIds.set(key, id);
  }
  return id;
}

export async function attachTags(
  db: Db,
  workId: number,
  tags: TagAssignment[],
  batch: WorkBatch,
): Promise<void> {
  const fandomIds = new Map<string, number>();
  for (const tag of tags.filter((candidate) => candidate.kind === 'fandom')) {
    fandomIds.set(
      tag.name,
      await ensureTagId(db, batch, { kind: 'fandom', name: tag.name, canonical: tag.canonical }),
    );
  }
  const seen = new Set<string>();
  const rows: Insertable<WorkTagTable>[] = [];
  for (const tag of tags) {
    let parentFandomId: number | null = null;
    if (tag.parentFandom) {
      parentFandomId =
        fandomIds.get(tag.parentFandom) ??
        (await ensureTagId(db, batch, { kind: 'fandom', name: tag.parentFandom, canonical: true }));
    }
    const canonicalId = await ensureTagId(db, batch, {
      kind: tag.kind,
      name: tag.name,
      canonical: tag.canonical,
      parentFandomId,
    });
    let tagId = canonicalId;
    if (tag.original && tag.original !== tag.name) {
      // The author's string is kept as a synonym that leads to the canonical tag.
      tagId = await ensureTagId(db, batch, {
        kind: tag.kind,
        name: tag.original,
        canonical: false,
        synonymOf: canonicalId,
      });
    }
    if (tag.source === 'author') {
      // A mapping is recorded once: the first string-to-tag seen wins, as `recordMapping` keeps it.
      const original = tag.original ?? tag.name;
      const mapping = `${tag.kind}\u0000${original}`;
      if (!batch.mappings.has(mapping)) {
        await recordMapping(db, tag.kind, original, canonicalId);
        batch.mappings.add(mapping);
      }
    }
    const key = `${tagId}:${tag.source}`;
    if (seen.has(key)) continue;
    seen.add(key);
    rows.push({
      work_id: workId,
      tag_id: tagId,
      source: tag.source,
      confidence: tag.source === 'author' ? 1 : (tag.confidence ?? 0.7),
      main: tag.main ? 1 : 0,
      evidence: tag.evidence.length > 0 ? JSON.stringify(tag.evidence.slice(0, 8)) : null,
    });
  }
  for (const chunkRows of chunk(rows, INSERT_ROWS))
    await db.insertInto('work_tags').values(chunkRows).execute();
}

/** Delete a work and everything that hangs off it. */
export async function deleteWork(db: Db, search: WorkIndexer, workId: number): Promise<void> {
  await search.removeWork(db, workId);
  await db.deleteFrom('works').where('id', '=', workId).execute();
}

export async function countWorks(db: Db): Promise<number> {
  const row = await db.selectFrom('works').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
