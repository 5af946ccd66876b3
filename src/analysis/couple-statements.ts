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
  /^,? (?:(?:were|are|’re|'re|had been|have been|’d been|'d been) (?:still |finally |now |already |secretly )?(?:dating|engaged|married|lovers|a couple|an item|together(?! (?:with|in|at|on|for|to))|kissing|making out|making love|sleeping together|in bed together|having sex)|(?:had |have )?(?:got married|got engaged|slept together|made love|had sex|(?:had|have) a (?:baby|son|daughter|little (?:boy|girl)|child))|who (?:were|are) (?:\w+ ){0,3}(?:in love with|obsessed with|crazy about|mad about) each other)\b/i;
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
      if (first.character === second.character || second.start - first.end > REACH) continue;
      const gap = text.slice(first.end, second.start);
      if (SENTENCE_END.test(gap)) continue;
      const after = text.slice(second.end, second.end + REACH);
      const found =
        // `Giles slept with Buffy's letter under his pillow`: the name owns the object, it is not the partner.
        (BETWEEN.test(gap) && !POSSESSIVE.test(after)) ||
        (APPOSITION.test(gap) && ROLE_AFTER.test(after)) ||
        (AND.test(gap) && (COUPLE_AFTER.test(after) || SHARED_BED.test(after)));
      let pair: [KnownCharacter, KnownCharacter] | undefined = found
        ? [first.character, second.character]
        : undefined;
      if (!pair) {
        const both = PRONOUN_AND.exec(gap);
        const gender = both?.[1]?.toLowerCase() === 'he' ? 'male' : 'female';
        if (both && first.character.gender === gender && COUPLE_AFTER.test(after))
          pair = [first.character, second.character];
      }
      if (!pair) {
        const role = PRONOUN_ROLE.exec(gap);
        const gender = role?.[1]?.toLowerCase() === 'his' ? 'male' : 'female';
        if (role && first.character.gender === gender) pair = [first.character, second.character];
      }
      if (pair) {
        statements.push({
          members: pair,
          chapter: chapter.number,
          start: first.start,
          end: second.end,
          inDialogue: first.inDialogue || second.inDialogue,
        });
      }
    }
  }
  return statements;
}

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
