import type { Evidence } from '../ingest/story.ts';
import type { Mention } from './characters/mentions.ts';
import { type Knowledge, type KnownCharacter, type KnownFandom, nameWords } from './knowledge.ts';
import { type ChapterText, passageEvidence } from './passages.ts';
import { frequentNames } from './proper-names.ts';

export interface FandomFinding {
  /** Canonical fandom tag, or the header's value as written when no pack knows it. */
  name: string;
  source: 'author' | 'inferred';
  known: boolean;
  /** The header value it came from, when one value named exactly this fandom. */
  original?: string;
  evidence: Evidence[];
}

export interface FandomInput {
  headerFandoms: string[];
  /** Disclaimer, summary and notes: where rights holders and show titles are named. */
  paratext: { label: string; text: string }[];
  /** Timeline and additional-tag values from the header. */
  headerTags: string[];
  texts: readonly ChapterText[];
  /** Mentions before ambiguity is resolved. */
  mentions: readonly Mention[];
  /** Characters the header names (in pairings or character lists) that a pack knows. */
  headerCharacters: readonly KnownCharacter[];
}

function normalize(text: string): string {
  return nameWords(text.replace(/&/g, ' and ')).join(' ');
}

/** The known fandom a header value names (`BtVS`, `Buffy`, `Angel: the Series`, `HP`), or null. */
export function matchFandomName(value: string, knowledge: Knowledge): KnownFandom | null {
  const wanted = normalize(value.replace(/\s*\((?:tv|movie|film|books?|comics?)\)\s*$/i, ''));
  if (!wanted) return null;
  for (const fandom of knowledge.fandoms) {
    if (normalize(fandom.name) === wanted) return fandom;
    if (fandom.aliases.some((alias) => normalize(alias.text) === wanted)) return fandom;
  }
  return null;
}

const GENERIC_SEASON = /^(?:Post-)?Season\/Series \d+$/;

/**
 * Fandoms from header values first (kept as the author's), then from disclaimers, timeline tags, the
 * characters the header names, fandom-only place names and the characters the text names unambiguously.
 * Two fandoms with strong evidence make a crossover.
 */
