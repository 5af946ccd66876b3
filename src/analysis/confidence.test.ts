import { describe, expect, it } from 'vitest';
import { readText } from '../../test/helpers.ts';
import { SUGGESTION_THRESHOLD } from './confidence.ts';
import { loadKnowledge } from './packs/pack.loader.ts';
import { tagWork } from './tag-work.ts';

const knowledge = loadKnowledge();
const tag = async (text: string) => tagWork(await readText(text), knowledge);

/** Buffy on every line; Xander acting on the page, once for every `buffyLines / xanderLines` of Buffy's lines. */
function story(buffyLines: number, xanderLines: number): string {
  const lines: string[] = [];
  for (let line = 0; line < buffyLines; line++) {
    lines.push(`Buffy walked past the crypt and checked her stakes, then Buffy went on.`);
    if (line < xanderLines) lines.push('Xander laughed at the doorway and waved.');
  }
  return `Title: Patrol\nFandom: Buffy the Vampire Slayer\n\n${lines.join('\n\n')}`;
}

describe('confidence and abstaining', () => {
  it('tags a supporting character named often enough and keeps one named far less as possible', async () => {
    const supporting = await tag(story(10, 3));
    expect(supporting.characters).toEqual(['Buffy Summers', 'Xander Harris']);
    expect(supporting.possible).toEqual([]);

    const background = await tag(story(20, 3));
    expect(background.characters).toEqual(['Buffy Summers']);
    expect(background.possible).toEqual([
      expect.objectContaining({
        field: 'characters',
        value: 'Xander Harris',
        confidence: expect.any(Number),
      }),
    ]);
    expect(background.possible[0]?.confidence).toBeLessThan(SUGGESTION_THRESHOLD);
    expect(background.inferred).not.toContain('characters:Xander Harris');
    // The analysis keeps it, with its confidence, for a wrangler.
    const xander = background.analysis.characters.find((character) => character.value === 'Xander Harris');
    expect(xander?.evidence.length).toBeGreaterThan(0);
  });

  it('gives the author’s tags confidence 1 and a main character more than a supporting one', async () => {
    const work = await tag(`Characters: Tara Maclay\n${story(10, 3)}`);
    const confidence = (name: string) =>
      work.analysis.characters.find((character) => character.value === name)?.confidence;
    expect(confidence('Tara Maclay')).toBe(1);
    expect(confidence('Buffy Summers')).toBeGreaterThan(confidence('Xander Harris') as number);
    expect(confidence('Xander Harris')).toBeGreaterThanOrEqual(SUGGESTION_THRESHOLD);
    expect(work.characters).toContain('Tara Maclay');
  });

  it('rates every suggestion, and no analysis convention falls below the threshold', async () => {
    const work = await tag(
      'Title: Bite\nFandom: Buffy the Vampire Slayer\n\nSpike grabbed the man and tore his throat open. Blood sprayed across the wall, and Spike drank while the man screamed and died.',
    );
    const all = [
      ...work.analysis.fandoms,
      ...work.analysis.characters,
      ...work.analysis.relationships,
      ...work.analysis.categories,
      ...work.analysis.warnings,
      ...work.analysis.freeforms,
      work.analysis.rating,
    ];
    for (const suggestion of all) {
      expect(suggestion.confidence).toBeGreaterThan(0);
      expect(suggestion.confidence).toBeLessThanOrEqual(1);
    }
    for (const warning of work.analysis.warnings)
      expect(warning.confidence).toBeGreaterThanOrEqual(SUGGESTION_THRESHOLD);
    expect(work.warnings.length).toBeGreaterThan(0);
  });
});
