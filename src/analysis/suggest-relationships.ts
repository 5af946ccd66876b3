import type { WorkDraft } from '../ingest/story.ts';
import { findBackgroundCouples } from './background-couples.ts';
import type { Mention } from './characters/mentions.ts';
import { type CharacterCounts, mentionedBeside } from './characters/resolve.ts';
import { charactersPresentedAsChildren } from './childhood.ts';
import { appearTogether, type CoupleStatement, findCoupleStatements } from './couple-statements.ts';
import { isCanonCouple, type Knowledge, type KnownCharacter } from './knowledge.ts';
import type { ChapterText, scanCues } from './passages.ts';
import { type Relationship, relationshipTag, resolvePairing, scoreRelationships } from './relationships.ts';
import type { RelationshipSuggestion } from './suggestion.ts';
import { twoHanderRomance } from './two-hander.ts';

/** Each member's mentions beside the most mentioned character's, for a pairing found in the text. */
const PRESENCE = 0.2;
/** A two-hander's pairing is a tag, the least sure of those from the text. */
const TWO_HANDER_CONFIDENCE = 0.5;
/** The score a pair or a group found in the text needs beside the strongest romance, when the author gave none. */
const PAIR_BESIDE_TOP = 0.7;
const GROUP_BESIDE_TOP = 0.5;

export function suggestRelationships(
  draft: WorkDraft,
  knowledge: Knowledge,
  counts: Map<KnownCharacter, CharacterCounts>,
  fandoms: Set<string>,
  texts: readonly ChapterText[],
  hits: ReturnType<typeof scanCues>,
  foreign: boolean,
): RelationshipSuggestion[] {
  // Ranked by interaction weighed by how much the story is about its members (the geometric mean of their
  // mentions): the lead's romance, not a scene between two people the story passes by.
  const weight = (relationship: { members: readonly KnownCharacter[]; score: number }) =>
    relationship.score *
    relationship.members.reduce((product, member) => product * (counts.get(member)?.total ?? 0), 1) **
      (1 / relationship.members.length);
  const scored = scoreRelationships(texts, counts, hits).sort((a, b) => weight(b) - weight(a));
  const suggestions: RelationshipSuggestion[] = [];
  const add = (suggestion: RelationshipSuggestion) => {
    if (!suggestions.some((existing) => existing.value === suggestion.value)) suggestions.push(suggestion);
  };
  for (const written of draft.relationships) {
    const resolved = foreign ? null : resolvePairing(written, knowledge, { fandoms, counts });
    const evidence = draft.evidence[`relationships:${written}`] ?? [];
    if (!resolved) {
      add({
        value: written,
        source: 'author',
        evidence,
        kind: written.includes('&') ? 'platonic' : 'romantic',
        main: false,
        members: [],
      });
      continue;
    }
    const tag = relationshipTag(resolved.members, resolved.kind);
    const text = scored.find((relationship) => relationship.tag === tag);
    add({
      value: tag,
      source: 'author',
      known: true,
      ...(tag !== written ? { original: written } : {}),
      evidence: [...evidence, ...(text?.evidence.slice(0, 3) ?? [])],
      kind: resolved.kind,
      main: false,
      members: resolved.members.map((member) => member.name),
    });
    if (resolved.secondary)
      (suggestions[suggestions.length - 1] as RelationshipSuggestion & { secondary?: boolean }).secondary =
        true;
  }
  const authorGave = suggestions.length > 0;
  const children = charactersPresentedAsChildren(texts, counts);
  // A pairing found in the text is between people the story is about: someone named a handful of times
  // beside the lead's hundreds is a past lover remembered or a face in a crowded scene, whatever the cues say.
  const present = mentionedBeside(counts, PRESENCE);
  const inStory = (relationship: { members: readonly KnownCharacter[] }) => present(relationship.members);
  const candidates = scored.filter(
    (relationship) =>
      relationship.kind === 'romantic' &&
      relationship.decisive &&
      inStory(relationship) &&
      !relationship.members.some((member) => children.has(member)),
  );
  const mentions = [...counts.values()].flatMap((entry) => entry.mentions);
  const statements = findCoupleStatements(texts, mentions).filter((statement) => !statement.inDialogue);
  const topRomantic = toldCoupleFirst(candidates, statements)[0];
  for (const relationship of scored) {
    if (suggestions.some((existing) => existing.value === relationship.tag)) continue;
    if (relationship.kind === 'romantic') {
      // A child in the story is never suggested in a romantic or sexual pairing.
      if (relationship.members.some((member) => children.has(member))) continue;
      // A pairing the author did not give needs the two to kiss, have sex or be in love on the page, not
      // only words of feeling near them. The strongest pair needs no more; others must hold their own beside it.
      if (!relationship.decisive || !inStory(relationship)) continue;
      const isTop = relationship === topRomantic;
      // A group with sex scenes of its own (`A/B/C/D`) is one of the story's beside a stronger couple of its
      // members, as a poly story's author tags both.
      const beside = relationship.members.length > 2 ? GROUP_BESIDE_TOP : PAIR_BESIDE_TOP;
      const strong = authorGave
        ? relationship.score >= 8 && relationship.score >= (topRomantic?.score ?? 0) * 0.5
        : isTop || (relationship.score >= 3 && relationship.score >= (topRomantic?.score ?? 0) * beside);
      if (!strong) continue;
    } else if (relationship.score < 8 || suggestions.length >= 4) continue;
    add({
      value: relationship.tag,
      source: 'inferred',
      known: true,
      evidence: [
        { source: 'rule', reason: `interaction score ${relationship.score.toFixed(1)}` },
        ...relationship.evidence,
      ],
      kind: relationship.kind,
      main: false,
      members: relationship.members.map((member) => member.name),
      confidence: confidenceOf(relationship),
    });
  }
  // A two-hander's romance, when nothing else is (see `two-hander.ts`).
  const twoHander = suggestions.some((suggestion) => suggestion.kind === 'romantic')
    ? undefined
    : twoHanderRomance(scored, counts, texts, children);
  if (twoHander)
    add({
      value: twoHander.tag,
      source: 'inferred',
      known: true,
      evidence: [
        {
          source: 'rule',
          reason: `the story's only two people, romance between them (score ${twoHander.score.toFixed(1)})`,
        },
        ...twoHander.evidence,
      ],
      kind: 'romantic',
      main: false,
      members: twoHander.members.map((member) => member.name),
      confidence: TWO_HANDER_CONFIDENCE,
    });
  addBackgroundCouples(suggestions, { knowledge, counts, texts, scored, children, mentions });
  // The main relationship: the author's first pairing that is not background, else the strongest in the text;
  // never one with a character the text presents as a child.
  const adult = (suggestion: RelationshipSuggestion) =>
    !suggestion.members.some((member) => [...children].some((child) => child.name === member));
  const main =
    suggestions.find(
      (suggestion) =>
        suggestion.source === 'author' &&
        suggestion.kind === 'romantic' &&
        adult(suggestion) &&
        !(suggestion as { secondary?: boolean }).secondary,
    ) ?? suggestions.find((suggestion) => suggestion.kind === 'romantic' && adult(suggestion));
  if (main) main.main = true;
  for (const suggestion of suggestions) delete (suggestion as { secondary?: boolean }).secondary;
  return suggestions;
}

