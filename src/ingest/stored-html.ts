/**
 * Stored chapter bodies on their way to a page. Apart from html-blocks.ts so that the import's workers, which
 * write the bodies, do not load sanitize-html.
 */
import sanitizeHtml from 'sanitize-html';
import { INLINE_TAGS, SANITIZER_VERSION } from './html-blocks.ts';

declare const sanitized: unique symbol;
/** HTML that has been through the sanitizer: the only HTML views may insert unescaped. */
export type SanitizedHtml = string & { readonly [sanitized]: true };
/** SanitizedHtml as its UTF-8 bytes. */
export type SanitizedBytes = Uint8Array & { readonly [sanitized]: true };

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
export function storedChapterHtml(html: string, sanitizerVersion: number): SanitizedHtml;
/** As a string or as its UTF-8 bytes, which stay bytes when trusted as they are. */
export function storedChapterHtml(
  html: string | Uint8Array,
  sanitizerVersion: number,
): SanitizedHtml | SanitizedBytes;
export function storedChapterHtml(
  html: string | Uint8Array,
  sanitizerVersion: number,
): SanitizedHtml | SanitizedBytes {
  if (sanitizerVersion === SANITIZER_VERSION) return html as SanitizedHtml | SanitizedBytes;
  const text = typeof html === 'string' ? html : new TextDecoder().decode(html);
  return sanitizeHtml(text, CHAPTER_ALLOWLIST) as SanitizedHtml;
}

/**
 * A stored comment body ready to show: sanitized on every reading, as comments are short and some came from
 * old archives' reviews, written by other hands than the comment form's.
 */
export function storedCommentHtml(html: string): SanitizedHtml {
  return sanitizeHtml(html, CHAPTER_ALLOWLIST) as SanitizedHtml;
}
