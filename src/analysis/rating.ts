import type { Rating } from '../domain/required-tags.ts';
import type { Evidence } from '../ingest/story.ts';
import { depicted, inDialogue } from './cue-context.ts';
import type { CueKind } from './cues/cue.ts';
import { groupByParagraph, type Passage, strongestOf, weightOf } from './paragraphs.ts';
import { type ChapterText, type CueHit, passageEvidence } from './passages.ts';

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
  /** Gore told as happening in the story: not negated, not a memory, not said in speech. */
  graphicShown: number;
  violence: number;
  tortureOnPage: number;
  /** Force told as happening in a paragraph with sex in it: not a fight, not `against his will` of a chore. */
  forcedSex: number;
  /** Different drugs and ways of taking them named in narration. */
  drugUse: number;
  /** Different kink words (bondage, a flogger, a safeword) in narration. */
  kink: number;
  /** Different sex acts and kink words said aloud in speech (`a blowjob`, `spank me`), not insults. */
  sexualTalk: number;
  profanity: number;
  kisses: number;
}

/** One way a rating is reached: the measure, the rating it gives, and the passages that show it. */
interface RatingRule {
  rating: Rating;
  holds: boolean;
  because: string;
  evidence: () => Evidence[];
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
  const sexual = () => [...strongest('sexExplicit', 2), ...strongest('sexImplied', 2)].slice(0, 3);

  const rules: RatingRule[] = [
    // Explicit: graphic sex in one passage, or spread over a scene; or violence so graphic it goes past Mature.
    {
      rating: 'Explicit',
      holds: ((signals.explicitPassages >= 1 || signals.explicitScene) && explicit >= 9) || explicit >= 12,
      because: `explicit sex: graphic words weighing ${explicit}, in one scene`,
      evidence: () => strongest('sexExplicit'),
    },
    {
      rating: 'Explicit',
      holds: graphic >= 24 && signals.graphicPassages >= 3,
      because: `gore in ${signals.graphicPassages} passages, weighing ${graphic}`,
      evidence: () => strongest('violenceGraphic'),
    },
    // Mature: sex on the page without the detail of an Explicit scene. One graphic word is not a scene (a
    // crude remark, a body part named in passing); two are, and so is one with the words around sex.
    {
      rating: 'Mature',
      holds: explicit >= 6 || (explicit >= 3 && implied >= 2) || implied >= 5,
      because: `sex on the page: graphic words weighing ${explicit}, other sexual words ${implied}`,
      evidence: sexual,
    },
    {
      rating: 'Mature',
      holds: graphic >= 9 || signals.tortureOnPage >= 3,
      because: `strong violence: gore weighing ${graphic}, torture on the page ${signals.tortureOnPage}`,
      evidence: () => [...strongest('violenceGraphic', 2), ...strongest('torture', 1)],
    },
    {
      rating: 'Mature',
      holds: signals.forcedSex >= 3,
      because: 'force in a sexual passage',
      evidence: () => strongest('force', 2),
    },
    // AO3's Mature covers heavy drug use: drugs taken on the page, not one joint or `drugs` said once.
    {
      rating: 'Mature',
      holds: signals.drugUse >= DRUG_USE,
      because: `drug use: ${signals.drugUse} different drug words`,
      evidence: () => strongest('drugs', 2),
    },
    {
      rating: 'Mature',
      holds: signals.kink >= KINK,
      because: `kink: ${signals.kink} different kink words`,
      evidence: () => strongest('bdsm', 2),
    },
    // Sex talked over frankly, acts and kinks named in speech, is adult content though nothing is shown.
    {
      rating: 'Mature',
      holds: signals.sexualTalk >= SEXUAL_TALK,
      because: `frank sexual talk: ${signals.sexualTalk} different sex acts or kinks named in speech`,
      evidence: () =>
        distinctTalk(texts, hits)
          .slice(0, 2)
          .map((hit) => passageEvidence(texts, hit, `${hit.kind}: ${hit.match}`)),
    },
    // Teen: strong language, violence that is not graphic, sex suggested, making out.
    {
      rating: 'Teen And Up Audiences',
      holds: signals.profanity >= 1,
      because: `strong language: ${signals.profanity} words counted`,
      evidence: () => strongest('profanity', 2),
    },
    {
      rating: 'Teen And Up Audiences',
      holds: signals.violence >= VIOLENT || signals.graphicShown >= 3,
      because: `violence: violent words ${signals.violence}, gore ${graphic}, shown ${signals.graphicShown}`,
      evidence: () => [...strongest('violenceGraphic', 1), ...strongest('violence', 2)],
    },
    {
      rating: 'Teen And Up Audiences',
      holds: implied >= SUGGESTIVE || explicit >= 3,
      because: `sex suggested or named, not shown: sexual words ${implied}, graphic ${explicit}`,
      evidence: sexual,
    },
    {
      rating: 'Teen And Up Audiences',
      holds: kisses >= MAKING_OUT,
      because: `making out: ${kisses} kisses in narration`,
      evidence: () => strongest('romance', 2),
    },
  ];
  const decided = rules.find((rule) => rule.holds);
  if (!decided)
    return {
      rating: 'General Audiences',
      evidence: [{ source: 'rule', reason: 'no sexual, violent or strong-language passages found' }],
      signals,
    };
  return {
    rating: decided.rating,
    evidence: [{ source: 'rule', reason: decided.because }, ...decided.evidence()],
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
  const distinctNarrated = (kind: CueKind, exclude: RegExp) =>
    new Set(
      hits
        .filter((hit) => hit.kind === kind && !exclude.test(hit.match) && narratedHit(hit))
        .map((hit) => hit.match.toLowerCase().replace(INFLECTION, '')),
    ).size;
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
    // One gory word makes a story Teen when it is shown (`his throat torn open` on the body they find), not
    // when it is mentioned: `not beheaded or anything`, the way she last saw him, bleeding out.
    graphicShown: hits
      .filter((hit) => hit.kind === 'violenceGraphic' && depicted(texts, hit))
      .reduce((sum, hit) => sum + hit.weight, 0),
    // Violence in narration: a threat or a joke in speech (`I'll kill you`) is not a fight on the page.
    violence: narratedTotal('violence'),
    // Torture told as happening now, not `he'd been tortured once` or `I'll torture you`.
    tortureOnPage: hits
      .filter((hit) => hit.kind === 'torture' && depicted(texts, hit))
      .reduce((sum, hit) => sum + hit.weight, 0),
    forcedSex: passages
      .filter((passage) => narrated(passage, 'sexExplicit') + narrated(passage, 'sexImplied') >= 2)
      .flatMap((passage) => passage.hits.filter((hit) => hit.kind === 'force' && depicted(texts, hit)))
      .reduce((sum, hit) => sum + hit.weight, 0),
    drugUse: distinctNarrated('drugs', NOT_DRUG_USE),
    kink: distinctNarrated('bdsm', NOT_KINK),
    sexualTalk: distinctTalk(texts, hits).length,
    profanity: swearing.length - mild + (mild >= MILD_ENOUGH ? mild : 0),
    // A kiss is General (AO3 and real fans agree); kissing told again and again, making out, is what real
    // fans rate Teen. Counted in narration: `you kissed me back` said in a quarrel is not a scene.
    kisses: hits.filter((hit) => hit.kind === 'romance' && KISS.test(hit.match) && narratedHit(hit)).length,
  };
}

