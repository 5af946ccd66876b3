import type { ArchiveWarning, Rating } from '../domain/required-tags.ts';
import type { Evidence } from '../ingest/story.ts';
import { findCharacterDeath } from './character-death.ts';
import type { CharacterCounts } from './characters/resolve.ts';
import { depicted, inDialogue, statedOfNow } from './cue-context.ts';
import type { CueKind } from './cues/cue.ts';
import type { KnownCharacter } from './knowledge.ts';
import { type ChapterText, type CueHit, passageEvidence } from './passages.ts';

/** A paragraph's cue weights by kind, and where the strongest cues are. */
interface Passage {
  chapter: number;
  start: number;
  end: number;
  weights: Partial<Record<CueKind, number>>;
  hits: CueHit[];
}

function groupByParagraph(texts: readonly ChapterText[], hits: readonly CueHit[]): Passage[] {
  const passages: Passage[] = [];
  let current: Passage | null = null;
  for (const hit of hits) {
    const text = texts[hit.chapter - 1]?.text ?? '';
    if (!current || current.chapter !== hit.chapter || hit.start >= current.end) {
      const start = text.lastIndexOf('\n\n', hit.start) + 1;
      const endIndex = text.indexOf('\n\n', hit.end);
      current = {
        chapter: hit.chapter,
        start: start === 0 ? 0 : start + 1,
        end: endIndex === -1 ? text.length : endIndex,
        weights: {},
        hits: [],
      };
      passages.push(current);
    }
    current.weights[hit.kind] = (current.weights[hit.kind] ?? 0) + hit.weight;
    current.hits.push(hit);
  }
  return passages;
}

const weightOf = (passage: Passage, kind: CueKind) => passage.weights[kind] ?? 0;

export interface ContentFinding {
  rating: Rating;
  ratingEvidence: Evidence[];
  warnings: { warning: ArchiveWarning; evidence: Evidence[] }[];
  additionalTags: { tag: string; evidence: Evidence[] }[];
  /** Findings a person must look at whatever the tags say (sex involving a minor). */
  review: { field: string; message: string; evidence: Evidence[] }[];
}

const RATING_ORDER: Rating[] = ['General Audiences', 'Teen And Up Audiences', 'Mature', 'Explicit'];

export function ratingRank(rating: Rating): number {
  return rating === 'Not Rated' ? -1 : RATING_ORDER.indexOf(rating);
}

/**
 * Score the passages of a story for rating, archive warnings and additional content warnings. Each decision
 * keeps the passages that made it.
 */
