import { describe, expect, it } from 'vitest';
import { buffyChapter } from '../../test/helpers.ts';
import { appearTogether, findCoupleStatements } from './couple-statements.ts';
import type { KnownCharacter } from './knowledge.ts';

const read = buffyChapter;
const statements = (text: string) => {
  const { texts, mentions } = read(text);
  return findCoupleStatements(texts, mentions).map(
    (statement) =>
      `${statement.members.map((member) => member.short).join('+')}${statement.inDialogue ? ' (said)' : ''}`,
  );
};

describe('findCoupleStatements', () => {
  it('reads the ways a text says two people are a couple', () => {
    expect(statements("Tara, Willow's girlfriend, waved from the porch.")).toEqual([
      'Tara Maclay+Willow Rosenberg',
    ]);
    expect(statements('Xander brought his fiancée, Anya, to the party.')).toEqual([
      'Xander Harris+Anya Jenkins',
    ]);
    expect(statements('Everyone knew Giles was dating Miss Calendar.')).toEqual([
      'Rupert Giles+Jenny Calendar',
    ]);
    expect(statements('Giles and Jenny had a little boy in September.')).toEqual([
      'Rupert Giles+Jenny Calendar',
    ]);
    expect(statements("They went up to Willow and Tara's bedroom.")).toEqual([
      'Willow Rosenberg+Tara Maclay',
    ]);
    expect(statements('That was the night Xander had slept with Faith.')).toEqual([
      'Xander Harris+Faith Lehane',
    ]);
    expect(statements('Giles and Buffy, who were so obsessed with each other, never noticed.')).toEqual([
      'Rupert Giles+Buffy Summers',
    ]);
    expect(statements('He liked Willow, though he knew that she and Oz were lovers.')).toEqual([
      'Willow Rosenberg+Oz',
    ]);
  });

  it('reads none into a possession, friends fond of each other, or a pronoun that is not the one named', () => {
    expect(statements("Giles slept with Buffy's letter under his pillow.")).toEqual([]);
    expect(statements('Xander and Willow, who were fond of each other, shared the fries.')).toEqual([]);
    // `he` is not Buffy.
    expect(statements('Buffy knew that he and Oz were lovers.')).toEqual([]);
    expect(statements('Willow knew that she and Oz were late.')).toEqual([]);
  });

  it('says nothing of friends together, a pronoun of the wrong person, or names across sentences', () => {
    expect(statements('Buffy and Willow walked home together after patrol.')).toEqual([]);
    expect(statements("Willow and Tara's house was quiet.")).toEqual([]);
    expect(statements("Anya was Xander's boss at the shop.")).toEqual([]);
    // `her fiancée` is not Xander's.
    expect(statements('Xander saw her fiancée, Anya, at the door.')).toEqual([]);
    expect(statements('Buffy left with Giles. Her boyfriend Riley was late.')).toEqual([]);
    expect(statements('')).toEqual([]);
  });

  it('reads the point of view’s pronoun as the last one of its gender named, and a kiss they shared', () => {
    expect(
      statements('Willow smiled. She was nervous, because she and Tara had kissed a couple times.'),
    ).toEqual(['Willow Rosenberg+Tara Maclay']);
    expect(statements('Buffy and Riley had kissed.')).toEqual(['Buffy Summers+Riley Finn']);
  });

  it('reads no couple into a kiss given to someone else, or a pronoun that has no one else to be', () => {
    expect(statements('Buffy and Willow kissed Giles on the cheek.')).toEqual([]);
    // The last woman named is the partner herself.
    expect(statements('Tara waved. Then she and Tara had kissed.')).toEqual([]);
    // No man named before `he`.
    expect(statements('Willow looked up. He and Oz had kissed once.')).toEqual([]);
  });

  it('marks what is said in speech', () => {
    expect(statements('"I heard Willow and Tara are dating," Cordelia said.')).toEqual([
      'Willow Rosenberg+Tara Maclay (said)',
    ]);
  });
});

describe('appearTogether', () => {
  const pair = (mentions: { character: KnownCharacter }[], a: string, b: string) =>
    [a, b].map((name) => mentions.find((mention) => mention.character.short === name)?.character) as [
      KnownCharacter,
      KnownCharacter,
    ];
  it('needs the two in one paragraph of narration, not only in gossip', () => {
    const gossip = read('"Willow and Tara are dating," Cordelia said.\n\n"No way," said Xander.');
    expect(
      appearTogether(gossip.texts, gossip.mentions, pair(gossip.mentions, 'Willow Rosenberg', 'Tara Maclay')),
    ).toBe(false);
    const seen = read('Willow took Tara by the hand and led her out.');
    expect(
      appearTogether(seen.texts, seen.mentions, pair(seen.mentions, 'Willow Rosenberg', 'Tara Maclay')),
    ).toBe(true);
  });
});
