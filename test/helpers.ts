/** Test helpers: run text through the reading pipeline without touching the file system. */
import { findMentions } from '../src/analysis/characters/mentions.ts';
import { resolveMentions } from '../src/analysis/characters/resolve.ts';
import { loadKnowledge } from '../src/analysis/packs/pack.loader.ts';
import { readStoryBytes } from '../src/ingest/read-story.ts';
import type { WorkDraft } from '../src/ingest/story.ts';

export async function readText(text: string, name = 'story.txt'): Promise<WorkDraft> {
  return (await readStoryBytes(new TextEncoder().encode(text), name)).draft;
}

/** One chapter of Buffy text with the pack characters it names, as the relationship analysis reads it. */
export function buffyChapter(text: string) {
  const texts = [{ number: 1, text }];
  const counts = resolveMentions(findMentions(texts, loadKnowledge()), {
    fandoms: new Set(['Buffy the Vampire Slayer']),
    chapterCount: 1,
  });
  return { texts, counts, mentions: [...counts.values()].flatMap((entry) => entry.mentions) };
}

export async function readBytes(bytes: Uint8Array, name: string): Promise<WorkDraft> {
  return (await readStoryBytes(bytes, name)).draft;
}

/** Chapter titles and word counts, the shape most assertions want. */
export function chapterSummary(draft: WorkDraft): { title: string | null; words: number }[] {
  return draft.chapters.map((chapter) => ({ title: chapter.title, words: chapter.words }));
}

export function storyText(draft: WorkDraft): string {
  return draft.chapters
    .flatMap((chapter) => chapter.blocks)
    .map((block) => (block.type === 'break' ? '* * *' : block.text))
    .join('\n');
}

/** What the posting form sends for a one-chapter Firefly work: a title, the required tags and a line of text. */
export function fireflyWork(title: string, extra: Record<string, unknown> = {}) {
  return {
    title,
    fandoms: ['Firefly'],
    rating: 'General Audiences',
    warnings: ['No Archive Warnings Apply'],
    chapters: [{ body: `Inara poured the tea in ${title}.`, format: 'text' }],
    ...extra,
  };
}
