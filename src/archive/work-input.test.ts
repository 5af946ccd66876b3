import { describe, expect, it } from 'vitest';
import { readText } from '../../test/helpers.ts';
import { loadKnowledge } from '../analysis/packs/pack.loader.ts';
import { tagWork } from '../analysis/tag-work.ts';
import { toWorkInput } from './work-input.ts';

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
