/**
 * The parts of a download, shared by the HTML file and the EPUB's pages. They follow AO3's download markup
 * (`#preface`, `dl.tags`, a `<p>Summary</p>` label before a blockquote, `div.userstuff`, `#afterword`) so
 * e-readers' AO3 styles apply and Quire's own EPUB and HTML readers read a download back with its tags.
 */
import type { ComponentChildren } from 'preact';
import { publishedDay, updatedDay } from '../domain/work-dates.ts';
import { storedChapterHtml } from '../ingest/stored-html.ts';
import type { ChapterView, WorkView } from '../repositories/work-view.ts';
import {
  chapterHeading,
  chapterStat,
  creatorNames,
  type ExportOptions,
  isRightToLeft,
  languageName,
  languageTag,
  paragraphsOf,
  seriesLines,
  tagRows,
  tagUrl,
  workTitle,
  workUrl,
} from './work-meta.ts';

/** Plain text stored with blank lines between paragraphs, as paragraphs. */
export function Prose({ text }: { text: string | null }) {
  return (
    <>
      {paragraphsOf(text).map((paragraph, index) => (
        // Line breaks inside a paragraph are kept as the creator wrote them.
        <p key={index}>
          {paragraph.split('\n').map((line, lineIndex) => (
            <>
              {lineIndex > 0 ? <br /> : null}
              {line}
            </>
          ))}
        </p>
      ))}
    </>
  );
}

/** A labelled note block as AO3 writes it: `<p>Notes</p><blockquote>...</blockquote>`. */
function Labelled({ label, text }: { label: string; text: string | null }) {
  if (paragraphsOf(text).length === 0) return null;
  return (
    <>
      <p class="label">{label}</p>
      <blockquote class="userstuff">
        <Prose text={text} />
      </blockquote>
    </>
  );
}

/** The title page: title, creators, every tag by kind, language, series, stats, summary and the work's notes. */
export function Preface({ work, options }: { work: WorkView; options: ExportOptions }) {
  const rows = tagRows(work);
  const anyInferred = rows.some((row) => row.tags.some((tag) => tag.source === 'inferred'));
  const url = workUrl(work, options);
  const creators = creatorNames(work);
  return (
    <div id="preface">
      <h1 class="title">{workTitle(work)}</h1>
      {creators.length > 0 ? <p class="byline">by {creators.join(', ')}</p> : null}
      <p class="message">
        Posted on <a href={options.siteUrl}>{options.siteName}</a> at <a href={url}>{url}</a>.
      </p>
      <div class="meta">
        <dl class="tags">
          {rows.map((row) => (
            <>
              <dt class={row.kind}>{row.label}:</dt>
              <dd class={`${row.kind} tags`}>
                {row.tags.map((tag, index) => (
                  <>
                    {index > 0 ? ', ' : null}
                    <a
                      class={tag.source === 'inferred' ? 'tag inferred' : 'tag'}
                      href={tagUrl(tag, options)}
                      title={tag.source === 'inferred' ? `Suggested by ${options.siteName}` : undefined}
                    >
                      {tag.name}
                    </a>
                  </>
                ))}
              </dd>
            </>
          ))}
          <dt class="language">Language:</dt>
          <dd class="language">{languageName(work)}</dd>
          {seriesLines(work).map((line) => (
            <>
              <dt class="series">Series:</dt>
              <dd class="series">{line}</dd>
            </>
          ))}
          <dt class="stats">Stats:</dt>
          <dd class="stats">
            Published: {publishedDay(work)} {work.complete ? 'Completed' : 'Updated'}: {updatedDay(work)}{' '}
            Words: {work.words.toLocaleString('en-US')} Chapters: {chapterStat(work)}
          </dd>
        </dl>
        {anyInferred ? (
          <p class="legend">
            Tags in italics were suggested by {options.siteName} from the text; the creator did not give them.
          </p>
        ) : null}
      </div>
      <Labelled label="Summary" text={work.summary} />
      <Labelled label="Notes" text={work.notes} />
    </div>
  );
}

/**
 * One chapter: its heading (always, so a reader never mistakes a heading inside the text for the chapter's
 * title), its notes, the text, its end notes.
 */
export function Chapter({ chapter }: { chapter: ChapterView }) {
  return (
    <div class="chapter" id={`chapter-${chapter.position}`}>
      <h2 class="heading">{chapterHeading(chapter.position, chapter.title)}</h2>
      {paragraphsOf(chapter.notes).length > 0 ? (
        <div class="meta">
          <Labelled label="Chapter Notes" text={chapter.notes} />
        </div>
      ) : null}
      <ChapterText chapter={chapter} />
      {paragraphsOf(chapter.endNotes).length > 0 ? (
        <div class="endnotes">
          <Labelled label="Chapter End Notes" text={chapter.endNotes} />
        </div>
      ) : null}
    </div>
  );
}

