import { type CharacterCounts, mentionedBeside } from './characters/resolve.ts';
import type { KnownCharacter } from './knowledge.ts';
import type { PairScore } from './pair-scores.ts';

/*
 * A poly relationship without a group sex scene: four people each kissing, in bed with or in love with every
 * other one of them across the story (`Leave my lovers alone`), tagged as one relationship (`A/B/C/D`) as AO3
 * taggers do. Each of the six pairs needs two signs of its own, each must hold its own beside the strongest,
 * and each member must be one of the people the story is about. Three people who never share a group scene
 * (`group-scenes.ts`) make one the same way, but a couple with a friend in the room gives three pairs as
 * balanced as a triangle's: each two of the three must also be romantic when alone together, and the three
 * must hold the story's strongest pair.
 */

const MEMBERS = 4;
const TRIANGLE = 3;
/** Kisses, sex, love or an established couple's intimacy between each two of the circle. */
const SIGNS = 2;
/** The weakest pair's romantic score beside the strongest's: a couple and a friend nearby fall far below. */
const BALANCE = 0.15;
const MOST_PEOPLE = 12;
/** Each member's mentions beside the most mentioned character's: a person named once is not in the circle. */
const PRESENCE = 0.25;

export interface RomanticCircle {
  members: KnownCharacter[];
  /** The sum of its pairs' romantic scores. */
  score: number;
  pairs: PairScore[];
}

/** Whether a pair's own evidence makes a romance: a kiss, sex, love, or two signs of an established couple. */
export function pairIsDecisive(pair: PairScore): boolean {
  return pair.decisive > 0 || pair.intimate >= 2;
}

/** The circles of four, strongest first, each sharing at most two people with a stronger one. */
export function romanticCircles(
  pairs: readonly PairScore[],
  counts: Map<KnownCharacter, CharacterCounts>,
): RomanticCircle[] {
  const present = mentionedBeside(counts, PRESENCE);
  const decisive = pairs.filter(
    (pair) => pairIsDecisive(pair) && pair.decisive + pair.intimate >= SIGNS && present(pair.members),
  );
  const strongest = Math.max(0, ...decisive.map((pair) => pair.romantic));
  const between = new Map<KnownCharacter, Map<KnownCharacter, PairScore>>();
  for (const pair of decisive) {
    const [a, b] = pair.members;
    if (!between.has(a)) between.set(a, new Map());
    if (!between.has(b)) between.set(b, new Map());
    between.get(a)?.set(b, pair);
    between.get(b)?.set(a, pair);
  }
  // The most mentioned dozen: a story where hundreds are each kissed in crowds would try every four of them.
  const people = [...between.keys()]
    .sort((a, b) => (counts.get(b)?.total ?? 0) - (counts.get(a)?.total ?? 0))
    .slice(0, MOST_PEOPLE);
  const circles: RomanticCircle[] = [];
  const grow = (members: KnownCharacter[], from: number) => {
    if (members.length === TRIANGLE) consider(members);
    if (members.length === MEMBERS) {
      consider(members);
      return;
    }
    for (let i = from; i < people.length; i++) {
      const next = people[i] as KnownCharacter;
      if (members.every((member) => between.get(member)?.has(next))) grow([...members, next], i + 1);
    }
  };
  const consider = (members: KnownCharacter[]) => {
    const inside: PairScore[] = [];
    for (let a = 0; a < members.length; a++)
      for (let b = a + 1; b < members.length; b++)
        inside.push(
          between.get(members[a] as KnownCharacter)?.get(members[b] as KnownCharacter) as PairScore,
        );
    // Three need more than a couple with a friend in the room: each two of them romantic when alone too, and
    // the story's strongest pair among them (beside a stronger couple, three are a side story's triangle).
    if (
      members.length === TRIANGLE &&
      (inside.some((pair) => pair.alone <= 0) || !inside.some((pair) => pair.romantic >= strongest))
    )
      return;
    const scores = inside.map((pair) => pair.romantic);
    if (Math.min(...scores) < Math.max(...scores) * BALANCE) return;
    circles.push({ members, score: scores.reduce((sum, score) => sum + score, 0), pairs: inside });
  };
  grow([], 0);
  // A weaker circle sharing three of a stronger one's people is that circle with someone else nearby.
  const kept: RomanticCircle[] = [];
  for (const circle of circles.sort((a, b) => b.score - a.score))
    if (
      !kept.some(
        (stronger) => circle.members.filter((member) => stronger.members.includes(member)).length >= 3,
      )
    )
      kept.push(circle);
  return kept;
}
