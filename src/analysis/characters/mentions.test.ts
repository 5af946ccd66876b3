import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../packs/pack.loader.ts';
import { findMentions } from './mentions.ts';

describe('findMentions', () => {
  const knowledge = loadKnowledge([]);
  const mentionsIn = (text: string) =>
    findMentions([{ number: 1, text }], knowledge).map((mention) => ({
      said: text.slice(mention.start, mention.end),
      ambiguity: mention.alias.ambiguity,
      acts: mention.acts,
    }));

  it('reads a common-word alias after an honorific as a name, and only right after one', () => {
    expect(mentionsIn('Miss Chase smiled.')).toEqual([{ said: 'Chase', ambiguity: 'shared', acts: true }]);
    expect(mentionsIn('Mr. Chase smiled.')[0]?.ambiguity).toBe('shared');
    expect(mentionsIn('Chase, they said.')[0]?.ambiguity).toBe('common-word');
    expect(mentionsIn('Miss... Chase smiled.')[0]?.ambiguity).toBe('common-word');
  });

  it('finds the longest alias by the word after the first, and a one-word alias where none follows', () => {
    // `the` starts thirty aliases; `Mike` both `Mike Stamford` and `Mike`.
    expect(mentionsIn('Then the Slayer came. The Potions Master sneered.').map((m) => m.said)).toEqual([
      'the Slayer',
      'The Potions Master',
    ]);
    expect(mentionsIn('the slayers left. The.').map((m) => m.said)).toEqual([]);
    expect(mentionsIn('Mike Stamford waved, and Mike, Mike').map((m) => m.said)).toEqual([
      'Mike Stamford',
      'Mike',
      'Mike',
    ]);
    expect(mentionsIn('Mike, Stamford waved.').map((m) => m.said)).toEqual(['Mike', 'Stamford']);
  });

  it('makes no mention of a one-word name in lower case, which nothing counts, but keeps its words', () => {
    expect(mentionsIn('They gave chase at dawn.')).toEqual([]);
    expect(mentionsIn('willow found it. Willow found it.')).toEqual([
      { said: 'Willow', ambiguity: 'none', acts: true },
    ]);
  });

  it('sees a character act when a verb follows the name in narration, after any white space', () => {
    expect(mentionsIn('Willow found it.')[0]?.acts).toBe(true);
    expect(mentionsIn('Willow\u00a0found it.')[0]?.acts).toBe(true);
    expect(mentionsIn('Willow and Xander ran.')[0]?.acts).toBe(true);
    expect(mentionsIn('Willow, found it.')[0]?.acts).toBe(false);
    expect(mentionsIn('"Willow found it," he said.')[0]?.acts).toBe(false);
  });

  it('counts quotes per paragraph: speech left open does not run into the next one', () => {
    const inDialogue = (text: string) =>
      findMentions([{ number: 1, text }], knowledge).map((mention) => mention.inDialogue);
    expect(inDialogue('He said, "Wait, Xander.\n\nWillow found it. "Buffy?" she asked.')).toEqual([
      true,
      false,
      true,
    ]);
    expect(inDialogue('“Xander, look.\n\nWillow found it.')).toEqual([true, false]);
    expect(inDialogue('“Xander,” he said. “Willow.”')).toEqual([true, true]);
  });

  it('tells a name used to address someone in speech', () => {
    const vocative = (text: string) =>
      findMentions([{ number: 1, text }], knowledge).map((mention) => mention.vocative);
    expect(vocative('"Willow, wait!"')).toEqual([true]);
    expect(vocative('“Willow?” she asked.')).toEqual([true]);
    expect(vocative('"Thanks, Willow."')).toEqual([true]);
    expect(vocative('"Thanks, Willow," he said.')).toEqual([true]);
    expect(vocative('Willow, wait. He thanked Willow. "Willow found it."')).toEqual([false, false, false]);
  });
});
