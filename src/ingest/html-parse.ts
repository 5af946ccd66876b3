import type { CheerioAPI } from 'cheerio';
import * as cheerio from 'cheerio/slim';
import type { Document } from 'domhandler';
import { DomHandler, type Handler, Parser } from 'htmlparser2';

/**
 * How deep elements nest in a parsed story page. Deeper elements are made siblings at this depth, as Blink's
 * parser does past 512, so that every walk of the tree (cheerio's `.text()`, the story walk, serializers) is
 * bounded however deep a hostile file nests, and parsing stays linear: htmlparser2 keeps its open elements
 * in an array it searches and shifts on every tag, which took a minute at 100,000 levels.
 */
export const MAX_HTML_DEPTH = 512;

// htmlparser2's own sets, which it does not export.
const FOREIGN = new Set(['math', 'svg']);
const INTEGRATION = new Set([
  'mi',
  'mo',
  'mn',
  'ms',
  'mtext',
  'annotation-xml',
  'foreignobject',
  'desc',
  'title',
]);
const GT = 0x3e;

/** The parts of htmlparser2 the caps reach into; a test holds them to what the library does. */
interface ParserInternals {
  stack: string[];
  foreignContext: boolean[];
  cbs: Partial<Handler>;
  tagname: string;
  emitOpenTag(name: string): void;
  isVoidElement(name: string): boolean;
  tokenizer: { isSpecial: boolean; stateBeforeAttributeName(c: number): void };
}

/**
 * Parse HTML (or XML) the way the story readers need it: htmlparser2, with the depth capped (see
 * `MAX_HTML_DEPTH`) and two of its departures from browsers undone, both of which let one stray tag in a
 * summary swallow the rest of a page: `<![CDATA[` outside XML ends at the next `>` (a bogus comment), not at
 * `]]>`; and `<style>`, `<script>` or `<title>` inside `<math>` or `<svg>` is an element like any other, not
 * raw text running to its end tag.
 */
export function parseHtml(text: string, options: { xml?: boolean } = {}): Document {
  const xml = options.xml ?? false;
  const handler = new DomHandler();
  const parser = new Parser(handler, { xmlMode: xml, decodeEntities: true });
  const internals = parser as unknown as ParserInternals;
  const emitOpenTag = internals.emitOpenTag.bind(parser);
  internals.emitOpenTag = (name) => {
    const { stack, foreignContext } = internals;
    if (stack.length >= MAX_HTML_DEPTH && !internals.isVoidElement(name)) {
      const top = stack.shift() as string;
      if (FOREIGN.has(top) || INTEGRATION.has(top)) foreignContext.shift();
      internals.cbs.onclosetag?.(top, true);
    }
    emitOpenTag(name);
    // Elements closed by another's end tag leave their entry here behind; the oldest go.
    if (foreignContext.length > MAX_HTML_DEPTH) foreignContext.length = MAX_HTML_DEPTH;
  };
  if (!xml) {
    const tokenizer = internals.tokenizer;
    const beforeAttributeName = tokenizer.stateBeforeAttributeName.bind(tokenizer);
    tokenizer.stateBeforeAttributeName = (c) => {
      // A `<title>` pushed its own (HTML) context already: what counts is the one it was opened in.
      const context = internals.foreignContext[INTEGRATION.has(internals.tagname) ? 1 : 0];
      if (c === GT && tokenizer.isSpecial && context === true) tokenizer.isSpecial = false;
      beforeAttributeName(c);
    };
  }
  // A processing instruction is what htmlparser2 ends at the next `>`; the story walk drops it.
  parser.end(xml ? text : text.replace(/<!\[CDATA\[/g, '<?[CDATA['));
  return handler.root;
}

/** `parseHtml` as a cheerio document, for readers that select by CSS. */
export function loadHtml(text: string, options: { xml?: boolean } = {}): CheerioAPI {
  return cheerio.load(parseHtml(text, options), {
    xml: { xmlMode: options.xml ?? false, decodeEntities: true },
  });
}
