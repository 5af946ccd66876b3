import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chapterSummary, readBytes, storyText } from '../../../../test/helpers.ts';
import { isAppError } from '../../../errors.ts';
import { htmlFormat } from './html.ts';

const fixture = (name: string) => readBytes(readFileSync(`test/fixtures/html/${name}`), name);
const allHtml = (draft: Awaited<ReturnType<typeof fixture>>) =>
  draft.chapters
    .flatMap((chapter) => chapter.blocks.map((block) => (block.type === 'paragraph' ? block.html : '')))
    .join('\n');

describe('html reader', () => {
  it("reads AO3's Download > HTML: typed tags, stats, chapters, notes, afterword", async () => {
    const draft = await fixture('ao3-download.html');
    expect(draft.title).toBe('Bloody Valentine');
    expect(draft.creators).toEqual(['nightowl']);
    expect(draft.rating).toEqual({ value: 'Explicit', original: 'Explicit' });
    expect(draft.warnings).toEqual(['No Archive Warnings Apply']);
    expect(draft.categories).toEqual(['F/M']);
    expect(draft.relationships).toEqual(['Buffy Summers/Spike']);
    expect(draft.characters).toEqual(['Buffy Summers', 'Spike (Buffy the Vampire Slayer)']);
    expect(draft.series).toEqual([{ title: 'Valentines', index: 2 }]);
    expect(draft.published).toBe('2012-02-14');
    expect(draft.complete).toBe(false);
    expect(draft.summary).toBe('Spike brings flowers. Buffy brings a stake.');
    expect(draft.endNotes).toBe('Thanks for reading.');
    expect(chapterSummary(draft)).toEqual([
      { title: 'Roses', words: 12 },
      { title: null, words: 14 },
    ]);
    expect(draft.chapters[0]?.notes).toBe('Set after Smashed.');
    expect(draft.chapters[0]?.endNotes).toBe('More soon!');
    expect(draft.chapters[0]?.blocks.map((block) => block.type)).toEqual(['paragraph', 'break', 'paragraph']);
    expect(allHtml(draft)).toContain('<em>black</em>');
    expect(storyText(draft)).not.toMatch(/alert|drop by the archive/);
  });

  it('reads one chapter of a saved AO3 work page as chapter n of m, without chrome or comments', async () => {
    const draft = await fixture('ao3-page-chapter.html');
    expect(draft.title).toBe('The Long Night');
    expect(draft.creators).toEqual(['moonfire']);
    expect(draft.partOf).toEqual({ chapter: 2, of: 4 });
    expect(draft.notices.join(' ')).toContain('only chapter 2 of 4');
    expect(chapterSummary(draft)).toEqual([{ title: 'The Wait', words: 14 }]);
    expect(storyText(draft)).not.toMatch(/Chapter Text|kudos|Main Content/);
    expect(draft.complete).toBe(false);
  });

  it("reads fanfiction.net's info line and chapter select", async () => {
    const draft = await fixture('ffnet-chapter.html');
    expect(draft.title).toBe('The Quiet Year');
    expect(draft.creators).toEqual(['inkwell']);
    expect(draft.rating).toEqual({ value: 'Teen And Up Audiences', original: 'T' });
    expect(draft.language).toBe('en');
    expect(draft.freeforms).toEqual(['Romance', 'Angst']);
    expect(draft.relationships).toEqual(['Draco M./Harry P.']);
    expect(draft.characters).toEqual(['Draco M.', 'Harry P.', 'Hermione G.']);
    expect(draft.partOf).toEqual({ chapter: 2, of: 3 });
    expect(chapterSummary(draft)).toEqual([{ title: 'Letters', words: 22 }]);
    expect(storyText(draft)).not.toContain('Leave a review');
  });

  it('reads a saved fanfiction.net chapter without its select: fandom from the category links, chapter 1 of 12', async () => {
    const draft = await fixture('ffnet-saved-chapter.html');
    expect(draft.fandoms).toEqual(['Harry Potter']);
    expect(draft.evidence['fandoms:Harry Potter']?.[0]).toMatchObject({
      origin: 'fanfiction.net category links',
    });
    expect(draft.partOf).toEqual({ chapter: 1, of: 12 });
    expect(draft.complete).toBe(false);
    expect(draft.completeReason).toBe('the file holds chapter 1 of 12, not the last one');
    // Unclosed <p> and <br>: separate paragraphs and lines, never glued.
    expect(storyText(draft)).toBe(
      'Harry walked into the harem.\nRight now he wanted nothing more than sleep, and Hermione laughed at him.\nShe said so twice.\nThey went on down the road together, talking of the war and the summer and what came next.',
    );
    expect(draft.chapters[0]?.blocks).toHaveLength(3);
  });

  it("keeps fanfiction.net's fandoms as written, both of a crossover; a one-shot stays complete", async () => {
    const page = readFileSync('test/fixtures/html/ffnet-saved-chapter.html', 'utf8');
    const crossover = page
      .replace("href='/book/'>Books", "href='/crossovers/book/'>Crossover")
      .replace(
        'href="/book/Harry-Potter/">Harry Potter<',
        'href="/Harry_Potter_and_Avatar_Crossovers/224/1402/">Harry Potter + Avatar: Last Airbender Crossover<',
      );
    const both = await readBytes(new TextEncoder().encode(crossover), 'crossover.html');
    expect(both.fandoms).toEqual(['Harry Potter', 'Avatar: Last Airbender']);
    const oneShot = page
      .replace('Chapters: 12 - ', '')
      .replace('Published: 1/2/2010', 'Published: 1/2/2010 - Status: Complete')
      .replace(/<button[\s\S]*?<\/button>/, '');
    const complete = await readBytes(new TextEncoder().encode(oneShot), 'one-shot.html');
    expect(complete.partOf).toBeNull();
    expect(complete.complete).toBe(true);
  });

  it('takes a page with a Next Chapter link for one chapter of a work in progress', async () => {
    const page =
      '<html><body><div id="story"><p>Giles was shelving the returns when Jenny came in with two cups of coffee.</p><p>"Computers do not bite," she said.</p></div><div class="pager"><a href="rooms.php?chapter=2">Next &raquo;</a></div></body></html>';
    const draft = await readBytes(new TextEncoder().encode(page), 'rooms.html');
    expect(draft.complete).toBe(false);
    expect(draft.completeReason).toBe('the page holds one chapter and links to the next');
    const lastEntry = page.replace(
      '<a href="rooms.php?chapter=2">Next &raquo;</a>',
      '<a href="/journal/?skip=20">Next &raquo;</a>',
    );
    expect((await readBytes(new TextEncoder().encode(lastEntry), 'entry.html')).complete).toBe(true);
  });

  it("reads eFiction's categories item by item: genres and subcategories are additional tags, not fandoms", async () => {
    const draft = await fixture('efiction-story-info.html');
    expect(draft.fandoms).toEqual(['Harry Potter']);
    expect(draft.categories).toEqual(['F/M']);
    expect(draft.freeforms).toEqual([
      'Drama',
      'Erotica',
      'Hogwarts House > Ravenclaw',
      'Friends, Lovers, and Rivals',
    ]);
  });

  it("reads eFiction's printable page: info box, story notes, chapters with their notes", async () => {
    const draft = await fixture('efiction-printable.html');
    expect(draft.title).toBe('Salt and Iron');
    expect(draft.creators).toEqual(['greywitch']);
    expect(draft.fandoms).toEqual(['Buffy the Vampire Slayer']);
    expect(draft.characters).toEqual(['Tara Maclay', 'Willow Rosenberg']);
    expect(draft.warnings).toEqual(['Major Character Death']);
    expect(draft.complete).toBe(true);
    expect(draft.notes).toBe('Written for the femslash100 drabble challenge.');
    expect(chapterSummary(draft).map((chapter) => chapter.title)).toEqual(['Seedlings', 'Harvest']);
    expect(storyText(draft)).not.toContain('Powered by eFiction');
  });

  it('reads a LiveJournal entry with the header in its text, dropping comments', async () => {
    const draft = await fixture('lj-entry.html');
    expect(draft.title).toBe('Gravity');
    expect(draft.creators).toEqual(['greywitch']);
    expect(draft.relationships).toEqual(['Buffy/Faith']);
    expect(draft.rating.value).toBe('Mature');
    expect(storyText(draft)).toContain('Miss me, B?');
    expect(storyText(draft)).not.toMatch(/Loved it|Tags:/);
  });

  it('drops scripts, event handlers and javascript: links from story text', async () => {
    const hostile =
      '<html><body><p onclick="steal()">Hello <a href="javascript:alert(1)">there</a><script>alert(2)</script></p><img src=x onerror=alert(3)><p>Second <b style="x">bold</b> paragraph.</p></body></html>';
    const draft = await readBytes(new TextEncoder().encode(hostile), 'page.html');
    const html = allHtml(draft);
    expect(html).not.toMatch(/script|onclick|onerror|javascript|<a|<img|style=/i);
    expect(storyText(draft)).toBe('Hello there\nSecond bold paragraph.');
  });

  it('refuses a page of scripts with no story text', async () => {
    const page =
      '<html><head><script>var a = 1;</script></head><body><script>document.write("x")</script><nav>Home</nav></body></html>';
    await expect(readBytes(new TextEncoder().encode(page), 'empty.html')).rejects.toThrow(/no story text/);
  });

  it('never throws anything but an AppError and never hangs on arbitrary input', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.uint8Array({ maxLength: 2000 }).map((bytes) => new TextDecoder().decode(bytes)),
        ),
        async (text) => {
          try {
            await htmlFormat.read(new TextEncoder().encode(`<html><body>${text}</body></html>`), 'fuzz.html');
          } catch (error) {
            if (!isAppError(error)) throw error;
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('html reader on a summary with stray markup', () => {
  it.each([
    ['a stray <![CDATA[', '<![CDATA[ flowers'],
    ['<math><style>', '<math><style>flowers</math>'],
  ])('reads the rest of an AO3 download after %s in its summary', async (_, stray) => {
    const page = readFileSync('test/fixtures/html/ao3-download.html', 'utf8').replace(
      'Spike brings flowers.',
      `Spike brings ${stray}.`,
    );
    expect(page).toContain(stray);
    const draft = await readBytes(new TextEncoder().encode(page), 'stray.html');
    // As in a browser, the stray tag runs to the next `>` at most (here the summary's own end), no further.
    expect(draft.summary).toMatch(/^Spike brings/);
    expect(draft.notes).toBe('For the Valentine exchange.');
    expect(storyText(draft)).toMatch(/Spike fished them out again/);
  });
});
