/** A Word document of a demo story: header lines, then Heading 1 chapters (or a Title-styled title). */
import { strToU8, type Zippable, zipSync } from 'fflate';
import { escapeXml, field, type Story, stamp } from './story-source.ts';

/** A run list for a paragraph: `_italic_` spans become italic runs. */
function docxRuns(text: string, italicAll = false): string {
  const parts = text.split(/(?<=^|[\s("'“‘—-])_([^_]+)_(?=$|[\s.,;:!?)"'”’—-])/);
  return parts
    .map((part, index) => {
      if (!part) return '';
      const italic = italicAll || index % 2 === 1;
      return `<w:r>${italic ? '<w:rPr><w:i/></w:rPr>' : ''}<w:t xml:space="preserve">${escapeXml(part)}</w:t></w:r>`;
    })
    .join('');
}

const docxParagraph = (text: string, style?: string, italic = false): string =>
  `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ''}${docxRuns(text, italic)}</w:p>`;

export function buildDocx(story: Story): Uint8Array {
  const titled = story.style === 'titled';
  const body: string[] = [];
  for (const [key, value] of story.header) {
    if (titled && key === 'Title') body.push(docxParagraph(value, 'Title'));
    else body.push(docxParagraph(`${key}: ${value}`));
  }
  body.push('<w:p/>');
  const multi = story.chapters.length > 1;
  story.chapters.forEach((chapter, index) => {
    if (multi || chapter.heading)
      body.push(docxParagraph(chapter.heading ?? `Chapter ${index + 1}`, 'Heading1'));
    if (chapter.notes) body.push(docxParagraph(`A/N: ${chapter.notes}`, undefined, true));
    for (const paragraph of chapter.paragraphs) body.push(docxParagraph(paragraph));
    if (chapter.endNotes) body.push(docxParagraph(`A/N: ${chapter.endNotes}`, undefined, true));
  });
  const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body.join('')}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>
`;
  const styles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/></w:style>
</w:styles>
`;
  const core = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>${escapeXml(field(story, 'Title') ?? '')}</dc:title><dc:creator>${escapeXml(field(story, 'Author') ?? '')}</dc:creator></cp:coreProperties>
`;
  const files: Zippable = {
    '[Content_Types].xml': stamp(
      strToU8(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>\n',
      ),
    ),
    '_rels/.rels': stamp(
      strToU8(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>\n',
      ),
    ),
    'word/_rels/document.xml.rels': stamp(
      strToU8(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>\n',
      ),
    ),
    'word/document.xml': stamp(strToU8(document)),
    'word/styles.xml': stamp(strToU8(styles)),
    'docProps/core.xml': stamp(strToU8(core)),
  };
  return zipSync(files);
}
