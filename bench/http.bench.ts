/**
 * `npm run bench:http -- [--works N] [--data DIR | --database-url URL | --pg] [--workers N] [--duration S]
 * [--connections N] [--only KIND,...] [--cache-mb N] [--one-server] [--cpu-prof DIR]`: real traffic against `quire serve`,
 * over loopback.
 *
 * Each page kind (random chapters of all works, random filter combinations, random tag pages, first-time
 * search words common and rare, random downloads in each format; bench/http-traffic.ts) runs against a
 * freshly started server, each address visited once, so what is measured is a first visit, not the page
 * cache. Then one chapter page again and again (the page cache), and the same page saved and served by
 * Debian's nginx (bench/nginx.ts), with Quire's ratio to it. For each: requests per second, p50 and p99
 * latency, errors, and the server's CPU time per request (all its processes), then the targets of issue #23.
 * With `--one-server` every kind runs against the same server in turn, as a real archive's readers would
 * meet it: its peak memory is then what one process reaches serving everything (issue #23's 400 MB).
 *
 * The archive is the one `npm run bench:corpus` builds, made here when it holds fewer than `--works` works:
 * 10,000 by default (bench/out/data-10000), `--works 100000` for the large one. `--pg` uses the PostgreSQL
 * server of QUIRE_TEST_PG_URL with a database of its own (quire_bench_<works>), created when missing.
 * The load comes from wrk (bench/load-generator.ts) when it is installed, else autocannon in a worker.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { parseScriptArgs } from '../scripts/script-args.ts';
import { openStore } from '../src/db/connect.ts';
import { buildTraffic, type Traffic, type TrafficKind } from './http-traffic.ts';
import { hasWrk, type LoadFigures, runLoad } from './load-generator.ts';
import { hasNginx, startNginx } from './nginx.ts';
import { meterPostgresCpu } from './pg-backends.ts';

const { values } = parseScriptArgs({
  options: {
    works: { type: 'string', default: '10000' },
    data: { type: 'string' },
    'database-url': { type: 'string' },
    pg: { type: 'boolean', default: false },
    workers: { type: 'string' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    only: { type: 'string' },
    'cache-mb': { type: 'string' },
    'one-server': { type: 'boolean', default: false },
    'cpu-prof': { type: 'string' },
  },
});
const worksWanted = Number(values.works);
const duration = Number(values.duration);
const connections = Number(values.connections);
if (!Number.isInteger(worksWanted) || worksWanted < 1 || !(duration > 0) || !(connections > 0))
  throw new Error('--works, --duration and --connections must be positive numbers');

/** The PostgreSQL database of `--pg`: QUIRE_TEST_PG_URL's server, a database of its own. */
async function benchDatabase(): Promise<string> {
  const base = process.env.QUIRE_TEST_PG_URL;
  if (!base) throw new Error('--pg needs QUIRE_TEST_PG_URL (postgres://user@host:port/db)');
  const url = new URL(base);
  const name = `quire_bench_${worksWanted}`;
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  url.pathname = `/${name}`;
  return url.toString();
}

const databaseUrl = values['database-url'] ?? (values.pg ? await benchDatabase() : undefined);
const dataDir = values.data ?? `bench/out/data-${worksWanted}`;
// bench:corpus takes the database's address as an option, quire serve from its environment.
const corpusArgs = databaseUrl ? ['--database-url', databaseUrl] : ['--data', dataDir];
// On PostgreSQL the data folder holds only the kept downloads: a temporary one, not the working folder's.
const serveData = databaseUrl ? mkdtempSync(join(tmpdir(), 'quire-bench-http-')) : dataDir;
const serveArgs = ['--data', serveData];
const serveEnv = databaseUrl ? { ...process.env, QUIRE_DATABASE_URL: databaseUrl } : process.env;

async function countWorks(): Promise<number> {
  const store = await openStore(databaseUrl ? { databaseUrl } : { dataDir });
  try {
    const row = await store.db
      .selectFrom('works')
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  } finally {
    await store.close();
  }
}

let works = await countWorks();
if (works < worksWanted) {
  console.log(`Building the archive: ${worksWanted - works} more works (bench:corpus).`);
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'bench/corpus.ts', '--works', String(worksWanted - works), ...corpusArgs],
    { stdio: 'inherit' },
  );
  const code = await new Promise((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`bench:corpus exited with ${code}`);
  works = await countWorks();
}

const store = await openStore(databaseUrl ? { databaseUrl } : { dataDir });
const UNGATED = ['General Audiences', 'Teen And Up Audiences'];
// The single-address case: a one-chapter page of about 5,000 words, not behind the adult notice.
const single = await store.db
  .selectFrom('works')
  .select(['id', 'words'])
  .where('chapter_count', '=', 1)
  .where('rating', 'in', UNGATED)
  .orderBy(sql`abs(words - 5000)`)
  .limit(1)
  .executeTakeFirstOrThrow();
const traffic = await buildTraffic(store, 200_000);
await store.close();

