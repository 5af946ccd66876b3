import type { ExpressionBuilder } from 'kysely';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import type { WorkStatus } from '../db/accounts.tables.ts';
import type { CommentPermission, Database, Db, WorkRow, WorkTable } from '../db/database.ts';
import { fixedQueries, fixedQuery } from '../db/fixed-query.ts';
import { statementsAreRoundTrips } from '../db/round-trips.ts';
import { pageText, type StoredText } from '../db/stored-text.ts';
import type { TagKind } from '../domain/tag-kinds.ts';
import type { Evidence } from '../ingest/story.ts';
import { type CommentCounts, guestCountsOfPage, type PagePlace } from './community/comment.repository.ts';
import { type KudosList, kudosListOf, kudosOfWork } from './community/kudos.repository.ts';
import { chunk } from './tag.repository.ts';

/** One tag as a listing shows it on a work: the name the work gave, the canonical tag it leads to. */
export interface BlurbTag {
  id: number;
  kind: TagKind;
  name: string;
  /** The canonical tag the name leads to (itself when it is canonical); tag pages and filters use this. */
  canonicalId: number;
  canonicalName: string;
  /** `author`: the work's own header said it; `inferred`: the analysis suggested it. */
  source: 'author' | 'inferred';
  /** A relationship the analysis found central. */
  main: boolean;
}

/** One tag as a work's own pages show it: with the header lines or passages behind it. */
export interface TagView extends BlurbTag {
  evidence: Evidence[];
}

/** `Html`: the body as a string, or as its UTF-8 bytes (pages, see `loadChapterPages`). */
export interface ChapterView<Html extends StoredText = string> {
  id: number;
  position: number;
  title: string | null;
  notes: string | null;
  endNotes: string | null;
  /** Sanitized HTML of the chapter body (see `chapterHtml`). */
  html: Html;
  /** The sanitizer version that wrote `html` (see `storedChapterHtml`). */
  sanitizerVersion: number;
  words: number;
}

/** A work as listings show it (AO3's blurb): everything but the chapter text. */
export interface WorkBlurb {
  id: number;
  title: string;
  creators: { id: number; name: string }[];
  summary: string | null;
  notes: string | null;
  endNotes: string | null;
  rating: string;
  language: string;
  complete: boolean;
  words: number;
  chapterCount: number;
  chaptersPlanned: number | null;
  publishedAt: string;
  updatedAt: string;
  /** The work's file stated no date: `publishedAt` is the day it was imported. */
  dateUnknown: boolean;
  /** `updatedAt` is the import day too: no chapter posted since has dated the work's update. */
  updatedUnknown: boolean;
  sourceUrl: string | null;
  /** When the archive last stored this work: for Last-Modified. */
  importedAt: string;
  kudos: number;
  hits: number;
  bookmarks: number;
  comments: number;
  series: { id: number; title: string; position: number | null }[];
  /** Every tag, author's first, in AO3's kind order; a tag given by the author and inferred is kept once. */
  tags: BlurbTag[];
}

/** What a chapter is known by without its text: all of it in the `chapters_heads` index (migration 0018). */
export interface ChapterHead {
  id: number;
  position: number;
  title: string | null;
  words: number;
  sanitizerVersion: number;
}

/**
 * A work as its own pages head it: the blurb and its chapters' heads (titles for the chapter index and the
 * chapter menu). Listings show blurbs alone, so they read no chapters at all.
 */
export interface WorkSummary extends WorkBlurb {
  tags: TagView[];
  /** Chapter heads in order, read from an index without the chapters' text. */
  chapterTitles: ChapterHead[];
}

export interface WorkView<Html extends StoredText = string> extends WorkSummary {
  /** The chapters asked for: all of them, or one. */
  chapters: ChapterView<Html>[];
}

export const UNTITLED = 'Untitled';

const KIND_ORDER: Record<TagKind, number> = {
  rating: 0,
  warning: 1,
  category: 2,
  fandom: 3,
  relationship: 4,
  character: 5,
  freeform: 6,
};

/**
 * The columns of `works` a blurb shows, named: `select *` also read PostgreSQL's search vectors, each work's
 * whole text as a tsvector, which the server detoasted and sent for every blurb (bench/README.md).
 */