export function detectFandoms(input: FandomInput, knowledge: Knowledge): FandomFinding[] {
  const found = new Map<string, FandomFinding>();
  const note = (
    name: string,
    source: 'author' | 'inferred',
    known: boolean,
    evidence: Evidence,
    original?: string,
  ) => {
    const existing = found.get(name);
    if (existing) {
      if (existing.evidence.length < 6) existing.evidence.push(evidence);
      return;
    }
    found.set(name, { name, source, known, evidence: [evidence], ...(original ? { original } : {}) });
  };

  for (const value of input.headerFandoms) {
    const parts = matchFandomName(value, knowledge)
      ? [value]
      : value.split(/\s*(?:\/|&|\bx\b|\band\b|,)\s*/i).filter(Boolean);
    const matched = parts.map((part) => ({ part, fandom: matchFandomName(part, knowledge) }));
    if (matched.every((item) => item.fandom)) {
      for (const item of matched) {
        const evidence: Evidence = { source: 'header', label: 'Fandom', value, origin: 'header' };
        note(
          (item.fandom as KnownFandom).name,
          'author',
          true,
          evidence,
          matched.length === 1 ? value : undefined,
        );
      }
    } else {
      note(value, 'author', false, { source: 'header', label: 'Fandom', value, origin: 'header' });
    }
  }

  // Rights holders name a pack, not one of its fandoms: they are settled below, once the text has spoken.
  const ownerHits: { fandoms: KnownFandom[]; evidence: Evidence }[] = [];
  for (const { label, text } of input.paratext) {
    for (const fandom of knowledge.fandoms) {
      const names = [
        fandom.name,
        // A disclaimer names shows, so even a show named by a common word (`Angel belongs to...`) counts there.
        // Elsewhere a title that is also a character's name (`Sherlock`, `Buffy`) may name the character of
        // another show's story (Elementary's Sherlock).
        ...fandom.aliases
          .filter((alias) => alias.ambiguity === 'none' || label === 'disclaimer')
          .map((alias) => alias.text),
      ];
      const hit = names.find((name) => containsName(text, name));
      if (hit) note(fandom.name, 'inferred', true, { source: 'rule', reason: `the ${label} names "${hit}"` });
    }
    const owners = new Map<string, KnownFandom[]>();
    for (const fandom of knowledge.fandoms) {
      const holder = fandom.rightsHolders.find((name) => containsName(text, name));
      if (holder) owners.set(holder, [...(owners.get(holder) ?? []), fandom]);
    }
    for (const [holder, fandoms] of owners)
      ownerHits.push({ fandoms, evidence: { source: 'rule', reason: `the ${label} names "${holder}"` } });
  }

  for (const tag of input.headerTags) {
    for (const entry of knowledge.timeline) {
      // "Season 4" names no show by itself (every show has one); only a named episode or arc does.
      if (GENERIC_SEASON.test(entry.tag)) continue;
      if (entry.pattern.test(tag))
        note(entry.fandom, 'inferred', true, {
          source: 'rule',
          reason: `the header's "${tag}" is ${entry.fandom} timeline`,
        });
    }
  }

  // Characters the header and the text name, and places only one fandom has.
  // `cited`: the characters whose passage is in `evidence` already (a story names each one many times).
  const scores = new Map<string, { score: number; evidence: Evidence[]; cited: Set<string> }>();
  const scoreFor = (name: string) => {
    let entry = scores.get(name);
    if (!entry) {
      entry = { score: 0, evidence: [], cited: new Set() };
      scores.set(name, entry);
    }
    return entry;
  };
  for (const character of input.headerCharacters) {
    const entry = scoreFor(character.fandoms[0] as string);
    entry.score += 3;
    entry.evidence.push({ source: 'rule', reason: `the header names ${character.name}` });
  }
  const named = new Map<string, NamedInText>();
  for (const mention of input.mentions) {
    const { ambiguity } = mention.alias;
    if (
      (ambiguity !== 'none' && ambiguity !== 'title') ||
      mention.candidates.length !== 1 ||
      !mention.capitalized
    )
      continue;
    // A show's own title (`Buffy`) is weaker evidence than a name only the show has (`Willow`).
    const weight = ambiguity === 'title' ? 0.5 : 1;
    const { fandoms, name } = mention.character;
    const written = input.texts[mention.chapter - 1]?.text.slice(mention.start, mention.end) ?? '';
    for (let index = 0; index < fandoms.length; index++) {
      const fandom = fandoms[index] as string;
      const entry = scoreFor(fandom);
      entry.score += index === 0 ? weight : weight * 0.4;
      noteNamed(named, fandom, mention.character, written, mention.alias.words.length, ambiguity);
      if (entry.evidence.length >= 3 || entry.cited.has(name)) continue;
      entry.cited.add(name);
      entry.evidence.push(passageEvidence(input.texts, mention, `names ${name}`));
    }
  }
  const places = input.texts.map((chapter) => findKeywords(chapter.text, knowledge));
  // Names alone claim a fandom only when they are its own (see `corroborated`), or a place only it has is named.
  const names = frequentNames(input.texts);
  for (const [fandom, entry] of scores) {
    const found = named.get(fandom);
    const place = knowledge.fandoms
      .find((known) => known.name === fandom)
      ?.keywords.some((keyword) => places.some((chapter) => chapter.has(keyword)));
    if (found && !place && !corroborated(found, names)) entry.score = 0;
  }
  for (const fandom of knowledge.fandoms) {
    for (const keyword of fandom.keywords) {
      for (const [index, chapter] of input.texts.entries()) {
        // Each occurrence after the end of the one before, as `indexOf` from there would find them.
        const found = places[index]?.get(keyword) ?? [];
        let next = 0;
        let at = found[next++] ?? -1;
        for (let guard = 0; at !== -1 && guard < 50; guard++) {
          const entry = scoreFor(fandom.name);
          entry.score += 1;
          if (entry.evidence.length < 4) {
            entry.evidence.push(
              passageEvidence(
                input.texts,
                { chapter: chapter.number, start: at, end: at + keyword.length },
                `place of ${fandom.name}: ${keyword}`,
              ),
            );
          }
          const from = at + keyword.length;
          while (next < found.length && (found[next] as number) < from) next++;
          at = found[next++] ?? -1;
        }
      }
    }
  }
  const best = Math.max(0, ...[...scores.values()].map((entry) => entry.score));
  for (const [name, entry] of scores) {
    if (entry.score >= 3 && entry.score >= best * 0.3) {
      for (const evidence of entry.evidence) note(name, 'inferred', true, evidence);
    }
  }
  for (const hit of ownerHits) {
    if (hit.fandoms.some((fandom) => found.has(fandom.name))) continue;
    // A rights holder owns many shows (`the BBC`, `Fox`): it only settles a fandom the text leans to already.
    if (!hit.fandoms.some((fandom) => (scores.get(fandom.name)?.score ?? 0) > 0)) continue;
    // The pack's fandom the text leans to, else its first (the pack's main fandom).
    const ranked = [...hit.fandoms].sort(
      (a, b) => (scores.get(b.name)?.score ?? 0) - (scores.get(a.name)?.score ?? 0),
    );
    note((ranked[0] as KnownFandom).name, 'inferred', true, hit.evidence);
  }
  return [...found.values()];
}

/**
 * The keywords of every fandom by their first character, for one pass over a text; `starts` flags the
 * characters some keyword starts with, so the other characters (nearly all) cost one array read, not a map
 * look-up: `PAIRS_SAY` where the keywords' first two characters are ASCII and `pairs` flags them (`Su` of
 * `Sunnydale`, not the `Sh` of every `She`), `FIRST_SAYS` where the first one must do. Keywords that start
 * with a lower-case letter (`the Bronze`) would flag a character of every other word: they are found by
 * `indexOf` instead.
 */
