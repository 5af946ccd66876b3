/**
 * Builds the demo archive's binary story files from the sources in `samples/demo/src/`:
 * AO3-style and FanFicFare-style EPUBs, Word documents, and a `.zip` of plain-text stories.
 *
 *   node --import tsx samples/demo/build.ts
 *
 * A source is a `.story` file: `Key: value` header lines, a `---` line, then the chapters. Two lower-case
 * keys steer the build and are not part of the story: `output` (the file to write, or `archive.zip/name.txt`
 * for a story inside a zip) and `style` (`ao3` or `fanficfare` for an EPUB, `titled` for a DOCX whose
 * title is a Title-styled paragraph). In the body, `## Chapter 1: Title` starts a chapter,
 * `Chapter Notes:` and `Chapter End Notes:` lines give its notes, blank lines separate paragraphs and
 * `_text_` is italic. Output is deterministic: every zip entry carries the same timestamp.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strToU8, type Zippable, zipSync } from 'fflate';
import { buildDocx } from './build/docx.ts';
import { buildEpub } from './build/epub.ts';
import { parseStory, stamp, wordCount } from './build/story-source.ts';
import { buildText } from './build/text.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const SOURCES = join(HERE, 'src');

const stories = readdirSync(SOURCES)
  .filter((name) => name.endsWith('.story'))
  .sort()
  .map((name) => parseStory(name, readFileSync(join(SOURCES, name), 'utf8')));

const archives = new Map<string, Zippable>();
for (const story of stories) {
  const zipped = /^(.+\.zip)\/(.+)$/.exec(story.output);
  if (zipped) {
    const [, archive = '', member = ''] = zipped;
    const entries = archives.get(archive) ?? {};
    entries[member] = stamp(strToU8(buildText(story)));
    archives.set(archive, entries);
    console.log(`${story.source} -> ${archive}!/${member}`);
    continue;
  }
  let bytes: Uint8Array;
  if (story.output.endsWith('.epub')) bytes = buildEpub(story);
  else if (story.output.endsWith('.docx')) bytes = buildDocx(story);
  else throw new Error(`${story.source}: cannot build ${story.output}`);
  writeFileSync(join(HERE, story.output), bytes);
  console.log(`${story.source} -> ${story.output} (${wordCount(story)} words)`);
}
for (const [archive, entries] of archives) {
  writeFileSync(join(HERE, archive), zipSync(entries));
  console.log(`${archive}: ${Object.keys(entries).length} stories`);
}
