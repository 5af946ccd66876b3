/**
 * `npm run bench:import -- [--mb N] [--runs N] [--workers N] [--data DIR | --database-url URL]`: import a
 * folder of generated story files end to end with `quire import` in a child process, and print MB/s of story
 * text (over the wall time of the whole command), works/s and its peak RSS: the sum of the peaks of its two
 * processes (`quire import` and the one it writes the import in), which their peak together cannot pass. The input files are
 * made first, once, and kept in `bench/out/import-input/` (see import-input.ts), so neither their making nor
 * the benchmark's own memory is counted. With `--runs`, the median of the runs is printed too.
 * Targets on a 2-core machine: at least 10 MB/s of story text; peak memory under 500 MB. It prints the
 * CPU time per MB too (10 MB/s on two cores needs at most 0.2), and how fast this machine runs a plain
 * loop over text, so figures from different machines can be told apart.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { prepareImportInput } from './import-input.ts';

const { values } = parseArgs({
  options: {
    mb: { type: 'string', default: '300' },
    runs: { type: 'string', default: '1' },
    input: { type: 'string', default: 'bench/out/import-input' },
    data: { type: 'string', default: 'bench/out/import-data' },
    'database-url': { type: 'string' },
    workers: { type: 'string' },
  },
});
const MB = 1024 * 1024;
const BENCH_SCHEMA = 'quire_bench_import';

const input = prepareImportInput(resolve(values.input), Number(values.mb));
const formats = Object.entries(input.byFormat)
  .map(([format, entry]) => `${entry.files} ${format}`)
  .join(', ');
console.log(
  `quire import benchmark: ${input.files.toLocaleString('en-US')} files (${formats}), ${(input.textBytes / MB).toFixed(0)} MB of story text in ${(input.fileBytes / MB).toFixed(0)} MB of files. Targets: at least 10 MB/s; peak RSS under 500 MB.`,
);

/**
 * How fast this machine runs the kind of code the import is made of: a plain loop over the characters of
 * a text, in nanoseconds per character (best of five). Shared and virtual machines differ several times
 * over in this, which no figure of the import itself shows; it makes runs on two machines comparable.
 */
function characterLoopNs(): number {
  const text = 'Willow looked up from the book, and Buffy laughed. '.repeat(320_000);
  const sum = (value: string) => {
    let total = 0;
    for (let i = 0; i < value.length; i++) total = (total + value.charCodeAt(i)) | 0;
    return total;
  };
  let best = Number.POSITIVE_INFINITY;
  let check = 0;
  for (let round = 0; round < 5; round++) {
    const started = process.hrtime.bigint();
    check ^= sum(text);
    best = Math.min(best, Number(process.hrtime.bigint() - started) / text.length);
  }
  return check === 0.5 ? 0 : best; // `check` keeps the loop from being optimized away
}
console.log(
  `this machine: ${characterLoopNs().toFixed(1)} ns per character for a plain loop over text (compare machines by it).`,
);

interface Run {
  seconds: number;
  mbPerSecond: number;
  worksPerSecond: number;
  peakRssMb: number;
  cpuSeconds: number;
}

/** A clean archive for each run: a new SQLite folder, or a new PostgreSQL schema. */
async function emptyArchive(): Promise<Record<string, string>> {
  const url = values['database-url'];
  if (!url) {
    rmSync(values.data, { recursive: true, force: true });
    return {};
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${BENCH_SCHEMA} CASCADE`);
  await client.query(`CREATE SCHEMA ${BENCH_SCHEMA}`);
  await client.end();
  const scoped = new URL(url);
  scoped.searchParams.set('options', `-c search_path=${BENCH_SCHEMA}`);
  return { QUIRE_DATABASE_URL: scoped.toString() };
}

async function runOnce(run: number): Promise<Run> {
  const env = await emptyArchive();
  const usageDir = resolve('bench/out/import-usage');
  rmSync(usageDir, { recursive: true, force: true });
  mkdirSync(usageDir, { recursive: true });
  const args = [
    'bin/quire.js',
    'import',
    input.folder,
    '--data',
    values.data,
    '--report',
    join('bench/out', 'import-report.txt'),
    ...(values.workers ? ['--workers', values.workers] : []),
  ];
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, args, {
    env: {
      ...process.env,
      ...env,
      NODE_OPTIONS: `--import=${pathToFileURL(resolve('bench/report-usage.mjs')).href}`,
      QUIRE_BENCH_USAGE_DIR: usageDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const code = await new Promise<number | null>((done) => child.on('close', done));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (code !== 0) throw new Error(`quire import exited with ${code}:\n${stdout}\n${stderr}`);
  const usages = readdirSync(usageDir).map(
    (name) =>
      JSON.parse(readFileSync(join(usageDir, name), 'utf8')) as {
        maxRssKb: number;
        userSeconds: number;
        systemSeconds: number;
      },
  );
  if (usages.length < 2) throw new Error(`quire import reported ${usages.length} processes, not 2.`);
  const sum = (of: (usage: (typeof usages)[number]) => number) =>
    usages.reduce((total, u) => total + of(u), 0);
  const usage = {
    maxRssKb: sum((u) => u.maxRssKb),
    userSeconds: sum((u) => u.userSeconds),
    systemSeconds: sum((u) => u.systemSeconds),
  };
  const result: Run = {
    seconds,
    mbPerSecond: input.textBytes / MB / seconds,
    worksPerSecond: input.files / seconds,
    peakRssMb: usage.maxRssKb / 1024,
    cpuSeconds: usage.userSeconds + usage.systemSeconds,
  };
  console.log(`run ${run}: ${stdout.trim().split('\n').at(-1)}`);
  console.log(`run ${run}: ${describe(result)}`);
  return result;
}

function describe(run: Run): string {
  const cpuPerMb = run.cpuSeconds / (input.textBytes / MB);
  return `${run.mbPerSecond.toFixed(1)} MB/s, ${run.worksPerSecond.toFixed(0)} works/s, peak RSS ${run.peakRssMb.toFixed(0)} MB (${run.seconds.toFixed(1)} s wall, ${run.cpuSeconds.toFixed(1)} s CPU: ${cpuPerMb.toFixed(2)} CPU-s per MB, ${values['database-url'] ? 'postgres' : 'sqlite'})`;
}

const runs: Run[] = [];
for (let run = 1; run <= Number(values.runs); run++) runs.push(await runOnce(run));
if (runs.length > 1) {
  const median = (pick: (run: Run) => number) => {
    const sorted = runs.map(pick).sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2
      ? (sorted[middle] as number)
      : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  };
  console.log(
    `median of ${runs.length}: ${describe({
      seconds: median((run) => run.seconds),
      mbPerSecond: median((run) => run.mbPerSecond),
      worksPerSecond: median((run) => run.worksPerSecond),
      peakRssMb: median((run) => run.peakRssMb),
      cpuSeconds: median((run) => run.cpuSeconds),
    })}`,
  );
}
