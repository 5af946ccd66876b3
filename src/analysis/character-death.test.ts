import { describe, expect, it } from 'vitest';
import { readText } from '../../test/helpers.ts';
import { loadKnowledge } from './packs/pack.loader.ts';
import { tagWork } from './tag-work.ts';

const knowledge = loadKnowledge();
const QUIET =
  'The library was quiet that afternoon. Dust drifted through the light from the tall windows, and the ' +
  'clock above the door ticked on. Someone had left a stack of old books on the table by the cage, their ' +
  'spines cracked and their pages soft with age. Nobody came in.';

/** The Major Character Death evidence the analysis infers for a text, or null when it infers none. */
async function deathOf(text: string, fandom = 'BtVS'): Promise<string[] | null> {
  const tagged = tagWork(await readText(`Title: T\nFandom: ${fandom}\n\n${text}\n\n${QUIET}`), knowledge);
  if (!tagged.analysis.inferredWarnings.includes('Major Character Death')) return null;
  return (tagged.evidence['warnings:Major Character Death'] ?? []).map((item) =>
    item.source === 'text' ? item.cue : '',
  );
}

/** A paragraph of an ordinary day, to put a scene's length between two passages. */
const day = (name: string) =>
  `${name} walked to the Magic Box after school and sorted the new stock of candles by colour, then by ` +
  `size, then by colour again because Anya said so. The bell over the door rang twice for customers who ` +
  `bought nothing. ${name} made tea, drank half of it, and read the paper until the light went orange.`;

describe('a death that stands in the story, not one before it, beside it or undone', () => {
  it('does not take a death before the story for one in it', async () => {
    expect(
      await deathOf(
        'Buffy had already died once, and it had not hurt. Buffy trained with Giles. Buffy laughed at his tweed.',
      ),
    ).toBeNull();
    expect(
      await deathOf(
        "Wesley sat in the office. Fred died in this building, in his arms, ten days ago. Wesley opened Fred's drawer. Wesley read her notes.",
        'Angel: the Series',
      ),
    ).toBeNull();
  });

  it('does not take a death known, dreamed or recapped for a death in the story', async () => {
    expect(
      await deathOf(
        'Giles knew he was dreaming. He knew that Ethan was dead. Ethan smiled at him across the table. Ethan poured the tea.',
      ),
    ).toBeNull();
    expect(
      await deathOf(
        'Dear future Xander. Previously on The Adventures of Buffy: Buffy died. Willow brought her back. Buffy patrols. Buffy eats.',
      ),
    ).toBeNull();
  });

  it('does not pin a death told in speech on the speaker or the one spoken to', async () => {
    expect(
      await deathOf(
        'Giles poured the whisky. Giles stared at his feet. "He died well, Buffy," he said. Giles drank.',
      ),
    ).toBeNull();
    expect(
      await deathOf(
        'Giles sat in the kitchen. His father held his arm. "Rupert. Did the exorcism work?"\n\n"He\'s dead. He\'s dead," Giles said. Giles wept.',
      ),
    ).toBeNull();
  });

  it('does not warn for a death undone in a later scene', async () => {
    expect(
      await deathOf(
        "John got his hand on Sherlock's wrist. There was no pulse. There was no pulse, and Sherlock's eyes were open.\n\n~\n\nEpilogue\n\nSherlock pulled off the moustache. \"I'm not dead,\" said Sherlock.",
        'Sherlock',
      ),
    ).toBeNull();
  });

  it('does not undo a death for last words in the scene of it', async () => {
    expect(
      await deathOf(
        'Harry watched from the shadows. Snape was killed by the snake in the boathouse. Snape grabbed his robes. "Look at me," Snape whispered. Harry looked.',
        'Harry Potter',
      ),
    ).not.toBeNull();
  });

  it('does not add up death words scattered over a long story wherever a character is named', async () => {
    const text = [
      'Buffy thought about how she wanted to die, and whether Slayers died well.',
      day('Buffy'),
      day('Buffy'),
      'Buffy sat through the funeral of an old Watcher she had never met.',
      day('Buffy'),
      day('Buffy'),
      'Buffy looked at the coffin, then at Giles, and wondered about the funeral lunch.',
      day('Buffy'),
      day('Buffy'),
      'Buffy read of a Slayer who died in 1802, and of the funeral they gave her.',
    ].join('\n\n');
    expect(await deathOf(text)).toBeNull();
  });

  it('gives the death to the one named against it first, not to the one named most', async () => {
    const evidence = await deathOf(
      'George woke. George ate. George saw Percy at the window. George looked for Fred. Percy was pulling too, and none of it mattered, because Fred was dead. He had died laughing. He had died in the middle of the best joke of his life, and George had not been there to hear it.',
      'Harry Potter',
    );
    expect(evidence?.[0]).toMatch(/^death of Fred Weasley/);
  });
});

