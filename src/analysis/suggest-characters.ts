import type { WorkDraft } from '../ingest/story.ts';
import type { CharacterCounts } from './characters/resolve.ts';
import { type Knowledge, type KnownCharacter, nameWords } from './knowledge.ts';
import { type ChapterText, passageEvidence } from './passages.ts';
import { resolveName } from './relationships.ts';
import type { CharacterSuggestion } from './suggestion.ts';

/**
 * A character is tagged when they are on the page, not merely mentioned: they act in narration
 * (`Willow found her`), or are named in narration more than once, or are talked about at length.
 */
function appearsOnPage(entry: CharacterCounts): boolean {
  const narrated = entry.mentions.filter((mention) => !mention.inDialogue);
  if (narrated.some((mention) => mention.acts)) return true;
  if (narrated.length >= 3) return true;
  return narrated.length >= 1 && entry.total >= 6;
}
/**
 * A character named less than this share as often as the story's most named one is not suggested at all;
 * between it and about twice it, they are offered as possible (confidence.ts: below the threshold).
 */
const BACKGROUND_SHARE = 0.06;
/** A character with at least this share of all character mentions is a main character. */
const MAIN_SHARE = 0.12;

/** Characters the header names by a full name or alias (not by initials), whatever the fandom. */
export function headerCharacters(draft: WorkDraft, knowledge: Knowledge): KnownCharacter[] {
  const names = [
    ...draft.characters,
    ...draft.relationships.flatMap((pairing) => pairing.split(/\/|&|\s[x×]\s/i)),
  ];
  const found: KnownCharacter[] = [];
  const none = { fandoms: new Set<string>(), counts: new Map<KnownCharacter, CharacterCounts>() };
  for (const name of names) {
    const clean = name.replace(/^(?:some|past|implied|background|eventual)\s+/i, '').trim();
    if (clean.replace(/\./g, '').length <= 2) continue;
    // A first name several fandoms share (`Molly`: Hooper or Weasley) names no fandom by itself.
    if (sharedAcrossFandoms(clean, knowledge)) continue;
    const character = resolveName(clean, knowledge, none);
    if (character && !found.includes(character)) found.push(character);
  }
  for (const ship of knowledge.ships) {
    if (draft.relationships.some((pairing) => pairing.trim().toLowerCase() === ship.name.toLowerCase()))
      found.push(...ship.members);
  }
  return found;
}

function sharedAcrossFandoms(name: string, knowledge: Knowledge): boolean {
  const words = nameWords(name);
  const fandoms = new Set(
    (knowledge.aliasesByFirstWord.get(words[0] ?? '') ?? [])
      .filter((alias) => alias.words.join(' ') === words.join(' '))
      .map((alias) => alias.character.fandoms[0]),
  );
  return fandoms.size > 1;
}

export function suggestCharacters(
  draft: WorkDraft,
  knowledge: Knowledge,
  counts: Map<KnownCharacter, CharacterCounts>,
  fandoms: Set<string>,
  texts: readonly ChapterText[],
  foreign: boolean,
): CharacterSuggestion[] {
  const chapterCount = texts.length;
  const totalMentions = [...counts.values()].reduce((sum, entry) => sum + entry.total, 0);
  const suggestions: CharacterSuggestion[] = [];
  const byName = new Map<string, CharacterSuggestion>();
  const fromCounts = (entry: CharacterCounts | undefined) => ({
    mentions: entry?.total ?? 0,
    perChapter: entry?.perChapter ?? new Array(chapterCount).fill(0),
    main: entry ? entry.total >= 3 && entry.total >= totalMentions * MAIN_SHARE : false,
  });
  for (const written of draft.characters) {
    const character = foreign ? null : resolveName(written, knowledge, { fandoms, counts });
    const value = character?.name ?? written;
    if (byName.has(value)) continue;
    const suggestion: CharacterSuggestion = {
      value,
      source: 'author',
      known: character !== null,
      ...(value !== written ? { original: written } : {}),
      evidence: draft.evidence[`characters:${written}`] ?? [],
      ...fromCounts(character ? counts.get(character) : undefined),
    };
    byName.set(value, suggestion);
    suggestions.push(suggestion);
  }
  const ranked = [...counts.values()].sort((a, b) => b.total - a.total);
  const lead = ranked[0]?.total ?? 0;
  for (const entry of ranked) {
    if (byName.has(entry.character.name) || !appearsOnPage(entry)) continue;
    // A tagger tags the people the story is about: one named far less often than its lead is in the background.
    if (entry.total < lead * BACKGROUND_SHARE) continue;
    const stats = fromCounts(entry);
    const chapters = entry.perChapter.filter((count) => count > 0).length;
    const suggestion: CharacterSuggestion = {
      value: entry.character.name,
      source: 'inferred',
      known: true,
      evidence: [
        {
          source: 'rule',
          reason: `${entry.total} mentions in ${chapters} chapter${chapters === 1 ? '' : 's'}${stats.main ? ' (a main character)' : ''}`,
        },
        ...entry.mentions
          .slice(0, 3)
          .map((mention) => passageEvidence(texts, mention, `named as "${mention.alias.text}"`)),
      ],
      ...stats,
    };
    byName.set(suggestion.value, suggestion);
    suggestions.push(suggestion);
  }
  return suggestions;
}