const BLURB_COLUMNS = [
  'id',
  'title',
  'summary',
  'notes',
  'end_notes',
  'rating',
  'language',
  'complete',
  'words',
  'chapter_count',
  'chapters_planned',
  'published_at',
  'updated_at',
  'date_unknown',
  'updated_unknown',
  'source_url',
  'imported_at',
  'kudos_count',
  'hits_count',
  'bookmarks_count',
  'comments_count',
] as const;

/**
 * A work tag's columns as `tagViews` reads them (the tag, and the canonical tag it leads to). Listings leave
 * out the evidence: an imported work's inferred tags carry passages a blurb never shows, and parsing them was
 * work for every blurb of every listing.
 */
const BLURB_TAG_COLUMNS = [
  'wt.source',
  'wt.main',
  't.id',
  't.kind',
  't.name',
  'c.id as canonical_id',
  'c.name as canonical_name',
] as const;
const TAG_COLUMNS = [...BLURB_TAG_COLUMNS, 'wt.evidence'] as const;

/** In a statement over `works as w` (PostgreSQL's `AtOnce` statements): the work's series, as `workSeries`. */
const seriesOfWork = (eb: ExpressionBuilder<Database & { w: WorkTable }, 'w'>) =>
  eb
    .selectFrom('series_works as sw')
    .innerJoin('series as s', 's.id', 'sw.series_id')
    .select(['s.id', 's.title', 'sw.position'])
    .whereRef('sw.work_id', '=', 'w.id');

/** The same: the work's tags by tag id, as `workTagRows`, for the caller's columns. */
const tagsOfWork = (eb: ExpressionBuilder<Database & { w: WorkTable }, 'w'>) =>
  eb
    .selectFrom('work_tags as wt')
    .innerJoin('tags as t', 't.id', 'wt.tag_id')
    .leftJoin('tags as c', 'c.id', 't.synonym_of')
    .whereRef('wt.work_id', '=', 'w.id')
    .orderBy('t.id');

/** The blurbs of these works, in the order of `ids`; ids that do not exist are left out. */
export async function loadBlurbs(db: Db, ids: readonly number[]): Promise<WorkBlurb[]> {
  if (ids.length === 0) return [];
  const blurbs = new Map<number, WorkBlurb>();
  const atOnce = statementsAreRoundTrips(db);
  for (const part of chunk([...new Set(ids)], 500)) {
    const count = String(part.length);
    if (atOnce) {
      for (const row of await blurbsAtOnce(db, count, ...part))
        blurbs.set(row.id, {
          ...blurbOf(row),
          creators: row.creators,
          series: row.series,
          tags: tagViews(row.tags, () => ({})),
        });
      continue;
    }
    for (const row of await blurbRows(db, count, ...part)) blurbs.set(row.id, blurbOf(row));
    for (const creator of await blurbCreators(db, count, ...part))
      blurbs.get(creator.work_id)?.creators.push({ id: creator.id, name: creator.name });
    for (const entry of await blurbSeries(db, count, ...part))
      blurbs.get(entry.work_id)?.series.push({ id: entry.id, title: entry.title, position: entry.position });
    const byWork = Map.groupBy(await blurbTags(db, count, ...part), (tag) => tag.work_id);
    for (const [workId, rows] of byWork) {
      const blurb = blurbs.get(workId);
      if (blurb) blurb.tags = tagViews(rows, () => ({}));
    }
  }
  return ids.flatMap((id) => blurbs.get(id) ?? []);
}

/**
 * PostgreSQL's way of `loadBlurbs`: each work's row with its creators, series and tags as JSON arrays (the
 * statements below, correlated), one round trip where there were four.
 */
const blurbsAtOnce = fixedQueries((db: Db, _count: string, ...ids: number[]) =>
  db
    .selectFrom('works as w')
    .select([
      ...BLURB_COLUMNS.map((column) => `w.${column}` as const),
      (eb) =>
        jsonArrayFrom(
          eb
            .selectFrom('work_creators as wc')
            .innerJoin('creators as c', 'c.id', 'wc.creator_id')
            .select(['c.id', 'c.name'])
            .whereRef('wc.work_id', '=', 'w.id')
            .orderBy('wc.position'),
        ).as('creators'),
      (eb) => jsonArrayFrom(seriesOfWork(eb)).as('series'),
      (eb) => jsonArrayFrom(tagsOfWork(eb).select(BLURB_TAG_COLUMNS)).as('tags'),
    ])
    .where('w.id', 'in', ids),
);

