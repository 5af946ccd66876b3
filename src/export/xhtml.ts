/**
 * HTML to XHTML through a real parser and an XML builder: EPUB content documents must be well-formed XML,
 * while stored chapter bodies are HTML (`<br>`, `&nbsp;`, unclosed `<p>` in older imports).
 */
import * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';

export const XHTML_NS = 'http://www.w3.org/1999/xhtml';
export const OPS_NS = 'http://www.idpf.org/2007/ops';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

// Elements older sanitizer versions let through that HTML5 (and so epubcheck) no longer accepts.
const OBSOLETE: Record<string, string> = {
  strike: 's',
  center: 'div',
  font: 'span',
  big: 'span',
  tt: 'code',
  acronym: 'abbr',
};

/**
 * An HTML document (a rendered page) as an XHTML document: parsed by parse5 as a browser would, then written
 * element by element through xmlbuilder2, which escapes text and attributes and drops characters XML cannot
 * hold (control characters, lone surrogates). `epub:` and `xml:` attributes get their namespaces.
 */
export function htmlToXhtmlDocument(html: string): string {
  const $ = cheerio.load(html);
  const source = $('html').get(0);
  const doc = create({ version: '1.0', encoding: 'UTF-8', invalidCharReplacement: '' });
  const root = doc.ele(XHTML_NS, 'html');
  root.att(XMLNS_NS, 'xmlns:epub', OPS_NS);
  if (source) {
    copyAttributes(source, root);
    for (const child of source.children) copyNode(child, root);
  }
  return doc.end({ prettyPrint: false });
}

/**
 * An HTML fragment as a browser would build it (parse5: unclosed and misnested tags resolved the standard
 * way), written back as HTML, for code that walks HTML with a less forgiving parser.
 */
export function normalizeHtmlFragment(html: string): string {
  return cheerio.load(html, null, false).html();
}

function copyNode(node: AnyNode, parent: XMLBuilder): void {
  if (node.type === 'text') {
    parent.txt(node.data);
    return;
  }
  if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') return;
  const element = node as Element;
  const name = element.name.toLowerCase();
  const target = parent.ele(OBSOLETE[name] ?? name);
  copyAttributes(element, target);
  for (const child of element.children) copyNode(child, target);
}

function copyAttributes(element: Element, target: XMLBuilder): void {
  for (const [name, value] of Object.entries(element.attribs)) {
    if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
    if (name.startsWith('epub:')) target.att(OPS_NS, name, value);
    else if (name.startsWith('xml:')) target.att(XML_NS, name, value);
    else if (/^[a-z][a-z0-9_.-]*$/.test(name)) target.att(name, value);
    // Anything else is no attribute an XHTML reader would understand; leaving it out keeps the XML valid.
  }
}
