import { describe, expect, it } from 'vitest';
import { readText } from '../../test/helpers.ts';
import { loadKnowledge } from './packs/pack.loader.ts';
import { tagWork } from './tag-work.ts';

const knowledge = loadKnowledge();
const tag = async (body: string) =>
  tagWork(await readText(`Title: T\nFandom: BtVS\n\n${body}`), knowledge).relationships;

const THREESOME = [
  'Buffy pulled Giles and Xander onto the bed. Xander kissed Buffy while Giles stroked his cock.',
  'Giles thrust into Buffy, and Xander watched, naked, until Buffy reached for Xander.',
  'Xander came with a groan against Giles, and Buffy had her orgasm a moment later, laughing.',
];

describe('sex among three people', () => {
  it('tags a threesome as one relationship, not as each pair in it', async () => {
    const relationships = await tag(THREESOME.join('\n\n'));
    expect(relationships).toContain('Buffy Summers/Rupert Giles/Xander Harris');
    expect(relationships).not.toContain('Rupert Giles/Xander Harris');
  });

  it('tags a couple with more scenes than the threesome holds beside it, and the threesome beside them', async () => {
    // Xander, the last man named before Giles, is brought into each of these by their many `he`s: the two are
    // never alone in them, but these are not the threesome's scenes.
    const couple = [
      'Giles kissed Buffy in the doorway. He carried her to bed, and his hands shook as he undressed her.',
      'Buffy stroked his cock until Giles groaned. He thrust into her, and he held her as his orgasm came.',
      'Giles made love to Buffy again in the morning. He was slow, and his mouth was on her clit until she came.',
      'Buffy rode Giles to his orgasm. He laughed, and he kissed her, and his cock was still inside her.',
      'That night Giles kissed Buffy again. He took her to bed, and he made love to her until his name was all she said.',
    ];
    const relationships = await tag([...THREESOME, ...couple].join('\n\n'));
    expect(relationships).toContain('Buffy Summers/Rupert Giles');
    expect(relationships).toContain('Buffy Summers/Rupert Giles/Xander Harris');
    expect(relationships).not.toContain('Rupert Giles/Xander Harris');
  });

  it('tags a threesome beside a stronger couple of its members, unless it is a small part of their story', async () => {
    const couple = [
      'The next night Buffy came to Giles alone. Giles kissed Buffy in the doorway and carried her to bed.',
      'Buffy stroked his cock until Giles groaned. Giles thrust into Buffy, slow and deep.',
      'Buffy had her orgasm with a cry, and Giles came a moment later, his cock deep inside her.',
      'In the morning Buffy woke Giles with a kiss. Giles made love to Buffy again, unhurried.',
      'Giles licked her clit until Buffy came twice. Then Buffy rode Giles to his orgasm.',
    ];
    const beside = await tag([...THREESOME, ...couple].join('\n\n'));
    expect(beside).toContain('Buffy Summers/Rupert Giles');
    expect(beside).toContain('Buffy Summers/Rupert Giles/Xander Harris');
    const small = await tag([...THREESOME, ...couple, ...couple, ...couple].join('\n\n'));
    expect(small).toEqual(['Buffy Summers/Rupert Giles']);
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
