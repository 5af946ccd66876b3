/**
 * `quire serve --workers 2` as a person runs it: two worker processes over one SQLite archive behind one
 * port. A guest's kudos posted through one worker show on the work page another worker had already cached,
 * a route's rate limit counts the requests every worker answered, and SIGTERM to the primary (what a service
 * manager sends) stops every process.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';

const STARTUP_MS = 120_000;
// The page cache reads the archive version at most this often (page-cache.ts's staleMs), with room.
const STALENESS_MS = 250;
const running: ChildProcess[] = [];

afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

interface Answer {
  status: number;
  body: string;
  cookies: string[];
  location: string | undefined;
  /** The client's port: the server's log names it for each request. */
  port: number;
}

/** One request on a connection of its own, so the cluster may hand it to either worker. */
function send(
  url: string,
  options: { method?: string; cookie?: string; form?: Record<string, string> } = {},
): Promise<Answer> {
  const body = options.form ? new URLSearchParams(options.form).toString() : undefined;
  return new Promise((resolve, reject) => {
    let port = 0;
    const outgoing = request(
      url,
      {
        method: options.method ?? 'GET',
        agent: false,
        headers: {
          ...(options.cookie ? { cookie: options.cookie } : {}),
          ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          text += chunk;
        });
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            body: text,
            cookies: response.headers['set-cookie'] ?? [],
            location: response.headers.location,
            port,
          }),
        );
      },
    );
    outgoing.on('socket', (socket) =>
      socket.on('connect', () => {
        port = socket.localPort ?? 0;
      }),
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** Which process answered each client port, from the server's JSON log on stderr (each request is logged at debug). */
function workerByPort(log: string): Map<number, number> {
  const served = new Map<number, number>();
  for (const line of log.split('\n')) {
    if (!line.startsWith('{')) continue;
    const entry = JSON.parse(line) as { pid: number; req?: { remotePort?: number } };
    if (entry.req?.remotePort) served.set(entry.req.remotePort, entry.pid);
  }
  return served;
}

describe('quire serve --workers 2', () => {
  it(
    "serves one archive from two processes, each seeing the other's writes and counting one rate limit, and stops both on SIGTERM",
    async () => {
      const data = mkdtempSync(join(tmpdir(), 'quire-cluster-'));
      await promisify(execFile)(process.execPath, ['bin/quire.js', 'demo', '--no-serve', '--data', data]);
      // A work long enough to be written on the primary's build thread (download.service.ts threadAboveChars).
      const long = join(data, 'the-long-vigil.txt');
      const paragraph = (n: number) =>
        `Willow kept the vigil through hour ${n}, and the candles burned low while Tara read aloud from the old book.`;
      writeFileSync(
        long,
        `Title: The Long Vigil\nAuthor: ink\n\n${Array.from({ length: 1500 }, (_, n) => paragraph(n)).join('\n\n')}\n`,
      );
      await promisify(execFile)(process.execPath, ['bin/quire.js', 'import', long, '--data', data]);
      const child = spawn(
        process.execPath,
        ['bin/quire.js', 'serve', '--data', data, '--port', '0', '--workers', '2', '--log-level', 'debug'],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      running.push(child);
      let stdout = '';
      let stderr = '';
      child.stderr?.on('data', (chunk) => {
        stderr += chunk;
      });
      const base = await new Promise<string>((resolve, reject) => {
        child.stdout?.on('data', (chunk) => {
          stdout += chunk;
          const found = /at (http:\/\/\S+?)\/?\n/.exec(stdout);
          if (found?.[1]) resolve(found[1]);
        });
        child.once('exit', (code) => reject(new Error(`quire serve ended (${code}): ${stdout}${stderr}`)));
      });
      expect(stdout).toContain('2 worker processes');

      const index = await send(`${base}/works?rating=General%20Audiences`);
      const id = /href="\/works\/(\d+)"/.exec(index.body)?.[1];
      expect(id, 'the index links to a General Audiences work').toBeDefined();
      const work = `${base}/works/${id}`;
      // Both workers render the page and keep it.
      const before = await Promise.all(Array.from({ length: 6 }, () => send(work)));
      for (const answer of before) expect(answer.body).not.toContain('left kudos on this work');

      const form = await send(`${work}/kudos`);
      const token = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
      const cookie = form.cookies.map((line) => line.split(';')[0]).join('; ');
      const given = await send(`${work}/kudos`, { method: 'POST', cookie, form: { _csrf: token } });
      expect(given.status).toBe(303);

      await new Promise((resolve) => setTimeout(resolve, STALENESS_MS));
      const after = await Promise.all(Array.from({ length: 6 }, () => send(work)));
      for (const answer of after) expect(answer.body).toContain('1 guest left kudos on this work!');

      // Give the log a moment to arrive from both workers, then check the requests really were spread.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const served = workerByPort(stderr);
      const writer = served.get(given.port);
      expect(writer, 'the log names the worker that took the kudos').toBeDefined();
      const readers = new Set(after.map((answer) => served.get(answer.port)));
      const cachedBefore = new Set(before.map((answer) => served.get(answer.port)));
      expect(new Set([...served.values()]).size).toBe(2);
      const other = [...readers].find((pid) => pid !== writer);
      expect(other, 'another worker answered after the write').toBeDefined();
      expect(cachedBefore.has(other), 'that worker had the page from before the write').toBe(true);

      // A route's own limit (ten log ins a minute) holds for the cluster, not for each worker.
      const logins: Answer[] = [];
      for (let attempt = 0; attempt < 12; attempt++)
        logins.push(
          await send(`${base}/login`, { method: 'POST', form: { name: 'nobody', password: 'guess' } }),
        );
      expect(logins.map((answer) => answer.status === 429)).toEqual([...Array(10).fill(false), true, true]);
      expect(logins[11]?.body).toContain('more than 10 requests in a minute');
      await new Promise((resolve) => setTimeout(resolve, 200));
      const loginWorkers = new Set(logins.map((answer) => workerByPort(stderr).get(answer.port)));
      expect(loginWorkers.size, 'both workers took log ins').toBe(2);

      // Each worker sends its full-text queries to the primary's text threads and answers with their works.
      const searches = await Promise.all(
        ['vigil', 'candles', 'aloud', 'vigil candles', 'burned', 'hour'].map((q) =>
          send(`${base}/works?q=${q}`),
        ),
      );
      const vigil = /href="\/works\/(\d+)"/.exec(searches[0]?.body ?? '')?.[1];
      expect(vigil, 'search finds the long work').toBeDefined();
      for (const found of searches) expect(found.body).toContain(`href="/works/${vigil}"`);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const searchers = new Set(searches.map((answer) => workerByPort(stderr).get(answer.port)));
      expect(searchers.size, 'both workers answered searches').toBe(2);

      // Each worker sends the long work's EPUB to the primary's build thread and answers with its bytes.
      const page = await send(`${base}/works/${vigil}`);
      const epub = /href="(\/downloads\/\d+\/[^"]+\.epub)"/.exec(page.body)?.[1];
      expect(epub, 'the work page links its EPUB').toBeDefined();
      const files = await Promise.all(Array.from({ length: 4 }, () => send(`${base}${epub}`)));
      for (const file of files) {
        expect(file.status).toBe(200);
        expect(file.body.startsWith('PK')).toBe(true);
        expect(file.body).toContain('application/epub+zip');
      }

      const pids = new Set(workerByPort(stderr).values());
      const exited = new Promise<number | null>((resolve) => {
        child.removeAllListeners('exit');
        child.once('exit', resolve);
      });
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      for (const pid of pids) expect(() => process.kill(pid, 0), `worker ${pid} stopped`).toThrow();
    },
    2 * STARTUP_MS,
  );

  it(
    'ends with status 1, saying why, when the port is taken',
    async () => {
      const data = mkdtempSync(join(tmpdir(), 'quire-cluster-'));
      await promisify(execFile)(process.execPath, ['bin/quire.js', 'demo', '--no-serve', '--data', data]);
      const { createServer } = await import('node:net');
      const taken = createServer();
      await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
      const port = (taken.address() as { port: number }).port;
      try {
        const failed = await promisify(execFile)(process.execPath, [
          'bin/quire.js',
          'serve',
          '--data',
          data,
          '--port',
          String(port),
          '--workers',
          '2',
        ]).then(
          () => ({ code: 0, stderr: '' }),
          (error: { code: number; stderr: string }) => error,
        );
        expect(failed.code).toBe(1);
        expect(failed.stderr).toContain(`cannot listen on 127.0.0.1:${port} (EADDRINUSE)`);
      } finally {
        taken.close();
      }
    },
    STARTUP_MS,
  );
});
