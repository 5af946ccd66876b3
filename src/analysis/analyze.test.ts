import { describe, expect, it } from 'vitest';
import { readText } from '../../test/helpers.ts';
import { loadKnowledge } from './packs/pack.loader.ts';
import { tagWork } from './tag-work.ts';

const knowledge = loadKnowledge();
const tag = async (text: string) => tagWork(await readText(text), knowledge);

describe('characters and the ambiguity rules', () => {
  it('does not take common words for characters', async () => {
    const work = await tag(
      'Title: Morning\nFandom: Buffy the Vampire Slayer\n\nDawn broke over the hills. Giles had faith in the plan, and the will to see it through. Giles hung a red scarf on the angel by the door and felt a spike of fear.',
    );
    expect(work.characters).toEqual(['Rupert Giles']);
  });

  it('counts a common-word alias mid-sentence or as a form of address, with possessives', async () => {
    const work = await tag(
      'Title: T\nFandom: BtVS\n\n"Will, wait!" Xander said. He ran after Will into the library. Willow\'s books were everywhere. Will turned around.',
    );
    expect(work.characters).toContain('Willow Rosenberg');
    expect(work.characters).toContain('Xander Harris');
  });

  it('does not tag a character only talked about in dialogue', async () => {
    const work = await tag(
      'Title: T\nFandom: BtVS\n\nXander sat down. "Anya left," he said. "Anya hates me."\n\nXander drank his beer.',
    );
    expect(work.characters).toEqual(['Xander Harris']);
  });
});

describe('which characters a tagger would tag', () => {
  it('does not tag a name mentioned once', async () => {
    const work = await tag(
      'Title: T\nFandom: BtVS\n\nXander fixed the sink. He thought of Anya and the shop. Xander swore at the pipe.',
    );
    expect(work.characters).toEqual(['Xander Harris']);
  });

  it('does not tag someone named far less often than the people the story is about', async () => {
    const scene = 'Giles made tea. Buffy sat with Giles. Giles smiled at Buffy, and Buffy laughed.';
    const work = await tag(
      `Title: T\nFandom: BtVS\n\n${Array(4).fill(scene).join('\n\n')}\n\nWillow waved from the door.`,
    );
    expect(work.characters).toEqual(['Rupert Giles', 'Buffy Summers']);
  });
});

