import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chapterSummary, readBytes, readText, storyText } from '../../../test/helpers.ts';
import { countHeaderLines } from './count-header-lines.ts';
import { isDisclaimerParagraph } from './disclaimer.ts';
import { matchKeyLine, matchLooseKeyLine } from './key-line.ts';
import { matchTitleByAuthor } from './title-lines.ts';

const fixture = (name: string) => readBytes(readFileSync(`test/fixtures/txt/${name}`), name);

describe('header blocks', () => {
  it('reads keys in any case and order, bold, abbreviated, with a dash, and a summary over three lines', async () => {
    const draft = await fixture('header-block.txt');
    expect(draft.title).toBe('Salt Lines');
    expect(draft.creators).toEqual(['greywitch']);
    expect(draft.fandoms).toEqual(['Buffy the Vampire Slayer']);
    expect(draft.relationships).toEqual(['Willow/Tara']);
    expect(draft.rating).toEqual({ value: 'Mature', original: 'R' });
    expect(draft.freeforms).toEqual(['blood', 'grief', 'Angst', 'Hurt/Comfort', 's6']);
    expect(draft.summary).toBe('Willow draws salt lines around the house every night and Tara lets her.');
    expect(draft.notes).toBe('For the ficathon.');
    expect(storyText(draft)).toBe('The salt crunched under her shoes.');
    expect(draft.evidence.rating).toEqual([
      { source: 'header', label: 'Rating', value: 'R', origin: 'header line 1' },
    ]);
  });

  it('dates a story by the "Date sent" of a mailing-list archive', async () => {
    const draft = await readText(
      'Title: Letters\nAuthor: quill\nDate sent: 1999-03-14\n\nShe wrote to him every week that spring.',
    );
    expect(draft.published).toBe('1999-03-14');
  });

  it('reads keys written without a colon', async () => {
    const draft = await fixture('no-colon-header.txt');
    expect(draft.title).toBe('Salt Lines');
    expect(draft.creators).toEqual(['greywitch']);
    expect(draft.rating).toEqual({ value: 'Teen And Up Audiences', original: 'PG-13' });
    expect(draft.freeforms).toEqual(['grief']);
    expect(draft.summary).toBe('Willow draws salt lines around the house.');
    expect(storyText(draft)).toBe('The salt crunched under her shoes.');
  });

  it('keeps story lines that follow the header with no blank line out of the last value', async () => {
    const draft = await fixture('one-per-line.txt');
    expect(draft.title).toBe('Long Lines');
    expect(draft.summary).toBe('Willow waits out the rain.');
    const paragraphs = draft.chapters[0]?.blocks.map((block) =>
      block.type === 'paragraph' ? block.text : '',
    );
    expect(paragraphs).toHaveLength(3);
    expect(paragraphs?.[1]).toBe('"It\'s an omen," Xander said.');
    expect(draft.words).toBe(49);
  });

  it.each([
    ['Title: Salt', 'title', 'Salt'],
    ['TITLE: Salt', 'title', 'Salt'],
    ['title:Salt', 'title', 'Salt'],
    ['Rated : PG', 'rating', 'PG'],
    ['**Rating:** R', 'rating', 'R'],
    ['**Rating**: R', 'rating', 'R'],
    ['__Author__: ann', 'creators', 'ann'],
    ['**Summary** Two Slayers.', 'summary', 'Two Slayers.'],
    ['Fandom - Buffy', 'fandoms', 'Buffy'],
    ['A/N: thanks', 'notes', 'thanks'],
    ['AN: thanks', 'notes', 'thanks'],
    ["Author's Note: thanks", 'notes', 'thanks'],
    ['CW: blood', 'warnings', 'blood'],
    ['TW: gore', 'warnings', 'gore'],
    ['Content Warnings: blood', 'warnings', 'blood'],
    ['Triggers: blood', 'warnings', 'blood'],
    ['Pairing(s): Spike/Willow', 'relationships', 'Spike/Willow'],
    ['Ships: Spike/Willow', 'relationships', 'Spike/Willow'],
    ['Featuring: Dawn', 'characters', 'Dawn'],
    ['Type: Drama', 'genres', 'Drama'],
    ['Blurb: A thing.', 'summary', 'A thing.'],
    ['Time frame: post-Chosen', 'timeline', 'post-Chosen'],
    ['Spoilers: s6', 'timeline', 's6'],
    ['Disclaimer: not mine', 'disclaimer', 'not mine'],
    ["Beta'd by: bee", 'other', 'bee'],
    ['Summary:', 'summary', ''],
  ])('reads the key line "%s"', (line, meaning, value) => {
    expect(matchKeyLine(line)).toMatchObject({ meaning, value });
  });

  it.each([
    'By the time she arrived: nothing.',
    'She said: run.',
    'The plan was simple: run.',
    'Set the table, she said.',
  ])('does not read the sentence "%s" as a key', (line) => {
    expect(matchKeyLine(line)).toBeNull();
  });

  it('reads keys without a colon only from a short list of labels, capitalized', () => {
    expect(matchLooseKeyLine('Title Salt Lines')).toMatchObject({ meaning: 'title', value: 'Salt Lines' });
    expect(matchLooseKeyLine('Content Warnings grief')).toMatchObject({
      meaning: 'warnings',
      value: 'grief',
    });
    expect(matchLooseKeyLine('RATING\tPG-13')).toMatchObject({ meaning: 'rating', value: 'PG-13' });
    expect(matchLooseKeyLine('title salt')).toBeNull();
    expect(matchLooseKeyLine('Set the table, she said.')).toBeNull();
    expect(matchLooseKeyLine('Note the time.')).toBeNull();
    expect(matchLooseKeyLine('Words failed her.')).toBeNull();
  });

  it('knows only the labels in its table, not the names every object has', () => {
    expect(matchKeyLine('Constructor: Bob')).toBeNull();
    expect(matchKeyLine('toString: x')).toBeNull();
    expect(countHeaderLines(['Constructor: Bob', 'Snow fell.'])).toBe(0);
  });

  it('does not read story lines as a keyless header', async () => {
    const draft = await readText('Set the table, she said.\nNote the time.\nTitle pages are dull.');
    expect(draft.title).toBeNull();
    expect(draft.chapters[0]?.blocks).toHaveLength(3);
  });

  it('counts the header lines at the start of a group of lines', () => {
    const summary = ['Title: X', 'Summary: Willow goes looking', 'for something.'];
    const story =
      'It was a long night and the rain would not stop; Willow sat at the window and counted the drops until dawn.';
    expect(countHeaderLines([...summary, story])).toBe(3);
    expect(countHeaderLines(['The Quiet Year', 'by inkwell', 'Rating: T', 'Status: Complete'])).toBe(4);
    expect(countHeaderLines(['Title: X', 'Author: Y', 'Snow fell.'])).toBe(2);
    expect(countHeaderLines(['Title Salt', 'Author ann', 'Snow fell.'])).toBe(2);
    expect(countHeaderLines(['She read the card.', 'Note: buy milk.'])).toBe(0);
    expect(countHeaderLines([story])).toBe(0);
  });
});

