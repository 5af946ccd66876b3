import type { TagKind } from '../../domain/tag-kinds.ts';
import { storedChapterHtml } from '../../ingest/stored-html.ts';
import type { Evidence } from '../../ingest/story.ts';
import type { ChapterView, TagView, WorkView } from '../../repositories/work-view.ts';
import type { SeriesNeighbours } from '../../services/catalog.service.ts';
import {
  chapterPath,
  downloadPath,
  fullWorkPath,
  navigatePath,
  seriesPath,
  tagFeedPath,
  workPath,
} from '../paths.ts';
import type { ReaderSettings } from '../reader-settings.ts';
import { Creators, HiddenTags, TagLink, TextParagraphs, WorkStats } from './blurb.tsx';
import { type KudosBox, KudosSection } from './kudos.tsx';
import { Layout } from './layout.tsx';
import type { PageContext } from './page-context.ts';

export interface DownloadLink {
  label: string;
  fileName: string;
}

const META_KINDS: [TagKind, string, string][] = [
  ['rating', 'Rating', 'Ratings'],
  ['warning', 'Archive Warning', 'Archive Warnings'],
  ['category', 'Category', 'Categories'],
  ['fandom', 'Fandom', 'Fandoms'],
  ['relationship', 'Relationship', 'Relationships'],
  ['character', 'Character', 'Characters'],
  ['freeform', 'Additional Tags', 'Additional Tags'],
];

function describeEvidence(evidence: Evidence): string {
  if (evidence.source === 'header') return `The work's header: "${evidence.label}: ${evidence.value}"`;
  if (evidence.source === 'rule') return evidence.reason;
  return `Chapter ${evidence.chapter}: “${evidence.quote}”`;
}

/** Quire's suggestions carry their passages, opened on demand (a disclosure, so it works without JavaScript). */
function TagWithEvidence({ tag }: { tag: TagView }) {
  const passages = tag.evidence.filter((evidence) => evidence.source !== 'header');
  if (tag.source !== 'inferred' || passages.length === 0) return <TagLink tag={tag} />;
  return (
    <span class="inferred-tag">
      <TagLink tag={tag} />
      <details class="evidence">
        <summary>
          <span class="sr-only">Why Quire suggests {tag.name}: </span>
          <span aria-hidden="true">why?</span>
        </summary>
        <ul>
          {passages.map((evidence, index) => (
            <li key={index}>{describeEvidence(evidence)}</li>
          ))}
        </ul>
      </details>
    </span>
  );
}

/** Ratings, warnings and categories are AO3's fixed names: a file's own spelling ("NC-17") is not shown. */
const FIXED_KINDS: ReadonlySet<TagKind> = new Set(['rating', 'warning', 'category']);

/** A work's tags of one kind as the page shows them: the fixed kinds by their AO3 names, once each. */
function tagsOfKind(work: WorkView, kind: TagKind): TagView[] {
  const tags = work.tags.filter((tag) => tag.kind === kind);
  if (!FIXED_KINDS.has(kind)) return tags;
  const seen = new Set<number>();
  return tags.flatMap((tag) => {
    if (seen.has(tag.canonicalId)) return [];
    seen.add(tag.canonicalId);
    return [{ ...tag, name: tag.canonicalName }];
  });
}

/**
 * AO3's tag block: every tag grouped by kind, then series and stats. Warnings and additional tags the
 * reader hides stay behind a "Show" button; on a chapter page after the first the whole block is folded,
 * so the chapter's heading is on the first screen of a phone.
 */
