/**
 * A generated eFiction 3.x archive for `bench:rescue`: a mysqldump-style dump (extended INSERTs of about
 * 1 MB, as mysqldump writes them) and a stories/ folder, with authors, nested categories, characters,
 * classes, ratings, series, co-authors and reviews. Half the chapters keep their text in the database and
 * half in files, as sites that switched storage over the years do. Seeded: every run writes the same archive.
 */

import { once } from 'node:events';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { paragraphs, seededRandom } from './story-text.ts';

export interface EfictionShape {
  stories: number;
  chapters: number;
  authors: number;
  /** Words per chapter, at most; each chapter has a random share of it and at least 300. */
  maxWords: number;
}

const q = (value: string) =>
  `'${value.replace(/[\\'\n\r]/g, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : `\\${c}`))}'`;

export async function writeEfictionArchive(
  folder: string,
  shape: EfictionShape,
  seed = 21,
): Promise<{ dump: string; stories: string; bytes: number }> {
  const random = seededRandom(seed);
  mkdirSync(join(folder, 'stories'), { recursive: true });
  const dumpPath = join(folder, 'efiction.sql');
  const out = createWriteStream(dumpPath);
  let bytes = 0;
  const write = async (text: string) => {
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  const table = async (name: string, columns: string[], rows: Iterable<string[]>) => {
    await write(
      `DROP TABLE IF EXISTS \`fanfiction_${name}\`;\nCREATE TABLE \`fanfiction_${name}\` (\n${columns.map((c) => `  \`${c}\` text`).join(',\n')}\n) ENGINE=MyISAM DEFAULT CHARSET=latin1;\n`,
    );
    let statement: string[] = [];
    let size = 0;
    const flush = async () => {
      if (statement.length > 0)
        await write(`INSERT INTO \`fanfiction_${name}\` VALUES ${statement.join(',')};\n`);
      statement = [];
      size = 0;
    };
    for (const row of rows) {
      const tuple = `(${row.join(',')})`;
      statement.push(tuple);
      size += tuple.length;
      if (size > 1_000_000) await flush();
    }
    await flush();
  };
  await write('-- MySQL dump 10.13 (generated for bench:rescue)\n/*!40101 SET NAMES utf8 */;\n');
  await table(
    'authors',
    ['uid', 'penname', 'realname', 'email', 'date'],
    (function* () {
      for (let uid = 1; uid <= shape.authors; uid++)
        yield [
          String(uid),
          q(`Author ${uid}`),
          q(''),
          q(`author${uid}@example.org`),
          q('2004-01-01 00:00:00'),
        ];
    })(),
  );
  await table(
    'categories',
    ['catid', 'parentcatid', 'category'],
    (function* () {
      yield ['1', '-1', q('Buffy the Vampire Slayer')];
      yield ['2', '-1', q('Angel')];
      for (let catid = 3; catid <= 40; catid++)
        yield [String(catid), String(1 + (catid % 2)), q(`Season ${catid}`)];
    })(),
  );
  await table(
    'characters',
    ['charid', 'catid', 'charname'],
    (function* () {
      const names = [
        'Willow',
        'Spike',
        'Buffy',
        'Giles',
        'Xander',
        'Dawn',
        'Tara',
        'Anya',
        'Angel',
        'Cordelia',
      ];
      for (let charid = 1; charid <= 200; charid++)
        yield [
          String(charid),
          '1',
          q(charid <= names.length ? (names[charid - 1] as string) : `Minor character ${charid}`),
        ];
    })(),
  );
  await table(
    'classtypes',
    ['classtype_id', 'classtype_name', 'classtype_title'],
    [
      ['1', q('genres'), q('Genres')],
      ['2', q('warnings'), q('Warnings')],
    ],
  );
  await table(
    'classes',
    ['class_id', 'class_type', 'class_name'],
    (function* () {
      for (let id = 1; id <= 30; id++)
        yield [
          String(id),
          id <= 20 ? '1' : '2',
          q(id <= 20 ? `Genre ${id}` : id === 21 ? 'Character Death' : `Warning ${id}`),
        ];
    })(),
  );
  await table(
    'ratings',
    ['rid', 'rating'],
    [
      ['1', q('G')],
      ['2', q('PG-13')],
      ['3', q('R')],
      ['4', q('NC-17')],
    ],
  );

  // Chapters per story: one each, and the rest spread at random.
  const chapterCounts = new Array<number>(shape.stories).fill(1);
  for (let extra = shape.stories; extra < shape.chapters; extra++) {
    const index = Math.floor(random() * shape.stories);
    chapterCounts[index] = (chapterCounts[index] ?? 0) + 1;
  }
  const storyAuthor = (sid: number) => 1 + ((sid * 7919) % shape.authors);
  await table(
    'stories',
    [
      'sid',
      'title',
      'summary',
      'storynotes',
      'catid',
      'classes',
      'charid',
      'rid',
      'date',
      'updated',
      'uid',
      'coauthors',
      'validated',
      'completed',
    ],
    (function* () {
      for (let sid = 1; sid <= shape.stories; sid++) {
        const day = String(1 + (sid % 28)).padStart(2, '0');
        yield [
          String(sid),
          q(`Story ${sid}`),
          q(paragraphs(random, 30)[0] ?? ''),
          q(''),
          q(`${1 + (sid % 40)},${1 + (sid % 2)}`),
          q(`${1 + (sid % 30)}`),
          q(`${1 + (sid % 200)}, ${1 + ((sid * 3) % 200)}`),
          String(1 + (sid % 4)),
          q(sid % 97 === 0 ? '0000-00-00 00:00:00' : `2005-03-${day} 10:00:00`),
          q(`2006-04-${day} 10:00:00`),
          String(storyAuthor(sid)),
          'NULL',
          q('1'),
          q(sid % 3 === 0 ? '0' : '1'),
        ];
      }
    })(),
  );
  let chapid = 0;
  await table(
    'chapters',
    ['chapid', 'title', 'inorder', 'notes', 'storytext', 'endnotes', 'validated', 'sid', 'uid'],
    (function* () {
      for (let sid = 1; sid <= shape.stories; sid++) {
        for (let inorder = 1; inorder <= (chapterCounts[sid - 1] as number); inorder++) {
          chapid++;
          const words = 300 + Math.floor(random() * (shape.maxWords - 300));
          const text = paragraphs(random, words).join('\n\n');
          const uid = storyAuthor(sid);
          let storytext = q(text);
          if (chapid % 2 === 0) {
            mkdirSync(join(folder, 'stories', String(uid)), { recursive: true });
            writeFileSync(join(folder, 'stories', String(uid), `${chapid}.txt`), text);
            storytext = q('');
          }
          yield [
            String(chapid),
            q(`Chapter ${inorder}`),
            String(inorder),
            q(''),
            storytext,
            q(''),
            q('1'),
            String(sid),
            String(uid),
          ];
        }
      }
    })(),
  );
  await table(
    'series',
    ['seriesid', 'title', 'summary', 'uid'],
    (function* () {
      for (let id = 1; id <= shape.stories / 20; id++)
        yield [String(id), q(`Series ${id}`), q(''), String(storyAuthor(id * 20))];
    })(),
  );
  await table(
    'inseries',
    ['seriesid', 'inorder', 'subseriesid', 'sid'],
    (function* () {
      for (let sid = 1; sid <= shape.stories; sid++)
        yield [String(1 + Math.floor((sid - 1) / 20)), String(1 + ((sid - 1) % 20)), '0', String(sid)];
    })(),
  );
  await table(
    'coauthors',
    ['sid', 'uid'],
    (function* () {
      for (let sid = 10; sid <= shape.stories; sid += 10)
        yield [String(sid), String(1 + (storyAuthor(sid) % shape.authors))];
    })(),
  );
  await table(
    'reviews',
    ['reviewid', 'item', 'type', 'reviewer', 'uid', 'review', 'date', 'chapid'],
    (function* () {
      for (let id = 1; id <= shape.stories * 2; id++)
        yield [
          String(id),
          String(1 + (id % shape.stories)),
          q('ST'),
          q(`Reader ${id % 300}`),
          '0',
          q(paragraphs(random, 25)[0] ?? ''),
          q('2006-05-01 10:00:00'),
          '0',
        ];
    })(),
  );
  out.end();
  await once(out, 'finish');
  return { dump: dumpPath, stories: join(folder, 'stories'), bytes };
}
