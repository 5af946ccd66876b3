import type { PostgresPoolClient } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PG_URL } from '../../test/stores.ts';
import { preparingPool } from './prepared-statements.ts';

const schema = `quire_prepared_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;

describe.skipIf(!PG_URL)('PostgreSQL statements prepared once per connection', () => {
  let raw: pg.Pool;
  beforeAll(async () => {
    raw = new pg.Pool({ connectionString: PG_URL, max: 2, options: `-c search_path=${schema}` });
    await raw.query(`CREATE SCHEMA "${schema}"`);
    await raw.query('CREATE TABLE shelf (id integer PRIMARY KEY, title text)');
    await raw.query("INSERT INTO shelf VALUES (1, 'Night Bus'), (2, 'Dawn Chorus')");
  });
  afterAll(async () => {
    await raw.query(`DROP SCHEMA "${schema}" CASCADE`);
    await raw.end();
  });

  /** What the connection has prepared, read on that connection (the list is a session's own). */
  async function prepared(client: PostgresPoolClient): Promise<string[]> {
    const { rows } = await client.query<{ statement: string }>(
      "SELECT statement FROM pg_prepared_statements WHERE statement NOT LIKE '%pg_prepared_statements%' ORDER BY statement",
      [],
    );
    return rows.map((row) => row.statement);
  }

  it('prepares a statement on its first run and answers later runs with their own parameters', async () => {
    const pool = preparingPool(raw);
    const client = await pool.connect();
    try {
      const text = 'SELECT title FROM shelf WHERE id = $1';
      expect((await client.query(text, [1])).rows).toEqual([{ title: 'Night Bus' }]);
      expect((await client.query(text, [2])).rows).toEqual([{ title: 'Dawn Chorus' }]);
      expect((await client.query(text, [3])).rows).toEqual([]);
      expect(await prepared(client)).toContain(text);
    } finally {
      client.release();
    }
  });

  it('prepares a SELECT * again after its table changed shape', async () => {
    const pool = preparingPool(raw);
    const client = await pool.connect();
    try {
      const text = 'SELECT * FROM shelf WHERE id = $1';
      expect((await client.query(text, [1])).rows).toEqual([{ id: 1, title: 'Night Bus' }]);
      await raw.query('ALTER TABLE shelf ADD COLUMN words integer DEFAULT 900');
      expect((await client.query(text, [1])).rows).toEqual([{ id: 1, title: 'Night Bus', words: 900 }]);
    } finally {
      client.release();
      await raw.query('ALTER TABLE shelf DROP COLUMN words');
    }
  });

  it('runs statements past the limit of names unnamed, and a bad statement fails alone', async () => {
    const pool = preparingPool(raw, 1);
    const client = await pool.connect();
    try {
      expect((await client.query('SELECT count(*)::int AS n FROM shelf WHERE id > $1', [0])).rows).toEqual([
        { n: 2 },
      ]);
      const unnamed = 'SELECT upper(title) AS title FROM shelf WHERE id = $1';
      expect((await client.query(unnamed, [2])).rows).toEqual([{ title: 'DAWN CHORUS' }]);
      expect(await prepared(client)).toContain('SELECT count(*)::int AS n FROM shelf WHERE id > $1');
      expect(await prepared(client)).not.toContain(unnamed);
      await expect(client.query('SELECT nothing FROM shelf WHERE id = $1', [1])).rejects.toThrow(
        /column "nothing" does not exist/,
      );
      expect((await client.query('SELECT title FROM shelf WHERE id = $1', [1])).rows).toEqual([
        { title: 'Night Bus' },
      ]);
    } finally {
      client.release();
    }
  });
});
