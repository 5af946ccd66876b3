import { describe, expect, it } from 'vitest';
import type { Actor } from './actor.ts';
import {
  ACTIONS,
  type Action,
  type Actions,
  authorize,
  type CommentableResource,
  type CommentResource,
  can,
  SITE,
  type WorkResource,
} from './policy.ts';

/** Guest, member, creator, co-creator, wrangler, admin, and a suspended co-creator: one column each. */
const ACTORS: [string, Actor][] = [
  ['guest', null],
  ['member', { userId: 2, name: 'member', role: 'member', suspended: false }],
  ['creator', { userId: 3, name: 'creator', role: 'member', suspended: false }],
  ['co-creator', { userId: 4, name: 'cocreator', role: 'member', suspended: false }],
  ['wrangler', { userId: 5, name: 'wrangler', role: 'wrangler', suspended: false }],
  ['admin', { userId: 6, name: 'admin', role: 'admin', suspended: false }],
  ['suspended co-creator', { userId: 7, name: 'suspended', role: 'member', suspended: true }],
];

const work = (status: WorkResource['status'], restricted = false): WorkResource => ({
  kind: 'work',
  status,
  restricted,
  creatorUserIds: [3, 4, 7],
});
const WORKS = {
  posted: work('posted'),
  restricted: work('posted', true),
  draft: work('draft'),
  hidden: work('hidden'),
};

const commentable = (
  on: WorkResource,
  permission: CommentableResource['permission'],
): CommentableResource => ({
  kind: 'commentable',
  work: on,
  permission,
});
/** A comment by the member (userId 2) on the posted work, taking guests' comments, in the given state. */
const comment = (state: Partial<CommentResource> = {}, on = WORKS.posted): CommentResource => ({
  kind: 'comment',
  on: commentable(on, 'guests'),
  writerUserId: 2,
  held: false,
  frozen: false,
  deleted: false,
  ...state,
});

type Row = { [A in Action]: [A, string, Actions[A], string] }[Action];

/**
 * The whole policy: one row per action and resource, `Y` where the actor in that column may act, in the
 * order of ACTORS (guest, member, creator, co-creator, wrangler, admin, suspended co-creator).
 */
