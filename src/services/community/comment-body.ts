/**
 * A comment as typed, made safe: plain text or limited HTML, as AO3 takes it. Line breaks typed without
 * block markup become paragraphs and breaks; then the import's allowlist walk (`htmlToBlocks`) keeps the
 * inline HTML it allows (emphasis, strike, sub and superscript...) without attributes, and drops the rest.
 */
import { AppError } from '../../errors.ts';
import { htmlToBlocks } from '../../ingest/html-blocks.ts';
import { escapeHtml } from '../../ingest/text.ts';

/** AO3's limit on a comment. */
export const COMMENT_MAX_CHARS = 10_000;

const BLOCK_MARKUP = /<\s*(p|div|br|blockquote|h[1-6]|ul|ol|li|pre|table|hr)\b/i;

/** The stored HTML of a comment body; an empty, over-long or markup-only one is refused by name. */
export function commentHtml(typed: string): string {
  const text = typed.replace(/\r\n?/g, '\n').trim();
  if (text === '') throw new AppError('INVALID_INPUT', 'comment: write something before posting');
  if ([...text].length > COMMENT_MAX_CHARS)
    throw new AppError(
      'INVALID_INPUT',
      `comment: a comment has at most ${COMMENT_MAX_CHARS.toLocaleString('en')} characters (this one has ${[...text].length.toLocaleString('en')})`,
    );
  const html = BLOCK_MARKUP.test(text)
    ? text
    : text
        .split(/\n\s*\n/)
        .map((paragraph) => `<p>${paragraph.trim().replace(/\n/g, '<br>')}</p>`)
        .join('\n');
  const parts: string[] = [];
  for (const block of htmlToBlocks(html)) {
    if (block.type === 'paragraph') {
      if (block.text.trim() !== '') parts.push(`<p>${block.html}</p>`);
    } else if (block.type === 'heading') parts.push(`<p>${escapeHtml(block.text)}</p>`);
    else parts.push('<hr>');
  }
  if (parts.every((part) => part === '<hr>'))
    throw new AppError('INVALID_INPUT', 'comment: the comment has no text once its markup is cleaned');
  return parts.join('\n');
}
