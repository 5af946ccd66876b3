import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matcherWords } from './words.ts';

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
