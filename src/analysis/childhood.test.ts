import { describe, expect, it } from 'vitest';
import { buffyChapter } from '../../test/helpers.ts';
import { charactersPresentedAsChildren } from './childhood.ts';

const children = (text: string) => {
  const { texts, counts } = buffyChapter(text);
  return [...charactersPresentedAsChildren(texts, counts)].map((character) => character.name);
};

describe('charactersPresentedAsChildren', () => {
  it('finds an age under 18 stated beside the name', () => {
    expect(children('Giles found Dawn, nine years old, under the table.')).toEqual(['Dawn Summers']);
    expect(children('Giles watched the nine-year-old Dawn.')).toEqual(['Dawn Summers']);
    expect(children('Giles knew that Dawn was only twelve.')).toEqual(['Dawn Summers']);
  });

  it('does not take a number that is not an age, or an age in a memory', () => {
    expect(children('Buffy, one hand on the door, waited. Xander was two steps behind.')).toEqual([]);
    expect(children('She thought of the year when Buffy was sixteen.')).toEqual([]);
  });
});
