import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { TagKind, WorkRow } from '../db/database.ts';
import { SANITIZER_VERSION } from '../ingest/html-blocks.ts';
import type { DraftChapter, Evidence } from '../ingest/story.ts';
import { blocksToPlainText, escapeHtml } from '../ingest/text.ts';
import type { SearchProvider } from '../search/search-provider.ts';
import { type Db, ensureTag, rebuildFilterTags, recordMapping } from './tag.repository.ts';

/** One tag on a work as the import decided it. */
export interface TagAssignment {
  kind: TagKind;
  /** The tag's name: canonical when `canonical`, else as the file wrote it. */
  name: string;
  canonical: boolean;
  /** What the file wrote, when it differs from `name`: stored as a synonym leading to `name`. */
  original?: string;
  source: 'author' | 'inferred';
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
  sourceUrl: string | null;
  series: { title: string; index: number | null }[];
  chapters: DraftChapter[];
  tags: TagAssignment[];
  review: unknown[];
  textHash: string;
}

/**
 * The hash of a story's normalized text: letters and digits only, lower case, so the same story saved as
 * `.txt` and as `.epub` hashes the same whatever the markup, spacing and punctuation.
 */
export function hashStoryText(chapters: readonly DraftChapter[]): string {
  const hash = createHash('sha256');
  for (const chapter of chapters) {
    for (const block of chapter.blocks) {
      if (block.type === 'paragraph')
        hash.update(
          block.text
            .normalize('NFKC')
            .toLowerCase()
            .replace(/[^\p{L}\p{N}]+/gu, ''),
        );
    }
  }
  return hash.digest('hex');
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

/** Store a new work with its chapters, creators, tags and search index entry; returns its id. */
export async function insertWork(
  db: Db,
  search: SearchProvider,
  work: WorkInput,
  now: string,
): Promise<number> {
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
      imported_at: now,
      source_url: work.sourceUrl,
      text_hash: work.textHash,
      review: work.review.length > 0 ? JSON.stringify(work.review) : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const workId = row.id;

  const texts: string[] = [];
  for (const [index, chapter] of work.chapters.entries()) {
    const text = blocksToPlainText(chapter.blocks);
    texts.push(text);
    await db
      .insertInto('chapters')
      .values({
        work_id: workId,
        position: index + 1,
        title: chapter.title,
        notes: chapter.notes,
        end_notes: chapter.endNotes,
        html: chapterHtml(chapter),
        text,
        words: chapter.words,
        sanitizer_version: SANITIZER_VERSION,
      })
      .execute();
  }

  for (const [position, name] of work.creators.entries()) {
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
    await db
      .insertInto('work_creators')
      .values({ work_id: workId, creator_id: creator.id, position })
      .onConflict((conflict) => conflict.columns(['work_id', 'creator_id']).doNothing())
      .execute();
  }

  for (const series of work.series) {
    await db
      .insertInto('series')
      .values({ title: series.title })
      .onConflict((conflict) => conflict.column('title').doNothing())
      .execute();
    const found = await db
      .selectFrom('series')
      .select('id')
      .where('title', '=', series.title)
      .executeTakeFirstOrThrow();
    await db
      .insertInto('series_works')
      .values({ series_id: found.id, work_id: workId, position: series.index })
      .onConflict((conflict) => conflict.columns(['series_id', 'work_id']).doNothing())
      .execute();
  }

  await attachTags(db, workId, work.tags);
  await rebuildFilterTags(db, [workId]);
  await search.indexWork(db, workId, {
    title: work.title ?? '',
    summary: work.summary ?? '',
    tags: work.tags.map((tag) => tag.name).join(' \n '),
    body: texts.join('\n\n'),
  });
  return workId;
}

async function attachTags(db: Db, workId: number, tags: TagAssignment[]): Promise<void> {
  const fandomIds = new Map<string, number>();
  for (const tag of tags.filter((candidate) => candidate.kind === 'fandom')) {
    const row = await ensureTag(db, { kind: 'fandom', name: tag.name, canonical: tag.canonical });
    fandomIds.set(tag.name, row.id);
  }
  const seen = new Set<string>();
  for (const tag of tags) {
    let parentFandomId: number | null = null;
    if (tag.parentFandom) {
      parentFandomId =
        fandomIds.get(tag.parentFandom) ??
        (await ensureTag(db, { kind: 'fandom', name: tag.parentFandom, canonical: true })).id;
    }
    const canonical = await ensureTag(db, {
      kind: tag.kind,
      name: tag.name,
      canonical: tag.canonical,
      parentFandomId,
    });
    let tagId = canonical.id;
    if (tag.original && tag.original !== tag.name) {
      // The author's string is kept as a synonym that leads to the canonical tag.
      const synonym = await ensureTag(db, {
        kind: tag.kind,
        name: tag.original,
        canonical: false,
        synonymOf: canonical.id,
      });
      tagId = synonym.id;
    }
    if (tag.source === 'author') await recordMapping(db, tag.kind, tag.original ?? tag.name, canonical.id);
    const key = `${tagId}:${tag.source}`;
    if (seen.has(key)) continue;
    seen.add(key);
    await db
      .insertInto('work_tags')
      .values({
        work_id: workId,
        tag_id: tagId,
        source: tag.source,
        confidence: tag.source === 'author' ? 1 : 0.7,
        main: tag.main ? 1 : 0,
        evidence: tag.evidence.length > 0 ? JSON.stringify(tag.evidence.slice(0, 8)) : null,
      })
      .execute();
  }
}

/** Delete a work and everything that hangs off it. */
export async function deleteWork(db: Db, search: SearchProvider, workId: number): Promise<void> {
  await search.removeWork(db, workId);
  await db.deleteFrom('works').where('id', '=', workId).execute();
}

export async function countWorks(db: Db): Promise<number> {
  const row = await db.selectFrom('works').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A chapter's sanitized HTML: its blocks' inline HTML in paragraphs, scene breaks as `<hr>`. */
export function chapterHtml(chapter: DraftChapter): string {
  const parts: string[] = [];
  for (const block of chapter.blocks) {
    if (block.type === 'paragraph') parts.push(`<p>${block.html}</p>`);
    else if (block.type === 'heading') parts.push(`<h3>${escapeHtml(block.text)}</h3>`);
    else parts.push('<hr>');
  }
  return parts.join('\n');
}
