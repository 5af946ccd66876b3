/**
 * `npm run bench:corpus -- --works N [--data DIR | --database-url URL]`: build a realistic synthetic archive
 * for the search and web benchmarks. Lengths run from drabbles to 300,000-word epics with a long tail; tags
 * follow a Zipf distribution over several fandoms; some works carry synonyms instead of canonical tags; every
 * rating appears. Works are written straight through the repository (no file reading or analysis).
 */
import { sql } from 'kysely';
import { parseScriptArgs } from '../scripts/script-args.ts';
import { openStore } from '../src/db/connect.ts';
import type { DraftChapter } from '../src/ingest/story.ts';
import { escapeHtml } from '../src/ingest/text.ts';
import type { TagAssignment, WorkInput } from '../src/repositories/work.repository.ts';
import { finishWorkBatch, insertWork, startWorkBatch } from '../src/repositories/work.repository.ts';
import type { SearchDocument } from '../src/repositories/work-indexer.ts';
import { hashStoryText, toChapterInput } from '../src/repositories/work-text.ts';
import { indexPostgresWorks } from '../src/search/postgres-fts.ts';
import { searchProviderFor } from '../src/search/providers.ts';
import type { SearchProvider } from '../src/search/search-provider.ts';
import { lexicon, paragraphs, seededRandom } from './story-text.ts';

const { values } = parseScriptArgs({
  options: {
    works: { type: 'string', default: '10000' },
    data: { type: 'string', default: 'bench/out/data' },
    'database-url': { type: 'string' },
    seed: { type: 'string', default: '1' },
  },
});
const total = Number(values.works);
if (!Number.isInteger(total) || total < 1)
  throw new Error(`--works must be a positive whole number, not ${values.works}`);

const random = seededRandom(Number(values.seed));
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
/** Zipf-distributed index in [0, n): rank r has weight 1/(r+1)^s. */
function zipf(n: number, s = 1.1): number {
  const u = random();
  // Inverse of the continuous approximation; good enough for a benchmark's skew.
  const h = (x: number) => ((x + 1) ** (1 - s) - 1) / (1 - s);
  const value = (u * h(n) * (1 - s) + 1) ** (1 / (1 - s)) - 1;
  return Math.min(n - 1, Math.max(0, Math.floor(value)));
}

const FANDOMS = [
  'Buffy the Vampire Slayer',
  'Angel: the Series',
  'Harry Potter - J. K. Rowling',
  'Sherlock (TV)',
  'Supernatural',
  'Star Trek: The Original Series',
  'Stargate SG-1',
  'Due South',
];
const CHARACTERS = FANDOMS.map((fandom, f) =>
  Array.from({ length: 40 }, (_, i) => `Character ${i + 1} (${fandom.split(' ')[0]}${f})`),
);
const FREEFORMS = Array.from({ length: 3000 }, (_, i) =>
  i < 20
    ? ([
        'Angst',
        'Fluff',
        'Hurt/Comfort',
        'Romance',
        'Humor',
        'Alternate Universe',
        'Post-Canon',
        'Friendship',
        'Established Relationship',
        'Slow Burn',
        'Smut',
        'Drama',
        'Canon Compliant',
        'Missing Scene',
        'Character Study',
        'Happy Ending',
        'Mutual Pining',
        'Whump',
        'Domestic',
        'Kissing',
      ][i] as string)
    : `Tag ${i}`,
);
const RATINGS = ['General Audiences', 'Teen And Up Audiences', 'Mature', 'Explicit', 'Not Rated'] as const;
const RATING_WEIGHTS = [0.25, 0.3, 0.2, 0.2, 0.05];
const WARNINGS = [
  'No Archive Warnings Apply',
  'Creator Chose Not To Use Archive Warnings',
  'Graphic Depictions Of Violence',
  'Major Character Death',
  'Rape/Non-Con',
  'Underage Sex',
];

function weighted<T>(items: readonly T[], weights: number[]): T {
  let u = random();
  for (let i = 0; i < items.length; i++) {
    u -= weights[i] as number;
    if (u <= 0) return items[i] as T;
  }
  return items[items.length - 1] as T;
}

