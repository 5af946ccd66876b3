import { afterAll, describe, expect, it } from 'vitest';
import { readText } from '../../../test/helpers.ts';
import { StoryReader } from './story-reader.ts';

const FILE =
  'Title: Stake Out\nAuthor: nightowl\nFandom: Buffy the Vampire Slayer\n\nBuffy Summers staked the vampire behind the Bronze. Willow Rosenberg handed her another stake and Buffy grinned.';

describe('the story reader', () => {
  const inProcess = new StoryReader();
  const threaded = new StoryReader({ threads: 1 });
  afterAll(() => threaded.close());

  it('fills the form from a file in its own thread as it does in the caller’s', async () => {
    const bytes = new TextEncoder().encode(FILE);
    const here = await inProcess.prefill(bytes, 'stake.txt');
    expect(here).toMatchObject({ title: 'Stake Out', fileCreators: ['nightowl'] });
    expect(await threaded.prefill(bytes, 'stake.txt')).toEqual(here);
    expect(threaded.threadRuns).toBe(1);
    expect(inProcess.threadRuns).toBe(0);
  });

  it('analyses a work in its own thread as it does in the caller’s', async () => {
    const draft = await readText(FILE, 'stake.txt');
    const here = await inProcess.analyze(draft);
    expect(here.characters.map((character) => character.value)).toContain('Buffy Summers');
    expect(await threaded.analyze(draft)).toEqual(here);
  });

  it('says why a file cannot be read, from either thread, as the AppError the form shows', async () => {
    for (const reader of [inProcess, threaded]) {
      await expect(
        reader.prefill(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2]), 'oak.png'),
      ).rejects.toMatchObject({
        name: 'AppError',
        code: 'BINARY_FILE',
        message: 'oak.png is a PNG image, not a story file.',
      });
      await expect(
        reader.prefill(new TextEncoder().encode(`---\ntitle: Deep\n---\n\n${'>'.repeat(500)} x`), 'deep.md'),
      ).rejects.toMatchObject({
        code: 'TOO_DEEPLY_NESTED',
      });
    }
  });
});
