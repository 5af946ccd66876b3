import * as cheerio from 'cheerio';

/**
 * Hostile strings every new text field is tried with: script tags, event handlers, dangerous URL schemes,
 * broken markup meant to escape an attribute, and Markdown that hides the same things.
 */
export const XSS_CORPUS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  '<a href="javascript:alert(1)">click</a>',
  '<a href="JaVaScRiPt:alert(1)">click</a>',
  '<iframe src="data:text/html,<script>alert(1)</script>"></iframe>',
  '<p style="background:url(javascript:alert(1))">styled</p>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<!--<img src="--><img src=x onerror=alert(1)//">',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '[click](javascript:alert(1))',
  '![x](x" onerror="alert(1))',
  '<details open ontoggle=alert(1)>',
  '<form action="javascript:alert(1)"><button>go</button></form>',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '<scr<script>ipt>alert(1)</script>',
  '<svg><script>alert(1)</script></svg>',
  '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
  '<a href="&#106;avascript:alert(1)">entity</a>',
  '<a href="java\tscript:alert(1)">tab</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>',
  '<img srcset="x 1x, javascript:alert(1) 2x">',
  '<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">',
  '<base href="//evil.example/">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<link rel="stylesheet" href="//evil.example/x.css">',
  '<style>@import "//evil.example/x.css";</style>',
  '<input autofocus onfocus=alert(1)>',
  '<video><source onerror=alert(1)></video>',
  '<![CDATA[<script>alert(1)</script>]]>',
  ']]><script>alert(1)</script>',
  '</title><script>alert(1)</script>',
  '</textarea><script>alert(1)</script>',
  '" onmouseover="alert(1)',
  'javascript:alert(1)',
  '<?xml-stylesheet href="javascript:alert(1)"?>',
] as const;

/** Whether HTML could run script or load anything: a tag with any attribute, or a script-capable tag. */
export function isDangerousHtml(html: string): boolean {
  return (html.match(/<[^>]*>/g) ?? []).some(
    (tag) =>
      /^<\/?(script|iframe|svg|math|style|img|object|embed|form|details|noscript|a|base|link|meta)\b/i.test(
        tag,
      ) || /^<[a-z0-9]+\s+\S/i.test(tag),
  );
}

/** A URL as a browser reads its scheme: whitespace and control characters dropped, lower case. */
function browserUrl(value: string): string {
  return [...value]
    .filter((character) => character.charCodeAt(0) > 0x20)
    .join('')
    .toLowerCase();
}

/** Elements no page, feed or download of Quire holds: a payload that made one has become markup. */
const FOREIGN_ELEMENTS = new Set([
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'base',
  'svg',
  'math',
  'template',
  'portal',
  'video',
  'audio',
  'source',
  'input',
  'textarea',
  'button',
  'select',
  'img',
]);
const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'action',
  'formaction',
  'xlink:href',
  'srcset',
  'poster',
  'data',
  'background',
  'ping',
]);

/**
 * Everything in a rendered document that could run script or load from elsewhere, as problems (none: an
 * inert document). It reads the document as a browser would (cheerio's HTML5 parser) rather than searching
 * strings: an escaped payload is text, whatever its characters. `allowed` names what the document may hold of
 * its own: forms (pages), input and button elements (forms), a stylesheet element (the HTML download).
 */
export function activeContent(
  html: string,
  allowed: { forms?: boolean; styleElement?: boolean } = {},
): string[] {
  const $ = cheerio.load(html);
  const problems: string[] = [];
  $('*').each((_, node) => {
    // domhandler types script and style elements apart from other tags.
    if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') return;
    const name = node.tagName.toLowerCase();
    const where = `<${name}>`;
    const formPart = allowed.forms && ['input', 'textarea', 'button', 'select'].includes(name);
    if (FOREIGN_ELEMENTS.has(name) && !formPart) problems.push(`${where} element`);
    if (name === 'script' && (!/^\/assets\//.test(node.attribs.src ?? '') || $(node).text().trim() !== ''))
      problems.push(`${where} not the site's own script`);
    if (name === 'style' && !allowed.styleElement) problems.push(`${where} element`);
    if (name === 'style' && /alert|evil\.example|@import|url\(/i.test($(node).text()))
      problems.push(`${where} with a payload`);
    if (name === 'meta' && node.attribs['http-equiv'] !== undefined) problems.push(`${where} http-equiv`);
    if (name === 'link' && /^([a-z][a-z0-9+.-]*:|\/\/)/i.test(browserUrl(node.attribs.href ?? '')))
      problems.push(`${where} to another site`);
    if (name === 'form' && (!allowed.forms || !/^\/(?!\/)/.test(node.attribs.action ?? '/')))
      problems.push(`${where} element`);
    for (const [attribute, value] of Object.entries(node.attribs)) {
      const key = attribute.toLowerCase();
      if (key.startsWith('on')) problems.push(`${where} ${key}=`);
      if (key === 'style') problems.push(`${where} style=`);
      // What a browser does to a URL before reading its scheme: drop whitespace and control characters.
      const url = browserUrl(value);
      if (URL_ATTRIBUTES.has(key) && /^(javascript|vbscript|data):|(^|,)javascript:/.test(url))
        problems.push(`${where} ${key}="${value}"`);
    }
  });
  return problems;
}

/**
 * The same for an Atom or OPDS document: no element a feed does not have, and every `type="html"` or
 * `type="xhtml"` text, which feed readers render, inert as HTML.
 */
export function activeFeedContent(xml: string): string[] {
  const $ = cheerio.load(xml, { xml: true });
  const problems: string[] = [];
  $('*').each((_, node) => {
    // domhandler types script and style elements apart from other tags.
    if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') return;
    const name = node.tagName.toLowerCase().replace(/^.*:/, '');
    if (['script', 'iframe', 'object', 'embed', 'svg', 'math', 'style', 'img', 'base'].includes(name))
      problems.push(`<${name}> in the feed`);
    const type = node.attribs.type;
    if (type === 'html') problems.push(...activeContent($(node).text()));
    if (type === 'xhtml') problems.push(...activeContent($(node).html() ?? ''));
    for (const [attribute, value] of Object.entries(node.attribs))
      if (/^(href|src)$/i.test(attribute) && /^(javascript|vbscript|data):/.test(browserUrl(value)))
        problems.push(`<${name}> ${attribute}="${value}"`);
  });
  return problems;
}
