import type { ArchiveWarning, Category, Evidence, Rating, WorkDraft } from '../ingest/story.ts';
import { type CharacterCounts, findMentions, resolveMentions } from './characters.ts';
import { charactersPresentedAsChildren } from './childhood.ts';
import { assessContent, ratingRank } from './content.ts';
import { detectFandoms, matchFandomName } from './fandoms.ts';
import type { Knowledge, KnownCharacter } from './knowledge.ts';
import { type ChapterText, chapterTexts, passageEvidence, scanCues } from './passages.ts';
import {
  categoriesFor,
  relationshipTag,
  resolveName,
  resolvePairing,
  scoreRelationships,
} from './relationships.ts';

export type TagSource = 'author' | 'inferred';

export interface Suggestion<T extends string = string> {
  /** The tag: canonical when `known`, else the value as the file wrote it. */
  value: T;
  source: TagSource;
  evidence: Evidence[];
  /** True when the value is a canonical tag (from AO3's vocabulary or a knowledge pack). */
  known?: boolean;
  /** What the file wrote, when it differs from `value` (`S/W` for `Spike/Willow Rosenberg`). */
  original?: string;
}

export interface CharacterSuggestion extends Suggestion {
  mentions: number;
  perChapter: number[];
  main: boolean;
}

export interface RelationshipSuggestion extends Suggestion {
  kind: 'romantic' | 'platonic';
  /** Central to the story, not merely present: what "main pairing" filters use. */
  main: boolean;
  members: string[];
}

export interface ReviewNote {
  field: string;
  message: string;
  evidence: Evidence[];
}

/** Everything the analysis concluded about one work, each value with its source and evidence. */
export interface Analysis {
  fandoms: Suggestion[];
  characters: CharacterSuggestion[];
  relationships: RelationshipSuggestion[];
  categories: Suggestion<Category>[];
  rating: Suggestion<Rating> & { inferred: Rating };
  warnings: Suggestion<ArchiveWarning>[];
  /** The warnings the text suggests on its own, before the author's are taken into account. */
  inferredWarnings: ArchiveWarning[];
  freeforms: Suggestion[];
  review: ReviewNote[];
}

/**
 * A character is tagged when they are on the page, not merely mentioned: they act in narration
 * (`Willow found her`), or are named in narration more than once, or are talked about at length.
 */
function appearsOnPage(entry: CharacterCounts): boolean {
  const narrated = entry.mentions.filter((mention) => !mention.inDialogue);
  if (narrated.some((mention) => mention.acts)) return true;
  if (narrated.length >= 3) return true;
  return narrated.length >= 1 && entry.total >= 6;
}
/** A character named less than this share as often as the story's most named one is not tagged. */
const SUPPORTING_SHARE = 0.12;
/** A character with at least this share of all character mentions is a main character. */
const MAIN_SHARE = 0.12;

/**
 * Read a structured work and suggest its tags the way a wrangler would: fandoms, characters,
 * relationships with the main one, categories, rating, archive warnings and content tags. What the author
 * wrote is kept and marked as the author's; inferred values fill what the header left silent or ambiguous;
 * where the text suggests more than the author said, a review note carries the passages.
 */
