import { sameFamily } from './background-couples.ts';
import type { Mention } from './characters/mentions.ts';
import type { CharacterCounts } from './characters/resolve.ts';
import { sentenceAround } from './cue-context.ts';
import type { KnownCharacter } from './knowledge.ts';
import type { ChapterText } from './passages.ts';
import { type Relationship, sentencePronouns } from './relationships.ts';

/*
 * A two-hander: a story with two people in it, anyone else named in passing. When a romantic or sexual cue
 * between them is in a sentence that refers to both (`Her hand was warm on his thigh.`), the story is about
 * their romance though no kiss is on the page yet, as fans tag such a vignette with the pair. A cue that
 * leaves one of them out (`his lover's sword`, `better than sex`, `she had fallen in love with the golden
 * youth`) may be about someone the story only tells of, and a gen piece of two friends has such words too.
 */

/** Named this often or less, someone is a name in passing, not a third person in the story. */
const IN_PASSING = 1;

/**
 * The romance of the story's only two people, when one of its cues refers to both of them: by name, or by
 * pronoun when the two are of different genders (`her` and `his` can then be no one else). Never family
 * (one surname) nor a child.
 */
export function twoHanderRomance(
  scored: readonly Relationship[],
  counts: ReadonlyMap<KnownCharacter, CharacterCounts>,
  texts: readonly ChapterText[],
  children: ReadonlySet<KnownCharacter>,
): Relationship | undefined {
  const cast: KnownCharacter[] = [];
  for (const [character, entry] of counts) if (entry.total > IN_PASSING) cast.push(character);
  if (cast.length !== 2 || cast.some((member) => children.has(member)) || sameFamily(cast)) return undefined;
  const pair = scored.find(
    (relationship) =>
      relationship.kind === 'romantic' &&
      relationship.members.length === 2 &&
      relationship.members.every((member) => cast.includes(member)),
  );
  if (!pair) return undefined;
  const mentions = cast.flatMap((member) => counts.get(member)?.mentions ?? []);
  return pair.evidence.some(
    (evidence) => evidence.source === 'text' && refersToBoth(texts, evidence, pair.members, mentions),
  )
    ? pair
    : undefined;
}

function refersToBoth(
  texts: readonly ChapterText[],
  cue: { chapter: number; start: number; end: number },
  members: readonly KnownCharacter[],
  mentions: readonly Mention[],
): boolean {
  const text = texts[cue.chapter - 1]?.text ?? '';
  const { before, after } = sentenceAround(text, cue.start, cue.end);
  const start = cue.start - before.length;
  const end = cue.end + after.length;
  const named = new Set(
    mentions
      .filter((mention) => mention.chapter === cue.chapter && mention.start >= start && mention.end <= end)
      .map((mention) => mention.character),
  );
  const [first, second] = members as [KnownCharacter, KnownCharacter];
  if (named.has(first) && named.has(second)) return true;
  // Two of one gender told apart by pronouns only is a guess: `Ethan looked at his hands` is his own.
  if (first.gender === second.gender) return false;
  const pronouns = sentencePronouns(text, start, end);
  const referred = (member: KnownCharacter) =>
    named.has(member) ||
    ((member.gender === 'female' || member.gender === 'male') && pronouns[member.gender]);
  return referred(first) && referred(second);
}
