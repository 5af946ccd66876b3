import { createHash } from 'node:crypto';
import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type pg from 'pg';

/**
 * Most statement texts given a name; past this, new texts run unnamed (parsed and planned each time), so a
 * query built with ever more shapes cannot fill every connection's memory with plans.
 */
const MAX_NAMED = 1000;

/** SQLSTATE of "cached plan must not change result type": a prepared `SELECT *` after its table changed. */
const PLAN_RESULT_CHANGED = '0A000';

/**
 * A pool whose connections prepare each statement once and then only bind and run it. PostgreSQL parses and
 * plans an unnamed statement on every run, and a page runs the same dozen or so statements: named, a random
 * chapter page cost the server 1.5 ms of CPU instead of 3.0-3.6 (bench/README.md). Kysely sends its SQL as
 * text with parameters, so the name comes from the text; node-postgres remembers per connection which names
 * it has prepared.
 */
export function preparingPool(pool: pg.Pool, maxNamed = MAX_NAMED): PostgresPool {
  const names = new Map<string, string>();
  const nameOf = (text: string): string | undefined => {
    let name = names.get(text);
    if (name === undefined && names.size < maxNamed) {
      // From the text, not a count: pools over the same server never give one name to two texts.
      name = `quire_${createHash('sha256').update(text).digest('hex').slice(0, 32)}`;
      names.set(text, name);
    }
    return name;
  };
  return {
    connect: async () => preparingClient(await pool.connect(), nameOf),
    end: () => pool.end(),
  };
}

function preparingClient(
  client: pg.PoolClient,
  nameOf: (text: string) => string | undefined,
): PostgresPoolClient {
  async function run(text: string, values: unknown[]): Promise<pg.QueryResult> {
    const name = nameOf(text);
    if (name === undefined) return client.query(text, values);
    try {
      return await client.query({ name, text, values });
    } catch (error) {
      if ((error as { code?: unknown }).code !== PLAN_RESULT_CHANGED) throw error;
      // The table under a prepared statement changed shape (a migration while the pool was open): drop the
      // old plan and prepare it again. Inside a transaction the failure has ended it, and stands.
      try {
        await client.query(`DEALLOCATE ${name}`);
      } catch {
        throw error;
      }
      forgetPrepared(client, name);
      return client.query({ name, text, values });
    }
  }
  function query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>;
  function query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
  function query<R>(
    sqlOrCursor: string | PostgresCursor<R>,
    parameters?: ReadonlyArray<unknown>,
  ): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
    if (typeof sqlOrCursor !== 'string') return client.query(sqlOrCursor as never) as PostgresCursor<R>;
    return run(sqlOrCursor, [...(parameters ?? [])]) as unknown as Promise<PostgresQueryResult<R>>;
  }
  return { query, release: () => client.release() };
}

/** node-postgres keeps the names it prepared on its connection object, which its types leave out. */
function forgetPrepared(client: pg.PoolClient, name: string): void {
  const connection = (client as unknown as { connection?: { parsedStatements?: Record<string, string> } })
    .connection;
  if (connection?.parsedStatements) delete connection.parsedStatements[name];
}
