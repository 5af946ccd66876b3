import type { Evidence } from '../ingest/story.ts';
import type { CharacterCounts } from './characters/resolve.ts';
import { inDialogue, NOT_HAPPENING, sentenceAround } from './cue-context.ts';
import type { KnownCharacter } from './knowledge.ts';
import { type ChapterText, type CueHit, passageEvidence } from './passages.ts';

// Cues that say someone died, not that something is dead (vampires are dead all the time) or dusted.
const STRONG_DEATH =
  /^(?:died|dies|killed(?: her| him| them)?|funeral|murdered|corpse|dead body|(?:she|he)['’]s gone|stopped breathing|no pulse|last breath|lifeless|mourn(?:ed|ing)?|never woke|passed away|grave(?:side|stone)|coffin|rest in peace|(?:was|is|'s|’s) dead|bled to death|didn['’]t take another|(?:breathed|drew) (?:her|his) last|(?:wasn['’]t|isn['’]t|not) breathing|no heartbeat)$/i;

/** A named character's death: strong death cues close to the character's name or in the paragraphs they are in. */
export function findCharacterDeath(
  texts: readonly ChapterText[],
  hits: readonly CueHit[],
  counts: Map<KnownCharacter, CharacterCounts>,
): Evidence[] | null {
  // `thinking Sherlock was dead`, `faked his death`: a death believed or staged is not a death.
  const believed = (hit: CueHit) => {
    const before = (texts[hit.chapter - 1]?.text ?? '').slice(Math.max(0, hit.start - 45), hit.start);
    return /\b(?:thought|thinking|think|believed|believing|believe|pretend\w*|fak\w*|presumed|supposed\w*|as if|rumou?r\w*|if)\b/i.test(
      before,
    );
  };
  // A death told as happening in the story (`She's dead,` said over her is one): not negated or
  // hypothetical, not a killing told in the past perfect (`John had killed men in the war`).
  const passive = (hit: CueHit) =>
    /\b(?:was|were|been|got|get|be|is|are)\s+$/i.test(
      (texts[hit.chapter - 1]?.text ?? '').slice(Math.max(0, hit.start - 8), hit.start),
    );
  const deathHits = hits.filter((hit) => {
    if (hit.kind !== 'death' || !STRONG_DEATH.test(hit.match) || believed(hit)) return false;
    const text = texts[hit.chapter - 1]?.text ?? '';
    const { before } = sentenceAround(text, hit.start, hit.end);
    // `She's gone.` said over someone as a sentence of its own, not `then she's gone, leaving him alone` or
    // `care that she's gone`.
    if (/gone$/i.test(hit.match) && !(/^[.!"”]/.test(text.charAt(hit.end)) && /^\s*["“]?$/.test(before)))
      return false;
    if (NOT_HAPPENING.test(before) || NOT_A_DEATH.test(before)) return false;
    // `Not breathing, of course, but still alive`: a vampire.
    if (/\balive\b/i.test(sentenceAround(text, hit.start, hit.end).after)) return false;
    // A question (`What killed him?`, `as she died?`) asks; it does not tell.
    if (/^[^.!\n]*\?/.test(text.slice(hit.end, hit.end + 200))) return false;
    // Someone who is not a named character: `his father had died`, `the spell was dead`, `It was dead`,
    // `the moon's daughter dies`, and the speaker's `I died again, in the dream`.
    if (!KILLING.test(hit.match) && NOT_A_CHARACTER.test(before)) return false;
    return !(/^(?:killed|murdered)/i.test(hit.match) && /\b(?:had|['’]d)\b/i.test(before));
  });
  if (deathHits.length === 0) return null;
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
  const paragraphOf = (chapter: number, offset: number) => {
    const text = texts[chapter - 1]?.text ?? '';
    return `${chapter}:${text.lastIndexOf('\n\n', offset)}`;
  };
  for (const entry of [...counts.values()].sort((a, b) => b.total - a.total)) {
    // Only characters who matter to the story make a death "major".
    if (entry.total < 2 || entry.total < totalMentions * 0.05) continue;
    const paragraphs = new Set(entry.mentions.map((mention) => paragraphOf(mention.chapter, mention.start)));
    // `She's gone` ties to nobody by nearness: only a pronoun that can be theirs makes it their death.
    // `Giles knew that Jenny was dead`: the death is the name before it, not the name nearby.
    const ownSubject = (hit: CueHit) => {
      const text = texts[hit.chapter - 1]?.text ?? '';
      const from = Math.max(0, hit.start - 40);
      const subject = /(\p{Lu}[\p{L}'’-]*)\s+(?:(?:had|has|just|finally|then)\s+)*$/u.exec(
        text.slice(from, hit.start),
      );
      if (!subject || /^(?:he|she|they)$/i.test(subject[1] as string)) return true;
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
    for (const mention of entry.mentions) {
      const text = texts[mention.chapter - 1]?.text ?? '';
      const after = /^['’]s (?:corpse|grave|funeral|coffin)\b/.exec(
        text.slice(mention.end, mention.end + 12),
      );
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
    // The name right against the cue (`Fred died`, `Tara was dead`, `killed Severus Snape`), or a pronoun
    // that can only be them (`She died` after Anya was the last woman named): one is enough.
    const tight = deathHits.filter((hit) => {
      if (!VERY_STRONG_DEATH.test(hit.match)) return false;
      // `killed` and `murdered` name the killer before them, unless passive (`Tara was killed`).
      const text = texts[hit.chapter - 1]?.text ?? '';
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
      const named = lastNamed(counts, hit.chapter, hit.start, gender);
      // `her grandfather never missed a Sunday. He died...`: a person named by a noun since stands nearer.
      return named?.character === entry.character && !PERSON_NOUN.test(text.slice(named.end, hit.start));
    });
    if (tight.length > 0)
      return tight
        .slice(0, 3)
        .map((hit) => passageEvidence(texts, hit, `death of ${entry.character.name}: ${hit.match}`));
    // The name near several death cues, or the possessive (`Fred's body`), with more in the paragraph.
    if (close.length >= 2 || (close.length >= 1 && sameParagraph.length >= 3) || sameParagraph.length >= 4) {
      const cited = close.length > 0 ? close : sameParagraph;
      return cited
        .slice(0, 3)
        .map((hit) => passageEvidence(texts, hit, `death of ${entry.character.name}: ${hit.match}`));
    }
  }
  return null;
}

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

// Between a name and its own death only small words stand (`Fred died`, `Tara had died`, `Anya, who died`),
// not another verb and name (`Buffy said Gran was dead`).
const SUBJECT_GAP = /^[\s,]*(?:(?:who|had|has|just|finally|then|nearly|almost|suddenly|quietly)\s+)*$/i;

const VERY_STRONG_DEATH =
  /^(?:(?:she|he)['’]s gone|didn['’]t take another|(?:breathed|drew) (?:her|his) last|died|killed(?: her| him)?|(?:was|is|'s|’s) dead|murdered|passed away|bled to death)$/i;

/** The character of a gender named last before an offset in a chapter, to resolve `she` and `he`. */
function lastNamed(
  counts: Map<KnownCharacter, CharacterCounts>,
  chapter: number,
  offset: number,
  gender: 'female' | 'male',
): { character: KnownCharacter; end: number } | null {
  let best: { character: KnownCharacter; end: number } | null = null;
  let bestAt = -1;
  for (const entry of counts.values()) {
    if (entry.character.gender !== gender) continue;
    for (const mention of entry.mentions) {
      if (mention.chapter === chapter && mention.start < offset && mention.start > bestAt) {
        best = { character: entry.character, end: mention.end };
        bestAt = mention.start;
      }
    }
  }
  return best;
}
