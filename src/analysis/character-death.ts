import type { Evidence } from '../ingest/story.ts';
import type { CharacterCounts } from './characters/resolve.ts';
import { inDialogue, notHappening, sentenceAround } from './cue-context.ts';
import { deathScene, lastNamed } from './death-scene.ts';
import type { KnownCharacter } from './knowledge.ts';
import { type ChapterText, type CueHit, passageEvidence } from './passages.ts';

// Cues that say someone died, not that something is dead (vampires are dead all the time) or dusted.
const STRONG_DEATH =
  /^(?:["“]dead[,.!]["”]|what was left of|died|dies|killed(?: her| him| them)?|funeral|murdered|corpse|dead body|(?:she|he)['’]s gone|stopped breathing|no pulse|last breath|lifeless|mourn(?:ed|ing)?|never woke|passed away|grave(?:side|stone)|coffin|rest in peace|(?:was|is|'s|’s) dead|bled to death|didn['’]t take another|(?:breathed|drew) (?:her|his) last|(?:wasn['’]t|isn['’]t|not) breathing|no heartbeat)$/i;

/**
 * A named character's death that stands in the story: a death word against the character's name or a
 * pronoun that can only be theirs; else death words near the name within one scene, or a death scene
 * written without them (death-scene.ts). Not a death before the story, known, dreamed or recapped, and not
 * one the character speaks or acts after in a later scene (undone, faked, never one).
 */
export function findCharacterDeath(
  texts: readonly ChapterText[],
  hits: readonly CueHit[],
  counts: Map<KnownCharacter, CharacterCounts>,
): Evidence[] | null {
  // `thinking Sherlock was dead`, `faked his death`: a death believed or staged is not a death; nor one known
  // from before the story (`he knew that Jenny was dead`), dreamed, or recapped (`Previously on ...: Buffy
  // died.`).
  const believed = (hit: CueHit) => {
    const before = (texts[hit.chapter - 1]?.text ?? '').slice(Math.max(0, hit.start - 45), hit.start);
    return /\b(?:thought|thinking|think|believed|believing|believe|knew|know|knows|known|remember\w*|recall\w*|dream\w*|pretend\w*|fak\w*|presumed|supposed\w*|as if|rumou?r\w*|if|previously|recap)\b/i.test(
      before,
    );
  };
  // A death told as happening in the story (`She's dead,` said over her is one): not negated or
  // hypothetical, not a killing told in the past perfect (`John had killed men in the war`).
  const passive = (hit: CueHit) =>
    /\b(?:was|were|been|got|get|be|is|are)\s+$/i.test(
      (texts[hit.chapter - 1]?.text ?? '').slice(Math.max(0, hit.start - 8), hit.start),
    );
  const deathWords = hits.filter((hit) => hit.kind === 'death');
  if (deathWords.length === 0) return null;
  const deathHits = deathWords.filter((hit) => {
    if (!STRONG_DEATH.test(hit.match) || believed(hit)) return false;
    const text = texts[hit.chapter - 1]?.text ?? '';
    const { before } = sentenceAround(text, hit.start, hit.end);
    // `She's gone.` said over someone as a sentence of its own, not `then she's gone, leaving him alone` or
    // `care that she's gone`.
    if (/gone$/i.test(hit.match) && !(/^[.!"”]/.test(text.charAt(hit.end)) && /^\s*["“]?$/.test(before)))
      return false;
    if (notHappening(text, hit.start, hit.end, before) || NOT_A_DEATH.test(before)) return false;
    // `She had already died once`, `Fred died in this building, ten days ago`: a death before the story, not
    // in it.
    if (
      BEFORE_THE_STORY.test(before) ||
      /^\s+(?:once|twice|before)\b/i.test(text.slice(hit.end, hit.end + 8)) ||
      DATED_BEFORE.test(sentenceAround(text, hit.start, hit.end).after)
    )
      return false;
    // `Not breathing, of course, but still alive`: a vampire.
    if (/\balive\b/i.test(sentenceAround(text, hit.start, hit.end).after)) return false;
    // A question (`What killed him?`, `as she died?`) asks; it does not tell.
    if (/^[^.!\n]*\?/.test(text.slice(hit.end, hit.end + 200))) return false;
    // Someone who is not a named character: `his father had died`, `the spell was dead`, `It was dead`,
    // `the moon's daughter dies`, and the speaker's `I died again, in the dream`.
    if (!KILLING.test(hit.match) && NOT_A_CHARACTER.test(before)) return false;
    return !(/^(?:killed|murdered)/i.test(hit.match) && /\b(?:had|['’]d)\b/i.test(before));
  });
  // Death words that tie to a character by nearness alone, not by a name or pronoun right against them. Not
  // `how many vampires she killed` (a Slayer kills every night: only someone killed is a death), and not
  // speech, which tells of deaths past and to come (`He died well`, `she dies for the greater good`); what
  // is said over a body is in the present (`She's dead`, `You killed her`, `He isn't breathing`).
  const nearby = deathHits.filter(
    (hit) =>
      !(/^(?:killed|murdered)$/i.test(hit.match) && !passive(hit)) &&
      !(TOLD.test(hit.match) && inDialogue(texts[hit.chapter - 1]?.text ?? '', hit.start)),
  );
  const totalMentions = [...counts.values()].reduce((sum, entry) => sum + entry.total, 0);
  // Only characters who matter to the story make a death "major".
  const major = [...counts.values()]
    .sort((a, b) => b.total - a.total)
    .filter((entry) => entry.total >= 2 && entry.total >= totalMentions * 0.05);
  const cite = (entry: CharacterCounts, cited: readonly CueHit[]) =>
    cited
      .slice(0, 3)
      .map((hit) => passageEvidence(texts, hit, `death of ${entry.character.name}: ${hit.match}`));
  // The name or pronoun right against a death word first, for every character, then the looser signs: the
  // most named character's funeral nearby is not the death `Fred was dead` tells of someone else.
  for (const entry of major) {
    const tight = tightDeaths(texts, deathHits, counts, entry);
    if (tight.length > 0 && stands(texts, entry, tight)) return cite(entry, tight);
  }
  for (const entry of major) {
    const found = looseDeath(texts, deathWords, nearby, counts, entry);
    if (found && stands(texts, entry, found)) return cite(entry, found);
  }
  return null;
}

/** How far apart the death words of one death may stand: a few paragraphs, one scene. */
const SCENE_SPAN = 2500;

/** Hits within one scene: the largest group in one chapter that fits in SCENE_SPAN. */
function inOneScene(hits: readonly CueHit[]): CueHit[] {
  const sorted = [...hits].sort((a, b) => a.chapter - b.chapter || a.start - b.start);
  let best: CueHit[] = [];
  for (const [index, first] of sorted.entries()) {
    const group = sorted
      .slice(index)
      .filter((hit) => hit.chapter === first.chapter && hit.start - first.start <= SCENE_SPAN);
    if (group.length > best.length) best = group;
  }
  return best;
}

/**
 * The name right against the cue (`Fred died`, `Tara was dead`, `killed Severus Snape`), or a pronoun that
 * can only be them (`She died` after Anya was the last woman named): one is enough.
 */
function tightDeaths(
  texts: readonly ChapterText[],
  deathHits: readonly CueHit[],
  counts: Map<KnownCharacter, CharacterCounts>,
  entry: CharacterCounts,
): CueHit[] {
  return deathHits.filter((hit) => {
    if (!VERY_STRONG_DEATH.test(hit.match)) return false;
    const text = texts[hit.chapter - 1]?.text ?? '';
    // `Angel asked where Wesley was. "Dead," said Illyria.`: the answer is of the one just asked about.
    if (/^["“]/.test(hit.match)) {
      const asked = text.slice(Math.max(0, hit.start - 160), hit.start);
      if (!/\b(?:asked|where|how)\b|\?/i.test(asked)) return false;
      const last = entry.mentions.filter(
        (m) => m.chapter === hit.chapter && m.start >= hit.start - 160 && m.end <= hit.start && !m.inDialogue,
      );
      const anyone = [...counts.values()].flatMap((other) =>
        other.mentions.filter(
          (m) => m.chapter === hit.chapter && m.end <= hit.start && m.start >= hit.start - 160,
        ),
      );
      const latest = anyone.sort((a, b) => b.start - a.start)[0];
      return last.length > 0 && latest?.character === entry.character;
    }
    // `killed` and `murdered` name the killer before them, unless passive (`Tara was killed`).
    const agent = /^(?:killed|murdered)$/i.test(hit.match);
    if (
      entry.mentions.some(
        (m) =>
          m.chapter === hit.chapter &&
          ((m.end <= hit.start &&
            hit.start - m.end <= 12 &&
            (agent
              ? /^\s+(?:was|had been|got)\s+$/.test(text.slice(m.end, hit.start))
              : SUBJECT_GAP.test(text.slice(m.end, hit.start)))) ||
            (hit.end <= m.start && m.start - hit.end <= 2 && /^\s*$/.test(text.slice(hit.end, m.start)))),
      )
    )
      return true;
    // `she killed` names the killer; only `she was killed` is her death.
    const pronoun =
      (agent ? /\b(she|he)\s+(?:was|is)\s+$/i : /\b(she|he)(?:['’]s)?\s+(?:was\s+|is\s+)?$/i).exec(
        text.slice(Math.max(0, hit.start - 12), hit.start),
      ) ??
      /^killed (her|him)$/i.exec(hit.match) ??
      /^(she|he)['’]s gone$/i.exec(hit.match);
    if (!pronoun) return false;
    const gender = /^(?:she|her)$/i.test(pronoun[1] as string) ? 'female' : 'male';
    // In speech, the one called by name (`"Rupert. Did it work?" "He's dead."`) is spoken to, not of.
    const speech = inDialogue(text, hit.start);
    const named = lastNamed(counts, hit.chapter, hit.start, gender, speech);
    if (named?.character !== entry.character) return false;
    // `her grandfather never missed a Sunday. He died...`: a person named by a noun since stands nearer.
    if (PERSON_NOUN.test(text.slice(named.end, hit.start))) return false;
    // Speech tells deaths past (`"He died well, Buffy,"` of someone the speakers know): only a death said
    // over someone now (`"She's dead."`, `"You killed her."`), or the answer to where they are (`"Where's
    // Anya?" ... "She died,"`), counts.
    if (speech && !PRESENT_DEATH.test(hit.match))
      return hit.start - named.end <= 200 && text.slice(named.end, hit.start).includes('?');
    return true;
  });
}

/**
 * Death words near the name, the possessive (`Fred's corpse`), or the signs of a death scene, within one
 * scene.
 */
function looseDeath(
  texts: readonly ChapterText[],
  hits: readonly CueHit[],
  nearby: readonly CueHit[],
  counts: Map<KnownCharacter, CharacterCounts>,
  entry: CharacterCounts,
): CueHit[] | null {
  const paragraphOf = (chapter: number, offset: number) => {
    const text = texts[chapter - 1]?.text ?? '';
    return `${chapter}:${text.lastIndexOf('\n\n', offset)}`;
  };
  const paragraphs = new Set(entry.mentions.map((mention) => paragraphOf(mention.chapter, mention.start)));
  // `She's gone` ties to nobody by nearness: only a pronoun that can be theirs makes it their death.
  // `Giles knew that Jenny was dead`: the death is the name before it, not the name nearby.
  const ownSubject = (hit: CueHit) => {
    const text = texts[hit.chapter - 1]?.text ?? '';
    const from = Math.max(0, hit.start - 40);
    const subject = /(\p{Lu}[\p{L}'’-]*)\s+(?:(?:had|has|just|finally|then)\s+)*$/u.exec(
      text.slice(from, hit.start),
    );
    if (subject && /^(?:he|she)$/i.test(subject[1] as string)) {
      // `Fred was dead. He had died laughing`, with George named nearby: `he` is Fred.
      const gender = /^she$/i.test(subject[1] as string) ? 'female' : 'male';
      return lastNamed(counts, hit.chapter, hit.start, gender)?.character === entry.character;
    }
    if (!subject || /^they$/i.test(subject[1] as string)) return true;
    const at = from + subject.index;
    return entry.mentions.some(
      (mention) => mention.chapter === hit.chapter && mention.start <= at && mention.end > at,
    );
  };
  const close = nearby.filter(
    (hit) =>
      ownSubject(hit) &&
      !/gone$/i.test(hit.match) &&
      // A cemetery's stones and coffins are where a vampire story happens, and a funeral is someone's
      // (`Joyce's funeral`, tied above), not the death of whoever is named nearby.
      !SCENERY.test(hit.match) &&
      entry.mentions.some(
        (mention) => mention.chapter === hit.chapter && Math.abs(mention.start - hit.start) < 120,
      ),
  );
  // `Fred's corpse`, `Tara's grave`: the possessive ties the cue to the character (not `Xander's body`, which
  // is as alive as he is).
  const possessed = hits.some((hit) => /^(?:corpse|grave|funeral|coffin)$/i.test(hit.match));
  for (const mention of possessed ? entry.mentions : []) {
    const text = texts[mention.chapter - 1]?.text ?? '';
    const after = /^['’]s (?:corpse|grave|funeral|coffin)\b/.exec(text.slice(mention.end, mention.end + 12));
    if (after)
      close.push({
        kind: 'death',
        weight: 2,
        chapter: mention.chapter,
        start: mention.start,
        end: mention.end + after[0].length,
        match: after[0],
      });
  }
  const sameParagraph = nearby.filter(
    (hit) => ownSubject(hit) && paragraphs.has(paragraphOf(hit.chapter, hit.start)),
  );
  // The name near several death words in one scene, or the possessive (`Fred's body`) with more in the
  // paragraphs around: not death words scattered over a long story wherever the most named character is.
  const closeScene = inOneScene(close);
  if (closeScene.length >= 2) return closeScene;
  const around = inOneScene([...close, ...sameParagraph]);
  if (closeScene.length >= 1 && around.length >= 4) return around;
  return deathScene(texts, hits, counts, entry, sameParagraph);
}

/**
 * A death that stands in the story: the character does not speak or act after it (`said Sherlock` in the
 * epilogue, `Angel transformed`), outside memories and dreams. A death undone, faked or never one.
 */
function stands(texts: readonly ChapterText[], entry: CharacterCounts, death: readonly CueHit[]): boolean {
  const last = death.reduce((a, b) =>
    b.chapter > a.chapter || (b.chapter === a.chapter && b.start > a.start) ? b : a,
  );
  const lastText = texts[last.chapter - 1]?.text ?? '';
  const paragraphEnd = lastText.indexOf('\n\n', last.end);
  const after = paragraphEnd === -1 ? lastText.length : paragraphEnd;
  return !entry.mentions.some((mention) => {
    if (mention.chapter < last.chapter || (mention.chapter === last.chapter && mention.start < after))
      return false;
    const text = texts[mention.chapter - 1]?.text ?? '';
    // Last words in the scene of the death (`Snape whispered` after `Voldemort killed Snape`) are dying, not
    // living on: only a later scene (a later chapter, a scene break, or pages on) undoes a death.
    if (
      mention.chapter === last.chapter &&
      mention.start - last.end < SCENE_SPAN &&
      !SCENE_BREAK.test(text.slice(last.end, mention.start))
    )
      return false;
    if (inDialogue(text, mention.start)) return false;
    const acts =
      ACTS.test(text.slice(mention.end, mention.end + 40)) ||
      /\b(?:said|asked|replied|answered|whispered|shouted|called)\s+$/i.test(
        text.slice(Math.max(0, mention.start - 12), mention.start),
      );
    if (!acts) return false;
    const paragraphStart = text.lastIndexOf('\n\n', mention.start);
    const paragraph = text.slice(paragraphStart + 1, mention.start + 80);
    return !REMEMBERED.test(paragraph);
  });
}

// A line of its own between scenes: `~`, `* * *`, `Epilogue`, `Later`.
const SCENE_BREAK =
  /\n\n[ \t]*(?:[~*#=o-][ ~*#=o-]*|epilogue|prologue|later|part \w+|(?:two|three|six|ten|many|some) (?:days|weeks|months|years) later\b[^\n]*)[ \t]*\n/i;

// What a living character does: speech, a look, a move.
const ACTS =
  /^(?:\s+(?:\p{Lu}[\p{L}'’-]*\s+)?(?:(?:\w+ly|just|then|still|slowly)\s+)?(?:said|says|asked|asks|replied|answered|smiled|smiles|grinned|grins|laughed|laughs|nodded|nods|shrugged|sighed|looked|looks|turned|turns|walked|walks|stood|stands|sat|sits|took|takes|pulled|pulls|reached|reaches|opened|opens|came|comes|went|goes|put|puts|ran|runs|kissed|kisses|grabbed|pushed|stepped|leaned|glanced|stared|watched|whispered|shouted|murmured|transformed|raised|picked|handed|hugged|touched|winked|frowned|rolled)\b)/u;
// A paragraph that is a memory, a dream or a likeness, where the dead still speak.
const REMEMBERED =
  /\b(?:remember\w*|memor(?:y|ies)|recall\w*|dream\w*|used to|photo\w*|picture|ghost|spirit|vision|imagin\w*|once|years ago|back then)\b/i;

// A death said over someone now, not told of the past.
const PRESENT_DEATH =
  /^(?:killed (?:her|him)|(?:is|'s|’s) dead|(?:she|he)['’]s gone|(?:wasn['’]t|isn['’]t|not) breathing|no heartbeat)$/i;

// The subject right before a death word is a common noun, a thing or the speaker, not a named character.
const NOT_A_CHARACTER =
  /(?:\b(?:the|a|an|his|her|their|its|my|your|our)\s+(?:\p{Ll}[\p{L}-]*\s+){1,2}(?:(?:had|has|just|finally|then|already)\s+)*$|\b(?:father|mother|mom|mum|dad|parents?|grandfather|grandmother|grandma|grandpa|gran|brother|sister|son|daughter|uncle|aunt|cousin|wife|husband|friend|man|woman|boy|girl|child|kid|baby|people|men|women|watcher|slayer|vampire|demon|thing|spell|place|it|i|you|we|that|this|what|which|nothing|no one|nobody|everyone|everybody|someone|somebody)\s+(?:(?:had|has|have|just|finally|then|nearly|almost|already|once|\w+ly)\s+)*)$/iu;

const PERSON_NOUN =
  /\b(?:father|mother|mom|mum|dad|grandfather|grandmother|grandma|grandpa|gran|brother|sister|son|daughter|uncle|aunt|cousin|wife|husband|man|woman|boy|girl|watcher)\b/i;

const KILLING = /^(?:killed|murdered)/i;
const TOLD = /^(?:died|dies|passed away|mourn(?:ed|ing)?|funeral|rest in peace|killed|murdered)$/i;
// A death that is a likeness or a might-have-been: `felt like she was dead`, `could have killed him`,
// `he'd have fought until the moment he died`, `whatever it was that killed her eventually`.
const NOT_A_DEATH =
  /\b(?:(?:felt|feel|feels|looked|look|looks|seemed|seems) like|(?:could|may|must|to|['’]d) have|whatever|until the moment)\b/i;
const SCENERY = /^(?:grave(?:side|stone)?|coffin|funeral)$/i;
// `ten days ago`, `last spring`, `years before`: a time before the story's now.
const DATED_BEFORE =
  /\b(?:ago|last (?:week|month|year|spring|summer|winter|autumn|fall|christmas)|(?:years|months|weeks|days) (?:before|earlier))\b/i;
// `had already died`, `'d once been killed`: before the story.
const BEFORE_THE_STORY = /\b(?:had|['’]d)\s+(?:(?:already|once|twice|before|previously)\s+)+(?:been\s+)?$/i;

// Between a name and its own death only small words stand (`Fred died`, `Tara had died`, `Anya, who died`),
// not another verb and name (`Buffy said Gran was dead`).
const SUBJECT_GAP = /^[\s,]*(?:(?:who|had|has|just|finally|then|nearly|almost|suddenly|quietly)\s+)*$/i;

const VERY_STRONG_DEATH =
  /^(?:["“]dead[,.!]["”]|what was left of|(?:she|he)['’]s gone|didn['’]t take another|(?:breathed|drew) (?:her|his) last|died|killed(?: her| him)?|(?:was|is|'s|’s) dead|murdered|passed away|bled to death)$/i;
