import { describe, expect, it } from 'vitest';
import { chapterSummary, readText, storyText } from '../../test/helpers.ts';

describe('headers', () => {
  it('reads a key/value block in any case, with bold keys, abbreviations and a summary over three lines', async () => {
    const draft = await readText(
      [
        'TITLE: Salt Lines',
        '**author:** greywitch',
        'Fandom - Buffy the Vampire Slayer',
        'pairing: Willow/Tara',
        'Rated: PG-13',
        'CW: blood, grief',
        'Genre: Angst, Romance',
        'Spoilers: s6',
        'Summary: Willow draws salt lines',
        'around the house every night',
        'and Tara lets her.',
        'A/N: For the ficathon.',
        '',
        'The salt crunched under her shoes.',
      ].join('\n'),
    );
    expect(draft.title).toBe('Salt Lines');
    expect(draft.creators).toEqual(['greywitch']);
    expect(draft.fandoms).toEqual(['Buffy the Vampire Slayer']);
    expect(draft.relationships).toEqual(['Willow/Tara']);
    expect(draft.rating).toEqual({ value: 'Teen And Up Audiences', original: 'PG-13' });
    expect(draft.freeforms).toEqual(['blood', 'grief', 'Angst', 'Romance', 's6']);
    expect(draft.summary).toBe('Willow draws salt lines around the house every night and Tara lets her.');
    expect(draft.notes).toBe('For the ficathon.');
    expect(storyText(draft)).toBe('The salt crunched under her shoes.');
    expect(draft.evidence.rating?.[0]).toMatchObject({ source: 'header', label: 'Rated', value: 'PG-13' });
  });

  it('reads a lone "Title by Author" line', async () => {
    const draft = await readText('Winter Quarters by Ashfall\n\nSnow fell on the crypt all night.');
    expect(draft.title).toBe('Winter Quarters');
    expect(draft.creators).toEqual(['Ashfall']);
    expect(storyText(draft)).toBe('Snow fell on the crypt all night.');
  });

  it('keeps a disclaimer paragraph and never invents a title from the first sentence', async () => {
    const draft = await readText(
      "Disclaimer: I don't own Buffy, Joss Whedon does.\n\nThe night Buffy died, Spike counted the steps of the tower.\n\nHe stopped at one hundred and four.",
    );
    expect(draft.title).toBeNull();
    expect(draft.disclaimer).toBe("I don't own Buffy, Joss Whedon does.");
    expect(storyText(draft)).toContain('The night Buffy died');
  });

  it('recognises an unlabelled disclaimer paragraph', async () => {
    const draft = await readText(
      'These characters belong to Mutant Enemy. No infringement intended.\n\nWillow woke first.',
    );
    expect(draft.title).toBeNull();
    expect(draft.disclaimer).toContain('Mutant Enemy');
    expect(storyText(draft)).toBe('Willow woke first.');
  });

  it('does not read a sentence with "by" as a title line', async () => {
    const draft = await readText('She was hit by a car.\n\nIt hurt.');
    expect(draft.title).toBeNull();
    expect(storyText(draft)).toBe('She was hit by a car.\nIt hurt.');
  });

  it('reads FanFicFare text output: title, by line, labels, contents, End file', async () => {
    const draft = await readText(
      [
        'The Quiet Year',
        'by inkwell',
        '',
        'Category: Harry Potter',
        'Rating: T',
        'Status: In-Progress',
        '',
        'TABLE OF CONTENTS',
        '',
        '    Arrival',
        '    Letters',
        '',
        'Arrival',
        '',
        'Draco came back in September, alone.',
        '',
        'Letters',
        '',
        'He wrote the first letter on a Tuesday.',
        '',
        'End file.',
      ].join('\n'),
    );
    expect(draft.title).toBe('The Quiet Year');
    expect(draft.creators).toEqual(['inkwell']);
    expect(draft.fandoms).toEqual(['Harry Potter']);
    expect(chapterSummary(draft)).toEqual([
      { title: 'Arrival', words: 6 },
      { title: 'Letters', words: 8 },
    ]);
    expect(draft.complete).toBe(false);
  });
});

