import { describe, expect, it } from 'vitest';
import { readText } from '../../test/helpers.ts';
import { loadKnowledge } from './packs/pack.loader.ts';
import { scanCues } from './passages.ts';
import { abstainUnlessRead } from './rating.ts';
import { tagWork } from './tag-work.ts';

const knowledge = loadKnowledge();
// A quiet paragraph after each fixture, so that it is long enough to be rated at all.
const QUIET =
  'The library was quiet that afternoon. Dust drifted through the light from the tall windows, and the ' +
  'clock above the door ticked on. Someone had left a stack of old books on the table by the cage, their ' +
  'spines cracked and their pages soft with age. Outside, the school went about its day, bells and ' +
  'lockers and voices in the hall, and nobody came in.';
const analyse = async (text: string) =>
  tagWork(await readText(`Title: T\nFandom: BtVS\n\n${text}\n\n${QUIET}`), knowledge).analysis;

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
    [
      'thrust into a pocket, went down on one knee',
      'Giles thrust deep into his jacket pockets and waited. Xander went down on one knee to tie his lace.',
    ],
    [
      'let me come talk, made him come back',
      'Buffy would not let me come talk to you. Willow made him come back for the book. It was too small for the naked eye.',
    ],
    ['Gore-Tex', 'Xander zipped up his Gore-Tex jacket and went out into the rain.'],
    [
      'shoulder-cock, cock-up',
      'Xander asked about the shoulder-cock mechanism of the crossbow. Giles called the plan a cock-up.',
    ],
    [
      'sex as gender',
      'Willow read up on the sex change spell. A sex-change, she told Giles, wore off in a week, and the sex swap curse sooner.',
    ],
    [
      'a brand',
      "Xander wore a team-branded jacket and Minions-branded sunglasses, and the tracksuits were branded as the school's own.",
    ],
    [
      'cum as `with`, raw muscle admired',
      'Giles was her trainer cum translator, in a kitchen-cum-library. Riley flexed, all raw muscle on display.',
    ],
    ['torturing oneself', 'Why torture himself over it? Giles stopped torturing himself and made the tea.'],
    [
      'a body named',
      'Her nipples showed through her wet shirt after the swim, and Buffy pulled on a jumper.',
    ],
  ])('does not raise the rating for an idiom or another word sense: %s', async (_, text) => {
    const analysis = await analyse(text);
    expect(analysis.rating.inferred).toBe('General Audiences');
  });

  it('does not call a story General from the part read when the rest was not read', () => {
    const general = { rating: 'General Audiences' as const, ratingEvidence: [] };
    expect(abstainUnlessRead(general, false).rating).toBe('Not Rated');
    expect(abstainUnlessRead(general, true).rating).toBe('General Audiences');
    const mature = { rating: 'Mature' as const, ratingEvidence: [] };
    expect(abstainUnlessRead(mature, false).rating).toBe('Mature');
  });

  it('rates a sex scene written in short paragraphs Explicit, not three graphic words far apart', async () => {
    const scene = await analyse(
      'She reached for his cock.\n\n"Buffy," Giles said.\n\nShe stroked him slowly.\n\n"Please."\n\nHis erection ached in her hand.\n\n"Now."\n\nHe came with a groan.',
    );
    expect(scene.rating.inferred).toBe('Explicit');
    const apart = await analyse(
      ['Buffy thought about his cock once, and blushed.', QUIET, QUIET, QUIET, QUIET, QUIET].join('\n\n') +
        '\n\nGiles woke with an erection and ignored it.\n\n' +
        [QUIET, QUIET, QUIET, QUIET, QUIET].join('\n\n') +
        '\n\nLater she had her first orgasm alone, and told nobody.',
    );
    expect(apart.rating.inferred).not.toBe('Explicit');
  });

  it('reads "fucked him up" as strong language, not sex', async () => {
    const analysis = await analyse(
      'Giles sat in the dark. The war had fucked him up, and nothing could fix it.',
    );
    expect(analysis.rating.inferred).toBe('Teen And Up Audiences');
  });

  it('does not take sex words said in dialogue for a sex scene on the page', async () => {
    const analysis = await analyse(
      '"You\'re a cunt," Xander told Spike. "Please," Anya said, "like you haven\'t enjoyed the orgasms." Giles cleaned his glasses.',
    );
    expect(analysis.rating.inferred).toBe('Teen And Up Audiences');
  });

  it('rates frank sexual talk Mature, not an insult or one crude remark', async () => {
    const acts = await analyse(
      '"Remember the blowjob in the car?" Xander asked. "You sucked cock like you were paid for it," Spike said.',
    );
    expect(acts.rating.inferred).toBe('Mature');
    expect(acts.rating.inferredEvidence[0]).toEqual({
      source: 'rule',
      reason: 'frank sexual talk: 2 different sex acts or kinks named in speech',
    });
    const kinks = await analyse('"Spank me," Giles said. "And then the bondage, if you like."');
    expect(kinks.rating.inferred).toBe('Mature');
    const insults = await analyse(
      '"You cock," Xander said. "You utter cunt," Spike said back. "Your dick, mate."',
    );
    expect(insults.rating.inferred).toBe('Teen And Up Audiences');
    const remark = await analyse('"Was that a blowjob joke?" Willow asked, and Giles cleaned his glasses.');
    expect(['General Audiences', 'Teen And Up Audiences']).toContain(remark.rating.inferred);
  });

  it('rates torture on the page Mature, not a threat or a memory of it', async () => {
    const threat = await analyse(
      '"I will torture you," the demon said. Giles had been tortured once, years ago. Buffy will just torture the truth out of him later.',
    );
    expect(threat.rating.inferred).not.toMatch(/Mature|Explicit/);
    const scene = await analyse('The demon tortured Giles through the night, and Buffy found him at dawn.');
    expect(scene.rating.inferred).toBe('Mature');
  });

  it('still reads someone branded or tortured, and sex after a sex change, as Mature', async () => {
    for (const text of [
      'The demon branded him with the sigil, and held the iron there.',
      'They caught Giles at the docks. The demon branded, burned and tortured him through the night.',
      'The sex change wore off at dawn. That night they had sex on the couch, and the sex was slow.',
    ]) {
      expect((await analyse(text)).rating.inferred).toBe('Mature');
    }
  });

  it('reads nipples played with as sex, and two named in passing as no more than suggestive', async () => {
    expect(
      (await analyse('Giles pinched her nipples, then licked each nipple until Buffy arched.')).rating
        .inferred,
    ).toBe('Mature');
    expect(
      (await analyse('Xander ran his fingers around his nipples. Oz played with one nipple, then the other.'))
        .rating.inferred,
    ).toBe('Mature');
    expect(
      (
        await analyse(
          'The dancers wore pasties over their nipples. Spike had a ring in one nipple, Xander said.',
        )
      ).rating.inferred,
    ).toBe('Teen And Up Audiences');
  });

  it('does not rate gore Teen where it is how someone was last seen, and does where it is seen now', async () => {
    expect(
      (
        await analyse(
          "Giles doesn't look the way Buffy last saw him, bleeding out on the floor of the library.",
        )
      ).rating.inferred,
    ).toBe('General Audiences');
    expect(
      (await analyse('Buffy found Giles bleeding out on the floor of the library.')).rating.inferred,
    ).toBe('Teen And Up Audiences');
  });

  it('reads an assault rifle, a drug trial and a gutted fan as no force, drugs or gore', () => {
    const kinds = (text: string) => scanCues([{ number: 1, text }]).map((hit) => `${hit.kind}: ${hit.match}`);
    expect(
      kinds(
        'Riley kept a firm grip on his assault rifle. The club was an assault on the senses. Nobody risked a full-on assault.',
      ),
    ).not.toContainEqual(expect.stringMatching(/^force/));
    expect(
      kinds('Wilson had drug trial forms to finish, and the drug companies kept calling.'),
    ).not.toContainEqual(expect.stringMatching(/^drugs/));
    expect(
      kinds(
        'Spike was gutted when they lost. "I\'m gutted," Xander said. The hands had gutted the giant fish.',
      ),
    ).not.toContainEqual(expect.stringMatching(/^violenceGraphic/));
    expect(kinds('The demon gutted him. They assaulted her. Drugs were everywhere.')).toEqual(
      expect.arrayContaining(['violenceGraphic: gutted', 'force: assaulted', 'drugs: Drugs']),
    );
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

  it('rates a scene Explicit that names bodies by whose they are, and coming by how', async () => {
    const analysis = await analyse(
      "Kurt pressed the heel of his hand to the bulge in Blaine's jeans. Blaine's dick was hard against Kurt's hip, and Kurt sucked him off on the couch. Blaine's hips jerk up, and he comes long and hard.",
    );
    expect(analysis.rating.inferred).toBe('Explicit');
  });

  it.each([
    [
      'a name and a title',
      'Xander read Moby Dick on the bus. The rain comes hard, and the answer comes quietly.',
    ],
    [
      'a comer',
      'Buffy waits at the door as he comes in. "Wait until she comes," Giles said. She sucked in a breath.',
    ],
  ])('does not take %s for sex', async (_, text) => {
    expect((await analyse(text)).rating.inferred).toBe('General Audiences');
  });

  it.each([
    [
      'weather, old metal and a tail between the legs',
      'A thick, wet heat came off the Bay. The old ship moaned at anchor, and the wind moaned too. Xander slunk off with his tail between his legs.',
    ],
    [
      'families torn apart, a crush and a broken rib',
      'Buffy dreamed of families torn apart. When Willow was there, her internal organs turned to mush. Giles had broken ribs, and Xander had a broken arm in a cast.',
    ],
  ])('does not read %s as sex or gore', async (_, text) => {
    const analysis = await analyse(text);
    expect(analysis.rating.inferred).toBe('General Audiences');
  });

  it('still reads moaning and gore told of people', async () => {
    const sex = await analyse(
      'Giles moaned her name. She moaned between his thighs, and he gasped her name, his bare chest heaving. He undressed her and she was naked.',
    );
    expect(sex.rating.inferred).toBe('Mature');
    const gore = await analyse(
      'The demon tore the man open. His skull cracked and his throat was torn open, and blood sprayed the wall.',
    );
    expect(gore.rating.inferred).toBe('Mature');
  });

  it('leaves one non-graphic word at General, and rates two of them Teen', async () => {
    const swim = await analyse('Xander swam naked in the lake at dawn, and came out blue with cold.');
    expect(swim.rating.inferred).toBe('General Audiences');
    const two = await analyse('Xander was naked in the lake, and Anya watched him, aroused.');
    expect(two.rating.inferred).toBe('Teen And Up Audiences');
  });

  it('reads a present-tense `fucks him` and a stiff prick as sex, and `fucks him up` or `you prick` as language', async () => {
    const scene = await analyse(
      "When Spike fucks him, Giles grips the sheets. Ethan's gaze lingered on Giles's stiff prick. Giles moaned her name.",
    );
    expect(scene.rating.inferred).toBe('Explicit');
    const language = await analyse('"You prick," Xander said. The war fucks him up, every time.');
    expect(language.rating.inferred).toBe('Teen And Up Audiences');
  });

  it('rates a scene told without its vocabulary, undressing to afterwards, Mature', async () => {
    const analysis = await analyse(
      "Willow was pulling Tara's jumper over her head, laughing, and they made love under the old quilt. Afterwards they lay tangled in the narrow bed.",
    );
    expect(analysis.rating.inferred).toBe('Mature');
  });

  it('reads falling into bed together as sex, not tumbling into bed worn out', async () => {
    const together = await analyse('They fell into bed together that night, naked and laughing.');
    expect(together.rating.inferred).toBe('Mature');
    const tired = await analyse(
      'Giles tumbled into bed after patrol and slept until noon. Buffy fell into bed too, worn out.',
    );
    expect(tired.rating.inferred).toBe('General Audiences');
  });

  it('rates a couple who have sex told in narration Mature, not gossip about it', async () => {
    const told = await analyse(
      'When they have sex now, it is slower, and Giles undressed her by the window. She was naked and laughing.',
    );
    expect(told.rating.inferred).toBe('Mature');
  });

  it.each([
    [
      'a sex scene told in the present tense',
      'Spike slicks him up and slides into him. Giles moans. Spike thrusts, slow, and his balls ache. Giles comes hard, shuddering.',
      'Explicit',
    ],
    [
      'a folder thrust at someone',
      'Giles thrusts the folder at Buffy. She comes home at noon and eases into a chair.',
      'General Audiences',
    ],
    [
      'one kiss, kissed back',
      'Willow kissed Tara on the porch, and Tara kissed her back.',
      'General Audiences',
    ],
    [
      'kisses quarrelled about',
      '"You kissed me," Xander said. "You kissed me back," Anya said. "Nobody is kissing anybody," Giles said.',
      'General Audiences',
    ],
    [
      'kissing told again and again',
      'Willow kissed Tara against the door. Tara kissed her back, slow, and they were kissing until the kettle screamed.',
      'Teen And Up Audiences',
    ],
    [
      'idioms of violence',
      'Xander was killing time at the Bronze, fighting a yawn, a pain in the neck to everyone. He had a shot ' +
        'of whiskey, took a long shot at the pool table, and kicked off his shoes. Willow fought back a smile ' +
        'at the punch bowl, and Giles checked his blood pressure, dressed to kill.',
      'General Audiences',
    ],
    [
      'more idioms of violence: looks shot, food bitten, doors slammed, wound as in wind',
      'Buffy shot Giles a glare and his head shot up. She took a bite of her sandwich and bit her lip. The door ' +
        'slammed. Willow had a panic attack and felt a stab of guilt; she stabbed the elevator button. Too much was ' +
        'at stake. Xander wound his scarf around his neck and wound up at the Bronze, where blood rushed to his ' +
        'cheeks. Giles swept a pile of dust off the desk and put Buffy on speed-dial.',
      'General Audiences',
    ],
    [
      'a back rubbed to the bone, a bone in the sand, a move in for the kill',
      'Her hands traced the confluences of tendon and bone down his back. On the beach a blade of bone jutted up ' +
        'from the sand, and Giles moved in for the kill at the chessboard.',
      'General Audiences',
    ],
    [
      'one gory word mentioned, negated or remembered',
      'Pryce said the man had been stabbed, not beheaded or anything like that. Martha remembered him bleeding ' +
        'out in the ruins, years ago.',
      'General Audiences',
    ],
    [
      'one gory word shown',
      'They found the guard in the alley, face-down, his throat torn open.',
      'Teen And Up Audiences',
    ],
    [
      'a fight told with the same words in their violent sense',
      'Buffy shot the vampire with the crossbow. It bit her arm and slammed her into the wall; she pulled the ' +
        'stake from her wound, stabbed it in the chest, and it exploded into dust. A second one attacked, and ' +
        'she kicked it into the fence.',
      'Teen And Up Audiences',
    ],
    [
      'a fight on the page',
      'The vampire punched Buffy and kicked her into the wall. She fought back, stabbed it with a stake, and ' +
        'it attacked again; she kicked it, punched it, and staked it, and it was dust.',
      'Teen And Up Audiences',
    ],
    [
      'sex as a kind of person or a school subject',
      'Willow read about same-sex marriage and the opposite sex for her sex ed essay, then about sex appeal.',
      'General Audiences',
    ],
    [
      'undressing oneself, for bed and for a swim',
      'Xander undressed for bed. In the morning he undressed for a swim, and undressed again after it.',
      'General Audiences',
    ],
    [
      'gore told in the present tense',
      'The demon slits his throat. Blood sprays the wall, a bone snaps under its hand, and his flesh tears.',
      'Mature',
    ],
    [
      'a fight threatened in speech',
      '"I will kill you," Buffy said. "I will stab you, punch you, kick you, stake you, and kill you again." ' +
        '"You and whose sword?" Spike said. "You could not fight a kitten, let alone attack me."',
      'General Audiences',
    ],
    [
      'one graphic word named in passing',
      'Xander woke with an erection, groaned, and went to take a very cold shower before patrol.',
      'Teen And Up Audiences',
    ],
    [
      'drugs taken on the page',
      'Spike snorted a line of coke off the table. By midnight he was high on something else, and stoned by dawn.',
      'Mature',
    ],
    [
      'a laugh, a soft drink and medicine',
      'Buffy snorted. "Coke?" she asked, and handed him a Coke. Giles took his pills with water and said drugs were bad.',
      'General Audiences',
    ],
    [
      'a kink scene',
      'She tied him to the bed and took the flogger from the drawer. He knew the safeword and did not use it.',
      'Mature',
    ],
    [
      'manacles and a whip used on someone',
      'Buffy fastened the manacles around his wrists and took the leather whip from the box. She whipped him until he begged.',
      'Mature',
    ],
    [
      'the wind, a quick mind, a party whip and kinky hair',
      'The wind whipped her hair around, and Buffy whipped her head around to look. Willow was whip-smart. ' +
        'The party whip counted the votes. Anya tugged at her kinky hair. The guards led the prisoner out in manacles.',
      'General Audiences',
    ],
    [
      'kneeling, a collar and a sandwich',
      'Giles was on his knees by the shelf, his collar undone, a sub from the deli in his hand, the dominant voice in the room.',
      'General Audiences',
    ],
    [
      'force in a fight, not in sex',
      'The vampire pinned him down in the alley and held him down. Buffy pulled it off him and it ran.',
      'General Audiences',
    ],
  ])('rates %s by what is on the page', async (_, text, rating) => {
    expect((await analyse(text)).rating.inferred).toBe(rating);
  });

  it('leaves one mild curse at General and rates strong swearing Teen', async () => {
    expect(
      (await analyse('Giles dropped the book. "Damn," he said, and picked it up.')).rating.inferred,
    ).toBe('General Audiences');
    expect((await analyse('Xander hit his thumb. "Fuck," he said. "Fucking hammer."')).rating.inferred).toBe(
      'Teen And Up Audiences',
    );
  });

  it('rates strong language Teen in its compounds too, not the words it is part of', async () => {
    expect((await analyse('"That is bullshit," Xander said. "Total horseshit."')).rating.inferred).toBe(
      'Teen And Up Audiences',
    );
    expect(
      (await analyse('"Bull," Xander said, and the horse shied at a dip in the road. Giles ate a shiitake.'))
        .rating.inferred,
    ).toBe('General Audiences');
  });

  it('leaves mild curses at General however often they come, and rates strong ones Teen', async () => {
    const mild =
      'Giles dropped the book. "Damn," he said. Later the kettle boiled over. "Bloody hell." Xander broke the ' +
      'cup. "Bugger," he said. "You bastard of a cup." Anya said the cup was a git, and damned it.';
    expect((await analyse(mild)).rating.inferred).toBe('General Audiences');
    expect((await analyse(`${mild} "Shit," Xander said.`)).rating.inferred).toBe('Teen And Up Audiences');
  });

  it('says which measure decided the rating, before the passages that show it', async () => {
    const analysis = await analyse('Xander hit his thumb. "Fuck," he said. "Fucking hammer."');
    expect(analysis.rating.inferredEvidence[0]).toEqual({
      source: 'rule',
      reason: 'strong language: 2 words counted',
    });
    expect(analysis.rating.inferredEvidence.slice(1).map((evidence) => evidence.source)).toContain('text');
  });

  it('does not raise the rating for grief, a funeral or the dead talked about', async () => {
    const analysis = await analyse(
      'Their grandmother had died in the spring. At the funeral the sisters stood by the grave, and the old ' +
        'man who had mourned her longest said the dead stay dead. Later the younger one asked whether Gran was ' +
        'buried near the oak, and whether the dead could hear.',
    );
    expect(analysis.rating.inferred).toBe('General Audiences');
  });
});

