import { AppError } from '../errors.ts';

/**
 * Decode the bytes of a text file. Tries, in order: a byte-order mark, UTF-32 or UTF-16 without one (NUL
 * bytes in three of every four or every other position), strict UTF-8, then Windows-1252 or ISO-8859-1
 * (chosen by whether the C1 range holds characters Windows-1252 defines). Then repairs mojibake left by earlier wrong conversions and normalizes
 * line endings to `\n`.
 *
 * Node's TextDecoder (full ICU) knows every one of these encodings, so no detection library is needed; the
 * detectors on npm (chardet, jschardet) guess among dozens of encodings fandom files never use and get short
 * Windows-1252 files wrong more often than this rule does.
 */
export function decodeText(bytes: Uint8Array, fileName = 'the file'): { text: string; encoding: string } {
  const { text, encoding } = decodeBytes(bytes, fileName);
  const repaired = repairMojibake(text);
  return { text: normalizeNewlines(repaired), encoding };
}

function decodeBytes(bytes: Uint8Array, fileName: string): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: strictDecode('utf-8', bytes.subarray(3), fileName), encoding: 'utf-8' };
  }
  // UTF-32 before UTF-16: the UTF-32 LE mark begins with the UTF-16 LE one.
  const utf32 = utf32Order(bytes);
  if (utf32) return { text: decodeUtf32(bytes, utf32, fileName), encoding: `utf-32${utf32}` };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: strictDecode('utf-16le', bytes.subarray(2), fileName), encoding: 'utf-16le' };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: strictDecode('utf-16be', bytes.subarray(2), fileName), encoding: 'utf-16be' };
  }
  const utf16 = guessUtf16(bytes);
  if (utf16) return { text: strictDecode(utf16, bytes, fileName), encoding: utf16 };

  if (looksBinary(bytes)) {
    throw new AppError('BINARY_FILE', `${fileName} holds binary data (control bytes), not story text.`);
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Not UTF-8: one of the single-byte encodings.
  }
  let c1Defined = 0;
  let c1Undefined = 0;
  for (const byte of bytes) {
    if (byte >= 0x80 && byte <= 0x9f) {
      if (byte === 0x81 || byte === 0x8d || byte === 0x8f || byte === 0x90 || byte === 0x9d) c1Undefined++;
      else c1Defined++;
    }
  }
  if (c1Undefined > 0 && c1Undefined * 4 > c1Defined) {
    throw new AppError(
      'UNKNOWN_ENCODING',
      `${fileName} is not valid UTF-8, UTF-16, Windows-1252 or ISO-8859-1 text (bytes such as 0x81 and 0x9D have no meaning in any of them). Convert it to UTF-8 and try again.`,
    );
  }
  const encoding = c1Defined > 0 ? 'windows-1252' : 'iso-8859-1';
  return { text: new TextDecoder(encoding).decode(bytes), encoding };
}

function strictDecode(encoding: string, bytes: Uint8Array, fileName: string): string {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw new AppError(
      'UNKNOWN_ENCODING',
      `${fileName} starts like ${encoding.toUpperCase()} text but holds bytes that are not valid ${encoding.toUpperCase()}.`,
    );
  }
}

/**
 * UTF-32 by its byte-order mark, or without one by its shape: every four bytes, read one way round, are a
 * character (no NUL, nothing above U+10FFFF, no surrogate), which no other text's bytes are for long.
 */
function utf32Order(bytes: Uint8Array): 'le' | 'be' | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0) return 'le';
  if (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff) return 'be';
  if (bytes.length < 8 || bytes.length % 4 !== 0) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 4096));
  const characters = (littleEndian: boolean) => {
    for (let offset = 0; offset < view.byteLength; offset += 4) {
      const code = view.getUint32(offset, littleEndian);
      if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return false;
    }
    return true;
  };
  if (characters(true)) return 'le';
  if (characters(false)) return 'be';
  return null;
}

/** UTF-32 text (Node's TextDecoder has no UTF-32), its byte-order mark left out, every code point checked. */
function decodeUtf32(bytes: Uint8Array, order: 'le' | 'be', fileName: string): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength - (bytes.byteLength % 4));
  const parts: string[] = [];
  let chunk: number[] = [];
  for (let offset = 0; offset < view.byteLength; offset += 4) {
    const code = view.getUint32(offset, order === 'le');
    if (offset === 0 && code === 0xfeff) continue;
    if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
      throw new AppError(
        'UNKNOWN_ENCODING',
        `${fileName} starts like UTF-32 text but holds values that are not characters (0x${code.toString(16)}).`,
      );
    }
    chunk.push(code);
    // Built a few thousand characters at a time: one call per character is slow, one call for all overflows.
    if (chunk.length === 4096) {
      parts.push(String.fromCodePoint(...chunk));
      chunk = [];
    }
  }
  parts.push(String.fromCodePoint(...chunk));
  return parts.join('');
}

/** UTF-16 without a BOM: every other byte is the same few values (NUL for mostly-ASCII text). */
function guessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const sample = Math.min(bytes.length, 4096) & ~1;
  if (sample < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < sample; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = sample / 2;
  if (oddNul > pairs * 0.6 && evenNul < pairs * 0.05) return 'utf-16le';
  if (evenNul > pairs * 0.6 && oddNul < pairs * 0.05) return 'utf-16be';
  // Text in one non-Latin alphabet (Cyrillic, Greek) has almost only two high bytes: the alphabet's block,
  // and 0 for the spaces and punctuation between words.
  if (oddNul > pairs * 0.05 && evenNul < pairs * 0.02 && isMostlyTwoValued(bytes, 1, sample))
    return 'utf-16le';
  if (evenNul > pairs * 0.05 && oddNul < pairs * 0.02 && isMostlyTwoValued(bytes, 0, sample))
    return 'utf-16be';
  return null;
}

