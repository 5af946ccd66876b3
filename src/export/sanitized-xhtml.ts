/**
 * Stored chapter HTML as XHTML without a parser, for the shape the current sanitizer writes (html-blocks.ts,
 * work-text.ts `blocksHtml`): `<p>`, `<h3>` and `<hr>` at the top, inline elements without attributes well
 * nested inside, text escaped with `&amp;`, `&lt;`, `&gt;`, `&quot;`. Such HTML parses to the tree its tags
 * spell, so writing it back as XML only closes the void elements and renames obsolete ones. Anything else
 * (an attribute, another entity, a stray `<`, misnesting, a character XML cannot hold) answers null, and the
 * caller takes the parser's way (xhtml.ts), which is what decides the output in either case: the tests check
 * both ways write the same bytes.
 */
import { INLINE_TAGS } from '../ingest/html-blocks.ts';
import { OBSOLETE_ELEMENTS, UNUSUAL_CHARACTER } from './xhtml.ts';

const INLINE = new Set(INLINE_TAGS);
const TOP_LEVEL = new Set(['p', 'h3']);
const VOID = new Set(['br', 'hr']);

const TOKEN = /<(\/?)([a-z0-9]+)>|&(amp|lt|gt|quot);|[<>&]/g;

/** The XHTML of sanitized chapter HTML, or null when it is not in the sanitizer's shape. */
export function sanitizedHtmlToXhtml(html: string): string | null {
  if (UNUSUAL_CHARACTER.test(html)) return null;
  const open: string[] = [];
  let out = '';
  let last = 0;
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(html); match; match = TOKEN.exec(html)) {
    out += html.slice(last, match.index);
    last = TOKEN.lastIndex;
    const [token, slash, name, entity] = match;
    if (entity !== undefined) out += entity === 'quot' ? '"' : token;
    else if (token === '>') out += '&gt;';
    else if (name === undefined) return null;
    else if (slash) {
      if (open.pop() !== name) return null;
      out += `</${OBSOLETE_ELEMENTS[name] ?? name}>`;
    } else if (name === 'hr') {
      if (open.length > 0) return null;
      out += '<hr />';
    } else if (VOID.has(name)) out += `<${name} />`;
    else if (TOP_LEVEL.has(name) ? open.length === 0 : INLINE.has(name)) {
      open.push(name);
      out += `<${OBSOLETE_ELEMENTS[name] ?? name}>`;
    } else return null;
  }
  if (open.length > 0) return null;
  return out + html.slice(last);
}
