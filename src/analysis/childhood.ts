import type { CharacterCounts } from './characters/resolve.ts';
import type { KnownCharacter } from './knowledge.ts';
import type { ChapterText } from './passages.ts';

const AGE =
  '(?:[1-9]|1[0-7]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen)';
// `Dawn, nine years old,`, `Dawn was only nine.`, `Dawn (aged nine)`: an age right after the name, as the
// whole predicate (`was two steps behind` and `, one hand on` are not ages).
const AGE_AFTER = new RegExp(
  `^(?:, ${AGE}[- ]years?[- ]old\\b| (?:was|is|had just turned|turned) (?:only |just |barely )?${AGE}(?:[- ]years?[- ]old)?[.,;!?]| \\(aged? ${AGE}\\))`,
  'i',
);
// `nine-year-old Dawn`, `the nine-year-old, Dawn`: an age right before it.
const AGE_BEFORE = new RegExp(`\\b${AGE}[- ]years?[- ]old,? $`, 'i');
// `when Buffy was sixteen`: an age in a memory is not who they are in the story.
const MEMORY = /\b(?:when|since|back when|at)\s+$/i;

/**
 * The characters the text presents as children: an age under 18 stated right beside their name. Such a
 * character is never suggested in a romantic or sexual relationship, whatever else the text says.
 */
export function charactersPresentedAsChildren(
  texts: readonly ChapterText[],
  counts: Map<KnownCharacter, CharacterCounts>,
): Set<KnownCharacter> {
  const children = new Set<KnownCharacter>();
  for (const entry of counts.values()) {
    for (const mention of entry.mentions) {
      const text = texts[mention.chapter - 1]?.text ?? '';
      if (MEMORY.test(text.slice(Math.max(0, mention.start - 12), mention.start))) continue;
      if (
        AGE_AFTER.test(text.slice(mention.end, mention.end + 40)) ||
        AGE_BEFORE.test(text.slice(Math.max(0, mention.start - 24), mention.start))
      ) {
        children.add(entry.character);
        break;
      }
    }
  }
  return children;
}
