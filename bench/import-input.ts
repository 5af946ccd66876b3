/**
 * The story files `bench:import` imports, generated once and kept in `bench/out/import-input/` (git-ignored)
 * with a manifest, so the import is measured on its own and every run reads the same files. The mix: mostly
 * plain text, about one file in ten HTML, a few EPUB and DOCX; lengths from drabbles to long novels.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDocx, buildEpub } from '../test/zip-fixtures.ts';
import { paragraphs, seededRandom } from './story-text.ts';

/** Bump when the generator changes, so cached inputs are made again. */
const GENERATOR_VERSION = 2;

export interface ImportInput {
  folder: string;
  files: number;
  /** Bytes of the files as written (HTML markup, zipped EPUB and DOCX). */
  fileBytes: number;
  /** Bytes of the story text inside them (UTF-8): what MB/s is measured in. */
  textBytes: number;
  byFormat: Record<string, { files: number; textBytes: number }>;
}

interface Manifest extends Omit<ImportInput, 'folder'> {
  version: number;
  megabytes: number;
  seed: number;
}

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
const SCENES = [
  'She kissed him slowly and he pulled her close.',
  'Blood sprayed across the wall as the demon screamed.',
  '"Will, wait!" Xander called after her.',
  'They fought in the crypt until the vampire was dust.',
];

interface GeneratedStory {
  title: string;
  author: string;
  header: string[];
  chapters: string[][];
  ending: string;
}

/** The story files for a run of about `megabytes` MB of text: made now, or reused when already made. */
export function prepareImportInput(folder: string, megabytes: number, seed = 11): ImportInput {
  const manifestPath = join(folder, '.manifest.json');
  if (existsSync(manifestPath)) {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
    if (manifest.version === GENERATOR_VERSION && manifest.megabytes === megabytes && manifest.seed === seed)
      return { folder, ...manifest };
  }
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });

  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const generate = (index: number): GeneratedStory => {
    // Log-uniform from drabbles (100 words) to novellas (22,000), and a tail of novels up to 200,000.
    const words =
      random() < 0.03 ? Math.floor(50_000 + random() * 150_000) : Math.floor(Math.exp(4.6 + random() * 5.4));
    const chapterCount = words > 5000 ? Math.ceil(words / 4000) : 1;
    const title = `Generated Story ${index}`;
    const author = `writer${index % 500}`;
    const header = [
      `Title: ${title}`,
      `Author: ${author}`,
      `Fandom: ${pick(FANDOMS)}`,
      `Pairing: ${pick(PAIRINGS)}`,
      `Rating: ${pick(['G', 'PG-13', 'R', 'NC-17'])}`,
      'Summary: A story written by the benchmark,',
      'over two lines.',
    ];
    const chapters: string[][] = [];
    for (let c = 0; c < chapterCount; c++) {
      chapters.push(
        paragraphs(random, Math.ceil(words / chapterCount)).map((paragraph) => {
          const scene = random() < 0.05 ? ` ${pick(SCENES)}` : '';
          return `${pick(NAMES)} ${paragraph.charAt(0).toLowerCase()}${paragraph.slice(1)}${scene}`;
        }),
      );
    }
    return { title, author, header, chapters, ending: random() < 0.3 ? 'TBC' : 'The End' };
  };

  const target = megabytes * 1024 * 1024;
  const byFormat: Record<string, { files: number; textBytes: number }> = {};
  let textBytes = 0;
  let fileBytes = 0;
  let files = 0;
  while (textBytes < target) {
    const story = generate(files);
    const roll = random();
    const format = roll < 0.02 ? 'epub' : roll < 0.035 ? 'docx' : roll < 0.135 ? 'html' : 'txt';
    const text = asText(story);
    const content = format === 'txt' ? text : render(format, story, text);
    writeFileSync(join(folder, `story-${String(files).padStart(6, '0')}.${format}`), content);
    const storyBytes = Buffer.byteLength(text);
    const entry = byFormat[format] ?? { files: 0, textBytes: 0 };
    byFormat[format] = entry;
    entry.files++;
    entry.textBytes += storyBytes;
    textBytes += storyBytes;
    fileBytes += typeof content === 'string' ? Buffer.byteLength(content) : content.length;
    files++;
  }
  const manifest: Manifest = {
    version: GENERATOR_VERSION,
    megabytes,
    seed,
    files,
    fileBytes,
    textBytes,
    byFormat,
  };
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  return { folder, ...manifest };
}

function asText(story: GeneratedStory): string {
  const lines = [...story.header, ''];
  story.chapters.forEach((chapter, c) => {
    if (story.chapters.length > 1) lines.push(`Chapter ${c + 1}`, '');
    for (const paragraph of chapter) lines.push(paragraph, '');
  });
  lines.push(story.ending);
  return lines.join('\n');
}

function render(format: string, story: GeneratedStory, text: string): string | Uint8Array {
  if (format === 'html') {
    return `<!DOCTYPE html><html><head><title>${story.title}</title></head><body><div class="entry-content">${text
      .split('\n\n')
      .map((block) => `<p>${block.replace(/\n/g, '<br>')}</p>`)
      .join('\n')}</div></body></html>`;
  }
  if (format === 'epub') {
    return buildEpub({
      title: story.title,
      creators: [story.author],
      front: [['title_page.xhtml', `<div>${story.header.map((line) => `<p>${line}</p>`).join('')}</div>`]],
      chapters: story.chapters.map((chapter, c) => ({
        file: `chapter${c + 1}.xhtml`,
        title: `Chapter ${c + 1}`,
        html: `<h2>Chapter ${c + 1}</h2>${chapter.map((paragraph) => `<p>${paragraph}</p>`).join('')}`,
      })),
    });
  }
  return buildDocx(
    [
      ...story.header.map((line) => ({ text: line })),
      ...story.chapters.flatMap((chapter, c) => [
        ...(story.chapters.length > 1 ? [{ text: `Chapter ${c + 1}`, style: 'Heading1' as const }] : []),
        ...chapter.map((paragraph) => ({ text: paragraph })),
      ]),
      { text: story.ending },
    ],
    { title: story.title, creator: story.author },
  );
}
