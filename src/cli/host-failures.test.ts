import { execFile, execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
/** As root, a read-only folder is not read-only: the commands run as `nobody` then, as an operator's would. */
const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
/**
 * Whether that user can run this project's Node at all: not when the checkout sits in a folder only root may
 * enter (a `mktemp -d` clone), as the pinned Node lives in node_modules. The read-only tests need it.
 */
const userCanRun = (() => {
  if (!('uid' in asUser)) return true;
  try {
    execFileSync(process.execPath, ['-e', ''], { ...asUser, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!userCanRun)
  console.log(
    'The read-only archive tests are skipped: they run as nobody, who cannot enter this checkout (its Node is in node_modules). Clone into a folder others may read to run them.',
  );

async function quire(
  args: string[],
  env: Record<string, string> = {},
  user: { uid?: number; gid?: number } = {},
): Promise<{ stdout: string; stderr: string; code: number }> {
  const options = { env: { ...process.env, QUIRE_DATABASE_URL: '', ...env }, ...user };
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/quire.js', ...args], options);
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const failed = error as { stdout: string; stderr: string; code: number };
    return { stdout: failed.stdout, stderr: failed.stderr, code: failed.code };
  }
}

/** One line naming the problem, prefixed by the command, and no stack trace. */
function expectOneLine(stderr: string, command: string, pattern: RegExp) {
  expect(stderr).toMatch(new RegExp(`^quire( ${command})?: `));
  expect(stderr.trim().split('\n')).toHaveLength(1);
  expect(stderr).toMatch(pattern);
  expect(stderr).not.toMatch(/\n\s+at |Error:/);
}

describe.skipIf(!userCanRun)('a read-only archive', () => {
  const data = mkdtempSync(join(tmpdir(), 'quire-readonly-'));
  beforeAll(async () => {
    expect((await quire(['import', '--data', data, 'test/fixtures/txt/combined.txt'])).code).toBe(0);
    chmodSync(join(data, 'quire.db'), 0o444);
    chmodSync(data, 0o555);
  }, 120_000);

  it('is refused by import, clearly, and left as it was', async () => {
    const { stderr, code } = await quire(['import', '--data', data, 'samples'], {}, asUser);
    expect(code).toBe(1);
    expectOneLine(stderr, 'import', /quire\.db is read-only here/);
    expect(readdirSync(data)).toEqual(['quire.db']);
  });

  it('is searched and served for reading', async () => {
    const found = await quire(['search', '--data', data, '--json'], {}, asUser);
    expect(found.code).toBe(0);
    expect(JSON.parse(found.stdout).total).toBe(1);
    const server = spawn(process.execPath, ['bin/quire.js', 'serve', '--data', data, '--port', '0'], {
      env: { ...process.env, QUIRE_DATABASE_URL: '' },
      ...asUser,
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        server.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /at (http:\S+)/.exec(out);
          if (match?.[1]) resolve(match[1]);
        });
        server.on('exit', (exitCode) => reject(new Error(`quire serve exited with ${exitCode}`)));
      });
      const works = await fetch(new URL('/works', url));
      expect(works.status).toBe(200);
      expect(await works.text()).toContain('1 – 1 of 1 Works');
    } finally {
      server.kill();
    }
    expect(readdirSync(data)).toEqual(['quire.db']);
  }, 60_000);
});

describe('a --data that cannot hold an archive', () => {
  it('says a regular file is not a folder, for every command that opens the archive', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'quire-file-')), 'archive');
    writeFileSync(file, 'not a folder');
    for (const [command, ...rest] of [['import', 'samples'], ['search'], ['serve', '--port', '0']] as const) {
      const { stderr, code } = await quire([command, '--data', file, ...rest]);
      expect(code, command).toBe(1);
      expectOneLine(stderr, command, /archive is a file, not a folder/);
    }
  });

  it.runIf(existsSync('/proc/self'))(
    'names a folder that cannot be made, under /proc, instead of hanging',
    async () => {
      for (const [command, ...rest] of [
        ['import', 'samples'],
        ['search'],
        ['serve', '--port', '0'],
      ] as const) {
        const { stderr, code } = await quire([command, '--data', '/proc/quire-test/data', ...rest]);
        expect(code, command).toBe(1);
        expectOneLine(stderr, command, /folder \/proc\/quire-test cannot be made or used \(ENOENT\)/);
      }
    },
  );
});

describe('a database URL Quire cannot use', () => {
  it('refuses a MySQL URL as unsupported', async () => {
    const { stderr, code } = await quire(['search'], {
      QUIRE_DATABASE_URL: 'mysql://root:secret@127.0.0.1/quire',
    });
    expect(code).toBe(1);
    expectOneLine(stderr, 'search', /names a mysql database, which Quire does not support/);
    expect(stderr).not.toContain('secret');
  });

  it('says the server does not speak TLS when the URL asks for it', async () => {
    // What PostgreSQL without ssl answers to a client's SSLRequest: a single "N".
    const server = createServer((socket) => socket.once('data', () => socket.write('N')));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const { stderr, code } = await quire(['search'], {
        QUIRE_DATABASE_URL: `postgres://quire@127.0.0.1:${port}/quire?sslmode=require`,
        NODE_NO_WARNINGS: '1',
      });
      expect(code).toBe(1);
      expectOneLine(stderr, 'search', /does not accept TLS connections, which the URL asks for \(sslmode\)/);
    } finally {
      server.close();
    }
  });
});

describe('quire serve and the address readers use', () => {
  it('asks for --base-url on any address but loopback, and behind a proxy', async () => {
    const data = mkdtempSync(join(tmpdir(), 'quire-serve-'));
    const open = await quire(['serve', '--data', data, '--host', '0.0.0.0', '--port', '0']);
    expect(open.code).toBe(2);
    expectOneLine(open.stderr, 'serve', /--base-url is needed when serving on 0\.0\.0\.0/);
    const proxied = await quire(['serve', '--data', data, '--trust-proxy', '--port', '0']);
    expect(proxied.code).toBe(2);
    expectOneLine(proxied.stderr, 'serve', /--base-url is needed behind a reverse proxy/);
  });
});
