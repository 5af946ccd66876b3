/**
 * The do-not-import list: story and author ids of the old archive that must not come over (an author who
 * asked to be left out, a story taken down). One entry a line: `story 12`, `author 3` (or eFiction's `sid
 * 12`, `uid 3`); `#` starts a comment.
 */
import { AppError } from '../errors.ts';

export interface DoNotImport {
  stories: Set<string>;
  authors: Set<string>;
}

export function parseDoNotImport(text: string, fileName = 'the do-not-import list'): DoNotImport {
  const list: DoNotImport = { stories: new Set(), authors: new Set() };
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) continue;
    const match = /^(story|sid|author|uid)\s*[:= ]\s*(\S+)$/i.exec(line);
    if (!match)
      throw new AppError(
        'USAGE',
        `${fileName} line ${index + 1}: "${raw.trim()}" is not "story ID" or "author ID".`,
      );
    const kind = (match[1] as string).toLowerCase();
    (kind === 'story' || kind === 'sid' ? list.stories : list.authors).add(match[2] as string);
  }
  return list;
}
