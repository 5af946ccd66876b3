import type { ArchiveWarning, Evidence, Rating } from '../ingest/story.ts';
import type { CharacterCounts } from './characters.ts';
import type { CueKind } from './cues.ts';
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

  const explicitPassages = passages.filter((passage) => weightOf(passage, 'sexExplicit') >= 6);
  const explicit = total('sexExplicit');
  // Sex talked about in dialogue (`you had sex with him?`) is not sex on the page.
  const implied = passages.reduce(
    (sum, passage) =>
      sum +
      passage.hits
        .filter(
          (hit) => hit.kind === 'sexImplied' && !inDialogue(texts[hit.chapter - 1]?.text ?? '', hit.start),
        )
        .reduce((weight, hit) => weight + hit.weight, 0),
    0,
  );
  const graphic = total('violenceGraphic');
  const violence = total('violence');
  // Mild words (`damn`, `bloody`, `bastard`) are in stories of every rating, once or twice; the strong ones,
  // or the mild ones again and again, make a Teen story.
  const swearing = passages.flatMap((passage) => passage.hits.filter((hit) => hit.kind === 'profanity'));
  const mild = swearing.filter((hit) => MILD_PROFANITY.test(hit.match)).length;
  const profanity = swearing.length - mild + (mild >= MILD_ENOUGH ? mild : 0);

  let rating: Rating = 'General Audiences';
  let ratingEvidence: Evidence[] = [
    { source: 'rule', reason: 'no sexual, violent or strong-language passages found' },
  ];
  // Explicit: graphic sex in one passage, or spread over a scene; or violence so graphic it goes past Mature.
  const extremeViolence =
    graphic >= 24 && passages.filter((passage) => weightOf(passage, 'violenceGraphic') >= 6).length >= 3;
  if ((explicitPassages.length >= 1 && explicit >= 9) || explicit >= 12 || extremeViolence) {
    rating = 'Explicit';
    ratingEvidence = explicit >= 6 ? strongest('sexExplicit') : strongest('violenceGraphic');
  } else if (
    // One `they slept together` is gossip or a fade to black, not a scene on the page.
    explicit >= 3 ||
    implied >= 5 ||
    graphic >= 9 ||
    total('torture') >= 3 ||
    (total('force') >= 3 && implied + explicit >= 2)
  ) {
    rating = 'Mature';
    ratingEvidence = [
      ...strongest('sexExplicit', 2),
      ...strongest('sexImplied', 2),
      ...strongest('violenceGraphic', 2),
    ].slice(0, 4);
  } else if (profanity >= 1 || violence >= 8 || implied >= 2 || graphic >= 3 || total('death') >= 8) {
    rating = 'Teen And Up Audiences';
    ratingEvidence = [
      ...strongest('profanity', 2),
      ...strongest('violence', 1),
      ...strongest('sexImplied', 1),
      ...strongest('death', 1),
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
      .filter((hit) => hit.kind === 'violenceGraphic' && depicted(texts, hit))
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
  const forced = passages.filter((passage, index) => {
    const force = passage.hits.filter((hit) => hit.kind === 'force' && depicted(texts, hit));
    if (force.length === 0) return false;
    if (force.some((hit) => NON_CONSENT.test(hit.match))) return true;
    // A refusal said in this paragraph or the one just before (`"No," John said.` and then what was done).
    const before = passages[index - 1];
    const adjoining =
      before && before.chapter === passage.chapter && passage.start - before.end <= 3 ? before : null;
    const refused = weightOf(passage, 'refusal') + (adjoining ? weightOf(adjoining, 'refusal') : 0);
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

function cite(texts: readonly ChapterText[], passage: Passage, kind: CueKind): Evidence {
  const hit = passage.hits.find((candidate) => candidate.kind === kind) ?? (passage.hits[0] as CueHit);
  return passageEvidence(texts, hit, `${kind}: ${hit.match}`);
}

/** A named character's death: strong death cues close to the character's name or in the paragraphs they are in. */
function findCharacterDeath(
  texts: readonly ChapterText[],
  hits: readonly CueHit[],
  counts: Map<KnownCharacter, CharacterCounts>,
): Evidence[] | null {
  // `thinking Sherlock was dead`, `faked his death`: a death believed or staged is not a death.
  const believed = (hit: CueHit) => {
    const before = (texts[hit.chapter - 1]?.text ?? '').slice(Math.max(0, hit.start - 45), hit.start);
    return /\b(?:thought|thinking|think|believed|believing|believe|pretend\w*|fak\w*|presumed|supposed\w*|as if|rumou?r\w*|if)\b/i.test(
      before,
    );
  };
  // A death told as happening in the story (`She's dead,` said over her is one): not negated or
  // hypothetical, not a killing told in the past perfect (`John had killed men in the war`).
  const deathHits = hits.filter((hit) => {
    if (hit.kind !== 'death' || !STRONG_DEATH.test(hit.match) || believed(hit)) return false;
    const text = texts[hit.chapter - 1]?.text ?? '';
    const { before } = sentenceAround(text, hit.start, hit.end);
    // `She's gone.` said over someone as a sentence of its own, not `then she's gone, leaving him alone` or
    // `care that she's gone`.
    if (/gone$/i.test(hit.match) && !(/^[.!"”]/.test(text.charAt(hit.end)) && /^\s*["“]?$/.test(before)))
      return false;
    if (NOT_HAPPENING.test(before)) return false;
    return !(/^(?:killed|murdered)/i.test(hit.match) && /\b(?:had|['’]d)\b/i.test(before));
  });
  if (deathHits.length === 0) return null;
  const totalMentions = [...counts.values()].reduce((sum, entry) => sum + entry.total, 0);
  const paragraphOf = (chapter: number, offset: number) => {
    const text = texts[chapter - 1]?.text ?? '';
    return `${chapter}:${text.lastIndexOf('\n\n', offset)}`;
  };
  for (const entry of [...counts.values()].sort((a, b) => b.total - a.total)) {
    // Only characters who matter to the story make a death "major".
    if (entry.total < 2 || entry.total < totalMentions * 0.05) continue;
    const paragraphs = new Set(entry.mentions.map((mention) => paragraphOf(mention.chapter, mention.start)));
    // `She's gone` ties to nobody by nearness: only a pronoun that can be theirs makes it their death.
    const close = deathHits.filter(
      (hit) =>
        !/gone$/i.test(hit.match) &&
        entry.mentions.some(
          (mention) => mention.chapter === hit.chapter && Math.abs(mention.start - hit.start) < 120,
        ),
    );
    // `Fred's body`, `Tara's grave`: the possessive ties the cue to the character.
    for (const mention of entry.mentions) {
      const text = texts[mention.chapter - 1]?.text ?? '';
      const after = /^['’]s (?:body|corpse|grave|funeral|coffin|death)\b/.exec(
        text.slice(mention.end, mention.end + 12),
      );
      if (after)
        close.push({
          kind: 'death',
          weight: 2,
          chapter: mention.chapter,
          start: mention.start,
          end: mention.end + after[0].length,
          match: after[0],
        });
    }
    const sameParagraph = deathHits.filter((hit) => paragraphs.has(paragraphOf(hit.chapter, hit.start)));
    // The name right against the cue (`Fred died`, `Tara was dead`, `killed Severus Snape`), or a pronoun
    // that can only be them (`She died` after Anya was the last woman named): one is enough.
    const tight = deathHits.filter((hit) => {
      if (!VERY_STRONG_DEATH.test(hit.match)) return false;
      // `killed` and `murdered` name the killer before them, unless passive (`Tara was killed`).
      const text = texts[hit.chapter - 1]?.text ?? '';
      const agent = /^(?:killed|murdered)$/i.test(hit.match);
      if (
        entry.mentions.some(
          (m) =>
            m.chapter === hit.chapter &&
            ((m.end <= hit.start &&
              hit.start - m.end <= 12 &&
              (!agent || /^\s+(?:was|had been|got)\s+$/.test(text.slice(m.end, hit.start)))) ||
              (hit.end <= m.start && m.start - hit.end <= 2)),
        )
      )
        return true;
      const pronoun =
        /\b(she|he)(?:['’]s)?\s+(?:was\s+|is\s+)?$/i.exec(
          text.slice(Math.max(0, hit.start - 12), hit.start),
        ) ??
        /^killed (her|him)$/i.exec(hit.match) ??
        /^(she|he)['’]s gone$/i.exec(hit.match);
      if (!pronoun) return false;
      const gender = /^(?:she|her)$/i.test(pronoun[1] as string) ? 'female' : 'male';
      return lastNamed(counts, hit.chapter, hit.start, gender) === entry.character;
    });
    if (tight.length > 0)
      return tight
        .slice(0, 3)
        .map((hit) => passageEvidence(texts, hit, `death of ${entry.character.name}: ${hit.match}`));
    // The name near several death cues, or the possessive (`Fred's body`), with more in the paragraph.
    if (close.length >= 2 || (close.length >= 1 && sameParagraph.length >= 3) || sameParagraph.length >= 4) {
      const cited = close.length > 0 ? close : sameParagraph;
      return cited
        .slice(0, 3)
        .map((hit) => passageEvidence(texts, hit, `death of ${entry.character.name}: ${hit.match}`));
    }
  }
  return null;
}

const VERY_STRONG_DEATH =
  /^(?:(?:she|he)['’]s gone|didn['’]t take another|(?:breathed|drew) (?:her|his) last|died|killed(?: her| him)?|(?:was|is|'s|’s) dead|murdered|passed away|bled to death)$/i;

/** The character of a gender named last before an offset in a chapter, to resolve `she` and `he`. */
function lastNamed(
  counts: Map<KnownCharacter, CharacterCounts>,
  chapter: number,
  offset: number,
  gender: 'female' | 'male',
): KnownCharacter | null {
  let best: KnownCharacter | null = null;
  let bestAt = -1;
  for (const entry of counts.values()) {
    if (entry.character.gender !== gender) continue;
    for (const mention of entry.mentions) {
      if (mention.chapter === chapter && mention.start < offset && mention.start > bestAt) {
        best = entry.character;
        bestAt = mention.start;
      }
    }
  }
  return best;
}

/** The sentence around a span: from the end of the one before to its own end. */
export function sentenceAround(text: string, start: number, end: number): { before: string; after: string } {
  let from = start;
  while (from > 0 && !/[.!?\n]/.test(text[from - 1] as string)) from--;
  let to = end;
  while (to < text.length && !/[.!?\n]/.test(text[to] as string)) to++;
  return { before: text.slice(from, start), after: text.slice(end, to) };
}

/** Inside quoted speech in its paragraph: an odd number of straight quotes, or an open curly one, before it. */
export function inDialogue(text: string, offset: number): boolean {
  const paragraph = text.slice(text.lastIndexOf('\n\n', offset) + 1, offset);
  const straight = paragraph.split('"').length - 1;
  const open = paragraph.split('“').length - paragraph.split('”').length;
  return straight % 2 === 1 || open > 0;
}

// Words in a sentence before a cue that make it something other than an event of the story: negation, a
// wish, a threat or a possibility, a memory told in the past perfect, a belief.
const NOT_HAPPENING =
  /\b(?:not|never|didn['’]t|don['’]t|doesn['’]t|wasn['’]t|weren['’]t|isn['’]t|won['’]t|wouldn['’]t|couldn['’]t|if|unless|would|might|should|will|wanted to|going to|gonna|threatened|imagined|dreamed|dreamt|as if|almost|nearly|had (?:been|once)|thought|believed|pretend\w*|fak\w*|what (?:he|she|they) did|nothing (?:compared|like)|unlike|the pain of)\b/i;

/** A cue told as something happening in the story: narration, not negated, not hypothetical, not a memory. */
function depicted(texts: readonly ChapterText[], hit: CueHit): boolean {
  const text = texts[hit.chapter - 1]?.text ?? '';
  if (inDialogue(text, hit.start)) return false;
  return !NOT_HAPPENING.test(sentenceAround(text, hit.start, hit.end).before);
}

/** An age that is someone's now (`she was sixteen`, `the sixteen-year-old`), not a memory or someone else's. */
function statedOfNow(texts: readonly ChapterText[], hit: CueHit): boolean {
  const text = texts[hit.chapter - 1]?.text ?? '';
  const { before, after } = sentenceAround(text, hit.start, hit.end);
  if (/\b(?:when|since|at|back then|years ago|used to|had been|remember\w*|once)\b/i.test(before))
    return false;
  // `a fifteen-year-old sister`, `his sixteen-year-old cousin`: someone else, named by kin.
  if (
    /^[- ](?:sister|brother|son|daughter|cousin|niece|nephew|sibling|kid sister|kid brother)\b/i.test(after)
  )
    return false;
  return true;
}

const MILD_ENOUGH = 2;
const MILD_PROFANITY =
  /^(?:damn|damned|damnit|bloody|bastard|piss|pissed|bugger|buggered|git|sod off|bitch|goddamn|arsehole|asshole|bollocks|wanker)/i;

// Force cues that say sex without consent by themselves, told as happening.
const NON_CONSENT =
  /^(?:rap(?:ed|ing)|forced (?:himself|herself) (?:on|onto|into)|took (?:her|him) anyway|violated|non-?consensual)/i;

// Force cues that name a sexual act, not just a fight.
const SEXUAL_FORCE =
  /^(?:rap|forced (?:himself|herself|her|him)|tore (?:her|his) clothes|non-?consensual|didn|without|took (?:her|him) anyway|violated)/i;

// Cues that say someone died, not that something is dead (vampires are dead all the time) or dusted.
const STRONG_DEATH =
  /^(?:died|dies|killed(?: her| him| them)?|funeral|murdered|corpse|dead body|(?:she|he)['’]s gone|stopped breathing|no pulse|last breath|lifeless|mourn(?:ed|ing)?|never woke|passed away|grave(?:side|stone)|coffin|rest in peace|(?:was|is|'s|’s) dead|bled to death|didn['’]t take another|(?:breathed|drew) (?:her|his) last|(?:wasn['’]t|isn['’]t|not) breathing|no heartbeat)$/i;