/**
 * The only place stored HTML enters a download unescaped: `ChapterView.html` is what the import sanitizer
 * wrote (paragraphs, inline emphasis, headings, breaks; no attributes), sanitized again by the same rule as
 * the work page when an older allowlist wrote it.
 */
function ChapterText({ chapter }: { chapter: ChapterView }) {
  const html = storedChapterHtml(chapter.html, chapter.sanitizerVersion);
  return <div class="userstuff" dangerouslySetInnerHTML={{ __html: html }} />;
}

/** The end of the work: its end notes and where to leave kudos and comments. */
export function Afterword({ work, options }: { work: WorkView; options: ExportOptions }) {
  const url = workUrl(work, options);
  return (
    <div id="afterword">
      <h2 class="heading">Afterword</h2>
      {paragraphsOf(work.endNotes).length > 0 ? (
        <div class="endnotes">
          <Labelled label="End Notes" text={work.endNotes} />
        </div>
      ) : null}
      <p class="message">
        Please drop by <a href={options.siteUrl}>{options.siteName}</a> to leave kudos or comments:{' '}
        <a href={url}>{url}</a>.
      </p>
    </div>
  );
}

/** The whole work on one page: the HTML download. */
export function DownloadDocument({ work, options }: { work: WorkView; options: ExportOptions }) {
  const lang = languageTag(work);
  return (
    <html lang={lang} dir={isRightToLeft(lang) ? 'rtl' : undefined}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="generator" content={options.siteName} />
        <title>
          {creatorNames(work).length > 0
            ? `${workTitle(work)} - ${creatorNames(work).join(', ')}`
            : workTitle(work)}
        </title>
        <style>{`${DOWNLOAD_CSS}${PRINT_CSS}`}</style>
      </head>
      <body>
        <Preface work={work} options={options} />
        <div id="chapters">
          {work.chapters.map((chapter) => (
            <Chapter key={chapter.id} chapter={chapter} />
          ))}
        </div>
        <Afterword work={work} options={options} />
      </body>
    </html>
  );
}

/** One EPUB content document, before `htmlToXhtmlDocument` writes it as XML. */
export function XhtmlPage(props: { lang: string; rtl: boolean; title: string; children: ComponentChildren }) {
  return (
    <html lang={props.lang} {...{ 'xml:lang': props.lang }} dir={props.rtl ? 'rtl' : undefined}>
      <head>
        <title>{props.title}</title>
        <link rel="stylesheet" type="text/css" href="style.css" />
      </head>
      <body>{props.children}</body>
    </html>
  );
}

/** The EPUB 3 navigation document's table of contents. */
export function Contents({ entries }: { entries: { id: string; href: string; label: string }[] }) {
  return (
    <nav {...{ 'epub:type': 'toc' }} id="toc">
      <h1>Contents</h1>
      <ol>
        {entries.map((entry) => (
          <li key={entry.id}>
            <a href={entry.href}>{entry.label}</a>
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** The look of a download: readable defaults that an e-reader's own settings can override. */
export const DOWNLOAD_CSS = `body { font-family: serif; line-height: 1.5; margin: 0 5%; }
h1, h2, h3 { font-family: sans-serif; line-height: 1.2; }
h1.title { text-align: center; }
p.byline, p.message { text-align: center; }
dl.tags { margin: 1em 0; }
dl.tags dt { font-weight: bold; float: left; clear: left; margin-right: 0.5em; }
dl.tags dd { margin: 0 0 0.3em 0; }
a.tag.inferred { font-style: italic; }
p.legend { font-size: 0.85em; font-style: italic; }
p.label { font-weight: bold; margin-bottom: 0; }
blockquote { margin: 0.5em 0 1em 1.5em; }
div.meta, div.endnotes { border-bottom: 1px solid #999; margin-bottom: 1em; }
div.userstuff p { margin: 0 0 0.8em 0; }
hr { border: 0; border-top: 1px solid #999; margin: 1.5em 25%; }
`;

/**
 * How the HTML download prints, and so the PDF (pdf.ts): A5 pages, which a phone or e-reader shows whole and
 * a printer puts two to a sheet; each chapter and the afterword on a new page; no heading left alone at the
 * foot of a page. Only in the HTML: e-readers lay out an EPUB's pages themselves.
 */
export const PRINT_CSS = `@page { size: A5; margin: 16mm 14mm; }
@media print {
  body { margin: 0; font-size: 11pt; }
  div.chapter, #afterword { break-before: page; }
  h1, h2, h3, p.label, dt { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
`;
