/**
 * The README's first command, run as a person runs it: `npm run demo` is `node bin/quire.js demo`. The test
 * spawns the command, waits for the address it prints, reads pages as a browser would, and stops it with
 * Ctrl-C. The same for `quire serve` over an archive made by `quire import`. If either stops serving, this
 * fails (a page of the browser tests, built another way, would not notice).
 */
import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';

const STARTUP_MS = 120_000;
const running: ChildProcess[] = [];

afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

interface Started {
  child: ChildProcess;
  url: string;
  stdout: () => string;
  stderr: () => string;
}

/** Start `quire ARGS` and wait for the address it prints on stdout. */
function startQuire(args: string[]): Promise<Started> {
  const child = spawn(process.execPath, ['bin/quire.js', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no address printed in time.\nstdout: ${stdout}\nstderr: ${stderr}`)),
      STARTUP_MS,
    );
    child.stdout?.on('data', (chunk) => {
      stdout += chunk;
      const url = /open at (http:\/\/\S+)|at (http:\/\/\S+)\n/.exec(stdout);
      if (url) {
        clearTimeout(timer);
        resolve({
          child,
          url: (url[1] ?? url[2] ?? '').replace(/\/$/, ''),
          stdout: () => stdout,
          stderr: () => stderr,
        });
      }
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(
        new Error(
          `quire ${args[0]} ended (${code ?? signal}) before serving.\nstdout: ${stdout}\nstderr: ${stderr}`,
        ),
      );
    });
  });
}

/** Ctrl-C, as the printed line says; the status it ends with. */
function interrupt(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', (code) => resolve(code));
    child.kill('SIGINT');
  });
}

async function page(url: string): Promise<{ status: number; type: string; body: string }> {
  const response = await fetch(url, { redirect: 'manual' });
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    body: await response.text(),
  };
}

/** Home, the works index, the first work on it and that work's EPUB, each answered as a reader expects. */
async function readAsAVisitor(base: string, works: number): Promise<void> {
  const home = await page(`${base}/`);
  expect(home.status).toBe(200);
  expect(home.body).toContain(`${works} works across`);
  const index = await page(`${base}/works`);
  expect(index.status).toBe(200);
  expect(index.type).toContain('text/html');
  const first = /href="(\/works\/\d+)"/.exec(index.body)?.[1];
  expect(first, 'the works index links to a work').toBeDefined();
  let work = await page(`${base}${first}`);
  expect(work.status).toBe(200);
  if (work.body.includes('This work could have adult content')) {
    const proceed = /href="([^"]+)">\s*Proceed/.exec(work.body)?.[1]?.replaceAll('&amp;', '&');
    expect(proceed, 'the adult notice offers Proceed').toBeDefined();
    work = await page(`${base}${proceed}`);
    expect(work.status).toBe(200);
  }
  expect(work.body).toContain('id="work-title"');
  const epub = /href="(\/downloads\/\d+\/[^"]+\.epub)"/.exec(work.body)?.[1];
  expect(epub, 'the work page links to its EPUB').toBeDefined();
  const download = await fetch(`${base}${epub}`);
  expect(download.status).toBe(200);
  expect(download.headers.get('content-type')).toContain('application/epub+zip');
  const bytes = new Uint8Array(await download.arrayBuffer());
  expect(new TextDecoder().decode(bytes.subarray(30, 58))).toBe('mimetypeapplication/epub+zip');
}

/** The demo's numbers are written once, in samples/README.md; the home page must say the same. */
function demoNumbers(): { works: number; fandoms: number } {
  const readme = readFileSync('samples/README.md', 'utf8');
  const stated = /`npm run demo` serves (\d+) works across (\d+) fandoms/.exec(readme);
  if (!stated) throw new Error("samples/README.md no longer states the demo archive's numbers");
  return { works: Number(stated[1]), fandoms: Number(stated[2]) };
}

describe("the README's first command, `npm run demo`", () => {
  it(
    'builds the demo archive, serves it on the printed address, and stops on Ctrl-C; again on the built archive',
    async () => {
      const data = mkdtempSync(join(tmpdir(), 'quire-front-door-'));
      const { works, fandoms } = demoNumbers();
      for (const run of ['fresh', 'existing']) {
        const demo = await startQuire(['demo', '--port', '0', '--data', data]);
        expect(demo.stdout(), run).toContain(`${works} works in the demo archive`);
        await readAsAVisitor(demo.url, works);
        expect((await page(`${demo.url}/`)).body).toContain(`${works} works across ${fandoms} fandoms`);
        expect(await interrupt(demo.child), `${run}: exit status after Ctrl-C`).toBe(0);
        expect(demo.stdout(), 'stdout is for the person: no JSON log lines').not.toMatch(/^\{"level"/m);
      }
    },
    4 * STARTUP_MS,
  );

  it(
    'builds the archive and stops with --no-serve',
    async () => {
      const data = mkdtempSync(join(tmpdir(), 'quire-front-door-'));
      const { stdout } = await promisify(execFile)(process.execPath, [
        'bin/quire.js',
        'demo',
        '--no-serve',
        '--data',
        data,
      ]);
      expect(stdout).toContain(`${demoNumbers().works} works in the demo archive`);
    },
    STARTUP_MS,
  );
});

describe('quire serve over an archive made by quire import', () => {
  it(
    'serves what was imported on the printed address and stops on Ctrl-C',
    async () => {
      const data = mkdtempSync(join(tmpdir(), 'quire-front-door-'));
      const report = join(data, 'import-report.txt');
      await promisify(execFile)(process.execPath, [
        'bin/quire.js',
        'import',
        '--data',
        data,
        '--report',
        report,
        'samples',
      ]);
      const serve = await startQuire(['serve', '--data', data, '--port', '0']);
      expect(serve.stdout()).toMatch(/^Quire is serving .* at http:\/\/127\.0\.0\.1:\d+\/\n/);
      await readAsAVisitor(serve.url, demoNumbers().works);
      expect(await interrupt(serve.child)).toBe(0);
      expect(serve.stdout()).not.toMatch(/^\{"level"/m);
    },
    3 * STARTUP_MS,
  );
});

describe('bin/quire.js on an older Node', () => {
  // The machine's own Node, found on PATH without npm's additions (npm puts the pinned Node first).
  const systemNode = ['/usr/bin/node', '/usr/local/bin/node'].find((candidate) => {
    try {
      return Number(execFileSync(candidate, ['-p', 'process.versions.node']).toString().split('.')[0]) < 24;
    } catch {
      return false;
    }
  });
  if (!systemNode) console.log('No Node older than 24 on this machine: the wrong-Node check is not run.');

  it.skipIf(!systemNode)(
    'says in one line that Quire needs Node 24 and how to run it, and exits 2',
    async () => {
      const { stdout, stderr, code } = await promisify(execFile)(systemNode as string, [
        'bin/quire.js',
        'search',
      ]).then(
        (done) => ({ ...done, code: 0 }),
        (failed: { stdout: string; stderr: string; code: number }) => failed,
      );
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(/Quire needs Node\.js 24 .*`npm run quire -- \.\.\.`/);
    },
  );
});
