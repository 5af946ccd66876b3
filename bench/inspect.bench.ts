/**
 * `npm run bench:inspect`: MB/s for reading and structuring a generated corpus of text and HTML story files,
 * on one core (the main thread, one file after another).
 */
import { readStoryBytes } from '../src/ingest/read-story.ts';
import { paragraphs, seededRandom } from './story-text.ts';

const random = seededRandom(42);

function buildTxt(index: number): string {
  const chapters = 1 + Math.floor(random() * 12);
  const lines = [
    `Title: Story number ${index}`,
    'Author: benchwriter',
    'Rating: PG-13',
    'Pairing: Spike/Willow',
    'Summary: A story made for the benchmark,',
    'with a summary over two lines.',
    '',
  ];
  for (let c = 1; c <= chapters; c++) {
    lines.push(`Chapter ${c}: Part of it`, '');
    const body = paragraphs(random, 500 + Math.floor(random() * 4000));
    body.forEach((paragraph, i) => {
      lines.push(paragraph, '');
      if (i % 15 === 14) lines.push('* * *', '');
    });
  }
  lines.push('The End');
  return lines.join('\n');
}

function buildHtml(index: number): string {
  const body = paragraphs(random, 1000 + Math.floor(random() * 6000))
    .map((paragraph) => `<p>${paragraph.replace(/willow/g, '<em>willow</em>')}</p>`)
    .join('\n');
  return `<!DOCTYPE html><html><head><title>Story ${index}</title><script>var x = 1;</script></head><body>
<nav><a href="/">Home</a></nav><div id="content"><p>Title: Story ${index}<br>Author: benchwriter<br>Rating: R</p>
${body}</div><div id="comments"><p>Great story!</p></div></body></html>`;
}

async function measure(label: string, files: { name: string; bytes: Uint8Array }[]): Promise<void> {
  const totalBytes = files.reduce((sum, file) => sum + file.bytes.length, 0);
  // Warm up the JIT on a few files before timing.
  for (const file of files.slice(0, 5)) await readStoryBytes(file.bytes, file.name);
  const start = process.hrtime.bigint();
  let words = 0;
  for (const file of files) words += (await readStoryBytes(file.bytes, file.name)).draft.words;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const megabytes = totalBytes / 1024 / 1024;
  console.log(
    `${label.padEnd(6)} ${files.length} files, ${megabytes.toFixed(1)} MB, ${words.toLocaleString('en-US')} words in ${seconds.toFixed(2)} s: ${(megabytes / seconds).toFixed(1)} MB/s`,
  );
}

const encoder = new TextEncoder();
const txt = Array.from({ length: 400 }, (_, i) => ({
  name: `story-${i}.txt`,
  bytes: encoder.encode(buildTxt(i)),
}));
const html = Array.from({ length: 150 }, (_, i) => ({
  name: `story-${i}.html`,
  bytes: encoder.encode(buildHtml(i)),
}));
console.log('quire inspect benchmark (one core). Target: at least 40 MB/s for .txt.');
if (process.env.BENCH_TXT !== '0') await measure('txt', txt);
if (process.env.BENCH_HTML !== '0') await measure('html', html);
