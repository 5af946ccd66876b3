/** Builders for EPUB and DOCX test files, made the way AO3, FanFicFare, calibre and Word make them. */
import { strToU8, type Zippable, zipSync } from 'fflate';

const enc = (text: string) => strToU8(text);

export interface EpubChapter {
  file: string;
  title: string;
  html: string;
}

export interface EpubOptions {
  version?: 2 | 3;
  title: string;
  creators: string[];
  subjects?: string[];
  description?: string;
  language?: string;
  series?: { name: string; index: number };
  /** `dc:date` elements as written, each with its `opf:event` when given. */
  dates?: { value: string; event?: string }[];
  /** Extra spine pages before the chapters (preface, title page, jacket), as [file, xhtml body]. */
  front?: [string, string][];
  back?: [string, string][];
  chapters: EpubChapter[];
  /** Leave out parts to make broken books. */
  omit?: ('container' | 'opf' | 'mimetype')[];
}

const page = (title: string, body: string) =>
  `<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><head><title>${title}</title></head><body>${body}</body></html>`;

export function buildEpub(options: EpubOptions): Uint8Array {
  const version = options.version ?? 3;
  const pages: [string, string, string][] = [
    ...(options.front ?? []).map(([file, body]) => [file, file, body] as [string, string, string]),
    ...options.chapters.map(
      (chapter) => [chapter.file, chapter.title, chapter.html] as [string, string, string],
    ),
    ...(options.back ?? []).map(([file, body]) => [file, file, body] as [string, string, string]),
  ];
  const manifest = pages
    .map(([file], index) => `<item id="p${index}" href="${file}" media-type="application/xhtml+xml"/>`)
    .join('\n');
  const spine = pages.map((_, index) => `<itemref idref="p${index}"/>`).join('\n');
  const meta = [
    `<dc:title>${options.title}</dc:title>`,
    ...options.creators.map((creator) => `<dc:creator opf:role="aut">${creator}</dc:creator>`),
    ...(options.subjects ?? []).map((subject) => `<dc:subject>${subject}</dc:subject>`),
    options.description
      ? `<dc:description>${options.description.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</dc:description>`
      : '',
    `<dc:language>${options.language ?? 'en'}</dc:language>`,
    ...(options.dates ?? []).map(
      (date) => `<dc:date${date.event ? ` opf:event="${date.event}"` : ''}>${date.value}</dc:date>`,
    ),
    '<dc:identifier id="uid">urn:uuid:12345678-1234-1234-1234-123456789abc</dc:identifier>',
    options.series
      ? `<meta name="calibre:series" content="${options.series.name}"/><meta name="calibre:series_index" content="${options.series.index}"/>`
      : '',
  ].join('\n');
  const navItem =
    version === 3
      ? '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>'
      : '<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>';
  const opf = `<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://www.idpf.org/2007/opf" xmlns:opf="http://www.idpf.org/2007/opf" version="${version}.0" unique-identifier="uid">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">${meta}</metadata>
<manifest>${navItem}${manifest}</manifest>
<spine${version === 2 ? ' toc="ncx"' : ''}>${spine}</spine></package>`;
  const files: Zippable = {};
  if (!options.omit?.includes('mimetype')) files.mimetype = [enc('application/epub+zip'), { level: 0 }];
  if (!options.omit?.includes('container')) {
    files['META-INF/container.xml'] = enc(
      '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>',
    );
  }
  if (!options.omit?.includes('opf')) files['OEBPS/content.opf'] = enc(opf);
  if (version === 3) {
    files['OEBPS/nav.xhtml'] = enc(
      page(
        'Contents',
        `<nav epub:type="toc" id="toc"><ol>${options.chapters.map((chapter) => `<li><a href="${chapter.file}">${chapter.title}</a></li>`).join('')}</ol></nav>`,
      ),
    );
  } else {
    files['OEBPS/toc.ncx'] = enc(
      `<?xml version="1.0"?><ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1"><navMap>${options.chapters
        .map(
          (chapter, index) =>
            `<navPoint id="n${index}" playOrder="${index + 1}"><navLabel><text>${chapter.title}</text></navLabel><content src="${chapter.file}"/></navPoint>`,
        )
        .join('')}</navMap></ncx>`,
    );
  }
  for (const [file, title, body] of pages) files[`OEBPS/${file}`] = enc(page(title, body));
  return zipSync(files);
}

export interface DocxParagraph {
  text: string;
  style?: 'Title' | 'Heading1' | 'Heading2';
  italic?: boolean;
}

