/**
 * A rescue: an old archive (read by one of the readers in src/rescue/) stored as Quire works, through the
 * mapping sheet, with its authors as claimable creators, its series in order, its reviews as comments and
 * its old addresses kept. Stories are written in batches, each in one transaction with the record of what
 * it became, so a rescue stopped by Ctrl-C or a crash goes on where it stopped, and a second run with the
 * same sheet changes nothing.
 */
import type { Knowledge } from '../../analysis/knowledge.ts';
import type { Store } from '../../db/connect.ts';
import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import {
  findRescueItems,
  type LegacyCreator,
  type LegacyLink,
  saveLegacyLinks,
} from '../../repositories/legacy.repository.ts';
import { finishWorkBatch, startWorkBatch } from '../../repositories/work.repository.ts';
import type { DoNotImport } from '../../rescue/do-not-import.ts';
import { mapTag, type Sheet, sheetKey } from '../../rescue/mapping-sheet.ts';
import type { RescueArchive } from '../../rescue/rescue-archive.ts';
import type { SearchProvider } from '../../search/search-provider.ts';
import { storeRescueCreators } from './rescue-creators.ts';
import { storeRescueSeries } from './rescue-series.ts';
import { prepareRescueSheet } from './rescue-sheet.ts';
import {
  leftOutReason,
  type PreparedStory,
  prepareRescueStory,
  type RescueFindings,
  type RescueStatus,
  type StoryContext,
  writeRescueStory,
} from './rescue-story.ts';

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

export interface RescueSummary extends RescueFindings {
  counts: Record<RescueStatus, number>;
  total: number;
  sheet: { path: string; rows: number; mapped: number; unmapped: number; problems: string[] };
  creators: number;
  series: number;
  links: number;
  comments: number;
  seconds: number;
  interrupted: boolean;
}

const STATUSES: RescueStatus[] = ['imported', 'updated', 'unchanged', 'duplicate', 'skipped'];

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
  const findings: RescueFindings = { skipped: [...archive.skipped], notes: [], emails: [] };

  const { rows, sheet } = await prepareRescueSheet(db, archive.stories, options.sheetPath, options.knowledge);
  const wanted = new Set(
    archive.stories
      .filter((story) => !leftOutReason(story, options.doNotImport))
      .flatMap((story) => story.authorIds),
  );
  const creators = await storeRescueCreators(db, archive, name, wanted);
  for (const oldId of options.doNotImport?.authors ?? [])
    findings.skipped.push({ kind: 'author', oldId, reason: 'on the do-not-import list' });
  const series = await storeRescueSeries(db, archive, name, now);

  const context: StoryContext = {
    archive,
    sheet,
    knowledge: options.knowledge,
    creatorNames: creators.names,
    series: series.byOldId,
    now,
    findings,
  };
  const stories = await storeStories(db, search, context, options);
  let links = stories.links;
  if (!stories.interrupted) {
    // Authors' and categories' old pages, and the series': written once the stories are in.
    const pages = [...series.links, ...oldPages(archive, creators.creators, stories.usedTags, sheet)];
    await inTransaction(db, (trx) => saveLegacyLinks(trx, name, pages));
    links += pages.length;
  }
  await archive.close();

  const mapped = rows.filter((row) => row.kind && row.tag).length;
  return {
    counts: stories.counts,
    total: archive.stories.length,
    ...findings,
    sheet: {
      path: options.sheetPath,
      rows: rows.length,
      mapped,
      unmapped: rows.length - mapped,
      problems: sheet.problems,
    },
    creators: creators.creators.size,
    series: series.byOldId.size,
    links,
    comments: stories.comments,
    seconds: (Date.now() - started) / 1000,
    interrupted: stories.interrupted,
  };
}

interface StoriesStored {
  counts: Record<RescueStatus, number>;
  comments: number;
  links: number;
  interrupted: boolean;
  /** The sheet keys of every tag the stories read carry. */
  usedTags: Set<string>;
}

/** The stories in batches, each read and cleaned first, then written in one transaction; stops when told. */
async function storeStories(
  db: Db,
  search: SearchProvider,
  context: StoryContext,
  options: RescueOptions,
): Promise<StoriesStored> {
  const name = options.archive;
  const all = context.archive.stories;
  const previous = await findRescueItems(db, name, 'story');
  const batchSize = options.batchSize ?? 100;
  const counts = Object.fromEntries(STATUSES.map((status) => [status, 0])) as Record<RescueStatus, number>;
  const stored: StoriesStored = { counts, comments: 0, links: 0, interrupted: false, usedTags: new Set() };
  let done = 0;
  const report = () => options.onProgress?.({ done, total: all.length, counts: { ...counts } });
  report();

  for (let start = 0; start < all.length; start += batchSize) {
    if (options.signal?.aborted) {
      stored.interrupted = true;
      break;
    }
    // Chapters are read and cleaned before the transaction, which then only writes.
    const prepared: PreparedStory[] = [];
    for (const story of all.slice(start, start + batchSize)) {
      for (const ref of story.tags) stored.usedTags.add(sheetKey(ref));
      const out = leftOutReason(story, options.doNotImport);
      prepared.push(
        out ? { story, rescued: null, reason: out, leftOut: true } : await prepareRescueStory(story, context),
      );
    }
    await inTransaction(db, async (trx) => {
      const works = startWorkBatch();
      for (const item of prepared) {
        const before = previous.get(item.story.oldId);
        const outcome = await writeRescueStory(trx, search, works, item, before, name, context.now());
        counts[outcome.status]++;
        stored.comments += outcome.comments;
        stored.links += outcome.links;
        if (outcome.status === 'skipped')
          context.findings.skipped.push({
            kind: 'story',
            oldId: item.story.oldId,
            reason: item.reason ?? 'skipped',
          });
      }
      await finishWorkBatch(trx, works);
    });
    done += prepared.length;
    report();
  }
  return stored;
}

/** eFiction's authors' pages, and the old archive's browse pages of the tags the stories carry. */
function oldPages(
  archive: RescueArchive,
  creators: ReadonlyMap<string, LegacyCreator>,
  usedTags: ReadonlySet<string>,
  sheet: Sheet,
): LegacyLink[] {
  const pages: LegacyLink[] = [];
  if (archive.kind === 'efiction') {
    for (const [oldId, creator] of creators)
      pages.push({
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
    pages.push({
      old_path: link.oldPath,
      target_kind: 'tag',
      target_id: null,
      target_name: mapped.name,
      position: null,
    });
  }
  return pages;
}
