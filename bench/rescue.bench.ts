import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseScriptArgs } from '../scripts/script-args.ts';
import { writeEfictionArchive } from './efiction-archive.ts';
import { runMeasured } from './measured-run.ts';

const { values } = parseScriptArgs({
  options: {
    stories: { type: 'string', default: '10000' },
    chapters: { type: 'string', default: '30000' },
    'max-words': { type: 'string', default: '2000' },
    keep: { type: 'string' },
  },
});

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
const first = await runMeasured(args, join(folder, 'usage-1'));
console.log(first.stdout.trim());
console.log(
  `first run: ${first.seconds.toFixed(1)} s (target < 300 s), peak RSS ${first.maxRssMb.toFixed(0)} MB (target < 500 MB), CPU ${first.cpuSeconds.toFixed(1)} s`,
);
const second = await runMeasured(args, join(folder, 'usage-2'));
console.log(second.stdout.split('\n')[0]);
console.log(`second run: ${second.seconds.toFixed(1)} s, peak RSS ${second.maxRssMb.toFixed(0)} MB`);
if (!values.keep) rmSync(folder, { recursive: true, force: true });
