/**
 * One old story on its way in: read and cleaned outside any transaction (`prepareRescueStory`), then written
 * inside its batch's (`writeRescueStory`) as a new work, an update of the work an earlier run made, a
 * duplicate of a work already in the archive, or a skip with its reason.
 */
import type { Knowledge } from '../../analysis/knowledge.ts';
import type { Db } from '../../db/database.ts';
import {
  chapterIdsByPosition,
  insertGuestComments,
  type LegacyLink,
  type RescueItem,
  saveLegacyLinks,
  saveRescueItem,
} from '../../repositories/legacy.repository.ts';
import {
  deleteWork,
  findWorkByTextHash,
  insertWork,
  type WorkBatch,
} from '../../repositories/work.repository.ts';
import type { DoNotImport } from '../../rescue/do-not-import.ts';
import type { Sheet } from '../../rescue/mapping-sheet.ts';
import type { RescueArchive, RescueSkip, RescueStory } from '../../rescue/rescue-archive.ts';
import type { SearchProvider } from '../../search/search-provider.ts';
import { type RescuedWork, rescueWork } from './rescue-work.ts';

export type RescueStatus = 'imported' | 'updated' | 'unchanged' | 'duplicate' | 'skipped';

/** What a rescue reports beside its counts, gathered as the stories are read. */
export interface RescueFindings {
  /** Everything left out or odd, with its reason: the report. */
  skipped: RescueSkip[];
  /** Story notes about the old records (unknown ids, impossible dates). */
  notes: { story: string; note: string }[];
  /** E-mail addresses found in story text and masked, by story. */
  emails: { story: string; address: string }[];
}

export interface PreparedStory {
  story: RescueStory;
  rescued: RescuedWork | null;
  reason: string | null;
  /** Left out on purpose (the do-not-import list), not for want of text. */
  leftOut: boolean;
}

/** Why a story is left out of the rescue, or null when it is taken. */
export function leftOutReason(story: RescueStory, doNotImport: DoNotImport | undefined): string | null {
  if (doNotImport?.stories.has(story.oldId)) return 'on the do-not-import list';
  const author = story.authorIds.find((id) => doNotImport?.authors.has(id));
  if (author) return `its author ${author} is on the do-not-import list`;
  if (story.authorIds.length === 0) return 'it names no author the old archive knows';
  return null;
}

export interface StoryContext {
  archive: RescueArchive;
  sheet: Sheet;
  knowledge: Knowledge;
  creatorNames: ReadonlyMap<string, string>;
  series: ReadonlyMap<string, { id: number; title: string }>;
  now: () => string;
  findings: RescueFindings;
}

/** A story's chapters read and cleaned into a work; a story that cannot be is reported and the rest go on. */
export async function prepareRescueStory(story: RescueStory, context: StoryContext): Promise<PreparedStory> {
  const { findings } = context;
  try {
    const read = await context.archive.readChapters(story);
    findings.skipped.push(...read.skipped);
    for (const note of story.notesForReport) findings.notes.push({ story: story.oldId, note });
    const rescued = rescueWork(story, read.chapters, {
      sheet: context.sheet,
      knowledge: context.knowledge,
      creatorNames: story.authorIds
        .map((id) => context.creatorNames.get(id))
        .filter((n): n is string => Boolean(n)),
      series: context.series,
      today: context.now().slice(0, 10),
      found: (address) => findings.emails.push({ story: story.oldId, address }),
    });
    if (rescued.work.chapters.length === 0)
      return { story, rescued: null, reason: 'no chapter with any text could be read', leftOut: false };
    return { story, rescued, reason: null, leftOut: false };
  } catch (error) {
    return {
      story,
      rescued: null,
      leftOut: false,
      reason: `its text could not be read or cleaned: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

export interface StoryOutcome {
  status: RescueStatus;
  comments: number;
  links: number;
}

const SKIPPED: StoryOutcome = { status: 'skipped', comments: 0, links: 0 };

/** Write one prepared story, given what an earlier run recorded for it. */
export async function writeRescueStory(
  db: Db,
  search: SearchProvider,
  works: WorkBatch,
  item: PreparedStory,
  previous: RescueItem | undefined,
  archive: string,
  now: string,
): Promise<StoryOutcome> {
  const { rescued } = item;
  if (!rescued) return writeSkip(db, search, item, previous, archive, now);
  if (previous && previous.content_hash === rescued.hash && previous.status !== 'skipped') {
    const target =
      previous.target_id === null
        ? null
        : await db.selectFrom('works').select('id').where('id', '=', previous.target_id).executeTakeFirst();
    if (target) return { status: 'unchanged', comments: 0, links: 0 };
  }
  const ownWork = previous?.status === 'imported' ? previous.target_id : null;
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
    comments = await insertComments(db, workId, rescued);
  }
  const links = storyLinks(item.story, rescued, workId);
  await saveLegacyLinks(db, archive, links);
  await saveRescueItem(
    db,
    archive,
    {
      kind: 'story',
      old_id: item.story.oldId,
      target_id: workId,
      status: status === 'duplicate' ? 'duplicate' : 'imported',
      reason: status === 'duplicate' ? `the same text as work ${workId}` : null,
      content_hash: rescued.hash,
    },
    now,
  );
  return { status, comments, links: links.length };
}

async function writeSkip(
  db: Db,
  search: SearchProvider,
  item: PreparedStory,
  previous: RescueItem | undefined,
  archive: string,
  now: string,
): Promise<StoryOutcome> {
  if (previous?.status === 'skipped' && previous.reason === item.reason) return SKIPPED;
  const ownWork = previous?.status === 'imported' ? previous.target_id : null;
  // A story whose text cannot be read this time (a wrong --stories folder) keeps the work an earlier run
  // made; only one taken off the archive (the do-not-import list grew) loses it.
  if (ownWork && !item.leftOut) return SKIPPED;
  if (ownWork) await deleteWork(db, search, ownWork);
  await saveRescueItem(
    db,
    archive,
    {
      kind: 'story',
      old_id: item.story.oldId,
      target_id: null,
      status: 'skipped',
      reason: item.reason,
      content_hash: '',
    },
    now,
  );
  return SKIPPED;
}

/** The old site's reviews as guests' comments, each on its chapter. */
async function insertComments(db: Db, workId: number, rescued: RescuedWork): Promise<number> {
  if (rescued.comments.length === 0) return 0;
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
  return rescued.comments.length;
}

/** The story's old addresses, each leading to the work or to the chapter it named. */
function storyLinks(story: RescueStory, rescued: RescuedWork, workId: number): LegacyLink[] {
  return story.oldPaths.map((oldPath) => {
    const chapter = /[?&]chapter=(\d+)/.exec(oldPath);
    const position = chapter ? rescued.positions.get(Number(chapter[1])) : undefined;
    return position
      ? { old_path: oldPath, target_kind: 'chapter', target_id: workId, target_name: null, position }
      : { old_path: oldPath, target_kind: 'work', target_id: workId, target_name: null, position: null };
  });
}
