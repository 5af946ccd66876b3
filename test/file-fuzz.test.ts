/**
 * A file fuzzer: hostile story files of every format, built from fragments that broke readers before (deep
 * and unclosed markup, stray CDATA, raw-text tags in foreign content, byte-order marks, NUL and control
 * bytes, huge mention counts), must read and analyse to a work or to an AppError with a known code, never
 * anything else. Memory on the worst of them is held to its budget by hostile-files.test.ts.
 */
import fc from 'fast-check';
import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../src/analysis/packs/pack.loader.ts';
import { tagWork } from '../src/analysis/tag-work.ts';
import { ERROR_CODES, isAppError } from '../src/errors.ts';
import { readStoryBytes } from '../src/ingest/read-story.ts';
import { buildDocx, buildEpub } from './zip-fixtures.ts';

const knowledge = loadKnowledge([]);

const FRAGMENTS = [
  'Buffy kissed Spike. ',
  'Willow read on. ',
  '<p>',
  '</p>',
  '<i>',
  '</i>',
  '<b><i>',
  '<div>',
  '</div>',
  '</span>',
  '<![CDATA[',
  ']]>',
  '<math><style>',
  '<svg><title>',
  '</math>',
  '<script>',
  '<!--',
  '-->',
  '<br><br>',
  '<hr>',
  '<h2>Chapter 2</h2>',
  '\nChapter 3\n\n',
  'Title: X\n',
  'Author: y\n',
  'Rating: Explicit\n',
  '* * *\n',
  '\u0000',
  '\u0001',
  '\ufeff',
  '&amp;&#x0;&#9999999;',
  '\ud800',
  '---\ntitle: x\n---\n',
];

/** Text made of fragments, some of them repeated thousands of times. */
const hostileText = fc
  .array(fc.tuple(fc.constantFrom(...FRAGMENTS), fc.constantFrom(1, 1, 1, 3, 500, 5000)), {
    minLength: 1,
    maxLength: 12,
  })
  .map((parts) => parts.map(([fragment, times]) => fragment.repeat(times)).join(''));

const hostileFile = fc.oneof(
  hostileText.map((text) => ({ name: 'fuzz.txt', bytes: strToU8(text) })),
  hostileText.map((text) => ({ name: 'fuzz.html', bytes: strToU8(`<html><body>${text}</body></html>`) })),
  hostileText.map((text) => ({ name: 'fuzz.md', bytes: strToU8(text) })),
  hostileText.map((text) => ({
    name: 'fuzz.txt',
    bytes: new Uint8Array(Buffer.from(`\ufeff${text}`, 'utf16le')),
  })),
  hostileText.map((text) => ({
    name: 'fuzz.epub',
    bytes: buildEpub({
      title: text.slice(0, 200),
      creators: [text.slice(0, 50)],
      chapters: [{ file: 'c1.xhtml', title: 'One', html: text }],
    }),
  })),
  hostileText.map((text) => ({
    name: 'fuzz.docx',
    bytes: buildDocx(text.split('\n').map((line) => ({ text: line }))),
  })),
);

describe('file fuzzer', () => {
  it('reads every hostile file to a work or a known error code', async () => {
    await fc.assert(
      fc.asyncProperty(hostileFile, async ({ name, bytes }) => {
        try {
          const { draft } = await readStoryBytes(bytes, name);
          tagWork(draft, knowledge);
        } catch (error) {
          if (!isAppError(error)) throw error;
          expect(Object.keys(ERROR_CODES)).toContain(error.code);
        }
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});
