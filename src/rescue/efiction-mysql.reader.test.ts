/**
 * The live-database route against a real MariaDB (or MySQL): CI sets QUIRE_TEST_MYSQL_URL (.ci/run starts
 * MariaDB); without it these tests are skipped, saying so. The eFiction fixture dump is loaded into a
 * database of its own, then read back through mysql2 and compared with what the dump reader makes of it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDumpFile } from './dump-source.ts';
import { collectEfiction } from './efiction.reader.ts';
import { readEfictionDatabase } from './efiction-mysql.reader.ts';
import type { RescueArchive } from './rescue-archive.ts';
import { readDumpRows } from './sql-dump.reader.ts';

const MYSQL_URL = process.env.QUIRE_TEST_MYSQL_URL;
if (!MYSQL_URL) console.log('QUIRE_TEST_MYSQL_URL is not set: the MariaDB/MySQL rescue tests are skipped.');
const FIXTURE = join(import.meta.dirname, '../../test/fixtures/rescue/efiction');

function summary(archive: RescueArchive) {
  return archive.stories.map((story) => ({
    id: story.oldId,
    title: story.title,
    authors: story.authorIds,
    rating: story.rating,
    tags: story.tags,
    published: story.published,
    series: story.series,
    reviews: story.reviews.length,
  }));
}

describe.skipIf(!MYSQL_URL)('eFiction from a live MariaDB database', () => {
  const database = `quire_rescue_${process.pid}`;
  let admin: mysql.Connection;
  let url: string;

  beforeAll(async () => {
    admin = await mysql.createConnection({
      uri: MYSQL_URL as string,
      multipleStatements: true,
      charset: 'latin1',
    });
    await admin.query(`CREATE DATABASE \`${database}\``);
    await admin.query(`USE \`${database}\``);
    // The dump's bytes as a latin1 connection sends them: what `mysql < dump.sql` of an old site does.
    await admin.query(readFileSync(join(FIXTURE, 'dump.sql')).toString('latin1'));
    const parsed = new URL(MYSQL_URL as string);
    parsed.pathname = `/${database}`;
    url = parsed.toString();
  });
  afterAll(async () => {
    await admin?.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await admin?.end();
  });

  it('reads the same archive as the dump of it', async () => {
    const live = await readEfictionDatabase(url, { storiesDir: join(FIXTURE, 'stories') });
    const { chunks } = await openDumpFile(join(FIXTURE, 'dump.sql'));
    const dumped = await collectEfiction(readDumpRows(chunks), { storiesDir: join(FIXTURE, 'stories') });
    expect(summary(live)).toEqual(summary(dumped));
    expect(live.stories.find((story) => story.oldId === '2')?.title).toBe("It's a Café Story");
    const chapters = await live.readChapters(live.stories.find((story) => story.oldId === '7') as never);
    expect(chapters.chapters[0]?.body).toBe('He said “hello” and didn’t stop.');
    await live.close();
    await dumped.close();
  });

  it('names an unreachable server or a wrong password without the password', async () => {
    const wrong = new URL(MYSQL_URL as string);
    wrong.password = 'not-the-password';
    const error = await readEfictionDatabase(wrong.toString(), { storiesDir: null }).catch(
      (caught: Error) => caught,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/Cannot connect to the MySQL database/);
    expect((error as Error).message).not.toContain('not-the-password');
  });
});
