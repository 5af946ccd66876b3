/** Works as their creators (and admins) see them to manage them: drafts included, chapters as stored. */
import type { Db } from '../../db/database.ts';
import type { WorkStatus } from '../../domain/roles.ts';
import { AppError } from '../../errors.ts';
import { loadWork, type WorkView } from '../../repositories/work-view.ts';
import type { Member } from '../accounts/actor.ts';
import type { WorkResource } from '../accounts/policy.ts';
import type { WorkFields } from './work-form.schema.ts';
import { requireWork } from './work-posting.service.ts';
import { loadWorkFields } from './work-store.repository.ts';

export interface MemberWork {
  id: number;
  title: string;
  status: WorkStatus;
  restricted: boolean;
  chapterCount: number;
  updatedAt: string;
}

/** The works a member writes (as any of their pseuds), drafts first, then newest. */
export async function listMemberWorks(db: Db, member: Member): Promise<MemberWork[]> {
  const rows = await db
    .selectFrom('works')
    .select([
      'works.id',
      'works.title',
      'works.status',
      'works.restricted',
      'works.chapter_count',
      'works.updated_at',
    ])
    .where('works.id', 'in', (query) =>
      query
        .selectFrom('work_creators')
        .innerJoin('creators', 'creators.id', 'work_creators.creator_id')
        .innerJoin('pseuds', 'pseuds.id', 'creators.pseud_id')
        .select('work_creators.work_id')
        .where('pseuds.user_id', '=', member.userId),
    )
    .orderBy('works.updated_at', 'desc')
    .orderBy('works.id', 'desc')
    .execute();
  const works = rows.map((row) => ({
    id: row.id,
    title: row.title ?? 'Untitled',
    status: row.status,
    restricted: Boolean(row.restricted),
    chapterCount: row.chapter_count,
    updatedAt: row.updated_at,
  }));
  return [
    ...works.filter((work) => work.status === 'draft'),
    ...works.filter((work) => work.status !== 'draft'),
  ];
}

export interface EditableChapter {
  position: number;
  title: string | null;
  notes: string | null;
  endNotes: string | null;
  html: string;
  words: number;
}

export interface ScheduledChapter {
  id: number;
  title: string | null;
  publishAt: string;
}

export interface EditableWork {
  id: number;
  access: WorkResource;
  fields: WorkFields;
  chapters: EditableChapter[];
  scheduled: ScheduledChapter[];
}

/** A work with its fields and chapters as stored, for a member (or admin) allowed to edit it. */
export async function loadEditableWork(db: Db, actor: Member | null, workId: number): Promise<EditableWork> {
  const access = await requireWork(db, actor, 'work.edit', workId);
  const fields = await loadWorkFields(db, workId);
  if (!fields) throw new AppError('NOT_FOUND', `There is no work ${workId}.`);
  const chapters = await db
    .selectFrom('chapters')
    .select(['position', 'title', 'notes', 'end_notes', 'html', 'words'])
    .where('work_id', '=', workId)
    .orderBy('position')
    .execute();
  const scheduled = await db
    .selectFrom('scheduled_chapters')
    .select(['id', 'title', 'publish_at'])
    .where('work_id', '=', workId)
    .orderBy('publish_at')
    .execute();
  return {
    id: workId,
    access,
    fields,
    chapters: chapters.map((chapter) => ({
      position: chapter.position,
      title: chapter.title,
      notes: chapter.notes,
      endNotes: chapter.end_notes,
      html: chapter.html,
      words: chapter.words,
    })),
    scheduled: scheduled.map((row) => ({ id: row.id, title: row.title, publishAt: row.publish_at })),
  };
}

/** The whole work as readers will see it once posted: the author's preview, drafts and hidden works included. */
export async function loadPreview(
  db: Db,
  actor: Member | null,
  workId: number,
): Promise<{ work: WorkView; access: WorkResource }> {
  const access = await requireWork(db, actor, 'work.edit', workId);
  const work = await loadWork(db, workId);
  if (!work) throw new AppError('NOT_FOUND', `There is no work ${workId}.`);
  return { work, access };
}
