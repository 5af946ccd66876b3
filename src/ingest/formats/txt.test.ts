import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../errors.ts';
import type { Block } from '../story.ts';
import { structureStory } from '../structure.ts';
import { textToBlocks, txtFormat } from './txt.ts';

const fixtureText = (name: string) => readFileSync(`test/fixtures/txt/${name}`, 'utf8');
const texts = (blocks: Block[]) => blocks.map((block) => (block.type === 'break' ? '<break>' : block.text));
const LONG =
  'The rain came down on Sunnydale all that week, steady and grey and cold, and nobody said a word.';

describe('paragraphs', () => {
  it('keeps one paragraph per line when lines are paragraphs, with or without blank lines between', () => {
    const lines = [`${LONG} One.`, '"Hi," she said.', `${LONG} Two.`];
    expect(texts(textToBlocks(lines.join('\n')))).toEqual(lines);
    expect(texts(textToBlocks(lines.join('\n\n')))).toEqual(lines);
  });

  it('joins lines hard-wrapped at 72 columns, splitting paragraphs on indents and blank lines', () => {
    const blocks = texts(textToBlocks(fixtureText('hard-wrapped.txt')));
    expect(blocks).toHaveLength(3);
    expect(blocks[0]).toMatch(/^The rain came down .* nothing to say that would not sound like an omen\.$/);
    expect(blocks[1]).toMatch(/^Willow made tea\. .* she did not ask him about it again\.$/);
    expect(blocks[2]).toMatch(/^On Friday the rain stopped\. .* as if nothing had happened at all\.$/);
    expect(blocks.join(' ')).not.toContain('\n');
  });

  it('joins hard-wrapped lines split only by blank lines', () => {
    const wrapped = [
      'The rain came down on Sunnydale all that week, steady and grey and cold,',
      'and nobody in the library said much about it at all that week or the',
      'next.',
      '',
      'Willow made tea. Giles drank it without tasting it, which was how she',
      'knew how worried he was, and she did not ask him about it again that',
      'night.',
    ].join('\n');
    expect(texts(textToBlocks(wrapped))).toEqual([
      'The rain came down on Sunnydale all that week, steady and grey and cold, and nobody in the library said much about it at all that week or the next.',
      'Willow made tea. Giles drank it without tasting it, which was how she knew how worried he was, and she did not ask him about it again that night.',
    ]);
  });

  it('keeps header lines on their own lines and the story after them apart, with no blank line between', () => {
    const blocks = texts(textToBlocks(fixtureText('one-per-line.txt')));
    expect(blocks[0]).toBe('Title: Long Lines\nAuthor: nightowl\nSummary: Willow waits out the rain.');
    expect(blocks.slice(1).map((text) => text.slice(0, 20))).toEqual([
      'The rain came down o',
      '"It\'s an omen," Xand',
      'Willow made tea, and',
    ]);
  });

  it('renders plain-text emphasis and escapes HTML', () => {
    const [block] = textToBlocks('She was *so* tired of _this_ & <that>.');
    expect(block).toEqual({
      type: 'paragraph',
      text: 'She was *so* tired of _this_ & <that>.',
      html: 'She was <em>so</em> tired of <em>this</em> &amp; &lt;that&gt;.',
    });
  });
});

describe('a .txt whose paragraphs are HTML', () => {
  const read = (text: string) => txtFormat.read(new TextEncoder().encode(text), 'chapter.txt');

  it('reads the HTML as HTML, and the header lines above it as text', async () => {
    const raw = await read(
      'Title: Patrol\nAuthor: nightowl\n\n<p>Buffy was <i>so</i> tired.</p>\n<p>Spike lit a cigarette.<br>Then another.</p>\n<p align="center">* * *</p>\n<p>Dawn.</p>',
    );
    const blocks = raw.chapters[0]?.blocks ?? [];
    expect(texts(blocks)).toEqual([
      'Title: Patrol\nAuthor: nightowl',
      'Buffy was so tired.',
      'Spike lit a cigarette.\nThen another.',
      '<break>',
      'Dawn.',
    ]);
    expect(blocks[1]).toMatchObject({ html: 'Buffy was <i>so</i> tired.' });
    expect(raw.notices).toContain('its paragraphs are HTML (<p>, <br>): read as HTML');
  });

  it('keeps a story that quotes a tag or two as text, escaped', async () => {
    const lines = Array.from({ length: 12 }, (_, index) => `Line ${index} of Willow's code.`);
    const raw = await read([...lines, 'She typed <p> and <br> and </p> into the page.'].join('\n\n'));
    const blocks = raw.chapters[0]?.blocks ?? [];
    expect(blocks).toHaveLength(13);
    expect(blocks[12]).toMatchObject({
      html: 'She typed &lt;p&gt; and &lt;br&gt; and &lt;/p&gt; into the page.',
    });
    expect(raw.notices).toEqual([]);
  });
});

