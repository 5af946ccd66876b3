import { AppError } from '../../errors.ts';
import { decodeText } from '../encoding.ts';
import { countHeaderLines } from '../header/count-header-lines.ts';
import { htmlToBlocks } from '../html-blocks.ts';
import type { Block, RawStory } from '../story.ts';
import { escapeHtml, isSceneBreak, squeezeSpaces } from '../text.ts';
import type { StoryFormat } from './format.ts';

/**
 * Plain text: fanfiction.net and archive downloads (one paragraph per long line), mailing-list posts
 * (hard-wrapped at 70-80 columns, blank lines or indents between paragraphs), FanFicFare's text output.
 */
export const txtFormat: StoryFormat = {
  id: 'txt',
  extensions: ['.txt', '.text', '.asc'],
  // Text has no magic number; the reader registry falls back to it for unknown text-looking files.
  sniff: () => false,
  async read(bytes, fileName) {
    const { text, encoding } = decodeText(bytes, fileName);
    const fragment = htmlFragmentStart(text);
    const blocks =
      fragment === null
        ? textToBlocks(text)
        : [...textToBlocks(text.slice(0, fragment)), ...htmlToBlocks(text.slice(fragment))];
    if (!blocks.some((block) => block.type === 'paragraph')) {
      throw new AppError('NO_STORY_TEXT', `${fileName} holds only white space and symbols, no story text.`);
    }
    const notices = [
      ...(encoding === 'utf-8' ? [] : [`read as ${encoding.toUpperCase()}`]),
      ...(fragment === null ? [] : ['its paragraphs are HTML (<p>, <br>): read as HTML']),
    ];
    const story: RawStory = {
      format: 'txt',
      fields: [],
      chapters: [{ title: null, blocks }],
      chaptersGiven: false,
      notices,
    };
    return story;
  },
};

const PARAGRAPH_TAG = /<(?:p|br|div)(?:\s[^<>]*)?\/?>|<\/(?:p|div)>/gi;

/**
 * Where a text's HTML starts, when its paragraphs are HTML: archives kept chapters as HTML fragments in `.txt`
 * files (eFiction's `stories/` folder does), which read as text would show every `<p>`. Taken as HTML when
 * paragraph tags come at least once in four of its lines; a story that quotes a tag or two stays text. The
 * lines above the first tag (a `Title:` header) stay text, for the header parser.
 */
function htmlFragmentStart(text: string): number | null {
  const tags = text.match(PARAGRAPH_TAG)?.length ?? 0;
  if (tags < 3) return null;
  let lines = 0;
  for (const line of text.split('\n')) if (line.trim() !== '') lines++;
  if (tags * 4 < lines) return null;
  // `search` ignores the expression's global flag and its lastIndex.
  return text.lastIndexOf('\n', text.search(PARAGRAPH_TAG)) + 1;
}

/**
 * Split text into blocks. Groups of lines separated by blank lines are paragraphs; inside a group, lines are
 * joined when the file is hard-wrapped and kept apart when each line is a paragraph. Header lines at the start
 * of a group keep their line breaks so the header parser sees each line.
 */
export function textToBlocks(text: string): Block[] {
  const lines = text.split('\n');
  const wrapWidth = detectWrapWidth(lines);
  const blocks: Block[] = [];
  let group: string[] = [];

  const flushGroup = () => {
    if (group.length > 0) pushGroup(blocks, group, wrapWidth);
    group = [];
  };

  for (const raw of lines) {
    const line = raw.includes('\f') ? raw.replace(/\f/g, '').trimEnd() : raw.trimEnd();
    if (line.trim() === '') flushGroup();
    else group.push(line);
  }
  flushGroup();
  return blocks;
}

/**
 * The column a hard-wrapped file wraps at, or null when lines are paragraphs. Mailing-list posts wrap at
 * 60-80 columns: most long lines end within a few columns of one width and almost none pass it.
 */
function detectWrapWidth(lines: string[]): number | null {
  let counted = 0;
  let over100 = 0;
  const lengths: number[] = [];
  for (const line of lines) {
    const length = line.trimEnd().length;
    if (length === 0) continue;
    counted++;
    if (length > 100) over100++;
    if (length >= 40) lengths.push(length);
  }
  if (counted < 4 || lengths.length < 3) return null;
  if (over100 > counted * 0.05) return null;
  lengths.sort((a, b) => a - b);
  const p90 = lengths[Math.floor(lengths.length * 0.9)] ?? 80;
  const nearWidth = lengths.filter((length) => length >= p90 - 12).length;
  return nearWidth >= lengths.length * 0.4 ? p90 : null;
}

function pushGroup(blocks: Block[], lines: string[], wrapWidth: number | null): void {
  // Header lines keep their own lines; the header parser reads them one by one. Story lines that follow
  // with no blank line in between are story, not part of the header's last value.
  const headerLines = countHeaderLines(lines);
  let group = lines;
  if (headerLines > 0) {
    const header = lines.slice(0, headerLines).map((line) => line.trim());
    pushParagraph(blocks, header.join('\n'));
    group = lines.slice(headerLines);
  }
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length > 0) pushParagraph(blocks, paragraph.join(' '));
    paragraph = [];
  };
  for (let i = 0; i < group.length; i++) {
    const line = group[i] as string;
    const trimmed = line.trim();
    if (isSceneBreak(trimmed) && !isPunctuationOnlyDialogue(trimmed)) {
      flush();
      pushBreak(blocks);
      continue;
    }
    if (wrapWidth === null) {
      // One paragraph per line.
      flush();
      paragraph.push(trimmed);
      continue;
    }
    const indented = /^(?:\t| {2,})\S/.test(line);
    const previous = group[i - 1];
    const previousShort = previous !== undefined && previous.trimEnd().length < wrapWidth * 0.7;
    if (paragraph.length > 0 && (indented || previousShort)) flush();
    paragraph.push(trimmed);
  }
  flush();
}

// `...` or `?!` alone are speech, not scene breaks.
function isPunctuationOnlyDialogue(line: string): boolean {
  return /^["“'].*["”']$/.test(line);
}

function pushBreak(blocks: Block[]): void {
  const last = blocks[blocks.length - 1];
  if (last && last.type !== 'break') blocks.push({ type: 'break' });
}

function pushParagraph(blocks: Block[], text: string): void {
  const clean = text.includes('\n')
    ? text
        .split('\n')
        .map((line) => squeezeSpaces(line))
        .join('\n')
        .trim()
    : squeezeSpaces(text);
  if (!clean) return;
  blocks.push({ type: 'paragraph', text: clean, html: renderInline(clean) });
}

/** Plain-text emphasis conventions (`*word*`, `_word_`) become `<em>`; line breaks become `<br>`. */
function renderInline(text: string): string {
  const html = escapeHtml(text);
  if (!html.includes('*') && !html.includes('_'))
    return html.includes('\n') ? html.replace(/\n/g, '<br>') : html;
  return html
    .replace(/(^|[\s(“"])\*([^*\s][^*\n]{0,200}?)\*(?=$|[\s.,;:!?)”"'’])/g, '$1<em>$2</em>')
    .replace(/(^|[\s(“"])_([^_\s][^_\n]{0,200}?)_(?=$|[\s.,;:!?)”"'’])/g, '$1<em>$2</em>')
    .replace(/\n/g, '<br>');
}