describe('ratings, warnings and categories', () => {
  it.each([
    ['G', 'General Audiences'],
    ['K', 'General Audiences'],
    ['All ages', 'General Audiences'],
    ['PG', 'Teen And Up Audiences'],
    ['PG-13', 'Teen And Up Audiences'],
    ['K+', 'Teen And Up Audiences'],
    ['T', 'Teen And Up Audiences'],
    ['15', 'Teen And Up Audiences'],
    ['R', 'Mature'],
    ['Rated R', 'Mature'],
    ['17+', 'Mature'],
    ['NC-17', 'Explicit'],
    ['XXX', 'Explicit'],
    ['MA', 'Explicit'],
    ['Adults only', 'Explicit'],
    ['Explicit', 'Explicit'],
  ])('maps rating %s to %s and keeps the original', async (original, mapped) => {
    const draft = await readText(`Title: T\nRating: ${original}\n\nShe smiled.`);
    expect(draft.rating.value).toBe(mapped);
    expect(draft.rating.original).toBe(original);
    expect(draft.rating.candidates).toBeUndefined();
  });

  it.each([
    ['M', ['Mature', 'Explicit']],
    ['R/NC-17', ['Mature', 'Explicit']],
    ['Mature adults', ['Mature', 'Explicit']],
  ])('flags the ambiguous rating %s with its candidates', async (original, candidates) => {
    const draft = await readText(`Title: T\nRating: ${original}\n\nShe smiled.`);
    expect(draft.rating.candidates).toEqual(candidates);
  });

  it('does not take a value merely starting with r for a rating', async () => {
    const draft = await readText('Title: T\nRating: Romance\n\nShe smiled.');
    expect(draft.rating).toEqual({ value: 'Not Rated', original: null });
  });

  it('splits warnings into archive warnings and additional tags, accepting Underage', async () => {
    const draft = await readText(
      'Title: T\nWarnings: Major character death, Underage, self-harm, none\n\nShe smiled.',
    );
    expect(draft.warnings).toEqual(['Major Character Death', 'Underage Sex', 'No Archive Warnings Apply']);
    expect(draft.freeforms).toEqual(['self-harm']);
  });

  it('reads Category as an AO3 category or, on archives that file by fandom, as a fandom', async () => {
    expect((await readText('Title: T\nCategory: F/M\n\nHi.')).categories).toEqual(['F/M']);
    const byFandom = await readText('Title: T\nCategory: Buffy the Vampire Slayer\n\nHi.');
    expect(byFandom.fandoms).toEqual(['Buffy the Vampire Slayer']);
    expect(byFandom.categories).toEqual([]);
  });
});

