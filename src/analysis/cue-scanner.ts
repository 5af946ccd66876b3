import { cuePrefixes } from './cue-prefixes.ts';

const WORD_CHAR_BEFORE = '(?<![A-Za-z0-9])';
const WORD_CHAR_AFTER = '(?![A-Za-z0-9])';
/** Cue prefixes are keyed by their first three characters. */
const PREFIX = 3;
/** How many characters after a prefix its entry's `follow` table checks before the expression runs. */
const FOLLOW = 4;
const ASCII_KEYS = 1 << 21; // three 7-bit characters

interface PrefixEntry {
  list: number[];
  expression: RegExp;
  follow: Uint8Array | null;
}

function isAsciiAlphanumeric(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90);
}

/**
 * Finds a vocabulary of lower-case patterns in lower-case text on ASCII word boundaries, with the matches
 * of the one alternation `(?<![A-Za-z0-9])(?:p1|p2|…)(?![A-Za-z0-9])` run globally: leftmost first, the
 * first pattern in order that matches there, then on from its end.
 *
 * That alternation of 356 cues tries every cue at every word, and was most of the analysis's time. Here
 * each pattern's first three characters (every way they can be; see cue-prefixes.ts) key a table, and a
 * position runs only the patterns whose prefix the text has there, in their order, as one sticky
 * expression. A pattern left out cannot match there, so the matches are the same.
 */
export class CueScanner {
  readonly #patterns: readonly string[];
  /** The one alternation of every pattern, with the word boundaries around it. */
  readonly #alternation: string;
  /** That alternation as a global expression, by its other flags (`i` for text not lower-cased). */
  readonly #combined = new Map<string, RegExp>();
  /** Expression index + 1 by the 21-bit key of three ASCII characters; 0 for none. */
  readonly #ascii = new Uint16Array(ASCII_KEYS);
  /** Whether an ASCII prefix starts with this character: most positions stop at this test. */
  readonly #asciiFirst = new Uint8Array(128);
  /** Pattern indexes by the key of a prefix with a character outside ASCII, or shorter than three. */
  readonly #other: Map<number, number[]>[] = Array.from({ length: PREFIX + 1 }, () => new Map());
  readonly #otherFirst = new Set<number>();
  /** Patterns that can begin with any character: tried at every word boundary. */
  readonly #anywhere: number[] = [];
  /**
   * The patterns of each ASCII prefix (`#ascii` holds index + 1), with their sticky expression, and which
   * ASCII characters can stand at each of the `FOLLOW` places after the prefix (`128 * place + code`; null
   * when any can). Nearly every position a prefix meets (`the`, `his`, `was`) is a word no cue goes on with,
   * and the table tells it for a few array reads where the expression took far longer.
   */
  readonly #entries: PrefixEntry[] = [];
  readonly #byList = new Map<string, RegExp>();
  /** Every prefix is three characters long, so is every match, and three characters say which table. */
  readonly #threeOnly: boolean;