/** Words per work: mostly short, a long tail to 300,000. */
function wordCount(): number {
  const u = random();
  if (u < 0.1) return 100 + Math.floor(random() * 400);
  if (u < 0.999) return Math.min(300_000, Math.floor(Math.exp(6.5 + random() * 3.2 + random() * 1.2)));
  return 100_000 + Math.floor(random() * 200_000);
}

// Chapter text is drawn from a pool of generated paragraphs: realistic words for full-text search without
// generating gigabytes of prose one word at a time.
const PARAGRAPHS = paragraphs(random, 60_000);
// The pool's words are all common; each paragraph also gets one word of a long Zipf tail, so that searches
// (bench:http's first-time words) meet words in most works and words in a handful.
const TAIL = lexicon(random, 50_000);

function chapter(words: number, title: string | null): DraftChapter {
  const blocks: DraftChapter['blocks'] = [];
  let count = 0;
  let start = Math.floor(random() * PARAGRAPHS.length);
  while (count < words) {
    const text = `${PARAGRAPHS[start++ % PARAGRAPHS.length] as string} ${TAIL[zipf(TAIL.length, 1.05)] as string}.`;
    blocks.push({ type: 'paragraph', text, html: escapeHtml(text) });
    count += text.split(' ').length;
  }
  return { title, notes: null, endNotes: null, blocks, words: count };
}

function buildWork(index: number): WorkInput {
  const fandomIndex = zipf(FANDOMS.length, 0.8);
  const fandom = FANDOMS[fandomIndex] as string;
  const crossover =
    random() < 0.05
      ? (FANDOMS[(fandomIndex + 1 + zipf(FANDOMS.length - 1)) % FANDOMS.length] as string)
      : null;
  const cast = CHARACTERS[fandomIndex] as string[];
  const characters = [
    ...new Set(Array.from({ length: 1 + zipf(6) }, () => cast[zipf(cast.length)] as string)),
  ];
  const rating = weighted(RATINGS, RATING_WEIGHTS);
  const words = wordCount();
  const chapterCount = words > 5000 ? Math.min(200, Math.ceil(words / (2000 + random() * 4000))) : 1;
  const chapters = Array.from({ length: chapterCount }, (_, c) =>
    chapter(Math.ceil(words / chapterCount), chapterCount > 1 ? `Chapter ${c + 1}` : null),
  );
  const tag = (
    kind: TagAssignment['kind'],
    name: string,
    extra: Partial<TagAssignment> = {},
  ): TagAssignment => ({
    kind,
    name,
    canonical: true,
    source: 'author',
    main: false,
    evidence: [],
    ...extra,
  });
  const tags: TagAssignment[] = [tag('rating', rating), tag('fandom', fandom)];
  if (crossover) tags.push(tag('fandom', crossover));
  const warning = random() < 0.7 ? WARNINGS[0] : WARNINGS[1 + zipf(WARNINGS.length - 1)];
  tags.push(tag('warning', warning as string));
  for (const name of characters) tags.push(tag('character', name, { parentFandom: fandom }));
  if (characters.length >= 2 && random() < 0.7) {
    const pair = [characters[0], characters[1]].sort().join('/');
    // One work in five carries the pairing as its author wrote it: a synonym of the canonical tag.
    const original = random() < 0.2 ? pair.replace(/Character (\d+) \([^)]*\)/g, 'C$1') : undefined;
    tags.push(
      tag('relationship', pair, { main: true, parentFandom: fandom, ...(original ? { original } : {}) }),
    );
    tags.push(tag('category', pick(['F/M', 'M/M', 'F/F', 'F/M', 'M/M'])));
  } else tags.push(tag('category', 'Gen'));
  for (let i = 0; i < zipf(12); i++)
    tags.push(tag('freeform', FREEFORMS[zipf(FREEFORMS.length, 1.05)] as string, { canonical: false }));
  const published = new Date(Date.UTC(2008, 0, 1) + random() * 18 * 365 * 86_400_000);
  const updated = new Date(published.getTime() + random() * 2 * 365 * 86_400_000);
  return {
    title: `${pick(['The', 'A', 'Of', 'After', 'Before', 'Under'])} ${pick(PARAGRAPHS).split(' ').slice(0, 3).join(' ')} ${index}`,
    creators: [`author${zipf(20_000)}`],
    summary: pick(PARAGRAPHS),
    notes: null,
    endNotes: null,
    rating,
    language: random() < 0.95 ? 'en' : pick(['es', 'fr', 'de']),
    complete: random() < 0.7,
    chaptersPlanned: null,
    publishedAt: published.toISOString().slice(0, 10),
    updatedAt: updated.toISOString().slice(0, 10),
    sourceUrl: null,
    series: [],
    chapters,
    tags,
    review: [],
    textHash: `${hashStoryText(chapters)}-${index}`,
  };
}

