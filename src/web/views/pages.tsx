/** The smaller pages: home, fandom index, creator, search form, settings, errors. */

import { ARCHIVE_WARNINGS, CATEGORIES, RATINGS } from '../../domain/required-tags.ts';
import type { WorkBlurb } from '../../repositories/work-view.ts';
import type { Sort } from '../../search/query-parameters.ts';
import { tagPath } from '../paths.ts';
import { FONT_FAMILIES, FONT_SIZES, type ReaderSettings, THEMES, WIDTHS } from '../reader-settings.ts';
import { OFFERED_SORTS, SORT_LABELS } from './counters.ts';
import { formatNumber, languageName } from './format.ts';
import { ListedBlurb } from './kept-blurbs.tsx';
import { Layout } from './layout.tsx';
import type { PageContext } from './page-context.ts';

export interface FandomCount {
  name: string;
  count: number;
}

export function HomePage({
  ctx,
  recent,
  fandoms,
  total,
}: {
  ctx: PageContext;
  recent: WorkBlurb[];
  fandoms: FandomCount[];
  total: number;
}) {
  return (
    <Layout
      ctx={ctx}
      title={ctx.site.name}
      feeds={[
        {
          title: 'OPDS catalog',
          href: '/opds',
          type: 'application/atom+xml;profile=opds-catalog;kind=navigation',
        },
      ]}
    >
      <h1>{ctx.site.name}</h1>
      <p class="lead">
        {formatNumber(total)} works across {formatNumber(fandoms.length)} fandoms.{' '}
        <a href="/works">Browse every work</a> or <a href="/search">search</a>.
      </p>
      <div class="home-columns">
        <section aria-labelledby="recent-heading">
          <h2 id="recent-heading">Recently updated</h2>
          <ol class="work-list">
            {recent.map((work) => (
              <ListedBlurb key={work.id} work={work} settings={ctx.settings} kept={ctx.keptBlurbs} />
            ))}
          </ol>
        </section>
        <section aria-labelledby="fandoms-heading">
          <h2 id="fandoms-heading">Fandoms</h2>
          <ul class="fandom-list">
            {fandoms.slice(0, 20).map((fandom) => (
              <li key={fandom.name}>
                <a href={tagPath(fandom.name)}>{fandom.name}</a> ({formatNumber(fandom.count)})
              </li>
            ))}
          </ul>
          <p>
            <a href="/fandoms">All fandoms</a>
          </p>
        </section>
      </div>
    </Layout>
  );
}

const initial = (name: string) => {
  const first = name
    .replace(/^(?:the|a|an)\s+/i, '')
    .charAt(0)
    .toUpperCase();
  return /[A-Z]/.test(first) ? first : '#';
};

/** Every fandom A–Z with its count, as AO3's fandom index lists them. */
export function FandomsPage({ ctx, fandoms }: { ctx: PageContext; fandoms: FandomCount[] }) {
  const groups = new Map<string, FandomCount[]>();
  for (const fandom of [...fandoms].sort((a, b) => a.name.localeCompare(b.name))) {
    const letter = initial(fandom.name);
    groups.set(letter, [...(groups.get(letter) ?? []), fandom]);
  }
  const letters = [...groups.keys()].sort();
  return (
    <Layout ctx={ctx} title="Fandoms">
      <h1>Fandoms</h1>
      {fandoms.length === 0 ? <p>No works yet.</p> : null}
      <nav aria-label="Letters" class="letters">
        <ul>
          {letters.map((letter) => (
            <li key={letter}>
              <a href={`#letter-${letter === '#' ? 'other' : letter}`}>{letter}</a>
            </li>
          ))}
        </ul>
      </nav>
      {letters.map((letter) => (
        <section key={letter} aria-labelledby={`letter-${letter === '#' ? 'other' : letter}`}>
          <h2 id={`letter-${letter === '#' ? 'other' : letter}`}>{letter}</h2>
          <ul class="fandom-list">
            {(groups.get(letter) ?? []).map((fandom) => (
              <li key={fandom.name}>
                <a href={tagPath(fandom.name)}>{fandom.name}</a> ({formatNumber(fandom.count)})
              </li>
            ))}
          </ul>
        </section>
      ))}
    </Layout>
  );
}

