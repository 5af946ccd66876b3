/** Download file names that every operating system, browser and e-reader library accepts. */
import { create } from 'content-disposition';

const MAX_LENGTH = 80;

// Letters NFKD does not take apart into a base letter and an accent.
const LATIN_LETTERS: Record<string, string> = {
  ß: 'ss',
  ẞ: 'SS',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
  ø: 'o',
  Ø: 'O',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ð: 'd',
  Ð: 'D',
  þ: 'th',
  Þ: 'TH',
  ı: 'i',
};

// Windows refuses these as file names, with any extension.
const RESERVED = /^(?:con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/**
 * `Library_Hours.epub`: the title in ASCII (accents dropped, `ß` as `ss`, other scripts left out), words
 * joined by `_`, nothing but letters, digits, `_` and `-`, at most 80 characters with the extension. A title
 * with nothing left (`東京`, `???`, an empty one) or one Windows reserves (`CON`) gets the work's id.
 */
export function downloadFileName(work: { id: number; title: string }, extension: string): string {
  const ext =
    extension
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '')
      .slice(0, 10) || 'bin';
  const ascii = work.title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\x20-\x7e]/g, (char) => LATIN_LETTERS[char] ?? ' ');
  const words = ascii
    .replace(/['’]/g, '')
    .split(/[^A-Za-z0-9-]+/)
    .map((word) => word.replace(/^-+|-+$/g, ''))
    .filter(Boolean);
  let base = '';
  for (const word of words) {
    const next = base ? `${base}_${word}` : word;
    if (next.length > MAX_LENGTH - ext.length - 1) {
      // A first word longer than the limit is cut; later ones are left out whole.
      if (!base) base = word.slice(0, MAX_LENGTH - ext.length - 1);
      break;
    }
    base = next;
  }
  if (!base) base = `work-${work.id}`;
  else if (RESERVED.test(base)) base = `${base}_${work.id}`;
  return `${base}.${ext}`;
}

/**
 * The title as a Unicode file name, for `filename*`: the title's own letters, without the characters
 * Windows, macOS or Linux refuse (`<>:"/\\|?*`, control characters), trailing dots and spaces, at most 80
 * characters. Falls back to the ASCII name when nothing is left.
 */
export function unicodeFileName(work: { id: number; title: string }, extension: string): string {
  const ascii = downloadFileName(work, extension);
  const ext = ascii.slice(ascii.lastIndexOf('.') + 1);
  const chars = [
    ...work.title
      .normalize('NFC')
      .replace(/[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}<>:"/\\|?*]+/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  ];
  const base = chars
    .slice(0, MAX_LENGTH - ext.length - 1)
    .join('')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  if (!base || RESERVED.test(base.split('.')[0]?.trim() ?? '')) return ascii;
  return `${base}.${ext}`;
}

/**
 * A `Content-Disposition: attachment` value: `filename="..."` with the ASCII name for every client and, when
 * a Unicode name (`unicodeFileName`) says more, `filename*=UTF-8''...` (RFC 5987/8187) for clients that read it.
 */
export function contentDisposition(fileName: string, unicodeName?: string): string {
  if (unicodeName && unicodeName !== fileName && !/^[\x20-\x7e]*$/.test(unicodeName))
    return create(unicodeName, { fallback: fileName });
  return create(fileName, { fallback: true });
}
