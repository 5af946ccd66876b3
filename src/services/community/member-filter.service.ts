/**
 * What a member keeps to shape what they read and who may answer them (issue #20 part 6): muting (the muted
 * member's works and comments leave every listing, search and count the muter reads: the catalog applies
 * it), blocking (the blocked member may not comment on the blocker's works or answer their comments: the
 * comment service refuses it), saved works searches, and an exclusion list of tags, creators and ratings
 * applied as muting is. A member's own alone; muting or blocking oneself is refused.
 */
import type { Db } from '../../db/database.ts';
import { EXCLUSION_KINDS, type ExclusionKind } from '../../db/member-filters.tables.ts';
import { RATINGS } from '../../domain/required-tags.ts';
import { AppError } from '../../errors.ts';
import { creatorExists, findTagForPage } from '../../repositories/browse.repository.ts';
import {
  addExclusion,
  addRelation,
  BLOCKS,
  deleteSavedFilter,
  type ExclusionRow,
  hasRelation,
  insertSavedFilter,
  listExclusions,
  listRelation,
  listSavedFilters,
  type MemberRef,
  MUTES,
  removeExclusion,
  removeRelation,
  type SavedFilterRow,
  savedFilterOwner,
} from '../../repositories/community/member-filter.repository.ts';
import { parseWorkQuery, queryInputOf } from '../../search/work-query.ts';
import type { Actor } from '../accounts/actor.ts';
import { authorize } from '../accounts/policy.ts';
import { findUserById } from '../accounts/user.repository.ts';

export type { ExclusionRow, MemberRef, SavedFilterRow };

/** Most entries one member keeps in each list: enough for any reader, a bound on every listing's query. */
export const MEMBER_LIST_LIMIT = 500;
export const SAVED_FILTER_NAME_MAX = 100;
export const SAVED_FILTER_QUERY_MAX = 2000;

type RelationKind = 'mute' | 'block';
const RELATIONS = { mute: MUTES, block: BLOCKS } as const;
const ACTIONS = { mute: 'member.mute', block: 'member.block' } as const;

/** Mute or block another member (`on`), or undo it; returns the other member's name. */
export async function setMemberRelation(
  db: Db,
  actor: Actor,
  kind: RelationKind,
  otherId: number,
  on: boolean,
  now = new Date(),
): Promise<string> {
  const other = await findUserById(db, otherId);
  if (!other) throw new AppError('NOT_FOUND', `There is no member ${otherId}.`);
  if (actor && actor.userId === otherId) throw new AppError('INVALID_INPUT', `You cannot ${kind} yourself.`);
  authorize(actor, ACTIONS[kind], { kind: 'member', userId: otherId }, `member ${other.name}`);
  const member = actor as NonNullable<Actor>;
  if (on) {
    const have = await listRelation(db, RELATIONS[kind], member.userId);
    if (have.length >= MEMBER_LIST_LIMIT)
      throw new AppError('INVALID_INPUT', `You can ${kind} at most ${MEMBER_LIST_LIMIT} members.`);
    await addRelation(db, RELATIONS[kind], member.userId, otherId, now.toISOString());
  } else await removeRelation(db, RELATIONS[kind], member.userId, otherId);
  return other.name;
}

/** Whether the actor mutes and blocks this member: what a member's page offers to do. */
export async function relationTo(
  db: Db,
  actor: Actor,
  otherId: number,
): Promise<{ muted: boolean; blocked: boolean } | null> {
  if (!actor || actor.userId === otherId) return null;
  const [muted, blocked] = await Promise.all([
    hasRelation(db, MUTES, actor.userId, otherId),
    hasRelation(db, BLOCKS, actor.userId, otherId),
  ]);
  return { muted, blocked };
}

/** What a member's settings list: whom they mute and block, their saved searches and exclusions. */
export async function memberFiltersOf(db: Db, actor: Actor, userId: number) {
  authorize(actor, 'filters.manage', { kind: 'account', userId }, 'account');
  const [muted, blocked, saved, exclusions] = await Promise.all([
    listRelation(db, MUTES, userId),
    listRelation(db, BLOCKS, userId),
    listSavedFilters(db, userId),
    listExclusions(db, userId),
  ]);
  return { muted, blocked, saved, exclusions };
}

