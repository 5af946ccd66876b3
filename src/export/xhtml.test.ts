import fc from 'fast-check';
import { type ComponentChildren, h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { SANITIZER_VERSION } from '../ingest/html-blocks.ts';
import type { TagView, WorkView } from '../repositories/work-view.ts';
import type { ExportOptions } from './work-meta.ts';
import { Afterword, Chapter, Contents, Preface, XhtmlPage } from './work-parts.tsx';
import { htmlToXhtmlDocument, renderedPageToXhtml, xmlAttribute, xmlText } from './xhtml.ts';

const OPTIONS: ExportOptions = {
  siteName: 'Quire',
  siteUrl: 'https://quire.example',
  generatedAt: new Date('2026-02-03T04:05:06Z'),
};

function tag(kind: TagView['kind'], name: string, source: TagView['source'] = 'author'): TagView {
  return { id: 1, kind, name, canonicalId: 1, canonicalName: name, source, main: false, evidence: [] };
}

/** A work whose every free-text field is `text`. */
function workWith(text: string): WorkView {
  return {
    id: 7,
    title: text,
    creators: [{ id: 1, name: text }],
    summary: `${text}\n\n${text}`,
    notes: `${text}\nsecond line`,
    endNotes: text,
    rating: 'General Audiences',
    language: 'en',
    complete: false,
    words: 1200,
    chapterCount: 1,
    chaptersPlanned: null,
    publishedAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-02T00:00:00Z',
    dateUnknown: false,
    updatedUnknown: false,
    sourceUrl: null,
    importedAt: '2026-01-02T00:00:00Z',
    kudos: 0,
    hits: 0,
    bookmarks: 0,
    comments: 0,
    series: [{ id: 1, title: text, position: 2 }],
    tags: [tag('fandom', text), tag('freeform', text, 'inferred'), tag('character', 'Zoë')],
    chapterTitles: [],
    chapters: [
      {
        id: 1,
        position: 1,
        title: text,
        notes: text,
        endNotes: text,
        // The mark epub.ts puts where the chapter's text goes.
        html: '<quire-chapter-text></quire-chapter-text>',
        sanitizerVersion: SANITIZER_VERSION,
        words: 1200,
      },
    ],
  };
}

/** Every kind of page an EPUB has, rendered as epub.ts renders them. */
function pagesOf(work: WorkView, lang = 'en', rtl = false): string[] {
  const page = (title: string, body: ComponentChildren) =>
    renderToString(h(XhtmlPage, { lang, rtl, title, children: body }));
  const [chapter] = work.chapters;
  if (!chapter) throw new Error('the work has a chapter');
  return [
    page(work.title, h(Preface, { work, options: OPTIONS })),
    page(work.title, h(Chapter, { chapter })),
    page(work.title, h(Afterword, { work, options: OPTIONS })),
    page('Contents', h(Contents, { entries: [{ id: 'a', href: 'a.xhtml', label: work.title }] })),
  ];
}

/** The quick way gives the parser's bytes, or leaves the page to the parser. */
function expectSameOrNull(html: string): string | null {
  const quick = renderedPageToXhtml(html);
  if (quick !== null) expect(quick, html).toBe(htmlToXhtmlDocument(html));
  return quick;
}

describe('renderedPageToXhtml', () => {
  it('writes every kind of page as the parser would, without one', () => {
    const text = `Tom & "Jerry" <3 > 'x' </p><script>alert(1)</script> Café 😀 שלום &amp; &nbsp;`;
    for (const [lang, rtl] of [
      ['en', false],
      ['he', true],
    ] as const)
      for (const html of pagesOf(workWith(text), lang, rtl)) {
        const xhtml = expectSameOrNull(html);
        expect(xhtml, html).not.toBeNull();
        expect(xhtml).not.toContain('<script>');
        expect(xhtml).toContain('Tom &amp; "Jerry" &lt;3 &gt;');
      }
  });

  it('gives the same bytes as the parser for any text in any field, or declines', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
        for (const html of pagesOf(workWith(text))) expectSameOrNull(html);
      }),
      { numRuns: 150 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 20 }), (text) => {
        for (const html of pagesOf(workWith(text))) expectSameOrNull(html);
      }),
      { numRuns: 150 },
    );
  });

  it('leaves to the parser what a rendered page does not hold', () => {
    for (const html of [
      '<p>no root</p>',
      '<html><body><p>unclosed</body></html>',
      '<html><body><p>misnested</div></p></body></html>',
      '<html><body>a stray < here</body></html>',
      '<html><body>a raw & here</body></html>',
      '<html><body><p title="a &copy b">raw ampersand</p></body></html>',
      '<html><body><br>not closed</body></html>',
      '<html><body><p/>void-closed paragraph</body></html>',
      '<html><body><script>1 &lt; 2</script></body></html>',
      '<html><body><strike>obsolete</strike></body></html>',
      '<html><body><p xmlns="x">namespace</p></body></html>',
      '<html><body>control \u0001 character</body></html>',
      '<html><body>carriage\r\nreturn</body></html>',
      '<html><body></body></html>text after the root',
      '<html><body></body></html><html></html>',
    ])
      expect(renderedPageToXhtml(html), html).toBeNull();
  });
});

describe('xmlText and xmlAttribute', () => {
  it('escape what XML needs and drop what it cannot hold', () => {
    expect(xmlText('a & b < c > d "e"\u0001\ud800')).toBe('a &amp; b &lt; c &gt; d "e"');
    expect(xmlAttribute('a & b < c > d "e"\u0001')).toBe('a &amp; b &lt; c &gt; d &quot;e&quot;');
    expect(xmlText('😀 שלום')).toBe('😀 שלום');
  });
});
