import type { StoredText } from '../../../db/stored-text.ts';
import { storedChapterHtml } from '../../../ingest/stored-html.ts';
import type { ChapterView, WorkSummary } from '../../../repositories/work-view.ts';
import { chapterPath, fullWorkPath, navigatePath } from '../../paths.ts';
import { sanitizedHtml } from '../../render.ts';
import { TextParagraphs } from '../blurb.tsx';

/** Previous and next chapter, the other way to read, and the chapter index. */
export function ChapterNav({ work, current }: { work: WorkSummary; current: number | 'full' }) {
  if (work.chapterCount <= 1) return null;
  const position = current === 'full' ? null : current;
  return (
    <nav class="chapter-nav" aria-label="Chapters">
      <ul>
        {position !== null && position > 1 ? (
          <li>
            <a rel="prev" href={chapterPath(work.id, position - 1)}>
              ← Previous Chapter
            </a>
          </li>
        ) : null}
        {position !== null && position < work.chapterCount ? (
          <li>
            <a rel="next" href={chapterPath(work.id, position + 1)}>
              Next Chapter →
            </a>
          </li>
        ) : null}
        <li>
          {current === 'full' ? (
            <a href={chapterPath(work.id, 1)}>Chapter by Chapter</a>
          ) : (
            <a href={fullWorkPath(work.id)}>Entire Work</a>
          )}
        </li>
      </ul>
      <details class="chapter-index">
        <summary>Chapter Index</summary>
        <ol>
          {work.chapterTitles.map((chapter) => (
            <li key={chapter.position}>
              <a
                href={chapterPath(work.id, chapter.position)}
                aria-current={chapter.position === position ? 'page' : undefined}
              >
                {chapter.position}. {chapter.title ?? `Chapter ${chapter.position}`}
              </a>
            </li>
          ))}
        </ol>
        <p>
          <a href={navigatePath(work.id)}>Full-page index</a>
        </p>
      </details>
    </nav>
  );
}

/** One chapter: its heading, notes, the text the sanitizer wrote, end notes. */
export function Chapter({ work, chapter }: { work: WorkSummary; chapter: ChapterView<StoredText> }) {
  const headingId = `chapter-${chapter.position}-heading`;
  const heading =
    work.chapterCount > 1
      ? `Chapter ${chapter.position}${chapter.title ? `: ${chapter.title}` : ''}`
      : chapter.title;
  return (
    <section
      class="chapter"
      aria-labelledby={heading ? headingId : undefined}
      aria-label={heading ? undefined : 'Work text'}
    >
      {heading ? (
        <h2 class="chapter-title" id={headingId}>
          {heading}
        </h2>
      ) : null}
      {chapter.notes ? (
        <div class="notes">
          <h3>Chapter Notes</h3>
          <TextParagraphs text={chapter.notes} />
        </div>
      ) : null}
      <div
        class="userstuff"
        // The only unescaped HTML on the site: chapter bodies the sanitizer wrote (see storedChapterHtml).
        dangerouslySetInnerHTML={{
          __html: sanitizedHtml(storedChapterHtml(chapter.html, chapter.sanitizerVersion)),
        }}
      />
      {chapter.endNotes ? (
        <div class="end-notes">
          <h3>Chapter End Notes</h3>
          <TextParagraphs text={chapter.endNotes} />
        </div>
      ) : null}
    </section>
  );
}
