/**
 * The memory budget of reading one story file: the worst files we can build, each read and analysed in a
 * child process of its own (so resident memory is measured honestly), must leave it within 256 MB of growth
 * and end in a known outcome. The figures are printed; nothing here is timed.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../src/errors.ts';
import { IMPORT_V8_OPTIONS } from '../src/services/import.process.ts';
import { buildDocx, buildEpub } from './zip-fixtures.ts';

const run = promisify(execFile);
const BUDGET_MB = 256;
const MB = 1024 * 1024;
const dir = mkdtempSync(join(tmpdir(), 'quire-hostile-'));

/** Text of `size` bytes of spaces between an opening and a closing string. */
function padded(open: string, close: string, size: number): Uint8Array {
  const bytes = new Uint8Array(size).fill(0x20);
  bytes.set(strToU8(open));
  bytes.set(strToU8(close), size - close.length);
  return bytes;
}

const WORST: [string, string, () => Uint8Array | string][] = [
  [
    'a DOCX whose styles.xml unpacks to 400 MB',
    'styles-bomb.docx',
    () =>
      buildDocx([{ text: 'Willow counted the jars.' }], {
        parts: { 'word/styles.xml': padded('<w:styles xmlns:w="w">', '</w:styles>', 400 * MB) },
      }),
  ],
  [
    'an EPUB whose chapter unpacks to 400 MB',
    'chapter-bomb.epub',
    () =>
      buildEpub({
        title: 'Bomb',
        creators: ['x'],
        chapters: [{ file: 'c1.xhtml', title: 'One', html: '<p>Start.</p>' }],
        back: [['c2.xhtml', ' '.repeat(400 * MB)]],
      }),
  ],
  [
    'a zip of stories that is a bomb',
    'bomb.zip',
    () => zipSync({ 'a.txt': new Uint8Array(400 * MB).fill(65) }),
  ],
  [
    'HTML 100,000 levels deep',
    'deep.html',
    () => `<html><body>${'<div><i>'.repeat(100_000)}Buffy fell.${'</i></div>'.repeat(100_000)}</body></html>`,
  ],
  [
    'HTML with an <i> left open over 100,000 paragraphs',
    'unclosed.html',
    () => `<html><body>${'<p><i>Willow read on and on. '.repeat(100_000)}</body></html>`,
  ],
  // As long as the longest fics and as dense in names as text can be: a mention every two or three words.
  [
    'a 31 MB text file on one line',
    'one-line.txt',
    () => `Title: Line\n\n${'Buffy ran and Spike ran. '.repeat(1_240_000)}`,
  ],
  [
    'a 31 MB text file of short paragraphs',
    'paragraphs.txt',
    () => `Title: Paragraphs\n\n${`${'Buffy ran and Spike ran. '.repeat(40)}\n\n`.repeat(31_000)}`,
  ],
  [
    '20,000 tiny chapters',
    'chapters.txt',
    () =>
      `Title: Many\n\n${Array.from({ length: 20_000 }, (_, i) => `Chapter ${i + 1}\n\nWillow sighed.\n`).join('\n')}`,
  ],
];

describe('reading the worst files we can build', () => {
  it.each(WORST)(
    'stays within the memory budget on %s',
    async (_, name, build) => {
      const path = join(dir, name);
      writeFileSync(path, build());
      const { stdout } = await run(
        process.execPath,
        // The V8 options an import runs under, so the figure is an import's and GC timing moves it less.
        [...IMPORT_V8_OPTIONS, '--import', 'tsx', 'test/read-one-file.child.ts', path],
        {
          maxBuffer: MB,
        },
      );
      const result = JSON.parse(stdout) as { outcome: string; growthMB: number };
      process.stdout.write(`${name}: ${result.outcome}, resident memory grew ${result.growthMB} MB\n`);
      expect(result.outcome.startsWith('ok') || result.outcome in ERROR_CODES).toBe(true);
      expect(result.growthMB).toBeLessThan(BUDGET_MB);
    },
    240_000,
  );
});