const MATRIX: Row[] = [
  ['work.read', 'posted', WORKS.posted, 'YYYYYYY'],
  ['work.read', 'restricted', WORKS.restricted, '.YYYYYY'],
  ['work.read', 'draft', WORKS.draft, '..YY..Y'],
  ['work.read', 'hidden', WORKS.hidden, '.....Y.'],
  ['work.create', 'site', SITE, '.YYYYY.'],
  ['work.edit', 'posted', WORKS.posted, '..YY.Y.'],
  ['work.edit', 'restricted', WORKS.restricted, '..YY.Y.'],
  ['work.edit', 'draft', WORKS.draft, '..YY...'],
  ['work.edit', 'hidden', WORKS.hidden, '.....Y.'],
  ['work.delete', 'posted', WORKS.posted, '..YY.Y.'],
  ['work.delete', 'restricted', WORKS.restricted, '..YY.Y.'],
  ['work.delete', 'draft', WORKS.draft, '..YY...'],
  ['work.delete', 'hidden', WORKS.hidden, '.....Y.'],
  ['work.hide', 'posted', WORKS.posted, '.....Y.'],
  ['work.hide', 'restricted', WORKS.restricted, '.....Y.'],
  ['work.hide', 'draft', WORKS.draft, '.......'],
  ['work.hide', 'hidden', WORKS.hidden, '.....Y.'],
  ['work.invite', 'posted', WORKS.posted, '..YY...'],
  ['work.invite', 'restricted', WORKS.restricted, '..YY...'],
  ['work.invite', 'draft', WORKS.draft, '..YY...'],
  ['work.invite', 'hidden', WORKS.hidden, '.......'],
  ['work.suggestions', 'posted', WORKS.posted, '..YY...'],
  ['work.suggestions', 'restricted', WORKS.restricted, '..YY...'],
  ['work.suggestions', 'draft', WORKS.draft, '..YY...'],
  ['work.suggestions', 'hidden', WORKS.hidden, '.......'],
  ['work.kudos', 'posted', WORKS.posted, 'YY..YY.'],
  ['work.kudos', 'restricted', WORKS.restricted, '.Y..YY.'],
  ['work.kudos', 'draft', WORKS.draft, '.......'],
  ['work.kudos', 'hidden', WORKS.hidden, '.......'],
  ['comment.create', 'posted, guests', commentable(WORKS.posted, 'guests'), 'YYYYYY.'],
  ['comment.create', 'posted, members', commentable(WORKS.posted, 'members'), '.YYYYY.'],
  ['comment.create', 'posted, none', commentable(WORKS.posted, 'none'), '.......'],
  ['comment.create', 'restricted', commentable(WORKS.restricted, 'guests'), '.YYYYY.'],
  ['comment.create', 'draft', commentable(WORKS.draft, 'guests'), '.......'],
  ['comment.create', 'hidden', commentable(WORKS.hidden, 'guests'), '.......'],
  [
    'comment.create',
    'a creator blocked the actor',
    { ...commentable(WORKS.posted, 'guests'), blocked: true },
    '.......',
  ],
  ['comment.reply', "the member's", comment(), 'YYYYYY.'],
  ['comment.reply', 'frozen', comment({ frozen: true }), '.......'],
  ['comment.reply', 'held', comment({ held: true }), '.......'],
  ['comment.reply', 'deleted', comment({ deleted: true }), '.......'],
  ['comment.reply', 'its writer blocked the actor', comment({ writerBlocks: true }), '.......'],
  ['comment.reply', 'on a hidden work', comment({}, WORKS.hidden), '.......'],
  ['comment.read', "the member's", comment(), 'YYYYYYY'],
  ['comment.read', 'held', comment({ held: true }), '.YYY..Y'],
  ['comment.read', 'on a draft', comment({}, WORKS.draft), '..YY..Y'],
  ['comment.edit', "the member's", comment(), '.Y.....'],
  ['comment.edit', 'frozen', comment({ frozen: true }), '.......'],
  ['comment.edit', "a guest's", comment({ writerUserId: null }), '.......'],
  ['comment.delete', "the member's", comment(), '.YYY.Y.'],
  ['comment.delete', "a guest's", comment({ writerUserId: null }), '..YY.Y.'],
  ['comment.delete', 'held', comment({ held: true }), '.YYY.Y.'],
  ['comment.delete', 'deleted', comment({ deleted: true }), '.......'],
  ['comment.delete', 'on a hidden work', comment({}, WORKS.hidden), '.....Y.'],
  ['work.moderate', 'posted', WORKS.posted, '..YY...'],
  ['work.moderate', 'restricted', WORKS.restricted, '..YY...'],
  ['work.moderate', 'draft', WORKS.draft, '..YY...'],
  ['work.moderate', 'hidden', WORKS.hidden, '.......'],
  ['work.bookmark', 'posted', WORKS.posted, '.YYYYY.'],
  ['work.bookmark', 'restricted', WORKS.restricted, '.YYYYY.'],
  ['work.bookmark', 'draft', WORKS.draft, '.......'],
  ['work.bookmark', 'hidden', WORKS.hidden, '.......'],
  ['series.bookmark', 'site', SITE, '.YYYYY.'],
  [
    'bookmark.read',
    "the member's public one",
    { kind: 'bookmark', ownerUserId: 2, private: false },
    'YYYYYYY',
  ],
  [
    'bookmark.read',
    "the member's private one",
    { kind: 'bookmark', ownerUserId: 2, private: true },
    '.Y.....',
  ],
  [
    'bookmark.edit',
    "the member's public one",
    { kind: 'bookmark', ownerUserId: 2, private: false },
    '.Y.....',
  ],
  [
    'bookmark.edit',
    "the member's private one",
    { kind: 'bookmark', ownerUserId: 2, private: true },
    '.Y.....',
  ],
  [
    'bookmark.edit',
    "the suspended member's",
    { kind: 'bookmark', ownerUserId: 7, private: false },
    '.......',
  ],
  ['history.manage', "the member's", { kind: 'account', userId: 2 }, '.Y.....'],
  ['history.manage', "the suspended member's", { kind: 'account', userId: 7 }, '......Y'],
  ['work.subscribe', 'posted', WORKS.posted, '.YYYYY.'],
  ['work.subscribe', 'restricted', WORKS.restricted, '.YYYYY.'],
  ['work.subscribe', 'draft', WORKS.draft, '.......'],
  ['work.subscribe', 'hidden', WORKS.hidden, '.......'],
  ['subscription.create', 'site', SITE, '.YYYYY.'],
  ['subscription.manage', "the member's", { kind: 'account', userId: 2 }, '.Y.....'],
  ['subscription.manage', "the suspended member's", { kind: 'account', userId: 7 }, '......Y'],
  ['invitation.answer', "the creator's", { kind: 'invitation', inviteeUserId: 3 }, '..Y....'],
  ['claim.request', 'an imported name', { kind: 'creator', ownerUserId: null, name: 'dawnlark' }, '.YYYYY.'],
  ['claim.request', "a member's name", { kind: 'creator', ownerUserId: 3, name: 'creator' }, '.......'],
  [
    'claim.request',
    'orphan_account',
    { kind: 'creator', ownerUserId: null, name: 'orphan_account' },
    '.......',
  ],
  ['claim.decide', 'site', SITE, '.....Y.'],
  ['tag.wrangle', 'site', SITE, '....YY.'],
  ['account.manage', "the creator's", { kind: 'account', userId: 3 }, '..Y....'],
  ['account.manage', "the suspended member's", { kind: 'account', userId: 7 }, '......Y'],
  ['member.manage', 'site', SITE, '.....Y.'],
  ['mail.read', 'site', SITE, '.....Y.'],
  ['report.file', 'site', SITE, 'YYYYYY.'],
  ['member.mute', 'the member', { kind: 'member', userId: 2 }, '..YYYYY'],
  ['member.mute', 'the suspended member', { kind: 'member', userId: 7 }, '.YYYYY.'],
  ['member.block', 'the member', { kind: 'member', userId: 2 }, '..YYYYY'],
  ['member.block', 'the creator', { kind: 'member', userId: 3 }, '.Y.YYYY'],
  ['filters.manage', "the member's", { kind: 'account', userId: 2 }, '.Y.....'],
  ['filters.manage', "the suspended member's", { kind: 'account', userId: 7 }, '......Y'],
  ['report.resolve', 'site', SITE, '.....Y.'],
  ['audit.read', 'site', SITE, '.....Y.'],
];

