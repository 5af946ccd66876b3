/**
 * `npm run eval [-- FOLDER...] [--pack FILE] [--verbose]`: run the analysis on labelled stories and print
 * precision and recall per field and per label, and whether the targets are met.
 *
 * A labelled story is a story file with a `<name>.labels.json` beside it (see eval/dev/README.md).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadKnowledge } from '../src/analysis/packs/pack.loader.ts';
import { tagWork } from '../src/analysis/tag-work.ts';
import { readStoryFile } from '../src/ingest/read-story.ts';
import { type Labels, type Prediction, parseLabels, scoreStories } from './score.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    pack: { type: 'string', multiple: true, default: [] },
    verbose: { type: 'boolean', default: false },
  },
});
const folders = positionals.length > 0 ? positionals : [join(import.meta.dirname, 'dev')];
const knowledge = loadKnowledge(values.pack);

function labelledFiles(folder: string): { story: string; labels: string }[] {
  const found: { story: string; labels: string }[] = [];
  for (const name of readdirSync(folder).sort()) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) {
      found.push(...labelledFiles(path));
      continue;
    }
    if (name.endsWith('.labels.json') || name.endsWith('.md')) continue;
    const labels = path.replace(/\.[^./]+$/, '.labels.json');
    try {
      statSync(labels);
      found.push({ story: path, labels });
    } catch {
      // A story without labels is not part of the set.
    }
  }
  return found;
}

const items: { name: string; labels: Labels; prediction: Prediction }[] = [];
const problems: string[] = [];
for (const folder of folders) {
  for (const file of labelledFiles(folder)) {
    let labels: Labels;
    try {
      labels = parseLabels(readFileSync(file.labels, 'utf8'), file.labels);
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
    items.push({
      name: file.story,
      labels,
      prediction: {
        fandoms: tagged.fandoms,
        characters: tagged.characters,
        relationships: tagged.relationships.filter((relationship) => relationship.includes('/')),
        mainRelationship: tagged.mainRelationship,
        categories: tagged.categories,
        // Rating and warnings are scored on what the text shows: the analysis never overrides the author,
        // so a mislabelled header would otherwise hide what it found.
        rating: tagged.analysis.rating.inferred,
        warnings: tagged.analysis.inferredWarnings,
      },
    });
  }
}

if (items.length === 0) {
  console.error(`No labelled stories found in ${folders.join(', ')}.`);
  process.exit(2);
}
const report = scoreStories(items, { verbose: values.verbose });
console.log(report.text);
for (const problem of problems) console.log(`skipped: ${problem}`);
process.exitCode = report.targetsMet ? 0 : 1;
