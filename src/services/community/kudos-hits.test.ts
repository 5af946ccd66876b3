import { dirname } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, insertStories, openTestStore, type TestStore } from '../../../test/stores.ts';
import { openStore } from '../../db/connect.ts';
import { parseWorkQuery } from '../../search/work-query.ts';
import { searchWorks } from '../../search/work-search.ts';
import { searchWorksSql } from '../../search/work-search-sql.ts';
import { signUp } from '../accounts/account.service.ts';
import { deleteAccount } from '../accounts/account-deletion.service.ts';
import type { Member } from '../accounts/actor.ts';
import { createWork, setWorkHidden } from '../posting/work-posting.service.ts';
import { HitCounter } from './hit-counter.ts';
import { kudosFor, leaveKudos } from './kudos.service.ts';

const ADMIN: Member = { userId: -1, name: 'quire', role: 'admin', suspended: false };

describe.each(DIALECTS)('kudos and hits on %s', (dialect) => {
  let db: TestStore;
  let willow: Member;
  let tara: Member;
  let xander: Member;
  let own: number;
  const ids: Record<string, number> = {};
  const counts = async (id: number) =>
    db.store.db
      .selectFrom('works')
      .select(['kudos_count', 'hits_count'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
      .then((row) => ({ kudos: Number(row.kudos_count), hits: Number(row.hits_count) }));

  beforeAll(async () => {
    db = await openTestStore(dialect);
    await insertStories(db, [
      'Title: Bells\nAuthor: dawnlark\nFandom: Firefly\n\nKaylee rang the bells.',
      'Title: Engines\nAuthor: dawnlark\nFandom: Firefly\n\nKaylee fixed the engine.',
      'Title: Stars\nAuthor: dawnlark\nFandom: Firefly\n\nMal watched the stars.',
    ]);
    for (const row of await db.store.db.selectFrom('works').select(['id', 'title']).execute())
      ids[row.title ?? ''] = row.id;
    const member = (username: string) =>
      signUp(db.store.db, { username, email: `${username}@example.org`, password: 'correct horse' });
    willow = await member('willow');
    tara = await member('tara');
    xander = await member('xander');
    own = await createWork(db.store.db, db.search, willow, {
      title: 'Research',
      format: 'text',
      fandoms: ['Firefly'],
      rating: 'General Audiences',
      warnings: ['No Archive Warnings Apply'],
      chapters: [{ body: 'Willow read all night.', format: 'text' }],
    });
  });
  afterAll(async () => db?.cleanup());

  it('takes kudos once per member and once per guest, and counts them on the work', async () => {
    const bells = ids.Bells as number;
    expect(await leaveKudos(db.store.db, willow, bells, undefined)).toBe(true);
    expect(await leaveKudos(db.store.db, willow, bells, undefined)).toBe(false);
    expect(await leaveKudos(db.store.db, tara, bells, undefined)).toBe(true);
    expect(await leaveKudos(db.store.db, null, bells, 'guest-secret-one-xxxxxxxx')).toBe(true);
    expect(await leaveKudos(db.store.db, null, bells, 'guest-secret-one-xxxxxxxx')).toBe(false);
    expect(await leaveKudos(db.store.db, null, bells, 'guest-secret-two-xxxxxxxx')).toBe(true);
    expect(await counts(bells)).toMatchObject({ kudos: 4 });
    expect(await kudosFor(db.store.db, willow, bells, undefined)).toEqual({
      members: ['willow', 'tara'],
      guests: 2,
      canLeave: false,
      left: true,
    });
    expect(await kudosFor(db.store.db, xander, bells, undefined)).toMatchObject({
      canLeave: true,
      left: false,
    });
    // No guest secret is stored as it came.
    const keys = await db.store.db
      .selectFrom('kudos')
      .select('guest_key')
      .where('work_id', '=', bells)
      .execute();
    expect(keys.map((row) => row.guest_key).filter(Boolean)).not.toContain('guest-secret-one-xxxxxxxx');
  });

  it('refuses kudos on your own work, on unknown and hidden works, from a guest without a cookie', async () => {
    await expect(leaveKudos(db.store.db, willow, own, undefined)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(leaveKudos(db.store.db, tara, 999_999, undefined)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(leaveKudos(db.store.db, null, ids.Stars as number, undefined)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    const suspended = { ...xander, suspended: true };
    await expect(leaveKudos(db.store.db, suspended, ids.Stars as number, undefined)).rejects.toMatchObject({
      code: 'SUSPENDED',
    });
    await setWorkHidden(db.store.db, ADMIN, ids.Stars as number, true);
    await expect(leaveKudos(db.store.db, tara, ids.Stars as number, undefined)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await setWorkHidden(db.store.db, ADMIN, ids.Stars as number, false);
    expect(await counts(own)).toMatchObject({ kudos: 0 });
  });

  it('sorts by kudos the same in the filter index and in SQL', async () => {
    await leaveKudos(db.store.db, xander, ids.Engines as number, undefined);
    const query = parseWorkQuery({ sort: 'kudos', order: 'desc' });
    const fromIndex = await searchWorks(db.store.db, db.search, query);
    const fromSql = await searchWorksSql(db.store.db, db.search, query);
    expect(fromIndex.works.map((work) => [work.id, work.kudos])).toEqual(
      fromSql.works.map((work) => [work.id, work.kudos]),
    );
    expect(fromIndex.works.slice(0, 2).map((work) => [work.id, work.kudos])).toEqual([
      [ids.Bells, 4],
      [ids.Engines, 1],
    ]);
  });

  it('counts a hit once per visitor, work and day, adding visits to the count when it is time', async () => {
    let clock = new Date('2026-03-01T10:00:00Z');
    const hits = new HitCounter(db.store.db, { countEveryMs: 60_000, now: () => clock });
    const engines = ids.Engines as number;
    const before = (await counts(engines)).hits;
    await hits.visit(engines, { userId: tara.userId });
    await hits.visit(engines, { userId: tara.userId });
    await hits.visit(engines, { address: '10.1.1.1', userAgent: 'Firefox' });
    await hits.visit(engines, { address: '10.1.1.1', userAgent: 'Firefox' });
    await hits.visit(engines, { address: '10.1.1.2', userAgent: 'Firefox' });
    // Not a minute yet: the visits wait.
    expect((await counts(engines)).hits).toBe(before);
    clock = new Date('2026-03-01T10:01:00Z');
    await hits.visit(engines, { address: '10.1.1.2', userAgent: 'Firefox' });
    expect((await counts(engines)).hits).toBe(before + 3);
    // The next day is a new visit; yesterday's visits and salt are forgotten once counted.
    clock = new Date('2026-03-02T09:00:00Z');
    await hits.visit(engines, { userId: tara.userId });
    // That visit came more than a minute after the last count, so it counted every waiting visit.
    expect(await hits.count()).toBe(0);
    expect((await counts(engines)).hits).toBe(before + 4);
    const days = await db.store.db.selectFrom('visit_salts').select('day').execute();
    expect(days.map((row) => row.day)).toEqual(['2026-03-02']);
    const visits = await db.store.db.selectFrom('work_visits').selectAll().execute();
    expect(visits.map((row) => row.day)).toEqual(['2026-03-02']);
    expect(JSON.stringify(visits)).not.toContain('10.1.1');
    const sorted = await searchWorks(db.store.db, db.search, parseWorkQuery({ sort: 'hits', order: 'desc' }));
    expect(sorted.works[0]).toMatchObject({ id: engines, hits: before + 4 });
  });

  it("counts no hit for a creator reading their own work, and counts other members' visits", async () => {
    const clock = new Date('2026-06-01T10:00:00Z');
    const hits = new HitCounter(db.store.db, { countEveryMs: 0, now: () => clock });
    const before = (await counts(own)).hits;
    await hits.visit(own, { userId: willow.userId });
    await hits.visit(own, { userId: willow.userId });
    expect((await counts(own)).hits).toBe(before);
    await hits.visit(own, { userId: tara.userId });
    expect((await counts(own)).hits).toBe(before + 1);
    // Willow is no creator of Engines: her visit there counts.
    const engines = ids.Engines as number;
    const enginesBefore = (await counts(engines)).hits;
    await hits.visit(engines, { userId: willow.userId });
    expect((await counts(engines)).hits).toBe(enginesBefore + 1);
  });

  it("writes a visitor's further visits to a work that day not at all", async () => {
    const clock = new Date('2026-04-01T10:00:00Z');
    const hits = new HitCounter(db.store.db, { countEveryMs: 60_000, now: () => clock });
    const engines = ids.Engines as number;
    const stored = async () =>
      (await db.store.db.selectFrom('work_visits').select('day').where('day', '=', '2026-04-01').execute())
        .length;
    await hits.visit(engines, { address: '10.2.2.2', userAgent: 'Firefox' });
    expect(await stored()).toBe(1);
    // Were the repeat written, it would show here again.
    await db.store.db.deleteFrom('work_visits').where('day', '=', '2026-04-01').execute();
    await hits.visit(engines, { address: '10.2.2.2', userAgent: 'Firefox' });
    expect(await stored()).toBe(0);
    await hits.visit(engines, { address: '10.2.2.3', userAgent: 'Firefox' });
    await hits.visit(ids.Bells as number, { address: '10.2.2.2', userAgent: 'Firefox' });
    expect(await stored()).toBe(2);
  });

  /** A counter whose visits wait to be written together, on `day`; and the works of that day's stored visits. */
  const waitingCounter = (day: string) => ({
    hits: new HitCounter(db.store.db, {
      countEveryMs: 60_000,
      writeEveryMs: 60_000,
      now: () => new Date(`${day}T10:00:00Z`),
    }),
    stored: async () =>
      (await db.store.db.selectFrom('work_visits').select('work_id').where('day', '=', day).execute())
        .map((row) => row.work_id)
        .sort(),
  });

  it('writes visits together when asked to wait, and a visit to a work gone meanwhile loses no other', async () => {
    const { hits, stored } = waitingCounter('2026-05-01');
    await hits.visit(ids.Engines as number, { address: '10.3.3.3', userAgent: 'Firefox' });
    await hits.visit(999_999, { address: '10.3.3.3', userAgent: 'Firefox' });
    await hits.visit(ids.Bells as number, { address: '10.3.3.3', userAgent: 'Firefox' });
    await hits.visit(ids.Bells as number, { address: '10.3.3.3', userAgent: 'Firefox' });
    expect(await stored()).toEqual([]);
    await hits.write();
    expect(await stored()).toEqual([ids.Engines, ids.Bells].sort());
  });

  it('writes a batch past one statement of visits whole, each visitor once, and an empty batch not at all', async () => {
    const { hits, stored: works } = waitingCounter('2026-05-02');
    const stored = async () => (await works()).length;
    await hits.write();
    expect(await stored()).toBe(0);
    // 61 visitors: a chunk of 50 and one of 11 filled out to 50 with the last visitor again; 10 alone fill one.
    for (let i = 0; i < 61; i++)
      await hits.visit(ids.Stars as number, { address: `10.4.4.${i}`, userAgent: 'Firefox' });
    await hits.write();
    expect(await stored()).toBe(61);
    for (let i = 0; i < 10; i++)
      await hits.visit(ids.Bells as number, { address: `10.4.4.${i}`, userAgent: 'Firefox' });
    await hits.write();
    expect(await stored()).toBe(71);
  });

  it('keeps a batch on its timer waiting while another process holds the write lock, and writes it after', async () => {
    const { hits, stored } = waitingCounter('2026-05-03');
    const engines = ids.Engines as number;
    const bells = ids.Bells as number;
    await hits.visit(engines, { address: '10.5.5.5', userAgent: 'Firefox' });
    if (dialect === 'sqlite') {
      // Another process of the cluster, writing: SQLite's wait for it would hold this thread.
      const other = await openStore({ dataDir: dirname(db.store.location) });
      try {
        await sql`BEGIN IMMEDIATE`.execute(other.db);
        await hits.write({ whenFree: true });
        await hits.visit(bells, { address: '10.5.5.5', userAgent: 'Firefox' });
        await sql`COMMIT`.execute(other.db);
      } finally {
        await other.close();
      }
      expect(await stored()).toEqual([]);
      // The connection waits for the lock again, for the writes that must.
      const timeout = await sql<{ timeout: number }>`PRAGMA busy_timeout`.execute(db.store.db);
      expect(timeout.rows[0]?.timeout).toBe(5000);
    } else await hits.visit(bells, { address: '10.5.5.5', userAgent: 'Firefox' });
    await hits.write({ whenFree: true });
    expect(await stored()).toEqual([engines, bells].sort());
  });

  it("takes a deleted member's kudos off the counts", async () => {
    const bells = ids.Bells as number;
    const before = (await counts(bells)).kudos;
    await deleteAccount(db.store.db, db.search, tara.userId, { password: 'correct horse', works: 'orphan' });
    expect((await counts(bells)).kudos).toBe(before - 1);
    expect((await kudosFor(db.store.db, null, bells, undefined)).members).toEqual(['willow']);
  });
});
