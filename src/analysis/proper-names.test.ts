import { describe, expect, it } from 'vitest';
import { frequentNames } from './proper-names.ts';

const namesIn = (...texts: string[]) =>
  [...frequentNames(texts.map((text, index) => ({ number: index + 1, text })))].map(([name]) => name);

describe('frequentNames', () => {
  it('counts names capitalized mid-sentence, less those the story also writes in lower case', () => {
    expect(namesIn('and Will ran, and Will hid, and Rose sat, and Rose left.')).toEqual(['Will', 'Rose']);
    expect(namesIn('and Will ran, and Will hid, and Rose sat, and Rose left.', 'I will go.')).toEqual([
      'Rose',
    ]);
    expect(namesIn('and Will ran, and Will hid. will')).toEqual([]);
  });

  it('takes a lower-case use only as a whole word, not inside another or after an apostrophe', () => {
    const named = 'and Will ran, and Will hid.';
    for (const text of ['willing', 'goodwill', "o'will", 'o’will', 'éwill', 'willé'])
      expect(namesIn(named, text)).toEqual(['Will']);
    for (const text of ['2will', 'will-o', 'well-will', '"will"', "will's", 'Xwill will'])
      expect(namesIn(named, text)).toEqual([]);
  });

  it('compares names outside ASCII and with apostrophes and hyphens as written', () => {
    expect(namesIn('and Élise ran, and Élise hid. élise')).toEqual([]);
    expect(namesIn('and Élise ran, and Élise hid. elise')).toEqual(['Élise']);
    expect(namesIn('and Anne-marie ran, and Anne-marie hid. anne-marie')).toEqual([]);
    expect(namesIn("and I'm here, and I'm there. i'm")).toEqual([]);
    expect(namesIn("and I'm here, and I'm there.")).toEqual(["I'm"]);
  });

  it('finds lower-case uses the same way in a story of many names, read in one pass', () => {
    const cast = ['Will', 'Rose', 'Mark', 'Ann', 'Élise', 'Jo', 'Pat', 'Anne-marie'];
    const named = cast.map((name) => `and ${name} ran, and ${name} hid.`).join(' ');
    expect(namesIn(named)).toEqual(cast);
    expect(namesIn(named, "goodwill o'rose remark-able annex élise2 jo-jo 'pat anne-marie")).toEqual([
      'Will',
      'Rose',
      'Mark',
      'Ann',
      'Pat',
    ]);
    expect(namesIn(named, 'pat')).toEqual(cast.filter((name) => name !== 'Pat'));
  });

  it('reads empty and nameless texts', () => {
    expect(namesIn()).toEqual([]);
    expect(namesIn('', 'x', 'no names here at all.')).toEqual([]);
  });
});
