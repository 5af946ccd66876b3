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

  it('refuses a date a ZIP cannot hold', () => {
    expect(() => zipEntries([], new Date(1970, 0, 1))).toThrow(RangeError);
  });
});
