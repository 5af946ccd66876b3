import { describe, expect, it } from 'vitest';
import { SANITIZER_VERSION } from './html-blocks.ts';
import { storedChapterHtml } from './stored-html.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('stored chapter bodies', () => {
  it('trusts what the current sanitizer wrote, as a string or as its bytes', () => {
    const html = '<p>Café “tea” 😀</p>';
    expect(storedChapterHtml(html, SANITIZER_VERSION)).toBe(html);
    const body = bytes(html);
    // The same bytes, never decoded.
    expect(storedChapterHtml(body, SANITIZER_VERSION)).toBe(body);
  });

  it("sanitizes an older allowlist's body again, given as bytes too", () => {
    const old = '<p onclick="steal()">naïve <script>alert(1)</script><a href="javascript:x">link</a></p>';
    const cleaned = storedChapterHtml(old, SANITIZER_VERSION - 1);
    expect(cleaned).toBe('<p>naïve link</p>');
    expect(storedChapterHtml(bytes(old), SANITIZER_VERSION - 1)).toBe(cleaned);
    // Bytes that are not UTF-8 are read as replacement characters, never passed through.
    expect(storedChapterHtml(new Uint8Array([0x3c, 0x70, 0x3e, 0xff, 0x3c, 0x2f, 0x70, 0x3e]), 0)).toBe(
      '<p>\ufffd</p>',
    );
  });
});
