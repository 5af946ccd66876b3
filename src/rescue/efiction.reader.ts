/**
 * An eFiction 3.x archive from its tables' rows (a dump read by `sql-dump.reader.ts`, or a live database):
 * authors, stories, chapters (in the table or in `stories/<uid>/<chapid>.txt`), nested categories,
 * characters, the site's class types and classes, ratings, series, co-authors, reviews and favourites.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../errors.ts';
import { decodeText, repairMojibake } from '../ingest/encoding.ts';
import { ChapterSpool } from './chapter-spool.ts';
import {
  idList,
  legacyDate,
  type RescueArchive,
  type RescueAuthor,
  type RescueChapter,
  type RescueSeries,
  type RescueSkip,
  type RescueStory,
  type RescueTagRef,
} from './rescue-archive.ts';
import type { DumpRow } from './sql-dump.reader.ts';
import { fileInsideFolder } from './story-files.ts';

/** eFiction's tables, as named after the prefix (`fanfiction_` by default). */
export const EFICTION_TABLES = [
  'authors',
  'stories',
  'chapters',
  'categories',
  'characters',
  'classtypes',
  'classes',
  'ratings',
  'series',
  'inseries',
  'coauthors',
  'reviews',
  'favorites',
] as const;
type EfictionTable = (typeof EFICTION_TABLES)[number];
// Longest first, so `fanfiction_coauthors` is coauthors and not authors, `inseries` not series.
const BY_LENGTH = [...EFICTION_TABLES].sort((a, b) => b.length - a.length);

type Row = Record<string, string | null>;

/** The base name and prefix of a table, when it is one of eFiction's. */
export function splitTableName(table: string): { prefix: string; base: EfictionTable } | null {
  for (const base of BY_LENGTH) {
    if (table.toLowerCase().endsWith(base))
      return { prefix: table.slice(0, table.length - base.length), base };
  }
  return null;
}

/** Gathers the rows of one archive's tables; chapter text goes to a spool file, everything else stays. */
export class EfictionCollector {
  private readonly rows = new Map<string, Map<EfictionTable, Row[]>>();
  private readonly spool = new ChapterSpool();
  private closed = false;

  constructor(private readonly prefix?: string) {}

  add(row: DumpRow): void {
    const name = splitTableName(row.table);
    if (!name) return;
    if (this.prefix !== undefined && name.prefix.toLowerCase() !== this.prefix.toLowerCase()) return;
    let tables = this.rows.get(name.prefix);
    if (!tables) {
      tables = new Map();
      this.rows.set(name.prefix, tables);
    }
    let list = tables.get(name.base);
    if (!list) {
      list = [];
      tables.set(name.base, list);
    }
    if (name.base === 'chapters') {
      const { storytext, ...rest } = row.values;
      const key = `${name.prefix}\u0000${rest.chapid ?? list.length}`;
      if (storytext && storytext.trim() !== '') this.spool.put(key, storytext);
      list.push(rest);
    } else list.push(row.values);
  }

  /** The archive read, given where eFiction kept chapter files (`stories/`), if anywhere. */
  finish(storiesDir: string | null): RescueArchive {
    const prefixes = [...this.rows.entries()].filter(([, tables]) => tables.has('stories')).map(([p]) => p);
    if (prefixes.length === 0) {
      this.spool.close();
      throw new AppError(
        'INVALID_DUMP',
        this.prefix !== undefined
          ? `No stories table with the prefix "${this.prefix}" was found; give the prefix the site used with --prefix.`
          : 'No eFiction stories table was found (a table named like fanfiction_stories): is this an eFiction database?',
      );
    }
    if (prefixes.length > 1) {
      this.spool.close();
      throw new AppError(
        'INVALID_DUMP',
        `This database holds several eFiction archives (table prefixes ${prefixes.map((p) => `"${p}"`).join(', ')}); choose one with --prefix.`,
      );
    }
    const prefix = prefixes[0] as string;
    const tables = this.rows.get(prefix) as Map<EfictionTable, Row[]>;
    return buildArchive(
      prefix,
      (name) => tables.get(name) ?? [],
      this.spool,
      storiesDir,
      () => {
        if (!this.closed) this.spool.close();
        this.closed = true;
      },
    );
  }
}

// Names and titles from latin1 tables that held UTF-8 arrive as mojibake (`CafÃ©`): repaired where read.
const text = (value: string | null | undefined): string => (value ? repairMojibake(value).trim() : '');
const orNull = (value: string | null | undefined): string | null => text(value) || null;

