import { describe, expect, it } from 'vitest';
import { readText } from '../../test/helpers.ts';
import { loadKnowledge } from './packs/pack.loader.ts';
import { tagWork } from './tag-work.ts';

const knowledge = loadKnowledge();
const tag = async (header: string, body: string) =>
  tagWork(await readText(`Title: T\nFandom: BtVS\n${header}\n${body}`), knowledge);

describe('the main relationship', () => {
  it('is the couple the narration tells as one over a pair that only shared the room', async () => {
    const work = await tag(
      '',
      'Buffy knew Giles was dating Miss Calendar.\n\nBuffy looked at Giles and Jenny in the library. Having sex, obviously. Buffy blushed.\n\nBuffy left.',
    );
    expect(work.mainRelationship).toBe('Jenny Calendar/Rupert Giles');
    expect(work.relationships).not.toContain('Buffy Summers/Rupert Giles');
  });

  it('stays the pair with the evidence when a couple is only told in gossip', async () => {
    const work = await tag(
      '',
      'Buffy kissed Giles in the kitchen.\n\nGiles kissed Buffy again by the stairs.\n\n"Willow is dating Tara," Xander said.',
    );
    expect(work.mainRelationship).toBe('Buffy Summers/Rupert Giles');
    expect(work.relationships).toEqual(['Buffy Summers/Rupert Giles']);
  });
});

describe('confidence', () => {
  it('is higher for kisses of their own than for cues shared with a third person, and 1 for the author’s', async () => {
    const own = await tag(
      '',
      'Buffy kissed Giles in the kitchen.\n\nGiles kissed Buffy again by the stairs.',
    );
    const shared = await tag(
      '',
      'Buffy, Giles and Xander sat in the library. They kissed. Xander watched Buffy and Giles.\n\nBuffy, Giles and Xander kissed again.',
    );
    const confidence = (work: typeof own, value: string) =>
      work.analysis.relationships.find((relationship) => relationship.value === value)?.confidence;
    expect(confidence(own, 'Buffy Summers/Rupert Giles')).toBeGreaterThan(
      confidence(shared, 'Buffy Summers/Rupert Giles') ?? 0,
    );
    const authors = await tag('Pairing: Buffy/Giles\n', 'Buffy kissed Giles.');
    expect(confidence(authors, 'Buffy Summers/Rupert Giles')).toBe(1);
  });
});
