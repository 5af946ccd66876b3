import type { CoupleStatement } from './couple-statements.ts';
import type { KnownCharacter } from './knowledge.ts';
import type { Relationship } from './relationships.ts';

/*
 * The couples beside the story's own: Willow and Tara kissing in the kitchen while the story is about Buffy
 * and Giles. They have few scenes beside the leads' many, so the main pair's thresholds pass them by, but
 * what they have is their own: a statement that they are a couple, kisses or sex in sentences naming just
 * the two of them, or, for a couple the source itself pairs, any kiss or sex scene of theirs.
 */

/** Decisive cues of their own that make a couple of two people the source does not pair. */
const OWN_SIGNS = 2;
/** Mentions each member needs: someone named once is remembered, not in the story. */
const LEAST_MENTIONS = 2;

export interface BackgroundCouple {
  members: [KnownCharacter, KnownCharacter];
  /** Why they are a couple, for the suggestion's evidence. */
  reason: string;
  /** The text's pair score, when the pair scored at all; a statement alone gives none. */
  scored?: Relationship;
  /** How sure: a couple told or seen in several scenes is surer than one kiss of a canon couple. */
  confidence: number;
}

export interface BackgroundInput {
  /** The text's romantic pairs (`scoreRelationships`). */
  scored: readonly Relationship[];
  statements: readonly CoupleStatement[];
  mentions: (character: KnownCharacter) => number;
  isCanon: (members: readonly KnownCharacter[]) => boolean;
  /** Whether the two are on the page together somewhere, not only talked about. */
  together: (members: readonly [KnownCharacter, KnownCharacter]) => boolean;
  /** Characters the text presents as children: never in a couple. */
  children: ReadonlySet<KnownCharacter>;
}

/** The background couples of a story, surest first. */
export function findBackgroundCouples(input: BackgroundInput): BackgroundCouple[] {
  const couples: BackgroundCouple[] = [];
  const eligible = (members: readonly KnownCharacter[]) =>
    members.every((member) => !input.children.has(member) && input.mentions(member) >= LEAST_MENTIONS) &&
    (!sameFamily(members) || input.isCanon(members));
  const add = (couple: BackgroundCouple) => {
    const same = couples.find((existing) => sameMembers(existing.members, couple.members));
    if (!same) couples.push(couple);
    else if (couple.confidence > same.confidence) Object.assign(same, couple);
  };
  const scoredPair = (members: readonly KnownCharacter[]) =>
    input.scored.find(
      (relationship) => relationship.kind === 'romantic' && sameMembers(relationship.members, members),
    );

  for (const statement of input.statements) {
    if (!eligible(statement.members)) continue;
    // Gossip about two people who never share a scene is the speaker's story, not the couple's.
    if (statement.inDialogue && !input.together(statement.members)) continue;
    const scored = scoredPair(statement.members);
    add({
      members: statement.members,
      reason: statement.inDialogue ? 'said to be a couple' : 'told as a couple',
      ...(scored ? { scored } : {}),
      confidence: scored?.decisive ? 0.8 : 0.6,
    });
  }
  for (const relationship of input.scored) {
    if (relationship.kind !== 'romantic' || relationship.members.length !== 2 || !relationship.decisive)
      continue;
    const members = relationship.members as [KnownCharacter, KnownCharacter];
    if (!eligible(members)) continue;
    // A couple only remembered (`Jenny had kissed him once`) is the past, not the story.
    if (relationship.now === 0) continue;
    if (relationship.own >= OWN_SIGNS)
      add({
        members,
        reason: `${relationship.own} kisses or sex of their own`,
        scored: relationship,
        confidence: 0.7,
      });
    else if (relationship.own >= 1 && input.isCanon(members))
      add({ members, reason: 'a canon couple kissing or having sex', scored: relationship, confidence: 0.5 });
  }
  return couples.sort((a, b) => b.confidence - a.confidence);
}

function sameMembers(a: readonly KnownCharacter[], b: readonly KnownCharacter[]): boolean {
  return a.length === b.length && a.every((member) => b.includes(member));
}

/**
 * Two people of one surname are family (Buffy and Dawn Summers): their kisses are a sister's, unless the
 * source marries them (Arthur and Molly Weasley, a canon couple).
 */
export function sameFamily(members: readonly KnownCharacter[]): boolean {
  const surnames = members.map((member) => member.name.replace(/\s*\([^)]*\)$/, '').split(' '));
  const last = surnames.map((words) => (words.length > 1 ? words[words.length - 1] : undefined));
  return last[0] !== undefined && last.every((surname) => surname === last[0]);
}
