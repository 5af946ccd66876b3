import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readStoryBytes } from '../ingest/read-story.ts';
import { collectSources } from './import.sources.ts';

const STORY = 'Title: Kept\n\nWillow read the old book by candlelight until the words swam.\n';

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'quire-sources-'));
}

describe('collectSources on what a folder from elsewhere may hold', () => {
  it('refuses symbolic links out of the folder, follows those inside it, and reports loops as loops', async () => {
    const outside = folder();
    writeFileSync(join(outside, 'passwd.txt'), 'root:x:0:0:root:/root:/bin/bash\n');
    const dir = folder();
    writeFileSync(join(dir, 'story.txt'), STORY);
    mkdirSync(join(dir, 'sub'));
    symlinkSync(join(outside, 'passwd.txt'), join(dir, 'passwd.txt'));
    symlinkSync(join(dir, 'story.txt'), join(dir, 'sub', 'again.txt'));
    symlinkSync(join(dir, 'loop-b.txt'), join(dir, 'loop-a.txt'));
    symlinkSync(join(dir, 'loop-a.txt'), join(dir, 'loop-b.txt'));
    symlinkSync(dir, join(dir, 'sub', 'up'));
    const { sources, problems } = await collectSources([dir]);
    expect(sources.map((source) => source.name)).toEqual([
      join(dir, 'story.txt'),
      join(dir, 'sub', 'again.txt'),
    ]);
    const said = Object.fromEntries(problems.map((item) => [item.source, item.error]));
    expect(said[join(dir, 'passwd.txt')]).toMatch(
      /symbolic link to .*passwd\.txt, outside the folder being imported/,
    );
    expect(said[join(dir, 'loop-a.txt')]).toMatch(/symbolic link loop/);
    expect(said[join(dir, 'loop-b.txt')]).toMatch(/symbolic link loop/);
    expect(said[join(dir, 'sub', 'up')]).toMatch(/already being read \(a symbolic link loop\)/);
    expect(Object.values(said).join('\n')).not.toMatch(/does not exist/);
  });

  it('reports a symbolic link loop named on the command line as a loop', async () => {
    const dir = folder();
    symlinkSync(join(dir, 'b'), join(dir, 'a'));
    symlinkSync(join(dir, 'a'), join(dir, 'b'));
    const { problems } = await collectSources([join(dir, 'a')]);
    expect(problems).toEqual([
      { source: join(dir, 'a'), error: expect.stringMatching(/symbolic link loop/) },
    ]);
  });

  it('reports a named pipe instead of skipping it in silence', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'story.txt'), STORY);
    execFileSync('mkfifo', [join(dir, 'pipe.txt')]);
    const { sources, problems } = await collectSources([dir]);
    expect(sources).toHaveLength(1);
    expect(problems).toEqual([
      {
        source: join(dir, 'pipe.txt'),
        error: expect.stringMatching(/is a named pipe \(FIFO\), not a story file/),
      },
    ]);
  });

  it('reports a folder with no story files in it', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'cover.jpg'), 'not a story');
    const { sources, problems } = await collectSources([dir]);
    expect(sources).toEqual([]);
    expect(problems).toEqual([{ source: dir, error: expect.stringMatching(/holds no story files/) }]);
  });

  it('finds stories by the format registry’s extensions, leaving a README.md and other files be', async () => {
    const dir = folder();
    for (const name of ['a.txt', 'b.HTM', 'README.md', 'd.markdown', 'notes.json', 'cover.jpg'])
      writeFileSync(join(dir, name), STORY);
    const { sources } = await collectSources([dir]);
    expect(sources.map((source) => source.name.slice(dir.length + 1)).sort()).toEqual(['a.txt', 'b.HTM']);
    // Named on its own, a Markdown backup is read.
    expect((await collectSources([join(dir, 'd.markdown')])).sources).toHaveLength(1);
  });

  it('takes Markdown stories that open with a front matter out of a folder, as an AO3 backup holds them', async () => {
    const dir = folder();
    writeFileSync(join(dir, '1234.md'), `---\ntitle: Kept\n---\n\n${STORY}`);
    writeFileSync(join(dir, '5678.md'), `\uFEFF---\r\ntitle: Also kept\r\n---\r\n\r\n${STORY}`);
    writeFileSync(join(dir, 'README.md'), '# My backup\n\n---\n\nMade with ao3scrape.\n');
    writeFileSync(join(dir, 'empty.md'), '');
    const { sources, problems } = await collectSources([dir]);
    expect(problems).toEqual([]);
    expect(sources.map((source) => source.name.slice(dir.length + 1))).toEqual(['1234.md', '5678.md']);
  });

  it('says why a folder of Markdown notes gave no stories, and how to import them anyway', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'one.md'), STORY);
    writeFileSync(join(dir, 'two.md'), STORY);
    const { sources, problems } = await collectSources([dir]);
    expect(sources).toEqual([]);
    expect(problems).toEqual([
      {
        source: dir,
        error: expect.stringMatching(
          /holds no story files .*; 2 Markdown files without a front matter were taken for notes: name them/,
        ),
      },
    ]);
  });
});