describe('relationships', () => {
  it('never suggests a romantic pairing, let alone the main one, with a character the text presents as a child', async () => {
    const scene =
      'Giles hugged Dawn, nine years old, and kissed her cheek. Dawn laughed and held his hand, and Giles loved her dearly.';
    const work = await tag(`Title: T\nFandom: BtVS\n\n${scene}\n\n${scene}\n\nGiles kissed Dawn goodnight.`);
    expect(work.relationships.filter((tag) => tag.includes('/'))).toEqual([]);
    expect(work.mainRelationship).toBeNull();
  });

  it('does not make a romance of kisses on the forehead', async () => {
    const work = await tag(
      'Title: T\nFandom: BtVS\n\nGiles sat with Dawn. Giles kissed her forehead, and Dawn smiled. Later Giles kissed the top of her head. Joyce gave Dawn a warm kiss on her forehead.',
    );
    expect(work.relationships.filter((tag) => tag.includes('/'))).toEqual([]);
  });

  it('does not make a pairing of a kiss on the cheek', async () => {
    const work = await tag(
      'Title: T\nFandom: BtVS\n\nJoyce met Buffy at the door. Joyce kissed her on the cheek, and Buffy kissed her cheek back.',
    );
    expect(work.relationships.filter((tag) => tag.includes('/'))).toEqual([]);
  });

  it('needs a kiss, sex or love declared between the two, not words of feeling near them', async () => {
    const scene =
      'Giles pressed two fingers over his lips and looked at Ethan. His lips tightened. Ethan spoke of his lover, ' +
      'long dead, with longing, and of a rush better than sex. Giles was almost tender with him.';
    const work = await tag(`Title: T\nFandom: BtVS\n\n${scene}\n\n${scene}`);
    expect(work.relationships.filter((tag) => tag.includes('/'))).toEqual([]);
  });

  it("makes a pairing of an established couple's quiet intimacy, two signs of it, not one", async () => {
    const pairings = async (scene: string) => {
      const work = await tag(`Title: T\nFandom: BtVS\n\n${scene}`);
      return { main: work.mainRelationship, all: work.relationships.filter((value) => value.includes('/')) };
    };
    const couple = await pairings(
      'Giles came home to Jenny. She slipped in next to him on the sofa and rested her head against his chest.',
    );
    expect(couple.main).toBe('Jenny Calendar/Rupert Giles');
    const comfort = await pairings(
      'Giles sat with Jenny after the funeral. She cried with her head on his shoulder.',
    );
    expect(comfort.all).toEqual([]);
    // A hand resting on the other one's thigh is one of the signs; a hand on one's own is not.
    const carried = 'Giles carried Buffy in. She leaned her head against his shoulder.';
    expect((await pairings(`${carried} Later his fingers rested lightly on Buffy's thigh.`)).main).toBe(
      'Buffy Summers/Rupert Giles',
    );
    expect((await pairings(`${carried} Later he sat with his hands on his thighs.`)).all).toEqual([]);
  });

  it('makes a pairing of a kiss, and of sex forced on someone (AO3 tags the pairing of a non-con story)', async () => {
    const kiss = await tag(
      'Title: T\nFandom: BtVS\n\nGiles looked at Jenny. Jenny leaned in and kissed him.',
    );
    expect(kiss.mainRelationship).toBe('Jenny Calendar/Rupert Giles');
    const forced = await tag(
      'Title: T\nFandom: BtVS\n\nAngelus pinned Buffy to the wall. "No," Buffy said. He forced himself on her, against her will.',
    );
    expect(forced.mainRelationship).toBe('Angel/Buffy Summers');
  });

  it('does not make a pair of two people who share a crowded room with a couple', async () => {
    const scene =
      'Buffy kissed Giles.\n\nXander and Willow came in with Buffy and Giles. Buffy kissed Giles, Giles kissed Buffy, and Buffy kissed Giles again while Xander laughed and Willow rolled her eyes.';
    const work = await tag(`Title: T\nFandom: BtVS\n\n${Array(3).fill(scene).join('\n\n')}`);
    expect(work.relationships).toEqual(['Buffy Summers/Rupert Giles']);
  });

  it.each([
    ['Spike/Willow', 'Spike/Willow Rosenberg'],
    ['Willow x Spike', 'Spike/Willow Rosenberg'],
    ['Spuffy', 'Buffy Summers/Spike'],
    ['Buffy & Giles', 'Buffy Summers & Rupert Giles'],
  ])('resolves the header pairing %s to %s', async (written, canonical) => {
    const work = await tag(`Title: T\nFandom: BtVS\nPairing: ${written}\n\nThey talked.`);
    expect(work.relationships).toEqual([canonical]);
    expect(work.draft.relationships).toEqual([written]);
  });

  it('resolves initials among the characters the story names', async () => {
    const work = await tag(
      'Title: T\nPairing: S/W\n\nWillow looked up. Spike was in the doorway. Willow smiled at Spike.',
    );
    expect(work.relationships).toEqual(['Spike/Willow Rosenberg']);
    expect(work.fandoms).toEqual(['Buffy the Vampire Slayer']);
  });

  it('resolves a shortened name in a pairing to the one character the story names that way', async () => {
    const work = await tag(
      'Title: T\nFandom: BtVS\nPairing: Spike/Harm\n\nHarmony pouted at Spike. Spike sighed at Harmony. "Dan," he said.',
    );
    expect(work.relationships).toEqual(['Harmony Kendall/Spike']);
    const nobody = await tag('Title: T\nFandom: BtVS\nPairing: Spike/Dan\n\nSpike sighed at Harmony.');
    expect(nobody.relationships).toEqual(['Spike/Dan']);
  });

  it('resolves initials by the name the story calls a character, not a surname it seldom uses', async () => {
    const tonks = await tag(
      'Title: T\nFandom: Harry Potter\nPairing: R/T\n\nTonks laughed at Remus. Remus kissed Tonks. "Teddy is asleep," Tonks said.',
    );
    expect(tonks.relationships).toEqual(['Nymphadora Tonks/Remus Lupin']);
    const spike = await tag(
      'Title: T\nPairing: S/W\n\nBuffy Summers left. Buffy sighed. Buffy shrugged. Willow looked up. Spike was in the doorway. Willow smiled at Spike.',
    );
    expect(spike.relationships).toEqual(['Spike/Willow Rosenberg']);
  });

  it('keeps a secondary pairing but never makes it the main one', async () => {
    const work = await tag(
      'Title: T\nFandom: BtVS\nPairing: some Spike/Buffy, Willow/Tara\n\nTara kissed Willow.',
    );
    expect(work.relationships).toEqual(['Tara Maclay/Willow Rosenberg', 'Buffy Summers/Spike']);
    expect(work.mainRelationship).toBe('Tara Maclay/Willow Rosenberg');
  });

  it('finds a pairing in the text, through pronouns, with F/F from the genders', async () => {
    const work = await tag(
      'Title: T\nFandom: BtVS\n\nTara sat beside Willow on the bed. She kissed her, and Willow kissed her back.',
    );
    expect(work.mainRelationship).toBe('Tara Maclay/Willow Rosenberg');
    expect(work.categories).toEqual(['F/F']);
    expect(work.inferred).toContain('relationships:Tara Maclay/Willow Rosenberg');
  });

  it('brings the last named woman into a paragraph that only says her', async () => {
    const scene = (pronoun: string) =>
      tag(
        `Title: T\nFandom: BtVS\n\nBuffy found Spike in the crypt.\n\nSpike kissed ${pronoun}. Spike kissed ${pronoun} again, and Spike kissed ${pronoun} a third time.`,
      );
    expect((await scene('her')).relationships).toContain('Buffy Summers/Spike');
    expect((await scene('him')).relationships).not.toContain('Buffy Summers/Spike');
    expect((await scene('them')).relationships).not.toContain('Buffy Summers/Spike');
  });
});