  constructor(patterns: readonly string[]) {
    this.#patterns = patterns;
    this.#alternation = `${WORD_CHAR_BEFORE}(?:${patterns.join('|')})${WORD_CHAR_AFTER}`;
    const asciiLists = new Map<number, number[]>();
    patterns.forEach((pattern, index) => {
      const ways = cuePrefixes(pattern, PREFIX);
      // A prefix stops at its first wildcard: `ab\w` is keyed as `ab`.
      const cut =
        ways === 'too many'
          ? []
          : ways.map((slots) => slots.slice(0, slots.indexOf('any') === -1 ? PREFIX : slots.indexOf('any')));
      if (cut.length === 0 || cut.some((slots) => slots.length === 0)) {
        this.#anywhere.push(index);
        return;
      }
      for (const slots of cut) {
        let codes: number[][] = [[]];
        for (const slot of slots) {
          if (slot === 'any') throw new Error('a wildcard was cut off above');
          codes = codes.flatMap((prefix) => [...slot].map((char) => [...prefix, char.charCodeAt(0)]));
        }
        for (const prefix of codes) {
          const ascii = prefix.length === PREFIX && prefix.every((code) => code < 128);
          const lists = ascii ? asciiLists : (this.#other[prefix.length] as Map<number, number[]>);
          const key = ascii ? asciiKey(prefix) : wideKey(prefix);
          const list = lists.get(key) ?? [];
          if (list.at(-1) !== index) list.push(index);
          lists.set(key, list);
          if (ascii) this.#asciiFirst[prefix[0] as number] = 1;
          else this.#otherFirst.add(prefix[0] as number);
        }
      }
    });
    if (asciiLists.size >= 0xffff)
      throw new Error(`${asciiLists.size} cue prefixes: more than the table holds`);
    for (const [key, list] of asciiLists) {
      const prefix = [key >> 14, (key >> 7) & 127, key & 127];
      this.#entries.push({ list, expression: this.#expression(list), follow: this.#follow(prefix, list) });
      this.#ascii[key] = this.#entries.length;
    }
    this.#threeOnly = this.#anywhere.length === 0 && this.#other[1]?.size === 0 && this.#other[2]?.size === 0;
  }

  /** Calls `found` with each match's start and end in `text`, which must be lower case. */
  scan(text: string, found: (start: number, end: number) => void): void {
    const wide = this.#other[PREFIX] as Map<number, number[]>;
    const last = text.length - PREFIX;
    let previous = 0; // the code before `at`: none at the start
    for (let at = 0; at < text.length; at++) {
      const code = text.charCodeAt(at);
      const boundary = !isAsciiAlphanumeric(previous);
      previous = code;
      if (!boundary) continue;
      let expression: RegExp | undefined;
      if (!this.#threeOnly) {
        expression = this.#slowCandidates(text, at);
      } else if (at > last) {
        break;
      } else if (code < 128) {
        if (this.#asciiFirst[code] === 0 && !this.#otherFirst.has(code)) continue;
        const second = text.charCodeAt(at + 1);
        const third = text.charCodeAt(at + 2);
        if (second < 128 && third < 128) {
          const slot = this.#ascii[(code << 14) | (second << 7) | third] as number;
          if (slot === 0) continue;
          const entry = this.#entries[slot - 1] as PrefixEntry;
          if (entry.follow !== null && !canFollow(entry.follow, text, at + PREFIX)) continue;
          expression = entry.expression;
        } else {
          const list = wide.get(wideKey([code, second, third]));
          if (list) expression = this.#expression(list);
        }
      } else if (this.#otherFirst.has(code)) {
        const list = wide.get(wideKey([code, text.charCodeAt(at + 1), text.charCodeAt(at + 2)]));
        if (list) expression = this.#expression(list);
      }
      if (!expression) continue;
      expression.lastIndex = at;
      if (expression.exec(text)) {
        const end = expression.lastIndex;
        found(at, end);
        at = end - 1;
        previous = text.charCodeAt(at);
      }
    }
  }

  /** Every match, by the one alternation: what `scan` must agree with, for tests and text of any case. */
  scanWithAlternation(text: string, found: (start: number, end: number) => void, flags = ''): void {
    let expression = this.#combined.get(flags);
    if (!expression) {
      expression = new RegExp(this.#alternation, `g${flags}`);
      this.#combined.set(flags, expression);
    }
    expression.lastIndex = 0;
    for (let match = expression.exec(text); match; match = expression.exec(text)) {
      found(match.index, match.index + match[0].length);
    }
  }

  /** The expression of every pattern that could match at `at`, by every table: near the end, or rare. */
  #slowCandidates(text: string, at: number): RegExp | undefined {
    const indexes: number[] = [];
    const codes: number[] = [];
    for (let length = 1; length <= PREFIX && at + length <= text.length; length++) {
      codes.push(text.charCodeAt(at + length - 1));
      const other = this.#other[length]?.get(wideKey(codes));
      if (other) indexes.push(...other);
      if (length === PREFIX && codes.every((code) => code < 128)) {
        const slot = this.#ascii[asciiKey(codes)] as number;
        if (slot > 0) indexes.push(...(this.#entries[slot - 1]?.list ?? []));
      }
    }
    indexes.push(...this.#anywhere);
    if (indexes.length === 0) return undefined;
    return this.#expression([...new Set(indexes)].sort((a, b) => a - b));
  }

  /**
   * What can follow `prefix` in a match of one of `list`'s patterns: by every way a pattern can begin
   * that starts with the prefix, the characters its next places allow; a way that ends there allows what
   * the word boundary after it does, and one that ended before allows anything. Null when a pattern has too
   * many ways to tell.
   */
  #follow(prefix: readonly number[], list: readonly number[]): Uint8Array | null {
    const follow = new Uint8Array(FOLLOW * 128);
    for (const index of list) {
      const ways = cuePrefixes(this.#patterns[index] as string, PREFIX + FOLLOW);
      if (ways === 'too many') return null;
      for (const slots of ways) {
        const other = prefix.some((code, place) => {
          const slot = slots[place];
          return slot !== undefined && slot !== 'any' && !slot.has(String.fromCharCode(code));
        });
        if (other) continue;
        for (let place = 0; place < FOLLOW; place++) {
          const slot = slots[PREFIX + place];
          for (let code = 0; code < 128; code++) {
            const allowed =
              slots.length < PREFIX + place ||
              (slots.length === PREFIX + place
                ? !isAsciiAlphanumeric(code)
                : slot === 'any' || slot?.has(String.fromCharCode(code)));
            if (allowed) follow[place * 128 + code] = 1;
          }
        }
      }
    }
    return follow;
  }

  /** The sticky expression of these patterns in their order, with the word boundary after; made once. */
  #expression(list: number[]): RegExp {
    const key = list.join(',');
    let expression = this.#byList.get(key);
    if (!expression) {
      const source = list.map((index) => this.#patterns[index]).join('|');
      expression = new RegExp(`(?:${source})${WORD_CHAR_AFTER}`, 'y');
      this.#byList.set(key, expression);
    }
    return expression;
  }
}

/** Whether the characters from `from` on are ones `follow` allows (see `#entries`); any outside ASCII is. */
function canFollow(follow: Uint8Array, text: string, from: number): boolean {
  for (let place = 0; place < FOLLOW && from + place < text.length; place++) {
    const code = text.charCodeAt(from + place);
    if (code < 128 && follow[place * 128 + code] === 0) return false;
  }
  return true;
}

function asciiKey(codes: readonly number[]): number {
  return ((codes[0] as number) << 14) | ((codes[1] as number) << 7) | (codes[2] as number);
}

/** A key for 1 to 3 UTF-16 code units: exact in a double (48 bits). */
function wideKey(codes: readonly number[]): number {
  let key = codes.length;
  for (const code of codes) key = key * 65536 + code;
  return key;
}
