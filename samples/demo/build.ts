/**
 * Builds the demo archive's binary story files from the sources in `samples/demo/src/`:
 * AO3-style and FanFicFare-style EPUBs, Word documents, and a `.zip` of plain-text stories.
 *
 *   node --import tsx samples/demo/build.ts
 *
 * A source is a `.story` file: `Key: value` header lines, a `---` line, then the chapters. Two lower-case
 * keys steer the build and are not part of the story: `output` (the file to write, or `archive.zip/name.txt`
 * for a story inside a zip) and `style` (`ao3` or `fanficfare` for an EPUB, `titled` for a DOCX whose
 * title is a Title-styled paragraph). In the body, `## Chapter 1: Title` starts a chapter,
 * `Chapter Notes:` and `Chapter End Notes:` lines give its notes, blank lines separate paragraphs and
 * `_text_` is italic. Output is deterministic: every zip entry carries the same timestamp.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strToU8, type Zippable, type ZippableFile, zipSync } from 'fflate';

const HERE = dirname(fileURLToPath(import.meta.url));
const SOURCES = join(HERE, 'src');
/** One fixed time for every entry, so a rebuild without changes writes identical bytes. */
const MTIME = new Date('2026-01-01T12:00:00Z');

interface Chapter {
  heading: string | null;
  notes: string | null;
  endNotes: string | null;
  paragraphs: string[];
}

interface Story {
  source: string;
  output: string;
  style: string | null;
  /** The header in the order written, without the build keys. */
  header: [string, string][];
  chapters: Chapter[];
}

