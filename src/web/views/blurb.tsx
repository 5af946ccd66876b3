import type { TagKind } from '../../domain/tag-kinds.ts';
import { publishedDay, updatedDay } from '../../domain/work-dates.ts';
import type { BlurbTag, WorkBlurb } from '../../repositories/work-view.ts';
import { creatorPath, seriesPath, tagPath, workBookmarksPath, workPath } from '../paths.ts';
import type { ReaderSettings } from '../reader-settings.ts';
import { chapterCount, formatNumber, languageName } from './format.ts';

const RATING_SYMBOL: Record<string, [string, string]> = {
  'General Audiences': ['G', 'rating-general'],
  'Teen And Up Audiences': ['T', 'rating-teen'],
  Mature: ['M', 'rating-mature'],
  Explicit: ['E', 'rating-explicit'],
  'Not Rated': ['?', 'rating-notrated'],
};

const NO_WARNING = 'No Archive Warnings Apply';
const CHOSE_NOT = 'Creator Chose Not To Use Archive Warnings';

/**
 * AO3's four required-tag symbols (rating, category, warnings, complete), each with its words for screen
 * readers. With warnings hidden, the warning square says only that: its tooltip and screen-reader text would
 * otherwise give away what the reader asked not to see.
 */
export function RequiredTags({ work, hideWarnings = false }: { work: WorkBlurb; hideWarnings?: boolean }) {
  const [ratingLetter, ratingClass] = RATING_SYMBOL[work.rating] ?? ['?', 'rating-notrated'];
  const categories = work.tags.filter((tag) => tag.kind === 'category').map((tag) => tag.name);
  const warnings = work.tags.filter((tag) => tag.kind === 'warning').map((tag) => tag.name);
  const warned = warnings.some((warning) => warning !== NO_WARNING && warning !== CHOSE_NOT);
  const warningText = warnings.length > 0 ? warnings.join(', ') : CHOSE_NOT;
  const warningClass = warned
    ? 'warning-yes'
    : warnings.includes(NO_WARNING)
      ? 'warning-no'
      : 'warning-choosenot';
  const categoryText = categories.length > 0 ? categories.join(', ') : 'No category';
  const categoryClass =
    categories.length === 1
      ? `category-${categories[0]?.toLowerCase().replace('/', '')}`
      : categories.length > 1
        ? 'category-multi'
        : 'category-none';
  const symbols: [string, string, string, string][] = [
    ['Rating', work.rating, ratingClass, ratingLetter],
    [
      'Category',
      categoryText,
      categoryClass,
      categories.length === 1 ? (categories[0] ?? '') : categories.length > 1 ? 'Multi' : '',
    ],
    hideWarnings
      ? ['Archive warnings', 'hidden by your settings', 'warning-hidden', '?']
      : [
          'Archive warnings',
          warningText,
          warningClass,
          warned ? '!' : warnings.includes(NO_WARNING) ? '–' : '?',
        ],
    [
      'Status',
      work.complete ? 'Complete Work' : 'Work in Progress',
      work.complete ? 'complete-yes' : 'complete-no',
      work.complete ? '✓' : '…',
    ],
  ];
  return (
    <ul class="required-tags">
      {symbols.map(([label, text, className, letter]) => (
        <li key={label} class={`symbol ${className}`} title={text}>
          <span class="sr-only">
            {label}: {text}
          </span>
          <span aria-hidden="true" class={letter.length > 2 ? 'symbol-word' : undefined}>
            {letter}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** A tag link: the author's tags plain, Quire's suggestions marked so nobody mistakes them for the author's. */
export function TagLink({ tag }: { tag: BlurbTag }) {
  return (
    <a
      class={`tag tag-${tag.kind}${tag.source === 'inferred' ? ' tag-inferred' : ''}`}
      href={tagPath(tag.canonicalName)}
      title={tag.source === 'inferred' ? 'Suggested by Quire from the text' : undefined}
    >
      {tag.name}
      {tag.source === 'inferred' ? <span class="sr-only"> (suggested by Quire)</span> : null}
    </a>
  );
}

const BLURB_KINDS: TagKind[] = ['warning', 'relationship', 'character', 'freeform'];

/** The reader's settings a blurb reads: a kept blurb (kept-blurbs.tsx) is kept for each combination of them. */
export const BLURB_SETTINGS = ['hideWarnings', 'hideFreeforms'] as const;
export type BlurbSettings = Pick<ReaderSettings, (typeof BLURB_SETTINGS)[number]>;

/** A work in a listing, as AO3's blurb shows it. */
export function Blurb({
  work,
  settings,
  children,
}: {
  work: WorkBlurb;
  settings: BlurbSettings;
  /** What a listing adds under the work: a bookmarks page's bookmarks, a history's visits. */
  children?: preact.ComponentChildren;
}) {
  return (
    <li class="blurb" aria-labelledby={blurbTitleId(work)}>
      <BlurbBody work={work} settings={settings} />
      {children}
    </li>
  );
}

export const blurbTitleId = (work: WorkBlurb): string => `work-${work.id}-title`;

/** What a blurb's item holds: all of it depends on the work and `settings` alone. */
export function BlurbBody({ work, settings }: { work: WorkBlurb; settings: BlurbSettings }) {
  const fandoms = work.tags.filter((tag) => tag.kind === 'fandom');
  const listed = work.tags.filter(
    (tag) =>
      BLURB_KINDS.includes(tag.kind) &&
      !(settings.hideWarnings && tag.kind === 'warning') &&
      !(settings.hideFreeforms && tag.kind === 'freeform'),
  );
  return (
    <>
      <div class="blurb-header">
        <h3 class="heading" id={blurbTitleId(work)}>
          <a href={workPath(work.id)}>{work.title}</a> by <Creators work={work} />
        </h3>
        <p class="fandoms">
          <span class="sr-only">Fandoms: </span>
          {fandoms.map((tag, index) => (
            <span key={tag.id}>
              {index > 0 ? ', ' : ''}
              <TagLink tag={tag} />
            </span>
          ))}
        </p>
        <RequiredTags work={work} hideWarnings={settings.hideWarnings} />
        <p class="datetime">{updatedDay(work)}</p>
      </div>
      <h4 class="sr-only">Tags</h4>
      <ul class="tags commas">
        {listed.map((tag) => (
          <li
            key={`${tag.kind}-${tag.id}`}
            class={tag.kind === 'relationship' && tag.main ? 'main-pairing' : undefined}
          >
            <TagLink tag={tag} />
          </li>
        ))}
      </ul>
      {settings.hideWarnings ? (
        <HiddenTags label="Show warnings" tags={work.tags.filter((tag) => tag.kind === 'warning')} />
      ) : null}
      {settings.hideFreeforms ? (
        <HiddenTags label="Show additional tags" tags={work.tags.filter((tag) => tag.kind === 'freeform')} />
      ) : null}
      {work.summary ? (
        <>
          <h4 class="sr-only">Summary</h4>
          <blockquote class="summary">
            <TextParagraphs text={work.summary} />
          </blockquote>
        </>
      ) : null}
      {work.series.length > 0 ? (
        <ul class="series">
          {work.series.map((series) => (
            <li key={series.id}>
              <SeriesPart series={series} />
            </li>
          ))}
        </ul>
      ) : null}
      <WorkStats work={work} />
    </>
  );
}

/** `Part 2 of Valentines`, the series a link to its page, as AO3 writes it. */
export function SeriesPart({ series }: { series: WorkBlurb['series'][number] }) {
  return (
    <>
      {series.position === null ? 'Part of ' : `Part ${series.position} of `}
      <a href={seriesPath(series.id)}>{series.title}</a>
    </>
  );
}

/**
 * Tags the reader's settings hide, behind AO3's per-work "Show warnings" button: a disclosure, so it works
 * without JavaScript and says to screen readers that it opens.
 */
export function HiddenTags({ label, tags }: { label: string; tags: BlurbTag[] }) {
  if (tags.length === 0) return null;
  return (
    <details class="hidden-tags">
      <summary>{label}</summary>
      <ul class="tags commas">
        {tags.map((tag) => (
          <li key={tag.id}>
            <TagLink tag={tag} />
          </li>
        ))}
      </ul>
    </details>
  );
}

/** The work's creators as links, comma separated; `Anonymous` when the work names none. */
export function Creators({ work }: { work: WorkBlurb }) {
  return <CreatorLinks names={work.creators.map((creator) => creator.name)} />;
}

/** Creator names as links to their pages, comma separated; `Anonymous` when there are none. */
export function CreatorLinks({ names }: { names: readonly string[] }) {
  if (names.length === 0) return <>Anonymous</>;
  return (
    <>
      {names.map((name, index) => (
        <span key={name}>
          {index > 0 ? ', ' : ''}
          <a rel="author" href={creatorPath(name)}>
            {name}
          </a>
        </span>
      ))}
    </>
  );
}

/** The stats line: language, the dates, words, chapters, kudos, bookmarks and hits (comments left out until they can move). */
export function WorkStats({ work, full }: { work: WorkBlurb; full?: boolean }) {
  const stats: [string, string][] = [
    ['Language', languageName(work.language)],
    ...(full
      ? ([
          ['Published', publishedDay(work)],
          ['Updated', updatedDay(work)],
        ] as [string, string][])
      : []),
    ['Words', formatNumber(work.words)],
    ['Chapters', chapterCount(work.chapterCount, work.chaptersPlanned)],
    ['Comments', formatNumber(work.comments)],
    ['Kudos', formatNumber(work.kudos)],
    ['Bookmarks', formatNumber(work.bookmarks)],
    ['Hits', formatNumber(work.hits)],
  ];
  return (
    <dl class="stats">
      {stats.map(([label, value]) => (
        <div key={label}>
          <dt>{label}:</dt>
          {/* AO3 links a work's bookmark count to its bookmarks page. */}
          <dd>
            {label === 'Bookmarks' && work.bookmarks > 0 ? (
              <a href={workBookmarksPath(work.id)}>{value}</a>
            ) : (
              value
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** Plain text kept by the importer (summaries, notes): blank lines separate paragraphs. */
export function TextParagraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n\s*\n/)
        .map((paragraph) => paragraph.trim())
        .filter(Boolean)
        .map((paragraph, index) => (
          <p key={index}>{paragraph}</p>
        ))}
    </>
  );
}