describe('title and author without keys', () => {
  it('reads a lone "Title by Author" line', async () => {
    const draft = await fixture('title-by-author.txt');
    expect(draft.title).toBe('Winter Quarters');
    expect(draft.creators).toEqual(['Ashfall']);
    expect(storyText(draft)).toBe('Snow fell on the crypt all night.');
  });

  it.each([
    ['Winter Quarters by Ashfall', { title: 'Winter Quarters', creator: 'Ashfall' }],
    ['"Gravity" by greywitch', { title: 'Gravity', creator: 'greywitch' }],
    ['She was hit by a car.', null],
    ['Written by the river', null],
    ['Stand by Me', null],
  ])('reads "%s" as %j', (line, expected) => {
    expect(matchTitleByAuthor(line)).toEqual(expected);
  });

  it('reads a "Title by Author" line whose title asks or exclaims, at the top and as a chapter heading', async () => {
    const draft = await readText(
      'What Now? by Wren\n\nBuffy walked down the stairs into the basement.\n\nWhy Not! by Wren\n\nSpike closed the book and looked at her.\n',
    );
    expect(draft.title).toBe('What Now?');
    expect(draft.creators).toEqual(['Wren']);
    expect(chapterSummary(draft)).toEqual([
      { title: null, words: 8 },
      { title: 'Why Not!', words: 8 },
    ]);
    // A sentence that ends in a full stop is still no heading.
    const sentence = await readText('Title: Patrol\n\nShe was saved. by Spike\n\nThen they went home.\n');
    expect(sentence.chapters).toHaveLength(1);
  });

  it('reads "Title" then "by Author", with or without a blank line between', async () => {
    for (const text of [
      'Winter Quarters\nby Ashfall\n\nSnow fell.',
      'Winter Quarters\n\nby Ashfall\n\nSnow fell.',
    ]) {
      const draft = await readText(text);
      expect([draft.title, draft.creators, storyText(draft)]).toEqual([
        'Winter Quarters',
        ['Ashfall'],
        'Snow fell.',
      ]);
    }
  });

  it("reads FanFicFare's text output: title, by line, labels, table of contents, End file", async () => {
    const draft = await fixture('fanficfare.txt');
    expect(draft.title).toBe('The Quiet Year');
    expect(draft.creators).toEqual(['inkwell']);
    expect(draft.fandoms).toEqual(['Harry Potter']);
    expect(draft.freeforms).toEqual(['Drama', 'Romance']);
    expect(draft.rating).toEqual({ value: 'Teen And Up Audiences', original: 'T' });
    expect(draft.summary).toBe('Draco comes back for an eighth year.');
    expect(chapterSummary(draft)).toEqual([
      { title: 'Arrival', words: 6 },
      { title: 'Letters', words: 8 },
    ]);
    expect(draft.complete).toBe(false);
    expect(storyText(draft)).not.toMatch(/TABLE OF CONTENTS|End file|continued/i);
  });
});

