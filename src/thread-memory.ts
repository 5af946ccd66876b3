/**
 * V8's young generation in the server's processes and threads. Left to itself V8 grows each isolate's young
 * generation to 64 MB semi-spaces on a busy server (128 MB of new space in a worker, and as much again in its
 * text and download threads); capped, a worker's peak RSS fell by 100 to 270 MB for no measured CPU per
 * request (bench/README.md). The import's writer is capped the same way (services/import.process.ts).
 */
export const SEMI_SPACE_MB = 8;

/** A worker thread's young generation in V8's terms: two semi-spaces and the new large-object space. */
export const THREAD_LIMITS = { maxYoungGenerationSizeMb: 3 * SEMI_SPACE_MB } as const;

/**
 * How far past what survived its last full collection V8 lets a heap grow before the next one (V8's option,
 * one for the process: its threads' heaps too). Left to itself V8 lets a busy server's heap grow to several
 * times what it keeps, garbage that counts in the process's memory as much as live objects do.
 */
export const HEAP_GROWING_PERCENT = 50;

/** Node's options for a server process: the caps, unless the person starting it chose their own. */
export function serverExecArgv(execArgv: readonly string[]): string[] {
  const chosen = (option: string) => execArgv.some((given) => given.startsWith(option));
  return [
    ...execArgv,
    ...(chosen('--max-semi-space-size') ? [] : [`--max-semi-space-size=${SEMI_SPACE_MB}`]),
    ...(chosen('--heap-growing-percent') ? [] : [`--heap-growing-percent=${HEAP_GROWING_PERCENT}`]),
  ];
}

/**
 * The environment of a cluster's worker processes: glibc's malloc limited to two arenas, unless the person
 * starting the server set MALLOC_ARENA_MAX. Each thread of a worker (the text and build threads, libuv's)
 * otherwise gets arenas of its own, which keep what a burst of work freed: at 100,000 works a worker's
 * peak fell by about 40 MB with two (bench/README.md). glibc reads it as the process starts, so it is set
 * for the processes the primary starts; a single process (--workers 1) runs with what it was given.
 */
export function serverEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  return env.MALLOC_ARENA_MAX === undefined ? { MALLOC_ARENA_MAX: '2' } : {};
}
