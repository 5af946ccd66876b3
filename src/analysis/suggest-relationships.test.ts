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

describe('a two-hander', () => {
  const drive =
    'Giles drove fast along the moor road. Buffy laughed at him.\n\n"You drive like a maniac," Buffy said.\n\n"Quite," said Giles.\n\n';

  it('is the pair when a romantic cue refers to both of them, though nobody kisses', async () => {
    const work = await tag('', `${drive}Her hand was warm on his thigh. He let the speed climb.`);
    expect(work.mainRelationship).toBe('Buffy Summers/Rupert Giles');
    expect(work.relationships).toEqual(['Buffy Summers/Rupert Giles']);
  });

  it('is no pair when the cue is about someone the story only tells of, or a third person is in it', async () => {
    const told = await tag('', `${drive}He thought of the sorcerer and his lover. Her lover fell in battle.`);
    expect(told.relationships).toEqual([]);
    const three = await tag(
      '',
      `${drive}Xander slept in the back seat. Xander snored.\n\nHer hand was warm on his thigh. He let the speed climb.`,
    );
    expect(three.relationships).toEqual([]);
  });

  it('is no pair when two of one gender are told only by pronouns', async () => {
    const work = await tag(
      '',
      'Giles drove fast. Ethan laughed at him.\n\n"Maniac," Ethan said.\n\n"Quite," said Giles.\n\nHe blushed and looked at his hands. He let the speed climb.',
    );
    expect(work.relationships).toEqual([]);
  });
});