/** The search form: every filter of the works index on one page, submitting to it. */
export function SearchPage({ ctx, languages }: { ctx: PageContext; languages: string[] }) {
  const select = (
    id: string,
    label: string,
    options: readonly string[],
    names: (option: string) => string = (option) => option,
    any = 'Any',
  ) => (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} name={id.replace(/^s-/, '')}>
        <option value="">{any}</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {names(option)}
          </option>
        ))}
      </select>
    </div>
  );
  const text = (
    id: string,
    label: string,
    hint?: string,
    type: 'text' | 'search' | 'number' | 'date' = 'text',
  ) => (
    <div class="field">
      <label for={id}>{label}</label>
      {/* Preact's types pair each input type with its own attributes; these four share the same ones. */}
      <input
        id={id}
        name={id.replace(/^s-/, '')}
        type={type as 'text'}
        aria-describedby={hint ? `${id}-hint` : undefined}
      />
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
  return (
    <Layout ctx={ctx} title="Search works">
      <h1>Search works</h1>
      <form action="/works" method="get" class="search-form">
        {text(
          's-q',
          'Any field',
          'Words in the title, summary, tags or story text; see the tips below.',
          'search',
        )}
        {text('s-title', 'Title', 'Works whose title contains this, in any case.')}
        {text('s-creator', 'Creator', 'Works by a creator whose name contains this.')}
        {text('s-tags', 'Tags to include', 'Comma separated; a synonym finds its canonical tag.')}
        {text('s-exclude_tags', 'Tags to exclude', 'Comma separated.')}
        {text(
          's-main_relationship',
          'Main pairing',
          'Only works where this relationship is central, such as Buffy Summers/Spike.',
        )}
        {select('s-rating', 'Rating', RATINGS)}
        {select('s-warning', 'Archive warning', ARCHIVE_WARNINGS)}
        {select('s-category', 'Category', CATEGORIES)}
        {select('s-complete', 'Completion status', ['complete', 'in-progress'], (option) =>
          option === 'complete' ? 'Complete works only' : 'Works in progress only',
        )}
        {select('s-crossovers', 'Crossovers', ['exclude', 'only'], (option) =>
          option === 'exclude' ? 'Exclude crossovers' : 'Only crossovers',
        )}
        {text('s-words_min', 'Words from', undefined, 'number')}
        {text('s-words_max', 'Words to', undefined, 'number')}
        {text('s-published_from', 'Posted from', undefined, 'date')}
        {text('s-published_to', 'Posted to', undefined, 'date')}
        {text('s-updated_from', 'Updated from', undefined, 'date')}
        {text('s-updated_to', 'Updated to', undefined, 'date')}
        {text('s-fandoms_min', 'At least this many fandoms', undefined, 'number')}
        {text('s-fandoms_max', 'At most this many fandoms', undefined, 'number')}
        {select(
          's-language',
          'Language',
          [...languages].sort((a, b) => languageName(a).localeCompare(languageName(b))),
          languageName,
          'Any language',
        )}
        {select('s-sort', 'Sort by', OFFERED_SORTS, (sort) => SORT_LABELS[sort as Sort], 'Date Updated')}
        <button type="submit" class="primary">
          Search
        </button>
      </form>
      <section class="search-tips" aria-labelledby="search-tips-heading">
        <h2 id="search-tips-heading">Search tips</h2>
        <dl>
          <div>
            <dt>
              <code>spike willow</code>
            </dt>
            <dd>works with both words (and their other forms: kissed finds kiss)</dd>
          </div>
          <div>
            <dt>
              <code>"spell book"</code>
            </dt>
            <dd>the words together, in this order</dd>
          </div>
          <div>
            <dt>
              <code>spike OR angel</code>
            </dt>
            <dd>works with either word</dd>
          </div>
          <div>
            <dt>
              <code>-spike</code>
            </dt>
            <dd>works without the word (alone, every work but those)</dd>
          </div>
          <div>
            <dt>
              <code>title:valentine</code>
            </dt>
            <dd>works whose title contains it; quote names with spaces: title:"bloody valentine"</dd>
          </div>
          <div>
            <dt>
              <code>creator:anne</code>
            </dt>
            <dd>
              works by a creator whose name contains it (author: works too); -creator:anne leaves them out
            </dd>
          </div>
        </dl>
      </section>
    </Layout>
  );
}

