import { describe, expect, it } from 'vitest';
import { depicted, sentenceAround } from './cue-context.ts';
import type { CueHit } from './passages.ts';

/** Whether the first `word` of `text`, taken as a cue, is told as happening now. */
function happens(text: string, word: string): boolean {
  const start = text.indexOf(word);
  const hit: CueHit = {
    kind: 'torture',
    weight: 3,
    chapter: 1,
    start,
    end: start + word.length,
    match: word,
  };
  return depicted([{ number: 1, text }], hit);
}

describe('a cue told as happening now', () => {
  it('takes plain narration', () => {
    expect(happens('They tortured him for hours.', 'tortured')).toBe(true);
    expect(happens('Dr. Jones tortured him for hours.', 'tortured')).toBe(true);
  });

  it('leaves out a negated one, as far as the negation reaches', () => {
    expect(happens("They didn't torture him.", 'torture')).toBe(false);
    expect(happens('They never tortured him.', 'tortured')).toBe(false);
    expect(happens("He didn't know why, but they tortured him.", 'tortured')).toBe(true);
    expect(happens('She never said a word as they tortured him.', 'tortured')).toBe(true);
  });

  it('leaves out a hypothetical, a memory, a fear and speech', () => {
    expect(happens('If they tortured him, he would talk.', 'tortured')).toBe(false);
    expect(happens('He remembered how they tortured him.', 'tortured')).toBe(false);
    expect(happens('He was beginning to worry about maggots.', 'maggots')).toBe(false);
    expect(happens('"They tortured him," she said.', 'tortured')).toBe(false);
  });

  it('leaves out how someone was last seen, not someone seen now', () => {
    expect(
      happens("He doesn't look the way she last saw him, bleeding out on the deck.", 'bleeding out'),
    ).toBe(false);
    expect(
      happens('When they were last seen, the guards were bleeding out by the gate.', 'bleeding out'),
    ).toBe(false);
    expect(happens('She saw him at last, bleeding out on the deck.', 'bleeding out')).toBe(true);
    expect(happens('At last she saw him bleeding out on the deck.', 'bleeding out')).toBe(true);
  });

  it('reads a sentence on past a title or an initial, not past its own end', () => {
    expect(happens('If Mr. Travers tortured him, Giles would talk.', 'tortured')).toBe(false);
    expect(happens('If Dr. J. Walsh tortured him, Riley would know.', 'tortured')).toBe(false);
    expect(happens('Giles would not say. They tortured him.', 'tortured')).toBe(true);
    expect(happens('He asked Al. They tortured him.', 'tortured')).toBe(true);
  });

  it('leaves out a verb in the past perfect, not a noun after `had`', () => {
    expect(happens('Jenny had kissed him.', 'kissed')).toBe(false);
    expect(happens("They'd once tortured him.", 'tortured')).toBe(false);
    expect(happens('He had blood all over his hands.', 'blood')).toBe(true);
  });

  it('reads an empty or odd text without throwing', () => {
    expect(sentenceAround('Mr.', 0, 3)).toEqual({ before: '', after: '' });
    expect(() => sentenceAround('A. B. C.', 3, 4)).not.toThrow();
    expect(() => happens('', '')).not.toThrow();
    expect(() => happens('\u0000\ufffd\u202e nie torturowali go', 'torturowali')).not.toThrow();
  });
});
