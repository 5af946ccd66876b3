import type { Category } from '../domain/required-tags.ts';
import type { WorkDraft } from '../ingest/story.ts';
import { analysisWindow } from './analysis-window.ts';
import { findMentions } from './characters/mentions.ts';
import { resolveMentions } from './characters/resolve.ts';
import { rateConfidence } from './confidence.ts';
import { assessContent } from './content.ts';
import { detectFandoms, matchFandomName } from './fandoms.ts';
import type { Knowledge, KnownCharacter } from './knowledge.ts';
import { type ChapterText, chapterTexts, scanCues } from './passages.ts';
import { abstainUnlessRead } from './rating.ts';
import { reconcileRating, reconcileWarnings } from './reconcile.ts';
import { categoriesFor } from './relationships.ts';
import { headerCharacters, suggestCharacters } from './suggest-characters.ts';
import { suggestRelationships } from './suggest-relationships.ts';
import type { Analysis, ReviewNote, Suggestion } from './suggestion.ts';

/**
 * Read a structured work and suggest its tags the way a wrangler would: fandoms, characters,
 * relationships with the main one, categories, rating, archive warnings and content tags. What the author
 * wrote is kept and marked as the author's; inferred values fill what the header left silent or ambiguous;
 * where the text suggests more than the author said, a review note carries the passages.
 */
export function analyzeWork(
  draft: WorkDraft,
  knowledge: Knowledge,
  allTexts: readonly ChapterText[] = chapterTexts(draft.chapters),
): Analysis {
  const analysed = analysisWindow(allTexts);
  const texts = analysed.texts;
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
  const review: ReviewNote[] = [...(analysed.note ? [analysed.note] : []), ...content.review];

  const judged = abstainUnlessRead(content, analysed.note === null);
  const rating = reconcileRating(draft, judged.rating, judged.ratingEvidence, review);
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
  return rateConfidence({
    fandoms,
    characters,
    relationships,
    categories,
    rating,
    warnings,
    inferredWarnings,
    freeforms,
    review,
  });
}
