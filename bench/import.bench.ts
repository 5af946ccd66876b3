import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { parseScriptArgs } from '../scripts/script-args.ts';
import { prepareImportInput } from './import-input.ts';
import { runMeasured } from './measured-run.ts';

const { values } = parseScriptArgs({
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
  const args = [
    'import',
    input.folder,
    '--data',
    values.data,
    '--report',
    join('bench/out', 'import-report.txt'),
    ...(values.workers ? ['--workers', values.workers] : []),
  ];
  const { seconds, stdout, maxRssMb, cpuSeconds } = await runMeasured(
    args,
    resolve('bench/out/import-usage'),
    env,
  );
  const result: Run = {
    seconds,
    mbPerSecond: input.textBytes / MB / seconds,
    worksPerSecond: input.files / seconds,
    peakRssMb: maxRssMb,
    cpuSeconds,
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