interface KeywordIndex {
  byFirst: Map<number, string[]>;
  starts: Uint8Array;
  pairs: Uint8Array;
  searched: string[];
}
const PAIRS_SAY = 1;
const FIRST_SAYS = 2;
const keywordIndexes = new WeakMap<Knowledge, KeywordIndex>();

function keywordIndex(knowledge: Knowledge): KeywordIndex {
  let index = keywordIndexes.get(knowledge);
  if (!index) {
    index = {
      byFirst: new Map(),
      starts: new Uint8Array(0x10000),
      pairs: new Uint8Array(1 << 14),
      searched: [],
    };
    for (const keyword of new Set(knowledge.fandoms.flatMap((fandom) => fandom.keywords))) {
      if (!keyword) continue;
      const first = keyword.charCodeAt(0);
      if (first >= 97 && first <= 122) {
        index.searched.push(keyword);
        continue;
      }
      index.byFirst.set(first, [...(index.byFirst.get(first) ?? []), keyword]);
      const second = keyword.length > 1 ? keyword.charCodeAt(1) : -1;
      if (first < 128 && second >= 0 && second < 128) {
        index.pairs[(first << 7) | second] = 1;
        if (index.starts[first] === 0) index.starts[first] = PAIRS_SAY;
      } else index.starts[first] = FIRST_SAYS;
    }
    keywordIndexes.set(knowledge, index);
  }
  return index;
}

/** Where each fandom keyword occurs in a text (every start, overlaps included). */
function findKeywords(text: string, knowledge: Knowledge): Map<string, number[]> {
  const { byFirst, starts, pairs, searched } = keywordIndex(knowledge);
  const found = new Map<string, number[]>();
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const says = starts[code];
    if (says === 0) continue;
    if (says === PAIRS_SAY) {
      const next = text.charCodeAt(i + 1);
      if (!(next < 128) || pairs[(code << 7) | next] === 0) continue;
    }
    const keywords = byFirst.get(code);
    if (!keywords) continue;
    for (const keyword of keywords) {
      if (!text.startsWith(keyword, i)) continue;
      const list = found.get(keyword);
      if (list) list.push(i);
      else found.set(keyword, [i]);
    }
  }
  for (const keyword of searched) {
    const list: number[] = [];
    for (let at = text.indexOf(keyword); at !== -1; at = text.indexOf(keyword, at + 1)) list.push(at);
    if (list.length > 0) found.set(keyword, list);
  }
  return found;
}

/** What the text's names say of one fandom: its characters named, how, and the words they were named by. */
interface NamedInText {
  characters: Map<KnownCharacter, { mentions: number; distinctive: boolean }>;
  words: Set<string>;
}

function noteNamed(
  named: Map<string, NamedInText>,
  fandom: string,
  character: KnownCharacter,
  written: string,
  aliasWords: number,
  ambiguity: string,
): void {
  let entry = named.get(fandom);
  if (!entry) {
    entry = { characters: new Map(), words: new Set() };
    named.set(fandom, entry);
  }
  // A first name or a nickname (`Connor`, `Wes`, `Hank`, `Willie`) is any number of people's in other
  // fandoms; a full name, a surname (`Giles`) or the show's own title (`Buffy`) is far more the fandom's.
  const surname = character.name.split(' ').length > 1 && character.name.endsWith(` ${written}`);
  const distinctive = aliasWords > 1 || ambiguity === 'title' || surname;
  const seen = entry.characters.get(character) ?? { mentions: 0, distinctive: false };
  seen.mentions++;
  seen.distinctive ||= distinctive;
  entry.characters.set(character, seen);
  for (const word of written.split(/\s+/)) entry.words.add(word.replace(/['’]s?$/, ''));
}

/**
 * Whether the characters a text names make a claim on their fandom: a story of the fandom names several of
 * them, or one by a name that is the fandom's own, and its most used names are largely theirs. One first
 * name shared with a story of another fandom (`Connor` among `Oliver`, `Michaela` and `Asher`) is not enough.
 */
function corroborated(found: NamedInText, names: Map<string, number>): boolean {
  const total = [...names.values()].reduce((sum, count) => sum + count, 0);
  let theirs = 0;
  for (const word of found.words) theirs += names.get(word) ?? 0;
  const share = total === 0 ? 0 : theirs / total;
  // A short story that names few people twice says too little for a share: its characters decide.
  const reliable = total >= 6;
  const characters = [...found.characters.values()].filter((entry) => entry.mentions >= 2);
  const distinctive = [...found.characters.values()].filter((entry) => entry.distinctive);
  if (characters.length >= 3 || distinctive.length >= 2) return !reliable || share >= 0.15;
  if (characters.some((entry) => entry.distinctive && entry.mentions >= 3)) return !reliable || share >= 0.2;
  return characters.length >= 2 && (!reliable || share >= 0.5);
}

function containsName(text: string, name: string): boolean {
  if (name.length < 2) return false;
  let at = text.indexOf(name);
  while (at !== -1) {
    const before = at === 0 ? ' ' : (text[at - 1] as string);
    const after = text[at + name.length] ?? ' ';
    if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)) return true;
    at = text.indexOf(name, at + 1);
  }
  return false;
}
