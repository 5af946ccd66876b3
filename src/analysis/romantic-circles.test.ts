import { describe, expect, it } from 'vitest';
import { readText } from '../../test/helpers.ts';
import { loadKnowledge } from './packs/pack.loader.ts';
import { tagWork } from './tag-work.ts';

const knowledge = loadKnowledge();
const tag = async (body: string) => tagWork(await readText(`Title: T\nFandom: BtVS\n\n${body}`), knowledge);

describe('four people in one relationship', () => {
  it('tags four people who each kiss every other one as one relationship, the main one', async () => {
    const scenes = [
      'Buffy kissed Giles in the kitchen. Giles kissed Buffy back.',
      'Willow kissed Xander on the porch. Xander kissed Willow again.',
      'Buffy kissed Willow by the door, and Willow kissed her back.',
      'Giles kissed Xander in the hall. Xander kissed Giles, slow.',
      'Buffy kissed Xander on the couch. Xander kissed Buffy.',
      'Giles kissed Willow at the table. Willow kissed Giles back.',
    ];
    const work = await tag(scenes.join('\n\n'));
    expect(work.relationships).toContain('Buffy Summers/Rupert Giles/Willow Rosenberg/Xander Harris');
    expect(work.mainRelationship).toBe('Buffy Summers/Rupert Giles/Willow Rosenberg/Xander Harris');
    expect(work.relationships).not.toContain('Buffy Summers/Xander Harris');
  });

  it('does not make one relationship of four friends in a room with a kiss', async () => {
    const scenes = [
      'Buffy, Giles, Willow and Xander sat in the library. Xander kissed Willow quickly, and everyone laughed.',
      'Buffy and Giles argued about the prophecy. Willow and Xander read.',
      'Giles made tea. Buffy sat with Giles, Willow and Xander until dawn.',
    ];
    const work = await tag(scenes.join('\n\n'));
    expect(work.relationships.some((relationship) => relationship.split('/').length === 4)).toBe(false);
  });

  it('does not make one relationship of two couples who share a room now and then', async () => {
    const scenes = [
      'Buffy kissed Giles in the kitchen. Giles kissed Buffy back.',
      'Willow kissed Xander on the porch. Xander kissed Willow again.',
      'Buffy kissed Giles on the sofa. Giles held her close.',
      'Willow kissed Xander in the car. Xander kissed her hair.',
      'Buffy, Giles, Willow and Xander had dinner. Buffy kissed Giles, and Willow kissed Xander.',
    ];
    const work = await tag(scenes.join('\n\n'));
    expect(work.relationships.some((relationship) => relationship.split('/').length === 4)).toBe(false);
    expect(work.relationships).toContain('Buffy Summers/Rupert Giles');
  });
});
