/**
 * bench:http's first-visit traffic: lists of addresses drawn from the archive itself, each address once (as
 * far as the archive has enough of them), shuffled with a seeded generator so runs are comparable. A load
 * generator walks a list in order, so every request is that address's first visit to a freshly started
 * server: what a real archive's readers, spread over thousands of works, tags and words, cost.
 */
import { sql } from 'kysely';
import type { Store } from '../src/db/connect.ts';
import { downloadFileName } from '../src/export/filename.ts';
import { SORTS } from '../src/search/query-parameters.ts';
import { chapterPath, tagPath, workPath } from '../src/web/paths.ts';
import { seededRandom } from './story-text.ts';

export type TrafficKind = 'chapters' | 'index' | 'tags' | 'search' | 'epub' | 'html' | 'txt';

export interface Traffic {
  kind: TrafficKind;
  paths: string[];
  note: string;
}

const RATINGS = ['General Audiences', 'Teen And Up Audiences', 'Mature', 'Explicit', 'Not Rated'];
/** Works a listing page shows (the index's and a tag's). */
const PER_PAGE = 20;
/** How far into a tag's pages its readers go. */
const TAG_PAGES_READ = 5;

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

/** Words of the archive's chapter text with how many of the sampled chapters hold each. */
async function vocabulary(store: Store, random: () => number): Promise<Map<string, number>> {
  const ids = (await store.db.selectFrom('chapters').select('id').execute()).map((row) => row.id);
  const sample = shuffle(ids, random).slice(0, 400);
  const counts = new Map<string, number>();
  for (let i = 0; i < sample.length; i += 100) {
    const rows = await store.db
      .selectFrom('chapters')
      .select('text')
      .where('id', 'in', sample.slice(i, i + 100))
      .execute();
    for (const row of rows) {
      // Stored as a string or as its UTF-8 bytes (db/stored-text.ts).
      const stored: unknown = row.text;
      const text = typeof stored === 'string' ? stored : Buffer.from(stored as Uint8Array).toString('utf8');
      for (const word of new Set(text.toLowerCase().match(/[a-z]{3,}/g) ?? []))
        counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  return counts;
}

/** Every kind's address list, at most `limit` addresses each. */
export async function buildTraffic(store: Store, limit: number, seed = 1): Promise<Traffic[]> {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const works = await store.db.selectFrom('works').select(['id', 'title', 'chapter_count']).execute();

  const chapters: string[] = [];
  for (const work of works)
    for (let position = 1; position <= Number(work.chapter_count); position++)
      chapters.push(position === 1 ? workPath(work.id) : chapterPath(work.id, position));
  shuffle(chapters, random);

  const tags = await store.db
    .selectFrom('work_filter_tags as ft')
    .innerJoin('tags as t', 't.id', 'ft.tag_id')
    .where('t.kind', 'in', ['fandom', 'relationship', 'character', 'freeform'])
    .groupBy(['t.id', 't.name'])
    .select(['t.name', sql<number>`count(*)`.as('n')])
    .orderBy('n', 'desc')
    .execute();
  // Filters pick among the tags people filter by: the 300 most used.
  const popular = tags.slice(0, 300).map((tag) => tag.name);
  const filters = new Set<string>();
  for (let attempts = 0; filters.size < limit && attempts < limit * 3; attempts++) {
    const query = new URLSearchParams();
    const count = 1 + Math.floor(random() * 3);
    for (let i = 0; i < count; i++) query.append(random() < 0.75 ? 'tags' : 'exclude_tags', pick(popular));
    if (random() < 0.5) query.append('rating', pick(RATINGS));
    if (random() < 0.2) query.append('exclude_rating', pick(RATINGS));
    if (random() < 0.3) query.set('complete', pick(['complete', 'in-progress']));
    query.set('sort', pick(SORTS.filter((sort) => sort !== 'best')));
    if (random() < 0.2) query.set('page', String(2 + Math.floor(random() * 3)));
    filters.add(`/works?${query}`);
  }

  // A tag's works in each order readers sort them by, a page at a time as they go on past the first: each
  // is an address of its own, so the list lasts a run instead of repeating (one page 1 a tag ran out in 2 s).
  const tagSorts = SORTS.filter((sort) => sort !== 'best');
  const tagPages = shuffle(
    tags.flatMap((tag) =>
      tagSorts.flatMap((sort) =>
        Array.from({ length: Math.min(TAG_PAGES_READ, Math.ceil(Number(tag.n) / PER_PAGE)) }, (_, index) => {
          const query = new URLSearchParams();
          // Updated is a listing's own order: its address names none, as the site's links do not.
          if (sort !== 'updated') query.set('sort', sort);
          if (index > 0) query.set('page', String(index + 1));
          return `${tagPath(tag.name)}${query.size > 0 ? `?${query}` : ''}`;
        }),
      ),
    ),
    random,
  );

  const counts = await vocabulary(store, random);
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([word]) => word);
  // Half the searches ask for words in many chapters, half for words in a few: first-time words both.
  const common = ranked.slice(0, Math.ceil(ranked.length / 5));
  const rare = ranked.slice(Math.ceil(ranked.length / 5));
  const searches: string[] = [];
  shuffle(common, random);
  shuffle(rare, random);
  for (let i = 0; searches.length < limit && (i < common.length || i < rare.length); i++)
    for (const word of [common[i], rare[i]]) if (word) searches.push(`/works?q=${word}`);

  const downloads = (extension: 'epub' | 'html' | 'txt') =>
    shuffle(
      works.map(
        (work) =>
          `/downloads/${work.id}/${encodeURIComponent(downloadFileName({ id: work.id, title: work.title ?? '' }, extension))}`,
      ),
      random,
    ).slice(0, limit);

  return [
    {
      kind: 'chapters',
      paths: chapters.slice(0, limit),
      note: `random chapters of ${works.length} works`,
    },
    {
      kind: 'index',
      paths: [...filters],
      note: '1-3 tags included or excluded, ratings, status, sorts, pages',
    },
    {
      kind: 'tags',
      paths: tagPages.slice(0, limit),
      note: `${tags.length} tags, each order, pages 1-${TAG_PAGES_READ}`,
    },
    {
      kind: 'search',
      paths: searches,
      note: `first-time words: ${common.length} common, ${rare.length} rare`,
    },
    { kind: 'epub', paths: downloads('epub'), note: 'random works' },
    { kind: 'html', paths: downloads('html'), note: 'random works' },
    { kind: 'txt', paths: downloads('txt'), note: 'random works' },
  ];
}
