import type { ArchiveWarning, Category, Rating } from '../domain/required-tags.ts';

/** A rating value as the file wrote it, mapped to AO3's scale. `candidates` lists the choices when it is ambiguous. */
export interface MappedRating {
  rating: Rating;
  candidates?: Rating[];
}

const GENERAL: Rating = 'General Audiences';
const TEEN: Rating = 'Teen And Up Audiences';
const MATURE: Rating = 'Mature';
const EXPLICIT: Rating = 'Explicit';

// Whole-token values, compared after lower-casing and dropping `rated`, `fiction` and surrounding punctuation.
const RATING_TOKENS: Record<string, Rating> = {
  g: GENERAL,
  k: GENERAL,
  'all ages': GENERAL,
  general: GENERAL,
  'general audiences': GENERAL,
  'gen audiences': GENERAL,
  everyone: GENERAL,
  u: GENERAL,
  'pg (mild)': GENERAL,
  pg: TEEN,
  'pg-13': TEEN,
  pg13: TEEN,
  'pg 13': TEEN,
  'k+': TEEN,
  t: TEEN,
  teen: TEEN,
  teens: TEEN,
  'teen and up': TEEN,
  'teen and up audiences': TEEN,
  '12+': TEEN,
  '13+': TEEN,
  '15': TEEN,
  '15+': TEEN,
  '12': TEEN,
  '13': TEEN,
  r: MATURE,
  '16+': MATURE,
  '17+': MATURE,
  '16': MATURE,
  '17': MATURE,
  mature: MATURE,
  'nc-17': EXPLICIT,
  nc17: EXPLICIT,
  'nc 17': EXPLICIT,
  x: EXPLICIT,
  xxx: EXPLICIT,
  ma: EXPLICIT,
  '18+': EXPLICIT,
  '18': EXPLICIT,
  '21+': EXPLICIT,
  adult: EXPLICIT,
  adults: EXPLICIT,
  'adults only': EXPLICIT,
  'adult only': EXPLICIT,
  explicit: EXPLICIT,
  'not rated': 'Not Rated',
  unrated: 'Not Rated',
  none: 'Not Rated',
};

// Values that name two neighbouring ratings: the analysis step chooses from the text.
const AMBIGUOUS: Record<string, Rating[]> = {
  m: [MATURE, EXPLICIT], // fanfiction.net's M covers both
  'mature adults': [MATURE, EXPLICIT],
  'adult themes': [MATURE, EXPLICIT],
  'adult situations': [MATURE, EXPLICIT],
  'r/nc-17': [MATURE, EXPLICIT],
  'r-nc17': [MATURE, EXPLICIT],
  'r to nc-17': [MATURE, EXPLICIT],
  'pg-13/r': [TEEN, MATURE],
  'pg13/r': [TEEN, MATURE],
  'pg-13 to r': [TEEN, MATURE],
  'pg/pg-13': [GENERAL, TEEN],
  'g/pg': [GENERAL, TEEN],
  'r-ish': [TEEN, MATURE],
  'soft r': [TEEN, MATURE],
  'hard r': [MATURE, EXPLICIT],
  'high t': [TEEN, MATURE],
  'pg-13+': [TEEN, MATURE],
  'r+': [MATURE, EXPLICIT],
  'nc-17 (eventually)': [MATURE, EXPLICIT],
};

/**
 * Map a rating as written (`NC-17`, `Rated R`, `Fiction T`, `PG-13 for language`) to AO3's scale. Tokens match
 * whole: `R` is Mature, but `Romance` is not a rating. Returns null when nothing in the value is a rating.
 */
