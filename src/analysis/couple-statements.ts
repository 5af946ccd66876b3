import type { Mention } from './characters/mentions.ts';
import type { KnownCharacter } from './knowledge.ts';
import type { ChapterText } from './passages.ts';

/*
 * Sentences that say two named people are a couple: `Tara, Willow's girlfriend`, `Willow and her girlfriend
 * Tara`, `Giles was dating Miss Calendar`, `Xander had slept with Faith`, `Giles and Jenny had a little boy`,
 * `Giles and Buffy, who were obsessed with each other`, `Willow ... she and Oz were lovers`. A couple in the background
 * of someone else's story is often told this way rather than shown kissing. Only the names next to the
 * words count, so a sentence naming four people says nothing about which two.
 */

export interface CoupleStatement {
  members: [KnownCharacter, KnownCharacter];
  chapter: number;
  start: number;
  end: number;
  /** Said in quoted speech: gossip unless the two are also seen together (see `appearTogether`). */
  inDialogue: boolean;
}

/** The words for someone's partner: not `partner` (a police partner), nor `date` (a day). */
const ROLE =
  '(?:girl-?friend|boy-?friend|wife|husband|fianc[ée]e?|lover|mistress|bride|groom|betrothed|sweetheart|spouse)';
/** Between the two names: `'s girlfriend`, `and her girlfriend`, ` was dating `, ` is married to `. */
const BETWEEN = new RegExp(
  `^(?:['’]s (?:new |former )?${ROLE},? |,? and (?:his|her) (?:new )?${ROLE},? | (?:(?:was|is|had been|has been|’d been|'d been|were) )?(?:still |secretly |now )?(?:dating|engaged to|married to|sleeping with|in love with|going out with|having an affair with|had an affair with|married|proposed to|dated) |(?: had)? slept with )$`,
  'i',
);
/** `B, A's girlfriend`, `B was A's wife`: the role after the second name, the first set beside it. */
const APPOSITION = /^(?:,\s*| (?:was|is|had been|has been|became|['’]s) (?:now |still |already )?)$/;
const ROLE_AFTER = new RegExp(`^['’]s (?:new )?${ROLE}\\b`, 'i');
/** `his fiancée, Anya` after someone named earlier in the sentence: the pronoun is theirs when it fits. */
const PRONOUN_ROLE = new RegExp(`\\b(his|her) (?:new )?${ROLE},? $`, 'i');
/** After `A and B`: what says they are a couple, not two friends walking home, nor their shared house. */
const AND = /^ and $/i;
/** `Willow ... she and Oz were lovers`: the pronoun is the one named before it in the sentence when it fits. */
const PRONOUN_AND = /\b(she|he) and $/i;
const SHARED_BED = /^['’]s? (?:bed|bedroom|wedding|marriage|engagement|anniversary|honeymoon|baby)\b/i;
const COUPLE_AFTER =
  /^,? (?:(?:were|are|’re|'re|had been|have been|’d been|'d been) (?:still |finally |now |already |secretly )?(?:dating|engaged|married|lovers|a couple|an item|together(?! (?:with|in|at|on|for|to))|kissing|making out|making love|sleeping together|in bed together|having sex)|(?:had |have )?(?:got married|got engaged|slept together|made love|had sex|(?:had|have) a (?:baby|son|daughter|little (?:boy|girl)|child)|kissed(?=[.,;!?…]| (?:once|twice|before|again|maybe|a (?:couple|few)|several|many|each other)\b))|who (?:were|are) (?:\w+ ){0,3}(?:in love with|obsessed with|crazy about|mad about) each other)\b/i;
const POSSESSIVE = /^['’]s\b/;
/** Further than this between two names, and no sentence end between them: one statement. */
const REACH = 60;
const SENTENCE_END = /[.!?]\s|\n/;

/** Every statement in the text that two of the named people are a couple, in text order. */
export function findCoupleStatements(
  texts: readonly ChapterText[],
  mentions: readonly Mention[],
): CoupleStatement[] {
  const statements: CoupleStatement[] = [];
  const byChapter = groupByChapter(mentions);
  for (const chapter of texts) {
    const list = byChapter.get(chapter.number) ?? [];
    const text = chapter.text;
    for (let i = 1; i < list.length; i++) {
      const second = list[i] as Mention;
      const first = list[i - 1] as Mention;
      const named = namedCouple(text, first, second);
      const told = named ? undefined : pronounCouple(text, list, i);
      if (named || told) {
        statements.push({
          members: named ?? [told?.partner as KnownCharacter, second.character],
          chapter: chapter.number,
          start: named ? first.start : (told?.start as number),
          end: second.end,
          inDialogue: (named !== undefined && first.inDialogue) || second.inDialogue,
        });
      }
    }
  }
  return statements;
}

/** The couple two mentions next to each other make, by the words between and after them. */
function namedCouple(
  text: string,
  first: Mention,
  second: Mention,
): [KnownCharacter, KnownCharacter] | undefined {
  if (first.character === second.character || second.start - first.end > REACH) return undefined;
  const gap = text.slice(first.end, second.start);
  if (SENTENCE_END.test(gap)) return undefined;
  const after = text.slice(second.end, second.end + REACH);
  const found =
    // `Giles slept with Buffy's letter under his pillow`: the name owns the object, it is not the partner.
    (BETWEEN.test(gap) && !POSSESSIVE.test(after)) ||
    (APPOSITION.test(gap) && ROLE_AFTER.test(after)) ||
    (AND.test(gap) && (COUPLE_AFTER.test(after) || SHARED_BED.test(after)));
  if (found) return [first.character, second.character];
  const both = PRONOUN_AND.exec(gap);
  if (both && first.character.gender === genderOf(both[1] as string) && COUPLE_AFTER.test(after))
    return [first.character, second.character];
  const role = PRONOUN_ROLE.exec(gap);
  if (role && first.character.gender === genderOf(role[1] as string))
    return [first.character, second.character];
  return undefined;
}

/**
 * `because she and Tara had kissed` with no one of that gender named just before the pronoun: it is the last
 * one of its gender the text named, the point of view's `she` that the narration seldom names, unless that is
 * the partner. (`her boyfriend Riley` is left alone: a possessive reaches further back less surely.)
 */
function pronounCouple(
  text: string,
  list: readonly Mention[],
  index: number,
): { partner: KnownCharacter; start: number } | undefined {
  const second = list[index] as Mention;
  const from = Math.max(0, second.start - REACH);
  const before = text.slice(from, second.start);
  const both = PRONOUN_AND.exec(before);
  if (!both || !COUPLE_AFTER.test(text.slice(second.end, second.end + REACH))) return undefined;
  const gender = genderOf(both[1] as string);
  const start = from + both.index;
  for (let j = index - 1; j >= 0; j--) {
    const mention = list[j] as Mention;
    if (mention.start >= start || mention.character.gender !== gender) continue;
    return mention.character === second.character ? undefined : { partner: mention.character, start };
  }
  return undefined;
}

const genderOf = (pronoun: string) => (/^(?:he|his)$/i.test(pronoun) ? 'male' : 'female');

/**
 * Whether the two are named in one paragraph's narration somewhere in the story: on the page together, not
 * only talked about. Gossip about a couple who never appear together is not the story's pairing.
 */
export function appearTogether(
  texts: readonly ChapterText[],
  mentions: readonly Mention[],
  members: readonly [KnownCharacter, KnownCharacter],
): boolean {
  const paragraphs = new Map<KnownCharacter, Set<string>>();
  for (const mention of mentions) {
    if (mention.inDialogue || !members.includes(mention.character)) continue;
    const text = texts[mention.chapter - 1]?.text ?? '';
    const paragraph = `${mention.chapter}:${text.lastIndexOf('\n\n', mention.start)}`;
    const set = paragraphs.get(mention.character) ?? new Set();
    set.add(paragraph);
    paragraphs.set(mention.character, set);
  }
  const [a, b] = [paragraphs.get(members[0]), paragraphs.get(members[1])];
  return !!a && !!b && [...a].some((paragraph) => b.has(paragraph));
}

function groupByChapter(mentions: readonly Mention[]): Map<number, Mention[]> {
  const byChapter = new Map<number, Mention[]>();
  for (const mention of mentions) {
    const list = byChapter.get(mention.chapter) ?? [];
    list.push(mention);
    byChapter.set(mention.chapter, list);
  }
  for (const list of byChapter.values()) list.sort((a, b) => a.start - b.start);
  return byChapter;
}
