import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpMembers } from '../../test/members.ts';
import { DIALECTS, insertStories, openTestStore, type TestStore } from '../../test/stores.ts';
import type { StoredText } from '../db/stored-text.ts';
import type { Member } from '../services/accounts/actor.ts';
import { postComment } from '../services/community/comment.service.ts';
import { leaveKudos } from '../services/community/kudos.service.ts';
import { type CommentPlace, countComments } from './community/comment.repository.ts';
import { listKudos } from './community/kudos.repository.ts';
import {
  loadBlurbs,
  loadChapterPages,
  loadChapters,
  loadWork,
  loadWorkStanding,
  loadWorkSummary,
} from './work-view.ts';

const STORIES = [
  'Title: Library Hours\nAuthor: amber\nFandom: BtVS\nPairing: S/W\nRating: PG\n\nChapter 1: Research\n\nWillow was researching demons in the library. Spike watched her.\n\nChapter 2: Kiss\n\nSpike kissed Willow between the stacks.',
  'Author: b\nFandom: Sherlock (TV)\n\nSherlock made the tea badly. John drank it anyway.',
  'Author: c\nFandom: Sherlock (TV)\n\nJohn\u2019s café: a naïve “tea” 😀 & <not a tag>, 東京.',
];

describe.each(DIALECTS)('work views on %s', (dialect) => {
  let db: TestStore;
  beforeAll(async () => {
    db = await openTestStore(dialect);
    await insertStories(db, STORIES);
  });
  afterAll(async () => db?.cleanup());

  it('loads blurbs in the order asked, with creators, tags by kind and the chapter count', async () => {
    const [second, first] = await loadBlurbs(db.store.db, [2, 1, 999]);
    expect(first?.title).toBe('Library Hours');
    expect(second?.title).toBe('Untitled');
    expect(first?.creators.map((creator) => creator.name)).toEqual(['amber']);
    expect(first?.chapterCount).toBe(2);
    expect(second?.chapterCount).toBe(1);
    // A listing reads no chapter rows: the titles come with a work's own pages only.
    expect(first).not.toHaveProperty('chapterTitles');
    const relationship = first?.tags.find((tag) => tag.kind === 'relationship');
    // The author's string is shown; it leads to the canonical tag.
    expect(relationship).toMatchObject({
      name: 'S/W',
      canonicalName: 'Spike/Willow Rosenberg',
      source: 'author',
    });
    const kinds = first?.tags.map((tag) => tag.kind) ?? [];
    expect(kinds.indexOf('fandom')).toBeLessThan(kinds.indexOf('relationship'));
    expect(kinds.lastIndexOf('relationship')).toBeLessThan(kinds.indexOf('character'));
    expect(first?.tags.some((tag) => tag.source === 'inferred')).toBe(true);
    // A listing never shows the passages behind a tag, so it does not read them.
    for (const tag of first?.tags ?? []) expect(tag).not.toHaveProperty('evidence');
  });

  it('gives each work the same blurb whatever the number of works asked with it', async () => {
    const alone = await Promise.all([1, 2, 3].map(async (id) => (await loadBlurbs(db.store.db, [id]))[0]));
    // Each count of works is a statement of its own (compiled once per count): repeats, unknown ids, order.
    for (const ids of [[1, 2], [3, 1], [2, 2, 1], [3, 42, 2, 1], [42]]) {
      const blurbs = await loadBlurbs(db.store.db, ids);
      expect(blurbs).toEqual(ids.filter((id) => id !== 42).map((id) => alone[id - 1]));
    }
    expect(await loadBlurbs(db.store.db, [])).toEqual([]);
  });

  it('loads a work with its chapter titles for its own pages', async () => {
    const summary = await loadWorkSummary(db.store.db, 1);
    expect(summary?.tags.some((tag) => tag.source === 'inferred' && tag.evidence.length > 0)).toBe(true);
    expect(summary?.chapterTitles.map(({ position, title }) => ({ position, title }))).toEqual([
      { position: 1, title: 'Research' },
      { position: 2, title: 'Kiss' },
    ]);
    expect(summary?.tags.length).toBeGreaterThan(0);
    expect(await loadWorkSummary(db.store.db, 42)).toBeUndefined();
  });

  it('gives a work page the blurb listings give, with its standing read beside it', async () => {
    for (const id of [1, 2]) {
      const found = await loadWorkStanding(db.store.db, id);
      const { chapterTitles, tags, ...blurb } = found?.summary ?? { chapterTitles: [], tags: [] };
      expect(chapterTitles.length).toBeGreaterThan(0);
      // The same blurb, its tags with the passages behind them beside.
      const listed = (await loadBlurbs(db.store.db, [id]))[0];
      expect({ ...blurb, tags: tags.map(({ evidence: _, ...tag }) => tag) }).toEqual(listed);
      // Imported works: posted, open to guests, by names no member has claimed.
      expect(found?.standing).toEqual({
        status: 'posted',
        restricted: false,
        creatorUserIds: [],
        commentPermission: 'guests',
        commentsModerated: false,
      });
    }
    expect(await loadWorkStanding(db.store.db, 42)).toBeUndefined();
  });

  it("gives a chapter page the same chapter whether its body came with the work's statement or apart", async () => {
    for (const [id, position] of [
      [1, 1],
      [1, 2],
      [1, 3],
      [3, 1],
    ] as const) {
      const found = await loadWorkStanding(db.store.db, id, position);
      const heads = found?.summary.chapterTitles ?? [];
      // PostgreSQL reads the body with the work (null: no such chapter); SQLite, where a statement is no
      // round trip, leaves it to the page's own read.
      if (dialect === 'postgres') expect(found?.body === null).toBe(position === 3);
      else expect(found?.body).toBeUndefined();
      expect(await loadChapterPages(db.store.db, id, position, heads, found?.body)).toEqual(
        await loadChapterPages(db.store.db, id, position, heads),
      );
    }
  });

  it('loads one chapter or all of them, and nothing for a missing work or chapter', async () => {
    expect((await loadWork(db.store.db, 1))?.chapters.map((chapter) => chapter.position)).toEqual([1, 2]);
    const second = await loadWork(db.store.db, 1, 2);
    expect(second?.chapters).toHaveLength(1);
    expect(second?.chapters[0]?.html).toContain('kissed Willow');
    expect(await loadWork(db.store.db, 1, 3)).toBeUndefined();
    expect(await loadWork(db.store.db, 42)).toBeUndefined();
  });

  it('reads the same chapters from their heads and bodies as from whole rows', async () => {
    const heads = (await loadWorkSummary(db.store.db, 1))?.chapterTitles ?? [];
    expect(heads.map((head) => head.words).every((words) => words > 0)).toBe(true);
    for (const position of [undefined, 1, 2, 3]) {
      const whole = await loadChapters(db.store.db, 1, position);
      expect(await loadChapters(db.store.db, 1, position, heads)).toEqual(whole);
    }
    expect(await loadChapters(db.store.db, 42, undefined, [])).toEqual([]);
  });

  // SQLite's as the UTF-8 bytes it keeps, PostgreSQL's as text (see pageText).
  it("gives a page the chapters' bodies as their text, on SQLite as its UTF-8", async () => {
    const asText = (html: StoredText) => (typeof html === 'string' ? html : Buffer.from(html).toString());
    for (const id of [1, 3]) {
      const heads = (await loadWorkSummary(db.store.db, id))?.chapterTitles ?? [];
      for (const position of [undefined, 1, 2, 3]) {
        const text = await loadChapters(db.store.db, id, position, heads);
        const pages = await loadChapterPages(db.store.db, id, position, heads);
        expect(pages.map(({ html, ...rest }) => ({ ...rest, html: asText(html) }))).toEqual(text);
        for (const page of pages)
          if (dialect === 'sqlite') expect(page.html).toBeInstanceOf(Uint8Array);
          else expect(typeof page.html).toBe('string');
      }
    }
    const [only] = await loadChapterPages(
      db.store.db,
      3,
      1,
      (await loadWorkSummary(db.store.db, 3))?.chapterTitles ?? [],
    );
    expect(asText(only?.html ?? '')).toContain('café: a naïve “tea” 😀 &amp; &lt;not a tag&gt;, 東京');
    expect(await loadChapterPages(db.store.db, 42, undefined, [])).toEqual([]);
  });

  it.runIf(dialect === 'sqlite')(
    'reads chapter heads from an index, not from the rows with their text',
    async () => {
      const plan = async (query: string) =>
        (await sql.raw<{ detail: string }>(`EXPLAIN QUERY PLAN ${query}`).execute(db.store.db)).rows
          .map((row) => row.detail)
          .join(' ');
      expect(
        await plan(
          'SELECT id, position, title, words, sanitizer_version FROM chapters WHERE work_id = 1 ORDER BY position',
        ),
      ).toContain('COVERING INDEX chapters_heads');
    },
  );
  it.runIf(dialect === 'postgres')(
    "on PostgreSQL, reads a page's kudos and a guest's comment counts with the work, as read apart",
    async () => {
      const [tara, xander] = await signUpMembers(db, 'tara', 'xander');
      const work = 1;
      let minute = 0;
      const now = () => new Date(Date.UTC(2030, 0, 1, 0, ++minute));
      await leaveKudos(db.store.db, tara as Member, work, undefined);
      await leaveKudos(db.store.db, null, work, 'guest-secret-anya-xxxxxxxx');
      await leaveKudos(db.store.db, xander as Member, work, undefined);
      const comments: [Member, { comment: string; chapter?: number }][] = [
        [tara as Member, { comment: 'On one.', chapter: 1 }],
        [xander as Member, { comment: 'On two.', chapter: 2 }],
        [xander as Member, { comment: 'On it all.' }],
      ];
      for (const [member, fields] of comments)
        await postComment(db.store.db, member, work, fields, { now: now() });
      const heads = (await loadWorkSummary(db.store.db, work))?.chapterTitles ?? [];
      const places: [number | undefined, CommentPlace][] = [
        [undefined, { workId: work }],
        [1, { workId: work, chapter: { id: heads[0]?.id as number, withWorkComments: true } }],
        [2, { workId: work, chapter: { id: heads[1]?.id as number, withWorkComments: false } }],
      ];
      for (const [chapter, place] of places) {
        const community = (await loadWorkStanding(db.store.db, work, chapter))?.community;
        expect(community?.kudos).toEqual(await listKudos(db.store.db, work));
        expect(community?.guestCounts).toEqual(await countComments(db.store.db, place, 'none'));
      }
      expect((await loadWorkStanding(db.store.db, work, 1))?.community).toEqual({
        kudos: { members: ['tara', 'xander'], guests: 1 },
        guestCounts: { threads: 2, visible: 2 },
      });
    },
  );
});