describe('scene breaks', () => {
  const MARKS = ['***', '* * *', '~', '~~~', '-x-', 'oOo', 'xXx', '###', '___', '----', '====='];

  it.each(MARKS)('reads "%s" as one break, with or without blank lines around it', (mark) => {
    expect(texts(textToBlocks(`One.\n\n${mark}\n\nTwo.`))).toEqual(['One.', '<break>', 'Two.']);
    expect(texts(textToBlocks(`One.\n${mark}\nTwo.`))).toEqual(['One.', '<break>', 'Two.']);
  });

  it('keeps symbols around dialogue or a paragraph as text, not a break', () => {
    expect(texts(textToBlocks('One.\n\n~"Like this."~\n\n"..."\n\nTwo.'))).toEqual([
      'One.',
      '~"Like this."~',
      '"..."',
      'Two.',
    ]);
  });

  it('normalizes every break in a story to one break block', async () => {
    const draft = structureStory(
      await txtFormat.read(readFileSync('test/fixtures/txt/scene-breaks.txt'), 'scene-breaks.txt'),
    );
    const blocks = draft.chapters[0]?.blocks ?? [];
    expect(blocks.filter((block) => block.type === 'break')).toHaveLength(MARKS.length);
    expect(texts(blocks).join('|')).not.toContain('<break>|<break>');
    expect(texts(blocks)).toContain('~"Like this."~');
  });
});

describe('txtFormat.read', () => {
  it('gives the whole text as one chapter for the structurer to split', async () => {
    const raw = await txtFormat.read(new TextEncoder().encode('Title: T\n\nChapter 1\n\nHi.'), 't.txt');
    expect(raw).toMatchObject({ format: 'txt', chaptersGiven: false, fields: [], notices: [] });
    expect(raw.chapters).toHaveLength(1);
    expect(texts(raw.chapters[0]?.blocks ?? [])).toEqual(['Title: T', 'Chapter 1', 'Hi.']);
  });

  it.each([
    ['white space', ' \n\n\t \r\n'],
    ['symbols', '***\n\n~~~\n'],
  ])('refuses a file of only %s with NO_STORY_TEXT', async (_, text) => {
    await expect(txtFormat.read(new TextEncoder().encode(text), 'blank.txt')).rejects.toMatchObject({
      code: 'NO_STORY_TEXT',
    });
  });
});

describe('the plain-text path on arbitrary input', () => {
  /** txtFormat.read + structureStory: a draft whose words add up, or an AppError; never anything else. */
  const readsOrRefuses = async (bytes: Uint8Array) => {
    try {
      const draft = structureStory(await txtFormat.read(bytes, 'fuzz.txt'));
      expect(draft.words).toBe(draft.chapters.reduce((sum, chapter) => sum + chapter.words, 0));
      expect(draft.chapters.length).toBeGreaterThan(0);
    } catch (error) {
      if (!isAppError(error)) throw error;
    }
  };

  it('holds for arbitrary bytes', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 4000 }), readsOrRefuses), { numRuns: 300 });
  });

  it('holds for arbitrary unicode text encoded as UTF-8', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'grapheme', maxLength: 3000 }).map((text) => new TextEncoder().encode(text)),
        readsOrRefuses,
      ),
      { numRuns: 300 },
    );
  });

  it('holds for story-shaped text made of headers, headings, notes, breaks and trailers', async () => {
    const line = fc.oneof(
      fc.constantFrom(
        'Title: Salt',
        'Author: ann',
        'Summary: Willow goes',
        'Rating: M',
        'Warnings: none, blood',
        'Title Salt',
        'Author ann',
        'Salt by ann',
        'by ann',
        'Chapter 1',
        'Part Two - Home',
        'Prologue',
        'A/N: thanks',
        '(AN: more)',
        "Author's Notes:",
        'End Notes:',
        'TABLE OF CONTENTS',
        '    Home',
        '***',
        '~"Like this."~',
        'TBC',
        'The End',
        'End file.',
        'Disclaimer: not mine',
        '',
        '',
      ),
      fc.string({ maxLength: 120 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 60 }), (lines) =>
        readsOrRefuses(new TextEncoder().encode(lines.join('\n'))),
      ),
      { numRuns: 300 },
    );
  });
});
