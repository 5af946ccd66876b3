/**
 * The programs the converted formats need, found once when the server starts: Chromium prints the HTML
 * download as PDF, calibre's ebook-convert makes AZW3 and MOBI from the EPUB. Both are optional; a format
 * whose program is missing or does not run is not offered.
 */
import { execFile } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import { delimiter, isAbsolute, join } from 'node:path';
import type { ConverterName } from './formats.ts';

export interface Converters {
  chromium: string | null;
  ebookConvert: string | null;
  /** util-linux's prlimit, which bounds a converter's memory (bounded-process.ts). */
  prlimit: string | null;
}

export const NO_CONVERTERS: Converters = { chromium: null, ebookConvert: null, prlimit: null };

/** For each program: a path to use, `false` for none, or undefined to look for it. */
export type ConverterChoice = Partial<Record<ConverterName, string | false>>;

/** The names each program goes by, looked for on PATH in this order; the environment variable comes first. */
const LOOK_FOR: Record<ConverterName, { env: string; names: string[]; what: string }> = {
  chromium: {
    env: 'QUIRE_CHROMIUM',
    names: ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome'],
    what: 'Chromium (PDF)',
  },
  ebookConvert: {
    env: 'QUIRE_EBOOK_CONVERT',
    names: ['ebook-convert'],
    what: "calibre's ebook-convert (AZW3, MOBI)",
  },
};

/** Starting calibre loads Python and Qt: on a busy machine it can take seconds. */
const VERSION_TIMEOUT_MS = 30_000;

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function onPath(names: readonly string[]): Promise<string | null> {
  for (const name of names)
    for (const folder of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
      const path = join(folder, name);
      if (await isExecutable(path)) return path;
    }
  return null;
}

/** The first line the program prints for `--version`, or why it did not run. */
function versionOf(path: string): Promise<{ version: string } | { problem: string }> {
  return new Promise((resolve) => {
    execFile(path, ['--version'], { timeout: VERSION_TIMEOUT_MS, maxBuffer: 1 << 20 }, (error, stdout) => {
      const version = stdout.trim().split('\n')[0]?.trim() ?? '';
      if (error) resolve({ problem: error.killed ? 'did not answer --version in time' : error.message });
      else resolve({ version: version || 'unknown version' });
    });
  });
}

export interface FoundConverters {
  converters: Converters;
  /** One line per program, for the server's start: what was found, or why a format is not offered. */
  report: string[];
}

/** Where one program is, and the line that says so (or why it is not used). */
async function findOne(name: ConverterName, chosen: string | false | undefined) {
  const { env, names, what } = LOOK_FOR[name];
  const wanted = chosen ?? process.env[env] ?? undefined;
  if (wanted === false || wanted === 'none') return { path: null, line: `${what}: turned off` };
  const path = wanted ? (isAbsolute(wanted) ? wanted : await onPath([wanted])) : await onPath(names);
  if (!path || !(await isExecutable(path)))
    return {
      path: null,
      line: `${what}: ${wanted ? `${wanted} is not an executable program` : 'not found'}`,
    };
  const answer = await versionOf(path);
  if ('problem' in answer) return { path: null, line: `${what}: ${path} does not run (${answer.problem})` };
  return { path, line: `${what}: ${path} (${answer.version})` };
}

/** Look for the converters (or check the ones named), and run each once to see that it works. */
export async function findConverters(choice: ConverterChoice = {}): Promise<FoundConverters> {
  const [chromium, ebookConvert, prlimit] = await Promise.all([
    findOne('chromium', choice.chromium),
    findOne('ebookConvert', choice.ebookConvert),
    onPath(['prlimit']),
  ]);
  const converters: Converters = { chromium: chromium.path, ebookConvert: ebookConvert.path, prlimit };
  const report = [chromium.line, ebookConvert.line];
  if (!prlimit && (chromium.path || ebookConvert.path))
    report.push('prlimit not found: conversions are bounded in time but not in memory');
  return { converters, report };
}
