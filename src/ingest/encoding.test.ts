import { describe, expect, it } from 'vitest';
import { decodeText, normalizeNewlines, repairMojibake } from './encoding.ts';
import { txtFormat } from './formats/txt.ts';

const STORY = 'It’s “late”, she said — naïve.\nNext line.';
const utf8 = (text: string) => new TextEncoder().encode(text);
const utf16le = (text: string) => new Uint8Array(Buffer.from(text, 'utf16le'));
const utf16be = (text: string) => new Uint8Array(Buffer.from(text, 'utf16le').swap16());
const utf32 = (text: string, littleEndian: boolean, bom = false) => {
  const codes = [...(bom ? '\ufeff' : ''), ...text].map((ch) => ch.codePointAt(0) as number);
  const view = new DataView(new ArrayBuffer(codes.length * 4));
  for (const [index, code] of codes.entries()) view.setUint32(index * 4, code, littleEndian);
  return new Uint8Array(view.buffer);
};
const bytes = (...parts: (string | number)[]) =>
  new Uint8Array(
    parts.flatMap((part) => (typeof part === 'number' ? [part] : [...Buffer.from(part, 'latin1')])),
  );
/** What a Windows-1252 viewer shows for UTF-8 bytes: the way mojibake is made. */
const asCp1252 = (text: string) => new TextDecoder('windows-1252').decode(utf8(text));

const decodeError = (input: Uint8Array) => {
  try {
    decodeText(input, 'story.txt');
  } catch (error) {
    return error;
  }
  return null;
};

describe('decodeText', () => {
  it.each([
    ['UTF-8', utf8(STORY), 'utf-8'],
    ['UTF-8 with a BOM', new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(STORY)]), 'utf-8'],
    ['UTF-16 LE with a BOM', new Uint8Array([0xff, 0xfe, ...utf16le(STORY)]), 'utf-16le'],
    ['UTF-16 BE with a BOM', new Uint8Array([0xfe, 0xff, ...utf16be(STORY)]), 'utf-16be'],
    ['UTF-32 LE with a BOM', utf32(STORY, true, true), 'utf-32le'],
    ['UTF-32 BE with a BOM', utf32(STORY, false, true), 'utf-32be'],
    ['UTF-32 LE without a BOM', utf32(STORY, true), 'utf-32le'],
    ['UTF-32 BE without a BOM', utf32(STORY, false), 'utf-32be'],
    ['UTF-16 LE without a BOM', utf16le(STORY), 'utf-16le'],
    ['UTF-16 BE without a BOM', utf16be(STORY), 'utf-16be'],
  ])('reads %s', (_, input, encoding) => {
    expect(decodeText(input)).toEqual({ text: STORY, encoding });
  });

  it('reads UTF-32 beyond the Basic Multilingual Plane, and refuses values that are no character', () => {
    const text = 'Она 😀 vampire 🧛 — 中文';
    expect(decodeText(utf32(text, true))).toEqual({ text, encoding: 'utf-32le' });
    const broken = utf32(text, false, true);
    broken.set([0x00, 0x11, 0x00, 0x00], 8);
    expect(decodeError(broken)).toMatchObject({ code: 'UNKNOWN_ENCODING' });
  });

  it('reads UTF-16 without a BOM in a non-Latin alphabet', () => {
    const russian = 'Она вошла в библиотеку.\nИ посмотрела на книги — «да».';
    expect(decodeText(utf16le(russian))).toEqual({ text: russian, encoding: 'utf-16le' });
    expect(decodeText(utf16be(russian))).toEqual({ text: russian, encoding: 'utf-16be' });
  });

  it('reads Windows-1252 curly quotes and dashes', () => {
    const cp1252 = bytes(
      'It',
      0x92,
      's ',
      0x93,
      'late',
      0x94,
      ', she said ',
      0x97,
      ' na',
      0xef,
      've.\nNext line.',
    );
    expect(decodeText(cp1252)).toEqual({ text: STORY, encoding: 'windows-1252' });
  });

  it('reads ISO-8859-1', () => {
    expect(decodeText(bytes('Caf', 0xe9, ' na', 0xef, 'f, ', 0xab, 'oui', 0xbb))).toEqual({
      text: 'Café naïf, «oui»',
      encoding: 'iso-8859-1',
    });
  });

  it('turns CRLF and CR line endings into \\n', () => {
    expect(decodeText(utf8('one\r\ntwo\r\n\r\nthree')).text).toBe('one\ntwo\n\nthree');
    expect(decodeText(utf8('one\rtwo\r\rthree')).text).toBe('one\ntwo\n\nthree');
    expect(decodeText(bytes('Caf', 0xe9, '\r\n\r\nNa', 0xef, 've')).text).toBe('Café\n\nNaïve');
    expect(normalizeNewlines('a\r\n\rb')).toBe('a\n\nb');
  });

  it('repairs mojibake while decoding', () => {
    expect(decodeText(utf8('Itâ€™s â€œlateâ€\u009d, she said â€” naÃ¯ve.\nNext line.')).text).toBe(STORY);
  });

  it.each([
    ['invalid UTF-8 after a UTF-8 BOM', new Uint8Array([0xef, 0xbb, 0xbf, 0xff, 0x41]), 'UNKNOWN_ENCODING'],
    [
      'an odd byte count after a UTF-16 BOM',
      new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0x42]),
      'UNKNOWN_ENCODING',
    ],
    [
      'bytes no single-byte encoding defines',
      bytes('H', 0x81, 0x8d, 0x9d, 0x8f, 0x90, 'A'),
      'UNKNOWN_ENCODING',
    ],
    ['NUL bytes', bytes('A', 0, 'BCDEF'), 'BINARY_FILE'],
    ['control bytes', bytes(...Array.from({ length: 64 }, (_, i) => i % 8)), 'BINARY_FILE'],
  ])('refuses %s with an AppError', (_, input, code) => {
    expect(decodeError(input)).toMatchObject({ name: 'AppError', code, message: /story\.txt/ });
  });
});

describe('repairMojibake', () => {
  it.each([['It’s “late” — naïve… €5 ™'], ['Zoë’s café'], ['Сергей'], ['Ελληνικά'], ['こんにちは、世界']])(
    'repairs %s read as Windows-1252, once or twice',
    (text) => {
      expect(repairMojibake(asCp1252(text))).toBe(text);
      expect(repairMojibake(asCp1252(asCp1252(text)))).toBe(text);
    },
  );

  it('repairs the usual sample, Itâ€™s', () => {
    expect(repairMojibake('Itâ€™s')).toBe('It’s');
  });

  it('repairs a right quote whose last byte (0x9D, undefined in Windows-1252) was dropped', () => {
    expect(repairMojibake('â€œquotedâ€ text')).toBe('“quoted” text');
  });

  it.each([
    '„Das macht Spaß“, sagte er.',
    'Er ging zu Fuß…',
    'the CAFÉ” sign',
    '"Was it the café…” she asked.',
    '«Ô» cria-t-il.',
    'À bientôt, Ève. Ça va?',
    'ÇA…',
  ])('leaves correct text alone: %s', (text) => {
    expect(repairMojibake(text)).toBe(text);
  });
});

describe('the text reader', () => {
  it('says which encoding it read when it was not UTF-8', async () => {
    const raw = await txtFormat.read(bytes('Caf', 0x92, 's open.'), 'cafe.txt');
    expect(raw.notices).toEqual(['read as WINDOWS-1252']);
    expect((await txtFormat.read(utf8('Open.'), 'open.txt')).notices).toEqual([]);
  });
});