describe('romance as real fans write it', () => {
  it('makes a pairing of snogging, making out, a mouth on someone and a proposal', async () => {
    for (const line of [
      'Giles and Anya snogged behind the counter.',
      'Anya made out with him behind the counter.',
      'Her mouth found his behind the counter.',
      '"Marry me," Giles said to Anya.',
    ]) {
      const work = await tag(
        `Title: T\nFandom: BtVS\n\nAnya sat on the counter. Giles closed the shop.\n\n${line}`,
      );
      expect(work.mainRelationship, line).toBe('Anya Jenkins/Rupert Giles');
    }
  });

  it('does not read a thing made out of wood or a shape made out in the dark as romance', async () => {
    const work = await tag(
      'Title: T\nFandom: BtVS\n\nAnya sat on the counter. Giles showed her a box made out of wood. She made out the shape of a rune on it.',
    );
    expect(work.relationships.filter((relationship) => relationship.includes('/'))).toEqual([]);
  });
});

describe('a pairing between people the story is about', () => {
  it('does not suggest a pairing with someone named a handful of times beside the leads', async () => {
    const day = 'Buffy trained with Giles. Giles corrected her stance, and Buffy rolled her eyes at Giles.';
    const work = await tag(
      `Title: T\nFandom: BtVS\n\n${Array(5).fill(day).join('\n\n')}\n\nGiles remembered Jenny. Jenny had kissed him once, in the library.`,
    );
    expect(work.relationships.filter((relationship) => relationship.includes('/'))).toEqual([]);
  });
});

describe('speech without a speech tag', () => {
  it('gives an unattributed line to the two people talking, until a scene break', async () => {
    const talk = (between: string) =>
      tag(
        `Title: T\nFandom: BtVS\n\nAnya sat on the counter. Giles looked up from his book.\n\n"The shop is quiet."\n\n${between}"That kiss was most pleasing. I would like many more."`,
      );
    const carried = await talk('');
    expect(carried.mainRelationship).toBe('Anya Jenkins/Rupert Giles');
    const broken = await talk('* * *\n\n');
    expect(broken.relationships.filter((relationship) => relationship.includes('/'))).toEqual([]);
  });

  it('does not give a line to someone only guessed from a pronoun', async () => {
    const work = await tag(
      'Title: T\nFandom: BtVS\n\nXander left the shop.\n\nAnya sat on the counter. Giles looked up from his book, his glasses in his hand.\n\n"I kissed you in my dream."',
    );
    expect(work.relationships).not.toContain('Rupert Giles/Xander Harris');
  });
});

