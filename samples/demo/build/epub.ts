/** AO3-style (EPUB 3) and FanFicFare-style (EPUB 2) EPUBs of a demo story. */
import { strToU8, type Zippable, zipSync } from 'fflate';
import { type Chapter, escapeXml, field, inlineHtml, list, type Story, stamp, wordCount } from './story-source.ts';

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

export function buildEpub(story: Story): Uint8Array {
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