describe('chapters', () => {
  it('splits the combined example: header, untitled Chapter 1, Part Two - Homecoming, TBC', async () => {
    const draft = await readText(
      [
        'Title: The Long Road',
        'Author: nightowl',
        'Rating: R',
        'Summary: Willow goes looking',
        'for something she lost',
        'and finds Spike instead.',
        '',
        'Chapter 1',
        '',
        'The crater had filled with rain.',
        '',
        'Part Two - Homecoming',
        '',
        'They walked home without talking.',
        '',
        'TBC',
      ].join('\n'),
    );
    expect(draft.summary).toBe('Willow goes looking for something she lost and finds Spike instead.');
    expect(chapterSummary(draft)).toEqual([
      { title: null, words: 6 },
      { title: 'Homecoming', words: 5 },
    ]);
    expect(draft.complete).toBe(false);
    expect(draft.completeReason).toContain('TBC');
    expect(storyText(draft)).not.toContain('TBC');
  });

  it.each([
    ['Chapter 3', null],
    ['Chapter Three', null],
    ['Chapter III', null],
    ['Chapter 3: The Title', 'The Title'],
    ['Part 2', null],
    ['Part Two - Title', 'Title'],
    ['Prologue', 'Prologue'],
    ['Epilogue: After', 'Epilogue: After'],
  ])('recognises the heading "%s"', async (heading, title) => {
    const draft = await readText(
      `Title: T\n\nFirst chapter text here.\n\n${heading}\n\nSecond chapter text here.`,
    );
    expect(chapterSummary(draft)).toEqual([
      { title: null, words: 4 },
      { title, words: 4 },
    ]);
  });

  it('does not split on sentences that start like headings', async () => {
    const draft = await readText(
      'Title: T\n\nPart of me wanted to run.\n\nChapter and verse, she thought.\n\nPrologues are for books.',
    );
    expect(draft.chapters).toHaveLength(1);
  });

  it('splits on a Title by Author line repeated per chapter, as eFiction printable pages do', async () => {
    const draft = await readText(
      [
        'Salt and Iron by greywitch',
        '',
        'Summary: A garden in the ruins.',
        '',
        'Seedlings by greywitch',
        '',
        "Author's Notes:",
        '',
        'The first drabble.',
        '',
        'Tara planted the seedlings in rows.',
        '',
        'Harvest by greywitch',
        '',
        'The harvest came in late that year.',
        '',
        'End Notes:',
        '',
        'Sorry.',
      ].join('\n'),
    );
    expect(draft.title).toBe('Salt and Iron');
    expect(chapterSummary(draft)).toEqual([
      { title: 'Seedlings', words: 6 },
      { title: 'Harvest', words: 7 },
    ]);
    expect(draft.chapters[0]?.notes).toBe('The first drabble.');
    expect(draft.chapters[1]?.endNotes).toBe('Sorry.');
  });

  it("separates chapter notes in A/N, (AN: ...) and [Author's Note: ...] forms", async () => {
    const draft = await readText(
      "Title: T\n\nA/N: Thanks to my beta.\n\nThe story starts here.\n\n(AN: More soon!)\n\nChapter 2\n\n[Author's Note: Sorry for the wait.]\n\nThe story goes on.\n\nThe End",
    );
    // A note straight after the header belongs to the work; the others to their chapters.
    expect(draft.notes).toBe('Thanks to my beta.');
    expect(draft.chapters.map((chapter) => [chapter.notes, chapter.endNotes])).toEqual([
      [null, 'More soon!'],
      ['Sorry for the wait.', null],
    ]);
    expect(draft.complete).toBe(true);
    expect(storyText(draft)).not.toMatch(/A\/N|AN:|The End/);
  });

  it.each(['To Be Continued', 'TBC...', 'Continued in part two', 'End of Chapter 3', 'Next time...'])(
    'reads the trailer "%s" as in progress',
    async (trailer) => {
      const draft = await readText(`Title: T\n\nShe left.\n\n${trailer}`);
      expect(draft.complete).toBe(false);
      expect(storyText(draft)).toBe('She left.');
    },
  );

  it.each(['The End', 'Fin', 'END', '~fin~'])('reads the end marker "%s" as complete', async (marker) => {
    const draft = await readText(`Title: T\nStatus: \n\nShe left.\n\n${marker}`);
    expect(draft.complete).toBe(true);
    expect(draft.completeReason).toContain('end marker');
    expect(storyText(draft)).toBe('She left.');
  });

  it('normalizes every scene break to one marker, but keeps ~"flashbacks"~ as text', async () => {
    const breaks = ['***', '* * *', '~', '~~~', '-x-', 'oOo', 'xXx', '###', '___', '----', '====='];
    const body = breaks.map((mark, index) => `Scene ${index}.\n\n${mark}`).join('\n\n');
    const draft = await readText(`Title: T\n\n${body}\n\n~"Like this."~\n\nLast scene.`);
    const blocks = draft.chapters[0]?.blocks ?? [];
    expect(blocks.filter((block) => block.type === 'break')).toHaveLength(breaks.length);
    expect(storyText(draft)).toContain('~"Like this."~');
  });

  it('counts words as a reader does', async () => {
    const draft = await readText("Title: T\n\nA well-known tale -- told twice, isn't it? ... Yes.");
    expect(draft.words).toBe(8);
  });
});

describe('paragraphs', () => {
  it('keeps one paragraph per long line', async () => {
    const long = 'word '.repeat(40).trim();
    const draft = await readText(`${long}.\n${long}!\n${long}?`);
    expect(draft.chapters[0]?.blocks).toHaveLength(3);
  });

  it('joins hard-wrapped lines and splits paragraphs on blank lines or indents', async () => {
    const wrapped = [
      'The rain came down on Sunnydale all that week, steady and grey and cold,',
      'and nobody in the library said much about it, because there was nothing',
      'to say that would not sound like an omen.',
      '   Willow made tea. Giles drank it without tasting it, which was how she',
      'knew how worried he was, and she did not ask him about it again.',
      '',
      'On Friday the rain stopped. The sky over the high school went pale and',
      'clear, and Buffy went out to patrol as if nothing had happened at all.',
    ].join('\n');
    const draft = await readText(wrapped);
    const paragraphs = (draft.chapters[0]?.blocks ?? []).map((block) =>
      block.type === 'paragraph' ? block.text : '',
    );
    expect(paragraphs).toHaveLength(3);
    expect(paragraphs[0]).toMatch(/^The rain came down .* like an omen\.$/);
    expect(paragraphs[1]).toMatch(/^Willow made tea\./);
  });
});

describe('language', () => {
  it('detects English and French text', async () => {
    expect(
      (
        await readText(
          'She walked into the library and looked at the books on the shelf, wondering where everyone had gone.',
        )
      ).language,
    ).toBe('en');
    expect(
      (
        await readText(
          "Elle est entrée dans la bibliothèque et a regardé les livres sur l'étagère, en se demandant où tout le monde était parti.",
        )
      ).language,
    ).toBe('fr');
  });
});
