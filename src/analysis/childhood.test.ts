import { describe, expect, it } from 'vitest';
import { findMentions } from './characters/mentions.ts';
import { resolveMentions } from './characters/resolve.ts';
import { charactersPresentedAsChildren } from './childhood.ts';
import { loadKnowledge } from './packs/pack.loader.ts';

const knowledge = loadKnowledge();
const children = (text: string) => {
  const texts = [{ number: 1, text }];
  const counts = resolveMentions(findMentions(texts, knowledge), {
    fandoms: new Set(['Buffy the Vampire Slayer']),
    chapterCount: 1,
  });
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
