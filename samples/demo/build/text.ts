/** A plain-text file of a demo story, as fans kept them in zips: header lines, then the chapters. */
import { plain, type Story } from './story-source.ts';

export function buildText(story: Story): string {
  const lines = story.header.map(([key, value]) => `${key}: ${value}`);
  lines.push('');
  const multi = story.chapters.length > 1;
  story.chapters.forEach((chapter, index) => {
    if (multi || chapter.heading) lines.push(chapter.heading ?? `Chapter ${index + 1}`, '');
    if (chapter.notes) lines.push(`A/N: ${chapter.notes}`, '');
    for (const paragraph of chapter.paragraphs) lines.push(plain(paragraph), '');
    if (chapter.endNotes) lines.push(`A/N: ${chapter.endNotes}`, '');
  });
  return `${lines.join('\n').trimEnd()}\n`;
}
