import { parse as parseDisposition } from 'content-disposition';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentDisposition, downloadFileName, unicodeFileName } from './filename.ts';

describe('downloadFileName', () => {
  const named = (title: string, id = 5) => downloadFileName({ id, title }, 'epub');

  it('transliterates, joins words with underscores and falls back to the work id', () => {
    expect(named('Library Hours')).toBe('Library_Hours.epub');
    expect(named('Café au lait: Straße, Ærø')).toBe('Cafe_au_lait_Strasse_AEro.epub');
    expect(named('../../etc/passwd')).toBe('etc_passwd.epub');
    expect(named('Buffy\'s <script> & "Spike"')).toBe('Buffys_script_Spike.epub');
    expect(named('')).toBe('work-5.epub');
    expect(named('東京の夜')).toBe('work-5.epub');
    expect(named('...')).toBe('work-5.epub');
    expect(named('CON')).toBe('CON_5.epub');
    expect(named('lpt1')).toBe('lpt1_5.epub');
    expect(named('word '.repeat(40)).length).toBeLessThanOrEqual(80);
    expect(downloadFileName({ id: 5, title: 'x' }, '.TXT')).toBe('x.txt');
  });

  it('gives a safe, short, non-empty name for any title', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.nat(1_000_000), (title, id) => {
        const name = downloadFileName({ id, title }, 'epub');
        expect(name).toMatch(/^[A-Za-z0-9_-]+\.epub$/);
        expect(name.length).toBeLessThanOrEqual(80);
        expect(name.split('.')[0]).not.toMatch(/^(?:con|prn|aux|nul|com\d|lpt\d)$/i);
        expect(name.startsWith('-') || name.startsWith('_')).toBe(false);

        const unicode = unicodeFileName({ id, title }, 'epub');
        // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused.
        expect(unicode).not.toMatch(/[<>:"/\\|?*\u0000-\u001f]/);
        expect(unicode).toMatch(/[^ .]\.epub$/);
        expect([...unicode].length).toBeLessThanOrEqual(80);
        const sent = parseDisposition(contentDisposition(name, unicode)).parameters.filename;
        expect(sent).toBe(/^[\x20-\x7e]*$/.test(unicode) ? name : unicode);
      }),
      { numRuns: 500 },
    );
  });

  it('sends an ASCII filename and a UTF-8 filename* for a title that needs one', () => {
    const work = { id: 7, title: 'Café «Nuit» / 東京' };
    const header = contentDisposition(downloadFileName(work, 'epub'), unicodeFileName(work, 'epub'));
    expect(header).toBe(
      `attachment; filename=Cafe_Nuit.epub; filename*=UTF-8''Caf%C3%A9%20%C2%ABNuit%C2%BB%20%E6%9D%B1%E4%BA%AC.epub`,
    );
    expect(contentDisposition('Library_Hours.epub')).toBe('attachment; filename=Library_Hours.epub');
  });
});
