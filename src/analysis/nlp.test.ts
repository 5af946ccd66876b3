import { describe, expect, it } from 'vitest';
import { negatedAt, partOfSpeechAt, readCueSentence } from './nlp.ts';

/** The model's reading of the first occurrence of `word` in `text`. */
const at = (text: string, word: string) => {
  const start = text.indexOf(word);
  return { start, end: start + word.length };
};
const negated = (text: string, word: string) => {
  const { start, end } = at(text, word);
  return negatedAt(text, start, end);
};
const sentence = (text: string, word: string) => {
  const { start, end } = at(text, word);
  const read = readCueSentence(text, start, end);
  return text.slice(read.start, read.end);
};

describe('the sentence around a cue, as the model reads it', () => {
  it('does not end a sentence at a title or an abbreviation', () => {
    expect(sentence('Dr. Jones kissed Mrs. Smith at 3 p.m. and left.', 'kissed')).toBe(
      'Dr. Jones kissed Mrs. Smith at 3 p.m. and left.',
    );
  });

  it('ends one at a full stop before a capital, and at a paragraph break', () => {
    expect(sentence('She looked up. He kissed her. They left.', 'kissed')).toBe('He kissed her.');
    expect(sentence('She looked up and\nhe kissed her', 'kissed')).toBe('he kissed her');
  });

  it('gives offsets in the text it was given, far into a long one', () => {
    const text = `${'The rain fell on the roof all night. '.repeat(2000)}He didn't kill her. The end.`;
    const { start, end } = at(text, 'kill');
    const read = readCueSentence(text, start, end);
    expect(text.slice(read.start, read.end)).toBe("He didn't kill her.");
    expect(read.words[read.cue]?.text).toBe('kill');
  });
});

describe('negation scope', () => {
  it('reads the verb a negation governs as negated', () => {
    expect(negated("He didn't kill her.", 'kill')).toBe(true);
    expect(negated('He didn’t kill her.', 'kill')).toBe(true);
    expect(negated('He did not kiss her again.', 'kiss')).toBe(true);
  });

  it('ends the scope where the clause ends', () => {
    expect(negated("He didn't know why, but she kissed him.", 'kissed')).toBe(false);
    expect(negated('Not long after, he kissed her.', 'kissed')).toBe(false);
    expect(negated('She never said a word as they tortured him.', 'tortured')).toBe(false);
    expect(negated('He killed her.', 'killed')).toBe(false);
  });
});

describe('parts of speech', () => {
  it('tells a body part named from a verb', () => {
    expect(partOfSpeechAt('She stroked his cock.', 15, 19)).toBe('NOUN');
    expect(partOfSpeechAt('He cocked the gun.', 3, 9)).toBe('VERB');
  });
});

describe('bad input', () => {
  it('reads an empty text, a span past its end, non-English text and odd Unicode without throwing', () => {
    expect(readCueSentence('', 0, 0).words).toEqual([]);
    expect(negatedAt('', 0, 0)).toBe(false);
    expect(partOfSpeechAt('He ran.', 50, 60)).toBe('');
    expect(negated('Он не убил её.', 'убил')).toBe(false);
    expect(negated("😀 He didn't kill 😀 her.", 'kill')).toBe(true);
    const odd = 'He\u200b didn\u0301t \u0000kill\ufffd her \u202e.';
    expect(() => negatedAt(odd, odd.indexOf('kill'), odd.indexOf('kill') + 4)).not.toThrow();
    expect(() => readCueSentence('x'.repeat(100_000), 50_000, 50_001)).not.toThrow();
  });
});
