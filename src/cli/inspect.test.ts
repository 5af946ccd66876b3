import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const TXT = 'test/fixtures/txt';

/** Run the real `quire` executable from the repository root, as `npm run --silent quire --` does. */
async function quire(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/quire.js', ...args], {
      maxBuffer: 16 * 1024 * 1024,
    });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const failed = error as { stdout: string; stderr: string; code: number };
    return { stdout: failed.stdout, stderr: failed.stderr, code: failed.code };
  }
}

interface JsonRecord {
  source: string;
  ok: boolean;
  error?: string;
  work?: Record<string, unknown> & { chapters: { title: string | null; words: number }[] };
  evidence?: Record<string, unknown>;
}

describe('quire inspect --json', () => {
  it('prints exactly one JSON array, a record per file in input order, and exits 1 when some failed', async () => {
    const files = [
      `${TXT}/combined.txt`,
      'no/such/file.txt',
      `${TXT}/fanficfare.txt`,
      TXT,
      'test/fixtures/html/lj-entry.html',
    ];
    const { stdout, code } = await quire('inspect', '--json', '--no-analysis', ...files);
    expect(code).toBe(1);
    expect(stdout.trim()).toMatch(/^\[[\s\S]*\]$/);
    const records = JSON.parse(stdout) as JsonRecord[];
    expect(records.map((record) => [record.source, record.ok])).toEqual([
      [files[0], true],
      [files[1], false],
      [files[2], true],
      [files[3], false],
      [files[4], true],
    ]);
    expect(records[1]?.error).toBe('no/such/file.txt does not exist.');
    expect(records[3]?.error).toMatch(/is a directory/);
    expect(records[0]?.work).toEqual({
      title: 'The Long Road',
      creators: ['nightowl'],
      fandoms: [],
      rating: 'Teen And Up Audiences',
      warnings: [],
      categories: [],
      relationships: [],
      characters: [],
      freeforms: [],
      summary: 'Willow goes looking for something she lost and finds Spike instead.',
      notes: null,
      language: 'und',
      complete: false,
      words: 11,
      chapters: [
        { title: null, words: 6 },
        { title: 'Homecoming', words: 5 },
      ],
    });
    expect(records[0]?.evidence).toMatchObject({
      ratingOriginal: 'PG-13',
      completeReason: 'the last chapter ends with a continuation marker ("TBC")',
      format: 'txt',
    });
    expect(records[2]?.work).toMatchObject({ title: 'The Quiet Year', complete: false });
  });

  it('answers ok: false for a page that is not a story, saying why, and reads a drabble between menus', async () => {
    const files = ['test/fixtures/html/error-page.html', 'test/fixtures/html/drabble-page.html'];
    const { stdout, code } = await quire('inspect', '--json', '--no-analysis', ...files);
    expect(code).toBe(1);
    const records = JSON.parse(stdout) as JsonRecord[];
    expect(records.map((record) => record.ok)).toEqual([false, true]);
    expect(records[0]?.error).toMatch(
      /^not a story: error-page\.html is an error page \(it says “Story Not Found”/,
    );
    expect(records[1]?.work).toMatchObject({ title: 'Salt' });
  });

  it('prints every file with the analysis on, a story naming one character 200,000 times among them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'quire-inspect-'));
    try {
      const long = join(dir, 'long.txt');
      const paragraph = 'Buffy ran. Buffy kissed Spike. Buffy laughed. Buffy sighed.\n\n';
      await writeFile(long, `Title: Long\nFandom: BtVS\n\n${paragraph.repeat(50_000)}`);
      const files = [`${TXT}/combined.txt`, long, 'no/such/file.txt'];
      const { stdout, code } = await quire('inspect', '--json', ...files);
      expect(code).toBe(1);
      const records = JSON.parse(stdout) as JsonRecord[];
      expect(records.map((record) => [record.source, record.ok])).toEqual([
        [files[0], true],
        [files[1], true],
        [files[2], false],
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('exits 0 when every file was read, with the analysis on', async () => {
    const { stdout, code } = await quire(
      'inspect',
      '--json',
      `${TXT}/header-block.txt`,
      `${TXT}/efiction-printable.txt`,
    );
    expect(code).toBe(0);
    const records = JSON.parse(stdout) as JsonRecord[];
    expect(records.map((record) => [record.source, record.ok])).toEqual([
      [`${TXT}/header-block.txt`, true],
      [`${TXT}/efiction-printable.txt`, true],
    ]);
    expect(records[0]?.work?.fandoms).toContain('Buffy the Vampire Slayer');
    expect(records[0]?.evidence?.ratingOriginal).toBe('R');
  });
});

describe('quire inspect, readable', () => {
  it('prints a summary per file, errors included, and exits 1 when some failed', async () => {
    const { stdout, code } = await quire('inspect', '--no-analysis', `${TXT}/combined.txt`, 'nope.txt');
    expect(code).toBe(1);
    expect(stdout).toBe(
      [
        `${TXT}/combined.txt`,
        '  Title:         The Long Road',
        '  Creators:      nightowl',
        '  Rating:        Teen And Up Audiences (file says "PG-13")',
        '  Language:      und',
        '  Status:        in progress (the last chapter ends with a continuation marker ("TBC"))',
        '  Words:         11',
        '  Summary:       Willow goes looking for something she lost and finds Spike instead.',
        '  Chapters:      2',
        '      1. (untitled) — 6 words',
        '      2. Homecoming — 5 words',
        '',
        'nope.txt',
        '  error: nope.txt does not exist.',
        '',
      ].join('\n'),
    );
  });

  it('exits 0 when every file was read', async () => {
    const { stdout, code } = await quire('inspect', `${TXT}/title-by-author.txt`);
    expect(code).toBe(0);
    expect(stdout).toContain('Title:         Winter Quarters');
    expect(stdout).toContain('Creators:      Ashfall');
    expect(stdout).toContain('complete (no status or end marker;');
  });
});

describe('quire usage', () => {
  it('exits 2 on a usage error and 0 for --help', async () => {
    const missing = await quire('inspect');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/missing required argument 'files'/);
    expect((await quire('inspect', '--no-such-option', `${TXT}/combined.txt`)).code).toBe(2);
    expect((await quire('no-such-command')).code).toBe(2);
    const help = await quire('inspect', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--json');
    expect((await quire('--help')).code).toBe(0);
  });

  it('rejects a broken --pack with a message naming the file', async () => {
    const { stderr, code } = await quire('inspect', '--pack', 'no-such-pack.yaml', `${TXT}/combined.txt`);
    expect(code).toBe(2);
    expect(stderr).toMatch(/no-such-pack.yaml cannot be read/);
  });
});
