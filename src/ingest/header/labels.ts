/**
 * The labels a story header uses, as data: each meaning with the words files write for it. A label is looked up
 * normalized (`**Author's Notes**` and `A/N` read as `author s notes` and `a n`).
 */
const HEADER_LABELS = {
  title: ['title', 'story title', 'fic title', 'work title'],
  creators: ['author', 'authors', 'by', 'writer', 'writers', 'pseud', 'written by', 'author name', 'creator'],
  fandoms: ['fandom', 'fandoms', 'universe', 'crossover', 'crossover fandoms', 'verse'],
  category: ['category', 'categories'],
  relationships: [
    'pairing',
    'pairings',
    'ship',
    'ships',
    'relationship',
    'relationships',
    'couple',
    'couples',
    'main pairing',
    'pairing s',
    'relationship s',
  ],
  characters: ['characters', 'character', 'character s', 'featuring', 'main characters', 'cast'],
  rating: ['rating', 'rated', 'ratings', 'rate'],
  warnings: [
    'warning',
    'warnings',
    'content warning',
    'content warnings',
    'cw',
    'tw',
    'cws',
    'tws',
    'trigger',
    'triggers',
    'trigger warning',
    'trigger warnings',
    'archive warning',
    'archive warnings',
    'warning s',
  ],
  genres: ['genre', 'genres', 'type', 'genre s'],
  freeforms: ['additional tags', 'tags', 'freeform', 'freeforms', 'other tags', 'dc subject', 'keywords'],
  summary: ['summary', 'description', 'blurb', 'synopsis', 'abstract'],
  notes: [
    'author s notes',
    'author s note',
    'authors notes',
    'authors note',
    'author notes',
    'author note',
    'a n',
    'an',
    'notes',
    'note',
    'story notes',
  ],
  endNotes: ['end notes', 'end note', 'endnotes'],
  disclaimer: ['disclaimer', 'disclaimers'],
  timeline: [
    'timeline',
    'time frame',
    'timeframe',
    'time line',
    'set',
    'setting',
    'spoilers',
    'spoiler',
    'spoiler warning',
    'spoilers for',
  ],
  words: ['word count', 'words', 'wordcount', 'length', 'word'],
  status: ['status', 'completed', 'complete'],
  chapters: ['chapters'],
  published: [
    'published',
    'posted',
    'date',
    'date posted',
    'written',
    'first posted',
    'date written',
    // Mailing-list archives date a story by when it was sent.
    'date sent',
    'sent',
  ],
  updated: ['updated', 'last updated', 'date updated'],
  language: ['language'],
  series: ['series', 'part of series'],
  stats: ['stats'],
  source: ['source', 'url', 'original url', 'link', 'archive url'],
  other: [
    'beta',
    'betas',
    'beta d by',
    'beta reader',
    'beta readers',
    'betaed by',
    'beta by',
    'feedback',
    'archive',
    'archiving',
    'dedication',
    'dedicated to',
    'written for',
    'prompt',
    'prompts',
    'request',
    'requested by',
    'challenge',
    'email',
    'e mail',
    'collections',
    'recipient',
    'recipients',
    'inspired by',
    'thanks',
  ],
} as const satisfies Record<string, readonly string[]>;

/** What a header label means, whatever words the file used for it. */
export type FieldMeaning = keyof typeof HEADER_LABELS;

const MEANING_OF_LABEL = new Map<string, FieldMeaning>(
  Object.entries(HEADER_LABELS).flatMap(([meaning, labels]) =>
    labels.map((label): [string, FieldMeaning] => [label, meaning as FieldMeaning]),
  ),
);

/** Normalize a label as written (`**Author's Notes**`, `A/N`, `Pairing(s)`) to a key of the label table. */
export function normalizeLabel(label: string): string {
  return label
    .toLowerCase()
    .replace(/[’']/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export function meaningOfLabel(label: string): FieldMeaning | null {
  return MEANING_OF_LABEL.get(normalizeLabel(label)) ?? null;
}

// Meanings whose values commonly run over several lines.
// (Fandoms and creators are one line: the line after `Fandom: Buffy` is more often a pairing on its own.)
const MULTILINE = new Set<FieldMeaning>([
  'summary',
  'notes',
  'endNotes',
  'disclaimer',
  'warnings',
  'characters',
  'relationships',
  'genres',
  'freeforms',
  'timeline',
  'other',
]);

/** Whether a value of this meaning may continue on the lines after its key. */
export function isMultiline(meaning: FieldMeaning): boolean {
  return MULTILINE.has(meaning);
}

// Labels a header may write with no colon at all (`Title Salt Lines`, `RATING PG-13`). Only labels that rarely
// open a sentence: `Set the table.`, `Note the time.` and `Words failed her.` are story.
export const LOOSE_LABELS: ReadonlySet<string> = new Set([
  'title',
  'author',
  'authors',
  'writer',
  'pseud',
  'fandom',
  'fandoms',
  'pairing',
  'pairings',
  'pairing s',
  'relationship',
  'relationships',
  'relationship s',
  'characters',
  'character s',
  'rating',
  'rated',
  'warning',
  'warnings',
  'content warning',
  'content warnings',
  'genre',
  'genres',
  'summary',
  'disclaimer',
  'spoilers',
  'timeline',
  'category',
  'categories',
  'word count',
  'status',
]);
