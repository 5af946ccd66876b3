/**
 * What the analysis knows about fandoms, flattened from the knowledge packs into look-up tables built once.
 */
export type Ambiguity = 'none' | 'shared' | 'common-word' | 'title';
export type Gender = 'female' | 'male' | 'nonbinary' | 'other';

export interface KnownCharacter {
  /** AO3 canonical character tag, e.g. `Spike (Buffy the Vampire Slayer)`. */
  name: string;
  /** The form used inside relationship tags, e.g. `Spike`. */
  short: string;
  fandoms: string[];
  gender: Gender;
  adult: boolean;
}

export interface KnownAlias {
  /** The alias split into lower-case words: `["william", "the", "bloody"]`. */
  words: string[];
  text: string;
  character: KnownCharacter;
  ambiguity: Ambiguity;
}

export interface KnownFandom {
  name: string;
  aliases: { text: string; ambiguity: Ambiguity }[];
  rightsHolders: string[];
  /** Places and things that only this fandom has (`Sunnydale`, `Hogwarts`), as lower-case words. */
  keywords: string[];
}

export interface KnownShip {
  name: string;
  members: KnownCharacter[];
  kind: 'romantic' | 'platonic';
  /** A couple in the source itself (Willow and Tara), not only in fandom: a story takes it for granted. */
  canon: boolean;
}

export interface KnownTimeline {
  pattern: RegExp;
  tag: string;
  fandom: string;
}

export interface Knowledge {
  fandoms: KnownFandom[];
  characters: KnownCharacter[];
  /** Aliases by their first word, lower-case; each list longest alias first. */
  aliasesByFirstWord: Map<string, KnownAlias[]>;
  ships: KnownShip[];
  timeline: KnownTimeline[];
  characterByName: Map<string, KnownCharacter>;
}

/** Whether the source itself pairs these people romantically (a pack's ship marked `canon`). */
export function isCanonCouple(knowledge: Knowledge, members: readonly KnownCharacter[]): boolean {
  return knowledge.ships.some(
    (ship) =>
      ship.canon &&
      ship.kind === 'romantic' &&
      ship.members.length === members.length &&
      ship.members.every((member) => members.includes(member)),
  );
}

/** Lower-case words of a name, as the matcher sees them: `Mrs. Hudson` -> `["mrs", "hudson"]`. */
export function nameWords(name: string): string[] {
  return name
    .toLowerCase()
    .replace(/[’]/g, "'")
    .split(/[^\p{L}\p{N}'-]+/u)
    .map((word) => word.replace(/^['-]+|['-]+$/g, ''))
    .filter(Boolean);
}

export function buildKnowledge(
  fandoms: KnownFandom[],
  characters: KnownCharacter[],
  aliases: { text: string; character: KnownCharacter; ambiguity: Ambiguity }[],
  ships: KnownShip[],
  timeline: KnownTimeline[],
): Knowledge {
  const aliasesByFirstWord = new Map<string, KnownAlias[]>();
  const seen = new Set<string>();
  for (const alias of aliases) {
    const words = nameWords(alias.text);
    if (words.length === 0) continue;
    const key = `${words.join(' ')}\u0000${alias.character.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const first = words[0] as string;
    const list = aliasesByFirstWord.get(first) ?? [];
    list.push({ words, text: alias.text, character: alias.character, ambiguity: alias.ambiguity });
    aliasesByFirstWord.set(first, list);
  }
  for (const list of aliasesByFirstWord.values()) list.sort((a, b) => b.words.length - a.words.length);
  return {
    fandoms,
    characters,
    aliasesByFirstWord,
    ships,
    timeline,
    characterByName: new Map(characters.map((character) => [character.name, character])),
  };
}