const store = await openStore(
  values['database-url'] ? { databaseUrl: values['database-url'] } : { dataDir: values.data },
);
const search = searchProviderFor(store.dialect);
const existing = Number(
  (await store.db.selectFrom('works').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n,
);
console.log(
  `Building ${total.toLocaleString('en-US')} works in ${store.location} (${existing.toLocaleString('en-US')} there already).`,
);
const started = Date.now();
let words = 0;
const batch = 200;

/**
 * One transaction per batch, sharing tag, creator and mapping look-ups across the batch (`WorkBatch`), with
 * the search entries written together at its end: on PostgreSQL one multi-row statement, during which the
 * next batch is generated (`indexing` says when it was sent). Works, ids and vectors come out as one by one.
 */
async function storeBatch(works: WorkInput[], indexing: () => void): Promise<void> {
  await store.db.transaction().execute(async (trx) => {
    const documents: { id: number; document: SearchDocument }[] = [];
    const collect: SearchProvider = {
      ...search,
      async indexWork(_db, id, document) {
        documents.push({ id, document });
      },
    };
    const shared = startWorkBatch();
    for (const work of works) await insertWork(trx, collect, work, '2026-01-01T00:00:00Z', shared);
    await finishWorkBatch(trx, shared);
    if (store.dialect === 'postgres') {
      const written = indexPostgresWorks(trx, documents);
      // Let the statement reach the server before the caller blocks the thread generating works.
      await new Promise((resolve) => setImmediate(resolve));
      indexing();
      await written;
    } else for (const { id, document } of documents) await search.indexWork(trx, id, document);
  });
}

/** The next batch, its chapters rendered here (HTML and plain text) rather than inside the transaction. */
const generate = (from: number): WorkInput[] =>
  Array.from({ length: Math.min(batch, existing + total - from) }, (_, j) => {
    const work = buildWork(from + j);
    return {
      ...work,
      chapters: work.chapters.map((item) => ('blocks' in item ? toChapterInput(item) : item)),
    };
  });
let works = generate(existing);
for (let i = existing; i < existing + total; i += batch) {
  words += works.reduce((sum, work) => sum + work.chapters.reduce((n, item) => n + item.words, 0), 0);
  const count = works.length;
  let indexing = () => {};
  const sent = new Promise<void>((resolve) => {
    indexing = resolve;
  });
  const stored = storeBatch(works, indexing);
  await Promise.race([sent, stored]);
  works = i + batch < existing + total ? generate(i + batch) : [];
  await stored;
  // Reader counts follow a Zipf curve too.
  const done = i + count - existing;
  if (done % 5000 < batch || done === total) {
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `  ${done.toLocaleString('en-US')} works, ${(words / 1e6).toFixed(1)}M words, ${seconds.toFixed(0)} s`,
    );
  }
}
await sql`UPDATE works SET kudos_count = (id * 7919) % 1000, hits_count = (id * 4729) % 50000, bookmarks_count = (id * 31) % 300, comments_count = (id * 17) % 200`.execute(
  store.db,
);
if (store.dialect === 'sqlite') await sql`PRAGMA optimize`.execute(store.db);
else await sql`ANALYZE`.execute(store.db);
console.log(`Done in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
await store.close();
