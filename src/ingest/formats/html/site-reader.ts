/** What every site's reader is, and the small readings they share. */
import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode } from 'domhandler';
import { matchChapterHeading } from '../../chapters.ts';
import { nodesToBlocks } from '../../html-blocks.ts';
import type { Block, RawStory, SourceField } from '../../story.ts';
import { squeezeSpaces } from '../../text.ts';

/** A reader for one site's pages, recognised from its markup. */
export interface SiteReader {
  /** How an error names the page (`read as a fanfiction.net page`). */
  name: string;
  /** True when the markup that detects the site is found on its story pages only. */
  storyPage?: true;
  detect($: CheerioAPI): boolean;
  read($: CheerioAPI, fileName: string): RawStory;
}

export const text = (element: Cheerio<AnyNode>): string => squeezeSpaces(element.text());

export function field(label: string, value: string, origin: string, values?: string[]): SourceField {
  return values ? { label, value, values, origin } : { label, value, origin };
}

/** Blocks from an element's inner HTML. */
export function blocksOf(element: Cheerio<AnyNode>): Block[] {
  return element.length === 0 ? [] : nodesToBlocks(element.contents().toArray());
}

/** `Chapter 2: Homecoming` -> `Homecoming`; a bare `Chapter 2` -> null; anything else as it is. */
export function chapterTitle(heading: string): string | null {
  const clean = squeezeSpaces(heading);
  if (!clean) return null;
  const match = matchChapterHeading(clean);
  if (match)
    return match.named ? (match.title ? `${match.named}: ${match.title}` : match.named) : match.title;
  return clean;
}
