/**
 * An eFiction archive read from its live MySQL or MariaDB database through mysql2: the same rows a dump
 * holds, streamed table by table.
 */
import mysql from 'mysql2';
import { AppError } from '../errors.ts';
import { EfictionCollector, splitTableName } from './efiction.reader.ts';
import type { RescueArchive } from './rescue-archive.ts';
import { decodeValue } from './sql-dump.reader.ts';

function asText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (Buffer.isBuffer(value)) return decodeValue(value);
  return String(value);
}

export async function readEfictionDatabase(
  url: string,
  options: { prefix?: string; storiesDir: string | null },
): Promise<RescueArchive> {
  let connection: mysql.Connection;
  try {
    // Dates as the server writes them, so `0000-00-00` stays a date to skip and not a JavaScript error.
    connection = mysql.createConnection({
      uri: url,
      dateStrings: true,
      supportBigNumbers: true,
      bigNumberStrings: true,
      charset: 'utf8mb4',
    });
    await connection.promise().connect();
  } catch (error) {
    throw new AppError(
      'DATABASE_UNAVAILABLE',
      `Cannot connect to the MySQL database at ${url.replace(/\/\/[^@/]*@/, '//***@')}: ${(error as Error).message}`,
    );
  }
  const collector = new EfictionCollector(options.prefix);
  try {
    const [tables] = (await connection.promise().query('SHOW TABLES')) as unknown as [
      Record<string, string>[],
    ];
    for (const row of tables) {
      const table = Object.values(row)[0] as string;
      if (!splitTableName(table)) continue;
      const stream = connection
        .query(mysql.format('SELECT * FROM ??', [table]))
        .stream({ highWaterMark: 200 });
      for await (const record of stream as AsyncIterable<Record<string, unknown>>) {
        const values: Record<string, string | null> = {};
        for (const [key, value] of Object.entries(record)) values[key] = asText(value);
        collector.add({ table, values });
      }
    }
  } catch (error) {
    throw new AppError('INVALID_DUMP', `Reading the eFiction tables failed: ${(error as Error).message}`);
  } finally {
    connection.end();
  }
  return collector.finish(options.storiesDir);
}
