import { describe, expect, it } from 'vitest';
import { SEMI_SPACE_MB, serverEnv, serverExecArgv, THREAD_LIMITS } from './thread-memory.ts';

describe('the server processes’ young generation', () => {
  it('is capped unless the person starting the server chose a size', () => {
    expect(serverExecArgv(['--enable-source-maps'])).toEqual([
      '--enable-source-maps',
      `--max-semi-space-size=${SEMI_SPACE_MB}`,
    ]);
    expect(serverExecArgv(['--max-semi-space-size=32'])).toEqual(['--max-semi-space-size=32']);
    expect(serverExecArgv([])).toEqual([`--max-semi-space-size=${SEMI_SPACE_MB}`]);
    expect(THREAD_LIMITS.maxYoungGenerationSizeMb).toBe(3 * SEMI_SPACE_MB);
  });
});

describe('the server processes’ malloc', () => {
  it('has two arenas unless the person starting the server chose a number', () => {
    expect(serverEnv({ PATH: '/usr/bin' })).toEqual({ MALLOC_ARENA_MAX: '2' });
    expect(serverEnv({ MALLOC_ARENA_MAX: '8' })).toEqual({});
  });
});
