import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chapterSummary, readBytes, readText, storyText } from '../../test/helpers.ts';
import type { RawStory } from './story.ts';
import { structureStory } from './structure.ts';
import { countWords, isLetterOrDigitAt } from './text.ts';

const fixture = (name: string) => readBytes(readFileSync(`test/fixtures/txt/${name}`), name);

describe('the combined example', () => {
  it('reads a three-line summary, untitled Chapter 1, Part Two - Homecoming and a closing TBC', async () => {
    const draft = await fixture('combined.txt');
    expect(draft.title).toBe('The Long Road');
    expect(draft.creators).toEqual(['nightowl']);
    expect(draft.summary).toBe('Willow goes looking for something she lost and finds Spike instead.');
    expect(chapterSummary(draft)).toEqual([
      { title: null, words: 6 },
      { title: 'Homecoming', words: 5 },
    ]);
    expect(draft.complete).toBe(false);
    expect(draft.completeReason).toBe('the last chapter ends with a continuation marker ("TBC")');
    expect(draft.evidence.complete).toEqual([{ source: 'rule', reason: draft.completeReason }]);
    expect(storyText(draft)).toBe('The crater had filled with rain.\nThey walked home without talking.');
    expect(draft.words).toBe(11);
  });
});

describe('chapter notes', () => {
  it('separates notes at the start and end of each chapter from the story text', async () => {
    const draft = await fixture('chapter-notes.txt');
    expect(draft.chapters.map((chapter) => [chapter.notes, chapter.endNotes])).toEqual([
      ['Thanks to my beta.', 'More soon!'],
      ['Sorry for the wait.', 'Thanks for reading.'],
    ]);
    expect(storyText(draft)).toBe('The story starts here.\nThe story goes on.');
    expect(draft.complete).toBe(true);
  });

  it('gives a note straight after the header to the work', async () => {
    const draft = await readText('Title: T\n\nA/N: For K.\n\nThe story starts here.');
    expect(draft.notes).toBe('For K.');
    expect(storyText(draft)).toBe('The story starts here.');
  });

  it('keeps a note-like paragraph in the middle of a chapter as text', async () => {
    const draft = await readText('Title: T\n\nOne.\n\nA/N: mid.\n\nTwo.');
    expect(storyText(draft)).toBe('One.\nA/N: mid.\nTwo.');
  });
});

describe('trailers and end markers', () => {
  it.each(['To Be Continued', 'TBC', 'TBC...', 'Continued in...', 'End of Chapter 3', 'Next time...'])(
    'removes the continuation trailer "%s" and calls the work in progress',
    async (trailer) => {
      const draft = await readText(`Title: T\n\nShe left.\n\n${trailer}`);
      expect(draft.complete).toBe(false);
      expect(draft.completeReason).toBe(`the last chapter ends with a continuation marker ("${trailer}")`);
      expect(storyText(draft)).toBe('She left.');
    },
  );

  it.each(['The End', 'Fin', 'END', '~fin~'])(
    'removes the end marker "%s" and calls the work complete',
    async (marker) => {
      // An empty `Status:` line says nothing either way.
      const draft = await readText(`Title: T\nStatus:\n\nShe left.\n\n${marker}`);
      expect(draft.complete).toBe(true);
      expect(draft.completeReason).toBe(`the last chapter ends with an end marker ("${marker}")`);
      expect(storyText(draft)).toBe('She left.');
    },
  );

  it('reads a trailer on the last line of a paragraph', async () => {
    const draft = await readText('Title: T\n\nShe left.\nTBC');
    expect([draft.complete, storyText(draft)]).toEqual([false, 'She left.']);
  });

  it('keeps sentences that start like trailers as story', async () => {
    for (const line of [
      'Next time, she would bring a coat.',
      'More soon, he promised.',
      'The end of it came fast.',
    ]) {
      const draft = await readText(`Title: T\n\nShe left.\n\n${line}`);
      expect(storyText(draft)).toBe(`She left.\n${line}`);
      expect(draft.completeReason).toMatch(/^no status or end marker/);
    }
  });

  it('only looks at the last chapter: a TBC between chapters is removed but says nothing', async () => {
    const draft = await readText('Title: T\n\nChapter 1\n\nOne.\n\nTBC\n\nChapter 2\n\nTwo.\n\nThe End');
    expect(chapterSummary(draft)).toEqual([
      { title: null, words: 1 },
      { title: null, words: 1 },
    ]);
    expect(draft.complete).toBe(true);
  });

  it('with neither, decides from the other signals and says which', async () => {
    const plain = await readText('Title: T\n\nShe left.');
    expect([plain.complete, plain.completeReason]).toEqual([
      true,
      'no status or end marker; a single chapter with no continuation marker is taken as complete',
    ]);
    const stated = await readText('Title: T\nStatus: WIP\n\nShe left.\n\nThe End');
    expect([stated.complete, stated.completeReason]).toEqual([
      false,
      'the file says so: Status: WIP (header line 2)',
    ]);
  });

  it('takes a text that stops mid-sentence, with no end marker, for unfinished', async () => {
    const opening =
      'Lost Things\nby Wren\n\nBuffy walked down the stairs and into the cold basement where Spike was waiting.\n\n';
    const cut = await readText(
      `${opening}"You found it," she said, and he turned the pages until he came to the one with the\n`,
    );
    expect(cut.complete).toBe(false);
    expect(cut.completeReason).toBe(
      'the text stops mid-sentence ("…came to the one with the") with no end marker',
    );
    const comma = await readText(`${opening}She waited for him to say something, anything,\n`);
    expect(comma.complete).toBe(false);
    for (const ending of [
      '"You found it," she said.',
      'He never finished the sentence—',
      'Love always\n\n~ Wren',
    ]) {
      const draft = await readText(`${opening}${ending}\n`);
      expect(draft.complete, ending).toBe(true);
    }
  });

  it('takes a file holding Chapter 1 of 12 for one chapter of a longer work', async () => {
    const draft = await readText(
      'The Long Road\nby Someone\n\nChapter 1 of 12: Leaving\n\nHarry walked out of the house for the last time.\n\nHermione was waiting at the corner.\n',
    );
    expect(draft.partOf).toEqual({ chapter: 1, of: 12 });
    expect(draft.complete).toBe(false);
    expect(draft.completeReason).toBe('the file holds chapter 1 of 12, not the last one');
    const whole = await readText(
      'The Long Road\nby Someone\n\nChapter 1: Leaving\n\nHarry walked out.\n\nChapter 2: Arriving\n\nHe got there.\n',
    );
    expect(whole.partOf).toBeNull();
    expect(whole.complete).toBe(true);
  });

  it("does not take FanFicFare's End file. for an end marker", async () => {
    const draft = await readText('Title: T\n\nShe left.\n\nTo be continued\n\nEnd file.');
    expect(draft.complete).toBe(false);
    expect(storyText(draft)).toBe('She left.');
  });
});