// Every listing reads these for its page of works: fixed queries, one shape per count of works (a page's
// twenty, mostly), compiled once instead of built and compiled by Kysely per listing.
const blurbRows = fixedQueries((db: Db, _count: string, ...ids: number[]) =>
  db.selectFrom('works').select(BLURB_COLUMNS).where('id', 'in', ids),
);
const blurbCreators = fixedQueries((db: Db, _count: string, ...ids: number[]) =>
  db
    .selectFrom('work_creators as wc')
    .innerJoin('creators as c', 'c.id', 'wc.creator_id')
    .select(['wc.work_id', 'c.id', 'c.name'])
    .where('wc.work_id', 'in', ids)
    .orderBy('wc.work_id')
    .orderBy('wc.position'),
);
const blurbSeries = fixedQueries((db: Db, _count: string, ...ids: number[]) =>
  db
    .selectFrom('series_works as sw')
    .innerJoin('series as s', 's.id', 'sw.series_id')
    .select(['sw.work_id', 's.id', 's.title', 'sw.position'])
    .where('sw.work_id', 'in', ids),
);
const blurbTags = fixedQueries((db: Db, _count: string, ...ids: number[]) =>
  db
    .selectFrom('work_tags as wt')
    .innerJoin('tags as t', 't.id', 'wt.tag_id')
    .leftJoin('tags as c', 'c.id', 't.synonym_of')
    .select(['wt.work_id', ...BLURB_TAG_COLUMNS])
    .where('wt.work_id', 'in', ids)
    .orderBy('wt.work_id')
    .orderBy('t.id'),
);

/**
 * What a work's own pages need to know of it beside its summary: who may read it (the authorization policy's
 * work) and how it takes comments. Read in the summary's own statements, not apart.
 */
export interface WorkStanding {
  status: WorkStatus;
  restricted: boolean;
  /** The members who write as the work's creators (an unclaimed imported name has none). */
  creatorUserIds: number[];
  commentPermission: CommentPermission;
  commentsModerated: boolean;
}

// One work's page reads these on every first visit: fixed queries, compiled once (db/fixed-query.ts).
const workRow = fixedQuery((db: Db, id: number) =>
  db
    .selectFrom('works')
    .select([...BLURB_COLUMNS, 'status', 'restricted', 'comment_permission', 'comments_moderated'])
    .where('id', '=', id),
);
const workCreators = fixedQuery((db: Db, id: number) =>
  db
    .selectFrom('work_creators as wc')
    .innerJoin('creators as c', 'c.id', 'wc.creator_id')
    .leftJoin('pseuds as p', 'p.id', 'c.pseud_id')
    .select(['c.id', 'c.name', 'p.user_id'])
    .where('wc.work_id', '=', id)
    .orderBy('wc.position'),
);
const workSeries = fixedQuery((db: Db, id: number) =>
  db
    .selectFrom('series_works as sw')
    .innerJoin('series as s', 's.id', 'sw.series_id')
    .select(['s.id', 's.title', 'sw.position'])
    .where('sw.work_id', '=', id),
);
const workTagRows = fixedQuery((db: Db, id: number) =>
  db
    .selectFrom('work_tags as wt')
    .innerJoin('tags as t', 't.id', 'wt.tag_id')
    .leftJoin('tags as c', 'c.id', 't.synonym_of')
    .select(TAG_COLUMNS)
    .where('wt.work_id', '=', id)
    .orderBy('t.id'),
);
const chapterHeads = fixedQuery((db: Db, workId: number) =>
  db
    .selectFrom('chapters')
    .select(['id', 'position', 'title', 'words', 'sanitizer_version'])
    .where('work_id', '=', workId)
    .orderBy('position'),
);

const chapterBodies = fixedQueries((db: Db, by: 'id' | 'work_id', id: number) =>
  db.selectFrom('chapters').select(['id', 'notes', 'end_notes', 'html']).where(by, '=', id),
);
const chapterBodyBytes = fixedQueries((db: Db, by: 'id' | 'work_id', id: number) =>
  db
    .selectFrom('chapters')
    .select(['id', 'notes', 'end_notes', pageText(db, 'html').as('html')])
    .where(by, '=', id),
);

