import type { AnyNode, Element, Text } from 'domhandler';
import { decodeHTML } from 'entities';
import { parseHtml } from './html-parse.ts';
import type { Block } from './story.ts';
import { escapeHtml, isSceneBreak, squeezeSpaces } from './text.ts';

/** Bumped whenever the allowlist changes, so stored HTML can be sanitized again. */
export const SANITIZER_VERSION = 1;

export const INLINE_TAGS = [
  'em',
  'i',
  'strong',
  'b',
  'u',
  's',
  'strike',
  'del',
  'ins',
  'sub',
  'sup',
  'small',
  'br',
];
export const BLOCK_TAGS = [
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

/** Elements that go with their content (`script`, `nav`); any other element outside the allowlist leaves its text. */
const DROPPED_TAGS = [
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
];

const BLOCK_SET = new Set(BLOCK_TAGS);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/**
 * Turn an HTML fragment (a chapter body, a saved page's story div) into blocks: paragraphs with sanitized
 * inline HTML, headings and scene breaks. Paragraphs separated only by `<br><br>` (fanfiction.net and
 * LiveJournal habits) become separate paragraphs.
 */
export function htmlToBlocks(html: string): Block[] {
  return nodesToBlocks(parseHtml(html).children);
}

/** A node of a paragraph, with the inline elements around it that held blocks too (see `walk`). */
interface RunNode {
  node: AnyNode;
  within: readonly string[];
}

/**
 * `htmlToBlocks` for nodes a reader has parsed already (a page's story element), walked as they are.
 *
 * The walk is the sanitizer of story HTML, by the allowlist sanitize-html was given for it before (and still
 * applies to stored HTML an older version wrote: see stored-html.ts): tags outside it are dropped and their
 * text kept, a few (`script`, `style`, `nav`...) go with their content, comments go, and the inline HTML of a
 * paragraph is written from the tag names of the allowlist alone, with no attribute, around escaped text.
 * Serializing a page's story, having sanitize-html parse it, and parsing its output again to find the
 * paragraphs read every story three times, and was two thirds of reading an HTML or EPUB story.
 *
 * An inline element that holds blocks (an `<i>` left open over the paragraphs after it) applies to each of
 * them, as a browser shows it, rather than making them one paragraph. The walk goes as deep as the tree,
 * which the parser keeps to `MAX_HTML_DEPTH`.
 */
export function nodesToBlocks(nodes: readonly AnyNode[]): Block[] {
  const blocks: Block[] = [];
  const holdsBlock = new Map<Element, boolean>();
  let run: RunNode[] = [];

  const flush = () => {
    if (run.length === 0) return;
    pushParagraph(blocks, run);
    run = [];
  };

  const walk = (nodes: AnyNode[], within: readonly string[]) => {
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
          run.push({ node, within });
          continue;
        }
        if (name === 'hr') {
          flush();
          pushBreak(blocks);
          continue;
        }
        if (HEADINGS.has(name)) {
          flush();
          const text = squeezeSpaces(textOf(el.children));
          if (text) blocks.push(isSceneBreak(text) ? { type: 'break' } : { type: 'heading', text });
          continue;
        }
        if (BLOCK_SET.has(name)) {
          flush();
          walk(allowed(el.children), within);
          flush();
          continue;
        }
        if (containsBlock(el, holdsBlock)) {
          walk(allowed(el.children), within.includes(name) ? within : [...within, name]);
          continue;
        }
      }
      run.push({ node, within });
    }
  };

  walk(allowed(nodes), []);
  flush();
  return blocks;
}

/** Whether an inline element has a block among the nodes the allowlist leaves of it, found once per element. */
function containsBlock(element: Element, known: Map<Element, boolean>): boolean {
  const cached = known.get(element);
  if (cached !== undefined) return cached;
  let found = false;
  for (const node of allowed(element.children)) {
    if (node.type !== 'tag') continue;
    const name = (node as Element).name.toLowerCase();
    if (BLOCK_SET.has(name) || containsBlock(node as Element, known)) {
      found = true;
      break;
    }
  }
  known.set(element, found);
  return found;
}

const INLINE_SET = new Set(INLINE_TAGS);
const DROPPED = new Set(DROPPED_TAGS);

/**
 * The nodes as the allowlist leaves them: text, and elements of the allowlist; any other element gives way to
 * its own nodes, taken the same way, unless its content goes with it; comments and the like go.
 */
