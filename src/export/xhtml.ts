/**
 * HTML to XHTML through a real parser and a small XML writer: EPUB content documents must be well-formed XML,
 * while stored chapter bodies are HTML (`<br>`, `&nbsp;`, unclosed `<p>` in older imports).
 */
import type { AnyNode, Element } from 'domhandler';
import { parse, parseFragment, serialize } from 'parse5';
import { adapter } from 'parse5-htmlparser2-tree-adapter';

// parse5 building domhandler's nodes, as cheerio's `load` does, without the rest of cheerio's entry point (its
// modules for fetching and sniffing encodings): 7 MB of the heap of every thread that writes downloads.
const PARSE5 = { treeAdapter: adapter, scriptingEnabled: true };

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
  // The parser makes one `html` element, the document's own child (an `<html>` tag met later adds its
  // attributes to it).
  const source = (parse(html, PARSE5).children as unknown as AnyNode[]).find(
    (node): node is Element => node.type === 'tag' && node.name === 'html',
  );
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
  return serialize(parseFragment(html, PARSE5), { treeAdapter: adapter });
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
// Elements whose text a parser does not decode: the quick way leaves them to it.
const RAW_TEXT = new Set([
  'script',
  'style',
  'textarea',
  'xmp',
  'iframe',
  'noembed',
  'noframes',
  'noscript',
  'plaintext',
]);
// Characters XML 1.0 cannot hold, C1 controls and carriage returns (which an HTML parser rewrites): left to
// the parser's way.
export const UNUSUAL_CHARACTER =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: exactly these are what the quick ways decline.
  /[\0-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
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

/** Text as XML character data: escaped, characters XML cannot hold (control characters, lone surrogates) left out. */
export function xmlText(text: string): string {
  return escapeXml(text, TEXT_SPECIAL);
}

/** Text as a double-quoted XML attribute value, the same way. */
export function xmlAttribute(text: string): string {
  return escapeXml(text, ATTRIBUTE_SPECIAL);
}

// preact-render-to-string's tokens: an open tag with double-quoted attributes (`/>` on a void element), a
// close tag, one of the three entities it writes, or a character it leaves unescaped.
const PAGE_TOKEN =
  /<([a-z][a-z0-9-]*)((?: [^\s"'<>/=]+="[^"<]*")*)(\/?)>|<\/([a-z][a-z0-9-]*)>|&(amp|lt|quot);|[<>&]/g;
const PAGE_ATTRIBUTE = / ([^\s"'<>/=]+)="([^"<]*)"/g;
const RAW_AMPERSAND = /&(?!(?:amp|lt|quot);)/;

/**
 * A page export/ rendered itself (preact-render-to-string, chapter text left out) as the XHTML document
 * `htmlToXhtmlDocument` writes of it, without the parser, which was most of an EPUB's page cost; null when
 * the page holds anything this does not handle (then the caller takes the parser's way). Rendered from
 * components, a page is already well nested and its text escaped, so writing it as XML only closes the void
 * elements and escapes `>` (and unescapes `"` in text, as the parser's way writes it). The tests check both
 * ways give the same bytes.
 */
export function renderedPageToXhtml(html: string): string | null {
  if (!html.startsWith('<html') || UNUSUAL_CHARACTER.test(html)) return null;
  const open: string[] = [];
  let out = '';
  let last = 0;
  PAGE_TOKEN.lastIndex = 0;
  for (let match = PAGE_TOKEN.exec(html); match; match = PAGE_TOKEN.exec(html)) {
    // Anything outside the one root is what the parser moves.
    if (open.length === 0 && (out !== '' || match.index !== 0)) return null;
    const text = html.slice(last, match.index);
    out += text;
    last = PAGE_TOKEN.lastIndex;
    const [token, name, attributes, selfClosing, closing, entity] = match;
    if (entity !== undefined) out += entity === 'quot' ? '"' : token;
    else if (token === '>') out += '&gt;';
    else if (closing !== undefined) {
      if (open.pop() !== closing) return null;
      out += `</${closing}>`;
    } else if (name === undefined) return null;
    else {
      const root = out === '';
      if (root !== (name === 'html') || RAW_TEXT.has(name) || OBSOLETE_ELEMENTS[name] !== undefined)
        return null;
      const written = pageAttributes(attributes ?? '');
      if (written === null) return null;
      const start = root
        ? `<?xml version="1.0" encoding="UTF-8"?><html xmlns="${XHTML_NS}" xmlns:epub="${OPS_NS}"`
        : `<${name}`;
      if (VOID_ELEMENTS.has(name) !== (selfClosing === '/')) return null;
      if (selfClosing) out += `${start}${written} />`;
      else {
        open.push(name);
        out += `${start}${written}>`;
      }
    }
  }
  if (open.length > 0 || last !== html.length) return null;
  return out;
}

function pageAttributes(attributes: string): string | null {
  let out = '';
  PAGE_ATTRIBUTE.lastIndex = 0;
  for (let match = PAGE_ATTRIBUTE.exec(attributes); match; match = PAGE_ATTRIBUTE.exec(attributes)) {
    const [, name = '', value = ''] = match;
    if (name === 'xmlns' || !ATTRIBUTE_NAME.test(name) || RAW_AMPERSAND.test(value)) return null;
    out += ` ${name}="${value.replaceAll('>', '&gt;')}"`;
  }
  return out;
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
