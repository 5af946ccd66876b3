import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestStore, type TestStore } from '../../test/stores.ts';
import type { Db } from './database.ts';
import { fixedQueries, fixedQuery } from './fixed-query.ts';

describe.each(DIALECTS)('fixed queries on %s', (dialect) => {
  let db: TestStore;
  beforeAll(async () => {
    db = await openTestStore(dialect);
    await db.store.db
      .insertInto('series')
      .values([
        { id: 1, title: 'Night Bus' },
        { id: 2, title: 'Dawn Chorus' },
        { id: 3, title: 'Night Shift' },
      ])
      .execute();
  });
  afterAll(async () => db?.cleanup());

  const titled = (db: Db, from: number, to: number) =>
    db
      .selectFrom('series')
      .select(['id', 'title'])
      .where('id', '>=', from)
      .where('id', '<=', to)
      .where('title', 'like', 'Night%')
      .orderBy('id');

  it('answers each call with its own arguments, keeping the values the query fixed', async () => {
    const fixed = fixedQuery(titled);
    // The same answers as the query built afresh, call after call, whatever the arguments.
    for (const [from, to] of [
      [1, 3],
      [2, 3],
      [1, 1],
      [2, 2],
    ] as const)
      expect(await fixed(db.store.db, from, to)).toEqual(await titled(db.store.db, from, to).execute());
    expect(await fixed(db.store.db, 3, 1)).toEqual([]);
  });

  it('compiles once per database and shape, and runs every call', async () => {
    let compiled = 0;
    let ran = 0;
    const counting: KyselyPlugin = {
      transformQuery: (args) => {
        compiled++;
        return args.node;
      },
      transformResult: async (args) => {
        ran++;
        return args.result;
      },
    };
    const counted = db.store.db.withPlugin(counting);
    const byColumn = fixedQueries((db: Db, column: 'id' | 'title', value: number | string) =>
      db.selectFrom('series').select('id').where(column, '=', value),
    );
    expect(await byColumn(counted, 'id', 2)).toEqual([{ id: 2 }]);
    expect(await byColumn(counted, 'id', 3)).toEqual([{ id: 3 }]);
    expect(await byColumn(counted, 'title', 'Night Bus')).toEqual([{ id: 1 }]);
    expect(await byColumn(counted, 'title', 'Dawn Chorus')).toEqual([{ id: 2 }]);
    expect({ compiled, ran }).toEqual({ compiled: 2, ran: 4 });
    // Another database (here the same one without the plugin) compiles its own.
    expect(await byColumn(db.store.db, 'id', 1)).toEqual([{ id: 1 }]);
    expect(compiled).toBe(2);
  });

  it('refuses a query that looks at its arguments instead of sending them', async () => {
    const looking = fixedQuery((db: Db, id: number) =>
      db
        .selectFrom('series')
        .select('id')
        .where('id', id > 1 ? '>' : '<', 1),
    );
    await expect(looking(db.store.db, 2)).rejects.toThrow(/only as parameters/);
  });
});
