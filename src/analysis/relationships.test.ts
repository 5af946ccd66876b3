import { describe, expect, it } from 'vitest';
import { buffyChapter } from '../../test/helpers.ts';
import { scanCues } from './passages.ts';
import { scoreRelationships } from './relationships.ts';

const score = (text: string) => {
  const { texts, counts } = buffyChapter(text);
  const scored = scoreRelationships(texts, counts, scanCues(texts));
  return (tag: string) => scored.find((relationship) => relationship.tag === tag);
};

describe('scoreRelationships', () => {
  // Giles, watching from the window, is brought into the next paragraph by its many `he`s.
  const before = 'Giles watched from the window. He sighed.\n\n';
  const after = ' He held her close, and he smiled, and his hands shook.';

  it('gives a kiss to the named one and the one person of the other gender its pronoun can be', () => {
    const pairs = score(
      `${before}Buffy came in with Riley. Riley kissed her. Then Riley kissed her again.${after}`,
    );
    expect(pairs('Buffy Summers/Riley Finn')?.own).toBe(2);
    expect(pairs('Buffy Summers/Rupert Giles')).toBeUndefined();
  });

  it('leaves the kiss to the room when a pronoun of the named one’s gender may be someone else', () => {
    const pairs = score(
      `${before}Buffy came in with Riley. Riley watched as he kissed her. Riley saw him kiss her again.${after}`,
    );
    expect(pairs('Buffy Summers/Riley Finn')?.own).toBe(0);
    expect(pairs('Buffy Summers/Rupert Giles')?.decisive).toBe(true);
  });
});

describe('scoreRelationships, the point of view’s pronoun', () => {
  // Buffy's story names her seldom: the paragraphs of Riley's kisses call her only `her`.
  const pov = 'Buffy walked home from patrol. She was tired.\n\n';

  it('gives a kiss to the named one and the one of the other gender the story was on', () => {
    const pairs = score(
      `${pov}Riley was waiting on the porch. Riley kissed her. Then Riley kissed her again.`,
    );
    expect(pairs('Buffy Summers/Riley Finn')?.own).toBe(2);
  });

  it('prefers the one of that gender the paragraph names to the one the story was on', () => {
    const pairs = score(`${pov}Willow came out of the house. Xander kissed her. Xander kissed her again.`);
    expect(pairs('Willow Rosenberg/Xander Harris')?.own).toBe(2);
    expect(pairs('Buffy Summers/Xander Harris')?.own ?? 0).toBe(0);
  });

  it('gives the kiss to no one when the story has named no one of that gender yet', () => {
    const pairs = score('Riley was waiting on the porch. Riley kissed her. Then Riley kissed her again.');
    expect(pairs('Buffy Summers/Riley Finn')).toBeUndefined();
  });

  it('leaves the kiss to the room when the sentence names no one', () => {
    const pairs = score(
      `${pov}Riley was waiting on the porch with Giles.\n\nHe kissed her. He kissed her again.`,
    );
    expect(pairs('Buffy Summers/Riley Finn')?.own ?? 0).toBe(0);
    expect(pairs('Buffy Summers/Rupert Giles')?.own ?? 0).toBe(0);
  });
});
