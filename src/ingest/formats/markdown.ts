import { parse as parseYaml } from 'yaml';
import { AppError } from '../../errors.ts';
import { decodeText } from '../encoding.ts';
import { meaningOfLabel } from '../header/labels.ts';
import { htmlToBlocks, htmlToText } from '../html-blocks.ts';
import { parseHtml } from '../html-parse.ts';
import { markdownToHtml } from '../markdown-html.ts';
import { measurePage, notAStoryReason } from '../page-shape.ts';
import type { Block, RawChapter, RawStory, SourceField } from '../story.ts';
import type { StoryFormat } from './format.ts';

/**
 * Markdown stories, with or without YAML front matter: what AO3 backup tools (ao3scrape), Jekyll, Hugo and
 * Obsidian write. The front matter's keys are header fields like any `Key: value` header; the body is
 * Markdown (inline HTML allowed, as those tools write it), made HTML by marked and walked by the story
 * allowlist like any page.
 */
export const markdownFormat: StoryFormat = {
  id: 'markdown',
  extensions: ['.md', '.markdown', '.mdown', '.mkd'],
  // Markdown has no magic number: a `---` line opens a front matter and a plain-text scene break alike.
  sniff: () => false,
  async read(bytes, fileName) {
    const { text, encoding } = decodeText(bytes, fileName);
    const { data, body, notice } = splitFrontMatter(text);
    const fields = data ? frontMatterFields(data, fileName) : [];
    const bodyLine = text.slice(0, text.length - body.length).split('\n').length;
    const html = markdownToHtml(body, fileName, bodyLine);
    const page = parseHtml(html);
    const reason = notAStoryReason(measurePage(page, typeof data?.title === 'string' ? data.title : ''));
    if (reason) throw new AppError('NOT_A_STORY', `not a story: ${fileName} ${reason}.`);
    const chapters = ao3ScrapeChapters(htmlToBlocks(html));
    if (!chapters.some((chapter) => chapter.blocks.some((block) => block.type === 'paragraph'))) {
      throw new AppError('NO_STORY_TEXT', `${fileName} holds no story text after its front matter.`);
    }
    const notices = encoding === 'utf-8' ? [] : [`read as ${encoding.toUpperCase()}`];
    if (notice) notices.push(notice);
    const plain = (key: string) => {
      const value = data?.[key];
      return typeof value === 'string' && value.trim()
        ? markdownToText(value, `${fileName} front matter ${key}`)
        : null;
    };
    const author = data?.author ?? data?.authors;
    const creators = (Array.isArray(author) ? author : typeof author === 'string' ? author.split(',') : [])
      .map((name) => String(name).trim())
      .filter(Boolean);
    return {
      format: 'markdown',
      fields,
      title: plain('title'),
      creators,
      summary: plain('summary') ?? plain('description'),
      notes: plain('notes'),
      chapters: chapters.length > 0 ? chapters : [{ title: null, blocks: [] }],
      chaptersGiven: chapters.length > 1,
      notices,
    } satisfies RawStory;
  },
};

/** The line a front matter opens with: `---`, after a byte order mark. */
const FRONT_MATTER_OPENING = /^\uFEFF?---[ \t]*\r?\n/;
const FRONT_MATTER = new RegExp(
  `${FRONT_MATTER_OPENING.source}([\\s\\S]*?)\\r?\\n(?:---|\\.\\.\\.)[ \\t]*(?:\\r?\\n|$)`,
);

/**
 * Whether a Markdown file's first characters open a front matter, as every story ao3scrape, Jekyll, Hugo or
 * Obsidian writes does and a README does not: how an import tells the stories in a folder from its notes.
 */
export function opensFrontMatter(start: string): boolean {
  return FRONT_MATTER_OPENING.test(start);
}

/**
 * The YAML front matter as an object (null when there is none or it is not a mapping), the body after it, and a
 * notice when the front matter had to be read line by line.
 */
export function splitFrontMatter(text: string): {
  data: Record<string, unknown> | null;
  body: string;
  notice?: string;
} {
  const match = FRONT_MATTER.exec(text);
  if (!match) return { data: null, body: text };
  const block = match[1] ?? '';
  try {
    const data: unknown = parseYaml(block);
    if (data && typeof data === 'object' && !Array.isArray(data))
      return { data: data as Record<string, unknown>, body: text.slice(match[0].length) };
  } catch (error) {
    // Front matter written by hand often breaks YAML on the story's own words (`title: Homecoming: Part
    // One`); read as the header it is, else the whole block would become a heading and its fields be lost.
    const data = keyLines(block);
    if (data) {
      const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '').replace(/:$/, '') : '';
      return {
        data,
        body: text.slice(match[0].length),
        notice: `front matter is not valid YAML (${reason}); read line by line as \`Key: value\``,
      };
    }
    // Not YAML after all (a story opening with a `---` rule): the whole file is the story.
  }
  return { data: null, body: text };
}