/** True when 0 and one other value fill at least 95% of the bytes at every other position from `start`. */
function isMostlyTwoValued(bytes: Uint8Array, start: number, end: number): boolean {
  const counts = new Uint32Array(256);
  for (let i = start; i < end; i += 2) {
    const byte = bytes[i] as number;
    counts[byte] = (counts[byte] as number) + 1;
  }
  let top = 0;
  for (let value = 1; value < 256; value++) top = Math.max(top, counts[value] as number);
  return ((counts[0] as number) + top) * 2 >= (end - start) * 0.95;
}

/** Text files have no NUL bytes and few C0 controls other than tab, newline, carriage return and form feed. */
function looksBinary(bytes: Uint8Array): boolean {
  const sample = Math.min(bytes.length, 65536);
  let controls = 0;
  for (let i = 0; i < sample; i++) {
    const byte = bytes[i] as number;
    if (byte === 0) return true;
    if (byte < 32 && byte !== 9 && byte !== 10 && byte !== 13 && byte !== 12 && byte !== 26 && byte !== 27) {
      controls++;
    }
  }
  return controls > sample * 0.01 + 2;
}

// Windows-1252 characters by the byte they come from, to undo "UTF-8 read as Windows-1252".
const CP1252_HIGH: Record<string, number> = {
  '€': 0x80,
  '‚': 0x82,
  ƒ: 0x83,
  '„': 0x84,
  '…': 0x85,
  '†': 0x86,
  '‡': 0x87,
  ˆ: 0x88,
  '‰': 0x89,
  Š: 0x8a,
  '‹': 0x8b,
  Œ: 0x8c,
  Ž: 0x8e,
  '‘': 0x91,
  '’': 0x92,
  '“': 0x93,
  '”': 0x94,
  '•': 0x95,
  '–': 0x96,
  '—': 0x97,
  '˜': 0x98,
  '™': 0x99,
  š: 0x9a,
  '›': 0x9b,
  œ: 0x9c,
  ž: 0x9e,
  Ÿ: 0x9f,
};

// A lead byte of a 2- to 4-byte UTF-8 sequence (Â-ô as Latin-1/1252) followed by continuation bytes as 1252.
const CONTINUATION = '[\\u0080-\\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]';
const MOJIBAKE = new RegExp(
  `(?:[\\u00c2-\\u00df]${CONTINUATION}|[\\u00e0-\\u00ef]${CONTINUATION}{2}|[\\u00f0-\\u00f4]${CONTINUATION}{3})+`,
  'g',
);
const MOJIBAKE_HINT = /[\u00c2-\u00f4][\u0080-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]/;

/**
 * Repair text that was UTF-8, decoded as Windows-1252 or Latin-1 and saved again (`Itâ€™s` -> `It’s`),
 * run by run, keeping any run that does not decode to valid UTF-8 as it was. Applied twice for the
 * double-encoded files some archives produced.
 *
 * Correct text holds such pairs too (German `Spaß“`, French `CAFÉ”`, English `café…”`): a run that decodes
 * to a single character is only taken when that character is one mojibake plausibly hid (Latin letters,
 * Greek, Cyrillic, punctuation, currency, ™); longer runs are taken as they are, since correct text almost
 * never strings two such sequences together.
 */
export function repairMojibake(text: string): string {
  let current = text;
  for (let pass = 0; pass < 2 && MOJIBAKE_HINT.test(current); pass++) {
    current = current.replace(MOJIBAKE, (run) => {
      const bytes = new Uint8Array(run.length);
      for (let i = 0; i < run.length; i++) {
        const ch = run[i] as string;
        const code = ch.charCodeAt(0);
        bytes[i] = code < 256 ? code : (CP1252_HIGH[ch] ?? 0x3f);
      }
      let decoded: string;
      try {
        decoded = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        return run;
      }
      const only = decoded.length <= 2 ? decoded.codePointAt(0) : undefined;
      if (only !== undefined && String.fromCodePoint(only) === decoded && !isPlausibleRepair(only))
        return run;
      return decoded;
    });
  }
  // `”` is E2 80 9D; 0x9D means nothing in Windows-1252, so many conversions dropped it and left `â€` alone.
  return current.includes('â€') ? current.replace(DROPPED_RIGHT_QUOTE, '”') : current;
}

const DROPPED_RIGHT_QUOTE = /â€(?![\u0080-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ])/g;

function isPlausibleRepair(code: number): boolean {
  return (
    (code >= 0xa0 && code <= 0x17f) || // Latin-1 supplement and Latin Extended-A
    (code >= 0x218 && code <= 0x21b) || // Romanian ș ț
    (code >= 0x370 && code <= 0x4ff) || // Greek and Cyrillic
    (code >= 0x2010 && code <= 0x206f) || // dashes, quotes, ellipsis, bullets
    (code >= 0x20a0 && code <= 0x20cf) || // currency (€)
    (code >= 0x2100 && code <= 0x214f) || // letterlike (™, ℅)
    code === 0xfeff // a byte-order mark that was itself converted
  );
}

export function normalizeNewlines(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}