/** The first hit of each different sex act or kink word said in speech, insults left out. */
function distinctTalk(texts: readonly ChapterText[], hits: readonly CueHit[]): CueHit[] {
  const seen = new Map<string, CueHit>();
  for (const hit of hits) {
    if (hit.kind !== 'sexExplicit' && (hit.kind !== 'bdsm' || NOT_KINK.test(hit.match))) continue;
    if (INSULT.test(hit.match) || !inDialogue(texts[hit.chapter - 1]?.text ?? '', hit.start)) continue;
    const word = hit.match.toLowerCase().replace(INFLECTION, '');
    if (!seen.has(word)) seen.set(word, hit);
  }
  return [...seen.values()];
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

const MILD_ENOUGH = 1000;
/** Violent words (a fight, a stake, a wound) that make a story Teen: a punch or two is in General stories. */
const VIOLENT = 8;
/** Different drug words for drug use on the page (`snorted a line`, `high on`, `coke`), not one mention. */
const DRUG_USE = 3;
/** Different kink words for a kink scene rather than one `on his knees` or a collar. */
const KINK = 2;
// A word for drugs in general says nothing of anyone taking them (`the drugs trade`, `drugged` by someone).
/** `snorted a line` and `snorts a line` are one sign, counted once. */
const INFLECTION = /(?:s|ed|ing)\b/g;
const NOT_DRUG_USE = /^drug(?:s|ged)?$/i;
// Kink words that are as often something else: kneeling to pray or to tie a lace, a shirt collar, a
// sub (marine, sandwich) or a dominant hand.
const NOT_KINK = /^(?:on (?:her|his|your|my) knees|collar(?:ed)?|dom|sub|dominant|good (?:girl|boy))$/i;
/** Different sex acts or kinks named in speech for frank sexual talk: one is a crude remark. */
const SEXUAL_TALK = 2;
// Graphic words that in speech are as often insults (`you cock`, `shut your dick`) or a body named in passing
// (`her nipples showed through the shirt`) as talk of sex.
const INSULT = /^(?:cocks?|cunts?|pussy|nipples?|(?:his|my|your) (?:dick|balls|prick))$/i;
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
