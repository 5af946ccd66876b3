import { describe, expect, it } from 'vitest';
import { REAL } from '../../test/converters.ts';
import { isAppError } from '../errors.ts';
import { runBounded } from './bounded-process.ts';

const failureOf = async (promise: Promise<void>) => {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return error.message;
    throw error;
  }
  return 'finished';
};

describe('runBounded', () => {
  it('lets a program that stays within its bounds finish', async () => {
    expect(
      await failureOf(
        runBounded(
          '/bin/sh',
          ['-c', 'exit 0'],
          { timeoutMs: 10_000, memoryBytes: 64 * 1024 ** 2, prlimit: REAL.prlimit },
          { cwd: '/' },
        ),
      ),
    ).toBe('finished');
  });

  it('stops the helpers a program started when its time is up', async () => {
    const started = Date.now();
    // The shell starts a sleeping helper and waits for it: both must go.
    const message = await failureOf(
      runBounded(
        '/bin/sh',
        ['-c', 'sleep 30 & wait'],
        { timeoutMs: 200, memoryBytes: 64 * 1024 ** 2, prlimit: null },
        { cwd: '/' },
      ),
    );
    expect(message).toBe('sh took longer than 0.2 s and was stopped');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it.skipIf(!REAL.prlimit)('stops a program that allocates more memory than it may', async () => {
    // The shell reads 300 MB into a variable; it may allocate 64 MB.
    const message = await failureOf(
      runBounded(
        '/bin/sh',
        ['-c', 'x=$(head -c 300000000 /dev/zero | tr "\\0" a); test -n "$x"'],
        { timeoutMs: 60_000, memoryBytes: 64 * 1024 ** 2, prlimit: REAL.prlimit },
        { cwd: '/' },
      ),
    );
    expect(message).toMatch(
      /^sh (was stopped by SIG[A-Z]+ \(out of memory, or killed\)|exited with code [1-9])/,
    );
  });
});
