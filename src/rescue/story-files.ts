/** Story files of an old archive (the Automated Archive's, a CSV's) read as chapters through the import's readers. */
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

/** The chapters of one story from its files, one file after another; a file that cannot be read is skipped. */
export async function readStoryFiles(
  storyId: string,
  folder: string,
  paths: readonly string[],
): Promise<{ chapters: RescueChapter[]; skipped: RescueSkip[] }> {
  const chapters: RescueChapter[] = [];
  const skipped: RescueSkip[] = [];
  for (const path of paths) {
    const full = insideFolder(folder, path);
    if (!full) {
      skipped.push({
        kind: 'chapter',
        oldId: path,
        reason: `story ${storyId}: the path ${path} leads outside ${folder}`,
      });
      continue;
    }
    const result = await readStoryFile(full);
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
