import { describe, expect, it } from 'vitest';
import { readText } from '../../test/helpers.ts';
import type { CharacterCounts } from './characters/resolve.ts';
import type { KnownCharacter } from './knowledge.ts';
import { loadKnowledge } from './packs/pack.loader.ts';
import { PairScores } from './pair-scores.ts';
import { romanticCircles } from './romantic-circles.ts';
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

describe('three people in one relationship', () => {
  it('tags three who are each romantic with the other two when alone as one relationship, the main one', async () => {
    const scenes = [
      'Xander kissed Oz in the van. Oz kissed Xander back.',
      'Giles kissed Xander in the kitchen. Xander kissed Giles, slow.',
      'Oz kissed Giles on the stairs. Giles kissed Oz again.',
      'Xander kissed Oz on the couch. Oz kissed Xander.',
    ];
    const work = await tag(scenes.join('\n\n'));
    expect(work.relationships).toContain('Oz/Rupert Giles/Xander Harris');
    expect(work.mainRelationship).toBe('Oz/Rupert Giles/Xander Harris');
  });

  it('is not a couple kissing with a friend in the room, nor three beside a stronger couple', async () => {
    const friend = await tag(
      [
        'Xander kissed Oz in the van while Giles drove. Oz kissed Xander back, and Giles sighed.',
        'Xander kissed Oz on the couch. Giles read. Oz kissed Xander again.',
      ].join('\n\n'),
    );
    expect(friend.relationships.some((relationship) => relationship.split('/').length === 3)).toBe(false);
    const beside = await tag(
      [
        'Buffy kissed Giles in the kitchen. Giles kissed Buffy back.',
        'Giles kissed Willow by the door. Willow kissed Giles back.',
        'Willow kissed Buffy on the porch. Buffy kissed Willow back.',
        'Xander kissed Spike in the crypt. Spike kissed Xander back. Xander kissed Spike again.',
        'Spike kissed Xander on the sofa. Xander kissed Spike. Spike kissed Xander, slow.',
      ].join('\n\n'),
    );
    expect(beside.mainRelationship).toBe('Spike/Xander Harris');
    expect(beside.relationships.some((relationship) => relationship.split('/').length === 3)).toBe(false);
  });
});

describe('romanticCircles', () => {
  it('looks for circles among the most mentioned dozen when a crowd all kiss each other', () => {
    const people: KnownCharacter[] = Array.from({ length: 40 }, (_, i) => ({
      name: `Person ${i}`,
      short: `Person ${i}`,
      fandoms: ['F'],
      gender: 'female',
      adult: true,
    }));
    const counts = new Map<KnownCharacter, CharacterCounts>(
      people.map((character, i) => [character, { character, total: 100 - i, perChapter: [], mentions: [] }]),
    );
    const pairs = new PairScores();
    for (let a = 0; a < people.length; a++)
      for (let b = a + 1; b < people.length; b++) {
        const pair = pairs.of(people[a] as KnownCharacter, people[b] as KnownCharacter);
        pair.romantic = 1;
        pair.decisive = 2;
      }
    const circles = romanticCircles(pairs.all, counts);
    const top = new Set(people.slice(0, 12));
    expect(circles.length).toBeGreaterThan(0);
    expect(circles.length).toBeLessThan(495); // 12 choose 4: overlapping circles are one
    expect(circles.every((circle) => circle.members.every((member) => top.has(member)))).toBe(true);
  });
});