describe('reconciliation and evidence', () => {
  const explicit =
    'He pushed her onto the bed and she spread her legs. His cock slid inside her and he fucked her hard until she came, her nipples hard under his mouth.';

  it("keeps the author's rating and adds a review note with passages when the text is more severe", async () => {
    const work = await tag(
      `Title: T\nFandom: BtVS\nPairing: Spike/Buffy\nRating: PG\n\nSpike kissed Buffy. ${explicit}`,
    );
    expect(work.rating).toBe('Teen And Up Audiences');
    expect(work.analysis.rating.inferred).toBe('Explicit');
    const note = work.review.find((item) => item.field === 'rating');
    expect(note?.message).toMatch(
      /rated this Teen And Up Audiences \("PG"\), but the text reads as Explicit/,
    );
    const passage = note?.evidence.find((item) => item.source === 'text');
    expect(passage).toMatchObject({ source: 'text', chapter: 1 });
    if (passage?.source === 'text') {
      expect(passage.quote.length).toBeLessThanOrEqual(200);
      expect(
        work.draft.chapters[0]?.blocks.some(
          (block) =>
            block.type === 'paragraph' &&
            block.text.includes(passage.quote.replace(/^…|…$/g, '').slice(0, 20)),
        ),
      ).toBe(true);
    }
  });

  it('fills a silent header with the inferred rating and warnings, marked inferred', async () => {
    const work = await tag(`Title: T\nFandom: BtVS\n\nSpike kissed Buffy. ${explicit}`);
    expect(work.rating).toBe('Explicit');
    expect(work.inferred).toContain('rating');
    expect(work.warnings).toEqual(['Creator Chose Not To Use Archive Warnings']);
  });

  it('decides an ambiguous rating between its candidates from the text', async () => {
    const mild = await tag('Title: T\nRating: M\n\nThey made love that night and slept until noon.');
    expect(mild.rating).toBe('Mature');
    const graphic = await tag(`Title: T\nRating: M\n\n${explicit}`);
    expect(graphic.rating).toBe('Explicit');
  });

  it('notes a missing warning for review and never drops the author’s', async () => {
    const work = await tag(
      "Title: T\nFandom: BtVS\nWarnings: none\n\nTara died in Willow's arms. Willow held Tara's body until dark. At the funeral Willow could not speak; Tara was buried under the oak.",
    );
    expect(work.warnings).toEqual(['No Archive Warnings Apply']);
    expect(work.review.some((item) => item.message.includes('Major Character Death'))).toBe(true);
  });

  it('always flags sex involving a stated minor for review', async () => {
    const work = await tag(
      'Title: T\n\nShe was fifteen. That night they had sex in his car, naked and cold.',
    );
    expect(work.analysis.inferredWarnings).toContain('Underage Sex');
    expect(work.review.some((item) => item.field === 'warnings' && /under 18/.test(item.message))).toBe(true);
  });
});

describe('cues that ordinary prose says too', () => {
  it('does not read "Come on." as sex, nor a consensual "didn\'t stop until" as non-consent', async () => {
    const talk = await tag(
      'Title: Patrol\nFandom: BtVS\n\n"Come on," Buffy said, pulling Willow toward the cemetery gate. "Come on, we\'re late." Willow laughed and followed her.',
    );
    expect(talk.rating).not.toMatch(/Mature|Explicit/);
    const consensual = await tag(
      "Title: Night\nFandom: BtVS\nRating: Explicit\n\nSpike kissed Buffy and she pulled him closer, wanting this, and he didn't stop until she came, gasping his name, her cunt clenching around his fingers.",
    );
    expect(consensual.warnings).not.toContain('Rape/Non-Con');
  });

  it('does not take a bare season number for a fandom', async () => {
    const work = await tag(
      'Title: Four\nSpoilers: season 4\n\nBuffy Summers and Willow Rosenberg went to college. Buffy missed Giles.',
    );
    expect(work.fandoms).toEqual(['Buffy the Vampire Slayer']);
  });
});

describe('long stories', () => {
  it('scores relationships in a story that names one character hundreds of thousands of times', async () => {
    // One spread call with this many arguments overflowed the stack.
    const paragraph = 'Buffy ran. Buffy kissed Spike. Buffy laughed. Buffy sighed.\n\n';
    const work = await tag(`Title: T\nFandom: BtVS\n\n${paragraph.repeat(50_000)}`);
    expect(work.characters).toContain('Buffy Summers');
  }, 60_000);
});