/** One work's blurb with its chapters' titles; undefined when the work does not exist. */
export async function loadWorkSummary(db: Db, id: number): Promise<WorkSummary | undefined> {
  return (await loadWorkStanding(db, id))?.summary;
}

/**
 * What a work's page shows of its kudos and comments, read with the work on PostgreSQL (`loadWorkStanding`):
 * the kudos, and a guest's comment counts of the page's place (the entire work without a chapter, else the
 * chapter's, with the work's own on the first).
 */
export interface WorkPageCommunity {
  kudos: KudosList;
  guestCounts: CommentCounts;
}

/** A chapter's body as its page reads it (see `loadChapterPages`). */
export interface ChapterBody<Html extends StoredText> {
  id: number;
  notes: string | null;
  end_notes: string | null;
  html: Html;
}

/**
 * One work's summary (as `loadWorkSummary`) and its standing, for its own pages; undefined when the work does
 * not exist. The same blurb as `loadBlurbs` gives for the work. Given a chapter's position, on PostgreSQL that
 * chapter's body comes in the same statement (`body`; undefined where it was not read, null when the work has
 * no such chapter), for `loadChapterPages`; and there its kudos and comment counts (`community`).
 */
export async function loadWorkStanding(
  db: Db,
  id: number,
  chapter?: number,
): Promise<
  | {
      summary: WorkSummary;
      standing: WorkStanding;
      body?: ChapterBody<StoredText> | null;
      community?: WorkPageCommunity;
    }
  | undefined
> {
  if (statementsAreRoundTrips(db)) return loadWorkStandingAtOnce(db, id, chapter ?? null);
  const [row] = await workRow(db, id);
  if (!row) return undefined;
  return standingOf(
    row,
    await workCreators(db, id),
    await workSeries(db, id),
    await workTagRows(db, id),
    await chapterHeads(db, id),
  );
}

/**
 * PostgreSQL's way of `loadWorkStanding`: the work's row with its creators, series, tags and chapter heads as
 * JSON arrays (each the same statement as SQLite's, correlated), and the chapter's body joined: one round trip
 * where there were five or six. The page's kudos and a guest's comment counts of its place (`where`) come in
 * it too: they were two round trips more on every first visit (bench/README.md).
 */
const workAtOnce = fixedQueries((db: Db, where: PagePlace, id: number, chapter: number | null) =>
  db
    .selectFrom('works as w')
    .leftJoin('chapters as b', (join) => join.onRef('b.work_id', '=', 'w.id').on('b.position', '=', chapter))
    .select([
      ...BLURB_COLUMNS.map((column) => `w.${column}` as const),
      'w.status',
      'w.restricted',
      'w.comment_permission',
      'w.comments_moderated',
      'b.id as body_id',
      'b.notes as body_notes',
      'b.end_notes as body_end_notes',
      pageText(db, 'b.html').as('body_html'),
      (eb) =>
        jsonArrayFrom(
          eb
            .selectFrom('work_creators as wc')
            .innerJoin('creators as c', 'c.id', 'wc.creator_id')
            .leftJoin('pseuds as p', 'p.id', 'c.pseud_id')
            .select(['c.id', 'c.name', 'p.user_id'])
            .whereRef('wc.work_id', '=', 'w.id')
            .orderBy('wc.position'),
        ).as('creators'),
      (eb) => jsonArrayFrom(seriesOfWork(eb)).as('series'),
      (eb) => jsonArrayFrom(tagsOfWork(eb).select(TAG_COLUMNS)).as('tags'),
      (eb) =>
        jsonArrayFrom(
          eb
            .selectFrom('chapters as h')
            .select(['h.id', 'h.position', 'h.title', 'h.words', 'h.sanitizer_version'])
            .whereRef('h.work_id', '=', 'w.id')
            .orderBy('h.position'),
        ).as('heads'),
      () => jsonArrayFrom(kudosOfWork(db)).as('kudos'),
      () => jsonObjectFrom(guestCountsOfPage(db, where)).as('guest_counts'),
    ])
    .where('w.id', '=', id),
);

