/**
 * A work as plain text: a header of `Label: value` lines as AO3's and most archives' text files have, then
 * every chapter under a `Chapter N: Title` heading. Written in the conventions Quire's own text reader
 * understands, so a text download imports back with its title, creators, tags and chapters:
 * - header values stay on one line each, except summary and notes, wrapped under 100 columns (longer lines
 *   would read as the story starting);
 * - chapter notes and end notes are `A/N:` paragraphs, one per paragraph of the note;
 * - the work's end notes follow an `End Notes:` line after the last chapter (they import back as the last
 *   chapter's end notes: plain text has no place of their own for them).
 * Plain text cannot mark inferred tags apart from the creator's: both are listed, as the other formats do.
 */

import { publishedDay, updatedDay } from '../domain/work-dates.ts';
import { htmlToBlocks } from '../ingest/html-blocks.ts';
import { blocksToPlainText } from '../ingest/text.ts';
import type { WorkView } from '../repositories/work-view.ts';
import { sanitizedHtmlToXhtml } from './sanitized-xhtml.ts';
import {
  chapterHeading,
  chapterStat,
  creatorNames,
  type ExportOptions,
  languageName,
  paragraphsOf,
  seriesLines,
  tagRows,
  workTitle,
  workUrl,
} from './work-meta.ts';
import { normalizeHtmlFragment } from './xhtml.ts';

const WRAP = 78;

/**
 * Chapter HTML as htmlparser2 (html-blocks.ts) reads it the way a browser would. HTML in the current
 * sanitizer's shape is already well nested, so it is read as it is; older, looser HTML goes through parse5
 * first, which was most of a text download's cost (bench/README.md).
 */
function wellNested(html: string): string {
  return sanitizedHtmlToXhtml(html) === null ? normalizeHtmlFragment(html) : html;
}

export function workToText(work: WorkView, options: ExportOptions): string {
  const header: string[] = [];
  const field = (label: string, value: string) => {
    const line = oneLine(value);
    if (line) header.push(`${label}: ${line}`);
  };
  field('Title', workTitle(work));
  field('Author', creatorNames(work).join(', '));
  // AO3's order puts the fandom first in a text header; the rest follow the preface's order.
  const rows = tagRows(work);
  const byLabel = (label: string) => rows.find((row) => row.label === label);
  for (const row of [byLabel('Fandom'), ...rows.filter((row) => row.label !== 'Fandom')]) {
    if (row) field(row.label, row.tags.map((tag) => tag.name).join(', '));
  }
  field('Language', languageName(work));
  for (const line of seriesLines(work)) field('Series', line);
  field('Published', publishedDay(work));
  field('Updated', updatedDay(work));
  field('Words', work.words.toLocaleString('en-US'));
  field('Chapters', chapterStat(work));
  // `Source` is the label text readers take an address from; AO3 says "Posted originally on".
  field('Source', workUrl(work, options));
  header.push(...wrappedField('Summary', work.summary), ...wrappedField('Notes', work.notes));

  const parts: string[] = [header.join('\n')];
  for (const chapter of work.chapters) {
    parts.push(oneLine(chapterHeading(chapter.position, chapter.title)));
    parts.push(...authorNotes(chapter.notes));
    const text = blocksToPlainText(htmlToBlocks(wellNested(chapter.html))).trim();
    if (text) parts.push(text);
    parts.push(...authorNotes(chapter.endNotes));
  }
  const endNotes = authorNotes(work.endNotes);
  if (endNotes.length > 0) parts.push('End Notes:', ...endNotes);
  return `${parts.join('\n\n')}\n`;
}

/** White space (line breaks included) squeezed to single spaces: one header value, one line. */
function oneLine(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

function authorNotes(text: string | null): string[] {
  return paragraphsOf(text).map((paragraph) => `A/N: ${paragraph}`);
}

/** `Summary: ...` wrapped at 78 columns, paragraphs run together: a header has no blank lines. */
function wrappedField(label: string, text: string | null): string[] {
  const words = paragraphsOf(text).join(' ').split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const lines: string[] = [];
  let line = `${label}:`;
  for (const word of words) {
    if (line.length + 1 + word.length > WRAP && line.length > label.length + 1) {
      lines.push(line);
      line = word;
    } else {
      line = `${line} ${word}`;
    }
  }
  lines.push(line);
  return lines;
}
