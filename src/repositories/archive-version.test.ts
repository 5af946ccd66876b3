import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpMembers, workIdsByTitle } from '../../test/members.ts';
import { DIALECTS, insertStories, openTestStore, type TestStore } from '../../test/stores.ts';
import { COUNT_COLUMNS, worksColumnNames } from '../db/migrations/0017-counts-version.ts';
import type { Member } from '../services/accounts/actor.ts';
import { postComment } from '../services/community/comment.service.ts';
import { leaveKudos } from '../services/community/kudos.service.ts';
import { type ArchiveVersions, readArchiveVersions, readPageVersion } from './archive-version.ts';

describe.each(DIALECTS)('the two change counters on %s', (dialect) => {
  let db: TestStore;
  let ids: Record<string, number> = {};
  let willow: Member;
  /** Which counters `change` moved. */
  const moved = async (change: () => Promise<unknown>): Promise<(keyof ArchiveVersions)[]> => {
    const before = await readArchiveVersions(db.store.db);
    await change();
    const after = await readArchiveVersions(db.store.db);
    return (['archive', 'counts'] as const).filter((counter) => after[counter] !== before[counter]);
  };

  beforeAll(async () => {
    db = await openTestStore(dialect);
    await insertStories(db, [
      'Title: Bells\nAuthor: dawnlark\nFandom: Firefly\n\nKaylee rang the bells.',
      'Title: Engines\nAuthor: rivertam\nFandom: Firefly\n\nKaylee fixed the engine.',
    ]);
    ids = await workIdsByTitle(db);
    [willow] = (await signUpMembers(db, 'willow')) as [Member];
  });
  afterAll(async () => db?.cleanup());

  it('moves the archive version for every column of works but the counts, and only it', async () => {
    const counts = new Set<string>(COUNT_COLUMNS);
    const columns = (await worksColumnNames(db.store.db, dialect)).filter((name) => !counts.has(name));
    expect(columns).toContain('title');
    for (const column of columns) {
      const change = () =>
        sql`UPDATE works SET ${sql.ref(column)} = ${sql.ref(column)} WHERE id = ${ids.Bells}`.execute(
          db.store.db,
        );
      // A column added to works without `watchWorksColumns` after it fails here.
      expect({ column, moved: await moved(change) }).toEqual({ column, moved: ['archive'] });
    }
  });

  it('moves only the counts version for kudos, hits, bookmarks and comments counts', async () => {
    for (const column of COUNT_COLUMNS) {
      const change = () =>
        sql`UPDATE works SET ${sql.ref(column)} = ${sql.ref(column)} + 1 WHERE id = ${ids.Bells}`.execute(
          db.store.db,
        );
      expect({ column, moved: await moved(change) }).toEqual({ column, moved: ['counts'] });
    }
  });

  it('moves only the counts version for kudos and comments, and the page version for both counters', async () => {
    const page = await readPageVersion(db.store.db);
    expect(await moved(() => leaveKudos(db.store.db, willow, ids.Engines as number, undefined))).toEqual([
      'counts',
    ]);
    expect(
      await moved(() => postComment(db.store.db, willow, ids.Engines as number, { comment: 'Shiny.' })),
    ).toEqual(['counts']);
    expect(await readPageVersion(db.store.db)).toBeGreaterThan(page);
    expect(
      await moved(() =>
        db.store.db
          .updateTable('works')
          .set({ title: 'Engine Room' })
          .where('id', '=', ids.Engines as number)
          .execute(),
      ),
    ).toEqual(['archive']);
  });

  it('moves the archive version when the creators or series of a work change (pages show them)', async () => {
    const bells = ids.Bells as number;
    const added = await db.store.db
      .insertInto('creators')
      .values({ name: 'tara', pseud_id: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const tara = Number(added.id);
    // A co-creator's accepted invitation, then the name taken off (an account deleted).
    const cocreator = () =>
      db.store.db
        .insertInto('work_creators')
        .values({ work_id: bells, creator_id: tara, position: 1 })
        .execute();
    expect(await moved(cocreator)).toEqual(['archive']);
    expect(
      await moved(() => db.store.db.deleteFrom('work_creators').where('creator_id', '=', tara).execute()),
    ).toEqual(['archive']);
    expect(
      await moved(() =>
        db.store.db.updateTable('creators').set({ name: 'tara2' }).where('id', '=', tara).execute(),
      ),
    ).toEqual(['archive']);
    const series = await db.store.db
      .insertInto('series')
      .values({ title: 'Bell Tower' })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(
      await moved(() =>
        db.store.db
          .insertInto('series_works')
          .values({ series_id: Number(series.id), work_id: bells, position: 1 })
          .execute(),
      ),
    ).toEqual(['archive']);
    expect(
      await moved(() =>
        db.store.db
          .updateTable('series')
          .set({ title: 'Bell Towers' })
          .where('id', '=', Number(series.id))
          .execute(),
      ),
    ).toEqual(['archive']);
  });

  it('shares one read among the callers of one turn, and a caller after a change reads again', async () => {
    let reads = 0;
    const counted = db.store.db.withPlugin({
      transformQuery: (args) => args.node,
      transformResult: async (args) => {
        reads++;
        return args.result;
      },
    });
    const [first, second] = await Promise.all([readArchiveVersions(counted), readArchiveVersions(counted)]);
    expect(reads).toBe(1);
    expect(second).toEqual(first);
    // A change committed before the next call is seen by it: the shared read is sent after its callers ask.
    await sql`UPDATE works SET title = title WHERE id = ${ids.Bells}`.execute(db.store.db);
    const after = await readArchiveVersions(counted);
    expect(reads).toBe(2);
    expect(after.archive).toBeGreaterThan(first.archive);
    // A failed read fails its callers only: the next turn reads again.
    const broken = counted.withSchema('no_such_schema');
    await expect(readArchiveVersions(broken)).rejects.toThrow();
    expect((await readArchiveVersions(counted)).archive).toBe(after.archive);
  });

  it.runIf(dialect === 'postgres')(
    'on PostgreSQL, callers who ask while a read is under way share the next one',
    async () => {
      let reads = 0;
      let sent = () => {};
      const underWay = new Promise<void>((resolve) => {
        sent = resolve;
      });
      const counted = db.store.db.withPlugin({
        transformQuery: (args) => {
          sent();
          return args.node;
        },
        transformResult: async (args) => {
          reads++;
          return args.result;
        },
      });
      const first = readArchiveVersions(counted);
      await underWay;
      const second = readArchiveVersions(counted);
      // A later turn of the loop, the first read still unanswered (its answer needs the socket).
      await new Promise((resolve) => process.nextTick(resolve));
      const third = readArchiveVersions(counted);
      expect(third).toBe(second);
      await Promise.all([first, second]);
      expect(reads).toBe(2);
      // A caller after both reads were answered reads again.
      await readArchiveVersions(counted);
      expect(reads).toBe(3);
    },
  );

  it('moves the archive version when works come and go', async () => {
    expect(
      await moved(() =>
        insertStories(db, ['Title: Serenity\nAuthor: mal\nFandom: Firefly\n\nThe ship flew on.']),
      ),
    ).toContain('archive');
  });
});
