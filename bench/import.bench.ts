/**
 * `npm run bench:import -- [--mb N] [--data DIR | --database-url URL]`: write a folder of generated story
 * files (plain text with headers and chapters, some HTML), import it end to end (reading, analysis in worker
 * threads, storage, search index), and print MB/s, works/s and the process's peak RSS.
 * Targets on a 2-core machine: at least 10 MB/s of story text; peak memory under 500 MB.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { importStories } from '../src/archive/import.service.ts';
import { openStore } from '../src/db/connect.ts';
import { postgresSearch } from '../src/search/postgres-fts.ts';
import { sqliteSearch } from '../src/search/sqlite-fts.ts';
import { paragraphs, seededRandom } from './story-text.ts';

const { values } = parseArgs({
  options: {
    mb: { type: 'string', default: '200' },
    data: { type: 'string', default: 'bench/out/import-data' },
    files: { type: 'string', default: 'bench/out/import-files' },
    'database-url': { type: 'string' },
    workers: { type: 'string' },
  },
});
const targetBytes = Number(values.mb) * 1024 * 1024;
const random = seededRandom(11);
const NAMES = [
  'Willow',
  'Buffy',
  'Spike',
  'Giles',
  'Xander',
  'Tara',
  'Faith',
  'Harry',
  'Hermione',
  'Draco',
  'Sherlock',
  'John',
];
const PAIRINGS = ['Spike/Willow', 'Spuffy', 'Willow/Tara', 'Drarry', 'Johnlock', 'Faith/Buffy', 'S/W'];
const FANDOMS = ['BtVS', 'Buffy the Vampire Slayer', 'Harry Potter', 'Sherlock (TV)'];
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

function story(index: number): string {
  const words = Math.min(200_000, Math.floor(Math.exp(6.5 + random() * 3.5)));
  const chapters = words > 5000 ? Math.ceil(words / 4000) : 1;
  const lines = [
    `Title: Generated Story ${index}`,
    `Author: writer${index % 500}`,
    `Fandom: ${pick(FANDOMS)}`,
    `Pairing: ${pick(PAIRINGS)}`,
    `Rating: ${pick(['G', 'PG-13', 'R', 'NC-17'])}`,
    'Summary: A story written by the benchmark,',
    'over two lines.',
    '',
  ];
  for (let c = 1; c <= chapters; c++) {
    if (chapters > 1) lines.push(`Chapter ${c}`, '');
    for (const paragraph of paragraphs(random, Math.ceil(words / chapters)))
      lines.push(`${pick(NAMES)} ${paragraph.charAt(0).toLowerCase()}${paragraph.slice(1)}`, '');
  }
  lines.push(random() < 0.3 ? 'TBC' : 'The End');
  return lines.join('\n');
}

rmSync(values.files, { recursive: true, force: true });
rmSync(values.data, { recursive: true, force: true });
mkdirSync(values.files, { recursive: true });
let written = 0;
let count = 0;
while (written < targetBytes) {
  const text = story(count);
  const html = count % 10 === 9;
  const content = html
    ? `<!DOCTYPE html><html><body><div class="entry-content">${text
        .split('\n\n')
        .map((block) => `<p>${block.replace(/\n/g, '<br>')}</p>`)
        .join('\n')}</div></body></html>`
    : text;
  writeFileSync(
    join(values.files, `story-${String(count).padStart(6, '0')}.${html ? 'html' : 'txt'}`),
    content,
  );
  written += Buffer.byteLength(content);
  count++;
}
console.log(
  `quire import benchmark: ${count.toLocaleString('en-US')} files, ${(written / 1024 / 1024).toFixed(0)} MB. Targets: at least 10 MB/s; peak RSS under 500 MB.`,
);

const store = await openStore(
  values['database-url'] ? { databaseUrl: values['database-url'] } : { dataDir: values.data },
);
const search = store.dialect === 'postgres' ? postgresSearch : sqliteSearch;
const summary = await importStories(store, search, {
  paths: [values.files],
  ...(values.workers ? { workers: Number(values.workers) } : {}),
});
await store.close();
const mb = summary.bytes / 1024 / 1024;
console.log(
  `imported ${summary.counts.imported}, duplicates ${summary.counts.duplicate}, failed ${summary.counts.failed} in ${summary.seconds.toFixed(1)} s`,
);
console.log(
  `${(mb / summary.seconds).toFixed(1)} MB/s, ${(summary.total / summary.seconds).toFixed(0)} works/s, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (${store.dialect})`,
);
