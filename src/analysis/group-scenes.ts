import type { KnownCharacter } from './knowledge.ts';
import type { CueHit } from './passages.ts';

/*
 * Sex among three or more people: a tagger tags a threesome or a foursome as one relationship (`A/B/C`), not
 * as every pair in it. A scene is a run of paragraphs with sexual cues that each name at least three people;
 * paragraphs sharing two of their people belong to one scene, up to four people in all.
 */

const MOST_MEMBERS = 4;
/** Sexual cue weight in paragraphs naming the group, and how many such paragraphs, to call it a group. */
const GROUP_WEIGHT = 12;
const GROUP_PARAGRAPHS = 3;

export interface GroupScene {
  members: KnownCharacter[];
  weight: number;
  /** The strongest cues of its scenes, for evidence. */
  evidence: CueHit[];
}

interface Scene {
  members: Set<KnownCharacter>;
  /** In how many of the scene's paragraphs each member is named. */
  named: Map<KnownCharacter, number>;
  weight: number;
  paragraphs: number;
  cues: CueHit[];
}

export class GroupScenes {
  private readonly scenes: Scene[] = [];

  /** A paragraph: the people named in it (not only referred to by a pronoun) and its cues. */
  add(named: readonly KnownCharacter[], cues: readonly CueHit[]): void {
    if (named.length < 3 || named.length > MOST_MEMBERS) return;
    let weight = 0;
    for (const cue of cues) if (cue.kind === 'sexExplicit' || cue.kind === 'sexImplied') weight += cue.weight;
    if (weight < 3) return;
    const scene = this.scenes.find((candidate) => {
      const shared = named.filter((member) => candidate.members.has(member)).length;
      const union = candidate.members.size + named.length - shared;
      return shared >= 2 && union <= MOST_MEMBERS;
    });
    const into: Scene = scene ?? { members: new Set(), named: new Map(), weight: 0, paragraphs: 0, cues: [] };
    if (!scene) this.scenes.push(into);
    for (const member of named) {
      into.members.add(member);
      into.named.set(member, (into.named.get(member) ?? 0) + 1);
    }
    into.weight += weight;
    into.paragraphs++;
    for (const cue of cues) if (cue.kind === 'sexExplicit' || cue.kind === 'sexImplied') into.cues.push(cue);
  }

  /** The groups the story's sex scenes are about, strongest first. */
  groups(): GroupScene[] {
    const groups: GroupScene[] = [];
    for (const scene of [...this.scenes].sort((a, b) => b.weight - a.weight)) {
      if (scene.weight < GROUP_WEIGHT || scene.paragraphs < GROUP_PARAGRAPHS) continue;
      // Someone named in few of the scene's paragraphs is thought of or talked about, not in the bed.
      const members = [...scene.members].filter(
        (member) => (scene.named.get(member) ?? 0) * 2 >= scene.paragraphs,
      );
      if (members.length < 3) continue;
      // A weaker scene sharing three of a stronger group's people is that group with someone else nearby.
      if (groups.some((group) => members.filter((member) => group.members.includes(member)).length >= 3))
        continue;
      const evidence = [...scene.cues].sort((a, b) => b.weight - a.weight).slice(0, 5);
      groups.push({ members, weight: scene.weight, evidence });
    }
    return groups.sort((a, b) => b.weight - a.weight);
  }
}