describe('archive warnings from what happens in the story, not what is mentioned', () => {
  const warningsOf = async (text: string) => (await analyse(text)).inferredWarnings;
  const sex =
    'Later Buffy pulled Giles onto the bed and wrapped her hand around his cock, and he pushed into her until she came hard.';

  it('does not take an aching body for a corpse', async () => {
    expect(
      await warningsOf(
        'Buffy woke at noon. Her body ached from patrol. Buffy groaned, and Giles brought her tea.',
      ),
    ).not.toContain('Major Character Death');
  });

  it('does not take a killing in the past perfect for a death in the story', async () => {
    expect(
      await warningsOf(
        'Giles cleaned his glasses. Giles had killed men in the war, long ago. Giles had killed before. Buffy watched him.',
      ),
    ).not.toContain('Major Character Death');
  });

  it('does not pin a death on the one who tells of it', async () => {
    const warnings = await warningsOf(
      'Buffy sat on the porch with Dawn in the long afternoon, and Buffy told her about the old neighbour. ' +
        'Xander came by later. Buffy said Gran was dead. Dawn nodded.',
    );
    expect(warnings).not.toContain('Major Character Death');
  });

  it.each([
    [
      'a pronoun after a nearer person',
      'Giles read the letter. Her grandfather never missed a Sunday. He died on a Wednesday.',
    ],
    [
      'a Slayer killing',
      'Giles wrote down how many vampires she killed. Buffy killed four tonight and Buffy went home.',
    ],
    ['an idiom', 'Buffy laughed. The noise died down, and Buffy left the Bronze. The place was dead quiet.'],
    ['a likeness', 'Buffy sat alone. Buffy felt like she was dead. Giles made tea.'],
    ['a question', 'Xander looked at the slab. "What killed him?" Xander asked. Giles shrugged.'],
    ['a funeral seen', 'Buffy stood by the coffin. The funeral began. Buffy watched Giles.'],
    [
      'someone else named before the word',
      'Giles knew that Jenny was dead. Giles knew that Ethan was dead. Giles woke.',
    ],
  ])('does not pin a death on a nearby name: %s', async (_, text) => {
    expect(await warningsOf(text)).not.toContain('Major Character Death');
  });

  it('finds a named character killed by name', async () => {
    expect(
      await warningsOf(
        'Kennedy turned to run. Kennedy was too slow. Buffy watched from the doorway when Faith killed Kennedy.',
      ),
    ).toContain('Major Character Death');
  });

  it('finds the death of a named character on the page', async () => {
    expect(
      await warningsOf(
        "The fight was over. Buffy knelt beside Anya in the rubble. Anya died there, in Buffy's arms, before the sun came up.",
      ),
    ).toContain('Major Character Death');
  });

  it('does not warn Underage Sex for an age far from any sex scene', async () => {
    const memory = 'Buffy remembered the summer when she was fifteen, and her fifteen-year-old sister Dawn.';
    expect(await warningsOf(`${memory}\n\nThe years went by.\n\n${sex}`)).not.toContain('Underage Sex');
  });

  it('warns Underage Sex when the scene itself says a character is under 18', async () => {
    expect(await warningsOf(`Dawn was nervous. She was sixteen. ${sex}`)).toContain('Underage Sex');
  });

  it('does not take "forced himself to calm down" or a threat for non-consent', async () => {
    expect(
      await warningsOf(
        `Giles forced himself to calm down. "I know what he did to her," Xander said. "If he touches her again I'll kill him."\n\n${sex}`,
      ),
    ).not.toContain('Rape/Non-Con');
  });

  it('does not take being held down in a consensual scene for non-consent', async () => {
    expect(
      await warningsOf(
        'Buffy held him down and grinned. Giles laughed, and she rode him hard while his cock slid deeper and he moaned her name.',
      ),
    ).not.toContain('Rape/Non-Con');
  });

  it('warns Rape/Non-Con for sex forced on someone who refuses, on the page', async () => {
    expect(
      await warningsOf(
        '"No," Willow said. "Stop. Get off me."\n\nWarren didn\'t stop. He held her down and forced himself on her, against her will.',
      ),
    ).toContain('Rape/Non-Con');
  });

  it('does not warn Graphic Depictions Of Violence for a racing pulse or pain remembered', async () => {
    expect(
      await warningsOf(
        'His blood pumping, Giles kissed her. Nothing compared to bones shattering, he thought, not the pain of broken bones or organs punctured. Not tonight.',
      ),
    ).not.toContain('Graphic Depictions Of Violence');
  });

  it.each([
    [
      'a possibility',
      'Buffy held the scissors. She could slit his throat right here. She could slit his throat and nobody would know. She cut his hair instead.',
    ],
    [
      'a memory',
      'Giles sat by the window. A memory of a pool of blood on the floor, a woman screaming. He remembered the blood gushing from her arm.',
    ],
    [
      'an injury afterwards or an act named by its noun',
      'Four maybe-broken ribs meant Giles winced on the plane. Her friends with broken bones lay in hospital beds. His hand had endured mutilation by Angelus, and the decapitation of a demon was a story he told.',
    ],
  ])('does not warn Graphic Depictions Of Violence for %s', async (_, text) => {
    expect(await warningsOf(text)).not.toContain('Graphic Depictions Of Violence');
  });

  it('does not take rape in the past perfect for non-consent on the page', async () => {
    expect(
      await warningsOf(
        `Xander held Giles, because he'd been tortured and raped by a vampire, then abandoned.\n\n${sex}`,
      ),
    ).not.toContain('Rape/Non-Con');
  });

  it('does not take a fight someone could put up and does not for a refusal', async () => {
    expect(
      await warningsOf(
        "Buffy had him on his back. She held him down while he gasped. He could fight her, if he wanted. But he didn't want to. His cock was hard against her and she rode him.",
      ),
    ).not.toContain('Rape/Non-Con');
  });

  it('warns Graphic Depictions Of Violence for gore on the page', async () => {
    expect(
      await warningsOf(
        'The vampire tore out his throat. Blood sprayed across the wall, and bones snapped as Buffy drove the stake home.\n\nAnother one came. She decapitated it; blood gushed over her boots, a pool of blood spreading.',
      ),
    ).toContain('Graphic Depictions Of Violence');
  });
});
