import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  HEAP_GROWING_PERCENT,
  SEMI_SPACE_MB,
  serverEnv,
  serverExecArgv,
  THREAD_LIMITS,
} from './thread-memory.ts';

const SEMI = `--max-semi-space-size=${SEMI_SPACE_MB}`;
const GROWING = `--heap-growing-percent=${HEAP_GROWING_PERCENT}`;

describe('the server processes’ heaps', () => {
  it('are capped unless the person starting the server chose a size', () => {
    expect(serverExecArgv(['--enable-source-maps'])).toEqual(['--enable-source-maps', SEMI, GROWING]);
    expect(serverExecArgv(['--max-semi-space-size=32'])).toEqual(['--max-semi-space-size=32', GROWING]);
    expect(serverExecArgv(['--heap-growing-percent=0'])).toEqual(['--heap-growing-percent=0', SEMI]);
    expect(serverExecArgv([])).toEqual([SEMI, GROWING]);
    expect(THREAD_LIMITS.maxYoungGenerationSizeMb).toBe(3 * SEMI_SPACE_MB);
  });

  it('are options a Node process starts with', () => {
    const run = spawnSync(process.execPath, [...serverExecArgv([]), '-e', 'process.exit(0)']);
    expect(run.stderr.toString()).toBe('');
    expect(run.status).toBe(0);
  });
});

describe('the server processes’ malloc', () => {
  it('has two arenas unless the person starting the server chose a number', () => {
    expect(serverEnv({ PATH: '/usr/bin' })).toEqual({ MALLOC_ARENA_MAX: '2' });
    expect(serverEnv({ MALLOC_ARENA_MAX: '8' })).toEqual({});
  });
});
