/** A demo story source as the build reads it, and the helpers every output format shares. */
import { type ZippableFile } from 'fflate';

/** One fixed time for every entry, so a rebuild without changes writes identical bytes. */
const MTIME = new Date('2026-01-01T12:00:00Z');

export interface Chapter {
  heading: string | null;
  notes: string | null;
  endNotes: string | null;
  paragraphs: string[];
}

export interface Story {
  source: string;
  output: string;
  style: string | null;
  /** The header in the order written, without the build keys. */
  header: [string, string][];
  chapters: Chapter[];
}

export function parseStory(source: string, text: string): Story {
  const normalized = text.replace(/\r\n?/g, '\n');
  const split = normalized.indexOf('\n---\n');
  if (split < 0) throw new Error(`${source}: no '---' line between the header and the story`);
  const header: [string, string][] = [];
  let output: string | null = null;
  let style: string | null = null;
  for (const line of normalized.slice(0, split).split('\n')) {
    if (!line.trim()) continue;
    const match = /^([A-Za-z][A-Za-z' ]*):\s*(.*)$/.exec(line);
    if (!match) throw new Error(`${source}: header line without a key: ${line}`);
    const [, key = '', value = ''] = match;
    if (key === 'output') output = value.trim();
    else if (key === 'style') style = value.trim();
    else header.push([key, value.trim()]);
  }
  if (!output) throw new Error(`${source}: no 'output:' line`);

  const chapters: Chapter[] = [];
  let current: Chapter | null = null;
  const blocks = normalized
    .slice(split + 5)
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter(Boolean);
  for (const block of blocks) {
    const lines = block.split('\n');
    const first = lines[0] ?? '';
    if (first.startsWith('## ')) {
      current = { heading: first.slice(3).trim(), notes: null, endNotes: null, paragraphs: [] };
      chapters.push(current);
      lines.shift();
    }
    if (!current) {
      current = { heading: null, notes: null, endNotes: null, paragraphs: [] };
      chapters.push(current);
    }
    const rest = lines.join(' ').replace(/\s+/g, ' ').trim();
    if (!rest) continue;
    if (rest.startsWith('Chapter Notes:')) current.notes = rest.slice('Chapter Notes:'.length).trim();
    else if (rest.startsWith('Chapter End Notes:'))
      current.endNotes = rest.slice('Chapter End Notes:'.length).trim();
    else current.paragraphs.push(rest);
  }
  return { source, output, style, header, chapters };
}

export const field = (story: Story, key: string): string | null =>
  story.header.find(([name]) => name.toLowerCase() === key.toLowerCase())?.[1] ?? null;

export const list = (value: string | null): string[] =>
  value
    ? value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean)
    : [];

export const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Escaped text with `_italic_` spans as `<em>`. */
export const inlineHtml = (text: string): string =>
  escapeXml(text).replace(/(^|[\s("'“‘—-])_([^_]+)_(?=$|[\s.,;:!?)"'”’—-])/g, '$1<em>$2</em>');

export const plain = (text: string): string =>
  text.replace(/(^|[\s("'“‘—-])_([^_]+)_(?=$|[\s.,;:!?)"'”’—-])/g, '$1$2');

/** A scene break: a paragraph made only of symbols (`* * *`, `~`, `-x-`). */
export const isBreak = (paragraph: string): boolean =>
  /^[^\p{L}\p{N}]+$/u.test(paragraph) || /^-?x-?$/i.test(paragraph);

/** Words as a reader counts them: white-space separated, scene breaks left out. */
export const wordCount = (story: Story): number =>
  story.chapters.reduce(
    (sum, chapter) =>
      sum +
      chapter.paragraphs
        .filter((paragraph) => !isBreak(paragraph))
        .reduce((inner, paragraph) => inner + plain(paragraph).split(/\s+/).filter(Boolean).length, 0),
    0,
  );

export const stamp = (bytes: Uint8Array, level: 0 | 6 = 6): ZippableFile => [bytes, { level, mtime: MTIME }];
