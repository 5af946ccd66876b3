import { describe, expect, it } from 'vitest';
import { analysisWindow } from './analysis-window.ts';

const chapters = (...texts: string[]) => texts.map((text, index) => ({ number: index + 1, text }));

describe('the part of a story the analysis reads', () => {
  it('is the whole story when it fits, with no note', () => {
    const texts = chapters('Willow read.', 'Tara sang.');
    const window = analysisWindow(texts, 100);
    expect(window.texts).toBe(texts);
    expect(window.note).toBeNull();
  });

  it('cuts a longer story at the last paragraph before the limit and empties the chapters after it', () => {
    const texts = chapters('Buffy ran.\n\nSpike ran.', 'Giles sighed.\n\nXander ate.', 'Dawn slept.');
    const window = analysisWindow(texts, 38);
    expect(window.texts).toEqual([
      { number: 1, text: 'Buffy ran.\n\nSpike ran.' },
      { number: 2, text: 'Giles sighed.' },
      { number: 3, text: '' },
    ]);
    expect(window.note?.message).toMatch(/first \d+% \(to chapter 2 of 3\)/);
  });

  it('cuts a story of one long line at a word, never inside one', () => {
    const window = analysisWindow(chapters('Buffy ran and Spike ran and Willow ran.'), 20);
    expect(window.texts[0]?.text).toBe('Buffy ran and Spike');
    expect(window.note?.message).toContain('to chapter 1 of 1');
  });

  it('cuts at the limit when the text has no space to cut at', () => {
    expect(analysisWindow(chapters('x'.repeat(50)), 20).texts[0]?.text).toHaveLength(20);
  });
});
