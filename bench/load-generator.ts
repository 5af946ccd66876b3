/**
 * bench:http's load: a list of addresses walked in order over keep-alive connections for a fixed time. wrk
 * (one thread, a Lua script reading the list) when it is installed, since it takes a sliver of a core and
 * leaves the server the rest; otherwise autocannon in a worker thread (autocannon-worker.ts), so its work
 * stays off this process's event loop.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

export interface LoadOptions {
  /** The server, without a trailing slash. */
  origin: string;
  paths: string[];
  seconds: number;
  connections: number;
  headers: Record<string, string>;
}

export interface LoadFigures {
  requests: number;
  rps: number;
  /** Milliseconds. */
  p50: number;
  p99: number;
  /** Connection errors, timeouts and non-2xx/3xx answers. */
  errors: number;
  /** More requests than a list of addresses: it was walked again, and later visits were not first visits. */
  wrapped: boolean;
  generator: 'wrk' | 'autocannon';
}

export function hasWrk(): boolean {
  try {
    execFileSync('wrk', ['-v'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    // `wrk -v` prints its version and exits 1: it is there when it ran at all.
    return (error as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}

const SCRIPT = `
local paths = {}
local headers = {}
local at = 0
function init(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  local i = 2
  while args[i] do headers[args[i]] = args[i + 1]; i = i + 2 end
end
function request()
  at = at + 1
  return wrk.format("GET", paths[(at - 1) % #paths + 1], headers)
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('\\nRESULT {"requests":%d,"micros":%d,"p50":%d,"p99":%d,"errors":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.status + e.timeout))
end
`;

async function runWrk(options: LoadOptions): Promise<LoadFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'quire-wrk-'));
  try {
    writeFileSync(join(dir, 'paths.txt'), `${options.paths.join('\n')}\n`);
    writeFileSync(join(dir, 'walk.lua'), SCRIPT);
    const args = [
      '-t1',
      `-c${options.connections}`,
      `-d${options.seconds}s`,
      '--timeout',
      '10s',
      '-s',
      join(dir, 'walk.lua'),
      options.origin,
      '--',
      join(dir, 'paths.txt'),
      ...Object.entries(options.headers).flat(),
    ];
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'inherit'] });
      let text = '';
      child.stdout.on('data', (chunk: Buffer) => {
        text += chunk.toString();
      });
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve(text) : reject(new Error(`wrk exited ${code}`))));
    });
    const found = /RESULT (\{.*\})/.exec(output);
    if (!found?.[1]) throw new Error(`wrk printed no result:\n${output}`);
    const result = JSON.parse(found[1]) as {
      requests: number;
      micros: number;
      p50: number;
      p99: number;
      errors: number;
    };
    return {
      requests: result.requests,
      rps: result.requests / (result.micros / 1e6),
      p50: result.p50 / 1000,
      p99: result.p99 / 1000,
      errors: result.errors,
      wrapped: options.paths.length > 1 && result.requests > options.paths.length,
      generator: 'wrk',
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function runAutocannon(options: LoadOptions): Promise<LoadFigures> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./autocannon-worker.ts', import.meta.url), { workerData: options });
    worker.once('message', (figures: LoadFigures) => resolve(figures));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the autocannon worker exited with ${code}`));
    });
  });
}

export function runLoad(options: LoadOptions, useWrk = hasWrk()): Promise<LoadFigures> {
  if (options.paths.length === 0) throw new Error('no addresses to request');
  return useWrk ? runWrk(options) : runAutocannon(options);
}
