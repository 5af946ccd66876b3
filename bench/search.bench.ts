/**
 * `npm run bench:search -- [--data DIR | --database-url URL] [--rounds N] [--engine index|sql] [--text-cache
 * on|off] [--write-load]`: a fixed mix of reader queries (one fandom; fandom + relationship; excluding two
 * tags; rating + complete + word range; full text; a deep page; a fandom sorted by a count), every one with
 * facet counts, against an archive built by `npm run bench:corpus`. Prints the filter index's load time and
 * memory, p50, p95 and p99 per query kind and overall, queries per second, and the process's peak RSS.
 * `--engine sql` measures the SQL path alone; `--text-cache off` empties the index's text-match cache before
 * every query (every text query cold); `--write-load` runs the queries while another process leaves 50
 * kudos and 20 comments a second (bench/write-load.ts), then checks the count sorts against SQL's.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { sql } from 'kysely';
import { parseScriptArgs } from '../scripts/script-args.ts';
import { openStore } from '../src/db/connect.ts';
import type { TagKind } from '../src/domain/tag-kinds.ts';
import { currentFilterIndex } from '../src/search/index/current-index.ts';
import type { FilterIndex } from '../src/search/index/filter-index.ts';
import { servingSearchProvider } from '../src/search/providers.ts';
import { parseWorkQuery, type QueryInput } from '../src/search/work-query.ts';
import { searchWorks } from '../src/search/work-search.ts';
import { searchWorksSql } from '../src/search/work-search-sql.ts';
import { seededRandom } from './story-text.ts';

const { values } = parseScriptArgs({
  options: {
    data: { type: 'string', default: 'bench/out/data' },
    'database-url': { type: 'string' },
    rounds: { type: 'string', default: '100' },
    engine: { type: 'string', default: 'index' },
    'text-cache': { type: 'string', default: 'on' },
    'write-load': { type: 'boolean', default: false },
  },
});
if (!['index', 'sql'].includes(values.engine))
  throw new Error(`--engine must be index or sql, not ${values.engine}`);
const rounds = Number(values.rounds);
const store = await openStore(
  values['database-url'] ? { databaseUrl: values['database-url'] } : { dataDir: values.data },
);
// As `quire serve` answers: on SQLite, full text and the counts' reordering in a thread of their own.
const search = servingSearchProvider(store);
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
  [
    'fandom sorted by a count',
    () => ({ tags: pick(fandoms), sort: pick(['kudos', 'hits', 'bookmarks', 'comments']) }),
  ],
];

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] as number;
console.log(
  `quire search benchmark on ${works.toLocaleString('en-US')} works (${store.dialect}, ${values.engine === 'sql' ? 'SQL only' : `filter index, text cache ${values['text-cache']}`}), facet counts on every query.`,
);
console.log(`Targets with 100,000 works: p95 at most 30 ms on SQLite, 60 ms on PostgreSQL.`);

let index: FilterIndex | null = null;
if (values.engine === 'index') {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const memory = () => {
    gc();
    const usage = process.memoryUsage();
    return usage.heapUsed + usage.arrayBuffers;
  };
  const before = memory();
  index = await currentFilterIndex(store.db, store.dialect);
  if (!index) throw new Error('the filter index did not load');
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  console.log(
    `Filter index: loaded in ${index.buildMs.toFixed(0)} ms; ${mb(memory() - before)} of heap and array buffers (its arrays ${mb(index.byteSize())}).`,
  );
}
const run = async (input: QueryInput) => {
  if (index && values['text-cache'] === 'off') index.forgetText();
  const start = process.hrtime.bigint();
  if (values.engine === 'sql') await searchWorksSql(store.db, search, parseWorkQuery(input));
  else await searchWorks(store.db, search, parseWorkQuery(input));
  return Number(process.hrtime.bigint() - start) / 1e6;
};
for (const [, make] of MIX) for (let i = 0; i < 5; i++) await run(make());

let writer: ChildProcess | null = null;
if (values['write-load']) {
  const target = values['database-url']
    ? ['--database-url', values['database-url']]
    : ['--data', values.data];
  writer = spawn(process.execPath, ['--import', 'tsx', 'bench/write-load.ts', ...target], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = (await once(writer.stdout as NodeJS.ReadableStream, 'data')) as [Buffer];
  if (!line.toString().startsWith('ready')) throw new Error(`the writer did not start: ${line}`);
  console.log('Under write load: another process leaves 50 kudos and 20 comments a second.');
}

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
if (writer) {
  const output: Buffer[] = [];
  writer.stdout?.on('data', (chunk: Buffer) => output.push(chunk));
  writer.kill('SIGTERM');
  await once(writer, 'exit');
  const done = JSON.parse(Buffer.concat(output).toString()) as Record<string, number>;
  const rate = (n = 0) => (n / (done.seconds ?? 1)).toFixed(1);
  console.log(
    `writes meanwhile: ${rate(done.kudos)} kudos/s, ${rate(done.comments)} comments/s, ${done.refused} refused`,
  );
  // Once the writes stop (and the index's pause between reorderings has passed), the count sorts must
  // agree with SQL's.
  await new Promise((resolve) => setTimeout(resolve, 2000));
  for (const sort of ['kudos', 'comments'] as const) {
    const query = parseWorkQuery({ sort, per_page: '50' });
    const fromIndex = (await searchWorks(store.db, search, query)).works.map((work) => work.id);
    const fromSql = (await searchWorksSql(store.db, search, query)).works.map((work) => work.id);
    console.log(
      `sorted by ${sort} after the load: ${fromIndex.join() === fromSql.join() ? 'same first page as SQL' : 'DIFFERS FROM SQL'}`,
    );
  }
}
await search.close();
await store.close();
