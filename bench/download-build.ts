/**
 * `node --import tsx bench/download-build.ts [--data DIR] [--works 200] [--rounds 3] [--format epub]
 * [--profile FILE]`: the CPU one download's build costs, nothing else (no SQL, no HTTP, no kept file). The
 * same works (a fixed random sample of the archive, read once) are written in every round, so two branches
 * compare on identical input; run them interleaved on a shared machine. `--profile` writes a .cpuprofile
 * of the timed rounds.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { parseScriptArgs } from '../scripts/script-args.ts';
import { openStore } from '../src/db/connect.ts';
import { loadWork } from '../src/repositories/work-view.ts';
import { type BuiltFormat, buildDownload, buildTask } from '../src/services/downloads/download-build.ts';

const { values } = parseScriptArgs({
  options: {
    data: { type: 'string', default: 'bench/out/data-10000' },
    works: { type: 'string', default: '200' },
    rounds: { type: 'string', default: '3' },
    format: { type: 'string', default: 'epub' },
    profile: { type: 'string' },
  },
});
const count = Number(values.works);
const rounds = Number(values.rounds);
const format = values.format as BuiltFormat;
if (!(count > 0) || !(rounds > 0)) throw new Error('--works and --rounds must be positive numbers');
if (!['epub', 'html', 'txt'].includes(format)) throw new Error('--format is epub, html or txt');

const store = await openStore({ dataDir: values.data });
const ids = (await store.db.selectFrom('works').select('id').orderBy('id').execute()).map((row) => row.id);
// A fixed sample: every run, and every branch, writes the same works.
let seed = 23;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const chosen = new Set<number>();
while (chosen.size < Math.min(count, ids.length))
  chosen.add(ids[Math.floor(random() * ids.length)] as number);
const works = [];
for (const id of chosen) {
  const work = await loadWork(store.db, id);
  if (work) works.push(work);
}
await store.close();

const options = {
  siteName: 'Quire',
  siteUrl: 'https://quire.example',
  generatedAt: new Date('2024-05-01T12:00:00Z'),
  tagUrl: (tag: { canonicalName: string }) => `https://quire.example/tags/${tag.canonicalName}`,
};
const tasks = works.map((work) => buildTask(format, work, options));
const characters = works.reduce((sum, work) => sum + work.chapters.reduce((n, c) => n + c.html.length, 0), 0);

// Warm: each work once, so the rounds time compiled code.
let bytes = 0;
for (const task of tasks) bytes += (await buildDownload(task)).length;
console.log(
  `${format} builds of ${tasks.length} works (${(characters / tasks.length / 1000).toFixed(0)} k characters of ` +
    `chapter HTML each, ${(bytes / tasks.length / 1024).toFixed(1)} KB written each), ${values.data}`,
);

const session = values.profile ? new Session() : null;
if (session) {
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
}
for (let round = 0; round < rounds; round++) {
  const start = process.cpuUsage();
  for (const task of tasks) await buildDownload(task);
  const used = process.cpuUsage(start);
  console.log(
    `round ${round + 1}: ${((used.user + used.system) / 1000 / tasks.length).toFixed(2)} ms CPU a build`,
  );
}
if (session && values.profile) {
  const { profile } = await session.post('Profiler.stop');
  writeFileSync(values.profile, JSON.stringify(profile));
  session.disconnect();
}