describe('collectSources on zips', () => {
  const zipFile = (files: Record<string, Uint8Array>) => {
    const path = join(folder(), 'stories.zip');
    writeFileSync(path, zipSync(files));
    return path;
  };

  it('reports an empty zip', async () => {
    const path = zipFile({});
    expect(await collectSources([path])).toEqual({
      sources: [],
      problems: [{ source: path, error: expect.stringMatching(/empty zip archive/) }],
    });
  });

  it('reports each zip inside a zip, and reads the stories beside them', async () => {
    const inner = zipSync({ 'a.txt': strToU8(STORY) });
    const path = zipFile({ 'inner.zip': inner, 'b.txt': strToU8(STORY) });
    const { sources, problems } = await collectSources([path]);
    expect(sources.map((source) => source.name)).toEqual([`${path}!/b.txt`]);
    expect(problems).toEqual([
      {
        source: `${path}!/inner.zip`,
        error: expect.stringMatching(/zip inside a zip; Quire reads one level/),
      },
    ]);
  });

  it('takes Markdown entries with a front matter and says what it left for notes', async () => {
    const story = zipFile({ 'backup/1.md': strToU8(`---\ntitle: Kept\n---\n\n${STORY}`) });
    expect((await collectSources([story])).sources.map((source) => source.name)).toEqual([
      `${story}!/backup/1.md`,
    ]);
    const notes = zipFile({ 'README.md': strToU8(STORY) });
    expect((await collectSources([notes])).problems).toEqual([
      {
        source: notes,
        error: expect.stringMatching(/no story files .*; 1 Markdown file without a front matter/),
      },
    ]);
  });

  it('reads entries with no extension by their content', async () => {
    const path = zipFile({ 'stories/chapter1': strToU8(STORY), 'stories/cover.jpg': new Uint8Array(8) });
    const { sources, problems } = await collectSources([path]);
    expect(problems).toEqual([]);
    expect(sources.map((source) => source.name)).toEqual([`${path}!/stories/chapter1`]);
    const bytes = await (sources[0] as { load(): Promise<Uint8Array> }).load();
    const { draft, format } = await readStoryBytes(bytes, 'chapter1');
    expect([format, draft.title]).toEqual(['txt', 'Kept']);
  });

  it('reports a zip with files but no story among them', async () => {
    const path = zipFile({ 'cover.jpg': new Uint8Array(8), 'style.css': strToU8('p {}') });
    const { sources, problems } = await collectSources([path]);
    expect(sources).toEqual([]);
    expect(problems).toEqual([
      { source: path, error: expect.stringMatching(/holds 2 files but no story files/) },
    ]);
  });
});
