/**
 * What a work's chapters become in the archive, apart from the database so the import's workers, which make
 * it, load no database code: each chapter's stored HTML and plain text, and the story's text hash that tells
 * the same story in two formats.
 */
import { createHash } from 'node:crypto';
import type { StoredText } from '../db/stored-text.ts';
import type { Block, DraftChapter } from '../ingest/story.ts';
import { blocksToPlainText, escapeHtml } from '../ingest/text.ts';

/** A chapter ready to store: its sanitized HTML and plain text, made from its blocks where it was read. */
export interface ChapterInput {
  title: string | null;
  notes: string | null;
  endNotes: string | null;
  words: number;
  html: StoredText;
  text: StoredText;
}

/** A chapter's stored HTML and plain text, made from its blocks (as strings; an import sends them as bytes). */
export function toChapterInput(
  chapter: DraftChapter,
  text: string = blocksToPlainText(chapter.blocks),
): ChapterInput & { html: string; text: string } {
  const { title, notes, endNotes, words } = chapter;
  return {
    title,
    notes,
    endNotes,
    words,
    html: chapterHtml(chapter),
    text,
  };
}

/**
 * The hash of a story's normalized text: letters and digits only, lower case, so the same story saved as
 * `.txt` and as `.epub` hashes the same whatever the markup, spacing and punctuation.
 */
export function hashStoryText(chapters: readonly DraftChapter[]): string {
  const hasher = new LettersAndDigitsHash();
  for (const chapter of chapters) {
    for (const block of chapter.blocks) {
      if (block.type === 'paragraph') hasher.add(block.text);
    }
  }
  return hasher.digest();
}

const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]+/gu;
/** What the hash keeps of each ASCII character: a letter in lower case, a digit, or 0 for nothing. */
const ASCII_KEPT = new Uint8Array(128);
for (let code = 0; code < 128; code++) {
  const char = String.fromCharCode(code);
  if (/[a-z0-9]/.test(char)) ASCII_KEPT[code] = code;
  else if (/[A-Z]/.test(char)) ASCII_KEPT[code] = code + 32;
}
/** 1 for the ASCII characters the hash keeps, else 0. */
const ASCII_STEP = ASCII_KEPT.map((kept) => (kept === 0 ? 0 : 1));
const HASH_BUFFER = 64 * 1024;

/**
 * A SHA-256 of texts' letters and digits, NFKC-normalized and lower case, nothing else. ASCII text (most
 * paragraphs) is filtered by a loop into a byte buffer that is hashed when full: for ASCII, NFKC changes
 * nothing and lower case is one addition, and a regular expression that takes out every space and comma
 * builds a new string piece by piece and costs about five times as much. A paragraph with anything else
 * goes through normalization and the Unicode property class.
 */
class LettersAndDigitsHash {
  private readonly hash = createHash('sha256');
  private readonly buffer = new Uint8Array(HASH_BUFFER);
  private length = 0;

  add(text: string): void {
    // A paragraph is hashed whole one way or the other, so none straddles a flush; one longer than the
    // buffer takes the long way.
    if (text.length > HASH_BUFFER) {
      this.addAny(text);
      return;
    }
    if (this.length + text.length > HASH_BUFFER) this.flush();
    const start = this.length;
    const buffer = this.buffer;
    let length = start;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code >= 0x80) {
        // General Punctuation (curly quotes, dashes, ellipses, spaces) holds no letter or digit, nor anything
        // NFKC makes one or joins to the character before (a test tries each): dropped as ASCII punctuation
        // is, so a paragraph with a `’` in it no longer takes the long way.
        if (code >= 0x2000 && code <= 0x206f) continue;
        this.length = start;
        this.addAny(text);
        return;
      }
      // Without a branch (a space every few letters is one the processor cannot guess): every character is
      // written, and the end moves past the kept ones only. The buffer has room (see the flush above).
      buffer[length] = ASCII_KEPT[code] as number;
      length += ASCII_STEP[code] as number;
    }
    this.length = length;
  }

  private addAny(text: string): void {
    this.flush();
    this.hash.update(text.normalize('NFKC').toLowerCase().replace(NOT_LETTER_OR_DIGIT, ''));
  }

  digest(): string {
    this.flush();
    return this.hash.digest('hex');
  }

  private flush(): void {
    if (this.length > 0) this.hash.update(this.buffer.subarray(0, this.length));
    this.length = 0;
  }
}

/** A chapter's sanitized HTML: its blocks' inline HTML in paragraphs, scene breaks as `<hr>`. */
export function chapterHtml(chapter: DraftChapter): string {
  return blocksHtml(chapter.blocks);
}

/** Blocks as stored HTML (chapter bodies, bookmark notes): paragraphs, headings, scene breaks. */
export function blocksHtml(blocks: readonly Block[]): string {
  const parts: string[] = [];
  for (const block of blocks) {
    if (block.type === 'paragraph') parts.push(`<p>${block.html}</p>`);
    else if (block.type === 'heading') parts.push(`<h3>${escapeHtml(block.text)}</h3>`);
    else parts.push('<hr>');
  }
  return parts.join('\n');
}
