import type { StoredText } from '../../db/stored-text.ts';
import type { WorkSummary, WorkView } from '../../repositories/work-view.ts';
import type { SeriesNeighbours } from '../../services/catalog.service.ts';
import { downloadPath, tagFeedPath, workPath } from '../paths.ts';
import { Creators, TextParagraphs } from './blurb.tsx';
import { type CommentBox, CommentsSection } from './comments.tsx';
import { type KudosBox, KudosSection } from './kudos.tsx';
import { Layout } from './layout.tsx';
import type { PageContext } from './page-context.ts';
import { ReaderActions, type ReaderBox } from './readings.page.tsx';
import { type SubscribeBox, SubscribeButton } from './subscribe-button.tsx';
import { Chapter, ChapterNav } from './work/chapter.tsx';
import { SeriesNav } from './work/series-nav.tsx';
import { WorkMeta } from './work/work-meta.tsx';

export interface DownloadLink {
  label: string;
  fileName: string;
}

/** The download formats, as AO3's Download menu at the top of a work offers them. */
function DownloadMenu({ work, downloads }: { work: WorkSummary; downloads: DownloadLink[] }) {
  return (
    <details class="download-menu">
      <summary>Download</summary>
      <DownloadLinks work={work} downloads={downloads} />
    </details>
  );
}

function DownloadLinks({ work, downloads }: { work: WorkSummary; downloads: DownloadLink[] }) {
  return (
    <ul>
      {downloads.map((download) => (
        <li key={download.label}>
          <a href={downloadPath(work.id, download.fileName)} download={download.fileName}>
            {download.label}
          </a>
        </li>
      ))}
    </ul>
  );
}

export function WorkPage({
  ctx,
  work,
  current,
  downloads,
  series,
  kudos,
  comments,
  reader = null,
  subscription,
}: {
  ctx: PageContext;
  work: WorkView<StoredText>;
  kudos: KudosBox;
  /** The page's comments, or null where none can be shown. */
  comments: CommentBox | null;
  /** A member's own reading: continue reading, bookmark, Mark for Later; null for a guest. */
  reader?: ReaderBox | null;
  /** Subscribe to the work's new chapters (a log-in prompt for a guest). */
  subscription?: SubscribeBox;
  /** The chapter shown, or the entire work. */
  current: number | 'full';
  downloads: DownloadLink[];
  /** The works before and after this one in each of its series. */
  series: SeriesNeighbours[];
}) {
  const isLast = current === 'full' || current === work.chapterCount;
  const isFirst = current === 'full' || current === 1;
  const fandom = work.tags.find((tag) => tag.kind === 'fandom');
  return (
    <Layout
      ctx={ctx}
      title={work.chapterCount > 1 && current !== 'full' ? `${work.title} - Chapter ${current}` : work.title}
      feeds={
        fandom
          ? [{ title: `New works in ${fandom.canonicalName}`, href: tagFeedPath(fandom.canonicalName) }]
          : []
      }
    >
      <article class="work" aria-labelledby="work-title">
        <div class="work-navigation">
          <DownloadMenu work={work} downloads={downloads} />
        </div>
        {reader ? <ReaderActions box={reader} /> : null}
        {subscription ? <SubscribeButton box={subscription} /> : null}
        <WorkMeta
          work={work}
          series={series}
          settings={ctx.settings}
          folded={current !== 'full' && current > 1}
        />
        <div class="preface">
          <h1 id="work-title" class="title">
            {work.title}
          </h1>
          <p class="byline">
            by <Creators work={work} />
          </p>
          {isFirst && work.summary ? (
            <div class="summary">
              <h2>Summary:</h2>
              <blockquote>
                <TextParagraphs text={work.summary} />
              </blockquote>
            </div>
          ) : null}
          {isFirst && work.notes ? (
            <div class="notes">
              <h2>Notes:</h2>
              <TextParagraphs text={work.notes} />
            </div>
          ) : null}
        </div>
        <ChapterNav work={work} current={current} />
        {work.chapters.map((chapter) => (
          <Chapter key={chapter.id} work={work} chapter={chapter} />
        ))}
        {isLast && work.endNotes ? (
          <div class="end-notes work-end-notes">
            <h2>Notes:</h2>
            <TextParagraphs text={work.endNotes} />
          </div>
        ) : null}
        <ChapterNav work={work} current={current} />
        <KudosSection box={kudos} />
        {comments ? <CommentsSection box={comments} /> : null}
        <p class="report-link">
          <a href={`/report?kind=work&id=${work.id}`} rel="nofollow">
            Report this work
          </a>
        </p>
        {isLast ? <SeriesNav series={series} label="Series, after the work" /> : null}
        <section class="downloads" aria-labelledby="downloads-heading">
          <h2 id="downloads-heading">Download</h2>
          <DownloadLinks work={work} downloads={downloads} />
        </section>
        <p>
          <a href={workPath(work.id)}>Back to the work's first page</a>
        </p>
      </article>
    </Layout>
  );
}
