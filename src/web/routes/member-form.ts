import { Type } from '@sinclair/typebox';
/** What the posting pages share: the member or a trip to log in, and which failures a form shows back. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.ts';
import { isAppError } from '../../errors.ts';
import type { Member } from '../../services/accounts/actor.ts';
import { requestActor } from '../auth.ts';

/** The logged-in member, or null after sending a guest to log in and come back here. */
export async function memberOrLogin(
  db: Db,
  request: FastifyRequest,
  reply: FastifyReply,
  returnTo: string = request.url,
): Promise<Member | null> {
  const member = await requestActor(db, request);
  if (!member) {
    await reply.redirect(`/login?return_to=${encodeURIComponent(returnTo)}`, 303);
    return null;
  }
  return member;
}

/** Failures a form shows next to what was typed; anything else (not found, forbidden) gets its own page. */
const FORM_CODES = new Set([
  'INVALID_INPUT',
  'DUPLICATE_WORK',
  'NAME_TAKEN',
  'EMPTY_FILE',
  'BINARY_FILE',
  'UNSUPPORTED_FORMAT',
  'UNKNOWN_ENCODING',
  'CORRUPT_ARCHIVE',
  'ARCHIVE_TOO_LARGE',
  'INVALID_EPUB',
  'INVALID_DOCX',
  'NO_STORY_TEXT',
  'NOT_A_STORY',
  'TOO_DEEPLY_NESTED',
  'FILE_TOO_LARGE',
]);

/** The problem to show on the form, or rethrow what is not a form's problem. */
export function formProblem(error: unknown): { problems: string[]; status: number } {
  if (!isAppError(error) || !FORM_CODES.has(error.code)) throw error;
  const status = error.code === 'DUPLICATE_WORK' || error.code === 'NAME_TAKEN' ? 409 : 400;
  return { problems: [error.message], status };
}

/** Messages shown after a redirect, by key, so no text travels in an address. */
export const NOTICES = {
  saved: 'Your changes are saved.',
  added: 'The tag is added to your work.',
  dismissed: 'Dismissed: Quire will not suggest it again for this text.',
  chapter: 'The chapter is added.',
  scheduled: 'The chapter is scheduled.',
  'chapter-saved': 'The chapter is saved.',
  'chapter-deleted': 'The chapter is deleted.',
  ordered: 'The chapters are in their new order.',
  hidden: 'The work is hidden: only admins can see it.',
  unhidden: 'The work is visible again.',
  deleted: 'The work is deleted.',
  accepted: 'You are now a co-creator of the work.',
  declined: 'The invitation is declined.',
  approved: 'The claim is approved: the name is now the member’s pseud.',
  rejected: 'The claim is rejected.',
  'claim-invited': 'The invitation to claim the name is sent.',
  claimed: 'The name is yours now: its works are listed here.',
  invited: 'Your co-creators are invited; they are listed once they accept.',
  'comment-settings': 'Your comment settings are saved.',
} as const;
export type NoticeKey = keyof typeof NOTICES;
/** The query of a page a form redirects back to: which notice to show. */
export const NoticeQuery = Type.Object({ notice: Type.Optional(Type.String({ maxLength: 40 })) });

export const noticeOf = (key: string | undefined): string | undefined =>
  key && key in NOTICES ? NOTICES[key as NoticeKey] : undefined;