describe('the authorization policy', () => {
  it('has a row for every action', () => {
    expect(new Set(MATRIX.map(([action]) => action))).toEqual(new Set(ACTIONS));
  });

  describe.each(MATRIX)('%s on %s', (action, _name, resource, expected) => {
    it.each(ACTORS.map(([name, actor], index) => [name, actor, expected[index] === 'Y'] as const))(
      '%s: %s',
      (_actor, actor, allowed) => {
        expect(can(actor, action, resource as never)).toBe(allowed);
      },
    );
  });

  it('answers a refusal with not found, log in, suspended or forbidden as fits', () => {
    const [, member] = ACTORS[1] as [string, Actor];
    const [, suspended] = ACTORS[6] as [string, Actor];
    expect(() => authorize(member, 'work.read', WORKS.draft, 'work 5')).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
    expect(() => authorize(null, 'work.edit', WORKS.posted, 'work 5')).toThrow(
      expect.objectContaining({ code: 'NOT_LOGGED_IN' }),
    );
    expect(() => authorize(suspended, 'work.edit', WORKS.posted, 'work 5')).toThrow(
      expect.objectContaining({ code: 'SUSPENDED' }),
    );
    expect(() => authorize(member, 'work.edit', WORKS.posted, 'work 5')).toThrow(
      expect.objectContaining({
        code: 'FORBIDDEN',
        message: 'You are not allowed to edit this work (work 5).',
      }),
    );
    expect(() => authorize(member, 'work.read', WORKS.posted, 'work 5')).not.toThrow();
  });
});