export function analyzeWork(
  draft: WorkDraft,
  knowledge: Knowledge,
  texts: readonly ChapterText[] = chapterTexts(draft.chapters),
): Analysis {
  // The author named only fandoms no pack knows: their `Gwen` is not a pack's Gwen, their pairing not a
  // pack's ship, and the names in their text are their fandom's. Their tags are kept as written.
  const foreign =
    draft.fandoms.length > 0 &&
    draft.fandoms
      .flatMap((fandom) => [fandom, ...fandom.split(/\s*(?:\/|&|\bx\b|\band\b|,)\s*/i)])
      .every((fandom) => matchFandomName(fandom, knowledge) === null);
  const mentions = findMentions(texts, knowledge);
  const hits = scanCues(texts);

  const paratext = [
    { label: 'disclaimer', text: draft.disclaimer ?? '' },
    { label: 'summary', text: draft.summary ?? '' },
    { label: 'notes', text: draft.notes ?? '' },
  ].filter((item) => item.text);
  const fandomFindings = detectFandoms(
    {
      headerFandoms: draft.fandoms,
      paratext,
      headerTags: draft.freeforms,
      texts,
      mentions,
      headerCharacters: foreign ? [] : headerCharacters(draft, knowledge),
    },
    knowledge,
  );
  const authorFandoms = fandomFindings.filter((finding) => finding.source === 'author');
  const fandoms: Suggestion[] = (authorFandoms.length > 0 ? authorFandoms : fandomFindings).map(
    (finding) => ({
      value: finding.name,
      source: finding.source,
      evidence: finding.evidence,
      known: finding.known,
      ...(finding.original && finding.original !== finding.name ? { original: finding.original } : {}),
    }),
  );
  const context = new Set(
    foreign ? [] : fandomFindings.filter((finding) => finding.known).map((finding) => finding.name),
  );
  const counts = resolveMentions(mentions, { fandoms: context, chapterCount: texts.length });

  const characters = suggestCharacters(draft, knowledge, counts, context, texts, foreign);
  const relationships = suggestRelationships(draft, knowledge, counts, context, texts, hits, foreign);
  // No fandom yet, but the header's pairing resolved (initials such as S/W): its characters tell the fandom.
  if (fandoms.length === 0) {
    for (const relationship of relationships) {
      for (const member of relationship.members) {
        const fandom = knowledge.characterByName.get(member)?.fandoms[0];
        if (fandom && !fandoms.some((item) => item.value === fandom)) {
          fandoms.push({
            value: fandom,
            source: 'inferred',
            known: true,
            evidence: [{ source: 'rule', reason: `${relationship.value} is a ${fandom} relationship` }],
          });
        }
      }
    }
  }

  // Characters in a relationship are characters of the story, as AO3 wranglers tag them.
  for (const relationship of relationships) {
    for (const member of relationship.members) {
      if (characters.some((character) => character.value === member)) continue;
      const entry = [...counts.values()].find((candidate) => candidate.character.name === member);
      characters.push({
        value: member,
        source: 'inferred',
        known: true,
        evidence: [{ source: 'rule', reason: `a member of ${relationship.value}` }],
        mentions: entry?.total ?? 0,
        perChapter: entry?.perChapter ?? new Array(texts.length).fill(0),
        main: relationship.main,
      });
    }
  }
  const content = assessContent(texts, hits, counts);
  const review: ReviewNote[] = [...content.review];

  const rating = reconcileRating(draft, content.rating, content.ratingEvidence, review);
  const warnings = reconcileWarnings(draft, content.warnings, review);

  const romantic = relationships
    .filter((relationship) => relationship.kind === 'romantic')
    .map((relationship) => ({
      kind: relationship.kind,
      members: relationship.members
        .map((name) => knowledge.characterByName.get(name))
        .filter((c): c is KnownCharacter => c !== undefined),
    }))
    .filter((relationship) => relationship.members.length >= 2);
  // Categories cannot be told for a pairing whose members are unknown; leave them to a person then.
  const unresolved = relationships.some(
    (relationship) => relationship.kind === 'romantic' && relationship.members.length < 2,
  );
  const categories: Suggestion<Category>[] =
    draft.categories.length > 0 || unresolved
      ? draft.categories.map((value) => ({
          value,
          source: 'author',
          evidence: draft.evidence[`categories:${value}`] ?? [],
        }))
      : categoriesFor(romantic).map((value) => ({
          value,
          source: 'inferred',
          evidence: [
            {
              source: 'rule',
              reason:
                value === 'Gen'
                  ? 'no romantic or sexual relationship found'
                  : 'from the relationships and the characters’ genders',
            },
          ],
        }));

  const freeforms: Suggestion[] = draft.freeforms.map((value) => ({
    value,
    source: 'author',
    evidence: draft.evidence[`freeforms:${value}`] ?? [],
  }));
  for (const entry of knowledge.timeline) {
    for (const value of draft.freeforms) {
      if (entry.pattern.test(value) && !freeforms.some((tag) => tag.value === entry.tag)) {
        freeforms.push({
          value: entry.tag,
          source: 'inferred',
          evidence: [{ source: 'rule', reason: `the header's "${value}"` }],
        });
      }
    }
  }
  for (const tag of content.additionalTags) {
    if (!freeforms.some((existing) => existing.value.toLowerCase() === tag.tag.toLowerCase())) {
      freeforms.push({ value: tag.tag, source: 'inferred', evidence: tag.evidence });
    }
  }
  const inferredWarnings = content.warnings.map((item) => item.warning);
  return {
    fandoms,
    characters,
    relationships,
    categories,
    rating,
    warnings,
    inferredWarnings,
    freeforms,
    review,
  };
}

