/**
 * `npm run bench:search -- [--data DIR | --database-url URL] [--rounds N]`: a fixed mix of reader queries
 * (one fandom; fandom + relationship; excluding two tags; rating + complete + word range; full text; a deep
 * page), every one with facet counts, against an archive built by `npm run bench:corpus`. Prints p50, p95
 * and p99 per query kind and overall, queries per second, and the process's peak RSS.
 */
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { openStore } from '../src/db/connect.ts';
import type { TagKind } from '../src/db/database.ts';
import { postgresSearch } from '../src/search/postgres-fts.ts';
import { parseWorkQuery, type QueryInput } from '../src/search/work-query.ts';
import { searchWorks } from '../src/search/work-search.ts';
import { seededRandom } from './story-text.ts';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: 'bench/out/data' },
    'database-url': { type: 'string' },
    rounds: { type: 'string', default: '100' },
  },
});
const rounds = Number(values.rounds);
const store = await openStore(
  values['database-url'] ? { databaseUrl: values['database-url'] } : { dataDir: values.data },
);
const search =
  store.dialect === 'postgres' ? postgresSearch : (await import('../src/search/sqlite-fts.ts')).sqliteSearch;
const works = Number(
  (await store.db.selectFrom('works').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n,
);
if (works === 0) {
  console.error(`${store.location} holds no works: run npm run bench:corpus first.`);
  process.exit(2);
}

// Parameters drawn from what the archive holds, most popular first, as readers browse.
const popular = async (kind: TagKind, limit: number) =>
  (
    await store.db
      .selectFrom('work_filter_tags as ft')
      .innerJoin('tags as t', 't.id', 'ft.tag_id')
      .where('t.kind', '=', kind)
      .groupBy(['t.id', 't.name'])
      .select(['t.name', sql<number>`count(*)`.as('n')])
      .orderBy('n', 'desc')
      .limit(limit)
      .execute()
  ).map((row) => row.name);
const fandoms = await popular('fandom', 6);
const relationships = await popular('relationship', 40);
const freeforms = await popular('freeform', 10);
const random = seededRandom(3);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const WORDS = [
  'library',
  'night',
  'slayer',
  'whisper',
  'window',
  'remember',
  'crypt',
  'magic',
  'morning',
  'quiet',
];

const MIX: [string, () => QueryInput][] = [
  ['one fandom', () => ({ tags: pick(fandoms) })],
  ['fandom + relationship', () => ({ tags: [fandoms[0] as string, pick(relationships)] })],
  ['exclude two tags', () => ({ tags: pick(fandoms), exclude_tags: [pick(freeforms), pick(freeforms)] })],
  [
    'rating + complete + words',
    () => ({
      rating: pick(['Explicit', 'Mature', 'Teen And Up Audiences']),
      complete: 'complete',
      words_min: '1000',
      words_max: '50000',
    }),
  ],
  ['full text', () => ({ q: `${pick(WORDS)} ${pick(WORDS)}` })],
  [
    'deep page',
    () => ({
      tags: fandoms[0] as string,
      page: String(200 + Math.floor(random() * 300)),
      sort: pick(['updated', 'kudos', 'words']),
    }),
  ],
];

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] as number;
const run = async (input: QueryInput) => {
  const start = process.hrtime.bigint();
  await searchWorks(store.db, search, parseWorkQuery(input));
  return Number(process.hrtime.bigint() - start) / 1e6;
};

console.log(
  `quire search benchmark on ${works.toLocaleString('en-US')} works (${store.dialect}), facet counts on every query.`,
);
console.log(`Targets with 100,000 works: p95 at most 30 ms on SQLite, 60 ms on PostgreSQL.`);
for (const [, make] of MIX) for (let i = 0; i < 5; i++) await run(make());

const all: number[] = [];
const started = process.hrtime.bigint();
for (const [name, make] of MIX) {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) times.push(await run(make()));
  times.sort((a, b) => a - b);
  all.push(...times);
  console.log(
    `${name.padEnd(28)} p50 ${percentile(times, 50).toFixed(1).padStart(7)} ms  p95 ${percentile(times, 95).toFixed(1).padStart(7)} ms  p99 ${percentile(times, 99).toFixed(1).padStart(7)} ms`,
  );
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
all.sort((a, b) => a - b);
console.log(
  `${'all queries'.padEnd(28)} p50 ${percentile(all, 50).toFixed(1).padStart(7)} ms  p95 ${percentile(all, 95).toFixed(1).padStart(7)} ms  p99 ${percentile(all, 99).toFixed(1).padStart(7)} ms`,
);
console.log(
  `${(all.length / seconds).toFixed(0)} queries per second (one connection, one after another); peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
);
await store.close();
