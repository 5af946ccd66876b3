import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);

async function quire(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/quire.js', ...args]);
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const failed = error as { stdout: string; stderr: string; code: number };
    return { stdout: failed.stdout, stderr: failed.stderr, code: failed.code };
  }
}

describe('quire search and quire serve on the command line', () => {
  const data = mkdtempSync(join(tmpdir(), 'quire-cli-'));
  beforeAll(async () => {
    const imported = await quire('import', '--data', data, 'test/fixtures/txt/combined.txt');
    expect(imported.code).toBe(0);
  }, 120_000);

  it('refuses a page past the end, naming how many pages there are', async () => {
    const { stderr, code } = await quire('search', '--data', data, '--page', '3');
    expect(code).toBe(2);
    expect(stderr).toBe('quire search: page 3 is past the end: these filters give 1 page.\n');
    expect((await quire('search', '--data', data, '--json')).code).toBe(0);
  });

  it('refuses a bad port, a taken one and a bad cache size with a message', async () => {
    const bad = await quire('serve', '--data', data, '--port', 'eighty');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--port must be a whole number from 0 to 65535, not "eighty"');
    for (const value of ['-1', 'lots', '1.5']) {
      const cache = await quire('serve', '--data', data, '--port', '0', '--cache-mb', value);
      expect(cache.code).toBe(2);
      expect(cache.stderr).toContain(`--cache-mb must be a whole number from 0 to 1000000, not "${value}"`);
    }
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const taken = await quire('serve', '--data', data, '--port', String(port), '--log-level', 'silent');
      expect(taken.code).toBe(1);
      expect(taken.stderr).toContain(`cannot listen on 127.0.0.1:${port} (EADDRINUSE)`);
    } finally {
      blocker.close();
    }
  });
});

describe('quire import on the command line', () => {
  it('loads no database code in its own thread: the import thread does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quire-cli-'));
    const hook = join(dir, 'report-loads.mjs');
    writeFileSync(
      hook,
      `import { registerHooks } from 'node:module';
registerHooks({ resolve(specifier, context, next) {
  const found = next(specifier, context);
  if (/node_modules\\/(kysely|better-sqlite3|pg)\\//.test(found.url)) process.stderr.write('loaded ' + found.url + '\\n');
  return found;
} });
`,
    );
    const { stdout, stderr } = await run(process.execPath, [
      '--import',
      pathToFileURL(hook).href,
      'bin/quire.js',
      'import',
      '--data',
      join(dir, 'data'),
      'test/fixtures/txt/combined.txt',
    ]);
    expect(stdout).toContain('Imported 1,');
    expect(stderr).not.toContain('loaded ');
  }, 120_000);
});

describe('quire import reports', () => {
  it('writes each run’s failures to a new file under <data>/reports/, none in the current folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quire-report-'));
    const data = join(dir, 'data');
    writeFileSync(join(dir, 'header-only.txt'), 'Title: Nothing Yet\nAuthor: someone\n');
    const first = await quire('import', '--data', data, join(dir, 'header-only.txt'));
    const second = await quire('import', '--data', data, join(dir, 'header-only.txt'));
    expect([first.code, second.code]).toEqual([1, 1]);
    const reports = readdirSync(join(data, 'reports')).sort();
    expect(reports).toHaveLength(2);
    expect(reports[0]).toMatch(/^import-\d{4}-\d\d-\d\dT[\d.-]+Z(?:-\d+)?\.txt$/);
    expect(first.stdout).toContain(join(data, 'reports', reports[0] as string));
    const text = readFileSync(join(data, 'reports', reports[1] as string), 'utf8');
    expect(text).toMatch(/header-only\.txt\t.*no story text/);
    expect(existsSync('quire-import-report.txt')).toBe(false);
  }, 120_000);
});
