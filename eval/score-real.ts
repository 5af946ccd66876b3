/**
 * Scoring on real stories tagged by their authors (`../shared/realtext`, see its README). Unlike `eval/dev`,
 * a key the author left out is unknown, not "none", so each figure counts only the stories whose author gave
 * that field. Fandoms, characters and relationships are compared in the packs' vocabulary: an author's tag
 * is mapped to a pack's canonical name when a pack knows it (AO3's canonical names and the packs' agree;
 * only relationship tags differ, full names against the packs' short ones), and characters and relationships
 * are scored on the stories whose fandoms all have a pack, because no other story can be tagged from them.
 */
import { basename, dirname } from 'node:path';
import { SUGGESTION_THRESHOLD } from '../src/analysis/confidence.ts';
import { matchFandomName } from '../src/analysis/fandoms.ts';
import type { Knowledge, KnownCharacter } from '../src/analysis/knowledge.ts';
import { relationshipTag } from '../src/analysis/relationships.ts';
import { type Prediction, ratingWhy } from './score.ts';

export interface RealLabels {
  fandoms?: string[];
  characters?: string[];
  relationships?: string[];
  main_relationship?: string | null;
  rating?: string;
  warnings?: string[];
}

const WARNINGS = ['Graphic Depictions Of Violence', 'Major Character Death', 'Rape/Non-Con', 'Underage Sex'];
const RATING_ORDER = ['General Audiences', 'Teen And Up Audiences', 'Mature', 'Explicit'];

export function parseRealLabels(text: string, file: string): RealLabels {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  if (!data || typeof data !== 'object') throw new Error(`${file}: not a JSON object`);
  const record = data as Record<string, unknown>;
  const labels: RealLabels = {};
  for (const key of ['fandoms', 'characters', 'relationships', 'warnings'] as const) {
    const value = record[key];
    if (value === undefined) continue;
    if (!Array.isArray(value) || !value.every((item) => typeof item === 'string'))
      throw new Error(`${file}: "${key}" must be a list of strings`);
    labels[key] = value;
  }
  if (typeof record.rating === 'string') labels.rating = record.rating;
  if (record.main_relationship === null || typeof record.main_relationship === 'string')
    labels.main_relationship = record.main_relationship;
  return labels;
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}
const empty = (): Counts => ({ tp: 0, fp: 0, fn: 0 });
const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
const precision = (c: Counts) => ratio(c.tp, c.tp + c.fp);
const recall = (c: Counts) => ratio(c.tp, c.tp + c.fn);

function compare(counts: Counts, expected: Iterable<string>, predicted: Iterable<string>): string[] {
  const want = new Set(expected);
  const got = new Set(predicted);
  const misses: string[] = [];
  for (const value of got) {
    if (want.has(value)) counts.tp++;
    else {
      counts.fp++;
      misses.push(`+${value}`);
    }
  }
  for (const value of want) {
    if (!got.has(value)) {
      counts.fn++;
      misses.push(`-${value}`);
    }
  }
  return misses;
}

/** A character tag in the packs' vocabulary: `Spike (Buffy the Vampire Slayer)` or the tag as written. */
function characterOf(name: string, knowledge: Knowledge): KnownCharacter | null {
  return knowledge.characterByName.get(name.trim()) ?? null;
}

/** A relationship tag as the analysis writes it (short names, sorted), when a pack knows every member. */
export function relationshipOf(tag: string, knowledge: Knowledge): string {
  const members = tag.split('/').map((name) => characterOf(name, knowledge));
  if (members.every((member): member is KnownCharacter => member !== null))
    return relationshipTag(members, 'romantic');
  return tag;
}

/** Whether a pack knows every fandom the author tagged: only then can characters and relationships be named. */
export function fandomsAllKnown(labelled: readonly string[], knowledge: Knowledge): boolean {
  return labelled.length > 0 && labelled.every((fandom) => matchFandomName(fandom, knowledge) !== null);
}