/** Characters the header names by a full name or alias (not by initials), whatever the fandom. */
function headerCharacters(draft: WorkDraft, knowledge: Knowledge): KnownCharacter[] {
  const names = [
    ...draft.characters,
    ...draft.relationships.flatMap((pairing) => pairing.split(/\/|&|\s[x×]\s/i)),
  ];
  const found: KnownCharacter[] = [];
  const none = { fandoms: new Set<string>(), counts: new Map<KnownCharacter, CharacterCounts>() };
  for (const name of names) {
    const clean = name.replace(/^(?:some|past|implied|background|eventual)\s+/i, '').trim();
    if (clean.replace(/\./g, '').length <= 2) continue;
    const character = resolveName(clean, knowledge, none);
    if (character && !found.includes(character)) found.push(character);
  }
  for (const ship of knowledge.ships) {
    if (draft.relationships.some((pairing) => pairing.trim().toLowerCase() === ship.name.toLowerCase()))
      found.push(...ship.members);
  }
  return found;
}

function suggestCharacters(
  draft: WorkDraft,
  knowledge: Knowledge,
  counts: Map<KnownCharacter, CharacterCounts>,
  fandoms: Set<string>,
  texts: readonly ChapterText[],
  foreign: boolean,
): CharacterSuggestion[] {
  const chapterCount = texts.length;
  const totalMentions = [...counts.values()].reduce((sum, entry) => sum + entry.total, 0);
  const suggestions: CharacterSuggestion[] = [];
  const byName = new Map<string, CharacterSuggestion>();
  const fromCounts = (entry: CharacterCounts | undefined) => ({
    mentions: entry?.total ?? 0,
    perChapter: entry?.perChapter ?? new Array(chapterCount).fill(0),
    main: entry ? entry.total >= 3 && entry.total >= totalMentions * MAIN_SHARE : false,
  });
  for (const written of draft.characters) {
    const character = foreign ? null : resolveName(written, knowledge, { fandoms, counts });
    const value = character?.name ?? written;
    if (byName.has(value)) continue;
    const suggestion: CharacterSuggestion = {
      value,
      source: 'author',
      known: character !== null,
      ...(value !== written ? { original: written } : {}),
      evidence: draft.evidence[`characters:${written}`] ?? [],
      ...fromCounts(character ? counts.get(character) : undefined),
    };
    byName.set(value, suggestion);
    suggestions.push(suggestion);
  }
  const ranked = [...counts.values()].sort((a, b) => b.total - a.total);
  const lead = ranked[0]?.total ?? 0;
  for (const entry of ranked) {
    if (byName.has(entry.character.name) || !appearsOnPage(entry)) continue;
    // A tagger tags the people the story is about: one named far less often than its lead is in the background.
    if (entry.total < lead * SUPPORTING_SHARE) continue;
    const stats = fromCounts(entry);
    const chapters = entry.perChapter.filter((count) => count > 0).length;
    const suggestion: CharacterSuggestion = {
      value: entry.character.name,
      source: 'inferred',
      known: true,
      evidence: [
        {
          source: 'rule',
          reason: `${entry.total} mentions in ${chapters} chapter${chapters === 1 ? '' : 's'}${stats.main ? ' (a main character)' : ''}`,
        },
        ...entry.mentions
          .slice(0, 3)
          .map((mention) => passageEvidence(texts, mention, `named as "${mention.alias.text}"`)),
      ],
      ...stats,
    };
    byName.set(suggestion.value, suggestion);
    suggestions.push(suggestion);
  }
  return suggestions;
}