const only = values.only?.split(',');
const chosen = (kind: TrafficKind | 'single' | 'nginx') => !only || only.includes(kind);
// Readers who proceed past the adult notice: the work itself is measured, not the notice.
const HEADERS = { Cookie: 'view_adult=true' };

/**
 * `quire serve` in a child process; resolves with its address once it prints it. The downloads kept by an
 * earlier run are removed first: the traffic's random works come in the same order every run, so they would
 * be answered from the folder instead of written, which is not a first visit.
 */
async function startServer(): Promise<{ child: ChildProcess; origin: string }> {
  rmSync(join(serveData, 'downloads'), { recursive: true, force: true });
  const child = spawn(
    process.execPath,
    [
      // Each process of the server (a cluster's workers inherit it) writes a .cpuprofile as it stops.
      ...(values['cpu-prof'] ? ['--cpu-prof', '--cpu-prof-dir', values['cpu-prof']] : []),
      'bin/quire.js',
      'serve',
      ...serveArgs,
      '--port',
      '0',
      '--log-level',
      'warn',
      '--rate-limit',
      '10000000',
      ...(values['cache-mb'] ? ['--cache-mb', values['cache-mb']] : []),
      ...(values.workers ? ['--workers', values.workers] : []),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'], env: serveEnv },
  );
  const origin = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const found = /at (https?:\/\/\S+?)\/?\s/.exec(output);
      if (found?.[1]) resolve(found[1]);
    });
    child.once('exit', (code) => reject(new Error(`quire serve exited with ${code}: ${output}`)));
  });
  return { child, origin };
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** A process and its descendants (a cluster's workers). */
function processTree(pid: number): number[] {
  const tree = [pid];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const children = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      for (const child of children ? children.split(' ') : []) tree.push(...processTree(Number(child)));
    }
  } catch {
    // The process has exited.
  }
  return tree;
}

