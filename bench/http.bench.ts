/**
 * `npm run bench:http -- [--data DIR | --database-url URL] [--duration S] [--connections N] [--warmup S]
 * [--only NAME,...]`: starts `quire serve` as a child process on an archive built by `npm run bench:corpus`
 * and drives it with autocannon over loopback: a ~5,000-word one-chapter work page, the works index with
 * three filters (and a variant with an exclusion), and an EPUB download. Prints requests per second, p50,
 * p95 and p99 latency, errors and non-2xx answers, bytes per second and the server's peak RSS per scenario,
 * then the comparison with eFiction (the PHP script most legacy archives run; about 250 story pages and 30
 * to 70 listing pages per second on the reference 2-core machine, so ten times that is the target).
 *
 * The server runs in its own process so that autocannon's work does not share its event loop; on a 2-core
 * machine the two still share the CPU, as they would behind a proxy on the same host.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { openStore } from '../src/db/connect.ts';
import { downloadFileName } from '../src/export/filename.ts';
import { loadBlurbs } from '../src/repositories/work-view.ts';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: 'bench/out/data' },
    'database-url': { type: 'string' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '100' },
    warmup: { type: 'string', default: '2' },
    only: { type: 'string' },
    'page-cache-mb': { type: 'string', default: '64' },
  },
});
const duration = Number(values.duration);
const connections = Number(values.connections);
const warmup = Number(values.warmup);
if (!(duration > 0) || !(connections > 0) || !(warmup >= 0))
  throw new Error('--duration and --connections must be positive numbers, --warmup zero or more');
const databaseUrl = values['database-url'];
const storeArgs = databaseUrl ? ['--database-url', databaseUrl] : ['--data', values.data];

// The scenarios are drawn from the archive itself.
const store = await openStore(databaseUrl ? { databaseUrl } : { dataDir: values.data });
const works = Number(
  (await store.db.selectFrom('works').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n,
);
if (works === 0) {
  console.error(`${store.location} holds no works: run npm run bench:corpus -- --works 100000 first.`);
  process.exit(2);
}
// Not behind the adult notice, so the page itself is measured.
const UNGATED = ['General Audiences', 'Teen And Up Audiences'];
const chapterWork = await store.db
  .selectFrom('works')
  .select(['id', 'words'])
  .where('chapter_count', '=', 1)
  .where('rating', 'in', UNGATED)
  .where('words', '>=', 4500)
  .where('words', '<=', 5500)
  .orderBy(sql`abs(words - 5000)`)
  .limit(1)
  .executeTakeFirst();
if (!chapterWork) throw new Error('no one-chapter General or Teen work of about 5,000 words in the archive');
const fandom = await store.db
  .selectFrom('work_filter_tags as ft')
  .innerJoin('tags as t', 't.id', 'ft.tag_id')
  .where('t.kind', '=', 'fandom')
  .groupBy(['t.id', 't.name'])
  .select(['t.name', sql<number>`count(*)`.as('n')])
  .orderBy('n', 'desc')
  .limit(1)
  .executeTakeFirstOrThrow();
const freeform = await store.db
  .selectFrom('work_filter_tags as ft')
  .innerJoin('tags as t', 't.id', 'ft.tag_id')
  .where('t.kind', '=', 'freeform')
  .groupBy(['t.id', 't.name'])
  .select(['t.name', sql<number>`count(*)`.as('n')])
  .orderBy('n', 'desc')
  .limit(1)
  .executeTakeFirstOrThrow();
const epubWork = await store.db
  .selectFrom('works')
  .select('id')
  .where('rating', 'in', UNGATED)
  .where('words', '>=', 20_000)
  .orderBy('id')
  .limit(1)
  .executeTakeFirst();
const [epubBlurb] = await loadBlurbs(store.db, [epubWork?.id ?? chapterWork.id]);
if (!epubBlurb) throw new Error('the EPUB work vanished');
await store.close();

const filters = new URLSearchParams({
  tags: fandom.name,
  rating: 'Teen And Up Audiences',
  complete: 'complete',
});
const excluding = new URLSearchParams(filters);
excluding.append('exclude_tags', freeform.name);
const SCENARIOS: { name: string; kind: 'story' | 'listing' | 'download'; path: string; note: string }[] = [
  {
    name: 'chapter',
    kind: 'story',
    path: `/works/${chapterWork.id}`,
    note: `work ${chapterWork.id}, one chapter of ${Number(chapterWork.words).toLocaleString('en-US')} words`,
  },
  {
    name: 'index',
    kind: 'listing',
    path: `/works?${filters}`,
    note: `${fandom.name} + Teen And Up + complete`,
  },
  {
    name: 'index-exclude',
    kind: 'listing',
    path: `/works?${excluding}`,
    note: `the same, excluding ${freeform.name}`,
  },
  {
    name: 'epub',
    kind: 'download',
    path: `/downloads/${epubBlurb.id}/${encodeURIComponent(downloadFileName(epubBlurb, 'epub'))}`,
    note: `work ${epubBlurb.id}, ${epubBlurb.words.toLocaleString('en-US')} words in ${epubBlurb.chapterCount} chapters`,
  },
];
const only = values.only?.split(',');
const chosen = only ? SCENARIOS.filter((scenario) => only.includes(scenario.name)) : SCENARIOS;

/** `quire serve` in a child process; resolves with its address once it prints it. */
async function startServer(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    [
      'bin/quire.js',
      'serve',
      ...storeArgs,
      '--port',
      '0',
      '--log-level',
      'warn',
      '--rate-limit',
      '10000000',
      '--page-cache-mb',
      values['page-cache-mb'],
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const found = /at (https?:\/\/\S+?)\/?\s/.exec(output);
      if (found?.[1]) resolve(found[1]);
    });
    child.once('exit', (code) => reject(new Error(`quire serve exited with ${code}: ${output}`)));
  });
  return { child, url };
}