function suggestRelationships(
  draft: WorkDraft,
  knowledge: Knowledge,
  counts: Map<KnownCharacter, CharacterCounts>,
  fandoms: Set<string>,
  texts: readonly ChapterText[],
  hits: ReturnType<typeof scanCues>,
  foreign: boolean,
): RelationshipSuggestion[] {
  // Ranked by interaction weighed by how much the story is about both members: the lead's romance, not a
  // scene between two people the story passes by.
  const weight = (relationship: { members: readonly KnownCharacter[]; score: number }) =>
    relationship.score *
    Math.sqrt(
      relationship.members.reduce((product, member) => product * (counts.get(member)?.total ?? 0), 1),
    );
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
  const topRomantic = scored.find(
    (relationship) =>
      relationship.kind === 'romantic' && !relationship.members.some((member) => children.has(member)),
  );
  for (const relationship of scored) {
    if (suggestions.some((existing) => existing.value === relationship.tag)) continue;
    if (relationship.kind === 'romantic') {
      // A child in the story is never suggested in a romantic or sexual pairing.
      if (relationship.members.some((member) => children.has(member))) continue;
      // The strongest pair needs one romantic cue; others must hold their own beside it.
      const isTop = relationship === topRomantic;
      const strong = authorGave
        ? relationship.score >= 8 && relationship.score >= (topRomantic?.score ?? 0) * 0.5
        : isTop || (relationship.score >= 3 && relationship.score >= (topRomantic?.score ?? 0) * 0.7);
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
    });
  }
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

function reconcileRating(
  draft: WorkDraft,
  inferred: Rating,
  evidence: Evidence[],
  review: ReviewNote[],
): Suggestion<Rating> & { inferred: Rating } {
  const stated = draft.rating;
  if (stated.original === null) {
    return { value: inferred, source: 'inferred', evidence, inferred };
  }
  if (stated.candidates && stated.candidates.length > 1) {
    // The header's value is ambiguous (`M`, `R/NC-17`): choose the candidate nearest to what the text shows.
    const choice = [...stated.candidates].sort(
      (a, b) =>
        Math.abs(ratingRank(a) - ratingRank(inferred)) - Math.abs(ratingRank(b) - ratingRank(inferred)) ||
        ratingRank(b) - ratingRank(a),
    )[0] as Rating;
    return {
      value: choice,
      source: 'inferred',
      evidence: [
        {
          source: 'rule',
          reason: `the header's "${stated.original}" could be ${stated.candidates.join(' or ')}; the text decides`,
        },
        ...evidence,
      ],
      inferred,
    };
  }
  if (stated.value !== 'Not Rated' && ratingRank(inferred) > ratingRank(stated.value)) {
    review.push({
      field: 'rating',
      message: `The author rated this ${stated.value} ("${stated.original}"), but the text reads as ${inferred}.`,
      evidence,
    });
  }
  return { value: stated.value, source: 'author', evidence: draft.evidence.rating ?? [], inferred };
}

function reconcileWarnings(
  draft: WorkDraft,
  inferred: { warning: ArchiveWarning; evidence: Evidence[] }[],
  review: ReviewNote[],
): Suggestion<ArchiveWarning>[] {
  if (draft.warnings.length === 0) {
    // Finding no reason to warn is not knowing there is none: a work whose author gave no warnings carries
    // "Creator Chose Not To Use Archive Warnings", the convention for imported works, never an inferred
    // "No Archive Warnings Apply"; the warnings the text does show are suggested beside it.
    const shown = inferred.filter((item) => item.warning !== 'No Archive Warnings Apply');
    if (shown.length > 0)
      return shown.map((item) => ({ value: item.warning, source: 'inferred', evidence: item.evidence }));
    return [
      {
        value: 'Creator Chose Not To Use Archive Warnings',
        source: 'inferred',
        evidence: [
          { source: 'rule', reason: 'the author gave no archive warnings, and the text shows none' },
        ],
      },
    ];
  }
  const stated: Suggestion<ArchiveWarning>[] = draft.warnings.map((value) => ({
    value,
    source: 'author',
    evidence: draft.evidence[`warnings:${value}`] ?? [],
  }));
  if (draft.warnings.includes('Creator Chose Not To Use Archive Warnings')) return stated;
  for (const item of inferred) {
    if (item.warning === 'No Archive Warnings Apply' || draft.warnings.includes(item.warning)) continue;
    review.push({
      field: 'warnings',
      message: `The text suggests "${item.warning}", which the author's warnings do not include.`,
      evidence: item.evidence,
    });
  }
  return stated;
}
