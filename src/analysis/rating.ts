import type { Rating } from '../domain/required-tags.ts';
import type { Evidence } from '../ingest/story.ts';
import { depicted, inDialogue } from './cue-context.ts';
import type { CueKind } from './cues/cue.ts';
import { groupByParagraph, type Passage, strongestOf, weightOf } from './paragraphs.ts';
import type { ChapterText, CueHit } from './passages.ts';

const RATING_ORDER: Rating[] = ['General Audiences', 'Teen And Up Audiences', 'Mature', 'Explicit'];

export function ratingRank(rating: Rating): number {
  return rating === 'Not Rated' ? -1 : RATING_ORDER.indexOf(rating);
}

/** What the rating is decided from: cue weights told on the page, as the rules below count them. */
export interface RatingSignals {
  /** Graphic sexual words in narration. */
  explicit: number;
  /** Words that say sex happened without being graphic, in narration. */
  implied: number;
  /** Paragraphs graphic enough by themselves, and whether three graphic words stand close as one scene. */
  explicitPassages: number;
  explicitScene: boolean;
  graphic: number;
  graphicPassages: number;
  violence: number;
  tortureOnPage: number;
  force: number;
  profanity: number;
  kisses: number;
}

/** Measure the signals and rate a story's text from them, keeping the passages that decided it. */
export function rateContent(
  texts: readonly ChapterText[],
  hits: readonly CueHit[],
  passages: readonly Passage[] = groupByParagraph(texts, hits),
): { rating: Rating; evidence: Evidence[]; signals: RatingSignals } {
  const signals = ratingSignals(texts, hits, passages);
  const strongest = (kind: CueKind, limit = 3) => strongestOf(texts, passages, kind, limit);
  const { explicit, implied, graphic, kisses } = signals;

  // Explicit: graphic sex in one passage, or spread over a scene; or violence so graphic it goes past Mature.
  const extremeViolence = graphic >= 24 && signals.graphicPassages >= 3;
  if (
    ((signals.explicitPassages >= 1 || signals.explicitScene) && explicit >= 9) ||
    explicit >= 12 ||
    extremeViolence
  ) {
    return {
      rating: 'Explicit',
      evidence: explicit >= 6 ? strongest('sexExplicit') : strongest('violenceGraphic'),
      signals,
    };
  }
  if (
    // One `they slept together` is gossip or a fade to black, not a scene on the page.
    explicit >= 3 ||
    implied >= 5 ||
    graphic >= 9 ||
    signals.tortureOnPage >= 3 ||
    (signals.force >= 3 && implied + explicit >= 2)
  ) {
    return {
      rating: 'Mature',
      evidence: [
        ...strongest('sexExplicit', 2),
        ...strongest('sexImplied', 2),
        ...strongest('violenceGraphic', 2),
      ].slice(0, 4),
      signals,
    };
  }
  if (
    signals.profanity >= 1 ||
    signals.violence >= 8 ||
    implied >= SUGGESTIVE ||
    graphic >= 3 ||
    kisses >= MAKING_OUT
  ) {
    return {
      rating: 'Teen And Up Audiences',
      evidence: [
        ...strongest('profanity', 2),
        ...strongest('violence', 1),
        ...strongest('sexImplied', 1),
        ...(kisses >= MAKING_OUT ? strongest('romance', 2) : []),
      ].slice(0, 4),
      signals,
    };
  }
  return {
    rating: 'General Audiences',
    evidence: [{ source: 'rule', reason: 'no sexual, violent or strong-language passages found' }],
    signals,
  };
}

export function ratingSignals(
  texts: readonly ChapterText[],
  hits: readonly CueHit[],
  passages: readonly Passage[],
): RatingSignals {
  const total = (kind: CueKind) => passages.reduce((sum, passage) => sum + weightOf(passage, kind), 0);
  // Sex talked about in dialogue (`you had sex with him?`, `you're a cunt`) is not sex on the page.
  const narratedHit = (hit: CueHit) => !inDialogue(texts[hit.chapter - 1]?.text ?? '', hit.start);
  const narrated = (passage: Passage, kind: CueKind) =>
    passage.hits
      .filter((hit) => hit.kind === kind && narratedHit(hit))
      .reduce((weight, hit) => weight + hit.weight, 0);
  const narratedTotal = (kind: CueKind) =>
    passages.reduce((sum, passage) => sum + narrated(passage, kind), 0);
  // Mild words (`damn`, `bloody`, `bastard`) are in stories of every rating, a couple of times; the strong
  // ones, or the mild ones again and again, make a Teen story. Death, grief and funerals alone do not: AO3
  // rates a story by how things are shown, and Major Character Death is a warning of its own.
  const swearing = hits.filter((hit) => hit.kind === 'profanity');
  const mild = swearing.filter((hit) => MILD_PROFANITY.test(hit.match)).length;
  return {
    explicit: narratedTotal('sexExplicit'),
    implied: narratedTotal('sexImplied'),
    explicitPassages: passages.filter((passage) => narrated(passage, 'sexExplicit') >= 6).length,
    // A sex scene written in short paragraphs (a line of dialogue, a line of what they do) is still one
    // scene: three graphic words in narration close together, not three scattered over a long story.
    explicitScene: hasExplicitScene(hits.filter((hit) => hit.kind === 'sexExplicit' && narratedHit(hit))),
    graphic: total('violenceGraphic'),
    graphicPassages: passages.filter((passage) => weightOf(passage, 'violenceGraphic') >= 6).length,
    violence: total('violence'),
    // Torture told as happening now, not `he'd been tortured once` or `I'll torture you`.
    tortureOnPage: hits
      .filter((hit) => hit.kind === 'torture' && depicted(texts, hit))
      .reduce((sum, hit) => sum + hit.weight, 0),
    force: total('force'),
    profanity: swearing.length - mild + (mild >= MILD_ENOUGH ? mild : 0),
    // A kiss is General (AO3 and real fans agree); kissing told again and again, making out, is what real
    // fans rate Teen. Counted in narration: `you kissed me back` said in a quarrel is not a scene.
    kisses: hits.filter((hit) => hit.kind === 'romance' && KISS.test(hit.match) && narratedHit(hit)).length,
  };
}

/** How close three graphic words must stand to be one scene: a few short paragraphs. */
const SCENE_SPAN = 1500;

function hasExplicitScene(narrated: readonly CueHit[]): boolean {
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
  finding: { rating: Rating; ratingEvidence: Evidence[] },
  readWhole: boolean,
): { rating: Rating; ratingEvidence: Evidence[] } {
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

const MILD_ENOUGH = 3;
/**
 * Non-graphic sexual words in narration that make a story Teen: one `naked`, one `moans`, one `sex` said in
 * passing is in General stories too (a swim, a wound dressed, a remark); two of them, or `slept together`
 * and one more, suggest sex in the story.
 */
const SUGGESTIVE = 4;
/** Kisses told in narration that make a story Teen: one kiss, or one kissed back, stays General. */
const MAKING_OUT = 3;
const KISS = /^(?:kiss|lips)/i;
const MILD_PROFANITY =
  /^(?:damn|damned|damnit|bloody|bastard|piss|pissed|bugger|buggered|git|sod off|bitch|goddamn|arsehole|asshole|bollocks|wanker)/i;