function buildArchive(
  prefix: string,
  table: (name: EfictionTable) => Row[],
  spool: ChapterSpool,
  storiesDir: string | null,
  close: () => void,
): RescueArchive {
  const skipped: RescueSkip[] = [];
  const authors = new Map<string, RescueAuthor>();
  for (const row of table('authors')) {
    const oldId = text(row.uid);
    if (!oldId) continue;
    const name = text(row.penname) || text(row.realname) || `author ${oldId}`;
    authors.set(oldId, { oldId, name, email: orNull(row.email) });
  }

  // Categories nest: a category is named by its path, so two "Season 1"s under different shows stay apart.
  const categoryRows = new Map(table('categories').map((row) => [text(row.catid), row]));
  const categoryPath = (id: string, depth = 0): string => {
    const row = categoryRows.get(id);
    if (!row) return '';
    const parent = text(row.parentcatid);
    const own = text(row.category) || `category ${id}`;
    if (!parent || parent === '0' || parent === '-1' || parent === id || depth > 10) return own;
    const above = categoryPath(parent, depth + 1);
    return above ? `${above} > ${own}` : own;
  };
  const characters = new Map(table('characters').map((row) => [text(row.charid), text(row.charname)]));
  const classTypes = new Map(
    table('classtypes').map((row) => [
      text(row.classtype_id),
      text(row.classtype_title) || text(row.classtype_name),
    ]),
  );
  const classes = new Map(
    table('classes').map((row) => [
      text(row.class_id),
      { type: classTypes.get(text(row.class_type)) ?? 'Class', name: text(row.class_name) },
    ]),
  );
  const ratings = new Map(table('ratings').map((row) => [text(row.rid), text(row.rating)]));

  const coauthors = new Map<string, string[]>();
  for (const row of table('coauthors')) {
    const list = coauthors.get(text(row.sid)) ?? [];
    if (!list.includes(text(row.uid))) list.push(text(row.uid));
    coauthors.set(text(row.sid), list);
  }

  const series: RescueSeries[] = table('series').map((row) => ({
    oldId: text(row.seriesid),
    title: text(row.title) || `Series ${text(row.seriesid)}`,
    summary: orNull(row.summary),
    authorIds: text(row.uid) ? [text(row.uid)] : [],
  }));
  const membership = new Map<string, { oldId: string; position: number | null }[]>();
  for (const row of table('inseries')) {
    const sid = text(row.sid);
    if (!sid || sid === '0') {
      if (text(row.subseriesid) && text(row.subseriesid) !== '0')
        skipped.push({
          kind: 'series',
          oldId: text(row.subseriesid),
          reason: `a series inside series ${text(row.seriesid)}: Quire's series hold works, not series; its works keep their own series`,
        });
      continue;
    }
    const list = membership.get(sid) ?? [];
    const position = Number(text(row.inorder));
    list.push({
      oldId: text(row.seriesid),
      position: Number.isFinite(position) && text(row.inorder) ? position : null,
    });
    membership.set(sid, list);
  }

  const chaptersByStory = new Map<string, Row[]>();
  for (const row of table('chapters')) {
    const list = chaptersByStory.get(text(row.sid)) ?? [];
    list.push(row);
    chaptersByStory.set(text(row.sid), list);
  }

  const reviewsByStory = new Map<string, RescueStory['reviews']>();
  let seriesReviews = 0;
  for (const row of table('reviews')) {
    const type = text(row.type).toUpperCase();
    if (type && type !== 'ST') {
      if (type === 'SE') seriesReviews++;
      else
        skipped.push({
          kind: 'review',
          oldId: text(row.reviewid),
          reason: `a review of a ${type} item, which Quire has no page for`,
        });
      continue;
    }
    const sid = text(row.item) || text(row.sid);
    const uid = text(row.uid);
    const name = text(row.reviewer) || (uid && uid !== '0' ? authors.get(uid)?.name : '') || 'Anonymous';
    const chapid = text(row.chapid);
    const chapter = (chaptersByStory.get(sid) ?? []).find((candidate) => text(candidate.chapid) === chapid);
    const list = reviewsByStory.get(sid) ?? [];
    const body = text(row.review);
    if (!body) continue;
    list.push({
      oldId: text(row.reviewid),
      name,
      date: legacyDate(row.date),
      body,
      chapterPosition: chapter ? Number(text(chapter.inorder)) || null : null,
    });
    reviewsByStory.set(sid, list);
  }
  if (seriesReviews > 0)
    skipped.push({
      kind: 'review',
      oldId: `${seriesReviews} series reviews`,
      reason: 'reviews of whole series: Quire has comments on works and chapters only',
    });
  const favourites = table('favorites').length;
  if (favourites > 0)
    skipped.push({
      kind: 'favourite',
      oldId: `${favourites} favourites`,
      reason: "Quire's bookmarks belong to member accounts, which the old archive's readers do not have yet",
    });

  const stories: RescueStory[] = [];
  for (const row of table('stories')) {
    const sid = text(row.sid);
    if (!sid) continue;
    const notesForReport: string[] = [];
    const tags: RescueTagRef[] = [];
    for (const id of idList(row.catid)) {
      const path = categoryPath(id);
      if (path) tags.push({ source: 'category', original: path });
      else notesForReport.push(`unknown category id ${id}`);
    }
    for (const id of idList(row.charid)) {
      const name = characters.get(id);
      if (name) tags.push({ source: 'character', original: name });
      else notesForReport.push(`unknown character id ${id}`);
    }
    for (const id of idList(row.classes)) {
      const found = classes.get(id);
      if (found?.name) tags.push({ source: `class:${found.type}`, original: found.name });
      else notesForReport.push(`unknown class id ${id}`);
    }
    // `rid` is an id into the ratings table; older sites (and some mods) wrote the rating's string instead.
    const rid = text(row.rid) || text(row.rating);
    const rating = ratings.get(rid) ?? (rid && !/^\d+$/.test(rid) ? rid : null);
    if (rid && !rating && rid !== '0') notesForReport.push(`unknown rating id ${rid}`);
    const uid = text(row.uid);
    const authorIds = [uid, ...(coauthors.get(sid) ?? []), ...idList(row.coauthors)].filter(
      (id, index, all) => id && id !== '0' && all.indexOf(id) === index && authors.has(id),
    );
    if (uid && !authors.has(uid)) notesForReport.push(`unknown author id ${uid}`);
    const published = legacyDate(row.date);
    const updated = legacyDate(row.updated);
    if (!published && row.date) notesForReport.push(`no usable date ("${text(row.date)}")`);
    const validated = text(row.validated);
    if (validated === '0') {
      skipped.push({
        kind: 'story',
        oldId: sid,
        reason: 'never validated on the old archive (waiting in its queue)',
      });
      continue;
    }
    const chapters = chaptersByStory.get(sid) ?? [];
    const positions = [...new Set(chapters.map((chapter) => Number(text(chapter.inorder)) || 1))];
    stories.push({
      oldId: sid,
      title: text(row.title) || 'Untitled',
      summary: orNull(row.summary),
      notes: orNull(row.storynotes),
      endNotes: null,
      authorIds,
      rating,
      tags,
      complete: ['1', 'y', 'yes', 'true'].includes(text(row.completed).toLowerCase()),
      published,
      updated,
      series: membership.get(sid) ?? [],
      reviews: reviewsByStory.get(sid) ?? [],
      oldPaths: [
        `viewstory.php?sid=${sid}`,
        ...positions.map((position) => `viewstory.php?sid=${sid}&chapter=${position}`),
      ],
      notesForReport,
    });
  }

  const browseLinks = [...categoryRows.keys()]
    .filter((id) => id)
    .map((id) => ({
      oldPath: `browse.php?type=categories&catid=${id}`,
      tag: { source: 'category', original: categoryPath(id) },
    }));

  return {
    kind: 'efiction',
    authors,
    series,
    stories,
    browseLinks,
    skipped,
    close: async () => close(),
    readChapters: async (story) => {
      const found: RescueChapter[] = [];
      const missing: RescueSkip[] = [];
      const rows = [...(chaptersByStory.get(story.oldId) ?? [])].sort(
        (a, b) =>
          (Number(text(a.inorder)) || 0) - (Number(text(b.inorder)) || 0) ||
          Number(text(a.chapid)) - Number(text(b.chapid)),
      );
      for (const row of rows) {
        const chapid = text(row.chapid);
        if (text(row.validated) === '0') {
          missing.push({
            kind: 'chapter',
            oldId: chapid,
            reason: `chapter of story ${story.oldId} never validated on the old archive`,
          });
          continue;
        }
        let body = spool.get(`${prefix}\u0000${chapid}`);
        if (body === null && storiesDir) {
          const uid = text(row.uid) || story.authorIds[0] || '';
          const file = await fileInsideFolder(storiesDir, join(uid, `${chapid}.txt`));
          const chapter = `chapter ${text(row.inorder) || '?'} of story ${story.oldId}`;
          if (!file.ok) {
            missing.push({ kind: 'chapter', oldId: chapid, reason: `${chapter}: ${file.error}` });
            continue;
          }
          try {
            body = decodeText(await readFile(file.path), file.path).text;
          } catch (error) {
            const reason = `${chapter}: its file ${file.path} cannot be read (${(error as Error).message})`;
            missing.push({ kind: 'chapter', oldId: chapid, reason });
            continue;
          }
        }
        if (body === null) {
          missing.push({
            kind: 'chapter',
            oldId: chapid,
            reason: `chapter ${text(row.inorder) || '?'} of story ${story.oldId} has no text in the database${storiesDir ? '' : ' (give the stories folder with --stories)'}`,
          });
          continue;
        }
        found.push({
          oldId: chapid,
          oldPosition: Number(text(row.inorder)) || found.length + 1,
          title: orNull(row.title),
          notes: orNull(row.notes),
          endNotes: orNull(row.endnotes),
          body,
        });
      }
      return { chapters: found, skipped: missing };
    },
  };
}

/** An eFiction archive from its rows, however they were read. */
export async function collectEfiction(
  rows: AsyncIterable<DumpRow>,
  options: { prefix?: string; storiesDir: string | null },
): Promise<RescueArchive> {
  const collector = new EfictionCollector(options.prefix);
  for await (const row of rows) collector.add(row);
  return collector.finish(options.storiesDir);
}
