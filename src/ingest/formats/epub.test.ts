import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { chapterSummary, readBytes, storyText } from '../../../test/helpers.ts';
import { ao3Epub, buildEpub, calibreEpub, fanficfareEpub } from '../../../test/zip-fixtures.ts';
import { isAppError } from '../../errors.ts';
import { epubFormat } from './epub.ts';

/** An EPUB written by hand: a container pointing at `content.opf`, the package given, and its pages. */
function bareEpub(opf: string, pages: Record<string, string>): Uint8Array {
  return zipSync({
    mimetype: [strToU8('application/epub+zip'), { level: 0 }],
    'META-INF/container.xml': strToU8(
      '<container><rootfiles><rootfile full-path="content.opf"/></rootfiles></container>',
    ),
    'content.opf': strToU8(opf),
    ...Object.fromEntries(Object.entries(pages).map(([name, page]) => [name, strToU8(page)])),
  });
}

describe('epub reader', () => {
  it("reads AO3's EPUB: tag kinds from the preface page, not dc:subject; chapter notes; afterword", async () => {
    const draft = await readBytes(ao3Epub(), 'slayers-rest.epub');
    expect(draft.title).toBe("Slayer's Rest");
    expect(draft.creators).toEqual(['ashfall']);
    expect(draft.rating.value).toBe('Mature');
    expect(draft.warnings).toEqual(['Graphic Depictions Of Violence']);
    expect(draft.categories).toEqual(['F/F']);
    expect(draft.relationships).toEqual(['Buffy Summers/Faith Lehane']);
    expect(draft.freeforms).toEqual(['Post-Chosen']);
    expect(draft.summary).toBe('Two Slayers, one last patrol.');
    expect(draft.endNotes).toBe('Thank you for reading.');
    expect(chapterSummary(draft)).toEqual([
      { title: 'Patrol', words: 12 },
      { title: null, words: 8 },
    ]);
    expect(draft.chapters[0]?.notes).toBe('Hello again.');
    expect(draft.complete).toBe(true);
  });

  it("reads FanFicFare's EPUB 2: NCX, title page labels, description", async () => {
    const draft = await readBytes(fanficfareEpub(), 'quiet-year.epub');
    expect(draft.title).toBe('The Quiet Year');
    expect(draft.summary).toBe('Eighth year at Hogwarts. Draco writes letters.');
    expect(draft.fandoms).toEqual(['Harry Potter']);
    expect(draft.rating.original).toBe('T');
    expect(draft.complete).toBe(false);
    expect(chapterSummary(draft)).toEqual([
      { title: 'Arrival', words: 6 },
      { title: 'Letters', words: 11 },
    ]);
  });

  it('reads a page of Label: value lines as the title page whatever its file is called, and a chapter with colons as a chapter', async () => {
    const draft = await readBytes(
      buildEpub({
        title: 'Colons',
        creators: ['quill'],
        front: [
          [
            'info.xhtml',
            '<p>Fandom: Buffy the Vampire Slayer</p><p>Rating: Mature</p><p>Status: Complete</p>',
          ],
        ],
        chapters: [
          {
            file: 'c1.xhtml',
            title: 'One',
            html: '<p>Time: late.</p><p>Place: the crypt.</p><p>Spike said nothing at all for a long while.</p><p>Buffy waited.</p><p>Then she left.</p><p>Weather: rain.</p><p>Night fell.</p>',
          },
        ],
      }),
      'colons.epub',
    );
    expect(draft.rating.value).toBe('Mature');
    expect(draft.fields.filter((field) => field.origin === 'title page').map((field) => field.label)).toEqual(
      ['Fandom', 'Rating', 'Status'],
    );
    expect(draft.chapters).toHaveLength(1);
    expect(storyText(draft)).toContain('Place: the crypt.');
  });

  it("reads calibre's series metadata and skips the cover and jacket", async () => {
    const draft = await readBytes(calibreEpub(), 'cold-case.epub');
    expect(draft.creators).toEqual(['moonfire', 'bakerstreet']);
    expect(draft.series).toEqual([{ title: 'Winter Cases', index: 2 }]);
    expect(draft.freeforms).toEqual(['Sherlock (TV)', 'Johnlock']);
    expect(draft.chapters).toHaveLength(1);
    expect(storyText(draft)).not.toContain('cbj');
  });

  it('names what is missing from a broken EPUB', async () => {
    const chapters = [{ file: 'c1.xhtml', title: 'One', html: '<p>Text.</p>' }];
    await expect(
      readBytes(buildEpub({ title: 'T', creators: [], chapters, omit: ['container'] }), 'a.epub'),
    ).rejects.toThrow(/no META-INF\/container.xml/);
    await expect(
      readBytes(buildEpub({ title: 'T', creators: [], chapters, omit: ['opf'] }), 'b.epub'),
    ).rejects.toThrow(/package document/);
    const truncated = ao3Epub();
    await expect(readBytes(truncated.subarray(0, truncated.length / 2), 'c.epub')).rejects.toThrow(
      /truncated or corrupt/,
    );
    await expect(readBytes(buildEpub({ title: 'T', creators: [], chapters: [] }), 'd.epub')).rejects.toThrow(
      /empty spine|no readable chapters/,
    );
  });

  it('skips spine pages missing from the book and says so', async () => {
    const bytes = buildEpub({
      title: 'T',
      creators: [],
      chapters: [{ file: 'c1.xhtml', title: 'One', html: '<p>Some text here.</p>' }],
    });
    const files = bareEpub(
      '<package><metadata xmlns:dc="x"><dc:title>Gaps</dc:title></metadata><manifest><item id="a" href="gone.xhtml" media-type="application/xhtml+xml"/><item id="b" href="here.xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="a"/><itemref idref="b"/></spine></package>',
      { 'here.xhtml': '<html><body><p>The only page left.</p></body></html>' },
    );
    expect(bytes.length).toBeGreaterThan(0);
    const draft = await readBytes(files, 'gaps.epub');
    expect(draft.title).toBe('Gaps');
    expect(draft.notices.join(' ')).toContain('gone.xhtml');
    expect(storyText(draft)).toBe('The only page left.');
  });

  it('reads an XHTML page whose head has an empty <title/>', async () => {
    const files = bareEpub(
      '<package><metadata xmlns:dc="x"><dc:title>Untitled Pages</dc:title></metadata><manifest><item id="a" href="c1.xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="a"/></spine></package>',
      {
        'c1.xhtml':
          '<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title/><link rel="stylesheet" href="s.css"/></head><body><p>Faith sharpened the stake.</p></body></html>',
      },
    );
    expect(storyText(await readBytes(files, 'untitled.epub'))).toBe('Faith sharpened the stake.');
  });

  it('never throws anything but an AppError on arbitrary bytes, alone or after a valid zip prefix', async () => {
    const prefix = ao3Epub().subarray(0, 400);
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), fc.boolean(), async (bytes, withPrefix) => {
        const input = withPrefix ? new Uint8Array([...prefix, ...bytes]) : bytes;
        try {
          await epubFormat.read(input, 'fuzz.epub');
        } catch (error) {
          if (!isAppError(error)) throw error;
        }
      }),
      { numRuns: 200 },
    );
  });
});
