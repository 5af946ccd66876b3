import { describe, expect, it } from 'vitest';
import { MAX_NESTING, markdownToHtml } from './markdown-html.ts';

const nestedList = (levels: number) =>
  Array.from({ length: levels }, (_, level) => `${'  '.repeat(level)}- level ${level + 1}`).join('\n');

describe('Markdown made HTML', () => {
  it('reads what stories write: quotes and lists a few levels deep, bold italics, scene breaks, links', () => {
    const html = markdownToHtml(
      [
        '> > she said *so*',
        '',
        nestedList(3),
        '',
        '***Never.*** ~~Ever.~~ See https://example.org/x',
        '',
        '* * *',
        '',
        '*'.repeat(40),
      ].join('\n'),
      'story.md',
    );
    expect(html).toContain('<blockquote>\n<blockquote>');
    expect(html.match(/<ul>/g)).toHaveLength(3);
    expect(html).toContain('<em><strong>Never.</strong></em> <s>Ever.</s>');
    expect(html).toContain('<a href="https://example.org/x">');
    expect(html.match(/<hr>/g)).toHaveLength(2);
  });

  it('does not make a link of a missed space after a full stop', () => {
    expect(markdownToHtml('said Giles.It was late.', 'story.md')).not.toContain('<a');
  });

  it('refuses quotes or lists nested deeper than stories nest, naming the line, instead of dropping text', () => {
    expect(() => markdownToHtml(`Fine.\n\n${'>'.repeat(5000)} deep`, 'deep.md')).toThrow(
      expect.objectContaining({ code: 'TOO_DEEPLY_NESTED' }),
    );
    expect(() => markdownToHtml(`Fine.\n\n${'>'.repeat(5000)} deep`, 'deep.md')).toThrow(
      `deep.md: Markdown nests quotes or lists 5000 levels deep at line 3; Quire reads at most ${MAX_NESTING}.`,
    );
    expect(() => markdownToHtml(nestedList(MAX_NESTING + 1), 'list.md')).toThrow(/list\.md: .* at line \d+;/);
    const deepest = markdownToHtml(nestedList(MAX_NESTING), 'list.md');
    expect(deepest.match(/<ul>/g)).toHaveLength(MAX_NESTING);
    expect(deepest).toContain(`level ${MAX_NESTING}`);
  });

  it('does not count a dashed scene break or an indented line as nesting', () => {
    const html = markdownToHtml(`${'- '.repeat(40)}\n\n${' '.repeat(80)}indented`, 'story.md');
    expect(html).toContain('<hr>');
    expect(html).toContain('indented');
  });

  it('keeps every word of emphasis and links nested thousands deep', () => {
    const emphasis = markdownToHtml(`${'*a '.repeat(3000)}${'b* '.repeat(3000)}`, 'story.md');
    expect(emphasis.match(/a/g)).toHaveLength(3000);
    expect(emphasis.match(/b/g)).toHaveLength(3000);
    const links = markdownToHtml(`${'['.repeat(5000)}word${'](x)'.repeat(5000)}`, 'story.md');
    expect(links).toContain('word');
    const run = '*'.repeat(5000);
    expect(markdownToHtml(`Angel screamed ${run}a${run} and left.`, 'story.md')).toContain('and left.');
  });
});
