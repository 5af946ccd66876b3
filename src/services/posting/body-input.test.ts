import { describe, expect, it } from 'vitest';
import { isDangerousHtml, XSS_CORPUS } from '../../../test/xss-corpus.ts';
import { textToBlocks, textToPlain, toDraftChapter } from './body-input.ts';

const htmlOf = (text: string, format: 'html' | 'markdown' | 'text') =>
  textToBlocks(text, format, 'body')
    .map((block) => (block.type === 'paragraph' ? block.html : ''))
    .join('\n');

describe('text a member types', () => {
  it('is checked by a test that knows dangerous HTML when it sees it', () => {
    expect(isDangerousHtml('<p>ok <em>fine</em></p>')).toBe(false);
    expect(isDangerousHtml('&lt;img src=x onerror=alert(1)&gt;')).toBe(false);
    for (const html of ['<img src=x>', '<em onclick=x>', '<script>', '<a href="x">'])
      expect(isDangerousHtml(html), html).toBe(true);
  });

  it.each(XSS_CORPUS)('keeps no script, handler or URL of %s in any format', (hostile) => {
    for (const format of ['html', 'markdown', 'text'] as const) {
      const html = htmlOf(`Before.\n\n${hostile}\n\nAfter.`, format);
      expect(isDangerousHtml(html), `${format}: ${html}`).toBe(false);
    }
    // Plain text keeps every character, as text.
    expect(htmlOf(`${hostile}\n\nAfter.`, 'text')).toContain('After.');
  });

  it('keeps the inline markup the import keeps, from HTML and Markdown', () => {
    expect(htmlOf('<p>She <em>ran</em>, <strong>fast</strong>.</p><hr><p>Later.</p>', 'html')).toBe(
      'She <em>ran</em>, <strong>fast</strong>.\n\nLater.',
    );
    expect(htmlOf('She *ran*, **fast**.\n\n---\n\nLater.', 'markdown')).toBe(
      'She <em>ran</em>, <strong>fast</strong>.\n\nLater.',
    );
    expect(htmlOf('One <b>line</b>\nand the next.\n\nTwo.', 'text')).toBe(
      'One &lt;b&gt;line&lt;/b&gt;<br>and the next.\nTwo.',
    );
  });

  it('keeps summaries and notes as plain text paragraphs', () => {
    expect(textToPlain('<p>One <em>thing</em>.</p><p>Two.</p>', 'html', 'summary')).toBe(
      'One thing.\n\nTwo.',
    );
    expect(textToPlain('   ', 'markdown', 'summary')).toBeNull();
    expect(textToPlain('<script>alert(1)</script>', 'html', 'summary')).toBeNull();
  });

  it('refuses a chapter with no text once cleaned, naming it', () => {
    expect(() => toDraftChapter({ body: '<script>alert(1)</script>', format: 'html' }, 'chapters.0')).toThrow(
      'chapters.0.body: the chapter has no text once its markup is cleaned',
    );
    expect(toDraftChapter({ body: 'Three small words.', format: 'text', title: ' One ' }, 'x')).toMatchObject(
      {
        title: 'One',
        words: 3,
      },
    );
  });
});