/** CPU seconds (user and system) used so far by a process and its descendants. */
function cpuSeconds(pid: number): number {
  let ticks = 0;
  for (const member of processTree(pid)) {
    try {
      const fields = readFileSync(`/proc/${member}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // Exited between the listing and the reading.
    }
  }
  // Linux's USER_HZ is 100 everywhere it runs.
  return ticks / 100;
}

/** Peak resident memory of each process of the tree, in MB. */
function peakRss(pid: number): number[] {
  return processTree(pid).map((member) => {
    try {
      const status = readFileSync(`/proc/${member}/status`, 'utf8');
      return Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? Number.NaN) / 1024;
    } catch {
      return Number.NaN;
    }
  });
}

interface Row extends LoadFigures {
  name: string;
  cpuMsPerRequest: number;
  /** PostgreSQL's backends' CPU per request, when the database is on this machine (bench/pg-backends.ts). */
  postgresMsPerRequest?: number;
  note: string;
}

const ms = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} ms`;
function report(row: Row, memory: number[]): void {
  console.log(
    `${row.name.padEnd(9)} ${Math.round(row.rps).toLocaleString('en-US').padStart(7)} req/s  ` +
      `p50 ${ms(row.p50).padStart(7)}  p99 ${ms(row.p99).padStart(7)}  ` +
      // nginx's own processes are not metered: its row is the yardstick's rate, not its cost.
      (Number.isFinite(row.cpuMsPerRequest) ? `CPU ${row.cpuMsPerRequest.toFixed(2)} ms/req  ` : '') +
      (row.postgresMsPerRequest === undefined
        ? ''
        : `PostgreSQL ${row.postgresMsPerRequest.toFixed(2)} ms/req  `) +
      `errors ${row.errors}  ` +
      (memory.length > 0 ? `peak RSS ${memory.map((mb) => mb.toFixed(0)).join('+')} MB  ` : '') +
      `[${row.requests.toLocaleString('en-US')} requests${row.wrapped ? ', LIST WRAPPED: later visits repeat' : ''}; ${row.note}]`,
  );
}

/** A GET on a connection of its own, so a cluster hands it to its next worker. */
function getAlone(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    get(url, { agent: false, headers: HEADERS }, (response) => {
      response.resume();
      response.on('end', resolve);
    }).on('error', reject);
  });
}
const workerCount = values.workers ? Number(values.workers) : availableParallelism();
/** Seconds of each kind's load before its timed run, on addresses the timed run does not visit. */
const WARM_SECONDS = 2;

/**
 * With `--one-server`, the server every page kind runs against; else each kind starts its own. The single
 * address and nginx's copy of it run after it has stopped, against a server of their own.
 */
let shared = values['one-server'] ? await startServer() : null;

/** One load run against a fresh server (or the shared one): its figures and the server's CPU per request. */
async function measure(name: string, paths: string[], note: string, warm: string[]): Promise<Row> {
  const { child, origin } = shared ?? (await startServer());
  try {
    // The filter index loads on the first search: a start-up cost, not a page's.
    for (const path of ['/works', ...warm])
      await (await fetch(`${origin}${path}`, { headers: HEADERS })).arrayBuffer();
    // Every worker runs this kind's code before it is timed (a connection each, which the cluster hands to
    // its workers in turn), then the kind's load runs for a while, all on addresses the timed run does not
    // visit (the list's last tenth): a server's first seconds, its code compiling and its connections made,
    // are a start-up cost, not what readers of a running archive meet, and they made the p99 of a run.
    const warmCount = paths.length > 1 ? Math.max(1, Math.floor(paths.length / 10)) : 0;
    const warmPaths = warmCount > 0 ? paths.slice(-warmCount) : paths;
    const timedPaths = warmCount > 0 ? paths.slice(0, -warmCount) : paths;
    for (let i = 0; i < workerCount * 10 && warmCount > 0; i++)
      await getAlone(`${origin}${warmPaths[i % warmPaths.length]}`);
    await runLoad({ origin, paths: warmPaths, seconds: WARM_SECONDS, connections, headers: HEADERS });
    const pid = child.pid as number;
    const before = cpuSeconds(pid);
    const postgres = databaseUrl ? meterPostgresCpu(databaseUrl) : null;
    const figures = await runLoad({
      origin,
      paths: timedPaths,
      seconds: duration,
      connections,
      headers: HEADERS,
    });
    const cpu = cpuSeconds(pid) - before;
    const perRequest = (seconds: number) => (seconds * 1000) / Math.max(1, figures.requests);
    const row: Row = { ...figures, name, note, cpuMsPerRequest: perRequest(cpu) };
    if (postgres) row.postgresMsPerRequest = perRequest(postgres.read());
    report(row, peakRss(pid));
    return row;
  } finally {
    if (!shared) await stopServer(child);
  }
}

const load = loadavg()
  .map((value) => value.toFixed(2))
  .join(' ');
console.log(
  `bench:http on ${databaseUrl ? `PostgreSQL (${new URL(databaseUrl).pathname.slice(1)})` : dataDir}, ` +
    `${works.toLocaleString('en-US')} works; ${values.workers ?? 'default'} workers; ${connections} connections, ` +
    `${duration} s per kind, ${hasWrk() ? 'wrk' : 'autocannon'}; load average ${load}`,
);

const rows = new Map<string, Row>();
for (const { kind, paths, note } of traffic as Traffic[])
  if (chosen(kind)) rows.set(kind, await measure(kind, paths, note, []));

let sharedMemory: number[] = [];
if (shared) {
  sharedMemory = peakRss(shared.child.pid as number);
  console.log(
    `one server, every kind above: peak RSS ${sharedMemory.map((mb) => mb.toFixed(0)).join('+')} MB`,
  );
  await stopServer(shared.child);
  shared = null;
}

const singlePath = `/works/${single.id}`;
let saved: Buffer | null = null;
if (chosen('single') || chosen('nginx')) {
  const { child, origin } = await startServer();
  saved = Buffer.from(await (await fetch(`${origin}${singlePath}`, { headers: HEADERS })).arrayBuffer());
  await stopServer(child);
}
if (chosen('single'))
  rows.set(
    'single',
    await measure('single', [singlePath], `${singlePath} again and again (the page cache)`, [singlePath]),
  );
if (chosen('nginx') && saved) {
  if (!hasNginx()) console.log('nginx: not installed (apt-get install nginx-light); no ratio.');
  else {
    const nginx = await startNginx(saved);
    try {
      const figures = await runLoad({
        origin: nginx.origin,
        paths: ['/'],
        seconds: duration,
        connections,
        headers: HEADERS,
      });
      const row = { ...figures, name: 'nginx', note: 'the same page, saved', cpuMsPerRequest: Number.NaN };
      rows.set('nginx', row);
      report(row, []);
    } finally {
      await nginx.stop();
    }
  }
}

// Issue #23's targets on the 2-core reference machine; PostgreSQL's are half of SQLite's.
const scale = databaseUrl ? 0.5 : 1;
const TARGETS: [string, number, number][] = [
  ['chapters', 2800, 250],
  ['index', 740, 250],
  ['tags', 740, 250],
  ['search', 230, 500],
  ['epub', 300, 250],
];
const verdicts = TARGETS.flatMap(([name, rps, p99]) => {
  const row = rows.get(name);
  if (!row) return [];
  const ok = row.rps >= rps * scale && row.p99 < p99 && row.p99 <= 10 * row.p50;
  return [`${name} >= ${rps * scale}/s, p99 < ${p99} ms and <= 10 x p50: ${ok ? 'ok' : 'SHORT'}`];
});
const cached = rows.get('single');
const yardstick = rows.get('nginx');
if (cached && yardstick) {
  const ratio = cached.rps / yardstick.rps;
  verdicts.push(
    `cached chapter / nginx = ${ratio.toFixed(2)} (target >= 0.5): ${ratio >= 0.5 ? 'ok' : 'SHORT'}`,
  );
}
if (sharedMemory.length > 0) {
  const most = Math.max(...sharedMemory);
  verdicts.push(
    `peak RSS of one process, every kind served: ${most.toFixed(0)} MB (target <= 400): ${most <= 400 ? 'ok' : 'SHORT'}`,
  );
}
console.log(`targets (issue #23):\n  ${verdicts.join('\n  ')}`);
if (databaseUrl) rmSync(serveData, { recursive: true, force: true });
