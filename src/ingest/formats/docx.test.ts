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
