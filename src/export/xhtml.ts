/**
 * HTML to XHTML through a real parser and a small XML writer: EPUB content documents must be well-formed XML,
 * while stored chapter bodies are HTML (`<br>`, `&nbsp;`, unclosed `<p>` in older imports).
 */
import * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';

export const XHTML_NS = 'http://www.w3.org/1999/xhtml';
export const OPS_NS = 'http://www.idpf.org/2007/ops';

// Elements older sanitizer versions let through that HTML5 (and so epubcheck) no longer accepts.
export const OBSOLETE_ELEMENTS: Record<string, string> = {
  strike: 's',
  center: 'div',
  font: 'span',
  big: 'span',
  tt: 'code',
  acronym: 'abbr',
};

/**
 * An HTML document (a rendered page) as an XHTML document: parsed by parse5 as a browser would, then written
 * element by element as XML, text and attributes escaped and characters XML cannot hold (control characters,
 * lone surrogates) left out. `epub:` and `xml:` attributes keep their prefixes, declared on the root.
 *
 * Written directly rather than through xmlbuilder2's DOM, which cost two thirds of the conversion (bench
 * figures in bench/README.md), and which left text such as `&nbsp;` unescaped, an entity XHTML does not know.
 */
export function htmlToXhtmlDocument(html: string): string {
  const $ = cheerio.load(html);
  const source = $('html').get(0);
  let out = `<?xml version="1.0" encoding="UTF-8"?><html xmlns="${XHTML_NS}" xmlns:epub="${OPS_NS}"`;
  if (!source) return `${out}></html>`;
  out += attributesXml(source);
  out += '>';
  for (const child of source.children) out += nodeXml(child);
  return `${out}</html>`;
}

/**
 * An HTML fragment as a browser would build it (parse5: unclosed and misnested tags resolved the standard
 * way), written back as HTML, for code that walks HTML with a less forgiving parser.
 */
export function normalizeHtmlFragment(html: string): string {
  return cheerio.load(html, null, false).html();
}

// The elements an XML writer closes at once (`<br />`): HTML's void elements.
const VOID_ELEMENTS = new Set([
  'area',
  'base',
  'basefont',
  'bgsound',
  'br',
  'col',
  'embed',
  'frame',
  'hr',
  'img',
  'input',
  'keygen',
  'link',
  'menuitem',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);
const ELEMENT_NAME = /^[a-z][a-z0-9-]*$/;
const ATTRIBUTE_NAME = /^(?:(?:epub|xml):)?[a-z][a-z0-9_.-]*$/;
// Characters XML 1.0 cannot hold: those outside its Char production, and lone surrogates.
const NOT_XML_CHAR =
  /[^\t\n\r\x20-\ud7ff\ue000-\ufffd\ud800-\udfff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const TEXT_SPECIAL = /[&<>]/g;
const ATTRIBUTE_SPECIAL = /[&<>"]/g;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escapeOne = (c: string) => ESCAPES[c] as string;

function escapeXml(text: string, special: RegExp): string {
  return text.replace(NOT_XML_CHAR, '').replace(special, escapeOne);
}

function nodeXml(node: AnyNode): string {
  if (node.type === 'text') return escapeXml(node.data, TEXT_SPECIAL);
  if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') return '';
  const element = node as Element;
  const lower = element.name.toLowerCase();
  const name = OBSOLETE_ELEMENTS[lower] ?? lower;
  let inner = '';
  for (const child of element.children) inner += nodeXml(child);
  // An element no XML name can spell (the parser keeps `<a:b>`) gives way to its content.
  if (!ELEMENT_NAME.test(name)) return inner;
  const open = `<${name}${attributesXml(element)}`;
  if (inner === '' && VOID_ELEMENTS.has(name)) return `${open} />`;
  return `${open}>${inner}</${name}>`;
}

function attributesXml(element: Element): string {
  let out = '';
  for (const [name, value] of Object.entries(element.attribs)) {
    // Anything else is no attribute an XHTML reader would understand; leaving it out keeps the XML valid.
    if (name !== 'xmlns' && ATTRIBUTE_NAME.test(name))
      out += ` ${name}="${escapeXml(value, ATTRIBUTE_SPECIAL)}"`;
  }
  return out;
}
