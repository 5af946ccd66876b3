import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chapterSummary, readBytes, readText, storyText } from '../../test/helpers.ts';
import { isAuthorNote, matchChapterHeading, matchTrailer, stripNoteLabel } from './chapters.ts';

const fixture = (name: string) => readBytes(readFileSync(`test/fixtures/txt/${name}`), name);

describe('matchChapterHeading', () => {
  it.each([
    ['Chapter 3', null],
    ['Chapter Three', null],
    ['CHAPTER ONE', null],
    ['Chapter III', null],
    ['Chapter Twenty-One', null],
    ['Chapter 3: The Title', 'The Title'],
    ['Chapter 3 - The Title', 'The Title'],
    ['Chapter XIV: Ends', 'Ends'],
    ['Chapter 3 (revised)', '(revised)'],
    ['Ch. 3', null],
    ['~Chapter 3~', null],
    ['[Chapter 4]', null],
    ['**Chapter 5**', null],
    ['Part 2', null],
    ['PART II', null],
    ['Part Two - Title', 'Title'],
    ['Part Two: Homecoming', 'Homecoming'],
    ['Part 1 of 3', null],
    ['Book One', null],
  ])('reads "%s" as a numbered heading titled %j', (line, title) => {
    expect(matchChapterHeading(line)).toEqual({ title, named: null });
  });

  it.each([
    ['Prologue', 'Prologue', null],
    ['Epilogue', 'Epilogue', null],
    ['EPILOGUE.', 'Epilogue', null],
    ['Prologue - The Fall', 'Prologue', 'The Fall'],
  ])('reads "%s" as the named heading %s titled %j', (line, named, title) => {
    expect(matchChapterHeading(line)).toEqual({ title, named });
  });

  it.each([
    'Part of me wanted to run.',
    'Chapter and verse, she thought.',
    'Part two of the plan was simple.',
    'Part 2 of the plan was simple',
    'Chapter 3 was the worst, she thought.',
    'Prologues are for books.',
    'Epilogue? No.',
    'Book of Shadows lay open.',
    'Parting was sweet sorrow.',
    'Part Civil War',
  ])('does not read the sentence "%s" as a heading', (line) => {
    expect(matchChapterHeading(line)).toBeNull();
  });
});

describe('matchTrailer', () => {
  it.each([
    'To Be Continued',
    '(To be continued...)',
    'TBC',
    'TBC...',
    '~TBC~',
    'Continued in...',
    'Continued in part two',
    'End of Chapter 3',
    'End of Chapter Three',
    'Next time...',
    'Next time: Willow finds out.',
    'Next chapter: the spell',
    'More soon!',
  ])('reads "%s" as a continuation trailer', (line) => {
    expect(matchTrailer(line)).toBe('continued');
  });

  it.each(['The End', 'The End.', '-The End-', '*The End*', 'Fin', '~fin~', '~ Fin ~', 'END'])(
    'reads "%s" as an end marker',
    (line) => {
      expect(matchTrailer(line)).toBe('end');
    },
  );

  it.each([
    'Next time, she would bring a coat.',
    'More soon, he promised, and kissed her.',
    'The end of the world came quickly.',
    'End of the line.',
    'Fine.',
    'Finally.',
    'End file.',
  ])('does not read "%s" as a trailer', (line) => {
    expect(matchTrailer(line)).toBeNull();
  });
});

describe('author note labels', () => {
  it.each([
    ['A/N: Thanks to my beta.', 'Thanks to my beta.'],
    ['AN: Thanks.', 'Thanks.'],
    ['(AN: More soon!)', 'More soon!'],
    ['(A/N - sorry)', 'sorry'],
    ["[Author's Note: Sorry for the wait.]", 'Sorry for the wait.'],
    ["Author's Notes: For K.", 'For K.'],
  ])('reads "%s" as a note saying %j', (text, note) => {
    expect(isAuthorNote(text)).toBe(true);
    expect(stripNoteLabel(text)).toBe(note);
  });

  it.each(['An apple fell.', 'Note the time.', 'Another day.'])('does not read "%s" as a note', (text) => {
    expect(isAuthorNote(text)).toBe(false);
  });
});

describe('splitting chapters', () => {
  it.each([
    ['Chapter 3', null],
    ['Chapter Three', null],
    ['Chapter III', null],
    ['Chapter 3: The Title', 'The Title'],
    ['Part 2', null],
    ['Part Two - Title', 'Title'],
    ['Prologue', 'Prologue'],
    ['Epilogue', 'Epilogue'],
    ['Epilogue: After', 'Epilogue: After'],
  ])('splits on "%s", with chapter 1 unheaded after the header', async (heading, title) => {
    const draft = await readText(`Title: T\n\nOne two three.\n\n${heading}\n\nFour five six.`);
    expect(chapterSummary(draft)).toEqual([
      { title: null, words: 3 },
      { title, words: 3 },
    ]);
    expect(storyText(draft)).toBe('One two three.\nFour five six.');
  });

  it('does not split on sentences that start like headings', async () => {
    const draft = await readText(
      'Title: T\n\nPart of me wanted to run.\n\nChapter and verse, she thought.\n\nPart two of the plan was simple.',
    );
    expect(chapterSummary(draft)).toEqual([{ title: null, words: 18 }]);
  });

  it('splits the combined example: header, Chapter 1 with no title, Part Two - Homecoming, TBC', async () => {
    const draft = await fixture('combined.txt');
    expect(chapterSummary(draft)).toEqual([
      { title: null, words: 6 },
      { title: 'Homecoming', words: 5 },
    ]);
  });

  it('splits on a "Title by Author" line repeated per chapter, as eFiction printable pages do', async () => {
    const draft = await fixture('efiction-printable.txt');
    expect(draft.title).toBe('Salt and Iron');
    expect(draft.creators).toEqual(['greywitch']);
    expect(draft.fandoms).toEqual(['Buffy the Vampire Slayer']);
    expect(draft.characters).toEqual(['Tara', 'Willow']);
    expect(draft.series).toEqual([]);
    expect(chapterSummary(draft)).toEqual([
      { title: 'Seedlings', words: 6 },
      { title: 'Harvest', words: 7 },
    ]);
    expect(draft.chapters.map((chapter) => [chapter.notes, chapter.endNotes])).toEqual([
      ['The first drabble.', null],
      [null, 'Sorry.'],
    ]);
    expect(draft.complete).toBe(true);
  });

  it("splits on the titles listed in FanFicFare's table of contents", async () => {
    const draft = await fixture('fanficfare.txt');
    expect(chapterSummary(draft).map((chapter) => chapter.title)).toEqual(['Arrival', 'Letters']);
  });
});
