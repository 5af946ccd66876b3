import { createRequire } from 'node:module';
import winkNLP, { type ItemSentence, type ItemToken, type Model, type WinkMethods } from 'wink-nlp';

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
const REACH = 160;

let engine: WinkMethods | null = null;

/**
 * The model, loaded on first use: loading takes a few hundred milliseconds that most texts never need, and its
 * tables 23 MB of a process that imports the analysis without analysing (each `quire serve` worker). Required
 * rather than imported so that importing this module does not load it; the package is CommonJS.
 */
function nlp(): WinkMethods {
  engine ??= winkNLP(createRequire(import.meta.url)('wink-eng-lite-web-model') as Model, [
    'sbd',
    'pos',
    'negation',
  ]);
  return engine;
}

/** A stretch of a text as the model read it, sentence by sentence. */
interface ReadWindow {
  text: string;
  from: number;
  to: number;
  sentences: ReadWord[][];
  /** Whether the window starts at its paragraph's start and ends at its end: its first and last sentences whole. */
  wholeStart: boolean;
  wholeEnd: boolean;
}

// The last window read: the rules ask about one cue in turn, and cues stand together in a sentence.
let last: ReadWindow | null = null;

/**
 * The sentence around `start`..`end` of `text`, as the model reads it. A paragraph break always ends a
 * sentence.
 */
export function readCueSentence(text: string, start: number, end: number): CueSentence {
  let read = last && last.text === text ? sentenceOf(last, start, true) : null;
  if (!read) {
    last = readWindow(text, start, end);
    // A sentence longer than the window is read as far as the window reaches.
    read = sentenceOf(last, start, false) ?? [];
  }
  const cue = read.findIndex((word) => word.end > start);
  return {
    start: read[0]?.start ?? start,
    end: read.at(-1)?.end ?? end,
    words: read,
    cue: cue === -1 ? read.length : cue,
  };
}

/** The window's sentence that holds `start`; with `whole`, only if the window holds all of it. */
function sentenceOf(window: ReadWindow, start: number, whole: boolean): ReadWord[] | null {
  if (start < window.from || start >= window.to) return null;
  const index = window.sentences.findIndex((sentence) => (sentence.at(-1) as ReadWord).end > start);
  if (index === -1) return null;
  if (whole && index === 0 && !window.wholeStart) return null;
  if (whole && index === window.sentences.length - 1 && !window.wholeEnd) return null;
  return window.sentences[index] as ReadWord[];
}

function readWindow(text: string, start: number, end: number): ReadWindow {
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
  const slice = text.slice(from, to);
  const its = nlp().its;
  const sentences: ReadWord[][] = [];
  let cursor = 0;
  nlp()
    .readDoc(slice)
    .sentences()
    .each((sentence: ItemSentence) => {
      const words: ReadWord[] = [];
      sentence.tokens().each((token: ItemToken) => {
        const value = token.out();
        const at = slice.indexOf(value, cursor);
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
  return {
    text,
    from,
    to,
    sentences,
    wholeStart: from === paragraphStart,
    wholeEnd: to === (paragraphEnd === -1 ? text.length : paragraphEnd),
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