const LABELS: Record<string, string> = {
  system: 'Follow my system',
  light: 'Light',
  dark: 'Dark',
  small: 'Small',
  medium: 'Medium',
  large: 'Large',
  'x-large': 'Extra large',
  serif: 'Serif',
  sans: 'Sans-serif',
  'dyslexic-friendly': 'Wide, dyslexia-friendly spacing',
  narrow: 'Narrow',
  wide: 'Wide',
};

export function SettingsPage({
  ctx,
  csrf,
  returnTo,
  problems = [],
  saved,
}: {
  ctx: PageContext;
  /** The form's CSRF token: a page elsewhere cannot change a reader's settings. */
  csrf: string;
  returnTo: string;
  problems?: string[];
  saved?: boolean;
}) {
  const s: ReaderSettings = ctx.settings;
  const radios = (name: string, legend: string, options: readonly string[], current: string) => (
    <fieldset>
      <legend>{legend}</legend>
      {options.map((option) => (
        <div key={option} class="radio">
          <input
            type="radio"
            id={`${name}-${option}`}
            name={name}
            value={option}
            checked={current === option}
          />
          <label for={`${name}-${option}`}>{LABELS[option] ?? option}</label>
        </div>
      ))}
    </fieldset>
  );
  return (
    <Layout ctx={ctx} title="Reading settings" noindex>
      <h1>Reading settings</h1>
      {problems.length > 0 ? (
        <div class="error-summary" role="alert">
          <h2>These settings could not be saved</h2>
          <ul>
            {problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {saved ? <p role="status">Your settings are saved in this browser.</p> : null}
      <form method="post" action="/settings" class="settings-form">
        <input type="hidden" name="_csrf" value={csrf} />
        <input type="hidden" name="return_to" value={returnTo} />
        {radios('theme', 'Theme', THEMES, s.theme)}
        {radios('font_size', 'Text size', FONT_SIZES, s.fontSize)}
        {radios('font_family', 'Font', FONT_FAMILIES, s.fontFamily)}
        {radios('width', 'Text width', WIDTHS, s.width)}
        <fieldset>
          <legend>Spoiler protection</legend>
          <div class="checkbox">
            <input
              type="checkbox"
              id="hide_warnings"
              name="hide_warnings"
              value="1"
              checked={s.hideWarnings}
            />
            <label for="hide_warnings">Hide archive warnings</label>
          </div>
          <div class="checkbox">
            <input
              type="checkbox"
              id="hide_freeforms"
              name="hide_freeforms"
              value="1"
              checked={s.hideFreeforms}
            />
            <label for="hide_freeforms">Hide additional tags</label>
          </div>
        </fieldset>
        <button type="submit" class="primary">
          Save settings
        </button>
        <a href={returnTo}>Back to where I was</a>
      </form>
    </Layout>
  );
}

export function ErrorPage({
  ctx,
  status,
  title,
  message,
}: {
  ctx: PageContext;
  status: number;
  title: string;
  message: string;
}) {
  return (
    <Layout ctx={ctx} title={title} noindex>
      <section class="error-page" aria-labelledby="error-heading">
        <h1 id="error-heading">{title}</h1>
        <p>{message}</p>
        <p class="status">Error {status}</p>
        <p>
          <a href="/">Go to the front page</a> or <a href="/works">browse the works</a>.
        </p>
      </section>
    </Layout>
  );
}
