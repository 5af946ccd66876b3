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
  const implied = total('sexImplied');
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

  // Graphic violence: gore described in more than one place, or at length in one.
  const gory = passages.filter((passage) => weightOf(passage, 'violenceGraphic') >= 3);
  if (graphic >= 6 && gory.length >= 1) {
    warnings.push({ warning: 'Graphic Depictions Of Violence', evidence: strongest('violenceGraphic') });
  }

  // Non-consent: force or refusal in the same passage as sexual content.
  // Non-consent: force with sexual content or refusal in one passage, or force that names a sexual act.
  const forced = passages.filter(
    (passage) =>
      (weightOf(passage, 'force') >= 3 &&
        weightOf(passage, 'sexExplicit') + weightOf(passage, 'sexImplied') + weightOf(passage, 'refusal') >=
          2) ||
      (weightOf(passage, 'force') >= 6 &&
        passage.hits.some((hit) => hit.kind === 'force' && SEXUAL_FORCE.test(hit.match))),
  );
  const rapeWords = hits.filter((hit) => hit.kind === 'force' && /^rap(?:ed|ing)\b/i.test(hit.match)).length;
  if (forced.length >= 1 || rapeWords >= 1) {
    const evidence = (
      forced.length > 0 ? forced : passages.filter((passage) => weightOf(passage, 'force') > 0)
    )
      .slice(0, 3)
      .map((passage) => cite(texts, passage, 'force'));
    warnings.push({ warning: 'Rape/Non-Con', evidence });
  }

  // Sex involving a minor: a stated age under 18 in a chapter with sexual content.
  const sexualChapters = new Set(
    passages
      .filter((passage) => weightOf(passage, 'sexExplicit') + weightOf(passage, 'sexImplied') >= 3)
      .map((passage) => passage.chapter),
  );
  const minorPassages = passages.filter(
    (passage) => weightOf(passage, 'minorAge') > 0 && sexualChapters.has(passage.chapter),
  );
  if (minorPassages.length > 0 && explicit + implied >= 5) {
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
  const deathHits = hits.filter(
    (hit) => hit.kind === 'death' && STRONG_DEATH.test(hit.match) && !believed(hit),
  );
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
    const close = deathHits.filter((hit) =>
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
      if (
        entry.mentions.some(
          (m) =>
            m.chapter === hit.chapter &&
            ((m.end <= hit.start && hit.start - m.end <= 12) ||
              (hit.end <= m.start && m.start - hit.end <= 2)),
        )
      )
        return true;
      const text = texts[hit.chapter - 1]?.text ?? '';
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

const MILD_ENOUGH = 2;
const MILD_PROFANITY =
  /^(?:damn|damned|damnit|bloody|bastard|piss|pissed|bugger|buggered|git|sod off|bitch|goddamn|arsehole|asshole|bollocks|wanker)/i;

// Force cues that name a sexual act, not just a fight.
const SEXUAL_FORCE =
  /^(?:rap|forced (?:himself|herself)|tore (?:her|his) clothes|non-?consensual|didn|without|took (?:her|him) anyway|violated)/i;

// Cues that say someone died, not that something is dead (vampires are dead all the time) or dusted.
const STRONG_DEATH =
  /^(?:died|dies|killed(?: her| him| them)?|funeral|murdered|corpse|(?:his|her|the|dead) body|stopped breathing|no pulse|last breath|buried|lifeless|never woke|passed away|grave(?:side|stone)?|coffin|mourn(?:ed|ing)?|rest in peace|(?:was|is|'s|’s) dead|what was left of|stopped moving|never moved again|bled to death|(?:she|he)['’]s gone|didn['’]t take another|(?:breathed|drew) (?:her|his) last|(?:wasn['’]t|isn['’]t|not) breathing|no heartbeat)$/i;