/** A line of /proc/PID/status in MB (VmHWM: peak resident set; VmRSS: now). */
function memoryOf(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
    return kb / 1024;
  } catch {
    return Number.NaN;
  }
}

const percentile = (sorted: Float64Array, p: number): number =>
  sorted.length === 0
    ? Number.NaN
    : (sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0);

interface Figures {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  non2xx: number;
  bytesPerSecond: number;
}

/** One autocannon run; latencies are kept per response, for p95 (autocannon reports p97.5, not p95). */
async function drive(url: string, seconds: number): Promise<Figures> {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections, duration: seconds }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  const sorted = Float64Array.from(latencies).sort();
  return {
    rps: result.requests.total / seconds,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    bytesPerSecond: result.throughput.total / seconds,
  };
}

const load = loadavg()
  .map((value) => value.toFixed(2))
  .join(' ');
console.log(
  `bench:http on ${databaseUrl ? 'PostgreSQL' : values.data} (${works.toLocaleString('en-US')} works), ` +
    `${connections} connections, ${duration} s per scenario after ${warmup} s of warm-up, ` +
    `page cache ${values['page-cache-mb']} MB; load average ${load}`,
);
const { child, url } = await startServer();
const pid = child.pid as number;
const results = new Map<string, Figures>();
try {
  for (const scenario of chosen) {
    // The first request may load the search index or read the work from disk: timed apart, not measured.
    const started = performance.now();
    const first = await fetch(`${url}${scenario.path}`);
    await first.arrayBuffer();
    if (!first.ok) throw new Error(`${scenario.path} answered ${first.status}`);
    const cold = performance.now() - started;
    if (warmup > 0) await drive(`${url}${scenario.path}`, warmup);
    const figures = await drive(`${url}${scenario.path}`, duration);
    results.set(scenario.name, figures);
    const ms = (value: number) => `${value.toFixed(1)} ms`;
    console.log(
      `${scenario.name.padEnd(14)} ${Math.round(figures.rps).toLocaleString('en-US').padStart(7)} req/s  ` +
        `p50 ${ms(figures.p50)}  p95 ${ms(figures.p95)}  p99 ${ms(figures.p99)}  ` +
        `errors ${figures.errors}  non-2xx ${figures.non2xx}  ` +
        `${(figures.bytesPerSecond / 1024 / 1024).toFixed(1)} MB/s  ` +
        `server peak RSS ${memoryOf(pid, 'VmHWM').toFixed(0)} MB (now ${memoryOf(pid, 'VmRSS').toFixed(0)} MB)  ` +
        `first request ${ms(cold)}  [${scenario.note}]`,
    );
  }
} finally {
  child.kill('SIGTERM');
}

const best = (kind: 'story' | 'listing') =>
  Math.min(
    ...chosen
      .filter((scenario) => scenario.kind === kind)
      .map((scenario) => results.get(scenario.name)?.rps ?? Number.NaN),
  );
const verdict = (value: number, target: number) =>
  Number.isNaN(value)
    ? 'not run'
    : `${Math.round(value).toLocaleString('en-US')}/s ${value >= target ? 'ok' : 'SHORT'}`;
console.log(
  `eFiction x10: story pages >= 2,500/s: ${verdict(best('story'), 2500)}; ` +
    `listing pages >= 700/s: ${verdict(best('listing'), 700)}`,
);
const chapter = results.get('chapter');
const index = results.get('index');
const exclude = results.get('index-exclude');
const listingP95s = [index?.p95, exclude?.p95].filter((value) => value !== undefined);
const listingP95 = listingP95s.length > 0 ? Math.max(...listingP95s) : Number.NaN;
console.log(
  `targets: chapter >= 3,000 req/s at p99 < 50 ms: ${
    chapter
      ? `${Math.round(chapter.rps)} req/s, p99 ${chapter.p99.toFixed(1)} ms ${chapter.rps >= 3000 && chapter.p99 < 50 ? 'ok' : 'SHORT'}`
      : 'not run'
  }; filtered index p95 < 60 ms: ${
    Number.isNaN(listingP95) ? 'not run' : `${listingP95.toFixed(1)} ms ${listingP95 < 60 ? 'ok' : 'SHORT'}`
  }`,
);
