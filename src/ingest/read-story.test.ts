import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors.ts';
import { txtFormat } from './formats/txt.ts';
import { readStoryFile } from './read-story.ts';
import { structureStory } from './structure.ts';

const dir = mkdtempSync(join(tmpdir(), 'quire-read-'));
const folder = () => {
  mkdirSync(join(dir, 'folder'), { recursive: true });
  return join(dir, 'folder');
};
const write = (name: string, bytes: Uint8Array | string) => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};

describe('readStoryFile on bad input', () => {
  it.each([
    ['a missing path', () => join(dir, 'nope.txt'), 'FILE_NOT_FOUND', /does not exist/],
    ['a directory', folder, 'NOT_A_FILE', /is a directory/],
    ['an empty file', () => write('empty.txt', ''), 'EMPTY_FILE', /is empty/],
    [
      'a PNG image',
      () => write('cover.txt', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0])),
      'BINARY_FILE',
      /PNG image/,
    ],
    [
      'random binary',
      () => write('blob.txt', new Uint8Array(Array.from({ length: 512 }, (_, i) => (i * 7919) % 256))),
      'BINARY_FILE',
      /binary/,
    ],
    [
      'bytes in no known encoding',
      () => write('odd.txt', new Uint8Array([0x48, 0x81, 0x8d, 0x9d, 0x8f, 0x90, 0x41])),
      'UNKNOWN_ENCODING',
      /not valid UTF-8/,
    ],
    [
      'an unknown extension',
      () => write('story.rtf2', 'hello'),
      'UNSUPPORTED_FORMAT',
      /not a format Quire reads/,
    ],
    [
      'an old Word file',
      () => write('story.doc', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])),
      'BINARY_FILE',
      /save it as .docx/,
    ],
  ])('gives a readable error for %s', async (_, makePath, code, message) => {
    const result = await readStoryFile(makePath());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe(code);
    expect(result.error).toMatch(message);
  });

  it('refuses a 50 MB text file without reading it', async () => {
    const path = join(dir, 'huge.txt');
    writeFileSync(path, '');
    const { truncateSync } = await import('node:fs');
    truncateSync(path, 50 * 1024 * 1024);
    const result = await readStoryFile(path);
    expect(result).toMatchObject({ ok: false, code: 'FILE_TOO_LARGE' });
    if (!result.ok) expect(result.error).toMatch(/50 MB, more than the 32 MB/);
  });

  it('reads HTML saved with a .txt name as HTML', async () => {
    const result = await readStoryFile(
      write('saved.txt', '<!DOCTYPE html><html><body><p>Title: Odd</p><p>Story text.</p></body></html>'),
    );
    expect(result.ok && result.format).toBe('html');
  });
});

describe('encodings', () => {
  const story = 'Title: Café\n\nIt’s “late”, she said — naïve.';
  const expectStory = async (bytes: Uint8Array, name: string) => {
    const result = await readStoryFile(write(name, bytes));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.draft.title).toBe('Café');
    const block = result.draft.chapters[0]?.blocks[0];
    expect(block?.type === 'paragraph' && block.text).toBe('It’s “late”, she said — naïve.');
  };
  it('reads UTF-8 with and without a BOM', async () => {
    await expectStory(new TextEncoder().encode(story), 'u8.txt');
    await expectStory(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(story)]), 'u8bom.txt');
  });
  it('reads UTF-16 LE and BE, with and without a BOM', async () => {
    const le = Buffer.from(story, 'utf16le');
    const be = Buffer.from(le).swap16();
    await expectStory(new Uint8Array([0xff, 0xfe, ...le]), 'le-bom.txt');
    await expectStory(new Uint8Array([0xfe, 0xff, ...be]), 'be-bom.txt');
    await expectStory(new Uint8Array(le), 'le.txt');
    await expectStory(new Uint8Array(be), 'be.txt');
  });
  it('reads Windows-1252 curly quotes and ISO-8859-1, with CRLF and CR line endings', async () => {
    const cp1252 = new Uint8Array([
      ...Buffer.from('Title: Caf'),
      0xe9,
      0x0d,
      0x0a,
      0x0d,
      0x0a,
      ...Buffer.from('It'),
      0x92,
      ...Buffer.from('s '),
      0x93,
      ...Buffer.from('late'),
      0x94,
      ...Buffer.from(', she said '),
      0x97,
      ...Buffer.from(' na'),
      0xef,
      ...Buffer.from('ve.'),
    ]);
    await expectStory(cp1252, 'cp1252.txt');
    const latin1 = new Uint8Array([
      ...Buffer.from('Title: Caf'),
      0xe9,
      0x0d,
      0x0d,
      ...Buffer.from('Na'),
      0xef,
      ...Buffer.from('ve.'),
    ]);
    const result = await readStoryFile(write('latin1.txt', latin1));
    expect(result.ok && result.draft.title).toBe('Café');
  });
  it('repairs mojibake from an earlier wrong conversion', async () => {
    await expectStory(
      new TextEncoder().encode('Title: CafÃ©\n\nItâ€™s â€œlateâ€\u009d, she said â€” naÃ¯ve.'),
      'mojibake.txt',
    );
  });
});

describe('the plain-text path on arbitrary input', () => {
  it('either gives a draft whose words add up, or an AppError; never anything else', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 3000 }),
          fc.string({ unit: 'grapheme', maxLength: 3000 }).map((text) => new TextEncoder().encode(text)),
        ),
        async (bytes) => {
          try {
            const draft = structureStory(await txtFormat.read(bytes, 'fuzz.txt'));
            expect(draft.words).toBe(draft.chapters.reduce((sum, chapter) => sum + chapter.words, 0));
          } catch (error) {
            if (!isAppError(error)) throw error;
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
