import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

/** Run the harness as `npm run eval --` does; it exits 1 when a target is missed, so read stdout either way. */
async function evaluate(...args: string[]): Promise<{ stdout: string; code: number }> {
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'eval/run.ts', ...args], {
      maxBuffer: 8 * 1024 * 1024,
    });
    return { stdout, code: 0 };
  } catch (error) {
    const failed = error as { stdout: string; code: number };
    return { stdout: failed.stdout, code: failed.code };
  }
}

describe('the evaluation harness', () => {
  it('scores a folder of labelled files given on the command line, and reports a broken label file', async () => {
    const { stdout } = await evaluate('test/fixtures/eval');
    expect(stdout).toContain('2 labelled stories');
    expect(stdout).toMatch(/characters\s+precision 1\.00\s+recall 1\.00/);
    expect(stdout).toMatch(/Graphic Depictions Of Violence\s+precision 1\.00\s+recall 1\.00/);
    expect(stdout).toMatch(/skipped: .*broken\.labels\.json is not valid JSON/);
  });

  it('runs on the development set and prints every target', async () => {
    const { stdout } = await evaluate();
    expect(Number(/(\d+) labelled stories/.exec(stdout)?.[1])).toBeGreaterThanOrEqual(40);
    for (const target of [
      'characters precision',
      'main relationship right',
      'explicit-versus-not F1',
      'exact rating',
      'Major Character Death recall',
    ]) {
      expect(stdout).toContain(target);
    }
  }, 120_000);

  it('skips the real set, saying so, when its folder is absent', async () => {
    const { stdout, code } = await evaluate('--real', '--real-dir', '/nonexistent/realtext');
    expect(stdout).toMatch(/real set: \/nonexistent\/realtext is absent, skipped/);
    expect(code).toBe(0);
  });

  it("scores the real set with its authors' tags when it is there", async () => {
    const folder = join(import.meta.dirname, '..', '..', 'shared', 'realtext');
    if (!existsSync(folder)) {
      console.log(`skipped: ${folder} is absent`);
      return;
    }
    const { stdout } = await evaluate('--real');
    for (const figure of [
      'Major Character Death',
      'rating exact',
      'too high',
      'characters',
      'relationships',
      'main relationship',
      'fandom set exact',
    ])
      expect(stdout).toContain(figure);
    // Rating exact is also given for each source folder, which the two authors' scales differ by.
    expect(stdout).toMatch(/^ {2}antennapedia\s+\d+\/\d+ = \d\.\d\d$/m);
    expect(stdout).toMatch(/^ {2}thedeadparrot_ao3backup\s+\d+\/\d+ = \d\.\d\d$/m);
  }, 120_000);
});
