import { describe, expect, it } from 'vitest';
import { readText } from '../../test/helpers.ts';
import { cueGenders, FEMALE, fitsPair, MALE } from './cue-genders.ts';
import type { KnownCharacter } from './knowledge.ts';
import { loadKnowledge } from './packs/pack.loader.ts';
import type { CueHit } from './passages.ts';
import { tagWork } from './tag-work.ts';

const knowledge = loadKnowledge();
const tag = async (text: string) => tagWork(await readText(text), knowledge);
const romantic = (relationships: string[]) => relationships.filter((tag) => tag.includes('/'));

const hitIn = (text: string, match: string): CueHit => {
  const start = text.indexOf(match);
  return { kind: 'romance', weight: 1, chapter: 1, start, end: start + match.length, match };
};
const person = (gender: KnownCharacter['gender']): KnownCharacter => ({
  name: gender,
  short: gender,
  fandoms: [],
  gender,
  adult: true,
});

describe('cueGenders', () => {
  it('reads the genders a cue names in its words and in the object pronoun after it', () => {
    expect(cueGenders(hitIn('She crossed her arms over her breasts.', 'her breasts'), '')).toBe(FEMALE);
    const text = 'Giles kissed him, then kissed her hand.';
    expect(cueGenders(hitIn(text, 'kissed'), text)).toBe(MALE);
    expect(cueGenders(hitIn('Xander kissed Giles.', 'kissed'), 'Xander kissed Giles.')).toBe(0);
    expect(cueGenders(hitIn('his hand in hers', 'his hand in hers'), '')).toBe(FEMALE | MALE);
  });

  it('fits a pair only when each gender the cue names is one of theirs', () => {
    const [woman, man, other] = [person('female'), person('male'), person('other')];
    expect(fitsPair(FEMALE, man, man)).toBe(false);
    expect(fitsPair(FEMALE, woman, man)).toBe(true);
    expect(fitsPair(FEMALE | MALE, woman, woman)).toBe(false);
    expect(fitsPair(0, man, man)).toBe(true);
    expect(fitsPair(FEMALE, man, other)).toBe(true);
  });
});

describe('who a romantic cue is about', () => {
  it('does not give two men a cue that names a woman beside them', async () => {
    const scene =
      'Giles and Xander stood in the shop. Willow pressed up against the counter and crossed her arms over her breasts. Xander kissed her cheek, and Giles caressed her hair.';
    const work = await tag(`Title: T\nFandom: BtVS\n\n${Array(3).fill(scene).join('\n\n')}`);
    expect(romantic(work.relationships)).not.toContain('Rupert Giles/Xander Harris');
  });

  it('does not read a word for someone else’s marriage or dating as romance between the people present', async () => {
    const scene =
      'Giles sat with Buffy in the library. "Xander is dating again," Buffy said. Giles said his brother’s wedding was in June, and his wife had married him twice.';
    const work = await tag(`Title: T\nFandom: BtVS\n\n${Array(3).fill(scene).join('\n\n')}`);
    expect(romantic(work.relationships)).toEqual([]);
  });
});
