/**
 * Whether a saved page is a story at all: an error page, an index or table of contents, or a page of site
 * menus is refused with the reason, rather than made into an untitled work. Decided from the page's shape
 * (its title and headings, how much of its text is prose and how much sits in links), so that a story of a
 * hundred words, or one with a chapter index, still reads as a story.
 */
import type { AnyNode, Element } from 'domhandler';
import { matchChapterHeading } from './chapters.ts';
import { BLOCK_TAGS } from './html-blocks.ts';
import { countWords, squeezeSpaces } from './text.ts';

/** What a page holds, measured once over its body. */
export interface PageShape {
  /** The `<title>` and the page's `h1`-`h3` headings. */
  headings: string[];
  /** Words outside links, headings and site chrome, in paragraphs that are not `Label: value` lines. */
  proseWords: number;
  /** The most prose words in paragraphs that follow one another with no list of links between them. */
  longestRun: number;
  linkWords: number;
  /** Paragraphs, list items and cells made mostly of links. */
  linkBlocks: number;
  /** Distinct addresses that look like stories' (`/works/12`, `viewstory.php?sid=3`, `fic.html`). */
  storyLinks: number;
  /** Links to other pages that name a chapter or part (`Chapter 3`, `...&chapter=3`, `/s/123/3/`). */
  chapterLinks: number;
  /** The first sentence that says a story or page is missing, when there is one. */
  errorSentence: string | null;
}

// Each of these ends one text segment and starts another; a `<br>` too, so a column of menu links is one a line.
const BLOCK_NAMES = new Set([...BLOCK_TAGS, 'br', 'main', 'aside', 'header', 'footer', 'nav']);
const HEADING_NAMES = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const CHROME_NAMES = new Set(['nav', 'header', 'footer', 'aside', 'menu']);
const CHROME_ATTRIBUTES =
  /(?:^|[-_\s])(?:nav|navigation|menu|sidebar|footer|header|breadcrumbs?|banner)(?:$|[-_\s])/i;
// Readers' comments are neither the story nor the site's menus.
const COMMENT_ATTRIBUTES = /(?:^|[-_\s])(?:comments?|comment-\w+|replies|reply|talkback)(?:$|[-_\s])/i;
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'title', 'head', 'option', 'select']);