async function loadWorkStandingAtOnce(db: Db, id: number, chapter: number | null) {
  const where = chapter === null ? 'work' : chapter === 1 ? 'first chapter' : 'chapter';
  const [row] = await workAtOnce(db, where, id, chapter);
  if (!row) return undefined;
  const found = {
    ...standingOf(row, row.creators, row.series, row.tags, row.heads),
    community: {
      kudos: kudosListOf(row.kudos),
      guestCounts: {
        threads: Number(row.guest_counts?.threads ?? 0),
        visible: Number(row.guest_counts?.visible ?? 0),
      },
    },
  };
  if (chapter === null) return found;
  const body =
    row.body_id === null
      ? null
      : { id: row.body_id, notes: row.body_notes, end_notes: row.body_end_notes, html: row.body_html };
  return { ...found, body };
}

type WorkRowRead = Awaited<ReturnType<typeof workRow>>[number];

/** The summary and standing of a work from its row and the rows read with it. */
function standingOf(
  row: WorkRowRead,
  creators: readonly { id: number; name: string; user_id: number | null }[],
  series: readonly { id: number; title: string; position: number | null }[],
  tags: readonly TagRow[],
  heads: readonly {
    id: number;
    position: number;
    title: string | null;
    words: number;
    sanitizer_version: number;
  }[],
): { summary: WorkSummary; standing: WorkStanding } {
  const summary: WorkSummary = {
    ...blurbOf(row),
    creators: creators.map((creator) => ({ id: creator.id, name: creator.name })),
    series: series.map((entry) => ({ id: entry.id, title: entry.title, position: entry.position })),
    tags: tagViews(tags, (row) => ({ evidence: parseEvidence(row.evidence) })),
    chapterTitles: heads.map((head) => ({
      id: head.id,
      position: head.position,
      title: head.title,
      words: Number(head.words),
      sanitizerVersion: head.sanitizer_version,
    })),
  };
  const standing: WorkStanding = {
    status: row.status,
    restricted: Boolean(row.restricted),
    creatorUserIds: [
      ...new Set(creators.flatMap((creator) => (creator.user_id === null ? [] : [creator.user_id]))),
    ],
    commentPermission: row.comment_permission,
    commentsModerated: Boolean(row.comments_moderated),
  };
  return { summary, standing };
}

/** A work's row as its blurb, without the creators, series and tags read apart (see `loadBlurbs`). */
function blurbOf(row: Pick<WorkRow, (typeof BLURB_COLUMNS)[number]>): WorkBlurb {
  return {
    id: row.id,
    title: row.title?.trim() ? row.title : UNTITLED,
    creators: [],
    summary: row.summary,
    notes: row.notes,
    endNotes: row.end_notes,
    rating: row.rating,
    language: row.language,
    complete: Boolean(row.complete),
    words: Number(row.words),
    chapterCount: Number(row.chapter_count),
    chaptersPlanned: row.chapters_planned === null ? null : Number(row.chapters_planned),
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
    dateUnknown: Number(row.date_unknown) === 1,
    updatedUnknown: Number(row.updated_unknown) === 1,
    sourceUrl: row.source_url,
    importedAt: row.imported_at,
    kudos: Number(row.kudos_count),
    hits: Number(row.hits_count),
    bookmarks: Number(row.bookmarks_count),
    comments: Number(row.comments_count),
    series: [],
    tags: [],
  };
}

/**
 * One work's tag rows (by tag id) as its pages and blurbs show them, the author's first within a kind, each
 * with what `more` reads off its row (the work page's evidence; nothing for a blurb).
 */
function tagViews<Row extends BlurbTagRow, More extends object>(
  rows: readonly Row[],
  more: (row: Row) => More,
): (BlurbTag & More)[] {
  const views: (BlurbTag & More)[] = [];
  for (const tag of rows) {
    const canonicalId = tag.canonical_id ?? tag.id;
    const existing = views.find((other) => other.canonicalId === canonicalId && other.kind === tag.kind);
    if (existing) {
      // The author's own tag wins; the analysis's passages stay with it.
      if (existing.source === 'inferred' && tag.source === 'author') {
        existing.source = 'author';
        existing.name = tag.name;
        existing.id = tag.id;
      }
      existing.main ||= Boolean(tag.main);
      continue;
    }
    views.push({
      id: tag.id,
      kind: tag.kind,
      name: tag.name,
      canonicalId,
      canonicalName: tag.canonical_name ?? tag.name,
      source: tag.source,
      main: Boolean(tag.main),
      ...more(tag),
    });
  }
  return views.sort(
    (a, b) =>
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      Number(b.main) - Number(a.main) ||
      (a.source === b.source ? 0 : a.source === 'author' ? -1 : 1),
  );
}

