import { negatedAt, partOfSpeechAt, readCueSentence } from './nlp.ts';
import type { ChapterText, CueHit } from './passages.ts';

/* Whether a cue tells something happening in the story now: narration, not speech; not negated, wished,
 * threatened or remembered. */

// A full stop after a title or an initial (`Mr. Giles`, `Dr. Wilson`, `Sgt. Finn`, `J. Smith`) may not end
// the sentence: a capital and at most three other consonants, as such abbreviations are written. The
// model is asked only then; `No.`, `Her.` and every other full stop end the sentence at no cost.
const SHORT_WORD_STOP = /(?:^|[^\p{L}])\p{Lu}[b-df-hj-np-tv-z]{0,3}\.$/u;

/**
 * The sentence around a span: from the end of the one before to its own end. A full stop ends it, unless it
 * stands after what may be a title or an initial: the model then reads where the sentence ends.
 */
export function sentenceAround(text: string, start: number, end: number): { before: string; after: string } {
  let from = start;
  while (from > 0 && !/[.!?\n]/.test(text[from - 1] as string)) from--;
  let to = end;
  while (to < text.length && !/[.!?\n]/.test(text[to] as string)) to++;
  if (
    (from > 0 && SHORT_WORD_STOP.test(text.slice(Math.max(0, from - 5), from))) ||
    (text[to] === '.' && SHORT_WORD_STOP.test(text.slice(Math.max(0, to - 4), to + 1)))
  ) {
    const read = readCueSentence(text, start, end);
    if (read.words.length > 0) {
      from = Math.min(read.start, start);
      to = Math.max(read.end, end);
      // The model's sentence keeps its closing stop; the hand-written one stops before it.
      while (to > end && /[.!?]/.test(text[to - 1] as string)) to--;
    }
  }
  return { before: text.slice(from, start), after: text.slice(end, to) };
}

/** Inside quoted speech in its paragraph: an odd number of straight quotes, or an open curly one, before it. */
export function inDialogue(text: string, offset: number): boolean {
  const paragraph = text.slice(text.lastIndexOf('\n\n', offset) + 1, offset);
  const straight = paragraph.split('"').length - 1;
  const open = paragraph.split('“').length - paragraph.split('”').length;
  return straight % 2 === 1 || open > 0;
}

// Words in a sentence before a cue that make it something other than an event of the story: a wish, a
// threat or a possibility (`he'll find a way of torturing him`), a memory told in the past perfect (`Giles
// had spent a night being tortured`, `he'd been tortured`) or as one (`a memory of a pool of blood`), a
// dream, a belief, a fear (`worried about maggots`), or how someone was last seen (`the way she last saw
// him, bleeding out`). Negation is the model's (`negatedAt`): it knows where a negation's scope ends, which
// `not` anywhere before the cue does not (`He didn't know why, but she kissed him`).
const NOT_HAPPENING =
  /\b(?:if|unless|would|might|should|will|['’]ll|wanted to|going to|gonna|way of|threatened|imagined|dreamed|dreamt|dreaming|as if|almost|nearly|(?:had|['’]d) (?:been|once|spent|\w+ed)|memor(?:y|ies)|remember\w*|last (?:saw|seen)|recall\w*|thought|believed|worr(?:y|ied|ying) (?:about|that)|afraid (?:of|that)|pretend\w*|fak\w*|what (?:he|she|they) did|nothing (?:compared|like)|unlike|the pain of)\b/i;

// A modal right before the cue's verb makes it a possibility, not an event: `She could slit his throat
// right here`, `he can snap her neck`. `could see blood spraying` is seen, and stays.
const MODAL_BEFORE = /\b(?:could|can|may|must|might)\s+(?:\w+ly\s+|just\s+|easily\s+|still\s+)?$/i;

// A negation before the cue in its sentence, which the model is asked about: reading every cue's sentence
// would halve the analysis's speed, and without one of these words the model finds no negation to scope.
const NEGATION = /n['’]t\b|\b(?:not|never|no|nobody|nothing|neither|nor|cannot)\b/i;

/** A span negated, wished, threatened, possible or remembered in its sentence, whose part before it is `before`. */
export function notHappening(text: string, start: number, end: number, before: string): boolean {
  return NOT_HAPPENING.test(before) || (NEGATION.test(before) && negatedAt(text, start, end));
}

/** `Jenny had kissed him`, `she'd once kissed`: the cue's own verb in the past perfect, a memory. */
const HAD_BEFORE = /\b(?:had|['’]d)\s+(?:(?:once|never|\w+ly)\s+)?$/i;

/** The cue a verb in the past perfect; not a noun after `had` (`he had blood on his hands`), which the model tells. */
function pastPerfect(text: string, start: number, end: number): boolean {
  return (
    HAD_BEFORE.test(text.slice(Math.max(0, start - 24), start)) && partOfSpeechAt(text, start, end) === 'VERB'
  );
}

/** A cue told as something happening in the story: narration, not negated, not hypothetical, not a memory. */
export function depicted(texts: readonly ChapterText[], hit: CueHit): boolean {
  const text = texts[hit.chapter - 1]?.text ?? '';
  if (inDialogue(text, hit.start)) return false;
  const { before } = sentenceAround(text, hit.start, hit.end);
  return (
    !notHappening(text, hit.start, hit.end, before) &&
    !MODAL_BEFORE.test(before) &&
    !pastPerfect(text, hit.start, hit.end)
  );
}

/** An age that is someone's now (`she was sixteen`, `the sixteen-year-old`), not a memory or someone else's. */
export function statedOfNow(texts: readonly ChapterText[], hit: CueHit): boolean {
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