export function assessContent(
  texts: readonly ChapterText[],
  hits: readonly CueHit[],
  counts: Map<KnownCharacter, CharacterCounts>,
): ContentFinding {
  const passages = groupByParagraph(texts, hits);
  const total = (kind: CueKind) => passages.reduce((sum, passage) => sum + weightOf(passage, kind), 0);
  const strongest = (kind: CueKind, limit = 3) =>
    passages
      .filter((passage) => weightOf(passage, kind) > 0)
      .sort((a, b) => weightOf(b, kind) - weightOf(a, kind))
      .slice(0, limit)
      .map((passage) => cite(texts, passage, kind));

  // Sex talked about in dialogue (`you had sex with him?`, `you're a cunt`) is not sex on the page.
  const narrated = (passage: Passage, kind: CueKind) =>
    passage.hits
      .filter((hit) => hit.kind === kind && !inDialogue(texts[hit.chapter - 1]?.text ?? '', hit.start))
      .reduce((weight, hit) => weight + hit.weight, 0);
  const narratedTotal = (kind: CueKind) =>
    passages.reduce((sum, passage) => sum + narrated(passage, kind), 0);
  const explicitPassages = passages.filter((passage) => narrated(passage, 'sexExplicit') >= 6);
  // A sex scene written in short paragraphs (a line of dialogue, a line of what they do) is still one scene:
  // three graphic words in narration close together, not three scattered over a long story.
  const explicitScene = hasExplicitScene(texts, hits);
  const explicit = narratedTotal('sexExplicit');
  const implied = narratedTotal('sexImplied');
  const graphic = total('violenceGraphic');
  // Torture told as happening now, not `he'd been tortured once` or `I'll torture you`.
  const tortureOnPage = hits
    .filter((hit) => hit.kind === 'torture' && depicted(texts, hit))
    .reduce((sum, hit) => sum + hit.weight, 0);
  const violence = total('violence');
  // Mild words (`damn`, `bloody`, `bastard`) are in stories of every rating, a couple of times; the strong
  // ones, or the mild ones again and again, make a Teen story. Death, grief and funerals alone do not: AO3
  // rates a story by how things are shown, and Major Character Death is a warning of its own.
  const swearing = passages.flatMap((passage) => passage.hits.filter((hit) => hit.kind === 'profanity'));
  const mild = swearing.filter((hit) => MILD_PROFANITY.test(hit.match)).length;
  const profanity = swearing.length - mild + (mild >= MILD_ENOUGH ? mild : 0);
  // A kiss is General (AO3 and real fans agree); kissing told again and again, making out, is what real fans
  // rate Teen. Counted in narration: `you kissed me back` said in a quarrel is not a scene.
  const kisses = hits.filter(
    (hit) =>
      hit.kind === 'romance' &&
      KISS.test(hit.match) &&
      !inDialogue(texts[hit.chapter - 1]?.text ?? '', hit.start),
  ).length;

  let rating: Rating = 'General Audiences';
  let ratingEvidence: Evidence[] = [
    { source: 'rule', reason: 'no sexual, violent or strong-language passages found' },
  ];
  // Explicit: graphic sex in one passage, or spread over a scene; or violence so graphic it goes past Mature.
  const extremeViolence =
    graphic >= 24 && passages.filter((passage) => weightOf(passage, 'violenceGraphic') >= 6).length >= 3;
  if (
    ((explicitPassages.length >= 1 || explicitScene) && explicit >= 9) ||
    explicit >= 12 ||
    extremeViolence
  ) {
    rating = 'Explicit';
    ratingEvidence = explicit >= 6 ? strongest('sexExplicit') : strongest('violenceGraphic');
  } else if (
    // One `they slept together` is gossip or a fade to black, not a scene on the page.
    explicit >= 3 ||
    implied >= 5 ||
    graphic >= 9 ||
    tortureOnPage >= 3 ||
    (total('force') >= 3 && implied + explicit >= 2)
  ) {
    rating = 'Mature';
    ratingEvidence = [
      ...strongest('sexExplicit', 2),
      ...strongest('sexImplied', 2),
      ...strongest('violenceGraphic', 2),
    ].slice(0, 4);
  } else if (profanity >= 1 || violence >= 8 || implied >= 2 || graphic >= 3 || kisses >= MAKING_OUT) {
    rating = 'Teen And Up Audiences';
    ratingEvidence = [
      ...strongest('profanity', 2),
      ...strongest('violence', 1),
      ...strongest('sexImplied', 1),
      ...(kisses >= MAKING_OUT ? strongest('romance', 2) : []),
    ].slice(0, 4);
  }

  const warnings: ContentFinding['warnings'] = [];
  const review: ContentFinding['review'] = [];
  const raiseTo = (floor: Rating, evidence: Evidence[]) => {
    if (ratingRank(rating) < ratingRank(floor)) {
      rating = floor;
      ratingEvidence = evidence;
    }
  };

  // Graphic violence: gore described in more than one place, or at length in one, told as happening (not
  // `nothing compared to bones shattering`, not `the pain of broken bones` remembered).
  const goreOf = (passage: Passage) =>
    passage.hits
      .filter((hit) => hit.kind === 'violenceGraphic' && !NOT_GORE.test(hit.match) && depicted(texts, hit))
      .reduce((sum, hit) => sum + hit.weight, 0);
  const gory = passages.filter((passage) => goreOf(passage) >= 3);
  if (gory.reduce((sum, passage) => sum + goreOf(passage), 0) >= 6) {
    warnings.push({
      warning: 'Graphic Depictions Of Violence',
      evidence: gory.slice(0, 3).map((passage) => cite(texts, passage, 'violenceGraphic')),
    });
  }

  // Non-consent: sexual contact in a passage that also says it was forced or refused, told as happening
  // (narration, not negated, not a memory or a threat). A word for rape alone is a mention; force in a
  // consensual scene (`held him down`) is not non-consent without a refusal or a word that says so.
  // `He could fight her, if he wanted. But he didn't want to.`: the fight he could put up and does not is
  // consent, not a refusal.
  const refusalOf = (passage: Passage) =>
    passage.hits
      .filter((hit) => hit.kind === 'refusal' && !declinedResistance(texts[hit.chapter - 1]?.text ?? '', hit))
      .reduce((sum, hit) => sum + hit.weight, 0);
  const forced = passages.filter((passage, index) => {
    const force = passage.hits.filter((hit) => hit.kind === 'force' && depicted(texts, hit));
    if (force.length === 0) return false;
    if (force.some((hit) => NON_CONSENT.test(hit.match))) return true;
    // A refusal said in this paragraph or the one just before (`"No," John said.` and then what was done).
    const before = passages[index - 1];
    const adjoining =
      before && before.chapter === passage.chapter && passage.start - before.end <= 3 ? before : null;
    const refused = refusalOf(passage) + (adjoining ? refusalOf(adjoining) : 0);
    const sexual = weightOf(passage, 'sexExplicit') + weightOf(passage, 'sexImplied');
    return refused >= 2 || (sexual >= 2 && force.some((hit) => SEXUAL_FORCE.test(hit.match)));
  });
  if (forced.length >= 1) {
    warnings.push({
      warning: 'Rape/Non-Con',
      evidence: forced.slice(0, 3).map((passage) => cite(texts, passage, 'force')),
    });
  }

  // Sex involving a minor: an age under 18 stated in the sex scene itself, told of someone now (not `when
  // she was fifteen`, not `a fifteen-year-old sister`). An age anywhere else beside sex anywhere else is not.
  const minorPassages = passages.filter(
    (passage) =>
      weightOf(passage, 'sexExplicit') + weightOf(passage, 'sexImplied') >= 3 &&
      passage.hits.some((hit) => hit.kind === 'minorAge' && statedOfNow(texts, hit)),
  );
  if (minorPassages.length > 0) {
    const evidence = [
      ...minorPassages.slice(0, 2).map((passage) => cite(texts, passage, 'minorAge')),
      ...strongest('sexExplicit', 1),
    ];
    warnings.push({ warning: 'Underage Sex', evidence });
    review.push({
      field: 'warnings',
      message:
        'A character stated to be under 18 appears in a story with sexual content: a person must review this work.',
      evidence,
    });
  } else if (explicit + implied >= 5) {
    const sexualChapters = new Set(
      passages
        .filter((passage) => weightOf(passage, 'sexExplicit') + weightOf(passage, 'sexImplied') >= 3)
        .map((passage) => passage.chapter),
    );
    const schoolPassages = passages.filter(
      (passage) => weightOf(passage, 'school') > 0 && sexualChapters.has(passage.chapter),
    );
    const minors = [...counts.values()].filter((entry) => !entry.character.adult && entry.total >= 3);
    if (schoolPassages.length > 0 || minors.length > 0) {
      review.push({
        field: 'warnings',
        message: `Sexual content in a story ${minors.length > 0 ? `with characters who are minors in canon (${minors.map((entry) => entry.character.name).join(', ')})` : 'with school settings'}: check the characters' ages.`,
        evidence: [
          ...schoolPassages.slice(0, 2).map((passage) => cite(texts, passage, 'school')),
          ...strongest('sexExplicit', 1),
        ],
      });
    }
  }

  // Death of a named character: death cues close to a character's name.
  const death = findCharacterDeath(texts, hits, counts);
  if (death) warnings.push({ warning: 'Major Character Death', evidence: death });

  // Archive warnings set a floor: non-consent, sex with a minor and graphic violence are Mature content.
  for (const { warning, evidence } of warnings) {
    if (
      warning === 'Rape/Non-Con' ||
      warning === 'Underage Sex' ||
      warning === 'Graphic Depictions Of Violence'
    )
      raiseTo('Mature', evidence);
    if (warning === 'Major Character Death') raiseTo('Teen And Up Audiences', evidence);
  }

  const additionalTags: ContentFinding['additionalTags'] = [];
  const addTag = (tag: string, kind: CueKind, threshold: number) => {
    if (total(kind) >= threshold) additionalTags.push({ tag, evidence: strongest(kind) });
  };
  addTag('Domestic Violence', 'domesticAbuse', 6);
  addTag('Self-Harm', 'selfHarm', 3);
  addTag('Suicide', 'suicide', 6);
  addTag('Drug Use', 'drugs', 6);
  addTag('BDSM', 'bdsm', 8);
  addTag('Torture', 'torture', 6);
  if (warnings.length === 0) {
    warnings.push({
      warning: 'No Archive Warnings Apply',
      evidence: [{ source: 'rule', reason: 'no passage suggests an archive warning' }],
    });
  }
  return { rating, ratingEvidence, warnings, additionalTags, review };
}

