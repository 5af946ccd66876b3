import { describe, expect, it } from 'vitest';
import { readText } from '../../test/helpers.ts';
import { loadKnowledge } from './packs/pack.loader.ts';
import { tagWork } from './tag-work.ts';

const knowledge = loadKnowledge();
const analyse = async (text: string) =>
  tagWork(await readText(`Title: T\nFandom: BtVS\n\n${text}`), knowledge).analysis;

describe('rating from what is on the page', () => {
  it.each([
    [
      'cocks his head',
      'Giles cocks his head at the noise. Buffy cocks her head too, then cocked an eyebrow.',
    ],
    [
      'come inside',
      '"Come inside, it\'s cold," Giles said. Buffy came inside the house and came into the kitchen.',
    ],
    [
      'get on his ass',
      'Xander told Buffy to get on his ass about the homework. She made her entrance at noon.',
    ],
  ])('does not raise the rating for an idiom or another word sense: %s', async (_, text) => {
    const analysis = await analyse(text);
    expect(analysis.rating.inferred).toBe('General Audiences');
  });

  it('does not take gossip that two people slept together for a sex scene', async () => {
    const analysis = await analyse(
      'Willow leaned over the table. "Did you hear? Anya says they slept together," she whispered. Xander choked on his coffee.',
    );
    expect(['General Audiences', 'Teen And Up Audiences']).toContain(analysis.rating.inferred);
  });

  it('rates a graphic sex scene Explicit', async () => {
    const analysis = await analyse(
      'Buffy pulled Giles onto the bed. She wrapped her hand around his cock and stroked him slowly. He pushed into her, and she came hard, her hips bucking as he thrust deeper.',
    );
    expect(analysis.rating.inferred).toBe('Explicit');
  });

  it('leaves one mild curse at General and rates strong swearing Teen', async () => {
    expect(
      (await analyse('Giles dropped the book. "Damn," he said, and picked it up.')).rating.inferred,
    ).toBe('General Audiences');
    expect((await analyse('Xander hit his thumb. "Fuck," he said. "Fucking hammer."')).rating.inferred).toBe(
      'Teen And Up Audiences',
    );
  });
});