describe('disclaimers', () => {
  it('reads a disclaimer paragraph alone as the disclaimer and leaves the title null', async () => {
    const draft = await fixture('disclaimer-only.txt');
    expect(draft.title).toBeNull();
    expect(draft.disclaimer).toBe(
      "I don't own Buffy; Joss Whedon and Mutant Enemy do. No infringement intended.",
    );
    expect(storyText(draft)).toBe('The night Buffy died, Spike counted the steps of the tower.');
  });

  it('never invents a title from the first line or sentence of the story', async () => {
    for (const text of [
      'The Night\n\nThe night Buffy died, Spike counted the steps.',
      '"Run!"\n\nThe night Buffy died, Spike counted the steps.',
      "Disclaimer: I don't own Buffy.\n\nThe night Buffy died, Spike counted the steps.",
    ]) {
      expect((await readText(text)).title).toBeNull();
    }
  });

  it('tells a disclaimer from a story sentence about who owns something', async () => {
    expect(isDisclaimerParagraph('These characters belong to Mutant Enemy. No infringement intended.')).toBe(
      true,
    );
    expect(isDisclaimerParagraph('"It\'s not mine," Willow said. "I found it."')).toBe(false);
    const draft = await readText(
      'Title: X\n\nThe sword belongs to her mother, Buffy said, and she would not give it up.\n\nShe left.',
    );
    expect(draft.disclaimer).toBeNull();
    expect(storyText(draft)).toMatch(/^The sword belongs/);
  });
});

describe('info boxes', () => {
  it("ignores eFiction's placeholder values such as Series: None", async () => {
    const draft = await readText('Title: X\nSeries: None\nPairing: none\nCharacters: N/A\n\nSnow fell.');
    expect([draft.fandoms, draft.series, draft.relationships, draft.characters]).toEqual([[], [], [], []]);
  });
});
