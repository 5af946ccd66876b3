import { isLetterOrDigitAt, pairSize } from '../../ingest/text.ts';

/**
 * The words of a text as the alias matcher sees them: a word starts with a letter or digit and runs on
 * through letters, digits, apostrophes and hyphens (`[\p{L}\p{N}][\p{L}\p{N}'’-]*`); a possessive `'s` or
 * one trailing apostrophe or hyphen is not part of it. Kept as offsets in typed arrays, with a hash of each
 * word's lower-case form, so the millions of words that are no alias cost no string and no object.
 */
export class Words {
  count = 0;
  starts = new Int32Array(1024);
  ends = new Int32Array(1024);
  hashes = new Int32Array(1024);
  private text = '';

  scan(text: string): void {
    this.text = text;
    this.count = 0;
    const length = text.length;
    let i = 0;
    while (i < length) {
      // Find the next letter or digit.
      let code = text.charCodeAt(i);
      if (code < 128) {
        if (ASCII_CLASS[code] !== WORD_START) {
          i++;
          continue;
        }
      } else {
        const size = pairSize(text, i, code);
        if (!isLetterOrDigitAt(text, i, size)) {
          i += size;
          continue;
        }
      }
      const start = i;
      let hash = FNV_OFFSET;
      // ASCII and curly apostrophes only (`don’t`): hashed as read, the apostrophe as `'`.
      let plain = true;
      while (i < length) {
        code = text.charCodeAt(i);
        if (code < 128) {
          if (ASCII_CLASS[code] === OTHER) break;
          hash = Math.imul(hash ^ folded(code), FNV_PRIME);
          i++;
        } else if (code === 0x2019) {
          hash = Math.imul(hash ^ folded(code), FNV_PRIME);
          i++;
        } else {
          const size = pairSize(text, i, code);
          if (!isLetterOrDigitAt(text, i, size)) break;
          plain = false;
          i += size;
        }
      }
      let end = i;
      // Possessives (`Willow's`, `Willow’s`) and a trailing apostrophe or hyphen (`James'`).
      const last = text.charCodeAt(end - 1);
      const beforeLast = text.charCodeAt(end - 2);
      let trimmed = 0;
      if (last === 115 && end - 2 > start && (beforeLast === 39 || beforeLast === 0x2019)) trimmed = 2;
      else if (last === 39 || last === 0x2019 || last === 45) trimmed = 1;
      end -= trimmed;
      if (!plain) hash = hashWord(this.lowerOf(start, end));
      else if (trimmed > 0) hash = this.plainHash(start, end);
      this.push(start, end, hash);
    }
  }

  /** Whether the word's lower-case form, curly apostrophes made straight, is `lower`. */
  is(index: number, lower: string): boolean {
    const start = this.starts[index] as number;
    const end = this.ends[index] as number;
    if (end - start !== lower.length) {
      // Lower case changes a word's length only outside ASCII (`İ`): a word of ASCII letters of another
      // length is another word, told without making its lower-case string (a name's second word is compared
      // with every word after its first).
      for (let at = start; at < end; at++)
        if (this.text.charCodeAt(at) > 127) return this.lower(index) === lower;
      return false;
    }
    for (let at = start; at < end; at++) {
      const code = this.text.charCodeAt(at);
      // Case outside ASCII: compare the strings.
      if (code > 127 && code !== 0x2019) return this.lower(index) === lower;
      if (folded(code) !== lower.charCodeAt(at - start)) return false;
    }
    return true;
  }

  /** `hashWord(lowerOf(start, end))` of a word of ASCII and curly apostrophes, without making the string. */
  private plainHash(start: number, end: number): number {
    let hash = FNV_OFFSET;
    for (let at = start; at < end; at++) hash = Math.imul(hash ^ folded(this.text.charCodeAt(at)), FNV_PRIME);
    return hash;
  }

  /** The word's lower-case form, curly apostrophes made straight. */
  lower(index: number): string {
    return this.lowerOf(this.starts[index] as number, this.ends[index] as number);
  }

  private lowerOf(start: number, end: number): string {
    const word = this.text.slice(start, end).toLowerCase();
    return word.includes('’') ? word.replace(/’/g, "'") : word;
  }

  private push(start: number, end: number, hash: number): void {
    if (this.count === this.starts.length) {
      const grow = (array: Int32Array) => {
        const bigger = new Int32Array(array.length * 2);
        bigger.set(array);
        return bigger;
      };
      this.starts = grow(this.starts);
      this.ends = grow(this.ends);
      this.hashes = grow(this.hashes);
    }
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.hashes[this.count] = hash;
    this.count++;
  }
}

const OTHER = 0;
const WORD_START = 1;
const WORD_PART = 2;
/** ASCII characters: letters and digits start and continue a word; `'` and `-` only continue one. */
const ASCII_CLASS = new Uint8Array(128);
for (let code = 0; code < 128; code++) {
  const ch = String.fromCharCode(code);
  ASCII_CLASS[code] = /[A-Za-z0-9]/.test(ch) ? WORD_START : ch === "'" || ch === '-' ? WORD_PART : OTHER;
}

/** An ASCII character or curly apostrophe as a word's lower-case form has it: `A` as `a`, `’` as `'`. */
function folded(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code === 0x2019 ? 39 : code;
}

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

export function hashWord(word: string): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), FNV_PRIME);
  return hash;
}

/** The words of a text as the alias matcher splits them (for tests). */
export function matcherWords(text: string): { start: number; end: number; lower: string }[] {
  const scanned = new Words();
  scanned.scan(text);
  return Array.from({ length: scanned.count }, (_, i) => ({
    start: scanned.starts[i] as number,
    end: scanned.ends[i] as number,
    lower: scanned.lower(i),
  }));
}
