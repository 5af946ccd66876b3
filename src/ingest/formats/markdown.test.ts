import { describe, expect, it } from 'vitest';
import { readText } from '../../../test/helpers.ts';
import { structureStory } from '../structure.ts';
import { markdownFormat, splitFrontMatter } from './markdown.ts';

const read = (text: string) => markdownFormat.read(new TextEncoder().encode(text), 'story.md');

describe('the Markdown reader', () => {
  it('reads YAML front matter as header fields and the body as Markdown paragraphs', async () => {
    const raw = await read(
      [
        '---',
        'title: Tea at Four',
        'author: someone, another',
        'summary: Two old friends, one *kettle*.',
        'fandom:',
        '- Sherlock (TV)',
        'rating: Teen And Up Audiences',
        '---',
        'He put the kettle on\\. *Again.*',
        '',
        'She laughed.',
      ].join('\n'),
    );
    expect(raw.title).toBe('Tea at Four');
    expect(raw.creators).toEqual(['someone', 'another']);
    expect(raw.summary).toBe('Two old friends, one kettle.');
    const draft = structureStory(raw);
    expect(draft.fandoms).toEqual(['Sherlock (TV)']);
    expect(draft.rating.value).toBe('Teen And Up Audiences');
    const paragraphs = draft.chapters[0]?.blocks.filter((block) => block.type === 'paragraph');
    expect(paragraphs?.map((block) => block.type === 'paragraph' && block.text)).toEqual([
      'He put the kettle on. Again.',
      'She laughed.',
    ]);
  });

  it("reads a Jekyll post's front matter: blog categories are no fandom, genres are tags, complete: false", async () => {
    const draft = await readText(
      '---\nlayout: post\ntitle: Night Shift\ncategories: [fanfic, Drama]\nfandom: Buffy the Vampire Slayer\ncomplete: false\n---\n\nGiles graded papers after hours, and Jenny argued with him about computers.\n',
      'night-shift.md',
    );
    expect(draft.fandoms).toEqual(['Buffy the Vampire Slayer']);
    expect(draft.freeforms).toEqual(['Drama']);
    expect(draft.complete).toBe(false);
    expect(draft.completeReason).toBe('the file says so: complete: false (front matter complete)');
    const done = await readText(
      '---\ntitle: Night Shift\ncomplete: true\n---\n\nGiles graded papers after hours, and Jenny argued with him about computers, until\n',
      'done.md',
    );
    expect(done.complete).toBe(true);
  });

  it('splits ao3scrape chapters and drops their empty scaffolding headings', async () => {
    const raw = await read(
      [
        '### Chapter 1: Start',
        '',
        '#### Chapter Summary',
        '',
        '#### Chapter Notes',
        '',
        'The first chapter.',
        '',
        '### Chapter 2: Middle',
        '',
        '#### Chapter Summary',
        '',
        'Things happen.',
        '',
        '#### Chapter Notes',
        '',
        'The second chapter.',
      ].join('\n'),
    );
    expect(raw.chapters.map((chapter) => chapter.title)).toEqual(['Start', 'Middle']);
    expect(raw.chapters[1]?.notes).toBe('Things happen.');
    expect(raw.chapters[1]?.blocks).toEqual([
      { type: 'paragraph', text: 'The second chapter.', html: 'The second chapter.' },
    ]);
  });

  it('takes a leading rule that is not YAML as part of the story', () => {
    const text = '---\nNot: yaml: at all: [\n---\nStory.';
    expect(splitFrontMatter(text)).toEqual({ data: null, body: text });
  });

  it('reads a hand-written front matter that breaks YAML line by line, saying so', async () => {
    const raw = await read(
      '---\ntitle: Homecoming: Part One\nauthor: "Willow R"\nfandom:\n- Buffy the Vampire Slayer\n---\nShe waited.',
    );
    expect(raw.title).toBe('Homecoming: Part One');
    expect(raw.creators).toEqual(['Willow R']);
    expect(structureStory(raw).fandoms).toEqual(['Buffy the Vampire Slayer']);
    expect(raw.notices.join(' ')).toMatch(/front matter is not valid YAML \(.+\); read line by line/);
    expect(raw.chapters[0]?.blocks).toEqual([
      { type: 'paragraph', text: 'She waited.', html: 'She waited.' },
    ]);
  });

  it('keeps a broken block whose keys are no header fields as story text', () => {
    const text = '---\nNot: yaml: at all: [\nThe door: open\n---\nStory.';
    expect(splitFrontMatter(text)).toEqual({ data: null, body: text });
  });

  it("takes the front matter's series for a series of works, never a fandom", async () => {
    const draft = structureStory(await read('---\ntitle: T\nseries:\n- legacies\n---\nStory text.'));
    expect(draft.fandoms).toEqual([]);
    expect(draft.series.map((series) => series.title)).toEqual(['legacies']);
  });
});
