import * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { decodeHTML } from 'entities';
import sanitizeHtml from 'sanitize-html';
import type { Block } from './story.ts';
import { isSceneBreak, squeezeSpaces } from './text.ts';

/** Bumped whenever the allowlist changes, so stored HTML can be sanitized again. */
export const SANITIZER_VERSION = 1;

const INLINE_TAGS = ['em', 'i', 'strong', 'b', 'u', 's', 'strike', 'del', 'ins', 'sub', 'sup', 'small', 'br'];
const BLOCK_TAGS = [
  'p',
  'div',
  'blockquote',
  'center',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'ul',
  'ol',
  'li',
  'pre',
  'table',
  'tbody',
  'thead',
  'tr',
  'td',
  'th',
  'section',
  'article',
  'dl',
  'dt',
  'dd',
  'figure',
];

const STRUCTURE_ALLOWLIST: sanitizeHtml.IOptions = {
  allowedTags: [...INLINE_TAGS, ...BLOCK_TAGS],
  allowedAttributes: {},
  // Content of these is dropped entirely, not unwrapped.
  nonTextTags: [
    'script',
    'style',
    'textarea',
    'option',
    'noscript',
    'nav',
    'head',
    'title',
    'iframe',
    'object',
  ],
  // Keep the text of anything else (spans, fonts, links) but not the tag.
  disallowedTagsMode: 'discard',
};

/** The allowlist for inline HTML kept in a `Block`: emphasis and line breaks, no attributes at all. */
const INLINE_ALLOWLIST: sanitizeHtml.IOptions = {
  allowedTags: INLINE_TAGS,
  allowedAttributes: {},
  disallowedTagsMode: 'discard',
};

/** Sanitize a fragment of inline HTML to the block allowlist. */
export function sanitizeInlineHtml(html: string): string {
  return sanitizeHtml(html, INLINE_ALLOWLIST).trim();
}

const BLOCK_SET = new Set(BLOCK_TAGS);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/**
 * Turn an HTML fragment (a chapter body, a saved page's story div) into blocks: paragraphs with sanitized
 * inline HTML, headings and scene breaks. Paragraphs separated only by `<br><br>` (fanfiction.net and
 * LiveJournal habits) become separate paragraphs.
 */
export function htmlToBlocks(html: string): Block[] {
  const clean = sanitizeHtml(html, STRUCTURE_ALLOWLIST);
  // htmlparser2 (the xml option in HTML mode) is several times faster than parse5 on the sanitized fragment.
  const $ = cheerio.load(clean, { xml: { xmlMode: false, decodeEntities: true } }, false);
  const blocks: Block[] = [];
  let run: AnyNode[] = [];

  const flush = () => {
    if (run.length === 0) return;
    const fragment = run.map((node) => $.html(node)).join('');
    run = [];
    pushParagraph(blocks, fragment);
  };

  const walk = (nodes: AnyNode[]) => {
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i] as AnyNode;
      if (node.type === 'tag') {
        const el = node as Element;
        const name = el.name.toLowerCase();
        if (name === 'br') {
          // A double <br> (possibly with white space between) ends a paragraph.
          const next = nextNonBlank(nodes, i + 1);
          if (next !== null && isBr(nodes[next])) {
            flush();
            i = next;
            while (true) {
              const after = nextNonBlank(nodes, i + 1);
              if (after === null || !isBr(nodes[after])) break;
              i = after;
            }
            continue;
          }
          run.push(node);
          continue;
        }
        if (name === 'hr') {
          flush();
          pushBreak(blocks);
          continue;
        }
        if (HEADINGS.has(name)) {
          flush();
          const text = squeezeSpaces($(el).text());
          if (text) blocks.push(isSceneBreak(text) ? { type: 'break' } : { type: 'heading', text });
          continue;
        }
        if (BLOCK_SET.has(name)) {
          flush();
          walk(el.children);
          flush();
          continue;
        }
      }
      run.push(node);
    }
  };

  walk($.root()[0]?.children ?? []);
  flush();
  return blocks;
}

function isBr(node: AnyNode | undefined): boolean {
  return node?.type === 'tag' && (node as Element).name.toLowerCase() === 'br';
}

function nextNonBlank(nodes: AnyNode[], from: number): number | null {
  for (let j = from; j < nodes.length; j++) {
    const node = nodes[j] as AnyNode;
    if (node.type === 'text' && (node as unknown as { data: string }).data.trim() === '') continue;
    return j;
  }
  return null;
}

function pushBreak(blocks: Block[]): void {
  // One marker for consecutive breaks, and none at the very start.
  const last = blocks[blocks.length - 1];
  if (last && last.type !== 'break') blocks.push({ type: 'break' });
}

function pushParagraph(blocks: Block[], fragment: string): void {
  // The fragment comes from a document already cut down to the allowlist, and holds no block tags (they end
  // a run), so it needs no second pass through the sanitizer.
  const html = fragment
    .trim()
    .replace(/^(\s*<br\s*\/?>\s*)+/i, '')
    .replace(/(\s*<br\s*\/?>\s*)+$/i, '');
  const text = htmlToText(html);
  if (!text) return;
  if (isSceneBreak(text)) {
    pushBreak(blocks);
    return;
  }
  blocks.push({ type: 'paragraph', text, html: html.replace(/\s+/g, ' ').trim() });
}

/** Plain text of sanitized inline HTML: `<br>` becomes a newline, other tags go, entities are decoded. */
export function htmlToText(html: string): string {
  const withBreaks = html.replace(/<br\s*\/?>/gi, '\n').replace(/<[^>]*>/g, '');
  return decodeHTML(withBreaks)
    .split('\n')
    .map(squeezeSpaces)
    .filter((line, index, lines) => line !== '' || (index > 0 && index < lines.length - 1))
    .join('\n')
    .trim();
}

declare const sanitized: unique symbol;
/** HTML that has been through the sanitizer: the only HTML views may insert unescaped. */
export type SanitizedHtml = string & { readonly [sanitized]: true };

/** The allowlist of a stored chapter body, as `chapterHtml` writes it: paragraphs of inline HTML, headings, breaks. */
const CHAPTER_ALLOWLIST: sanitizeHtml.IOptions = {
  allowedTags: [...INLINE_TAGS, 'p', 'h3', 'hr'],
  allowedAttributes: {},
  disallowedTagsMode: 'discard',
};

/**
 * A stored chapter body ready to show: trusted as it is when the current sanitizer wrote it, sanitized again
 * when an older allowlist did (AO3's html_cleaner keeps the same rule).
 */
export function storedChapterHtml(html: string, sanitizerVersion: number): SanitizedHtml {
  return (
    sanitizerVersion === SANITIZER_VERSION ? html : sanitizeHtml(html, CHAPTER_ALLOWLIST)
  ) as SanitizedHtml;
}
