import model from 'wink-eng-lite-web-model';
import winkNLP, { type ItemSentence, type ItemToken, type WinkMethods } from 'wink-nlp';

/*
 * What a statistical English model reads in the sentence around a cue: where the sentence starts and ends,
 * each word's part of speech and whether it stands in the scope of a negation. wink-nlp rather than
 * compromise: its model ships inside an npm package (no download at run time), both are MIT and typed, and it
 * reads about ten times as fast (some 150 µs a sentence against 1.5 ms). Even so it reads under half a
 * megabyte a second, far below what the analysis must keep (8 MB/s), so it reads only the few hundred
 * characters around a cue that a rule asks about, never a whole text.
 */

/** One word as the model read it, with its offsets in the text the caller gave. */
export interface ReadWord {
  start: number;
  end: number;
  text: string;
  /** Universal part-of-speech tag: NOUN, VERB, AUX, PRON, ADP... */
  partOfSpeech: string;
  /** In the scope of a negation (`didn't kill her`: `kill` and `her`). */
  negated: boolean;
}

/** The sentence a span stands in, its words, and the index of the first word of the span. */
export interface CueSentence {
  start: number;
  end: number;
  words: ReadWord[];
  cue: number;
}

// How far either side of a cue the model reads: a sentence longer than this is cut at it. The lite model
// finds boundaries from the words near them, so a window of a few sentences reads the middle one right.
const REACH = 300;

let engine: WinkMethods | null = null;

/** The model, loaded on first use: loading takes a few hundred milliseconds that most texts never need. */
function nlp(): WinkMethods {
  engine ??= winkNLP(model, ['sbd', 'pos', 'negation']);
  return engine;
}

let last: { text: string; start: number; end: number; read: CueSentence } | null = null;

/**
 * The sentence around `start`..`end` of `text`, as the model reads it. A paragraph break always ends a
 * sentence. Several rules ask about one cue in turn, so the last answer is kept.
 */
export function readCueSentence(text: string, start: number, end: number): CueSentence {
  if (last && last.text === text && last.start === start && last.end === end) return last.read;
  const read = readAround(text, start, end);
  last = { text, start, end, read };
  return read;
}

function readAround(text: string, start: number, end: number): CueSentence {
  const paragraphStart = text.lastIndexOf('\n', start - 1) + 1;
  const paragraphEnd = text.indexOf('\n', end);
  let from = Math.max(paragraphStart, start - REACH);
  let to = Math.min(paragraphEnd === -1 ? text.length : paragraphEnd, end + REACH);
  // Cut the window at spaces so that no word is read in part.
  if (from > paragraphStart) from = Math.min(start, text.indexOf(' ', from) + 1 || start);
  if (to < text.length && text.charAt(to) !== '\n') {
    const space = text.lastIndexOf(' ', to);
    if (space >= end) to = space;
  }
  const window = text.slice(from, to);
  const its = nlp().its;
  const doc = nlp().readDoc(window);
  const sentences: ReadWord[][] = [];
  let cursor = 0;
  doc.sentences().each((sentence: ItemSentence) => {
    const words: ReadWord[] = [];
    sentence.tokens().each((token: ItemToken) => {
      const value = token.out();
      const at = window.indexOf(value, cursor);
      // The tokenizer may rewrite a token (odd Unicode); such a token keeps no offsets and is left out.
      if (at === -1 || at - cursor > 40) return;
      cursor = at + value.length;
      words.push({
        start: from + at,
        end: from + cursor,
        text: value,
        partOfSpeech: token.out(its.pos),
        negated: token.out(its.negationFlag) === true,
      });
    });
    if (words.length > 0) sentences.push(words);
  });
  const words = sentences.find((candidate) => (candidate.at(-1) as ReadWord).end > start) ?? [];
  const cue = words.findIndex((word) => word.end > start);
  return {
    start: words[0]?.start ?? from,
    end: words.at(-1)?.end ?? to,
    words,
    cue: cue === -1 ? words.length : cue,
  };
}

/** Whether the model reads the span's first word as negated: `he didn't kill her`, not `he didn't know why, but she killed him`. */
export function negatedAt(text: string, start: number, end: number): boolean {
  const read = readCueSentence(text, start, end);
  return read.words[read.cue]?.negated === true;
}

/** The part of speech the model gives the span's first word, or '' when it read none there. */
export function partOfSpeechAt(text: string, start: number, end: number): string {
  const read = readCueSentence(text, start, end);
  return read.words[read.cue]?.partOfSpeech ?? '';
}
