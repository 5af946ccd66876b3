/**
 * Reads one story file as an import worker does (read, structure, analyse) and prints, as JSON, how far the
 * process's resident memory rose above what it was once the modules were loaded: run as a child process by
 * hostile-files.test.ts, so that the figure is this file's alone.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { loadKnowledge } from '../src/analysis/packs/pack.loader.ts';
import { tagWork } from '../src/analysis/tag-work.ts';
import { isAppError } from '../src/errors.ts';
import { readStoryBytes } from '../src/ingest/read-story.ts';

const path = process.argv[2] as string;
const knowledge = loadKnowledge([]);
// Loaded and warmed on a small story first: what is measured is the file, not the modules.
await readStoryBytes(new TextEncoder().encode('Title: Warm\n\nWillow read.\n'), 'warm.txt');
const before = process.memoryUsage().rss;
let outcome: string;
try {
  const { draft } = await readStoryBytes(readFileSync(path), basename(path));
  tagWork(draft, knowledge);
  outcome = `ok, ${draft.words} words in ${draft.chapters.length} chapters`;
} catch (error) {
  outcome = isAppError(error) ? error.code : `crash: ${(error as Error).message}`;
}
const peak = peakResidentBytes();
process.stdout.write(`${JSON.stringify({ outcome, growthMB: Math.round((peak - before) / 1024 / 1024) })}\n`);

/**
 * The process's peak resident memory. On Linux from /proc (VmHWM), which starts afresh with the program;
 * `resourceUsage().maxRSS` there keeps the peak of the process that started this one, across exec.
 */
function peakResidentBytes(): number {
  if (existsSync('/proc/self/status')) {
    const line = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (line) return Number(line[1]) * 1024;
  }
  return process.resourceUsage().maxRSS * 1024;
}
