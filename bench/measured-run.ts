/**
 * Run the built `quire` with arguments and measure it as bench:import and bench:rescue report it: wall time,
 * and peak RSS and CPU time summed over its processes (bench/report-usage.mjs, preloaded into each, writes one
 * file per process: `quire import` and `quire rescue` each write from a child process of their own).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface MeasuredRun {
  seconds: number;
  stdout: string;
  maxRssMb: number;
  cpuSeconds: number;
}

export async function runMeasured(
  args: string[],
  usageDir: string,
  env: Record<string, string> = {},
): Promise<MeasuredRun> {
  rmSync(usageDir, { recursive: true, force: true });
  mkdirSync(usageDir, { recursive: true });
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, ['bin/quire.js', ...args], {
    env: {
      ...process.env,
      ...env,
      NODE_OPTIONS: `--import=${pathToFileURL(resolve('bench/report-usage.mjs')).href}`,
      QUIRE_BENCH_USAGE_DIR: usageDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const code = await new Promise<number | null>((done) => child.on('close', done));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const command = `quire ${args[0]}`;
  if (code !== 0) throw new Error(`${command} exited with ${code}:\n${stdout}\n${stderr}`);
  const usages = readdirSync(usageDir).map(
    (name) =>
      JSON.parse(readFileSync(join(usageDir, name), 'utf8')) as {
        maxRssKb: number;
        userSeconds: number;
        systemSeconds: number;
      },
  );
  if (usages.length < 2) throw new Error(`${command} reported ${usages.length} processes, not 2.`);
  const sum = (of: (usage: (typeof usages)[number]) => number) =>
    usages.reduce((total, usage) => total + of(usage), 0);
  return {
    seconds,
    stdout,
    maxRssMb: sum((usage) => usage.maxRssKb) / 1024,
    cpuSeconds: sum((usage) => usage.userSeconds + usage.systemSeconds),
  };
}
