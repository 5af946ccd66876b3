import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chapterSummary, readBytes } from '../../../test/helpers.ts';
import { buildDocx } from '../../../test/zip-fixtures.ts';
import { isAppError } from '../../errors.ts';
import { docxFormat } from './docx.ts';

describe('docx reader', () => {
  it('reads a Word document: title style, header lines, headings as chapters, emphasis', async () => {
    const bytes = buildDocx(
      [
        { text: 'Harvest Moon', style: 'Title' },
        { text: 'Author: greywitch' },
        { text: 'Rating: G' },
        { text: 'Chapter 1', style: 'Heading1' },
        { text: 'Willow counted the jars of honey twice.' },
        { text: 'Chapter 2: Frost', style: 'Heading1' },
        { text: 'Tara laughed at her, softly.', italic: true },
      ],
      { title: 'Document1', creator: 'Owner' },
    );
    const draft = await readBytes(bytes, 'harvest.docx');
    expect(draft.title).toBe('Harvest Moon');
    expect(draft.creators).toEqual(['greywitch']);
    expect(draft.rating).toEqual({ value: 'General Audiences', original: 'G' });
    expect(chapterSummary(draft)).toEqual([
      { title: null, words: 7 },
      { title: 'Frost', words: 5 },
    ]);
    const second = draft.chapters[1]?.blocks[0];
    expect(second?.type === 'paragraph' && second.html).toBe('<em>Tara laughed at her, softly.</em>');
    // Word's own title property is kept as a field, never used as the work's title.
    expect(draft.fields.find((field) => field.label === 'docx title')?.value).toBe('Document1');
  });

  it('names a DOCX without word/document.xml', async () => {
    await expect(
      readBytes(buildDocx([{ text: 'x' }], { omitDocument: true }), 'broken.docx'),
    ).rejects.toThrow(/no word\/document.xml/);
  });

  it('refuses an empty document', async () => {
    await expect(readBytes(buildDocx([]), 'empty.docx')).rejects.toThrow(/no text/);
  });

  /** An XML part of `size` bytes, nearly all white space: a few kilobytes once packed. */
  const padded = (open: string, close: string, size: number) => {
    const part = new Uint8Array(size).fill(0x20);
    part.set(new TextEncoder().encode(open));
    part.set(new TextEncoder().encode(close), size - close.length);
    return part;
  };

  it('refuses a part that unpacks past the cap, naming it, before mammoth sees it', async () => {
    // mammoth unpacked such parts freely: only word/document.xml was checked.
    const styles = padded('<?xml version="1.0"?><w:styles xmlns:w="w">', '</w:styles>', 50 * 1024 * 1024);
    const bomb = buildDocx([{ text: 'Willow counted the jars.' }], { parts: { 'word/styles.xml': styles } });
    expect(bomb.length).toBeLessThan(200_000);
    await expect(readBytes(bomb, 'bloated.docx')).rejects.toMatchObject({
      code: 'ARCHIVE_TOO_LARGE',
      message: expect.stringMatching(/^word\/styles\.xml in bloated\.docx unpacks to/),
    });
  });

  it('holds all the parts together to the markup cap', async () => {
    // Two parts of 40 MB: each under the cap for one part, together over the cap for the whole document.
    const part = (name: string) => padded(`<${name}>`, `</${name}>`, 40 * 1024 * 1024);
    const bomb = buildDocx([{ text: 'Willow counted the jars.' }], {
      parts: { 'word/a.xml': part('a'), 'word/b.xml': part('b') },
    });
    await expect(readBytes(bomb, 'two.docx')).rejects.toMatchObject({
      code: 'ARCHIVE_TOO_LARGE',
      message: expect.stringMatching(
        /two\.docx unpacks to more than the 64 MB .* in all; it stopped at word\//,
      ),
    });
  });

  it('reads a document with an image without unpacking the image', async () => {
    const bytes = buildDocx([{ text: 'Willow counted the jars of honey twice.' }], {
      parts: { 'word/media/image1.png': new Uint8Array(1024) },
    });
    const draft = await readBytes(bytes, 'pictured.docx');
    expect(draft.words).toBe(7);
  });

  it('never throws anything but an AppError on arbitrary bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (bytes) => {
        try {
          await docxFormat.read(bytes, 'fuzz.docx');
        } catch (error) {
          if (!isAppError(error)) throw error;
        }
      }),
      { numRuns: 150 },
    );
  });
});