/** `Rated: PG`, `Words: 1,204`: info lines, not story prose. */
const LABEL_LINE = /^[\p{Lu}][\p{L}'’ ]{0,24}:\s/u;
/** Addresses of stories on archives and personal sites: `/works/12`, `viewstory.php?sid=3`, `/s/123/1/`, `fic.html`. */
const STORY_HREF = /viewstory|[?&]sid=\d|\/works?\/\d|\/s\/\d|\/stor(?:y|ies)\/|\/fics?\/|\.html?$/i;
export const CHAPTER_HREF =
  /[?&](?:chapter|chapid|chap)=\d|\/s\/\d+\/\d+|\/chapters?\/\d|chapter[-_]?\d|part[-_]?\d/i;

/** Titles and headings of the pages sites show for a missing story. */
const ERROR_HEADING =
  /^(?:(?:error\s*)?404\b.*|(?:error|oops)\b.{0,40}|.{0,30}\b(?:not found|no longer available|has been (?:removed|deleted)|does not exist|access denied|forbidden)\b.{0,30})$/i;
/** What those pages say. */
const ERROR_SENTENCE =
  /\b(?:(?:story|page|work|chapter|file|fic|document)s? (?:you (?:are|were) looking for|you requested|requested)\b[^.!]{0,60}\b(?:removed|deleted|moved|not (?:be )?found|does not exist|doesn't exist|no longer)|(?:story|page|work|chapter|file|url) (?:was |could )?not (?:be )?found|unable to (?:locate|find) (?:the |this |that )?(?:story|page|work|chapter|file)|(?:story|page|work|chapter) (?:has been|was) (?:removed|deleted)|(?:story|page|work|chapter) (?:does not|doesn't|no longer) exists?|error 404|404 not found)\b/i;

interface Segment {
  words: number;
  linkWords: number;
  chrome: boolean;
  heading: boolean;
  text: string;
}

/** Measure a page's body; `pageTitle` is its `<title>`. */
export function measurePage(body: AnyNode, pageTitle: string): PageShape {
  const segments: Segment[] = [];
  const headings: string[] = pageTitle ? [pageTitle] : [];
  let chapterLinks = 0;
  const storyLinks = new Set<string>();
  let current: Segment = newSegment(false, false);
  const flush = (chrome: boolean, heading: boolean) => {
    if (current.words > 0) segments.push(current);
    current = newSegment(chrome, heading);
  };
  const walk = (node: AnyNode, inLink: boolean, chrome: boolean, heading: boolean) => {
    if (node.type === 'text') {
      const words = countWords(node.data);
      if (words === 0) return;
      current.words += words;
      if (inLink) current.linkWords += words;
      if (current.text.length < 400) current.text += node.data;
      return;
    }
    if (node.type !== 'tag' && node.type !== 'root') return;
    const element = node as Element;
    const name = element.name?.toLowerCase() ?? '';
    if (SKIPPED.has(name)) return;
    const names = `${element.attribs?.id ?? ''} ${element.attribs?.class ?? ''}`;
    if (COMMENT_ATTRIBUTES.test(names)) return;
    const isBlock = BLOCK_NAMES.has(name);
    const isChrome = chrome || CHROME_NAMES.has(name) || CHROME_ATTRIBUTES.test(names);
    const isHeading = heading || HEADING_NAMES.has(name);
    const href = name === 'a' ? (element.attribs?.href ?? '') : '';
    const isLink = inLink || (href !== '' && !href.startsWith('#') && !/^javascript:/i.test(href));
    if (isBlock) flush(isChrome, isHeading);
    for (const child of element.children ?? []) walk(child, isLink, isChrome, isHeading);
    if (isBlock) {
      if (HEADING_NAMES.has(name) && /^h[1-3]$/.test(name) && current.text)
        headings.push(squeezeSpaces(current.text));
      flush(chrome, heading);
    }
    if (href && isLink && !inLink) {
      if (STORY_HREF.test(href)) storyLinks.add(href);
      const text = squeezeSpaces(textOf(element));
      if (CHAPTER_HREF.test(href) || /^(?:chapter|part)\s+\w+/i.test(text) || matchChapterHeading(text))
        chapterLinks++;
    }
  };
  walk(body, false, false, false);
  flush(false, false);
  return { ...summarize(segments, headings, chapterLinks), storyLinks: storyLinks.size };
}

/**
 * The shape of a text with no markup (a plain-text or Word file): its title and first short lines as headings,
 * all of its prose one run. Only an error page can be told from that.
 */
export function measureText(title: string | null, paragraphs: readonly string[], words: number): PageShape {
  const headings = [title ?? '', ...paragraphs.slice(0, 3).filter((text) => text.length <= 80)].filter(
    Boolean,
  );
  const errorSentence =
    paragraphs
      .slice(0, 10)
      .map((text) => ERROR_SENTENCE.exec(squeezeSpaces(text))?.[0])
      .find(Boolean) ?? null;
  return {
    headings,
    proseWords: words,
    longestRun: words,
    linkWords: 0,
    linkBlocks: 0,
    storyLinks: 0,
    chapterLinks: 0,
    errorSentence,
  };
}

function newSegment(chrome: boolean, heading: boolean): Segment {
  return { words: 0, linkWords: 0, chrome, heading, text: '' };
}

function textOf(node: AnyNode): string {
  if (node.type === 'text') return node.data;
  if (node.type !== 'tag') return '';
  return (node as Element).children.map(textOf).join('');
}

function summarize(
  segments: Segment[],
  headings: string[],
  chapterLinks: number,
): Omit<PageShape, 'storyLinks'> {
  let proseWords = 0;
  let linkWords = 0;
  let linkBlocks = 0;
  let run = 0;
  let longestRun = 0;
  let errorSentence: string | null = null;
  for (const segment of segments) {
    linkWords += segment.linkWords;
    const text = squeezeSpaces(segment.text);
    if (!errorSentence && !segment.chrome) errorSentence = ERROR_SENTENCE.exec(text)?.[0] ?? null;
    if (segment.linkWords * 2 >= segment.words) {
      linkBlocks++;
      run = 0;
      continue;
    }
    if (segment.chrome || segment.heading || LABEL_LINE.test(text)) continue;
    const words = segment.words - segment.linkWords;
    proseWords += words;
    run += words;
    longestRun = Math.max(longestRun, run);
  }
  return { headings, proseWords, longestRun, linkWords, linkBlocks, chapterLinks, errorSentence };
}

// A story has at least this many words of prose together: a drabble's hundred words pass.
const SHORT_PROSE = 60;

/** Why a page with this shape is not a story, or null when it may be one. */
export function notAStoryReason(shape: PageShape): string | null {
  const errorHeading = shape.headings.map(errorTitle).find(Boolean);
  if (
    shape.longestRun < 150 &&
    ((errorHeading && (shape.errorSentence || shape.proseWords < 12)) ||
      (shape.errorSentence && shape.longestRun < 40))
  ) {
    const sentence = shape.errorSentence;
    const repeats = sentence && errorHeading?.toLowerCase().includes(sentence.toLowerCase());
    const said = [errorHeading && `“${errorHeading}”`, sentence && !repeats && `“${sentence}”`]
      .filter(Boolean)
      .join(', ');
    return `is an error page (it says ${said})`;
  }
  if (shape.chapterLinks >= 3 && shape.longestRun < SHORT_PROSE) {
    return `is a table of contents: links to ${shape.chapterLinks} chapters and no chapter text (${shape.longestRun} words of prose together at most)`;
  }
  if (
    shape.storyLinks >= 3 &&
    shape.linkBlocks >= 5 &&
    shape.longestRun < 150 &&
    (shape.longestRun * 2 < shape.proseWords || shape.longestRun < 40)
  ) {
    return `is an index page: links to ${shape.storyLinks} stories with only short texts between them (${shape.longestRun} words of prose together at most)`;
  }
  if (shape.longestRun < 40 && shape.linkWords >= 2 * Math.max(shape.proseWords, 1)) {
    return `is mostly site menus and links (${shape.linkWords} words in links, ${shape.proseWords} of text)`;
  }
  return null;
}

function errorTitle(heading: string): string | null {
  // `Story Not Found | FanFiction`: the site's name after a separator is not part of it.
  for (const part of heading.split(/\s+[|–—-]\s+|\s*::\s*/)) {
    const clean = squeezeSpaces(part);
    if (clean && clean.length <= 80 && ERROR_HEADING.test(clean)) return clean;
  }
  return null;
}
