import { describe, expect, it } from 'vitest';
import { readText } from '../../test/helpers.ts';
import { loadKnowledge } from './packs/pack.loader.ts';
import { tagWork } from './tag-work.ts';

const knowledge = loadKnowledge();
// A story about Buffy and Giles, long enough that a second couple is background beside them.
const LEADS = Array.from(
  { length: 6 },
  () => 'Buffy kissed Giles in the training room. Giles held Buffy close and kissed her again.',
).join('\n\n');
const tag = async (background: string) => {
  const work = tagWork(await readText(`Title: T\nFandom: BtVS\n\n${LEADS}\n\n${background}`), knowledge);
  const main = work.analysis.relationships.find((relationship) => relationship.main)?.value;
  const others = work.analysis.relationships.filter((relationship) => !relationship.main);
  return { main, others: others.map((relationship) => relationship.value), suggestions: others };
};

describe('background couples', () => {
  it('suggests a couple told as one, beside the main pair, with a confidence', async () => {
    const work = await tag(
      "Tara, Willow's girlfriend, came in with the books. Willow smiled at Tara and Tara laughed.\n\nWillow read. Tara read.",
    );
    expect(work.main).toBe('Buffy Summers/Rupert Giles');
    expect(work.others).toEqual(['Tara Maclay/Willow Rosenberg']);
    expect(work.suggestions[0]?.confidence).toBeGreaterThan(0);
  });

  it('suggests a couple kissing in scenes of their own', async () => {
    const work = await tag(
      'Xander kissed Anya by the door.\n\nAnya laughed. Later Anya kissed Xander on the stairs.\n\nXander left.',
    );
    expect(work.others).toEqual(['Anya Jenkins/Xander Harris']);
  });

  it('does not take gossip about a couple who never appear together', async () => {
    const work = await tag(
      '"I heard Willow is dating Tara," Xander said to Giles.\n\n"Willow is out," Giles said. Xander nodded. "And Tara is at home."',
    );
    expect(work.others).toEqual([]);
  });

  it('does not take a forehead kiss, family, or a child', async () => {
    const forehead = await tag(
      'Xander kissed Anya on the forehead.\n\nAnya smiled. Xander kissed Anya on the forehead again.\n\nXander left.',
    );
    expect(forehead.others).toEqual([]);
    const sisters = await tag(
      'Dawn kissed Joyce goodnight.\n\nJoyce laughed. Joyce kissed Dawn and sent her to bed.\n\nDawn slept.',
    );
    expect(sisters.others).toEqual([]);
    const child = await tag(
      'Dawn, twelve years old, sat with Xander. Xander kissed Dawn.\n\nDawn kissed Xander. Dawn was his girlfriend, Xander said.',
    );
    expect(child.others.filter((value) => value.includes('Dawn'))).toEqual([]);
  });
});