/** Keep a works search under a name: its query string is checked as /works reads it (the page left out). */
export async function saveFilter(
  db: Db,
  actor: Actor,
  input: { name: string; query: string },
  now = new Date(),
): Promise<number> {
  const member = ownAccount(actor);
  const name = input.name.trim();
  if (name === '' || [...name].length > SAVED_FILTER_NAME_MAX)
    throw new AppError(
      'INVALID_INPUT',
      `name: give the search a name of 1 to ${SAVED_FILTER_NAME_MAX} characters`,
    );
  const query = normalizeQuery(input.query);
  if ((await listSavedFilters(db, member.userId)).length >= MEMBER_LIST_LIMIT)
    throw new AppError('INVALID_INPUT', `You can keep at most ${MEMBER_LIST_LIMIT} saved searches.`);
  return insertSavedFilter(db, member.userId, { name, query }, now.toISOString());
}

/** The query string as saved: a valid works search, without its page. */
function normalizeQuery(raw: string): string {
  const text = raw.replace(/^\?/, '');
  if (text.length > SAVED_FILTER_QUERY_MAX)
    throw new AppError(
      'INVALID_INPUT',
      `query: a saved search is at most ${SAVED_FILTER_QUERY_MAX} characters`,
    );
  const params = new URLSearchParams(text);
  params.delete('page');
  parseWorkQuery(queryInputOf(params));
  return params.toString();
}

export async function removeSavedFilter(db: Db, actor: Actor, id: number): Promise<void> {
  const owner = await savedFilterOwner(db, id);
  if (owner === undefined) throw new AppError('NOT_FOUND', `There is no saved search ${id}.`);
  authorize(actor, 'filters.manage', { kind: 'account', userId: owner }, `saved search ${id}`);
  await deleteSavedFilter(db, id);
}

/** Add a tag, creator or rating to the member's exclusion list; tags and creators must exist. */
export async function excludeFromListings(
  db: Db,
  actor: Actor,
  kind: string,
  value: string,
  now = new Date(),
): Promise<ExclusionRow> {
  const member = ownAccount(actor);
  const entry = await checkedExclusion(db, kind, value);
  if ((await listExclusions(db, member.userId)).length >= MEMBER_LIST_LIMIT)
    throw new AppError('INVALID_INPUT', `Your exclusion list holds at most ${MEMBER_LIST_LIMIT} entries.`);
  await addExclusion(db, member.userId, entry, now.toISOString());
  return entry;
}

export async function includeInListings(db: Db, actor: Actor, kind: string, value: string): Promise<void> {
  const member = ownAccount(actor);
  if (!isKind(kind)) throw new AppError('INVALID_INPUT', `kind: one of ${EXCLUSION_KINDS.join(', ')}`);
  await removeExclusion(db, member.userId, { kind, value });
}

const isKind = (kind: string): kind is ExclusionKind => (EXCLUSION_KINDS as readonly string[]).includes(kind);

async function checkedExclusion(db: Db, kind: string, raw: string): Promise<ExclusionRow> {
  if (!isKind(kind)) throw new AppError('INVALID_INPUT', `kind: one of ${EXCLUSION_KINDS.join(', ')}`);
  const value = raw.trim();
  if (value === '' || value.length > 200)
    throw new AppError('INVALID_INPUT', `${kind}: give a name of 1 to 200 characters`);
  if (kind === 'rating') {
    const rating = RATINGS.find((name) => name.toLowerCase() === value.toLowerCase());
    if (!rating) throw new AppError('INVALID_INPUT', `rating: one of ${RATINGS.join(', ')}`);
    return { kind, value: rating };
  }
  if (kind === 'tag') {
    const tag = await findTagForPage(db, value);
    if (!tag) throw new AppError('INVALID_INPUT', `tag: no work in this archive has the tag "${value}"`);
    return { kind, value: tag.canonical.name };
  }
  if (!(await creatorExists(db, value)))
    throw new AppError('INVALID_INPUT', `creator: no creator here is called "${value}"`);
  return { kind, value };
}

function ownAccount(actor: Actor): NonNullable<Actor> {
  authorize(actor, 'filters.manage', { kind: 'account', userId: actor?.userId ?? 0 }, 'account');
  return actor as NonNullable<Actor>;
}
