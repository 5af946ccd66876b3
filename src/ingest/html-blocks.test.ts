import * as cheerio from 'cheerio';
import type { Element } from 'domhandler';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { htmlToBlocks, INLINE_TAGS } from './html-blocks.ts';

const INLINE = new Set(INLINE_TAGS);

describe('htmlToBlocks', () => {
  it('keeps inline emphasis without attributes and escapes text', () => {
    expect(
      htmlToBlocks('<p class="x">Willow <em style="color:red">really</em> said &lt;3 &amp; left.</p>'),
    ).toEqual([
      {
        type: 'paragraph',
        text: 'Willow really said <3 & left.',
        html: 'Willow <em>really</em> said &lt;3 &amp; left.',
      },
    ]);
  });

  it('drops other tags but keeps their text, and splits paragraphs on a double <br> across them', () => {
    expect(
      htmlToBlocks('<div><span>Buffy ran.<br></span><br><font>Spike <a href="x">followed</a>.</font></div>'),
    ).toEqual([
      { type: 'paragraph', text: 'Buffy ran.', html: 'Buffy ran.' },
      { type: 'paragraph', text: 'Spike followed.', html: 'Spike followed.' },
    ]);
  });

  it('drops scripts, styles and navigation with their content, and comments', () => {
    expect(
      htmlToBlocks(
        '<p>Giles<script>alert(1)</script><style>p{}</style><!-- note --> cleaned.</p><nav>Home</nav>',
      ),
    ).toEqual([{ type: 'paragraph', text: 'Giles cleaned.', html: 'Giles cleaned.' }]);
  });

  it('keeps the words of a block inside an inline element, without the block tag', () => {
    expect(htmlToBlocks('<b><p>Dawn</p></b>')).toEqual([
      { type: 'paragraph', text: 'Dawn', html: '<b>Dawn</b>' },
    ]);
  });

  it('reads headings, scene breaks and single line breaks', () => {
    expect(
      htmlToBlocks('<h2>Part <i>One</i></h2><p>Tara sang,<br>softly.</p><hr><p>* * *</p><p>Then dawn.</p>'),
    ).toEqual([
      { type: 'heading', text: 'Part One' },
      { type: 'paragraph', text: 'Tara sang,\nsoftly.', html: 'Tara sang,<br>softly.' },
      { type: 'break' },
      { type: 'paragraph', text: 'Then dawn.', html: 'Then dawn.' },
    ]);
  });

  it('writes only allowlisted inline tags without attributes, whatever the input', () => {
    const tag = fc.constantFrom(
      'p',
      'b',
      'i',
      'span',
      'a',
      'img',
      'script',
      'svg',
      'div',
      'br',
      'em',
      'iframe',
    );
    const attribute = fc.constantFrom(
      '',
      ' onclick="x()"',
      ' href="javascript:alert(1)"',
      ' style="x"',
      ' src=x',
    );
    const piece = fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.tuple(tag, attribute).map(([name, attr]) => `<${name}${attr}>`),
      tag.map((name) => `</${name}>`),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        for (const block of htmlToBlocks(pieces.join(''))) {
          if (block.type !== 'paragraph') continue;
          const $ = cheerio.load(block.html, { xml: { xmlMode: false, decodeEntities: true } }, false);
          for (const element of $('*').toArray() as Element[]) {
            expect(INLINE.has(element.name)).toBe(true);
            expect(Object.keys(element.attribs)).toEqual([]);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