describe('a death negated, as far as the negation reaches', () => {
  const scene = 'Willow raised her hand over Warren. Warren screamed.';

  it('takes no death from a death that did not happen', async () => {
    expect(await deathOf(`${scene} Warren didn't die.`)).toBeNull();
    expect(await deathOf(`${scene} Willow didn't kill him, and Warren never died.`)).toBeNull();
  });

  it('takes the death after a negation that ends before it', async () => {
    expect((await deathOf(`${scene} Willow didn't look away, and Warren died.`))?.[0]).toMatch(
      /^death of Warren Mears/,
    );
  });
});

describe('a death written without death words', () => {
  it('finds the answer "Dead" to where someone is', async () => {
    const evidence = await deathOf(
      'Wesley fought beside Illyria. Wesley was tired.\n\nAfterwards, in the alley, Angel asked where Wesley was.\n\n"Dead," said Illyria. Angel raised his sword.',
      'Angel: the Series',
    );
    expect(evidence?.[0]).toMatch(/^death of Wesley Wyndam-Pryce/);
  });

  it('finds what was left of someone', async () => {
    const evidence = await deathOf(
      'Willow raised her hand over Warren. Warren screamed. Then she let go. What was left of Warren Mears dropped to the forest floor in a wet red heap.',
    );
    expect(evidence?.[0]).toMatch(/^death of Warren Mears/);
  });

  it('finds a body found and held: no answer, cold skin, a plea to get up', async () => {
    const evidence = await deathOf(
      'Buffy came home. Joyce was on the couch with her eyes open.\n\n"Mom? Mom?"\n\nJoyce didn\'t answer. Buffy touched her hand. Her skin was cold.\n\n"Mom, please get up."\n\nLater Anya asked about the body, and why Joyce couldn\'t just get back up.',
    );
    expect(evidence?.[0]).toMatch(/^death of Joyce Summers/);
  });

  it('finds the dead laid out, named and cold', async () => {
    const evidence = await deathOf(
      "The dead were laid out in a row along the floor, and at the end of the row were Lupin and Tonks. They married in secret, had a son, and then died in the same battle. Harry took Lupin's hand, which was cold, and Tonks's hand, which was cold.",
      'Harry Potter',
    );
    expect(evidence?.[0]).toMatch(/^death of (?:Remus Lupin|Nymphadora Tonks)/);
  });

  it('does not take signs of one kind, or signs in a fight someone gets up from, for a death', async () => {
    expect(
      await deathOf(
        "Xander asked about the party. Buffy didn't answer. Xander asked again. Buffy didn't answer. Willow asked. Buffy didn't answer, and went to patrol.",
      ),
    ).toBeNull();
    expect(
      await deathOf(
        'The vampire threw Buffy into the wall. Her eyes were open. "Buffy, get up!" Willow screamed. Buffy didn\'t get up.\n\n* * *\n\nThe next night Buffy laughed at the Bronze. Buffy danced with Xander.',
      ),
    ).toBeNull();
  });
});
