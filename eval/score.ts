import { ARCHIVE_WARNINGS, RATINGS, type Rating } from '../src/domain/required-tags.ts';

/** What a careful wrangler tagged a story with. */
export interface Labels {
  fandoms: string[];
  characters: string[];
  relationships: string[];
  main_relationship: string | null;
  categories: string[];
  rating: Rating;
  warnings: string[];
}

export interface Prediction {
  fandoms: string[];
  characters: string[];
  relationships: string[];
  mainRelationship: string | null;
  categories: string[];
  rating: string;
  warnings: string[];
  /** The analysis's own characters and relationships, tags and possible ones, with their confidence. */
  confidences?: { field: 'characters' | 'relationships'; value: string; confidence: number }[];
  /** What decided the rating (the rule, then the passages), for `--verbose` listings of mis-rated stories. */
  ratingEvidence?: string[];
}

export function parseLabels(text: string, file: string): Labels {
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  const list = (key: string): string[] => {
    const value = data[key];
    if (!Array.isArray(value) || !value.every((item) => typeof item === 'string'))
      throw new Error(`${file}: "${key}" must be a list of strings`);
    return value;
  };
  const rating = data.rating;
  if (typeof rating !== 'string' || !(RATINGS as readonly string[]).includes(rating))
    throw new Error(`${file}: "rating" must be one of ${RATINGS.join(', ')}`);
  const warnings = list('warnings');
  for (const warning of warnings)
    if (!(ARCHIVE_WARNINGS as readonly string[]).includes(warning))
      throw new Error(`${file}: "${warning}" is not an AO3 archive warning`);
  const main = data.main_relationship;
  if (main !== null && typeof main !== 'string')
    throw new Error(`${file}: "main_relationship" must be a string or null`);
  return {
    fandoms: list('fandoms'),
    characters: list('characters'),
    relationships: list('relationships'),
    main_relationship: main,
    categories: list('categories'),
    rating: rating as Rating,
    warnings,
  };
}

