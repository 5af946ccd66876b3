import { type Zippable, zipSync } from 'fflate';
import { AppError } from '../../errors.ts';
import { htmlToBlocks } from '../html-blocks.ts';
import type { RawStory, SourceField } from '../story.ts';
import { squeezeSpaces } from '../text.ts';
import { isZip, openZip, STORY_ARCHIVE_LIMITS, type ZipArchive } from '../zip.ts';
import type { StoryFormat } from './format.ts';

// Word's Title and Heading styles become headings, so `Chapter 2` styled as a heading splits chapters.
const STYLE_MAP = [
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='Subtitle'] => h2:fresh",
  "p[style-name='Heading 1'] => h1:fresh",
  "p[style-name='Heading 2'] => h2:fresh",
];

/** Word documents as writers keep them, converted by mammoth; header lines and headings stay in the text. */
export const docxFormat: StoryFormat = {
  id: 'docx',
  extensions: ['.docx'],
  sniff(bytes) {
    if (!isZip(bytes)) return false;
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(bytes.length, 64 * 1024)));
    return (
      head.includes('word/document.xml') || (head.includes('[Content_Types].xml') && head.includes('word/'))
    );
  },
  async read(bytes, fileName) {
    const zip = await openZip(bytes, fileName, STORY_ARCHIVE_LIMITS);
    const fields: SourceField[] = [];
    let parts: Zippable;
    try {
      if (!zip.has('word/document.xml')) {
        throw new AppError(
          'INVALID_DOCX',
          `${fileName} has no word/document.xml, so it is not a complete Word document.`,
        );
      }
      parts = await markupParts(zip);
      if (zip.has('docProps/core.xml')) {
        const core = await zip.readText('docProps/core.xml');
        const title = /<dc:title>([^<]*)<\/dc:title>/.exec(core)?.[1];
        const creator = /<dc:creator>([^<]*)<\/dc:creator>/.exec(core)?.[1];
        // Word fills these in by itself, often wrongly: kept as fields, never used as the work's title.
        if (title?.trim())
          fields.push({ label: 'docx title', value: squeezeSpaces(title), origin: 'docProps/core.xml' });
        if (creator?.trim())
          fields.push({ label: 'docx creator', value: squeezeSpaces(creator), origin: 'docProps/core.xml' });
        // When the document was written and last saved: a date a header line states outranks them.
        const stamp = (name: string) => new RegExp(`<dcterms:${name}[^>]*>([^<]*)<`).exec(core)?.[1]?.trim();
        const created = stamp('created');
        const modified = stamp('modified');
        const origin = 'docProps/core.xml';
        if (created) fields.push({ label: 'Published', value: created.slice(0, 10), origin, weak: true });
        if (modified) fields.push({ label: 'Updated', value: modified.slice(0, 10), origin, weak: true });
      }
    } finally {
      zip.close();
    }
    let html: string;
    const notices: string[] = [];
    try {
      // Loaded on the first Word file: most imports have none, and mammoth takes a tenth of a second to load.
      const { default: mammoth } = await import('mammoth');
      // mammoth unpacks whatever it is given, so it is given only the parts the capped reader unpacked, stored
      // uncompressed in a zip of their own; images are never read (the story allowlist has no images).
      const capped = Buffer.from(zipSync(parts, { level: 0 }));
      parts = {};
      const result = await mammoth.convertToHtml(
        { buffer: capped },
        { styleMap: STYLE_MAP, convertImage: mammoth.images.imgElement(async () => ({ src: '' })) },
      );
      html = result.value;
      for (const message of result.messages.filter((item) => item.type === 'error').slice(0, 5))
        notices.push(message.message);
    } catch (error) {
      throw new AppError(
        'INVALID_DOCX',
        `${fileName} could not be read as a Word document: ${(error as Error).message}`,
      );
    }
    const blocks = htmlToBlocks(html);
    if (!blocks.some((block) => block.type === 'paragraph')) {
      throw new AppError('NO_STORY_TEXT', `${fileName} is a Word document with no text in it.`);
    }
    const story: RawStory = {
      format: 'docx',
      fields,
      chapters: [{ title: null, blocks }],
      chaptersGiven: false,
      notices,
    };
    return story;
  },
};

/** The XML parts of a Word document (the text, styles, numbering, notes, relationships), each read capped. */
async function markupParts(zip: ZipArchive): Promise<Zippable> {
  const parts: Zippable = {};
  for (const entry of zip.entries) {
    if (/\.(?:xml|rels)$/i.test(entry.name)) parts[entry.name] = await zip.readBytes(entry.name);
  }
  return parts;
}
