import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { zipEntries } from './zip-writer.ts';

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('zipEntries', () => {
  const when = new Date(2026, 1, 3, 4, 5, 6);
  const zip = zipEntries(
    [
      { name: 'mimetype', data: bytes('application/epub+zip'), stored: true },
      { name: 'OEBPS/chapter.xhtml', data: bytes('<p>again and again</p>'.repeat(200)) },
      { name: 'OEBPS/caf\u00e9.txt', data: bytes('') },
    ],
    when,
  );

  it('writes entries another reader reads back, in their order', () => {
    const files = unzipSync(zip);
    expect(Object.keys(files)).toEqual(['mimetype', 'OEBPS/chapter.xhtml', 'OEBPS/caf\u00e9.txt']);
    expect(Buffer.from(files['OEBPS/chapter.xhtml'] ?? []).toString()).toBe(
      '<p>again and again</p>'.repeat(200),
    );
    expect(files['OEBPS/caf\u00e9.txt']?.length).toBe(0);
  });

  it('stores the first entry uncompressed at the very start, as OCF requires of mimetype', () => {
    expect(zip.readUInt32LE(0)).toBe(0x04034b50);
    expect(zip.readUInt16LE(8)).toBe(0);
    expect(zip.subarray(30, 38).toString()).toBe('mimetype');
    expect(zip.subarray(38, 58).toString()).toBe('application/epub+zip');
  });

  it('deflates the others', () => {
    expect(zip.length).toBeLessThan(1000);
  });

  /** The MS-DOS date and time of the first entry's local header. */
  const zipDate = (archive: Buffer) => [archive.readUInt16LE(12), archive.readUInt16LE(10)];
  const one = [{ name: 'a.txt', data: bytes('a') }];

  it('writes a date before 1980, or none, as the first a ZIP can hold', () => {
    const first = zipDate(zipEntries(one, new Date(1980, 0, 1, 0, 0, 0)));
    expect(first).toEqual([(0 << 9) | (1 << 5) | 1, 0]);
    expect(zipDate(zipEntries(one, new Date(0)))).toEqual(first);
    expect(zipDate(zipEntries(one, new Date(Number.NaN)))).toEqual(first);
    expect(unzipSync(zipEntries(one, new Date(0)))['a.txt']?.length).toBe(1);
  });

  it('writes a date past 2107 as the last a ZIP can hold, and a date in range as it is', () => {
    expect(zipDate(zipEntries(one, new Date(2200, 5, 1)))).toEqual([
      (127 << 9) | (12 << 5) | 31,
      (23 << 11) | (59 << 5) | 29,
    ]);
    expect(zipDate(zip)).toEqual([(46 << 9) | (2 << 5) | 3, (4 << 11) | (5 << 5) | 3]);
  });
});