export function WorkMeta({
  work,
  series,
  settings,
  folded = false,
}: {
  work: WorkView;
  series: SeriesNeighbours[];
  settings: ReaderSettings;
  folded?: boolean;
}) {
  const hasInferred = work.tags.some((tag) => tag.source === 'inferred');
  const hidden: Partial<Record<TagKind, string>> = {
    ...(settings.hideWarnings ? { warning: 'Show warnings' } : {}),
    ...(settings.hideFreeforms ? { freeform: 'Show additional tags' } : {}),
  };
  const block = (
    <>
      <dl class="meta">
        {META_KINDS.map(([kind, one, many]) => {
          const tags = tagsOfKind(work, kind);
          if (tags.length === 0) return null;
          const hide = hidden[kind];
          return (
            <div key={kind} class={`meta-${kind}`}>
              <dt>{hide ? many : tags.length === 1 ? one : many}:</dt>
              <dd>
                {hide ? (
                  <HiddenTags label={hide} tags={tags} />
                ) : (
                  <ul class="tags commas">
                    {tags.map((tag) => (
                      <li
                        key={tag.id}
                        class={tag.kind === 'relationship' && tag.main ? 'main-pairing' : undefined}
                      >
                        <TagWithEvidence tag={tag} />
                        {tag.kind === 'relationship' && tag.main ? (
                          <span class="badge">main pairing</span>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                )}
              </dd>
            </div>
          );
        })}
        {work.series.length > 0 ? (
          <div>
            <dt>Series:</dt>
            <dd>
              <SeriesNav series={series} label="Series" />
            </dd>
          </div>
        ) : null}
      </dl>
      <WorkStats work={work} full />
      {hasInferred ? (
        <p class="inferred-note">
          <span class="tag tag-inferred">Dashed tags</span> were suggested by Quire from the text, not given
          by the author; open “why?” to see the passages.
        </p>
      ) : null}
    </>
  );
  if (folded)
    return (
      <details class="work-meta">
        <summary>Work tags and stats</summary>
        {block}
      </details>
    );
  return (
    <div class="work-meta">
      <h2 class="sr-only">Work tags</h2>
      {block}
    </div>
  );
}

/** AO3's "« Previous Work  Part 2 of Valentines  Next Work »", once for each series. */
function SeriesNav({ series, label }: { series: SeriesNeighbours[]; label: string }) {
  if (series.length === 0) return null;
  return (
    <nav class="series-nav" aria-label={label}>
      {series.map((entry) => (
        <ul key={entry.id}>
          {entry.previous ? (
            <li>
              <a rel="prev" href={workPath(entry.previous.id)}>
                « Previous Work
                <span class="sr-only">
                  {' '}
                  in {entry.title}: {entry.previous.title}
                </span>
              </a>
            </li>
          ) : null}
          <li>
            {entry.position === null ? 'Part of ' : `Part ${entry.position} of `}
            <a href={seriesPath(entry.id)}>{entry.title}</a>
          </li>
          {entry.next ? (
            <li>
              <a rel="next" href={workPath(entry.next.id)}>
                Next Work »
                <span class="sr-only">
                  {' '}
                  in {entry.title}: {entry.next.title}
                </span>
              </a>
            </li>
          ) : null}
        </ul>
      ))}
    </nav>
  );
}

/** The download formats, as AO3's Download menu at the top of a work offers them. */
function DownloadMenu({ work, downloads }: { work: WorkView; downloads: DownloadLink[] }) {
  return (
    <details class="download-menu">
      <summary>Download</summary>
      <ul>
        {downloads.map((download) => (
          <li key={download.label}>
            <a href={downloadPath(work.id, download.fileName)} download={download.fileName}>
              {download.label}
            </a>
          </li>
        ))}
      </ul>
    </details>
  );
}

function ChapterNav({ work, current }: { work: WorkView; current: number | 'full' }) {
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

function Chapter({ work, chapter }: { work: WorkView; chapter: ChapterView }) {
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
        dangerouslySetInnerHTML={{ __html: storedChapterHtml(chapter.html, chapter.sanitizerVersion) }}
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

export function WorkPage({
  ctx,
  work,
  current,
  downloads,
  series,
  kudos,
}: {
  ctx: PageContext;
  work: WorkView;
  kudos: KudosBox;
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
        <p class="report-link">
          <a href={`/report?kind=work&id=${work.id}`} rel="nofollow">
            Report this work
          </a>
        </p>
        {isLast ? <SeriesNav series={series} label="Series, after the work" /> : null}
        <section class="downloads" aria-labelledby="downloads-heading">
          <h2 id="downloads-heading">Download</h2>
          <ul>
            {downloads.map((download) => (
              <li key={download.label}>
                <a href={downloadPath(work.id, download.fileName)} download={download.fileName}>
                  {download.label}
                </a>
              </li>
            ))}
          </ul>
        </section>
        <p>
          <a href={workPath(work.id)}>Back to the work's first page</a>
        </p>
      </article>
    </Layout>
  );
}