export function scoreRealStories(
  items: { name: string; labels: RealLabels; prediction: Prediction }[],
  knowledge: Knowledge,
  options: { verbose: boolean },
): { text: string; targetsMet: boolean } {
  const lines: string[] = [];
  const warningCounts = new Map(WARNINGS.map((warning) => [warning, empty()]));
  const warningFalse = new Map<string, string[]>(WARNINGS.map((warning) => [warning, []]));
  const unverifiable: string[] = [];
  let warningStories = 0;
  let ratingStories = 0;
  let ratingExact = 0;
  let tooHigh = 0;
  let tooLow = 0;
  const ratingConfusion = new Map<string, number>();
  // By source folder: the two authors use the scale differently (one has no Teen), so a change to the rules
  // is read on each of them, not only on the sum.
  const ratingBySource = new Map<string, { exact: number; total: number }>();
  const characters = empty();
  const charactersAll = empty();
  const relationships = empty();
  let characterStories = 0;
  let relationshipStories = 0;
  // Inferred suggestions by confidence band, right or not: what the shipped threshold is read against.
  const bands = new Map<string, Counts>();
  const band = (field: string, confidence: number) => {
    const low = Math.min(0.9, Math.floor(confidence * 10) / 10);
    const key = `${field} ${low.toFixed(1)}-${(low + 0.1).toFixed(1)}`;
    if (!bands.has(key)) bands.set(key, empty());
    return bands.get(key) as Counts;
  };
  let mainTotal = 0;
  let mainRight = 0;
  let fandomExact = 0;
  let otherFandom = 0;
  let otherFandomClean = 0;
  const packFandoms = new Set(knowledge.fandoms.map((fandom) => fandom.name));

  for (const { name, labels, prediction } of items) {
    const misses: string[] = [];
    // Fandoms: the set a pack can name; a story of another fandom must get none of the packs' fandoms.
    const labelled = labels.fandoms ?? [];
    const knownLabelled = new Set(
      labelled.map((fandom) => matchFandomName(fandom, knowledge)?.name).filter((n): n is string => !!n),
    );
    const knownPredicted = new Set(prediction.fandoms.filter((fandom) => packFandoms.has(fandom)));
    const inScope = fandomsAllKnown(labelled, knowledge);
    if (labels.fandoms) {
      const same =
        knownLabelled.size === knownPredicted.size && [...knownLabelled].every((f) => knownPredicted.has(f));
      if (same) fandomExact++;
      else misses.push(`fandoms [${[...knownPredicted].join(', ')}] (labelled [${labelled.join(', ')}])`);
      if (knownLabelled.size === 0) {
        otherFandom++;
        if (knownPredicted.size === 0) otherFandomClean++;
      }
    }
    // Warnings: only where the author committed to them; "chose not to warn" says nothing either way.
    const chose = labels.warnings?.every(
      (warning) => warning === 'Creator Chose Not To Use Archive Warnings',
    );
    const predictedWarnings = prediction.warnings.filter((warning) => WARNINGS.includes(warning));
    if (labels.warnings && !chose) {
      warningStories++;
      for (const warning of WARNINGS) {
        const counts = warningCounts.get(warning) as Counts;
        const want = labels.warnings.includes(warning);
        const got = predictedWarnings.includes(warning);
        if (want && got) counts.tp++;
        else if (got) {
          counts.fp++;
          warningFalse.get(warning)?.push(name);
          misses.push(`warning +${warning}`);
        } else if (want) {
          counts.fn++;
          misses.push(`warning -${warning}`);
        }
      }
    } else if (predictedWarnings.length > 0) {
      unverifiable.push(`${name}: ${predictedWarnings.join(', ')}`);
    }
    // Rating.
    if (labels.rating && RATING_ORDER.includes(labels.rating)) {
      ratingStories++;
      const step = RATING_ORDER.indexOf(prediction.rating) - RATING_ORDER.indexOf(labels.rating);
      const key = `${labels.rating} -> ${prediction.rating}`;
      ratingConfusion.set(key, (ratingConfusion.get(key) ?? 0) + 1);
      const source = basename(dirname(name));
      const bySource = ratingBySource.get(source) ?? { exact: 0, total: 0 };
      bySource.total++;
      if (step === 0) bySource.exact++;
      ratingBySource.set(source, bySource);
      if (step === 0) ratingExact++;
      else {
        if (step > 0) tooHigh++;
        else tooLow++;
        misses.push(`rating ${prediction.rating} (labelled ${labels.rating})`, ...ratingWhy(prediction));
      }
    }
    // Characters and relationships, on the stories the packs can tag.
    if (labels.characters) {
      const want = labels.characters.map((c) => characterOf(c, knowledge)?.name ?? c);
      compare(charactersAll, want, prediction.characters);
      if (inScope) {
        characterStories++;
        for (const scored of prediction.confidences ?? []) {
          if (scored.field === 'characters')
            band(scored.field, scored.confidence)[want.includes(scored.value) ? 'tp' : 'fp']++;
        }
        misses.push(...compare(characters, want, prediction.characters).map((miss) => `character ${miss}`));
      }
    }
    if (labels.relationships && inScope) {
      relationshipStories++;
      const want = labels.relationships
        .filter((tag) => tag.includes('/'))
        .map((tag) => relationshipOf(tag, knowledge));
      for (const scored of prediction.confidences ?? []) {
        if (scored.field === 'relationships')
          band(scored.field, scored.confidence)[want.includes(scored.value) ? 'tp' : 'fp']++;
      }
      misses.push(
        ...compare(relationships, want, prediction.relationships).map((miss) => `relationship ${miss}`),
      );
    }
    if (labels.main_relationship && inScope) {
      mainTotal++;
      const want = relationshipOf(labels.main_relationship, knowledge);
      if (prediction.mainRelationship === want) mainRight++;
      else misses.push(`main ${prediction.mainRelationship ?? 'none'} (labelled ${want})`);
    }
    if (options.verbose && misses.length > 0) lines.push(`${name}\n    ${misses.join('\n    ')}`);
  }

  const f = (value: number) => value.toFixed(2);
  const row = (label: string, c: Counts) =>
    `${label.padEnd(34)} precision ${f(precision(c))}  recall ${f(recall(c))}  (tp ${c.tp}, fp ${c.fp}, fn ${c.fn})`;
  lines.push(`\n${items.length} real stories with their authors' tags\n`);
  lines.push(`per archive warning (${warningStories} stories whose author gave warnings)`);
  for (const warning of WARNINGS) {
    lines.push(row(`  ${warning}`, warningCounts.get(warning) as Counts));
    const falses = warningFalse.get(warning) ?? [];
    if (falses.length > 0) lines.push(`      false positives: ${falses.join(', ')}`);
  }
  if (unverifiable.length > 0) {
    lines.push('  suggested where the author chose not to warn (not scored):');
    for (const entry of unverifiable) lines.push(`      ${entry}`);
  }
  lines.push(
    `\nrating exact ${ratingExact}/${ratingStories} = ${f(ratio(ratingExact, ratingStories))}  (too high ${tooHigh}, too low ${tooLow})`,
  );
  for (const [source, { exact, total }] of [...ratingBySource].sort())
    lines.push(`  ${source.padEnd(50)} ${exact}/${total} = ${f(ratio(exact, total))}`);
  for (const [key, count] of [...ratingConfusion].sort()) lines.push(`  ${key.padEnd(50)} ${count}`);
  lines.push(
    `\ncharacters and relationships on the ${characterStories} / ${relationshipStories} stories whose fandoms all have a pack`,
  );
  lines.push(row('characters', characters));
  lines.push(row('characters (every story, for scale)', charactersAll));
  lines.push(row('relationships', relationships));
  lines.push(`main relationship ${mainRight}/${mainTotal} = ${f(ratio(mainRight, mainTotal))}`);
  lines.push(
    `inferred suggestions by confidence (tags at ${SUGGESTION_THRESHOLD} and above, the rest possible): share right`,
  );
  for (const [key, c] of [...bands].sort())
    lines.push(`  ${key.padEnd(32)} ${f(precision(c))}  (${c.tp} of ${c.tp + c.fp})`);
  const fandomStories = items.filter((item) => item.labels.fandoms).length;
  lines.push(
    `fandom set exact (in the packs' fandoms) ${fandomExact}/${fandomStories} = ${f(ratio(fandomExact, fandomStories))}`,
  );
  lines.push(
    `no pack fandom for a story of another fandom ${otherFandomClean}/${otherFandom} = ${f(ratio(otherFandomClean, otherFandom))}`,
  );

  const targets: [string, boolean, string][] = [];
  for (const warning of WARNINGS) {
    const c = warningCounts.get(warning) as Counts;
    targets.push([`${warning} precision >= 0.80`, precision(c) >= 0.8, f(precision(c))]);
  }
  targets.push(
    ['rating exact >= 0.75', ratio(ratingExact, ratingStories) >= 0.75, f(ratio(ratingExact, ratingStories))],
    ['characters precision >= 0.85', precision(characters) >= 0.85, f(precision(characters))],
    ['characters recall >= 0.85', recall(characters) >= 0.85, f(recall(characters))],
    ['relationships precision >= 0.85', precision(relationships) >= 0.85, f(precision(relationships))],
    ['relationships recall >= 0.75', recall(relationships) >= 0.75, f(recall(relationships))],
    ['main relationship >= 0.90', ratio(mainRight, mainTotal) >= 0.9, f(ratio(mainRight, mainTotal))],
    [
      'fandom set exact >= 0.95',
      ratio(fandomExact, fandomStories) >= 0.95,
      f(ratio(fandomExact, fandomStories)),
    ],
    [
      'no pack fandom for another fandom >= 0.97',
      ratio(otherFandomClean, otherFandom) >= 0.97,
      f(ratio(otherFandomClean, otherFandom)),
    ],
  );
  lines.push('\ntargets (real set)');
  for (const [label, met, value] of targets)
    lines.push(`  ${met ? 'met    ' : 'MISSED '} ${label.padEnd(44)} ${value}`);
  return { text: lines.join('\n'), targetsMet: targets.every(([, met]) => met) };
}
