import * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { htmlToBlocks, INLINE_TAGS } from './html-blocks.ts';
import { MAX_HTML_DEPTH, parseHtml } from './html-parse.ts';

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

describe('htmlToBlocks on deep and unclosed markup', () => {
  it('carries an <i> left open over 3,000 paragraphs into each of them, as a browser shows it', () => {
    const blocks = htmlToBlocks('<p><i>Willow read on. '.repeat(3000));
    expect(blocks).toHaveLength(3000);
    expect(blocks[0]).toEqual({ type: 'paragraph', text: 'Willow read on.', html: '<i>Willow read on.</i>' });
    expect(blocks.every((block) => block.type === 'paragraph' && block.html.startsWith('<i>'))).toBe(true);
  });

  it('applies an inline element holding blocks to each block, and to the text before them', () => {
    expect(htmlToBlocks('Intro <b>start<p>one</p><p>two <em>more</em></p></b> after')).toEqual([
      { type: 'paragraph', text: 'Intro start', html: 'Intro <b>start</b>' },
      { type: 'paragraph', text: 'one', html: '<b>one</b>' },
      { type: 'paragraph', text: 'two more', html: '<b>two <em>more</em></b>' },
      { type: 'paragraph', text: 'after', html: 'after' },
    ]);
  });

  it.each([
    ['<div>', '</div>'],
    ['<b>', '</b>'],
    ['<span><i>', '</i></span>'],
  ])('reads text 100,000 levels of %s deep, keeping every word', (open, close) => {
    const depth = 100_000;
    const html = `${open.repeat(depth)}Buffy stood at the bottom.${close.repeat(depth)}<p>Then she climbed.</p>`;
    const text = htmlToBlocks(html)
      .map((block) => (block.type === 'paragraph' ? block.text : ''))
      .join(' ');
    expect(text).toBe('Buffy stood at the bottom. Then she climbed.');
  });

  it('keeps the parsed tree within MAX_HTML_DEPTH, however deep the markup and whatever closes it', () => {
    const html = `${'<div><svg><p>'.repeat(20_000)}deep${'</span></div>'.repeat(20_000)}tail`;
    const document = parseHtml(html);
    let deepest = 0;
    const stack: [AnyNode, number][] = [[document, 0]];
    while (stack.length > 0) {
      const [node, depth] = stack.pop() as [AnyNode, number];
      deepest = Math.max(deepest, depth);
      if ('children' in node) for (const child of node.children) stack.push([child, depth + 1]);
    }
    expect(deepest).toBeLessThanOrEqual(MAX_HTML_DEPTH + 1);
    expect(htmlToBlocks(html).map((block) => (block.type === 'paragraph' ? block.text : ''))).toContain(
      'tail',
    );
  });

  it.each([
    ['a stray <![CDATA[', '<p>Before <![CDATA[ stray </p><p>Second paragraph.</p>'],
    ['<style> inside <math>', '<p>Before <math><style>x</math></p><p>Second paragraph.</p>'],
    ['<title> inside <svg>', '<p>Before <svg><title>x</svg></p><p>Second paragraph.</p>'],
  ])('does not let %s swallow the rest', (_, html) => {
    expect(htmlToBlocks(html).at(-1)).toMatchObject({ text: 'Second paragraph.' });
  });
});
