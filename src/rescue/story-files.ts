/** Story files of an old archive (the Automated Archive's, a CSV's) read as chapters through the import's readers. */
import { realpath } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { readStoryFile } from '../ingest/read-story.ts';
import type { Block } from '../ingest/story.ts';
import { escapeHtml } from '../ingest/text.ts';
import type { RescueChapter, RescueSkip } from './rescue-archive.ts';

function blocksToHtml(blocks: readonly Block[]): string {
  return blocks
    .map((block) =>
      block.type === 'paragraph'
        ? `<p>${block.html}</p>`
        : block.type === 'heading'
          ? `<h3>${escapeHtml(block.text)}</h3>`
          : '<hr>',
    )
    .join('\n');
}

/** A path inside the folder, or null when it would leave it (`../../etc/passwd` in an old index). */
export function insideFolder(folder: string, path: string): string | null {
  const root = resolve(folder);
  const full = resolve(root, path.replace(/^\/+/, ''));
  return full === root || full.startsWith(root + sep) ? full : null;
}

/**
 * The real path of a file of the folder, unless a symbolic link takes it outside: an old archive's backup may
 * hold a link to the server's own files, which the rescue would otherwise publish as a chapter.
 */
export async function fileInsideFolder(
  folder: string,
  path: string,
): Promise<{ ok: true; path: string } | { ok: false; error: string }> {
  const full = insideFolder(folder, path);
  if (!full) return { ok: false, error: `the path ${path} leads outside ${folder}` };
  try {
    const [root, target] = await Promise.all([realpath(folder), realpath(full)]);
    if (target.startsWith(root + sep)) return { ok: true, path: target };
    return {
      ok: false,
      error: `its file ${full} is a symbolic link to ${target}, outside ${folder}; it was not read`,
    };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      ok: false,
      error:
        code === 'ENOENT'
          ? `its file ${full} is missing`
          : `its file ${full} cannot be read (${(error as Error).message})`,
    };
  }
}

/** The chapters of one story from its files, one file after another; a file that cannot be read is skipped. */
export async function readStoryFiles(
  storyId: string,
  folder: string,
  paths: readonly string[],
): Promise<{ chapters: RescueChapter[]; skipped: RescueSkip[] }> {
  const chapters: RescueChapter[] = [];
  const skipped: RescueSkip[] = [];
  for (const path of paths) {
    const file = await fileInsideFolder(folder, path);
    if (!file.ok) {
      skipped.push({ kind: 'chapter', oldId: path, reason: `story ${storyId}: ${file.error}` });
      continue;
    }
    const result = await readStoryFile(file.path);
    if (!result.ok) {
      skipped.push({ kind: 'chapter', oldId: path, reason: `story ${storyId}: ${result.error}` });
      continue;
    }
    for (const chapter of result.draft.chapters) {
      chapters.push({
        oldId: path,
        oldPosition: chapters.length + 1,
        title: result.draft.chapters.length > 1 || paths.length > 1 ? chapter.title : null,
        notes: chapter.notes,
        endNotes: chapter.endNotes,
        body: blocksToHtml(chapter.blocks),
      });
    }
  }
  return { chapters, skipped };
}
