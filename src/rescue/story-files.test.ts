import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readStoryFiles } from './story-files.ts';

const root = mkdtempSync(join(tmpdir(), 'quire-story-files-'));
const folder = join(root, 'archive');
const story = (words: string) =>
  `Title: Stake\nAuthor: ink\n\n${`Buffy ${words} the stake and waited by the crypt door until dark. `.repeat(12)}`;
mkdirSync(join(folder, 'stories'), { recursive: true });
writeFileSync(join(folder, 'stories', 'one.txt'), story('sharpened'));
writeFileSync(join(root, 'secret.txt'), story('hid'));
symlinkSync(join(root, 'secret.txt'), join(folder, 'stories', 'leak.txt'));
symlinkSync(join(folder, 'stories', 'one.txt'), join(folder, 'stories', 'again.txt'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('readStoryFiles', () => {
  it('reads files inside the folder, links within it included', async () => {
    const { chapters, skipped } = await readStoryFiles('7', folder, ['stories/one.txt', 'stories/again.txt']);
    expect(skipped).toEqual([]);
    expect(chapters.map((chapter) => chapter.oldPosition)).toEqual([1, 2]);
    expect(chapters[1]?.body).toContain('sharpened');
  });

  it('skips a path that climbs out, a link to a file outside and a missing file, naming each', async () => {
    const { chapters, skipped } = await readStoryFiles('7', folder, [
      '../secret.txt',
      'stories/leak.txt',
      'stories/gone.txt',
      'stories/one.txt',
    ]);
    expect(chapters).toHaveLength(1);
    expect(chapters.some((chapter) => chapter.body.includes('hid'))).toBe(false);
    expect(skipped.map((skip) => skip.reason)).toEqual([
      `story 7: the path ../secret.txt leads outside ${folder}`,
      expect.stringMatching(
        /^story 7: its file .*leak\.txt is a symbolic link to .*secret\.txt, outside .*; it was not read$/,
      ),
      expect.stringMatching(/^story 7: its file .*gone\.txt is missing$/),
    ]);
  });
});
