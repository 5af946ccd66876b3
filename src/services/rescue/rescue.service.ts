/**
 * A rescue: an old archive (read by one of the readers in src/rescue/) stored as Quire works, through the
 * mapping sheet, with its authors as claimable creators, its series in order, its reviews as comments and
 * its old addresses kept. Stories are written in batches, each in one transaction with the record of what
 * it became, so a rescue stopped by Ctrl-C or a crash goes on where it stopped, and a second run with the
 * same sheet changes nothing.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import type { Knowledge } from '../../analysis/knowledge.ts';
import type { Store } from '../../db/connect.ts';
import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import {
  chapterIdsByPosition,
  findCreatorByName,
  findLegacyCreators,
  findRescueItems,
  findSeriesTitle,
  findWrangledTags,
  insertGuestComments,
  insertLegacyCreator,
  type LegacyLink,
  type RescueItem,
  saveLegacyLinks,
  saveRescueItem,
  seriesTitleTaken,
  updateLegacyCreatorEmail,
} from '../../repositories/legacy.repository.ts';
import { findTag } from '../../repositories/tag.repository.ts';
import {
  deleteWork,
  findWorkByTextHash,
  finishWorkBatch,
  insertWork,
  seriesIdByTitle,
  startWorkBatch,
  type WorkBatch,
} from '../../repositories/work.repository.ts';
import type { DoNotImport } from '../../rescue/do-not-import.ts';
import {
  buildSheet,
  mapTag,
  readSheet,
  type Sheet,
  sheetKey,
  writeSheet,
} from '../../rescue/mapping-sheet.ts';
import type { RescueArchive, RescueSkip, RescueStory, RescueTagRef } from '../../rescue/rescue-archive.ts';
import type { SearchProvider } from '../../search/search-provider.ts';
import { makeSynonym } from '../tag.service.ts';
import { type RescuedWork, rescueWork } from './rescue-work.ts';

export type RescueStatus = 'imported' | 'updated' | 'unchanged' | 'duplicate' | 'skipped';

export interface RescueProgress {
  done: number;
  total: number;
  counts: Record<RescueStatus, number>;
}

export interface RescueOptions {
  /** The old archive's name in Quire (`--name`): two rescued archives keep their records apart. */
  archive: string;
  /** Where the mapping sheet is read from and written to. */
  sheetPath: string;
  knowledge: Knowledge;
  doNotImport?: DoNotImport;
  signal?: AbortSignal;
  onProgress?: (progress: RescueProgress) => void;
  /** Stories per transaction. */
  batchSize?: number;
  now?: () => Date;
}

export interface RescueSummary {
  counts: Record<RescueStatus, number>;
  total: number;
  /** Everything left out or odd, with its reason: the report. */
  skipped: RescueSkip[];
  /** Story notes about the old records (unknown ids, impossible dates). */
  notes: { story: string; note: string }[];
  /** E-mail addresses found in story text and masked, by story. */
  emails: { story: string; address: string }[];
  sheet: { path: string; rows: number; mapped: number; unmapped: number; problems: string[] };
  creators: number;
  series: number;
  links: number;
  comments: number;
  seconds: number;
  interrupted: boolean;
}

interface PreparedStory {
  story: RescueStory;
  rescued: RescuedWork | null;
  reason: string | null;
  /** Left out on purpose (the do-not-import list), not for want of text. */
  leftOut: boolean;
}

const STATUSES: RescueStatus[] = ['imported', 'updated', 'unchanged', 'duplicate', 'skipped'];

async function loadSheet(path: string): Promise<Sheet | null> {
  if (!existsSync(path)) return null;
  return readSheet(await readFile(path, 'utf8'));
}

/** Every original string the stories carry, once per story, and each rating. */
function* tagRefs(stories: readonly RescueStory[]): Generator<RescueTagRef> {
  for (const story of stories) {
    const seen = new Set<string>();
    const refs = story.rating ? [{ source: 'rating', original: story.rating }, ...story.tags] : story.tags;
    for (const ref of refs) {
      const key = sheetKey(ref);
      if (seen.has(key)) continue;
      seen.add(key);
      yield ref;
    }
  }
}

/**
 * The sheet's choices made synonyms in the archive, as the wrangling page would: a string mapped on an
 * earlier run to one tag and now to another leads to the new one on every work that carries it.
 */