/** `didn't want to.` with nothing after it, just after saying what the person could do to resist. */
function declinedResistance(text: string, hit: CueHit): boolean {
  if (!/^didn['’]?t want to$/i.test(hit.match) || !/^\s*[.!]/.test(text.slice(hit.end, hit.end + 2)))
    return false;
  const paragraph = text.slice(Math.max(0, text.lastIndexOf('\n\n', hit.start), hit.start - 300), hit.start);
  return RESISTANCE_POSSIBLE.test(paragraph);
}

const RESISTANCE_POSSIBLE =
  /\b(?:could|can)\s+(?:(?:\w+ly|still|easily)\s+)?(?:fight|stop|resist|push|pull|struggle|break|throw|shove|say no|get away|get free)\b/i;

/** How close three graphic words must stand to be one scene: a few short paragraphs. */
const SCENE_SPAN = 1500;

function hasExplicitScene(texts: readonly ChapterText[], hits: readonly CueHit[]): boolean {
  const narrated = hits.filter(
    (hit) => hit.kind === 'sexExplicit' && !inDialogue(texts[hit.chapter - 1]?.text ?? '', hit.start),
  );
  return narrated.some((hit, index) => {
    const third = narrated[index + 2];
    return third !== undefined && third.chapter === hit.chapter && third.start - hit.start <= SCENE_SPAN;
  });
}

/**
 * Finding nothing to raise the rating is evidence for General only when the whole story was read. A story
 * longer than the analysis reads, whose unread rest may hold anything, is left Not Rated (AO3's value for a
 * rating nobody chose) rather than guessed General. What was found is kept either way: it is the least the
 * story is.
 */
export function abstainUnlessRead(
  finding: Pick<ContentFinding, 'rating' | 'ratingEvidence'>,
  readWhole: boolean,
): Pick<ContentFinding, 'rating' | 'ratingEvidence'> {
  if (finding.rating !== 'General Audiences') return finding;
  if (!readWhole)
    return {
      rating: 'Not Rated',
      ratingEvidence: [
        { source: 'rule', reason: 'nothing to raise the rating in the part read, and the rest was not read' },
      ],
    };
  return finding;
}

function cite(texts: readonly ChapterText[], passage: Passage, kind: CueKind): Evidence {
  const hit = passage.hits.find((candidate) => candidate.kind === kind) ?? (passage.hits[0] as CueHit);
  return passageEvidence(texts, hit, `${kind}: ${hit.match}`);
}

const MILD_ENOUGH = 3;
/** Kisses told in narration that make a story Teen: one kiss, or one kissed back, stays General. */
const MAKING_OUT = 3;
const KISS = /^(?:kiss|lips)/i;
const MILD_PROFANITY =
  /^(?:damn|damned|damnit|bloody|bastard|piss|pissed|bugger|buggered|git|sod off|bitch|goddamn|arsehole|asshole|bollocks|wanker)/i;

// Violent words that rate a story but do not show violence by themselves: an injury afterwards (`four
// maybe-broken ribs`, `friends with broken bones, lying in hospital beds`), an act named by its noun
// (`endured mutilation by Angelus`).
const NOT_GORE =
  /^(?:broken (?:bones?|ribs|jaw|spine|skull)|(?:mutilation|decapitation|dismemberment|evisceration|disembowelment)s?)$/i;

// Force cues that say sex without consent by themselves, told as happening.
const NON_CONSENT =
  /^(?:rap(?:ed|ing)|forced (?:himself|herself) (?:on|onto|into)|took (?:her|him) anyway|violated|non-?consensual)/i;

// Force cues that name a sexual act, not just a fight.
const SEXUAL_FORCE =
  /^(?:rap|forced (?:himself|herself|her|him)|tore (?:her|his) clothes|non-?consensual|didn|without|took (?:her|him) anyway|violated)/i;
