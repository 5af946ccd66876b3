import { describe, expect, it } from 'vitest';
import { readText } from '../../test/helpers.ts';
import { loadKnowledge } from './packs/pack.loader.ts';
import { tagWork } from './tag-work.ts';

const knowledge = loadKnowledge();
const tag = async (text: string) => tagWork(await readText(text), knowledge);

describe('fandoms from the text', () => {
  it('does not claim a fandom from a disclaimer that names only a rights holder', async () => {
    const work = await tag(
      'Disclaimer: They all belong to the BBC and Fox, not me.\n\nMaya locked the shop. Tom waited by the van, and Maya climbed in beside him. Tom drove.',
    );
    expect(work.fandoms).toEqual([]);
    expect(work.characters).toEqual([]);
  });

  it('does not claim a fandom from a first name it shares with a story of another show', async () => {
    const story = [
      'Connor waited outside the lecture hall while Oliver finished. Connor hated waiting.',
      'Later Oliver made coffee, and Michaela texted Connor about the case. Asher called Oliver twice.',
      'Michaela laughed at Asher. Oliver kissed Connor in the kitchen while Laurel rolled her eyes at Michaela.',
      'Asher and Laurel argued about Annalise, and Oliver told Asher to stop.',
    ].join('\n\n');
    const work = await tag(story);
    expect(work.fandoms).toEqual([]);
    expect(work.characters).toEqual([]);
    expect(work.relationships).toEqual([]);
  });

  it('claims the fandom when its own characters fill the story, one of them by a name only it has', async () => {
    const work = await tag(
      'Giles polished his glasses. Willow came in with the books, and Giles took them from Willow.\n\nGiles read until dawn while Willow slept on the couch.',
    );
    expect(work.fandoms).toEqual(['Buffy the Vampire Slayer']);
  });

  it('claims the fandom from one of its places with one of its characters', async () => {
    const work = await tag('Xander walked home through Sunnydale. Xander did not look back.');
    expect(work.fandoms).toEqual(['Buffy the Vampire Slayer']);
  });

  it('keeps a stated character of another fandom as written, never a pack character of the same name', async () => {
    const work = await tag(
      'Title: T\nFandom: Merlin (TV)\nCharacters: Gwen (Merlin), Arthur\nPairing: Arthur/Gwen\n\nGwen smiled at Arthur in the castle kitchen.',
    );
    expect(work.characters).toEqual(['Gwen (Merlin)', 'Arthur']);
    expect(work.relationships).toEqual(['Arthur/Gwen']);
    expect(work.fandoms).toEqual(['Merlin (TV)']);
  });

  it('does not take a first name several fandoms share in the header for another fandom', async () => {
    const work = await tag(
      'Title: T\nFandom: Sherlock (TV)\nPairing: Moriarty/Molly\n\nMolly smiled at Jim in the lab. Jim Moriarty kissed Molly.',
    );
    expect(work.relationships).toEqual(['Jim Moriarty/Molly Hooper']);
    expect(work.characters).not.toContain('Molly Weasley');
  });

  it('keeps a qualified name as written even where the fandom is unknown', async () => {
    const work = await tag('Title: T\nCharacters: Gwen (Merlin)\n\nGwen smiled.');
    expect(work.characters).toEqual(['Gwen (Merlin)']);
  });
});
