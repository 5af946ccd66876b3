import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

/** Run the real `quire` executable, as `npm run --silent quire --` does. */
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

describe('quire inspect', () => {
  it('prints exactly one JSON array, one record per file in input order, and exits 1 when some failed', async () => {
    const { stdout, code } = await quire(
      'inspect',
      '--json',
      'test/fixtures/html/lj-entry.html',
      'no/such/file.txt',
      'samples/the-long-road.txt',
    );
    expect(code).toBe(1);
    const records = JSON.parse(stdout);
    expect(records.map((record: { source: string; ok: boolean }) => [record.source, record.ok])).toEqual([
      ['test/fixtures/html/lj-entry.html', true],
      ['no/such/file.txt', false],
      ['samples/the-long-road.txt', true],
    ]);
    expect(records[1].error).toMatch(/does not exist/);
    expect(Object.keys(records[2].work)).toEqual([
      'title',
      'creators',
      'fandoms',
      'rating',
      'warnings',
      'categories',
      'relationships',
      'characters',
      'freeforms',
      'summary',
      'notes',
      'language',
      'complete',
      'words',
      'chapters',
    ]);
    expect(records[2].work.title).toBe('The Long Road Home');
    expect(records[2].work.relationships).toEqual(['Spike/Willow Rosenberg']);
  });

  it('exits 0 when every file was read, with a readable summary', async () => {
    const { stdout, code } = await quire('inspect', 'samples/the-long-road.txt');
    expect(code).toBe(0);
    expect(stdout).toContain('Title:         The Long Road Home');
    expect(stdout).toContain('in progress');
  });

  it('exits 2 on a usage error, and 0 for --help on every command', async () => {
    expect((await quire('inspect')).code).toBe(2);
    expect((await quire('no-such-command')).code).toBe(2);
    const help = await quire('inspect', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--json');
    expect((await quire('--help')).code).toBe(0);
  });

  it('rejects a broken --pack with a message naming the file', async () => {
    const { stderr, code } = await quire(
      'inspect',
      '--pack',
      'no-such-pack.yaml',
      'samples/the-long-road.txt',
    );
    expect(code).toBe(2);
    expect(stderr).toMatch(/no-such-pack.yaml cannot be read/);
  });
});