function parseStory(source: string, text: string): Story {
  const normalized = text.replace(/\r\n?/g, '\n');
  const split = normalized.indexOf('\n---\n');
  if (split < 0) throw new Error(`${source}: no '---' line between the header and the story`);
  const header: [string, string][] = [];
  let output: string | null = null;
  let style: string | null = null;
  for (const line of normalized.slice(0, split).split('\n')) {
    if (!line.trim()) continue;
    const match = /^([A-Za-z][A-Za-z' ]*):\s*(.*)$/.exec(line);
    if (!match) throw new Error(`${source}: header line without a key: ${line}`);
    const [, key = '', value = ''] = match;
    if (key === 'output') output = value.trim();
    else if (key === 'style') style = value.trim();
    else header.push([key, value.trim()]);
  }
  if (!output) throw new Error(`${source}: no 'output:' line`);

  const chapters: Chapter[] = [];
  let current: Chapter | null = null;
  const blocks = normalized
    .slice(split + 5)
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter(Boolean);
  for (const block of blocks) {
    const lines = block.split('\n');
    const first = lines[0] ?? '';
    if (first.startsWith('## ')) {
      current = { heading: first.slice(3).trim(), notes: null, endNotes: null, paragraphs: [] };
      chapters.push(current);
      lines.shift();
    }
    if (!current) {
      current = { heading: null, notes: null, endNotes: null, paragraphs: [] };
      chapters.push(current);
    }
    const rest = lines.join(' ').replace(/\s+/g, ' ').trim();
    if (!rest) continue;
    if (rest.startsWith('Chapter Notes:')) current.notes = rest.slice('Chapter Notes:'.length).trim();
    else if (rest.startsWith('Chapter End Notes:'))
      current.endNotes = rest.slice('Chapter End Notes:'.length).trim();
    else current.paragraphs.push(rest);
  }
  return { source, output, style, header, chapters };
}

const field = (story: Story, key: string): string | null =>
  story.header.find(([name]) => name.toLowerCase() === key.toLowerCase())?.[1] ?? null;

const list = (value: string | null): string[] =>
  value
    ? value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean)
    : [];

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Escaped text with `_italic_` spans as `<em>`. */
const inlineHtml = (text: string): string =>
  escapeXml(text).replace(/(^|[\s("'“‘—-])_([^_]+)_(?=$|[\s.,;:!?)"'”’—-])/g, '$1<em>$2</em>');

const plain = (text: string): string =>
  text.replace(/(^|[\s("'“‘—-])_([^_]+)_(?=$|[\s.,;:!?)"'”’—-])/g, '$1$2');

/** A scene break: a paragraph made only of symbols (`* * *`, `~`, `-x-`). */
const isBreak = (paragraph: string): boolean =>
  /^[^\p{L}\p{N}]+$/u.test(paragraph) || /^-?x-?$/i.test(paragraph);

/** Words as a reader counts them: white-space separated, scene breaks left out. */
const wordCount = (story: Story): number =>
  story.chapters.reduce(
    (sum, chapter) =>
      sum +
      chapter.paragraphs
        .filter((paragraph) => !isBreak(paragraph))
        .reduce((inner, paragraph) => inner + plain(paragraph).split(/\s+/).filter(Boolean).length, 0),
    0,
  );

const stamp = (bytes: Uint8Array, level: 0 | 6 = 6): ZippableFile => [bytes, { level, mtime: MTIME }];

// ---------------------------------------------------------------- EPUB

function xhtmlPage(title: string, body: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">
<head><title>${escapeXml(title)}</title><link rel="stylesheet" type="text/css" href="style.css"/></head>
<body>
${body}
</body>
</html>
`;
}

const paragraphsHtml = (paragraphs: string[]): string =>
  paragraphs.map((paragraph) => `<p>${inlineHtml(paragraph)}</p>`).join('\n');

const quoteBlock = (label: string, text: string, extra = ''): string =>
  `<div class="meta${extra}"><p>${label}</p><blockquote class="userstuff"><p>${inlineHtml(text)}</p></blockquote></div>`;

/** The tag list of AO3's preface page: `<dt>Label:</dt><dd><a>tag</a>, ...</dd>`. */
function ao3TagList(story: Story): string {
  const rows: string[] = [];
  const tags = (label: string, key: string) => {
    const values = list(field(story, key));
    if (values.length > 0)
      rows.push(
        `<dt>${label}:</dt><dd>${values.map((value) => `<a class="tag" href="#">${escapeXml(value)}</a>`).join(', ')}</dd>`,
      );
  };
  tags('Rating', 'Rating');
  tags('Archive Warning', 'Archive Warning');
  tags('Category', 'Category');
  tags('Fandom', 'Fandom');
  tags('Relationship', 'Relationship');
  tags('Character', 'Characters');
  tags('Additional Tags', 'Additional Tags');
  const language = field(story, 'Language');
  if (language) rows.push(`<dt>Language:</dt><dd>${escapeXml(language)}</dd>`);
  const series = field(story, 'Series');
  if (series) rows.push(`<dt>Series:</dt><dd>${escapeXml(series)}</dd>`);
  // AO3 says `Completed:` for a finished work and `Updated:` for one still in progress.
  const chapters = field(story, 'Chapters') ?? `${story.chapters.length}/${story.chapters.length}`;
  const [posted, planned] = chapters.split('/');
  const updatedLabel = posted === planned ? 'Completed' : 'Updated';
  const stats = [
    `Published: ${field(story, 'Published') ?? ''}`,
    field(story, 'Updated') ? `${updatedLabel}: ${field(story, 'Updated')}` : '',
    `Words: ${wordCount(story).toLocaleString('en-US')}`,
    `Chapters: ${chapters}`,
  ]
    .filter(Boolean)
    .join(' ');
  rows.push(`<dt>Stats:</dt><dd>${stats}</dd>`);
  return `<dl class="tags">\n${rows.join('\n')}\n</dl>`;
}

function ao3Pages(story: Story): { front: [string, string, string][]; back: [string, string, string][] } {
  const title = field(story, 'Title') ?? '';
  const author = field(story, 'Author') ?? '';
  const summary = field(story, 'Summary');
  const notes = field(story, 'Notes');
  const endNotes = field(story, 'End Notes');
  const preface = [
    '<div id="preface">',
    `<p class="message"><b>${escapeXml(title)}</b><br/>Posted originally on the Archive of Our Own.</p>`,
    '<div class="meta">',
    ao3TagList(story),
    `<h1>${escapeXml(title)}</h1>`,
    `<div class="byline">by <a rel="author" href="#">${escapeXml(author)}</a></div>`,
    summary ? `<p>Summary</p><blockquote class="userstuff"><p>${inlineHtml(summary)}</p></blockquote>` : '',
    notes ? `<p>Notes</p><blockquote class="userstuff"><p>${inlineHtml(notes)}</p></blockquote>` : '',
    '</div>',
    '</div>',
  ]
    .filter(Boolean)
    .join('\n');
  const afterword = [
    '<div id="afterword">',
    endNotes ? quoteBlock('End Notes', endNotes) : '',
    '<p class="message">Please drop by the Archive and comment to let the creator know if you enjoyed their work!</p>',
    '</div>',
  ]
    .filter(Boolean)
    .join('\n');
  return {
    front: [['preface.xhtml', 'Preface', preface]],
    back: [['afterword.xhtml', 'Afterword', afterword]],
  };
}

function ao3ChapterBody(story: Story, chapter: Chapter, index: number): string {
  const single = story.chapters.length === 1;
  const heading = single ? null : (chapter.heading ?? `Chapter ${index + 1}`);
  return [
    heading ? `<h2 class="toc-heading">${escapeXml(heading)}</h2>` : '',
    chapter.notes ? quoteBlock('Chapter Notes', chapter.notes, ' group') : '',
    `<div class="userstuff">\n${paragraphsHtml(chapter.paragraphs)}\n</div>`,
    chapter.endNotes ? quoteBlock('Chapter End Notes', chapter.endNotes, ' group') : '',
  ]
    .filter(Boolean)
    .join('\n');
}

/** FanFicFare's title page: the story's fields as `<b>Label:</b> value` lines. */
function fanficfareTitlePage(story: Story): string {
  const title = field(story, 'Title') ?? '';
  const author = field(story, 'Author') ?? '';
  const labels: [string, string][] = [
    ['Category', 'Fandom'],
    ['Genre', 'Genre'],
    ['Characters', 'Characters'],
    ['Relationships', 'Relationship'],
    ['Rating', 'Rating'],
    ['Warnings', 'Archive Warning'],
    ['Status', 'Status'],
    ['Chapters', 'Chapters'],
    ['Published', 'Published'],
    ['Updated', 'Updated'],
  ];
  const lines = labels
    .map(([label, key]) => [label, field(story, key)] as const)
    .filter((entry): entry is readonly [string, string] => Boolean(entry[1]))
    .map(([label, value]) => `<b>${label}:</b> ${escapeXml(value)}<br/>`);
  lines.push(`<b>Words:</b> ${wordCount(story).toLocaleString('en-US')}<br/>`);
  const summary = field(story, 'Summary');
  return `<h3>${escapeXml(title)} by ${escapeXml(author)}</h3>\n<div>\n${lines.join('\n')}\n</div>${
    summary ? `\n<p><b>Summary:</b> ${inlineHtml(summary)}</p>` : ''
  }`;
}

function buildEpub(story: Story): Uint8Array {
  const fanficfare = story.style === 'fanficfare';
  const title = field(story, 'Title') ?? '';
  const author = field(story, 'Author') ?? '';
  const chapterPages: [string, string, string][] = story.chapters.map((chapter, index) => {
    const heading = chapter.heading ?? `Chapter ${index + 1}`;
    if (fanficfare) {
      const file = `file${String(index + 1).padStart(4, '0')}.xhtml`;
      return [file, heading, `<h2>${escapeXml(heading)}</h2>\n${paragraphsHtml(chapter.paragraphs)}`];
    }
    return [`chapter${index + 1}.xhtml`, heading, ao3ChapterBody(story, chapter, index)];
  });
  const { front, back } = fanficfare
    ? {
        front: [['title_page.xhtml', 'Title Page', fanficfareTitlePage(story)]] as [string, string, string][],
        back: [],
      }
    : ao3Pages(story);
  const pages = [...front, ...chapterPages, ...back];

  // AO3 flattens every tag into dc:subject; FanFicFare writes genres and tags there.
  const subjects = fanficfare
    ? [...list(field(story, 'Genre')), ...list(field(story, 'Additional Tags'))]
    : [
        'Rating',
        'Archive Warning',
        'Category',
        'Fandom',
        'Relationship',
        'Characters',
        'Additional Tags',
      ].flatMap((key) => list(field(story, key)));
  const summary = field(story, 'Summary');
  const series = field(story, 'Series');
  const seriesMatch = series ? /^Part (\d+) of (.+)$/i.exec(series) : null;
  const version = fanficfare ? 2 : 3;
  const identifier = `urn:quire-demo:${story.output.replace(/\.epub$/, '')}`;
  const metadata = [
    `<dc:title>${escapeXml(title)}</dc:title>`,
    `<dc:creator opf:role="aut">${escapeXml(author)}</dc:creator>`,
    ...subjects.map((subject) => `<dc:subject>${escapeXml(subject)}</dc:subject>`),
    summary ? `<dc:description>${escapeXml(`<p>${inlineHtml(summary)}</p>`)}</dc:description>` : '',
    `<dc:language>en</dc:language>`,
    `<dc:identifier id="uid">${escapeXml(identifier)}</dc:identifier>`,
    field(story, 'Published') ? `<dc:date>${escapeXml(field(story, 'Published') ?? '')}</dc:date>` : '',
    fanficfare
      ? '<dc:publisher>FanFicFare</dc:publisher>'
      : '<dc:publisher>Archive of Our Own</dc:publisher>',
    seriesMatch
      ? `<meta name="calibre:series" content="${escapeXml(seriesMatch[2] ?? '')}"/><meta name="calibre:series_index" content="${seriesMatch[1]}"/>`
      : '',
    version === 3 ? `<meta property="dcterms:modified">2026-01-01T12:00:00Z</meta>` : '',
  ]
    .filter(Boolean)
    .join('\n');
  const manifest = [
    version === 3
      ? '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>'
      : '<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>',
    '<item id="css" href="style.css" media-type="text/css"/>',
    ...pages.map(
      ([file], index) => `<item id="p${index}" href="${file}" media-type="application/xhtml+xml"/>`,
    ),
  ].join('\n');
  const spine = pages.map((_, index) => `<itemref idref="p${index}"/>`).join('\n');
  const opf = `<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://www.idpf.org/2007/opf" xmlns:opf="http://www.idpf.org/2007/opf" version="${version}.0" unique-identifier="uid">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
${metadata}
</metadata>
<manifest>
${manifest}
</manifest>
<spine${version === 2 ? ' toc="ncx"' : ''}>
${spine}
</spine>
</package>
`;
  const files: Zippable = {
    mimetype: stamp(strToU8('application/epub+zip'), 0),
    'META-INF/container.xml': stamp(
      strToU8(
        '<?xml version="1.0"?>\n<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>\n',
      ),
    ),
    'OEBPS/content.opf': stamp(strToU8(opf)),
    'OEBPS/style.css': stamp(strToU8('body { font-family: serif; } .meta { font-size: 0.9em; }\n')),
  };
  if (version === 3) {
    const items = chapterPages
      .map(([file, heading]) => `<li><a href="${file}">${escapeXml(heading)}</a></li>`)
      .join('');
    files['OEBPS/nav.xhtml'] = stamp(
      strToU8(
        xhtmlPage('Contents', `<nav epub:type="toc" id="toc"><h1>Contents</h1><ol>${items}</ol></nav>`),
      ),
    );
  } else {
    const points = chapterPages
      .map(
        ([file, heading], index) =>
          `<navPoint id="n${index + 1}" playOrder="${index + 1}"><navLabel><text>${escapeXml(heading)}</text></navLabel><content src="${file}"/></navPoint>`,
      )
      .join('\n');
    files['OEBPS/toc.ncx'] = stamp(
      strToU8(
        `<?xml version="1.0" encoding="utf-8"?>\n<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1"><head><meta name="dtb:uid" content="${escapeXml(identifier)}"/></head><docTitle><text>${escapeXml(title)}</text></docTitle><navMap>\n${points}\n</navMap></ncx>\n`,
      ),
    );
  }
  for (const [file, heading, body] of pages)
    files[`OEBPS/${file}`] = stamp(strToU8(xhtmlPage(heading, body)));
  return zipSync(files);
}

// ---------------------------------------------------------------- DOCX

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

function buildDocx(story: Story): Uint8Array {
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

// ---------------------------------------------------------------- plain text (inside a zip)

function buildText(story: Story): string {
  const lines = story.header.map(([key, value]) => `${key}: ${value}`);
  lines.push('');
  const multi = story.chapters.length > 1;
  story.chapters.forEach((chapter, index) => {
    if (multi || chapter.heading) lines.push(chapter.heading ?? `Chapter ${index + 1}`, '');
    if (chapter.notes) lines.push(`A/N: ${chapter.notes}`, '');
    for (const paragraph of chapter.paragraphs) lines.push(plain(paragraph), '');
    if (chapter.endNotes) lines.push(`A/N: ${chapter.endNotes}`, '');
  });
  return `${lines.join('\n').trimEnd()}\n`;
}

// ---------------------------------------------------------------- main

const stories = readdirSync(SOURCES)
  .filter((name) => name.endsWith('.story'))
  .sort()
  .map((name) => parseStory(name, readFileSync(join(SOURCES, name), 'utf8')));

const archives = new Map<string, Zippable>();
for (const story of stories) {
  const zipped = /^(.+\.zip)\/(.+)$/.exec(story.output);
  if (zipped) {
    const [, archive = '', member = ''] = zipped;
    const entries = archives.get(archive) ?? {};
    entries[member] = stamp(strToU8(buildText(story)));
    archives.set(archive, entries);
    console.log(`${story.source} -> ${archive}!/${member}`);
    continue;
  }
  let bytes: Uint8Array;
  if (story.output.endsWith('.epub')) bytes = buildEpub(story);
  else if (story.output.endsWith('.docx')) bytes = buildDocx(story);
  else throw new Error(`${story.source}: cannot build ${story.output}`);
  writeFileSync(join(HERE, story.output), bytes);
  console.log(`${story.source} -> ${story.output} (${wordCount(story)} words)`);
}
for (const [archive, entries] of archives) {
  writeFileSync(join(HERE, archive), zipSync(entries));
  console.log(`${archive}: ${Object.keys(entries).length} stories`);
}
