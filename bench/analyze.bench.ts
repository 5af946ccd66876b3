/**
 * `npm run bench:analyze`: MB/s of story text through the whole analysis (fandoms, characters,
 * relationships, rating, warnings) on one core, and the heap after each round, which must stay flat.
 * The generated stories below are what the rounds time; then the real stories of `../shared/realtext`
 * (issue #16's development set), when that folder is present: real prose has the negations, dialogue and
 * names the generated text lacks, and is what an import meets.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadKnowledge } from '../src/analysis/packs/pack.loader.ts';
import { tagWork } from '../src/analysis/tag-work.ts';
import { readStoryBytes } from '../src/ingest/read-story.ts';
import type { WorkDraft } from '../src/ingest/story.ts';
import { paragraphs, seededRandom } from './story-text.ts';

const random = seededRandom(7);
const CAST = [
  'Willow',
  'Buffy',
  'Spike',
  'Giles',
  'Xander',
  'Dawn',
  'Faith',
  'Tara',
  'Anya',
  'Angel',
  'Harry',
  'Hermione',
  'Draco',
  'Sherlock',
  'John',
];
const SCENES = [
  'She kissed him slowly and he pulled her close.',
  'Blood sprayed across the wall as the demon screamed.',
  '"Will, wait!" Xander called after her.',
  'Dawn broke over the city, red and cold.',
  'He thrust into her and she moaned his name.',
  'They fought in the crypt until the vampire was dust.',
];

function story(index: number): string {
  const lines = [`Title: Benchmark ${index}`, 'Author: bench', '', ''];
  const chapters = 1 + Math.floor(random() * 8);
  for (let c = 1; c <= chapters; c++) {
    lines.push(`Chapter ${c}`, '');
    for (const paragraph of paragraphs(random, 800 + Math.floor(random() * 3000))) {
      const who = CAST[Math.floor(random() * CAST.length)] as string;
      const scene = random() < 0.3 ? ` ${SCENES[Math.floor(random() * SCENES.length)]}` : '';
      lines.push(`${who} ${paragraph.charAt(0).toLowerCase()}${paragraph.slice(1)}${scene}`, '');
    }
  }
  return lines.join('\n');
}

const knowledge = loadKnowledge();
const drafts: { draft: WorkDraft; bytes: number }[] = [];
for (let i = 0; i < 120; i++) {
  const bytes = new TextEncoder().encode(story(i));
  drafts.push({ draft: (await readStoryBytes(bytes, `story-${i}.txt`)).draft, bytes: bytes.length });
}
const megabytes = drafts.reduce((sum, item) => sum + item.bytes, 0) / 1024 / 1024;
for (const item of drafts.slice(0, 5)) tagWork(item.draft, knowledge);

const gc = (globalThis as { gc?: () => void }).gc;
console.log(`quire analysis benchmark (one core). Target: at least 8 MB/s; heap flat across rounds.`);
const rounds = 4;
let totalSeconds = 0;
for (let round = 1; round <= rounds; round++) {
  const start = process.hrtime.bigint();
  for (const item of drafts) tagWork(item.draft, knowledge);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  totalSeconds += seconds;
  gc?.();
  const heap = process.memoryUsage().heapUsed / 1024 / 1024;
  console.log(
    `round ${round}: ${drafts.length} stories, ${megabytes.toFixed(1)} MB in ${seconds.toFixed(2)} s = ${(megabytes / seconds).toFixed(1)} MB/s; heap after ${heap.toFixed(0)} MB`,
  );
}
console.log(
  `overall: ${((megabytes * rounds) / totalSeconds).toFixed(1)} MB/s${gc ? '' : ' (run with --expose-gc for exact heap figures)'}`,
);

const realFolder = resolve(import.meta.dirname, '..', '..', 'shared', 'realtext');
if (!existsSync(realFolder)) {
  console.log(`real stories: ${realFolder} is absent, skipped.`);
} else {
  const real: { draft: WorkDraft; bytes: number }[] = [];
  for (const source of readdirSync(realFolder, { withFileTypes: true }).filter((entry) =>
    entry.isDirectory(),
  )) {
    const folder = join(realFolder, source.name);
    for (const name of readdirSync(folder)
      .filter((file) => file.endsWith('.md'))
      .sort()) {
      const bytes = readFileSync(join(folder, name));
      real.push({ draft: (await readStoryBytes(bytes, name)).draft, bytes: bytes.length });
    }
  }
  const realMegabytes = real.reduce((sum, item) => sum + item.bytes, 0) / 1024 / 1024;
  // The first pass loads the language model (nlp.ts) and warms the code; it is not timed.
  for (const item of real) tagWork(item.draft, knowledge);
  const start = process.hrtime.bigint();
  for (let round = 0; round < 2; round++) for (const item of real) tagWork(item.draft, knowledge);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(
    `real stories (${realFolder}): ${real.length} stories, ${realMegabytes.toFixed(1)} MB, ${((realMegabytes * 2) / seconds).toFixed(1)} MB/s`,
  );
}
