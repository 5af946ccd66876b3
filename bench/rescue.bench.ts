/**
 * bench:rescue: `quire rescue efiction` on a generated eFiction archive of 10,000 stories and 30,000 chapters
 * (bench/efiction-archive.ts), end to end from the dump to a SQLite archive, through the built CLI, with its
 * peak RSS and CPU time (bench/report-usage.mjs preloaded). Targets: under 5 minutes, under 500 MB.
 * Then a second run, which must change nothing, and its time.
 *   npm run bench:rescue [-- --stories 10000 --chapters 30000 --max-words 2000 --keep DIR]
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { writeEfictionArchive } from './efiction-archive.ts';

const { values } = parseArgs({
  options: {
    stories: { type: 'string', default: '10000' },
    chapters: { type: 'string', default: '30000' },
    'max-words': { type: 'string', default: '2000' },
    keep: { type: 'string' },
  },
});

/** Peak RSS is the sum over the two processes (`quire rescue` runs the rescue in a child with its V8 options). */
async function run(
  args: string[],
  usageDir: string,
): Promise<{ seconds: number; stdout: string; maxRssMb: number; cpuSeconds: number }> {
  rmSync(usageDir, { recursive: true, force: true });
  mkdirSync(usageDir, { recursive: true });
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, ['bin/quire.js', ...args], {
    env: {
      ...process.env,
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
  if (code !== 0) throw new Error(`quire rescue exited with ${code}:\n${stdout}\n${stderr}`);
  const usages = readdirSync(usageDir).map(
    (name) =>
      JSON.parse(readFileSync(join(usageDir, name), 'utf8')) as {
        maxRssKb: number;
        userSeconds: number;
        systemSeconds: number;
      },
  );
  if (usages.length < 2) throw new Error(`quire rescue reported ${usages.length} processes, not 2.`);
  const sum = (of: (usage: (typeof usages)[number]) => number) =>
    usages.reduce((total, usage) => total + of(usage), 0);
  return {
    seconds,
    stdout,
    maxRssMb: sum((usage) => usage.maxRssKb) / 1024,
    cpuSeconds: sum((usage) => usage.userSeconds + usage.systemSeconds),
  };
}

const folder = values.keep ?? mkdtempSync(join(tmpdir(), 'quire-bench-rescue-'));
const shape = {
  stories: Number(values.stories),
  chapters: Number(values.chapters),
  authors: Math.max(10, Math.round(Number(values.stories) / 7)),
  maxWords: Number(values['max-words']),
};
let generated = Date.now();
const dump = join(folder, 'efiction.sql');
const archive = existsSync(dump)
  ? { dump, stories: join(folder, 'stories'), bytes: readFileSync(dump).length }
  : await writeEfictionArchive(folder, shape);
generated = Date.now() - generated;
console.log(
  `archive: ${shape.stories} stories, ${shape.chapters} chapters, dump ${(archive.bytes / 1024 / 1024).toFixed(0)} MB (half the chapters in files), made in ${(generated / 1000).toFixed(1)} s`,
);
const data = join(folder, 'data');
rmSync(data, { recursive: true, force: true });
const args = [
  'rescue',
  'efiction',
  archive.dump,
  '--stories',
  archive.stories,
  '--data',
  data,
  '--sheet',
  join(folder, 'tags.csv'),
  '--report',
  join(folder, 'report.txt'),
];
const first = await run(args, join(folder, 'usage-1'));
console.log(first.stdout.trim());
console.log(
  `first run: ${first.seconds.toFixed(1)} s (target < 300 s), peak RSS ${first.maxRssMb.toFixed(0)} MB (target < 500 MB), CPU ${first.cpuSeconds.toFixed(1)} s`,
);
const second = await run(args, join(folder, 'usage-2'));
console.log(second.stdout.split('\n')[0]);
console.log(`second run: ${second.seconds.toFixed(1)} s, peak RSS ${second.maxRssMb.toFixed(0)} MB`);
if (!values.keep) rmSync(folder, { recursive: true, force: true });