export function buildDocx(
  paragraphs: DocxParagraph[],
  options: {
    title?: string;
    creator?: string;
    /** Word's `dcterms:created` and `dcterms:modified`, as W3CDTF timestamps. */
    created?: string;
    modified?: string;
    omitDocument?: boolean;
    /** Parts added or put in place of the usual ones (a bloated `word/styles.xml`). */
    parts?: Zippable;
  } = {},
): Uint8Array {
  const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const body = paragraphs
    .map(
      (paragraph) =>
        `<w:p>${paragraph.style ? `<w:pPr><w:pStyle w:val="${paragraph.style}"/></w:pPr>` : ''}<w:r>${paragraph.italic ? '<w:rPr><w:i/></w:rPr>' : ''}<w:t xml:space="preserve">${escapeXml(paragraph.text)}</w:t></w:r></w:p>`,
    )
    .join('');
  const styles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style></w:styles>`;
  const files: Zippable = {
    '[Content_Types].xml': enc(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>',
    ),
    '_rels/.rels': enc(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ),
    'word/_rels/document.xml.rels': enc(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>',
    ),
    'word/styles.xml': enc(styles),
  };
  if (!options.omitDocument) {
    files['word/document.xml'] = enc(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
    );
  }
  if (options.title || options.creator || options.created || options.modified) {
    const stamp = (name: string, value: string | undefined) =>
      value ? `<dcterms:${name} xsi:type="dcterms:W3CDTF">${value}</dcterms:${name}>` : '';
    files['docProps/core.xml'] = enc(
      `<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>${options.title ?? ''}</dc:title><dc:creator>${options.creator ?? ''}</dc:creator>${stamp('created', options.created)}${stamp('modified', options.modified)}</cp:coreProperties>`,
    );
  }
  return zipSync({ ...files, ...options.parts });
}

const ao3Preface = `<div id="preface"><h1>Slayer's Rest</h1><div class="byline">by <a rel="author" href="#">ashfall</a></div>
<dl class="tags"><dt>Rating:</dt><dd><a>Mature</a></dd><dt>Archive Warning:</dt><dd><a>Graphic Depictions Of Violence</a></dd>
<dt>Category:</dt><dd><a>F/F</a></dd><dt>Fandom:</dt><dd><a>Buffy the Vampire Slayer</a></dd>
<dt>Relationship:</dt><dd><a>Buffy Summers/Faith Lehane</a></dd><dt>Character:</dt><dd><a>Buffy Summers</a>, <a>Faith Lehane</a></dd>
<dt>Additional Tags:</dt><dd><a>Post-Chosen</a></dd><dt>Language:</dt><dd>English</dd><dt>Stats:</dt><dd>Published: 2019-10-31 Words: 40 Chapters: 2/2</dd></dl>
<p>Summary</p><blockquote class="userstuff"><p>Two Slayers, one last patrol.</p></blockquote></div>`;

/** An EPUB as AO3 makes it: a preface page with typed tags, one file per chapter, an afterword. */
export function ao3Epub(): Uint8Array {
  return buildEpub({
    title: "Slayer's Rest",
    creators: ['ashfall'],
    subjects: [
      'Mature',
      'Graphic Depictions Of Violence',
      'F/F',
      'Buffy the Vampire Slayer',
      'Buffy Summers/Faith Lehane',
      'Post-Chosen',
    ],
    front: [['preface.xhtml', ao3Preface]],
    chapters: [
      {
        file: 'chapter1.xhtml',
        title: 'Chapter 1: Patrol',
        html: '<h2 class="toc-heading">Chapter 1: Patrol</h2><div class="meta group"><p>Chapter Notes</p><blockquote class="userstuff"><p>Hello again.</p></blockquote></div><div class="userstuff"><p>Faith kicked the crypt door in. Buffy followed her into the dark.</p></div>',
      },
      {
        file: 'chapter2.xhtml',
        title: 'Chapter 2',
        html: '<h2 class="toc-heading">Chapter 2</h2><div class="userstuff"><p>They walked home at dawn, bloody and laughing.</p></div>',
      },
    ],
    back: [
      [
        'afterword.xhtml',
        '<div id="afterword"><p>End Notes</p><blockquote class="userstuff"><p>Thank you for reading.</p></blockquote></div>',
      ],
    ],
  });
}

/** An EPUB 2 as FanFicFare makes it: NCX, a title page of `Label: value` lines, `Chapter N: Title` pages. */
export function fanficfareEpub(): Uint8Array {
  return buildEpub({
    version: 2,
    title: 'The Quiet Year',
    creators: ['inkwell'],
    subjects: ['Romance', 'Angst'],
    description: '<p>Eighth year at Hogwarts. Draco writes letters.</p>',
    front: [
      [
        'title_page.xhtml',
        '<h3>The Quiet Year by inkwell</h3><div><b>Category:</b> Harry Potter<br/><b>Genre:</b> Romance, Angst<br/><b>Characters:</b> Draco M., Harry P.<br/><b>Rating:</b> T<br/><b>Status:</b> In-Progress<br/><b>Chapters:</b> 2<br/><b>Words:</b> 30</div>',
      ],
    ],
    chapters: [
      {
        file: 'file0001.xhtml',
        title: 'Arrival',
        html: '<h2>Chapter 1: Arrival</h2><p>Draco came back in September, alone.</p>',
      },
      {
        file: 'file0002.xhtml',
        title: 'Letters',
        html: '<h2>Chapter 2: Letters</h2><p>He wrote the first letter on a Tuesday, and burned it.</p>',
      },
    ],
  });
}

/** An EPUB as calibre converts one: series metadata, a jacket page, a cover. */
export function calibreEpub(): Uint8Array {
  return buildEpub({
    version: 2,
    title: 'Cold Case',
    creators: ['moonfire', 'bakerstreet'],
    subjects: ['Sherlock (TV)', 'Johnlock'],
    series: { name: 'Winter Cases', index: 2 },
    front: [
      ['cover.xhtml', '<div><img src="cover.jpg" alt="cover"/></div>'],
      [
        'jacket.xhtml',
        '<div class="cbj_banner"><h1 class="cbj_title">Cold Case</h1><div class="cbj_author">moonfire</div></div>',
      ],
    ],
    chapters: [
      {
        file: 'index_split_000.html',
        title: 'Cold Case',
        html: '<p>The body in the river had been there since November, Lestrade said.</p><p>Sherlock was already kneeling in the mud.</p>',
      },
    ],
  });
}