const KEY_VALUE = /^([A-Za-z][\w -]{0,32}):(?:[ \t]+(.*))?$/;
const LIST_ITEM = /^[ \t]*-[ \t]+(.+)$/;

/**
 * A block of `key: value` lines (each value everything after the first colon, quotes trimmed; `- item` lines
 * under a bare key make a list), when at least one key is a header field's: else the block is not a header.
 */
function keyLines(block: string): Record<string, unknown> | null {
  const data: Record<string, unknown> = {};
  let list: string[] | null = null;
  let known = false;
  for (const line of block.split(/\r?\n/)) {
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    const item = LIST_ITEM.exec(line);
    if (item && list) {
      list.push(unquote(item[1] ?? ''));
      continue;
    }
    const pair = KEY_VALUE.exec(line);
    if (!pair) return null;
    const key = (pair[1] ?? '').trim();
    const value = (pair[2] ?? '').trim();
    known ||= meaningOfLabel(key.replace(/_/g, ' ')) !== null;
    list = value ? null : [];
    data[key] = list ?? unquote(value);
  }
  return known ? data : null;
}

function unquote(value: string): string {
  const quoted = /^(["'])(.*)\1$/.exec(value.trim());
  return quoted ? (quoted[2] ?? '') : value.trim();
}

/** Each front-matter key as a header field; lists keep their items (`fandom: [A, B]`). */
function frontMatterFields(data: Record<string, unknown>, fileName: string): SourceField[] {
  const fields: SourceField[] = [];
  for (const [key, raw] of Object.entries(data)) {
    if (
      raw === null ||
      raw === undefined ||
      (typeof raw === 'object' && !Array.isArray(raw) && !(raw instanceof Date))
    )
      continue;
    const label = key.replace(/_/g, ' ');
    const origin = `front matter ${key}`;
    if (Array.isArray(raw)) {
      const values = raw.filter((item) => item !== null && typeof item !== 'object').map(String);
      if (values.length > 0) fields.push({ label, value: values.join(', '), values, origin });
    } else {
      const value =
        raw instanceof Date ? raw.toISOString() : markdownToText(String(raw), `${fileName} ${origin}`);
      if (value) fields.push({ label, value, origin });
    }
  }
  return fields;
}

/** Plain text of a Markdown value (a summary with links and escapes), paragraphs kept apart. */
function markdownToText(value: string, where: string): string {
  const html = markdownToHtml(value, where);
  return htmlToText(html.replace(/<\/p>\s*/g, '<br><br>')).trim();
}

const CHAPTER = /^Chapter \d+(?::\s*(.*))?$/;
const SCAFFOLD = /^Chapter (?:Summary|Notes|End Notes)$/;

/**
 * ao3scrape writes each chapter of a multi-chapter work as `### Chapter N: Title` with `#### Chapter Summary`
 * and `#### Chapter Notes` headings, often empty: chapters split there and the empty headings dropped, a
 * chapter summary kept as the chapter's notes. Anything else is one chapter for the structuring step.
 */
function ao3ScrapeChapters(blocks: Block[]): RawChapter[] {
  const headings = blocks.filter((block) => block.type === 'heading' && CHAPTER.test(block.text));
  if (headings.length < 1 || !blocks.some((block) => block.type === 'heading' && SCAFFOLD.test(block.text)))
    return [{ title: null, blocks }];
  const chapters: RawChapter[] = [];
  let current: RawChapter | null = null;
  let inSummary = false;
  const summary: string[] = [];
  const closeSummary = () => {
    if (current && summary.length > 0) current.notes = summary.join('\n\n');
    summary.length = 0;
    inSummary = false;
  };
  for (const block of blocks) {
    if (block.type === 'heading' && CHAPTER.test(block.text)) {
      closeSummary();
      const named = CHAPTER.exec(block.text)?.[1]?.trim();
      current = { title: named || null, blocks: [] };
      chapters.push(current);
      continue;
    }
    if (block.type === 'heading' && SCAFFOLD.test(block.text)) {
      closeSummary();
      inSummary = block.text === 'Chapter Summary';
      continue;
    }
    if (!current) {
      current = { title: null, blocks: [] };
      chapters.push(current);
    }
    if (inSummary && block.type === 'paragraph') summary.push(block.text);
    else current.blocks.push(block);
  }
  closeSummary();
  return chapters.filter((chapter) => chapter.blocks.length > 0);
}
