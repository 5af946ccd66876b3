/**
 * Text a member types, made safe: chapter bodies go through the same allowlist walk as imported HTML
 * (`htmlToBlocks`); Markdown is made HTML first (`markdownToHtml`), plain text is paragraphs at blank lines. Summaries
 * and notes are kept as plain text, as the importer keeps them.
 */
import { AppError } from '../../errors.ts';
import { htmlToBlocks } from '../../ingest/html-blocks.ts';
import { markdownToHtml } from '../../ingest/markdown-html.ts';
import type { Block, DraftChapter } from '../../ingest/story.ts';
import { blocksToPlainText, countWords, escapeHtml } from '../../ingest/text.ts';
import type { ChapterForm, TextFormat } from './work-form.schema.ts';

/** The blocks of a text as a member typed it. */
export function textToBlocks(text: string, format: TextFormat, field: string): Block[] {
  return htmlToBlocks(toHtml(text, format, field));
}

function toHtml(text: string, format: TextFormat, field: string): string {
  if (format === 'markdown') return markdownToHtml(text, field);
  if (format === 'text') {
    return text
      .replace(/\r\n?/g, '\n')
      .split(/\n\s*\n/)
      .map((paragraph) => `<p>${escapeHtml(paragraph.trim()).replace(/\n/g, '<br>')}</p>`)
      .join('\n');
  }
  return text;
}

/** A summary or notes as stored: plain text, blank lines between paragraphs; null when empty. */
export function textToPlain(text: string | undefined, format: TextFormat, field: string): string | null {
  if (!text?.trim()) return null;
  const plain = blocksToPlainText(textToBlocks(text, format, field)).trim();
  return plain === '' ? null : plain;
}

/** A chapter as typed, ready to store; a body with no text left after cleaning is refused by name. */
export function toDraftChapter(form: ChapterForm, field: string): DraftChapter {
  const blocks = textToBlocks(form.body, form.format, `${field}.body`);
  const text = blocksToPlainText(blocks);
  const words = countWords(text);
  if (!blocks.some((block) => block.type === 'paragraph' && block.text.trim() !== ''))
    throw new AppError('INVALID_INPUT', `${field}.body: the chapter has no text once its markup is cleaned`);
  return {
    title: form.title?.trim() || null,
    notes: textToPlain(form.notes, form.format, `${field}.notes`),
    endNotes: textToPlain(form.endNotes, form.format, `${field}.endNotes`),
    blocks,
    words,
  };
}

/**
 * Notes a reader writes (a bookmark's): HTML through the story allowlist, a plain text's blank lines kept as
 * paragraphs; null when nothing is left.
 */
export function notesToBlocks(text: string | undefined): Block[] | null {
  if (!text?.trim()) return null;
  let blocks: Block[];
  if (!/<[a-z!/]/i.test(text)) blocks = textToBlocks(text, 'text', 'notes');
  else if (/<p[\s>]/i.test(text)) blocks = textToBlocks(text, 'html', 'notes');
  // HTML without paragraphs: blank lines still part them, as AO3 adds paragraphs to what people type.
  else blocks = textToBlocks(`<p>${text.split(/\r?\n\s*\r?\n/).join('</p><p>')}</p>`, 'html', 'notes');
  return blocks.some((block) => block.type !== 'paragraph' || block.text.trim() !== '') ? blocks : null;
}
