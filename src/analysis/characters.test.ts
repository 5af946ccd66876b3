import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findMentions, matcherWords } from './characters.ts';
import { loadKnowledge } from './packs/pack.loader.ts';

/** The word rule as a regular expression: what the hand-written scanner must agree with. */
function referenceWords(text: string): { start: number; end: number; lower: string }[] {
  const words: { start: number; end: number; lower: string }[] = [];
  for (const match of text.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)) {
    let word = match[0];
    if (word.endsWith("'s") || word.endsWith('’s')) word = word.slice(0, -2);
    else if (word.endsWith("'") || word.endsWith('’') || word.endsWith('-')) word = word.slice(0, -1);
    words.push({
      start: match.index,
      end: match.index + word.length,
      lower: word.toLowerCase().replace(/’/g, "'"),
    });
  }
  return words;
}

describe('matcherWords', () => {
  it('drops possessives and a trailing apostrophe or hyphen, straightens curly apostrophes', () => {
    expect(
      matcherWords("Willow's and James' x-ray O’Neill’s well- WILLOW'S").map((word) => word.lower),
    ).toEqual(['willow', 'and', 'james', 'x-ray', "o'neill", 'well', "willow's"]);
  });

  it('reads letters beyond ASCII and outside the basic plane, and skips lone surrogates', () => {
    expect(matcherWords('Ἀθηνᾶ 𝔸lice \ud800x Ünal').map((word) => word.lower)).toEqual([
      'ἀθηνᾶ',
      '𝔸lice',
      'x',
      'ünal',
    ]);
  });

  it('splits any text as the regular expression does', () => {
    const piece = fc.constantFrom(
      'Willow',
      "'s",
      '’s',
      "'",
      '’',
      '-',
      ' ',
      '.',
      '"',
      '\n',
      'É',
      'ΣΑΣ',
      '𝔸',
      '\ud800',
      '\udc00',
      '3',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = pieces.join('');
        expect(matcherWords(text)).toEqual(referenceWords(text));
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        expect(matcherWords(text)).toEqual(referenceWords(text));
      }),
    );
  });
});

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
