import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readBytes, readText, storyText } from '../../test/helpers.ts';
import { AppError } from '../errors.ts';

const fixture = (name: string) => readBytes(readFileSync(`test/fixtures/html/${name}`), name);
const page = (html: string, name = 'page.html') => readBytes(new TextEncoder().encode(html), name);

async function refusal(read: Promise<unknown>): Promise<AppError> {
  const error = await read.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('pages that are not stories', () => {
  it.each([
    ['error-page.html', /^not a story: error-page\.html is an error page \(it says “Story Not Found”/],
    ['index-page.html', /^not a story: index-page\.html is an index page/],
    ['toc-page.html', /^not a story: toc-page\.html is a table of contents: links to 4 chapters/],
    ['menu-page.html', /^not a story: menu-page\.html is mostly site menus and links/],
  ])('refuses %s, saying why', async (name, message) => {
    const error = await refusal(fixture(name));
    expect(error.code).toBe('NOT_A_STORY');
    expect(error.message).toMatch(message);
  });

  it("refuses fanfiction.net's own error page", async () => {
    const error = await refusal(
      page(
        '<html><head><title>FanFiction</title></head><body><div id=content_wrapper><span class=gui_warning>Story Not Found<hr size=1 noshade>Unable to locate story. Code 1.</span></div></body></html>',
      ),
    );
    expect(error.message).toMatch(/^not a story: page\.html is an error page/);
  });

  it('refuses a Markdown list of links to stories', async () => {
    const list = Array.from(
      { length: 6 },
      (_, i) =>
        `- [Story ${i + 1}](https://example.org/works/${i + 1}) by [someone](https://example.org/u/${i})`,
    ).join('\n');
    const error = await refusal(readText(`# My favourites\n\n${list}\n`, 'favourites.md'));
    expect(error.message).toMatch(/^not a story: favourites\.md is (?:an index page|mostly site menus)/);
  });

  it('refuses an error page saved as plain text, and reads a short text story', async () => {
    const error = await refusal(
      readText(
        'Story Not Found\n\nUnable to locate story. It may have been removed by its author.\n',
        'gone.txt',
      ),
    );
    expect(error.message).toMatch(/^not a story: gone\.txt is an error page/);
    const draft = await readText(
      'Not Found\nby Wren\n\nDawn looked for the key all afternoon and never found it.\n\nSpike had it all along.\n',
      'key.txt',
    );
    expect(draft.title).toBe('Not Found');
  });

  it('reads a drabble of a hundred words between site menus and a list of the author’s other stories', async () => {
    const draft = await fixture('drabble-page.html');
    expect(draft.title).toBe('Salt');
    expect(storyText(draft)).toMatch(/^by greywitch\nWillow poured the salt/);
    expect(draft.words).toBeGreaterThan(80);
  });

  it("refuses an eFiction archive's list of recent stories", async () => {
    const items = Array.from(
      { length: 6 },
      (_, i) =>
        `<div class="listbox"><a href="viewstory.php?sid=${i}">Story ${i}</a> by <a href="viewuser.php?uid=${i}">author${i}</a><br><span class="label">Summary:</span> Things happen to people in story ${i}.<br><span class="label">Completed:</span> Yes</div>`,
    ).join('');
    const error = await refusal(
      page(`<html><head><meta name="generator" content="eFiction 3.5"></head><body>${items}</body></html>`),
    );
    expect(error.message).toMatch(/^not a story: page\.html is an index page: links to 6 stories/);
  });

  it("reads a short story followed by readers' comments, marked as comments or not", async () => {
    const story =
      '<p>Faith landed on the roof beside her, grinning like she had won something, and the wind took her hair.</p><p>"Miss me, B?"</p><p>Buffy did, and hated that she did, and said nothing at all for a long time.</p>';
    const comment = (i: number, marked: boolean) =>
      `<div class="${marked ? 'comment' : 'c'}"><a href="/users/reader${i}">reader${i}</a><p>Oh, this is lovely, I could feel the wind on that roof and the way Buffy keeps pretending.</p><a href="?reply=${i}">Reply</a> <a href="?thread=${i}">Thread</a></div>`;
    for (const marked of [true, false]) {
      const comments = Array.from({ length: 8 }, (_, i) => comment(i, marked)).join('');
      const draft = await page(`<html><body><div class="story">${story}</div>${comments}</body></html>`);
      expect(storyText(draft)).toMatch(/^Faith landed on the roof/);
    }
  });

  it('reads a story that opens with its chapter index', async () => {
    const draft = await fixture('story-with-contents.html');
    expect(draft.title).toBe('Two Rooms');
    expect(storyText(draft)).toMatch(/^Giles was shelving the returns/);
  });

  it('reads a short story whose title and text only mention something missing', async () => {
    const draft = await page(
      '<html><head><title>Not Found</title></head><body><h1>Not Found</h1><p>Dawn looked for the key all afternoon, under the cushions and behind the fridge and in every pocket of every coat in the hall.</p><p>Spike found it in the end, in the sugar bowl, and said nothing about who had put it there.</p><p>"Not a word," Dawn said.</p></body></html>',
    );
    expect(draft.words).toBeGreaterThan(40);
  });
});
