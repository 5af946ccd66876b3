import type { CharacterCounts } from './characters/resolve.ts';
import { inDialogue, sentenceAround } from './cue-context.ts';
import type { KnownCharacter } from './knowledge.ts';
import { paragraphAround } from './paragraphs.ts';
import type { ChapterText, CueHit } from './passages.ts';

/*
 * A death written without death words: a body found and held (`Her skin was cold`, `Joyce didn't answer`,
 * `"Fred, get up."`, `The dead were laid out ... were Lupin and Tonks`). Each sign is weak alone (people
 * don't answer, eyes are open, someone is told to get up in a fight), so only several together make a death
 * scene: three within a few paragraphs, of at least two kinds, at least one tied to the character by name
 * or by a pronoun that can only be theirs.
 */

type SignKind = 'cold' | 'unanswered' | 'unseeing' | 'plea' | 'limp' | 'scene' | 'death';

const SIGNS: { kind: SignKind; pattern: RegExp }[] = [
  {
    kind: 'cold',
    pattern: /^(?:\w+ (?:was|were|felt|had gone|had grown|went) (?:cold|icy|stiff|waxy)|which was cold)$/i,
  },
  {
    kind: 'unanswered',
    pattern:
      /^(?:(?:didn['’]t|couldn['’]t|wouldn['’]t|never) (?:just )?(?:answer|get (?:back )?up|wake(?: up)?|stir))$/i,
  },
  {
    kind: 'unseeing',
    pattern: /^(?:(?:weren['’]t|wasn['’]t) looking at anything|eyes (?:were |still |stayed )?\w+)$/i,
  },
  { kind: 'plea', pattern: /^(?:please )?(?:get|wake) up[.!]$/i },
  { kind: 'limp', pattern: /^(?:loose and wrong|\w+ limp)$/i },
  // Signs of a death that name nobody: they count for each character named in their paragraph.
  {
    kind: 'scene',
    pattern:
      /^(?:the body|the dead (?:were|lay)|nobody answered|nothing \w+ could (?:have )?do(?:ne)?|(?:she|he)['’]s been gone)$/i,
  },
];

// A sign supposed, not seen: `as if he would never wake`, `she dreamed his skin was cold`. (Not the
// negations of NOT_HAPPENING: these signs are negative themselves, `didn't answer`.)
const SUPPOSED =
  /\b(?:if|unless|would|might|should|will|['’]ll|going to|as if|imagined|dream\w*|pretend\w*|fak\w*|thought|believed|memor(?:y|ies)|remember\w*)\b/i;

/** How far apart the signs of one death scene may stand: a few paragraphs. */
const SCENE_SPAN = 2500;

interface Signal {
  kind: SignKind;
  tied: boolean;
  hit: CueHit;
}

/**
 * The signs of a death scene for one character, or null. `strong` are the death words already tied to the
 * character's paragraphs (`died`, `was dead`), which count as signs too.
 */
export function deathScene(
  texts: readonly ChapterText[],
  hits: readonly CueHit[],
  counts: Map<KnownCharacter, CharacterCounts>,
  entry: CharacterCounts,
  strong: readonly CueHit[],
): CueHit[] | null {
  const signals: Signal[] = strong.map((hit) => ({ kind: 'death', tied: false, hit }));
  for (const hit of hits) {
    if (hit.kind !== 'death') continue;
    const kind = SIGNS.find((sign) => sign.pattern.test(hit.match))?.kind;
    if (!kind) continue;
    const text = texts[hit.chapter - 1]?.text ?? '';
    if (SUPPOSED.test(sentenceAround(text, hit.start, hit.end).before)) continue;
    if (kind === 'plea') {
      // `"Fred, get up."`: called by name in the same speech.
      const opened = Math.max(text.lastIndexOf('"', hit.start - 1), text.lastIndexOf('“', hit.start - 1));
      if (inDialogue(text, hit.start) && namedIn(entry, hit.chapter, opened, hit.start))
        signals.push({ kind, tied: true, hit });
      continue;
    }
    if (inDialogue(text, hit.start) && kind !== 'scene') continue;
    if (kind === 'scene') {
      const paragraph = paragraphAround(text, hit.start, hit.end);
      if (namedIn(entry, hit.chapter, paragraph.start, paragraph.end))
        signals.push({ kind, tied: false, hit });
      continue;
    }
    if (tiedTo(texts, counts, hit) === entry.character) signals.push({ kind, tied: true, hit });
  }
  signals.sort((a, b) => a.hit.chapter - b.hit.chapter || a.hit.start - b.hit.start);
  for (let first = 0; first < signals.length; first++) {
    const start = signals[first] as Signal;
    const scene = signals.filter(
      (signal, index) =>
        index >= first &&
        signal.hit.chapter === start.hit.chapter &&
        signal.hit.start - start.hit.start <= SCENE_SPAN,
    );
    if (
      scene.length >= 3 &&
      new Set(scene.map((signal) => signal.kind)).size >= 2 &&
      scene.some((signal) => signal.tied)
    )
      return scene.map((signal) => signal.hit);
  }
  return null;
}

/** Whether the character is named between two offsets of a chapter. */
function namedIn(entry: CharacterCounts, chapter: number, from: number, to: number): boolean {
  return entry.mentions.some(
    (mention) => mention.chapter === chapter && mention.start >= from && mention.end <= to,
  );
}

/**
 * Whose sign this is: the character named last in its sentence before it (`Fred's head moved ... loose and
 * wrong`, `Joyce didn't answer`), else the one a pronoun in that sentence can only be (`Her skin was cold`).
 */
function tiedTo(
  texts: readonly ChapterText[],
  counts: Map<KnownCharacter, CharacterCounts>,
  hit: CueHit,
): KnownCharacter | null {
  const text = texts[hit.chapter - 1]?.text ?? '';
  const { before } = sentenceAround(text, hit.start, hit.end);
  const from = hit.start - before.length;
  let named: { character: KnownCharacter; start: number } | null = null;
  for (const entry of counts.values()) {
    for (const mention of entry.mentions) {
      if (mention.chapter === hit.chapter && mention.start >= from && mention.end <= hit.start) {
        if (!named || mention.start > named.start)
          named = { character: entry.character, start: mention.start };
      }
    }
  }
  if (named) return named.character;
  const pronoun = /\b(she|her|he|his|him)\b/i.exec(before);
  if (!pronoun) return null;
  const gender = /^(?:she|her)$/i.test(pronoun[1] as string) ? 'female' : 'male';
  return lastNamed(counts, hit.chapter, from, gender)?.character ?? null;
}

/** The character of a gender named last before an offset in a chapter, to resolve `she` and `he` (in speech, not the one spoken to). */
export function lastNamed(
  counts: Map<KnownCharacter, CharacterCounts>,
  chapter: number,
  offset: number,
  gender: 'female' | 'male',
  skipVocatives = false,
): { character: KnownCharacter; start: number; end: number } | null {
  let best: { character: KnownCharacter; start: number; end: number } | null = null;
  for (const entry of counts.values()) {
    if (entry.character.gender !== gender) continue;
    for (const mention of entry.mentions) {
      if (skipVocatives && mention.vocative) continue;
      if (mention.chapter === chapter && mention.start < offset && (!best || mention.start > best.start)) {
        best = { character: entry.character, start: mention.start, end: mention.end };
      }
    }
  }
  return best;
}