export function mapRating(original: string): MappedRating | null {
  const value = original
    .toLowerCase()
    .replace(/[*_"“”]/g, '')
    .replace(/^\s*(?:rated|rating|fiction)\s*[:\-–]?\s*/, '')
    .replace(/^\s*(?:fiction)\s+/, '')
    .trim();
  const whole = value.replace(/[.!;]+$/, '').trim();
  const ambiguous = AMBIGUOUS[whole];
  if (ambiguous) return { rating: ambiguous[ambiguous.length - 1] as Rating, candidates: ambiguous };
  const exact = RATING_TOKENS[whole];
  if (exact) return { rating: exact };
  if (whole === 'm') return { rating: MATURE, candidates: [MATURE, EXPLICIT] };

  // `PG-13 for language`, `R (for violence)`, `NC-17, eventually`: the first token decides, the rest is a note.
  const firstToken = whole.match(
    /^([a-z0-9+\-/]+(?: (?:and up|audiences|only|rated|adults))?)(?=$|[\s,(;:])/,
  );
  if (firstToken?.[1]) {
    const token = firstToken[1];
    if (AMBIGUOUS[token])
      return { rating: (AMBIGUOUS[token] as Rating[]).at(-1) as Rating, candidates: AMBIGUOUS[token] };
    if (token.includes('/')) {
      const parts = token.split('/').map((part) => RATING_TOKENS[part]);
      if (parts.every((part): part is Rating => part !== undefined) && parts.length === 2) {
        const unique = [...new Set(parts)];
        return unique.length === 1
          ? { rating: unique[0] as Rating }
          : { rating: unique.at(-1) as Rating, candidates: unique };
      }
    }
    const mapped = RATING_TOKENS[token];
    if (mapped)
      return token === 'm' ? { rating: MATURE, candidates: [MATURE, EXPLICIT] } : { rating: mapped };
  }
  return null;
}

const WARNING_WORDS: [RegExp, ArchiveWarning][] = [
  [
    /^(?:graphic depictions? of violence|graphic violence|violence|gdov|violent|gore|graphic gore)$/i,
    'Graphic Depictions Of Violence',
  ],
  [/^(?:major character death|mcd|character deaths?|death|deathfic|death fic)$/i, 'Major Character Death'],
  [
    /^(?:rape\/non-?con|rape|non-?con(?:sensual)?|non-?consensual sex|noncon|sexual assault)$/i,
    'Rape/Non-Con',
  ],
  [/^(?:underage(?: sex)?|underage sexual content|under-?age|chan)$/i, 'Underage Sex'],
  [
    /^(?:no archive warnings apply|none|no warnings|n\/a|no warnings apply|nothing)$/i,
    'No Archive Warnings Apply',
  ],
  [
    /^(?:creator chose not to use archive warnings|choose not to (?:use archive )?warn|chose not to (?:use archive )?warn|cntw|author chose not to warn)$/i,
    'Creator Chose Not To Use Archive Warnings',
  ],
];

/** Split a warnings value into AO3 archive warnings and everything else (which becomes additional tags). */
export function splitWarnings(values: string[]): { warnings: ArchiveWarning[]; others: string[] } {
  const warnings: ArchiveWarning[] = [];
  const others: string[] = [];
  for (const raw of values) {
    const value = raw.trim().replace(/[.]+$/, '');
    if (!value) continue;
    const match = WARNING_WORDS.find(([pattern]) => pattern.test(value));
    if (match) {
      if (!warnings.includes(match[1])) warnings.push(match[1]);
    } else if (!others.includes(value)) {
      others.push(value);
    }
  }
  return { warnings, others };
}

const CATEGORY_WORDS: [RegExp, Category][] = [
  [/^(?:f\/f|femslash|femmeslash|f\/f slash|yuri|shoujo-ai|wlw)$/i, 'F/F'],
  [/^(?:f\/m|m\/f|het|hetero|heterosexual)$/i, 'F/M'],
  [/^(?:m\/m|slash|yaoi|shounen-ai|mlm)$/i, 'M/M'],
  [/^(?:gen|general|no pairing|no romance|none)$/i, 'Gen'],
  [/^(?:multi|multiple|poly|ot3|ot4|threesome)$/i, 'Multi'],
  [/^other$/i, 'Other'],
];

/** The AO3 category a value names (`F/M`, `het`, `slash`), or null when it names something else (a fandom). */
export function mapCategory(value: string): Category | null {
  const trimmed = value.trim();
  return CATEGORY_WORDS.find(([pattern]) => pattern.test(trimmed))?.[1] ?? null;
}

// Genres and kinds of story that archives file as categories (eFiction's `Categories: Drama, Erotica`).
const GENRE_CATEGORY =
  /^(?:action|adventure|angst|au|alternate universe|challenges?|comedy|crime|crossovers?|dark|drabbles?|drama|erotica|family|fantasy|ficlets?|fluff|friendship|horror|humou?r|hurt\/comfort|missing scenes?|mystery|one[- ]?shots?|parody|poetry|pwp|romance|sci-?fi|science fiction|smut|songfics?|supernatural|suspense|thriller|tragedy|vignettes?|western|wip)$/i;

/**
 * A category value that names no fandom: a genre (`Drama`), a subcategory path (`Hogwarts House > Ravenclaw`)
 * or a site's own phrase with commas in it (`Friends, Lovers, and Rivals`). It is an additional tag.
 */
export function isTagCategory(value: string): boolean {
  const trimmed = value.trim();
  return GENRE_CATEGORY.test(trimmed) || /\s>\s|»/.test(trimmed) || trimmed.includes(',');
}

/** A blog's category for any story it posts (Jekyll's `categories: [fanfic]`): it says nothing of this one. */
export function isPostCategory(value: string): boolean {
  return /^(?:fan ?fic(?:tion)?s?|fics?|stor(?:y|ies)|writing|posts?|blog|uncategori[sz]ed)$/i.test(
    value.trim(),
  );
}

/** The rating string AO3 itself writes, matched exactly (for AO3 files, whose values need no guessing). */
export function isAo3Rating(value: string): value is Rating {
  return (
    value === GENERAL || value === TEEN || value === MATURE || value === EXPLICIT || value === 'Not Rated'
  );
}
