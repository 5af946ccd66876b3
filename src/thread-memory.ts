/**
 * V8's young generation in the server's processes and threads. Left to itself V8 grows each isolate's young
 * generation to 64 MB semi-spaces on a busy server (128 MB of new space in a worker, and as much again in its
 * text and download threads); capped, a worker's peak RSS fell by 100 to 270 MB for no measured CPU per
 * request (bench/README.md). The import's writer is capped the same way (services/import.process.ts).
 */
export const SEMI_SPACE_MB = 8;

/** A worker thread's young generation in V8's terms: two semi-spaces and the new large-object space. */
export const THREAD_LIMITS = { maxYoungGenerationSizeMb: 3 * SEMI_SPACE_MB } as const;

/** Node's options for a server process: the cap, unless the person starting it chose a size. */
export function serverExecArgv(execArgv: readonly string[]): string[] {
  return execArgv.some((option) => option.startsWith('--max-semi-space-size'))
    ? [...execArgv]
    : [...execArgv, `--max-semi-space-size=${SEMI_SPACE_MB}`];
}
