import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readBytes, readText } from '../../test/helpers.ts';
import { buildDocx, buildEpub } from '../../test/zip-fixtures.ts';

/** The dates each kind of file states are read, so an import does not date a work by the day it ran. */
describe('dates a file states', () => {
  const chapters = [{ file: 'c1.xhtml', title: 'One', html: '<p>Willow counted the jars twice.</p>' }];

  it("reads a mailing-list archive's `Date sent`", async () => {
    const draft = await readText('Title: Letters\nAuthor: ink\nDate sent: 14 Mar 1999\n\nShe wrote back.');
    expect(draft.published).toBe('1999-03-14');
  });

  it("reads AO3's stats line, Published and Updated", async () => {
    const draft = await readText(
      'Title: Stats\nAuthor: ink\nStats: Published: 2012-03-04 Updated: 2012-05-06 Words: 5 Chapters: 1/1\n\nText here.',
    );
    expect([draft.published, draft.updated]).toEqual(['2012-03-04', '2012-05-06']);
  });

  it("reads eFiction's info box", async () => {
    const draft = await readBytes(readFileSync('test/fixtures/html/efiction-printable.html'), 'e.html');
    expect(draft.published).toBe('2006-05-03');
  });

  it("reads fanfiction.net's info line", async () => {
    const draft = await readBytes(readFileSync('test/fixtures/html/ffnet-chapter.html'), 'f.html');
    expect(draft.published).toBe('2015-03-14');
    const pasted = await readText(
      'Title: Pasted\nRated: Fiction T - English - Drama - Words: 830 - Updated: 8/13/2011 - Published: 12/20/2008\n\nText.',
    );
    expect([pasted.published, pasted.updated]).toEqual(['2008-12-20', '2011-08-13']);
  });

  it("reads fanfiction.net's recent dates (`23h ago`, `Dec 3`) from the Unix time their spans carry", async () => {
    const page = `<html><body><div id="profile_top"><b class="xcontrast_txt">Recent</b> By: <a href="/u/1/a">a</a>
<span class="xgray xcontrast_txt">Rated: Fiction K - English - Words: 900 - Updated: <span data-xutime="1733300000">23h ago</span> - Published: <span data-xutime="1701200000">Nov 28</span> - id: 5</span></div>
<div id="storytext"><p>Ron ate the last of the toast.</p></div></body></html>`;
    const draft = await readBytes(Buffer.from(page), 'recent.html');
    expect([draft.published, draft.updated]).toEqual(['2023-11-28', '2024-12-04']);
    const odd = page.replace('1733300000', 'soon').replace('1701200000', '17012');
    const undated = await readBytes(Buffer.from(odd), 'odd.html');
    expect([undated.published, undated.updated]).toEqual([null, null]);
  });

  it("reads eFiction's dotted and slashed year-first dates and the European day-first order", async () => {
    const dotted = await readText(
      'Title: Dots\nAuthor: ink\nPublished: 2012.03.04\nUpdated: 2012/05/06\n\nText.',
    );
    expect([dotted.published, dotted.updated]).toEqual(['2012-03-04', '2012-05-06']);
    const european = await readText('Title: Dots\nAuthor: ink\nPublished: 04.03.2012\n\nText.');
    expect(european.published).toBe('2012-03-04');
    const wrong = await readText(
      'Title: Dots\nAuthor: ink\nPublished: 2012.13.04\nUpdated: 2012.03.04.5\n\nText.',
    );
    expect([wrong.published, wrong.updated]).toEqual([null, null]);
  });

  it("reads an EPUB's dc:date, its modification date apart, and skips calibre's undefined year 101", async () => {
    const dated = buildEpub({
      title: 'T',
      creators: ['a'],
      chapters,
      dates: [
        { value: '2015-02-01T10:00:00Z', event: 'modification' },
        { value: '2014-07-09', event: 'publication' },
      ],
    });
    const draft = await readBytes(dated, 'dated.epub');
    expect([draft.published, draft.updated]).toEqual(['2014-07-09', '2015-02-01']);
    const calibre = buildEpub({
      title: 'T',
      creators: ['a'],
      chapters,
      dates: [{ value: '0101-01-01T00:00:00+00:00' }],
    });
    expect((await readBytes(calibre, 'undated.epub')).published).toBeNull();
  });

  it("reads a Word document's core properties, below a date its header states", async () => {
    const paragraphs = [{ text: 'Harvest', style: 'Title' as const }, { text: 'Author: grey' }];
    const story = [{ text: 'Chapter 1', style: 'Heading1' as const }, { text: 'Willow counted the jars.' }];
    const stamped = { created: '2010-10-31T09:00:00Z', modified: '2011-01-02T09:00:00Z' };
    const draft = await readBytes(buildDocx([...paragraphs, ...story], stamped), 'h.docx');
    expect([draft.published, draft.updated]).toEqual(['2010-10-31', '2011-01-02']);
    const headed = await readBytes(
      buildDocx([...paragraphs, { text: 'Date: 3/4/2009' }, ...story], stamped),
      'headed.docx',
    );
    expect(headed.published).toBe('2009-03-04');
  });

  it('reads Markdown front matter `date:`, a YAML date or a string', async () => {
    const yamlDate = await readBytes(
      new TextEncoder().encode('---\ntitle: T\ndate: 2016-08-01\n---\nStory text.'),
      'a.md',
    );
    expect(yamlDate.published).toBe('2016-08-01');
    const written = await readBytes(
      new TextEncoder().encode('---\ntitle: T\ndate: "August 1, 2016"\n---\nStory text.'),
      'b.md',
    );
    expect(written.published).toBe('2016-08-01');
  });

  it('states no date when the file has none, and ignores a date it cannot read', async () => {
    const draft = await readText('Title: Bare\nAuthor: ink\nDate: sometime in spring\n\nJust text.');
    expect([draft.published, draft.updated]).toEqual([null, null]);
  });
});
