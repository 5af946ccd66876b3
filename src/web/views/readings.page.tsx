import type { ReadingMark, ReadingsPage as Readings } from '../../services/community/reading.service.ts';
import { chapterPath, readingsPath } from '../paths.ts';
import { Csrf } from './account.page.tsx';
import { Blurb } from './blurb.tsx';
import { formatDate, formatNumber } from './format.ts';
import { Layout } from './layout.tsx';
import type { PageContext } from './page-context.ts';
import { Pagination } from './pagination.tsx';

/** "Continue reading (Chapter 3)": where the member stopped, when past the first chapter. */
export function ContinueReading({
  workId,
  lastChapter,
  chapterCount,
}: {
  workId: number;
  lastChapter: number | null;
  chapterCount: number;
}) {
  if (lastChapter === null || lastChapter < 2 || lastChapter > chapterCount) return null;
  return (
    <a class="button continue-reading" href={chapterPath(workId, lastChapter)}>
      Continue reading (Chapter {lastChapter})
    </a>
  );
}

/** What a member sees on a work page of their own reading: continue, bookmark, Mark for Later. */
export interface ReaderBox {
  workId: number;
  chapterCount: number;
  csrf: string;
  mark: ReadingMark;
  /** The member's bookmark of the work, to edit; null when they have none. */
  bookmarkId: number | null;
}

export function ReaderActions({ box }: { box: ReaderBox }) {
  return (
    <ul class="reader-actions" aria-label="Your reading">
      {box.mark.lastChapter !== null && box.mark.lastChapter >= 2 ? (
        <li>
          <ContinueReading
            workId={box.workId}
            lastChapter={box.mark.lastChapter}
            chapterCount={box.chapterCount}
          />
        </li>
      ) : null}
      <li>
        <a
          class="button"
          href={
            box.bookmarkId === null
              ? `/works/${box.workId}/bookmarks/new`
              : `/bookmarks/${box.bookmarkId}/edit`
          }
        >
          {box.bookmarkId === null ? 'Bookmark' : 'Edit Bookmark'}
        </a>
      </li>
      <li>
        <form
          method="post"
          action={`/works/${box.workId}/${box.mark.later ? 'mark-as-read' : 'mark-for-later'}`}
          class="inline-form"
        >
          <Csrf value={box.csrf} />
          <button type="submit">{box.mark.later ? 'Mark as Read' : 'Mark for Later'}</button>
        </form>
      </li>
    </ul>
  );
}

/** A member's history or Mark for Later list: search, pause, clear, and each work with when and how often. */
export function ReadingsPage({
  ctx,
  csrf,
  readings,
}: {
  ctx: PageContext;
  csrf: string;
  readings: Readings;
}) {
  const base = readingsPath(readings.owner.name);
  const heading = readings.later ? 'Marked for Later' : 'History';
  const pairs: [string, string][] = [
    ...(readings.later ? ([['show', 'to-read']] as [string, string][]) : []),
    ...(readings.search ? ([['q', readings.search]] as [string, string][]) : []),
  ];
  return (
    <Layout ctx={ctx} title={heading} noindex>
      <h1>{heading}</h1>
      <nav aria-label="Your reading lists">
        <a href={base} aria-current={readings.later ? undefined : 'page'}>
          History
        </a>{' '}
        ·{' '}
        <a href={`${base}?show=to-read`} aria-current={readings.later ? 'page' : undefined}>
          Marked for Later
        </a>
      </nav>
      <form method="get" action={base} class="readings-search">
        {readings.later ? <input type="hidden" name="show" value="to-read" /> : null}
        <label for="readings-q">Search by title or creator</label>
        <input id="readings-q" name="q" type="search" value={readings.search ?? ''} maxLength={200} />
        <button type="submit">Search</button>
      </form>
      {readings.later ? null : (
        <div class="history-controls">
          {readings.paused ? (
            <p role="status">Your history is paused: what you read now is not kept.</p>
          ) : null}
          <form method="post" action={`${base}/pause`} class="inline-form">
            <Csrf value={csrf} />
            <input type="hidden" name="paused" value={readings.paused ? '0' : '1'} />
            <button type="submit">{readings.paused ? 'Resume History' : 'Pause History'}</button>
          </form>
          <form method="post" action={`${base}/clear`} class="inline-form">
            <Csrf value={csrf} />
            <button type="submit">Clear History</button>
          </form>
        </div>
      )}
      <p class="result-count">
        {readings.total === 0
          ? readings.search
            ? 'No works match.'
            : 'Nothing here yet.'
          : `${formatNumber(readings.total)} ${readings.total === 1 ? 'work' : 'works'}`}
      </p>
      <ol class="work-list">
        {readings.entries.map((entry) => (
          <Blurb key={entry.workId} work={entry.work} settings={ctx.settings}>
            <div class="reading">
              {entry.lastReadAt ? (
                <p>
                  Last visited: {formatDate(entry.lastReadAt)} · Visited{' '}
                  {entry.views === 1 ? 'once' : `${formatNumber(entry.views)} times`}
                </p>
              ) : null}
              {entry.later ? <p>Marked for Later.</p> : null}
              <ContinueReading
                workId={entry.workId}
                lastChapter={entry.lastChapter}
                chapterCount={entry.work.chapterCount}
              />
              {entry.later ? (
                <form method="post" action={`/works/${entry.workId}/mark-as-read`} class="inline-form">
                  <Csrf value={csrf} />
                  <button type="submit" aria-label={`Mark ${entry.work.title} as read`}>
                    Mark as Read
                  </button>
                </form>
              ) : null}
            </div>
          </Blurb>
        ))}
      </ol>
      <Pagination basePath={base} pairs={pairs} page={readings.page} pages={readings.pages} />
    </Layout>
  );
}
