import type { KnownCharacter } from './knowledge.ts';

export interface PairScore {
  members: [KnownCharacter, KnownCharacter];
  romantic: number;
  platonic: number;
  /** The romantic score from paragraphs where the two are alone together. */
  alone: number;
  /** How many of its cues are a kiss, sex or being in love: interaction, not a word for feeling. */
  decisive: number;
  /** How many of its cues are an established couple's quiet intimacy (see `isIntimate`): two make it decisive. */
  intimate: number;
  /**
   * Its decisive cues that are theirs beyond doubt: in a sentence naming the two of them and no one else
   * (`Tara kissed Willow`), or in a paragraph naming only them. A couple in the background of someone else's
   * story has few scenes, but these few are its own.
   */
  own: number;
  /** Its decisive cues told as happening in the story now (`depicted`): not remembered, wished or said. */
  now: number;
  passages: { chapter: number; start: number; end: number; cue: string; weight: number }[];
}

/**
 * Every pair's score, found by its two members without building a key string (a look-up per pair in every
 * paragraph), and listed in the order the pairs first met, which decides the order of equal scores.
 */
export class PairScores {
  readonly all: PairScore[] = [];
  /** By the members' names, as characters are told apart everywhere. */
  private readonly byMember = new Map<string, Map<string, PairScore>>();

  of(a: KnownCharacter, b: KnownCharacter): PairScore {
    const first = a.name < b.name ? a : b;
    const second = first === a ? b : a;
    let partners = this.byMember.get(first.name);
    if (!partners) {
      partners = new Map();
      this.byMember.set(first.name, partners);
    }
    let pair = partners.get(second.name);
    if (!pair) {
      pair = {
        members: [first, second],
        romantic: 0,
        platonic: 0,
        alone: 0,
        decisive: 0,
        intimate: 0,
        own: 0,
        now: 0,
        passages: [],
      };
      partners.set(second.name, pair);
      this.all.push(pair);
    }
    return pair;
  }
}
