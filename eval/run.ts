/**
 * `npm run eval [-- FOLDER...] [--dev | --real [--real-dir DIR]] [--pack FILE] [--verbose] [--relationships]`: run the analysis
 * on labelled stories and print precision and recall per field and per label, and whether the targets are met.
 *
 * With no folder it scores `eval/dev` (labels a wrangler wrote, see eval/dev/README.md) and then the real
 * stories in `../shared/realtext` (their authors' tags, see that folder's README), skipping the real set with
 * a message when the folder is absent. `--dev` and `--real` choose one of them. `--relationships` adds, for the
 * real set, each story's relationship mistakes with the pair scores behind them (`why-relationships.ts`).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseScriptArgs } from '../scripts/script-args.ts';
import { loadKnowledge } from '../src/analysis/packs/pack.loader.ts';
import { type TaggedWork, tagWork } from '../src/analysis/tag-work.ts';
import { readStoryFile } from '../src/ingest/read-story.ts';
import type { Evidence } from '../src/ingest/story.ts';
import { type Labels, type Prediction, parseLabels, scoreStories } from './score.ts';
import { parseRealLabels, type RealLabels, scoreRealStories } from './score-real.ts';
import { relationshipMisses } from './why-relationships.ts';

const { values, positionals } = parseScriptArgs({
  allowPositionals: true,
  options: {
    pack: { type: 'string', multiple: true, default: [] },
    verbose: { type: 'boolean', default: false },
    dev: { type: 'boolean', default: false },
    real: { type: 'boolean', default: false },
    relationships: { type: 'boolean', default: false },
    'real-dir': { type: 'string', default: resolve(import.meta.dirname, '..', '..', 'shared', 'realtext') },
  },
});
const knowledge = loadKnowledge(values.pack);

function labelledFiles(folder: string): { story: string; labels: string }[] {
  const found: { story: string; labels: string }[] = [];
  for (const name of readdirSync(folder).sort()) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) {
      found.push(...labelledFiles(path));
      continue;
    }
    if (name.endsWith('.labels.json')) continue;
    const labels = path.replace(/\.[^./]+$/, '.labels.json');
    if (existsSync(labels)) found.push({ story: path, labels });
  }
  return found;
}

function predictionOf(tagged: TaggedWork): Prediction {
  return {
    fandoms: tagged.fandoms,
    characters: tagged.characters,
    relationships: tagged.relationships.filter((relationship) => relationship.includes('/')),
    mainRelationship: tagged.mainRelationship,
    categories: tagged.categories,
    // Rating and warnings are scored on what the text shows: the analysis never overrides the author,
    // so a mislabelled header would otherwise hide what it found.
    rating: tagged.analysis.rating.inferred,
    warnings: tagged.analysis.inferredWarnings,
    confidences: [
      ...tagged.analysis.characters.map((s) => ({ field: 'characters' as const, ...s })),
      ...tagged.analysis.relationships
        .filter((s) => s.kind === 'romantic')
        .map((s) => ({ field: 'relationships' as const, ...s })),
    ]
      .filter((suggestion) => suggestion.source === 'inferred')
      .map(({ field, value, confidence }) => ({ field, value, confidence: confidence ?? 1 })),
    ratingEvidence: tagged.analysis.rating.inferredEvidence.map(describeEvidence),
  };
}

function describeEvidence(evidence: Evidence): string {
  if (evidence.source === 'rule') return evidence.reason;
  if (evidence.source === 'header') return `${evidence.label}: ${evidence.value}`;
  return `${evidence.cue} (chapter ${evidence.chapter}): ${evidence.quote}`;
}

/** Read, analyse and pair with its labels every labelled story under the folders. */
async function analyseFolders<L>(
  folders: string[],
  parse: (text: string, file: string) => L,
  problems: string[],
): Promise<{ name: string; labels: L; prediction: Prediction; tagged: TaggedWork }[]> {
  const items: { name: string; labels: L; prediction: Prediction; tagged: TaggedWork }[] = [];
  for (const folder of folders) {
    for (const file of labelledFiles(folder)) {
      let labels: L;
      try {
        labels = parse(readFileSync(file.labels, 'utf8'), file.labels);
      } catch (error) {
        problems.push((error as Error).message);
        continue;
      }
      const result = await readStoryFile(file.story);
      if (!result.ok) {
        problems.push(`${file.story}: ${result.error}`);
        continue;
      }
      const tagged = tagWork(result.draft, knowledge);
      items.push({ name: file.story, labels, prediction: predictionOf(tagged), tagged });
    }
  }
  return items;
}

let met = true;
const problems: string[] = [];
const runDev = positionals.length > 0 || values.dev || !values.real;
const runReal = positionals.length === 0 && (values.real || !values.dev);

if (runDev) {
  const folders = positionals.length > 0 ? positionals : [join(import.meta.dirname, 'dev')];
  const items = await analyseFolders<Labels>(folders, parseLabels, problems);
  if (items.length === 0) {
    console.error(`No labelled stories found in ${folders.join(', ')}.`);
    process.exit(2);
  }
  const report = scoreStories(items, { verbose: values.verbose });
  console.log(report.text);
  met &&= report.targetsMet;
}
if (runReal) {
  const folder = values['real-dir'];
  if (!existsSync(folder)) {
    console.log(`\nreal set: ${folder} is absent, skipped (see issue 16 for where it comes from).`);
  } else {
    const items = await analyseFolders<RealLabels>([folder], parseRealLabels, problems);
    const report = scoreRealStories(items, knowledge, { verbose: values.verbose });
    console.log(report.text);
    met &&= report.targetsMet;
    if (values.relationships) console.log(relationshipMisses(items, knowledge).join('\n'));
  }
}
for (const problem of problems) console.log(`skipped: ${problem}`);
process.exitCode = met ? 0 : 1;