interface Counts {
  truePositive: number;
  falsePositive: number;
  falseNegative: number;
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
const precision = (c: Counts) => ratio(c.truePositive, c.truePositive + c.falsePositive);
const recall = (c: Counts) => ratio(c.truePositive, c.truePositive + c.falseNegative);
const f1 = (c: Counts) => {
  const p = precision(c);
  const r = recall(c);
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
};
const empty = (): Counts => ({ truePositive: 0, falsePositive: 0, falseNegative: 0 });

function compareSets(
  counts: Counts,
  expected: string[],
  predicted: string[],
  perLabel?: Map<string, Counts>,
): string[] {
  const misses: string[] = [];
  const expectedSet = new Set(expected);
  const predictedSet = new Set(predicted);
  const label = (name: string) => {
    if (!perLabel) return empty();
    let entry = perLabel.get(name);
    if (!entry) {
      entry = empty();
      perLabel.set(name, entry);
    }
    return entry;
  };
  for (const value of predictedSet) {
    if (expectedSet.has(value)) {
      counts.truePositive++;
      label(value).truePositive++;
    } else {
      counts.falsePositive++;
      label(value).falsePositive++;
      misses.push(`+${value}`);
    }
  }
  for (const value of expectedSet) {
    if (!predictedSet.has(value)) {
      counts.falseNegative++;
      label(value).falseNegative++;
      misses.push(`-${value}`);
    }
  }
  return misses;
}

const RATING_ORDER = ['General Audiences', 'Teen And Up Audiences', 'Mature', 'Explicit'];

/** Score every story and print the figures the targets are set on. */
export function scoreStories(
  items: { name: string; labels: Labels; prediction: Prediction }[],
  options: { verbose: boolean },
): { text: string; targetsMet: boolean } {
  const fields = {
    fandoms: empty(),
    characters: empty(),
    relationships: empty(),
    categories: empty(),
    warnings: empty(),
  };
  const warningLabels = new Map<string, Counts>();
  const ratingLabels = new Map<string, Counts>();
  const explicit = empty();
  let ratingExact = 0;
  let ratingWithinOne = 0;
  let mainTotal = 0;
  let mainRight = 0;
  const lines: string[] = [];

  for (const { name, labels, prediction } of items) {
    const misses = [
      ...compareSets(fields.fandoms, labels.fandoms, prediction.fandoms).map((miss) => `fandom ${miss}`),
      ...compareSets(fields.characters, labels.characters, prediction.characters).map(
        (miss) => `character ${miss}`,
      ),
      ...compareSets(
        fields.relationships,
        labels.relationships.filter((tag) => tag.includes('/')),
        prediction.relationships,
      ).map((miss) => `relationship ${miss}`),
      ...compareSets(fields.categories, labels.categories, prediction.categories).map(
        (miss) => `category ${miss}`,
      ),
      ...compareSets(fields.warnings, labels.warnings, prediction.warnings, warningLabels).map(
        (miss) => `warning ${miss}`,
      ),
    ];
    compareSets(empty(), [labels.rating], [prediction.rating], ratingLabels);
    if (labels.rating === prediction.rating) ratingExact++;
    else misses.push(`rating ${prediction.rating} (labelled ${labels.rating})`, ...ratingWhy(prediction));
    const distance = Math.abs(RATING_ORDER.indexOf(labels.rating) - RATING_ORDER.indexOf(prediction.rating));
    if (distance <= 1) ratingWithinOne++;
    compareSets(
      explicit,
      labels.rating === 'Explicit' ? ['explicit'] : [],
      prediction.rating === 'Explicit' ? ['explicit'] : [],
    );
    if (labels.main_relationship) {
      mainTotal++;
      if (prediction.mainRelationship === labels.main_relationship) mainRight++;
      else
        misses.push(
          `main relationship ${prediction.mainRelationship ?? 'none'} (labelled ${labels.main_relationship})`,
        );
    }
    if (options.verbose && misses.length > 0) lines.push(`${name}\n    ${misses.join('\n    ')}`);
  }

  const percent = (value: number) => value.toFixed(2);
  const row = (label: string, counts: Counts) =>
    `${label.padEnd(42)} precision ${percent(precision(counts))}  recall ${percent(recall(counts))}  f1 ${percent(f1(counts))}  (tp ${counts.truePositive}, fp ${counts.falsePositive}, fn ${counts.falseNegative})`;
  lines.push(`\n${items.length} labelled stories\n`);
  for (const [field, counts] of Object.entries(fields)) lines.push(row(field, counts));
  lines.push('\nper archive warning');
  for (const [label, counts] of [...warningLabels].sort()) lines.push(row(`  ${label}`, counts));
  lines.push('\nper rating');
  for (const [label, counts] of [...ratingLabels].sort()) lines.push(row(`  ${label}`, counts));
  lines.push(row('\nexplicit versus not', explicit));

  const targets: [string, boolean, string][] = [
    [
      'characters precision >= 0.90',
      precision(fields.characters) >= 0.9,
      percent(precision(fields.characters)),
    ],
    ['characters recall >= 0.90', recall(fields.characters) >= 0.9, percent(recall(fields.characters))],
    [
      'main relationship right >= 0.85',
      ratio(mainRight, mainTotal) >= 0.85,
      `${mainRight}/${mainTotal} = ${percent(ratio(mainRight, mainTotal))}`,
    ],
    ['explicit-versus-not F1 >= 0.95', f1(explicit) >= 0.95, percent(f1(explicit))],
    ['exact rating >= 0.75', ratingExact / items.length >= 0.75, percent(ratingExact / items.length)],
    [
      'rating within one step >= 0.95',
      ratingWithinOne / items.length >= 0.95,
      percent(ratingWithinOne / items.length),
    ],
  ];
  for (const warning of [
    'Graphic Depictions Of Violence',
    'Major Character Death',
    'Rape/Non-Con',
    'Underage Sex',
  ]) {
    const counts = warningLabels.get(warning) ?? empty();
    targets.push([`${warning} recall >= 0.80`, recall(counts) >= 0.8, percent(recall(counts))]);
    targets.push([`${warning} precision >= 0.70`, precision(counts) >= 0.7, percent(precision(counts))]);
  }
  lines.push('\ntargets');
  for (const [name, met, value] of targets)
    lines.push(`  ${met ? 'met    ' : 'MISSED '} ${name.padEnd(44)} ${value}`);
  return { text: lines.join('\n'), targetsMet: targets.every(([, met]) => met) };
}

/** The rating's evidence, indented under its miss: what `--verbose` shows of a mis-rated story. */
export function ratingWhy(prediction: Prediction): string[] {
  return (prediction.ratingEvidence ?? []).map((line) => `    ${line}`);
}
