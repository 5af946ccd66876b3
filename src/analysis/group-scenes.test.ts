import { describe, expect, it } from 'vitest';
import { readText } from '../../test/helpers.ts';
import { loadKnowledge } from './packs/pack.loader.ts';
import { tagWork } from './tag-work.ts';

const knowledge = loadKnowledge();
const tag = async (body: string) =>
  tagWork(await readText(`Title: T\nFandom: BtVS\n\n${body}`), knowledge).relationships;

describe('sex among three people', () => {
  it('tags a threesome as one relationship, not as each pair in it', async () => {
    const scene = [
      'Buffy pulled Giles and Xander onto the bed. Xander kissed Buffy while Giles stroked his cock.',
      'Giles thrust into Buffy, and Xander watched, naked, until Buffy reached for Xander.',
      'Xander came with a groan against Giles, and Buffy had her orgasm a moment later, laughing.',
    ];
    const relationships = await tag(scene.join('\n\n'));
    expect(relationships).toContain('Buffy Summers/Rupert Giles/Xander Harris');
    expect(relationships).not.toContain('Rupert Giles/Xander Harris');
  });

  it('does not make a threesome of a couple and someone thought of once', async () => {
    const scene = [
      'Buffy pulled Giles onto the bed. For a moment she thought of Xander, then Giles kissed her.',
      'Giles thrust into Buffy, slow. She wrapped her legs around him, naked and laughing.',
      'Buffy came with a cry against Giles, and he followed her, his orgasm shaking them both.',
    ];
    const relationships = await tag(scene.join('\n\n'));
    expect(relationships).toContain('Buffy Summers/Rupert Giles');
    expect(relationships.some((relationship) => relationship.split('/').length > 2)).toBe(false);
  });
});