async function applySheetSynonyms(db: Db, sheet: Sheet): Promise<void> {
  for (const row of sheet.rows.values()) {
    if (!row.kind || !row.tag || row.tag === row.original || row.kind === 'rating') continue;
    const existing = await findTag(db, row.kind, row.original);
    if (!existing || existing.canonical) continue;
    const target = await findTag(db, row.kind, row.tag);
    if (target && existing.synonym_of === target.id) continue;
    await makeSynonym(db, row.original, row.tag, row.kind);
  }
}

/** A creator name for an old author: their pen name unless another creator has it. */
async function freeCreatorName(db: Db, name: string, archive: string, oldId: string): Promise<string> {
  for (const candidate of [name, `${name} (${archive})`, `${name} (${archive} ${oldId})`]) {
    if (!(await findCreatorByName(db, candidate))) return candidate;
  }
  return `${name} (${archive} ${oldId} ${Date.now()})`;
}

export async function rescueArchive(
  store: Store,
  search: SearchProvider,
  archive: RescueArchive,
  options: RescueOptions,
): Promise<RescueSummary> {
  const started = Date.now();
  const now = () => (options.now?.() ?? new Date()).toISOString();
  const db = store.db;
  const name = options.archive;
  const skipped: RescueSkip[] = [...archive.skipped];
  const notes: RescueSummary['notes'] = [];
  const emails: RescueSummary['emails'] = [];
  const counts = Object.fromEntries(STATUSES.map((status) => [status, 0])) as Record<RescueStatus, number>;

  // The sheet: written before anything is stored, so even a stopped first run leaves it to edit.
  const previousSheet = await loadSheet(options.sheetPath);
  const sheetRows = buildSheet(tagRefs(archive.stories), previousSheet, options.knowledge);
  // A string wrangled in the archive since (the wrangling page, `quire tags map`) and left empty in the sheet
  // takes the wrangler's choice, so the sheet and the archive agree.
  const wrangled = await findWrangledTags(
    db,
    sheetRows.filter((row) => !row.tag).map((row) => row.original),
  );
  for (const row of sheetRows) {
    const choice = row.tag ? undefined : wrangled.get(row.original);
    if (choice && row.source !== 'rating') {
      row.kind = choice.kind;
      row.tag = choice.name;
    }
  }
  await writeFile(options.sheetPath, writeSheet(sheetRows));
  const sheet: Sheet = {
    rows: new Map(sheetRows.map((row) => [sheetKey(row), row])),
    problems: previousSheet?.problems ?? [],
  };
  if (previousSheet) await inTransaction(db, (trx) => applySheetSynonyms(trx, sheet));

  const excludedAuthors = options.doNotImport?.authors ?? new Set<string>();
  const excludedStories = options.doNotImport?.stories ?? new Set<string>();
  const leftOut = (story: RescueStory): string | null => {
    if (excludedStories.has(story.oldId)) return 'on the do-not-import list';
    const author = story.authorIds.find((id) => excludedAuthors.has(id));
    if (author) return `its author ${author} is on the do-not-import list`;
    if (story.authorIds.length === 0) return 'it names no author the old archive knows';
    return null;
  };

  // Authors become creators (once: a second run finds them), keeping the address the old archive held.
  const creators = await findLegacyCreators(db, name);
  const creatorNames = new Map<string, string>();
  const wanted = new Set(
    archive.stories.filter((story) => !leftOut(story)).flatMap((story) => story.authorIds),
  );
  await inTransaction(db, async (trx) => {
    for (const oldId of wanted) {
      const author = archive.authors.get(oldId);
      if (!author) continue;
      const known = creators.get(oldId);
      if (known) {
        if (known.email !== author.email) await updateLegacyCreatorEmail(trx, name, oldId, author.email);
        creatorNames.set(oldId, known.name);
        continue;
      }
      const creatorName = await freeCreatorName(trx, author.name, name, oldId);
      const creatorId = await insertLegacyCreator(trx, name, { ...author, name: creatorName });
      creators.set(oldId, { oldId, creatorId, name: creatorName, email: author.email, invitedAt: null });
      creatorNames.set(oldId, creatorName);
    }
    for (const oldId of excludedAuthors)
      skipped.push({ kind: 'author', oldId, reason: 'on the do-not-import list' });
  });

  // Series: titles are unique in Quire, so a second "Drabbles" is told apart by its author.
  const seriesTitles = new Map<string, string>();
  const seriesItems = await findRescueItems(db, name, 'series');
  const usedSeries = new Set(archive.stories.flatMap((story) => story.series.map((entry) => entry.oldId)));
  const seriesLinks: LegacyLink[] = [];
  await inTransaction(db, async (trx) => {
    for (const series of archive.series) {
      if (!usedSeries.has(series.oldId)) continue;
      const known = seriesItems.get(series.oldId);
      let title = known?.target_id ? await findSeriesTitle(trx, known.target_id) : undefined;
      if (!title) {
        const by = series.authorIds.map((id) => archive.authors.get(id)?.name).find(Boolean);
        const candidates = [
          series.title,
          `${series.title} (${by ?? name})`,
          `${series.title} (${name} ${series.oldId})`,
        ];
        title = candidates.find((candidate, index) => index === candidates.length - 1 || candidate) as string;
        for (const candidate of candidates) {
          if (!(await seriesTitleTaken(trx, candidate))) {
            title = candidate;
            break;
          }
        }
      }
      const seriesId = await seriesIdByTitle(trx, title);
      seriesTitles.set(series.oldId, title);
      if (known?.target_id !== seriesId)
        await saveRescueItem(
          trx,
          name,
          {
            kind: 'series',
            old_id: series.oldId,
            target_id: seriesId,
            status: 'imported',
            reason: null,
            content_hash: title,
          },
          now(),
        );
      if (archive.kind === 'efiction')
        seriesLinks.push({
          old_path: `series.php?seriesid=${series.oldId}`,
          target_kind: 'series',
          target_id: seriesId,
          target_name: null,
          position: null,
        });
    }
  });

  const previous = await findRescueItems(db, name, 'story');
  const total = archive.stories.length;
  const batchSize = options.batchSize ?? 100;
  let done = 0;
  let comments = 0;
  let links = 0;
  let interrupted = false;
  const usedTags = new Set<string>();
  const report = () => options.onProgress?.({ done, total, counts: { ...counts } });
  report();

  for (let start = 0; start < total; start += batchSize) {
    if (options.signal?.aborted) {
      interrupted = true;
      break;
    }
    // Chapters are read and cleaned before the transaction, which then only writes.
    const prepared: PreparedStory[] = [];
    for (const story of archive.stories.slice(start, start + batchSize)) {
      for (const ref of story.tags) usedTags.add(sheetKey(ref));
      const out = leftOut(story);
      if (out) {
        prepared.push({ story, rescued: null, reason: out, leftOut: true });
        continue;
      }
      // One story that cannot be read or cleaned is reported and the rest go on.
      try {
        const read = await archive.readChapters(story);
        skipped.push(...read.skipped);
        for (const note of story.notesForReport) notes.push({ story: story.oldId, note });
        const rescued = rescueWork(story, read.chapters, {
          sheet,
          knowledge: options.knowledge,
          creatorNames: story.authorIds
            .map((id) => creatorNames.get(id))
            .filter((n): n is string => Boolean(n)),
          seriesTitles,
          today: now().slice(0, 10),
          found: (address) => emails.push({ story: story.oldId, address }),
        });
        if (rescued.work.chapters.length === 0)
          prepared.push({
            story,
            rescued: null,
            reason: 'no chapter with any text could be read',
            leftOut: false,
          });
        else prepared.push({ story, rescued, reason: null, leftOut: false });
      } catch (error) {
        prepared.push({
          story,
          rescued: null,
          leftOut: false,
          reason: `its text could not be read or cleaned: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
    }
    await inTransaction(db, async (trx) => {
      const works = startWorkBatch();
      for (const item of prepared) {
        const outcome = await writeStory(
          trx,
          search,
          works,
          item,
          previous.get(item.story.oldId),
          name,
          now(),
        );
        counts[outcome.status]++;
        comments += outcome.comments;
        links += outcome.links;
        if (outcome.status === 'skipped')
          skipped.push({ kind: 'story', oldId: item.story.oldId, reason: item.reason ?? 'skipped' });
      }
      await finishWorkBatch(trx, works);
    });
    done += prepared.length;
    report();
  }

  if (!interrupted) {
    // Authors' and categories' old pages, and the series': written once the stories are in.
    const extra: LegacyLink[] = [...seriesLinks];
    if (archive.kind === 'efiction') {
      for (const [oldId, creator] of creators)
        extra.push({
          old_path: `viewuser.php?uid=${oldId}`,
          target_kind: 'creator',
          target_id: creator.creatorId,
          target_name: null,
          position: null,
        });
    }
    for (const link of archive.browseLinks) {
      if (!usedTags.has(sheetKey(link.tag))) continue;
      const mapped = mapTag(link.tag, sheet);
      extra.push({
        old_path: link.oldPath,
        target_kind: 'tag',
        target_id: null,
        target_name: mapped.name,
        position: null,
      });
    }
    await inTransaction(db, (trx) => saveLegacyLinks(trx, name, extra));
    links += extra.length;
  }
  await archive.close();

  const mapped = sheetRows.filter((row) => row.kind && row.tag).length;
  return {
    counts,
    total,
    skipped,
    notes,
    emails,
    sheet: {
      path: options.sheetPath,
      rows: sheetRows.length,
      mapped,
      unmapped: sheetRows.length - mapped,
      problems: sheet.problems,
    },
    creators: creators.size,
    series: seriesTitles.size,
    links,
    comments,
    seconds: (Date.now() - started) / 1000,
    interrupted,
  };
}

async function writeStory(
  db: Db,
  search: SearchProvider,
  works: WorkBatch,
  item: PreparedStory,
  previous: RescueItem | undefined,
  archive: string,
  now: string,
): Promise<{ status: RescueStatus; comments: number; links: number }> {
  const { story, rescued } = item;
  const ownWork = previous?.status === 'imported' ? previous.target_id : null;
  if (!rescued) {
    if (previous?.status === 'skipped' && previous.reason === item.reason)
      return { status: 'skipped', comments: 0, links: 0 };
    // A story whose text cannot be read this time (a wrong --stories folder) keeps the work an earlier run
    // made; only one taken off the archive (the do-not-import list grew) loses it.
    if (ownWork && !item.leftOut) return { status: 'skipped', comments: 0, links: 0 };
    if (ownWork) await deleteWork(db, search, ownWork);
    await saveRescueItem(
      db,
      archive,
      {
        kind: 'story',
        old_id: story.oldId,
        target_id: null,
        status: 'skipped',
        reason: item.reason,
        content_hash: '',
      },
      now,
    );
    return { status: 'skipped', comments: 0, links: 0 };
  }
  if (previous && previous.content_hash === rescued.hash && previous.status !== 'skipped') {
    const target =
      previous.target_id === null
        ? null
        : await db.selectFrom('works').select('id').where('id', '=', previous.target_id).executeTakeFirst();
    if (target) return { status: 'unchanged', comments: 0, links: 0 };
  }
  if (ownWork) await deleteWork(db, search, ownWork);
  const same = await findWorkByTextHash(db, rescued.work.textHash);
  let workId: number;
  let status: RescueStatus;
  let comments = 0;
  if (same) {
    // Already in the archive (imported from a file, or posted twice on the old site): recorded, and the
    // old addresses lead to the work that is there.
    workId = same.id;
    status = 'duplicate';
  } else {
    workId = await insertWork(db, search, rescued.work, now, works);
    status = ownWork ? 'updated' : 'imported';
    if (rescued.comments.length > 0) {
      const chapterIds = await chapterIdsByPosition(db, workId);
      await insertGuestComments(
        db,
        workId,
        rescued.comments.map((comment) => ({
          chapterId: comment.position === null ? null : (chapterIds.get(comment.position) ?? null),
          guestName: comment.guestName,
          body: comment.body,
          createdAt: comment.createdAt,
        })),
      );
      comments = rescued.comments.length;
    }
  }
  const links: LegacyLink[] = story.oldPaths.map((oldPath) => {
    const chapter = /[?&]chapter=(\d+)/.exec(oldPath);
    const position = chapter ? rescued.positions.get(Number(chapter[1])) : undefined;
    return position
      ? { old_path: oldPath, target_kind: 'chapter', target_id: workId, target_name: null, position }
      : { old_path: oldPath, target_kind: 'work', target_id: workId, target_name: null, position: null };
  });
  await saveLegacyLinks(db, archive, links);
  await saveRescueItem(
    db,
    archive,
    {
      kind: 'story',
      old_id: story.oldId,
      target_id: workId,
      status: status === 'duplicate' ? 'duplicate' : 'imported',
      reason: status === 'duplicate' ? `the same text as work ${workId}` : null,
      content_hash: rescued.hash,
    },
    now,
  );
  return { status, comments, links: links.length };
}