function allowed(nodes: readonly AnyNode[], into: AnyNode[] = []): AnyNode[] {
  for (const node of nodes) {
    if (node.type === 'text') into.push(node);
    else if (node.type === 'tag') {
      const name = (node as Element).name.toLowerCase();
      if (INLINE_SET.has(name) || BLOCK_SET.has(name)) into.push(node);
      else if (!DROPPED.has(name)) allowed((node as Element).children, into);
    }
    // `script` and `style` elements have types of their own, and go with comments and directives.
  }
  return into;
}

function isBr(node: AnyNode | undefined): boolean {
  return node?.type === 'tag' && (node as Element).name.toLowerCase() === 'br';
}

function isBlank(node: AnyNode): boolean {
  return node.type === 'text' && (node as Text).data.trim() === '';
}

function nextNonBlank(nodes: AnyNode[], from: number): number | null {
  for (let j = from; j < nodes.length; j++) {
    if (!isBlank(nodes[j] as AnyNode)) return j;
  }
  return null;
}

function pushBreak(blocks: Block[]): void {
  // One marker for consecutive breaks, and none at the very start.
  const last = blocks[blocks.length - 1];
  if (last && last.type !== 'break') blocks.push({ type: 'break' });
}

function pushParagraph(blocks: Block[], run: RunNode[]): void {
  // Line breaks and blank text at either end are not part of the paragraph.
  const edge = (item: RunNode | undefined) => isBr(item?.node) || isBlank(item?.node as AnyNode);
  let from = 0;
  let to = run.length;
  while (from < to && edge(run[from])) from++;
  while (to > from && edge(run[to - 1])) to--;
  const part = run.slice(from, to);
  const text = plainLines(
    textOf(
      part.map((item) => item.node),
      '\n',
    ),
  );
  if (!text) return;
  if (isSceneBreak(text)) {
    pushBreak(blocks);
    return;
  }
  // Nodes within the same inline elements are written together, inside those elements.
  let html = '';
  for (let start = 0; start < part.length; ) {
    const within = (part[start] as RunNode).within;
    let end = start + 1;
    while (end < part.length && (part[end] as RunNode).within === within) end++;
    let inner = inlineHtml(part.slice(start, end).map((item) => item.node));
    // White space at the paragraph's ends goes, inside the elements around it too.
    if (start === 0) inner = inner.trimStart();
    if (end === part.length) inner = inner.trimEnd();
    html +=
      within.map((name) => `<${name}>`).join('') +
      inner +
      within
        .map((name) => `</${name}>`)
        .reverse()
        .join('');
    start = end;
  }
  blocks.push({ type: 'paragraph', text, html: html.replace(ASCII_SPACE_RUN, ' ').trim() });
}

/**
 * White space as HTML collapses it; other spaces (no-break, em) are kept. Only the runs that change are
 * matched (two or more characters, or one that is not a space), so a paragraph of single spaces between
 * words is left as it is rather than rebuilt.
 */
const ASCII_SPACE_RUN = /[\t\n\v\f\r ]{2,}|[\t\n\v\f\r]/g;

/** The text of nodes taken by the allowlist, `<br>` written as `lineBreak`. */
function textOf(nodes: readonly AnyNode[], lineBreak = ''): string {
  let text = '';
  for (const node of allowed(nodes)) {
    if (node.type === 'text') text += (node as Text).data;
    else if (isBr(node)) text += lineBreak;
    else text += textOf((node as Element).children, lineBreak);
  }
  return text;
}

/** Inline HTML of nodes taken by the allowlist: inline tags without attributes around escaped text. */
function inlineHtml(nodes: readonly AnyNode[]): string {
  let html = '';
  for (const node of allowed(nodes)) {
    if (node.type === 'text') html += escapeHtml((node as Text).data);
    else {
      const name = (node as Element).name.toLowerCase();
      if (name === 'br') html += '<br>';
      // A block inside an inline element (`<b><p>...</p></b>`) leaves its content.
      else if (!INLINE_SET.has(name)) html += inlineHtml((node as Element).children);
      else html += `<${name}>${inlineHtml((node as Element).children)}</${name}>`;
    }
  }
  return html;
}

/** Lines of plain text each squeezed, blank lines kept only between others, the whole trimmed. */
function plainLines(text: string): string {
  return text
    .split('\n')
    .map(squeezeSpaces)
    .filter((line, index, lines) => line !== '' || (index > 0 && index < lines.length - 1))
    .join('\n')
    .trim();
}

/** Plain text of sanitized inline HTML: `<br>` becomes a newline, other tags go, entities are decoded. */
export function htmlToText(html: string): string {
  return plainLines(decodeHTML(html.replace(/<br\s*\/?>/gi, '\n').replace(/<[^>]*>/g, '')));
}
