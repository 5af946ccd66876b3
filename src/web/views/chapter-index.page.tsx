import type { WorkSummary } from '../../repositories/work-view.ts';
import { chapterPath, workPath } from '../paths.ts';
import { Creators } from './blurb.tsx';
import { formatDate } from './format.ts';
import { Layout } from './layout.tsx';
import type { PageContext } from './page-context.ts';

/**
 * The date each chapter went up, where the archive knows it: the first chapter's is the work's posting
 * date and the last chapter's its update date (what AO3's "Updated" means); chapters between them in an
 * imported file carry no date of their own, and none is made up for them (nor for a file that stated none).
 */
function chapterDate(work: WorkSummary, position: number): string | null {
  if (position === 1) return work.dateUnknown ? null : formatDate(work.publishedAt);
  if (position === work.chapterCount) return work.updatedUnknown ? null : formatDate(work.updatedAt);
  return null;
}

/** AO3's chapter index (`/works/:id/navigate`): every chapter, numbered, with its date. */
export function ChapterIndexPage({ ctx, work }: { ctx: PageContext; work: WorkSummary }) {
  return (
    <Layout ctx={ctx} title={`Chapter Index for ${work.title}`}>
      <h1>
        Chapter Index for <a href={workPath(work.id)}>{work.title}</a> by <Creators work={work} />
      </h1>
      <ol class="chapter-index-list">
        {work.chapterTitles.map((chapter) => {
          const date = chapterDate(work, chapter.position);
          return (
            <li key={chapter.position}>
              <a href={chapterPath(work.id, chapter.position)}>
                {chapter.position}. {chapter.title ?? `Chapter ${chapter.position}`}
              </a>{' '}
              {date ? <span class="datetime">({date})</span> : null}
            </li>
          );
        })}
      </ol>
    </Layout>
  );
}
