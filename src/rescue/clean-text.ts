/**
 * Old archives' text made clean: encodings repaired, eFiction's line-break conventions and HTML turned into
 * paragraphs through the import's allowlist walk, e-mail addresses masked (and listed for a person to
 * review), the old site's navigation left out.
 */
import { normalizeNewlines, repairMojibake } from '../ingest/encoding.ts';
import { htmlToBlocks, htmlToText } from '../ingest/html-blocks.ts';
import type { Block, DraftChapter } from '../ingest/story.ts';
import { countWords } from '../ingest/text.ts';

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
/** What a masked address reads as: a reader sees something was there. */
export const MASKED_EMAIL = '[e-mail address removed]';

/** Addresses found while cleaning, for the report. */
export type EmailLog = (address: string) => void;

/** Mask every e-mail address in a text, telling `found` each one. */
export function maskEmails(text: string, found: EmailLog): string {
  if (!text.includes('@')) return text;
  return text.replace(EMAIL, (address) => {
    found(address);
    return MASKED_EMAIL;
  });
}

/** eFiction (and many other old scripts) kept text with newlines and showed it through nl2br. */
const BLOCK_MARKUP = /<(?:p|br|div|blockquote|h[1-6]|hr|table|ul|ol)\b/i;

/** An old archive's chapter body as HTML paragraphs. */
export function legacyBodyToHtml(body: string): string {
  const text = normalizeNewlines(repairMojibake(body)).replaceAll(String.fromCharCode(0), '');
  if (BLOCK_MARKUP.test(text)) {
    // HTML whose line breaks are themselves the paragraph breaks (nl2br on top of markup): keep the markup
    // and make blank lines between runs of text paragraph breaks too.
    return text.includes('\n\n') && !/<p\b/i.test(text) ? text.replace(/\n\s*\n/g, '<br><br>') : text;
  }
  const lines = text.split('\n');
  const paragraphs = text.includes('\n\n')
    ? text.split(/\n\s*\n/).map((paragraph) => paragraph.trim().split('\n').join('<br>'))
    : lines.map((line) => line.trim());
  return paragraphs
    .filter((paragraph) => paragraph !== '')
    .map((paragraph) => `<p>${paragraph}</p>`)
    .join('\n');
}

/** Short lines that are the old site's navigation, not the story. */
const NAVIGATION = [
  /^[<«[(]*\s*(?:back|return|go back)\s+to\s+(?:the\s+)?(?:index|top|story|stories|chapters?|chapter list|contents|main page|main|archive|home|author(?:'s)?(?: page)?|series)\b.{0,30}$/i,
  /^[<«[(]*\s*(?:previous|prev|next)(?:\s+(?:chapter|part|story|page))?\s*[>»\])]*\s*(?:[|/-].*)?$/i,
  /^(?:index|home|archive|contents|table of contents)\s*[|/-]\s*.{0,60}$/i,
  /^(?:table of contents|chapter index|story index)$/i,
];

function isNavigation(block: Block): boolean {
  if (block.type !== 'paragraph' || block.text.length > 80) return false;
  const text = block.text.trim();
  return NAVIGATION.some((pattern) => pattern.test(text));
}

/** Drop navigation from the first and last few blocks: where an old page put its links. */
function withoutNavigation(blocks: Block[]): Block[] {
  const edge = 3;
  return blocks.filter(
    (block, index) => !((index < edge || index >= blocks.length - edge) && isNavigation(block)),
  );
}

/** Plain text (summaries, notes) from an old archive's HTML or text, addresses masked. */
export function legacyPlainText(value: string | null, found: EmailLog): string | null {
  if (!value) return null;
  const repaired = normalizeNewlines(repairMojibake(value));
  const plain = /<[a-z/][^>]*>|&[a-z#0-9]+;/i.test(repaired)
    ? htmlToText(repaired.replace(/\n/g, '<br>'))
    : repaired;
  const text = maskEmails(plain.trim(), found);
  return text || null;
}

/** A chapter of an old archive ready to store: clean blocks, word count, notes as plain text. */
export function legacyChapter(
  chapter: { title: string | null; notes: string | null; endNotes: string | null; body: string },
  found: EmailLog,
): DraftChapter {
  const html = maskEmails(legacyBodyToHtml(chapter.body), found);
  const blocks = withoutNavigation(htmlToBlocks(html));
  let words = 0;
  for (const block of blocks) if (block.type === 'paragraph') words += countWords(block.text);
  return {
    title: chapter.title ? repairMojibake(chapter.title).trim() || null : null,
    notes: legacyPlainText(chapter.notes, found),
    endNotes: legacyPlainText(chapter.endNotes, found),
    blocks,
    words,
  };
}
