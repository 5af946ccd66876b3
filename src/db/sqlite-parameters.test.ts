import SQLite from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unplannedParameters } from './sqlite-parameters.ts';

describe('unplannedParameters', () => {
  it('writes each parameter +? and leaves strings, names and comments as they are', () => {
    expect(unplannedParameters('select "a?" from t where x = ? and y in (?, ?) limit ?')).toBe(
      'select "a?" from t where x = +? and y in (+?, +?) limit +?',
    );
    expect(unplannedParameters("select 'it''s ?' || ? -- a ?\n, ? /* ? */ from [w?]")).toBe(
      "select 'it''s ?' || +? -- a ?\n, +? /* ? */ from [w?]",
    );
    expect(unplannedParameters('select ?1, ?')).toBe('select ?1, +?');
    expect(unplannedParameters('select "x""?" , ?')).toBe('select "x""?" , +?');
  });

  it('leaves SQL that ends inside a string or comment to SQLite, changed only before it', () => {
    expect(unplannedParameters("select ?, 'open ?")).toBe("select +?, 'open ?");
    expect(unplannedParameters('select ? /* open ?')).toBe('select +? /* open ?');
    expect(unplannedParameters('select ? -- ?')).toBe('select +? -- ?');
    expect(unplannedParameters('')).toBe('');
  });

  it('gives the same rows as the parameters it replaced, whatever their values', () => {
    const db = new SQLite(':memory:');
    db.exec(
      'create table t (id integer primary key, n integer, s text, b blob, r real); create index t_n on t (n)',
    );
    const insert = db.prepare(unplannedParameters('insert into t (n, s, b, r) values (?, ?, ?, ?)'));
    const value = fc.oneof(
      fc.integer({ min: -3, max: 3 }),
      fc.double({ noNaN: true }),
      fc.string({ maxLength: 4 }),
      fc.constant(null),
      fc.uint8Array({ maxLength: 3 }).map((bytes) => Buffer.from(bytes)),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(value, value, value, value), { maxLength: 8 }), value, (rows, probe) => {
        db.exec('delete from t');
        for (const row of rows) insert.run(...row);
        for (const query of [
          'select id, n, s, b, r from t where n = ? order by id',
          'select a.id, b.id from t a join t b on b.n = a.n where a.s = ? order by a.id, b.id',
          'select id from t where n is ? or s > ? or r < ? order by id limit ?',
          'select ? as v, typeof(?) as k',
        ]) {
          const count = query.split('?').length - 1;
          const args = Array.from({ length: count }, (_, i) =>
            query.includes('limit') && i === count - 1 ? 3 : probe,
          );
          expect(db.prepare(unplannedParameters(query)).all(...args)).toEqual(db.prepare(query).all(...args));
        }
      }),
      { numRuns: 200 },
    );
    db.close();
  });
});