describe('word counts', () => {
  it('counts as a reader does: hyphenated words once, punctuation-only tokens not at all', async () => {
    expect(countWords("A well-known tale -- told twice, isn't it? ... Yes. — ! *so*")).toBe(9);
    expect(countWords('state-of-the-art  \n\t naïve 3')).toBe(3);
    const draft = await readText("Title: T\n\nA well-known tale -- told twice, isn't it? ... Yes.");
    expect(draft.words).toBe(8);
  });

  it('counts the words a reader would, for any mix of spaces, punctuation, letters and digits', () => {
    // The definition: runs between spaces (space, line break, tab, carriage return, form feed, no-break
    // space) that hold a letter or digit.
    const reference = (text: string) =>
      text.split(/[ \n\t\r\f\u00a0]/).filter((run) => /[\p{L}\p{N}]/u.test(run)).length;
    const pieces = fc.constantFrom(
      'a',
      'Z',
      '9',
      ' ',
      '\n',
      '\t',
      '\u00a0',
      '\u2003',
      '—',
      '’',
      '...',
      'é',
      '日',
      '²',
      '😀',
      '𝔸',
      '\ud800',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(pieces).map((parts) => parts.join('')),
        ),
        (text) => {
          expect(countWords(text)).toBe(reference(text));
        },
      ),
    );
  });

  it('tells letters and digits from the rest as the Unicode classes do, asked twice or with a surrogate pair', () => {
    const text = 'aZ9 é日Ω٣ “—’…\u00a0 𝔸😀\ud800';
    for (let round = 0; round < 2; round++) {
      for (let index = 0; index < text.length; index++) {
        const code = text.charCodeAt(index);
        const size = code >= 0xd800 && code <= 0xdbff && index + 1 < text.length ? 2 : 1;
        const char = text.slice(index, index + size);
        expect(isLetterOrDigitAt(text, index, size), char).toBe(/^[\p{L}\p{N}]$/u.test(char));
        index += size - 1;
      }
    }
  });

  it('adds the chapters up and leaves headers, notes and trailers out', async () => {
    const draft = await fixture('chapter-notes.txt');
    expect(draft.words).toBe(8);
    expect(draft.words).toBe(draft.chapters.reduce((sum, chapter) => sum + chapter.words, 0));
  });
});

describe('language', () => {
  it('detects English and French', async () => {
    expect((await fixture('hard-wrapped.txt')).language).toBe('en');
    expect((await fixture('french.txt')).language).toBe('fr');
    expect((await fixture('french.txt')).evidence.language).toEqual([
      { source: 'rule', reason: 'detected from the story text' },
    ]);
  });

  it('says und rather than guess from a sentence or two', async () => {
    expect((await readText('The salt crunched under her shoes.')).language).toBe('und');
  });

  it('takes a stated language over detection', async () => {
    expect((await readText('Title: T\nLanguage: Français\n\nThe salt crunched.')).language).toBe('fr');
  });
});

describe('structureStory', () => {
  it('keeps one chapter, empty, when a file holds nothing but a header', () => {
    const raw: RawStory = {
      format: 'txt',
      fields: [],
      chapters: [{ title: null, blocks: [{ type: 'paragraph', text: 'Title: X', html: 'Title: X' }] }],
      chaptersGiven: false,
      notices: [],
    };
    const draft = structureStory(raw);
    expect([draft.title, draft.words, chapterSummary(draft)]).toEqual(['X', 0, [{ title: null, words: 0 }]]);
  });
});