/**
 * How sure a pairing from the text is: kisses or sex that are the pair's own beyond doubt (a sentence or a
 * paragraph naming only them) make it surer than cues shared with others in the room; a friendship told only
 * by time together is the least sure. Background couples set their own (`background-couples.ts`).
 */
function confidenceOf(relationship: Relationship): number {
  if (relationship.kind === 'platonic') return 0.5;
  return relationship.own > 0 ? 0.8 : 0.6;
}

/** Of two pairs close in score, the one the narration tells as a couple (`Giles was dating Miss Calendar`)
 * over one whose cues are only shared with others in the room: what the story says outweighs who was near. */
const TOLD_OVER_NEAR = 0.5;

function toldCoupleFirst(
  candidates: readonly Relationship[],
  statements: readonly CoupleStatement[],
): Relationship[] {
  const told = (relationship: Relationship) =>
    statements.some((statement) =>
      statement.members.every((member) => relationship.members.includes(member)),
    );
  const best = candidates[0];
  if (!best || told(best) || best.own > 0) return [...candidates];
  const rival = candidates.find(
    (relationship) =>
      relationship.members.length === 2 &&
      told(relationship) &&
      relationship.score >= best.score * TOLD_OVER_NEAR,
  );
  return rival ? [rival, ...candidates.filter((relationship) => relationship !== rival)] : [...candidates];
}

/**
 * The couples in the background of the story (see `background-couples.ts`), after what the author gave and
 * the text's leading pairs; never a pair inside a group already suggested (a threesome's two).
 */
function addBackgroundCouples(
  suggestions: RelationshipSuggestion[],
  context: {
    knowledge: Knowledge;
    counts: Map<KnownCharacter, CharacterCounts>;
    texts: readonly ChapterText[];
    scored: readonly Relationship[];
    children: ReadonlySet<KnownCharacter>;
    mentions: readonly Mention[];
  },
): void {
  const { knowledge, counts, texts, mentions } = context;
  const couples = findBackgroundCouples({
    scored: context.scored,
    statements: findCoupleStatements(texts, mentions),
    mentions: (character) => counts.get(character)?.total ?? 0,
    isCanon: (members) => isCanonCouple(knowledge, members),
    together: (members) => appearTogether(texts, mentions, members),
    children: context.children,
  });
  for (const couple of couples) {
    const names = couple.members.map((member) => member.name);
    const tag = relationshipTag(couple.members, 'romantic');
    const taken = suggestions.some(
      (existing) =>
        existing.value === tag ||
        (existing.kind === 'romantic' &&
          existing.members.length > 2 &&
          names.every((name) => existing.members.includes(name))),
    );
    if (taken) continue;
    suggestions.push({
      value: tag,
      source: 'inferred',
      known: true,
      evidence: [
        { source: 'rule', reason: `a couple beside the story's own: ${couple.reason}` },
        ...(couple.scored?.evidence ?? []),
      ],
      kind: 'romantic',
      main: false,
      members: names,
      confidence: couple.confidence,
    });
  }
}
