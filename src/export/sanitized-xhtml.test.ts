import { describe, expect, it } from 'vitest';
import { htmlToBlocks } from '../ingest/html-blocks.ts';
import { blocksHtml } from '../repositories/work-text.ts';
import { sanitizedHtmlToXhtml } from './sanitized-xhtml.ts';
import { htmlToXhtmlDocument } from './xhtml.ts';

/** The parser's way, which decides what the XHTML must be. */
function parsedXhtml(html: string): string {
  const document = htmlToXhtmlDocument(`<html><body><div>${html}</div></body></html>`);
  const start = document.indexOf('<body><div>') + '<body><div>'.length;
  return document.slice(start, document.lastIndexOf('</div></body>'));
}

/** The quick way gives the parser's bytes, or leaves the fragment to the parser. */
function expectSameOrNull(html: string): string | null {
  const quick = sanitizedHtmlToXhtml(html);
  if (quick !== null) expect(quick, html).toBe(parsedXhtml(html));
  return quick;
}

describe('sanitizedHtmlToXhtml', () => {
  it("writes the sanitizer's HTML as the parser would, without one", () => {
    const stored = blocksHtml(
      htmlToBlocks(
        '<p>Tom &amp; "Jerry" &lt;3 &gt; x<br>next <i>line <b>bold</b></i> <strike>old</strike></p>' +
          '<h3>A heading</h3><p>* * *</p><p>Caf\u00e9 \u{1F600} &nbsp;no-break\u00a0and <sup>sup</sup></p>',
      ),
    );
    const xhtml = expectSameOrNull(stored);
    expect(xhtml).not.toBeNull();
    expect(xhtml).toContain('<s>old</s>');
    expect(xhtml).toContain('<br />');
    expect(xhtml).toContain('<hr />');
    expect(xhtml).toContain('Tom &amp; "Jerry" &lt;3 &gt; x');
  });

  it("leaves to the parser what is not in the sanitizer's shape", () => {
    for (const html of [
      '<p class="x">attribute</p>',
      '<p>unclosed',
      '<p><b>misnested</p></b>',
      '<b><p>block inside inline</p></b>',
      '<p><p>nested paragraph</p></p>',
      '<p>&nbsp;named entity</p>',
      '<p>&#39;numeric</p>',
      '<p>a < b</p>',
      '<p>a & b</p>',
      '<P>upper case</P>',
      '<div>not allowed</div>',
      '<script>x</script>',
      '<p>control \u0001 character</p>',
      '<p>lone \ud800 surrogate</p>',
      '<p>carriage\r\nreturn</p>',
      '</br>',
      '<p>x<hr></p>',
    ]) {
      expect(expectSameOrNull(html), html).toBeNull();
    }
  });

  it('matches the parser on every arrangement of a few tokens, or declines', () => {
    const tokens = [
      '<p>',
      '</p>',
      '<h3>',
      '</h3>',
      '<hr>',
      '<br>',
      '<i>',
      '</i>',
      '<b>',
      '</b>',
      '<strike>',
      '</strike>',
      'a',
      'amp;',
      'nbsp;',
      ' ',
      '\n',
      '&amp;',
      '&quot;',
      '&lt;',
      '&gt;',
      '>',
      '"',
      "'",
      '&',
      '<',
    ];
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    let taken = 0;
    for (let round = 0; round < 3000; round++) {
      let html = '';
      const length = 1 + Math.floor(random() * 10);
      for (let i = 0; i < length; i++) html += tokens[Math.floor(random() * tokens.length)];
      if (expectSameOrNull(html) !== null) taken++;
    }
    // Enough arrangements take the quick way for the comparison to mean something.
    expect(taken).toBeGreaterThan(300);
  });
});

describe('htmlToXhtmlDocument', () => {
  it('escapes every ampersand, so text that looks like an entity stays text', () => {
    const xhtml = htmlToXhtmlDocument(
      '<html><body><p title="&amp;copy; &quot;">&amp;nbsp; &amp;#38;</p></body></html>',
    );
    expect(xhtml).toContain('<p title="&amp;copy; &quot;">&amp;nbsp; &amp;#38;</p>');
  });

  it('leaves out what XML cannot hold: control characters, lone surrogates, namespace declarations', () => {
    const xhtml = htmlToXhtmlDocument(
      '<html xmlns="http://example.com/"><body><p xmlns:x="y" data-ok="1">a\u0001b\ud800c \u{1F600}</p><a:b>kept</a:b></body></html>',
    );
    expect(xhtml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml" ' +
        'xmlns:epub="http://www.idpf.org/2007/ops"><head></head><body><p data-ok="1">abc \u{1F600}</p>kept</body></html>',
    );
  });

  it('closes void elements and keeps epub: and xml: attributes', () => {
    const xhtml = htmlToXhtmlDocument(
      '<html lang="en" xml:lang="en"><head><link rel="stylesheet" href="s.css"></head><body><nav epub:type="toc"><br><span></span></nav></body></html>',
    );
    expect(xhtml).toContain(
      '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="en" xml:lang="en">',
    );
    expect(xhtml).toContain('<link rel="stylesheet" href="s.css" />');
    expect(xhtml).toContain('<nav epub:type="toc"><br /><span></span></nav>');
  });
});
