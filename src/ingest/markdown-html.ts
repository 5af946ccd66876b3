import MarkdownIt from 'markdown-it';
import { AppError } from '../errors.ts';

/**
 * markdown-it rather than marked: its emphasis and list parsing stay linear on hostile text, where marked
 * took 10 s for 30 KB of nested emphasis and overflowed its stack on quotes nested 5,000 deep (on the thread
 * that serves pages, when a member posts). Inline HTML is allowed, as AO3 backup tools write it; what comes
 * out is walked by the story allowlist like any page.
 */
const markdown = new MarkdownIt('default', { html: true, linkify: true, maxNesting: 100 });
// Addresses written out become links, as GFM makes them; "Giles.It was" with a space missed stays text.
markdown.linkify.set({ fuzzyLink: false, fuzzyEmail: false });
// The line after a hard break starts at the break: the newline markdown-it writes would become a space.
markdown.renderer.rules.hardbreak = () => '<br>';

/** Stories nest a quote or list a few levels deep; markdown-it drops the text below its `maxNesting`. */
export const MAX_NESTING = 32;
const CONTAINER_MARKER = /^[ \t]{0,3}(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))/;
const THEMATIC_BREAK = /^[ \t]{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;

/**
 * Markdown made HTML; quotes or lists nested deeper than MAX_NESTING are refused by line, never cut.
 * `firstLine` is the text's first line in its file (after a front matter), for the line the refusal names.
 */
export function markdownToHtml(text: string, where: string, firstLine = 1): string {
  const deepest = deepestNesting(text);
  if (deepest.depth > MAX_NESTING) {
    throw new AppError(
      'TOO_DEEPLY_NESTED',
      `${where}: Markdown nests quotes or lists ${deepest.depth} levels deep at line ${deepest.line + firstLine - 1}; Quire reads at most ${MAX_NESTING}.`,
    );
  }
  return markdown.render(text);
}

/** The deepest run of `>` markers and list items (with their indentation) that opens a line. */
function deepestNesting(text: string): { depth: number; line: number } {
  let deepest = { depth: 0, line: 0 };
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const depth = lineNesting(lines[index] as string);
    if (depth > deepest.depth) deepest = { depth, line: index + 1 };
  }
  return deepest;
}

function lineNesting(line: string): number {
  if (THEMATIC_BREAK.test(line)) return 0;
  const indent = /^[ \t]*/.exec(line)?.[0] ?? '';
  let rest = line.slice(indent.length);
  let markers = 0;
  for (let match = CONTAINER_MARKER.exec(rest); match; match = CONTAINER_MARKER.exec(rest)) {
    markers++;
    rest = rest.slice(match[0].length);
  }
  if (markers === 0) return 0;
  // A list nests by indentation too: a level for each two columns, as the shallowest list indents.
  return markers + Math.floor(indent.replace(/\t/g, '    ').length / 2);
}
