import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

describe('the labelled development set', () => {
  it('meets every target of the story-analysis issue', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'eval/run.ts'], {
      maxBuffer: 8 * 1024 * 1024,
    });
    expect(stdout).toMatch(/(\d+) labelled stories/);
    expect(Number(/(\d+) labelled stories/.exec(stdout)?.[1])).toBeGreaterThanOrEqual(40);
    expect(stdout).not.toContain('MISSED');
  }, 120_000);
});
