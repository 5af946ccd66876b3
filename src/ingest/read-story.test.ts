import { mkdirSync, mkdtempSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readStoryFile } from './read-story.ts';

const dir = mkdtempSync(join(tmpdir(), 'quire-read-'));
const write = (name: string, bytes: Uint8Array | string) => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};

describe('readStoryFile on bad input', () => {
  it.each([
    ['a missing path', () => join(dir, 'nope.txt'), 'FILE_NOT_FOUND', /nope\.txt does not exist/],
    [
      'a path through a file',
      () => join(write('plain.txt', 'Hi.'), 'x.txt'),
      'FILE_NOT_FOUND',
      /does not exist/,
    ],
    [
      'a directory',
      () => {
        mkdirSync(join(dir, 'folder'), { recursive: true });
        return join(dir, 'folder');
      },
      'NOT_A_FILE',
      /is a directory/,
    ],
    ['an empty file', () => write('empty.txt', ''), 'EMPTY_FILE', /is empty/],
    [
      'a symbolic link loop',
      () => {
        symlinkSync(join(dir, 'loop-b.txt'), join(dir, 'loop-a.txt'));
        symlinkSync(join(dir, 'loop-a.txt'), join(dir, 'loop-b.txt'));
        return join(dir, 'loop-a.txt');
      },
      'NOT_A_FILE',
      /symbolic link loop/,
    ],
    [
      'a PNG image',
      () => write('cover.txt', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])),
      'BINARY_FILE',
      /PNG image/,
    ],
    [
      'random binary',
      () => write('blob.txt', new Uint8Array(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256))),
      'BINARY_FILE',
      /binary/,
    ],
    [
      'bytes in no known encoding',
      () => write('odd.txt', new Uint8Array([0x48, 0x81, 0x8d, 0x9d, 0x8f, 0x90, 0x41])),
      'UNKNOWN_ENCODING',
      /not valid UTF-8, UTF-16, Windows-1252 or ISO-8859-1/,
    ],
    [
      'only white space and symbols',
      () => write('blank.txt', '\n\n   ***\n\n'),
      'NO_STORY_TEXT',
      /no story text/,
    ],
    [
      'a header and no story',
      () =>
        write(
          'header.txt',
          'Title: Nothing Yet\nAuthor: someone\nFandom: Buffy\nSummary: It will be good.\n',
        ),
      'NO_STORY_TEXT',
      /header or headings but no story text/,
    ],
    [
      'chapter headings and no story',
      () => write('headings.txt', 'Title: Soon\nAuthor: someone\n\nChapter 1\n\nChapter 2\n'),
      'NO_STORY_TEXT',
      /no story text/,
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
  ])('gives a readable error for %s, without throwing', async (_, makePath, code, message) => {
    const path = makePath();
    const result = await readStoryFile(path);
    expect(result).toMatchObject({ source: path, ok: false, code });
    if (!result.ok) expect(result.error).toMatch(message);
  });

  it('refuses a 50 MB text file without reading it', async () => {
    const path = write('huge.txt', '');
    truncateSync(path, 50 * 1024 * 1024); // sparse: the test writes nothing, and the size check comes first
    const result = await readStoryFile(path);
    expect(result).toMatchObject({ ok: false, code: 'FILE_TOO_LARGE' });
    if (!result.ok) expect(result.error).toMatch(/50 MB, more than the 32 MB/);
  });

  it('reads HTML saved with a .txt name as HTML, not as text full of tags', async () => {
    const result = await readStoryFile(
      write(
        'saved.txt',
        '<!DOCTYPE html><html><body><p>Title: Odd</p><p>Story <i>text</i>.</p></body></html>',
      ),
    );
    expect(result).toMatchObject({ ok: true, format: 'html' });
    if (result.ok) {
      expect(result.draft.title).toBe('Odd');
      expect(result.draft.chapters[0]?.blocks).toMatchObject([{ type: 'paragraph', text: 'Story text.' }]);
    }
  });
});

describe('encodings, from files', () => {
  const story = 'Title: Café\n\nIt’s “late”, she said — naïve.';
  const expectStory = async (bytes: Uint8Array, name: string) => {
    const result = await readStoryFile(write(name, bytes));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.draft.title).toBe('Café');
    expect(result.draft.chapters[0]?.blocks).toEqual([
      { type: 'paragraph', text: 'It’s “late”, she said — naïve.', html: 'It’s “late”, she said — naïve.' },
    ]);
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

  it('reads Windows-1252 with CRLF line endings and ISO-8859-1 with CR line endings', async () => {
    const latin = (text: string) => [...Buffer.from(text, 'latin1')];
    await expectStory(
      new Uint8Array([
        ...latin('Title: Caf\u00e9\r\n\r\nIt'),
        0x92,
        ...latin('s '),
        0x93,
        ...latin('late'),
        0x94,
        ...latin(', she said '),
        0x97,
        ...latin(' na\u00efve.\r\n'),
      ]),
      'cp1252.txt',
    );
    const result = await readStoryFile(
      write('latin1.txt', new Uint8Array(latin('Title: Caf\u00e9\r\rNa\u00efve.\r'))),
    );
    expect(result.ok && [result.draft.title, result.draft.notices]).toEqual(['Café', ['read as ISO-8859-1']]);
  });

  it('repairs mojibake from an earlier wrong conversion', async () => {
    await expectStory(
      new TextEncoder().encode('Title: CafÃ©\n\nItâ€™s â€œlateâ€\u009d, she said â€” naÃ¯ve.'),
      'mojibake.txt',
    );
  });
});