type TagRow = Awaited<ReturnType<typeof workTagRows>>[number];
type BlurbTagRow = Omit<TagRow, 'evidence'>;

/**
 * One work with its chapters: `chapter` set to a position loads that chapter alone (the chapter-by-chapter
 * view); left out, every chapter (the entire work, and downloads). Undefined when the work does not exist
 * or has no such chapter.
 */
export async function loadWork(db: Db, id: number, chapter?: number): Promise<WorkView | undefined> {
  const summary = await loadWorkSummary(db, id);
  if (!summary) return undefined;
  const chapters = await loadChapters(db, id, chapter, summary.chapterTitles);
  if (chapter !== undefined && chapters.length === 0) return undefined;
  return { ...summary, chapters };
}

/**
 * A work's chapters in order, or the one at `chapter`; empty when there is no such chapter. Given the work's
 * chapter heads (`loadWorkSummary`), only the bodies are read from the rows: a chapter's `words` and
 * `sanitizer_version` are stored after its HTML and plain text, so reading them there walks both.
 */
export async function loadChapters(
  db: Db,
  workId: number,
  chapter?: number,
  heads?: readonly ChapterHead[],
): Promise<ChapterView[]> {
  if (heads) return loadChapterBodies(db, workId, chapter, heads, chapterBodies);
  let query = db
    .selectFrom('chapters')
    .select(['id', 'position', 'title', 'notes', 'end_notes', 'html', 'sanitizer_version', 'words'])
    .where('work_id', '=', workId)
    .orderBy('position');
  if (chapter !== undefined) query = query.where('position', '=', chapter);
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    position: row.position,
    title: row.title,
    notes: row.notes,
    endNotes: row.end_notes,
    html: row.html,
    sanitizerVersion: row.sanitizer_version,
    words: Number(row.words),
  }));
}

/**
 * A work's chapters in order, or the one at `chapter`, for its pages: as `loadChapters` given the heads, the
 * bodies as `pageText` reads them. On SQLite those are their UTF-8 bytes, which a page puts into its answer as
 * they are (web/render.ts): decoded into a string and encoded again, each page made a heap string of its
 * chapter for the collector (bench/README.md).
 */
export function loadChapterPages(
  db: Db,
  workId: number,
  chapter: number | undefined,
  heads: readonly ChapterHead[],
  // The chapter's body when `loadWorkStanding` read it with the work, null when it found none.
  body?: ChapterBody<StoredText> | null,
): Promise<ChapterView<StoredText>[]> {
  const read =
    body === undefined
      ? chapterBodyBytes
      : async (): Promise<ChapterBody<StoredText>[]> => (body ? [body] : []);
  return loadChapterBodies(db, workId, chapter, heads, read);
}

async function loadChapterBodies<Html extends StoredText>(
  db: Db,
  workId: number,
  chapter: number | undefined,
  heads: readonly ChapterHead[],
  read: (db: Db, by: 'id' | 'work_id', id: number) => Promise<ChapterBody<Html>[]>,
): Promise<ChapterView<Html>[]> {
  const wanted = chapter === undefined ? heads : heads.filter((head) => head.position === chapter);
  const [only] = wanted;
  if (!only) return [];
  // One chapter by its id; all of them by the work's.
  const rows = await (chapter === undefined ? read(db, 'work_id', workId) : read(db, 'id', only.id));
  const bodies = new Map(rows.map((row) => [row.id, row]));
  // A chapter added or removed between the two reads is left out until the next page.
  return wanted.flatMap((head) => {
    const body = bodies.get(head.id);
    return body ? [{ ...head, notes: body.notes, endNotes: body.end_notes, html: body.html }] : [];
  });
}

function parseEvidence(json: string | null): Evidence[] {
  if (!json) return [];
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? (parsed as Evidence[]) : [];
  } catch {
    // Evidence is an aid, never load-bearing: a damaged entry shows no passages rather than failing the page.
    return [];
  }
}
