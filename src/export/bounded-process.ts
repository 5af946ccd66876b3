/**
 * Run an outside program (a converter) so that it cannot hold the server: it is killed, with every process it
 * started, when it outlasts its time; each of its processes may allocate at most `memoryBytes` (RLIMIT_DATA
 * through util-linux's `prlimit`, which the children inherit). RLIMIT_AS would be the usual bound, but
 * Chromium and V8 reserve terabytes of address space they never touch and fail to start under it; the data
 * limit counts only memory written to.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../errors.ts';

export interface ProcessLimits {
  timeoutMs: number;
  /** Most memory each process may allocate; applied only when `prlimit` is known. */
  memoryBytes: number;
  /** util-linux's prlimit, or null where there is none (the time bound still holds). */
  prlimit: string | null;
}

/** How much of the program's output an error quotes: its last lines say why it failed. */
const OUTPUT_TAIL = 2000;

/**
 * Run `command` with `args` in `cwd`; resolves when it exits with 0, else throws a CONVERSION_FAILED
 * AppError that says how it ended (the time limit, a signal, its exit code and last output line).
 */
export function runBounded(
  command: string,
  args: readonly string[],
  limits: ProcessLimits,
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<void> {
  const name = command.slice(command.lastIndexOf('/') + 1);
  const [file, argv] = limits.prlimit
    ? [limits.prlimit, [`--data=${limits.memoryBytes}`, '--', command, ...args]]
    : [command, [...args]];
  return new Promise((resolve, reject) => {
    let output = '';
    let timedOut = false;
    // A process group of its own, so the timeout reaches the helpers it starts (Chromium's renderers).
    const child = spawn(file, argv, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-OUTPUT_TAIL);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const killGroup = () => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // The group has ended already.
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, limits.timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(
        new AppError('CONVERSION_FAILED', `${name} cannot be started: ${error.message}`, { cause: error }),
      );
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      // Helpers left behind after the main process ended go too.
      killGroup();
      if (code === 0 && !timedOut) return resolve();
      const last = output.trim().split('\n').at(-1)?.trim() ?? '';
      const how = timedOut
        ? `took longer than ${limits.timeoutMs / 1000} s and was stopped`
        : signal
          ? `was stopped by ${signal} (out of memory, or killed)`
          : `exited with code ${code}`;
      reject(new AppError('CONVERSION_FAILED', `${name} ${how}${last ? `: ${last}` : ''}`));
    });
  });
}

/** Run `work` in a new temporary folder, removed afterwards whatever happens. */
export async function inScratchFolder<T>(prefix: string, work: (folder: string) => Promise<T>): Promise<T> {
  const folder = await mkdtemp(join(tmpdir(), prefix));
  try {
    return await work(folder);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** The file a converter should have written, checked to begin as its format does. */
export async function readOutput(path: string, magic: { at: number; bytes: string }, what: string) {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch {
    throw new AppError('CONVERSION_FAILED', `${what}: the converter ended without writing its file`);
  }
  if (bytes.subarray(magic.at, magic.at + magic.bytes.length).toString('latin1') !== magic.bytes)
    throw new AppError('CONVERSION_FAILED', `${what}: the converter wrote a file that is not one`);
  return bytes;
}
