import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readText } from '../../test/helpers.ts';
import { loadKnowledge } from '../analysis/packs/pack.loader.ts';
import { tagWork } from '../analysis/tag-work.ts';
import type { DraftChapter } from '../ingest/story.ts';
import { toWorkInput } from './work-input.ts';
import { hashStoryText } from './work-text.ts';

const knowledge = loadKnowledge();
const input = async (text: string) =>
  toWorkInput(tagWork(await readText(text), knowledge), knowledge, '2026-01-01T00:00:00Z');

describe('what is stored for a work', () => {
  it("takes the planned chapters from AO3's stats line as well as a Chapters line", async () => {
    const stats = await input(
      'Title: Plans\nFandom: Sherlock (TV)\nStats: Published: 2020-01-01 Words: 30 Chapters: 2/5\n\nChapter 1\n\nJohn waited.\n\nChapter 2\n\nSherlock came back.',
    );
    expect(stats.chaptersPlanned).toBe(5);
    expect(stats.complete).toBe(false);
    const line = await input('Title: Plans\nChapters: 1/3\n\nJohn waited for Sherlock.');
    expect(line.chaptersPlanned).toBe(3);
  });

  it('keeps a series title as written, leading "The" included', async () => {
    const work = await input('Title: Two\nSeries: Part 2 of The Long Road\n\nBuffy walked on.');
    expect(work.series).toEqual([{ title: 'The Long Road', index: 2 }]);
  });
});

describe('the story-text hash that finds the same story in two files', () => {
  // The definition: letters and digits only, NFKC, lower case. The fast path must give the same hash.
  const reference = (paragraphs: string[]) => {
    const hash = createHash('sha256');
    for (const text of paragraphs)
      hash.update(
        text
          .normalize('NFKC')
          .toLowerCase()
          .replace(/[^\p{L}\p{N}]+/gu, ''),
      );
    return hash.digest('hex');
  };
  const chapterOf = (paragraphs: string[]): DraftChapter =>
    ({
      blocks: paragraphs.map((text) => ({ type: 'paragraph', text, html: text })),
    }) as unknown as DraftChapter;

  it('is the hash of the letters and digits, for ASCII and for any other text', () => {
    const pieces = fc.constantFrom(
      'Buffy',
      'SPIKE',
      ' ',
      ', ',
      '—',
      '“',
      '’',
      '…',
      '\u2009',
      'é',
      'ﬁ',
      'e\u0301',
      '™',
      '①',
      '日本',
      'Ω',
      '\n',
      '42',
      '_',
      '~',
    );
    const paragraph = fc.oneof(
      fc.string(),
      fc.array(pieces).map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(fc.array(paragraph, { maxLength: 6 }), (paragraphs) => {
        expect(hashStoryText([chapterOf(paragraphs)])).toBe(reference(paragraphs));
      }),
    );
  });

  it('is the hash of the letters and digits across paragraphs longer than its buffer of 64 KiB', () => {
    // Lengths either side of the buffer, so paragraphs fill it, straddle its end and overflow it.
    const long = fc
      .tuple(fc.integer({ min: 20_000, max: 70_000 }), fc.constantFrom('Ab1 ', 'é ', 'e\u0301'))
      .map(([length, tail]) => `${'Xy, '.repeat(length / 4)}${tail}`);
    fc.assert(
      fc.property(fc.array(long, { minLength: 1, maxLength: 4 }), (paragraphs) => {
        expect(hashStoryText([chapterOf(paragraphs)])).toBe(reference(paragraphs));
      }),
      { numRuns: 30 },
    );
  });

  it('drops every character of General Punctuation as the long way does', () => {
    for (let code = 0x2000; code <= 0x206f; code++) {
      const paragraphs = [`Spike${String.fromCharCode(code)}s 2 Buffy’s`];
      expect(hashStoryText([chapterOf(paragraphs)])).toBe(reference(paragraphs));
    }
  });

  it('is the same whatever the punctuation, spacing and case', () => {
    expect(hashStoryText([chapterOf(['Buffy said, "No."', 'Spike  left!'])])).toBe(
      hashStoryText([chapterOf(['buffy said no', 'SPIKE—LEFT'])]),
    );
    expect(hashStoryText([chapterOf(['Buffy said no'])])).not.toBe(
      hashStoryText([chapterOf(['Buffy said yes'])]),
    );
  });
});
