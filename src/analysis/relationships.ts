import type { Category } from '../domain/required-tags.ts';
import type { Evidence } from '../ingest/story.ts';
import type { Mention } from './characters/mentions.ts';
import type { CharacterCounts } from './characters/resolve.ts';
import { depicted } from './cue-context.ts';
import { cueGenders, fitsPair } from './cue-genders.ts';
import { matchFandomName } from './fandoms.ts';
import { GroupScenes } from './group-scenes.ts';
import { type Knowledge, type KnownCharacter, nameWords } from './knowledge.ts';
import { PairScores } from './pair-scores.ts';
import type { CueHit } from './passages.ts';
import { type ChapterText, passageEvidence } from './passages.ts';
import { pairIsDecisive, romanticCircles } from './romantic-circles.ts';

export type RelationshipKind = 'romantic' | 'platonic';

export interface Relationship {
  tag: string;
  members: KnownCharacter[];
  kind: RelationshipKind;
  score: number;
  /** Background, past or one-sided pairings (`some Spike/Buffy`) are never the main relationship. */
  secondary: boolean;
  /** Whether a kiss, sex or being in love joins them, not only words of feeling (`tender`, `lover`). */
  decisive: boolean;
  /** How many of those are theirs beyond doubt (see `PairScore.own`); a group's scenes count as its own. */
  own: number;
  /** How many of those happen in the story now (see `PairScore.now`), not in a memory or in speech. */
  now: number;
  evidence: Evidence[];
}

const BY_NAME = new Intl.Collator('en', { sensitivity: 'base' });

/** AO3's relationship tag: members' short names sorted alphabetically, `/` for romantic, ` & ` for platonic. */
export function relationshipTag(members: readonly KnownCharacter[], kind: RelationshipKind): string {
  // One collator for every tag: `localeCompare` with options makes one per comparison.
  const names = members.map((member) => member.short).sort(BY_NAME.compare);
  return names.join(kind === 'romantic' ? '/' : ' & ');
}

const QUALIFIER =
  /^(?:some|slight|past|implied|mentions? of|mentioned|background|eventual|hints? of|hinted|one-?sided|minor|brief|pre-|pre|established|unrequited|side|possible|onesided|a bit of|a little|a hint of)\s+/i;
const TRAILING_QUALIFIER =
  /\s*[([](?:implied|past|background|eventual|mentioned|one-?sided|minor|side|hinted|unrequited)[)\]]\s*$/i;

/**
 * Resolve a pairing as a header wrote it (`Spike/Willow`, `S/W`, `Willow x Spike`, `Spuffy`,
 * `some Spike/Buffy`, `Buffy & Willow`) to a canonical relationship. Initials are resolved among the
 * characters the story mentions most. Returns null when a member cannot be resolved.
 */
export function resolvePairing(
  written: string,
  knowledge: Knowledge,
  context: { fandoms: Set<string>; counts: Map<KnownCharacter, CharacterCounts> },
): { members: KnownCharacter[]; kind: RelationshipKind; secondary: boolean } | null {
  let text = written.trim();
  let secondary = false;
  for (let guard = 0; guard < 3 && (QUALIFIER.test(text) || TRAILING_QUALIFIER.test(text)); guard++) {
    secondary = true;
    text = text.replace(QUALIFIER, '').replace(TRAILING_QUALIFIER, '').trim();
  }
  // `eventual` pairings are still the story's pairing; only background ones are secondary.
  if (/^eventual|pre-?|established/i.test(written.trim())) secondary = false;

  const ship = knowledge.ships.find((candidate) => candidate.name.toLowerCase() === text.toLowerCase());
  if (ship) return { members: ship.members, kind: ship.kind, secondary };

  let kind: RelationshipKind = 'romantic';
  let parts: string[];
  if (text.includes('/')) parts = text.split('/');
  else if (/\s[x×]\s/i.test(text)) parts = text.split(/\s[x×]\s/i);
  else if (text.includes('&')) {
    parts = text.split('&');
    kind = 'platonic';
  } else if (/\s(?:and|with)\s/i.test(text)) parts = text.split(/\s(?:and|with)\s/i);
  else return null;
  parts = parts.map((part) => part.trim()).filter(Boolean);
  if (parts.length < 2) return null;

  const members: KnownCharacter[] = [];
  for (const part of parts) {
    const character = resolveName(part, knowledge, context);
    if (!character || members.includes(character)) return null;
    members.push(character);
  }
  return { members, kind, secondary };
}

/** A character named loosely: an alias, a canonical name, or initials (`S`, `W`). */
export function resolveName(
  written: string,
  knowledge: Knowledge,
  context: { fandoms: Set<string>; counts: Map<KnownCharacter, CharacterCounts> },
): KnownCharacter | null {
  const canonical = knowledge.characterByName.get(written.trim());
  if (canonical) return canonical;
  // `Gwen (Merlin)`: the qualifier says whose Gwen; a pack's Gwen only if it names that character's fandom.
  // (A lower-case note in parentheses, `(non-con)`, `(eventually)`, says how, not whose.)
  const qualifier = /\((\p{Lu}[^)]*)\)\s*$/u.exec(written)?.[1]?.trim();
  const name = written.replace(/\s*\([^)]*\)\s*$/, '').trim();
  const fits = (character: KnownCharacter) =>
    !qualifier ||
    character.fandoms.some((fandom) => {
      const known = matchFandomName(qualifier, knowledge);
      return known ? known.name === fandom : fandom.toLowerCase().startsWith(qualifier.toLowerCase());
    });
  const direct = knowledge.characterByName.get(name);
  if (direct) return fits(direct) ? direct : null;
  if (qualifier && !knowledge.characters.some((character) => fits(character))) return null;
  const words = nameWords(name);
  if (words.length === 0) return null;
  const inContext = (character: KnownCharacter) =>
    context.fandoms.size === 0 || character.fandoms.some((fandom) => context.fandoms.has(fandom));
  const rank = (list: KnownCharacter[]) =>
    [...new Set(list)].sort(
      (a, b) =>
        Number(inContext(b)) - Number(inContext(a)) ||
        (context.counts.get(b)?.total ?? 0) - (context.counts.get(a)?.total ?? 0),
    );

  // Initials: one or two letters, matched against the first letters of each character's names.
  if (/^[a-z]{1,2}\.?$/i.test(name)) {
    const letter = name.charAt(0).toLowerCase();
    const candidates = knowledge.characters.filter(
      (character) =>
        inContext(character) &&
        (character.short.toLowerCase().startsWith(letter) ||
          nameWords(character.short)[0]?.startsWith(letter) ||
          calledMostly(context.counts.get(character))?.startsWith(letter)),
    );
    const mentioned = candidates.filter((character) => context.counts.has(character));
    const ranked = rank(mentioned.length > 0 ? mentioned : candidates);
    return ranked[0] ?? null;
  }

  // fanfiction.net abbreviates surnames: `Draco M.`, `Harry P.`.
  const abbreviated = /^(\S+)\s+(\p{Lu})\.?$/u.exec(name);
  if (abbreviated) {
    const first = (abbreviated[1] as string).toLowerCase();
    const initial = (abbreviated[2] as string).toLowerCase();
    const candidates = (knowledge.aliasesByFirstWord.get(first) ?? [])
      .map((alias) => alias.character)
      .filter((character) =>
        nameWords(character.short).some((word, index) => index > 0 && word.startsWith(initial)),
      );
    if (candidates.length > 0) return rank(candidates)[0] ?? null;
  }

  const aliases = knowledge.aliasesByFirstWord.get(words[0] as string) ?? [];
  const exact = aliases
    .filter((alias) => alias.words.join(' ') === words.join(' '))
    .map((alias) => alias.character)
    .filter(fits);
  if (exact.length > 0) return rank(exact)[0] ?? null;
  // Fans shorten a name in a pairing (`Spike/Harm`, `Wes/Fred`): one word that begins the first name of
  // exactly one character the story names, in its fandom. Only someone in the text: `Dan` is no one's.
  const prefix = words[0] as string;
  if (words.length === 1 && prefix.length >= 3) {
    const shortened = [...context.counts.keys()].filter(
      (character) =>
        inContext(character) && fits(character) && nameWords(character.short)[0]?.startsWith(prefix),
    );
    if (shortened.length === 1) return shortened[0] ?? null;
  }
  return null;
}

/**
 * The name the story calls a character by most often: `R/T` is Remus and Tonks when the text says `Tonks`
 * (her canonical name begins with N), while `S/W` stays Spike and Willow when the text says `Buffy`, not
 * `Summers`.
 */
function calledMostly(entry: CharacterCounts | undefined): string | undefined {
  if (!entry) return undefined;
  const uses = new Map<string, number>();
  let best: string | undefined;
  let bestUses = 0;
  for (const mention of entry.mentions) {
    const word = mention.alias.words[0] as string;
    const used = (uses.get(word) ?? 0) + 1;
    uses.set(word, used);
    if (used > bestUses) {
      best = word;
      bestUses = used;
    }
  }
  return best;
}

/** AO3's categories from relationships and genders. `Gen` when there is no romantic relationship. */
export function categoriesFor(
  relationships: readonly { members: KnownCharacter[]; kind: RelationshipKind }[],
): Category[] {
  const categories = new Set<Category>();
  for (const relationship of relationships) {
    if (relationship.kind !== 'romantic') continue;
    if (relationship.members.length > 2) categories.add('Multi');
    const genders = relationship.members.map((member) => member.gender);
    if (genders.some((gender) => gender === 'other' || gender === 'nonbinary')) categories.add('Other');
    else if (genders.every((gender) => gender === 'female')) categories.add('F/F');
    else if (genders.every((gender) => gender === 'male')) categories.add('M/M');
    else categories.add('F/M');
  }
  if (categories.size === 0) categories.add('Gen');
  return [...categories].sort();
}

// Non-consent is sexual too: it makes a relationship tag (AO3 tags Angelus/Buffy in such a story).
const RELATIONSHIP_CUES = new Set(['romance', 'sexExplicit', 'sexImplied', 'platonic', 'force']);

/**
 * Cues that show romantic or sexual interaction by themselves: a kiss, sex (forced too: AO3 tags the pairing
 * of a non-con story), undressing someone, being in love. Words of feeling or of the body (`tender`,
 * `longing`, `lover`, `naked`, `sex` in `better than sex`) only add to them.
 */
function isDecisive(cue: CueHit): boolean {
  if (cue.kind === 'sexExplicit') return true;
  if (cue.kind === 'force') return FORCED_SEX.test(cue.match);
  return (cue.kind === 'romance' || cue.kind === 'sexImplied') && DECISIVE.test(cue.match);
}
const DECISIVE =
  /^(?:kiss|in love|nuzzl|made love|making love|makes? love|slept (?:together|with)|had sex|having sex|undress(?:ed|ing)? (?:her|him|me|you|each other)|stripped (?:her|him)|snog|(?:made|make|makes|making) out|mouths? |marry|will you marry|(?:we'll|we will|we should|let's|let us|wanna|want to) get married)/i;
/**
 * A kiss on the cheek, the forehead or the hair is what family and friends give too: romance, but not a
 * pairing by itself. The kiss cue leaves out `kissed her forehead`; here also `kissed Dawn on the forehead`.
 */
function isCheekKiss(text: string, cue: CueHit): boolean {
  return cue.kind === 'romance' && /^kiss/i.test(cue.match) && CHEEK.test(text.slice(cue.end, cue.end + 40));
}
const CHEEK =
  /^\s+(?:(?:her|him|his|me|my|you|your) |\p{Lu}[\p{L}'’-]*(?:['’]s)? )?(?:on )?(?:the |her |his |my |your )?(?:nearest |left |right )?(?:cheeks?|forehead|brow|hair|top of (?:her|his|the) head)\b/iu;

/**
 * An established couple's quiet intimacy (the cues in sex.ts under that heading, and pet names): one is comfort
 * a friend could give, two between the same two people make a pairing as a kiss does.
 */
function isIntimate(cue: CueHit): boolean {
  return cue.kind === 'romance' && INTIMATE.test(cue.match);
}
const INTIMATE =
  /^(?:(?:took|pulled|gathered|drew|wrapped) (?:her|him) (?:in|into) (?:his|her) arms|(?:asleep|slept|sleeping|curled|nestled|lay|lying) in (?:his|her) arms|(?:head|cheek) (?:on|against|pillowed)|nestl|(?:held|holding|hold) hands|hand in hand|laced|fingers (?:laced|twined|entwined)|(?:their|our) bed|(?:in|into) bed (?:with|beside|next to)|slipped|(?:curled|snuggled|tucked)|my love|darling|sweetheart|(?:her|his) (?:hands?|fingers|palm)\b)/i;
const FORCED_SEX =
  /^(?:rap(?:e|ed|ing)\b|forced (?:himself|herself) on|against (?:her|his|my) will|took (?:her|him) anyway|violated)/i;

/**
 * The two people a cue's sentence names, when it names exactly two of those in the paragraph: the kiss of
 * `Buffy kissed Giles while Xander laughed` names three and stays the room's. `recent` is the story's last
 * named people of each gender, most recent first.
 */
function sentencePair(
  text: string,
  cue: CueHit,
  placed: readonly Mention[],
  recent: Readonly<Record<'female' | 'male', readonly KnownCharacter[]>>,
): KnownCharacter[] | undefined {
  // A sentence is looked for within a reach of the cue: a paragraph with no full stop (a wall of text) would
  // otherwise be read again for every cue in it.
  let start = cue.start;
  const least = Math.max(0, cue.start - SENTENCE_REACH);
  while (start > least && !isSentenceEnd(text, start - 1)) start--;
  let end = cue.end;
  const most = Math.min(text.length, cue.end + SENTENCE_REACH);
  while (end < most && !isSentenceEnd(text, end)) end++;
  // `Buffy kissed Giles`: the names on either side of the cue, whatever else the sentence says.
  let before: KnownCharacter | undefined;
  let after: KnownCharacter | undefined;
  let first: KnownCharacter | undefined;
  let second: KnownCharacter | undefined;
  let many = false;
  // The mentions are in text order: start at the sentence, stop at its end.
  let low = 0;
  let high = placed.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((placed[middle] as Mention).start < start) low = middle + 1;
    else high = middle;
  }
  for (let i = low; i < placed.length; i++) {
    const mention = placed[i] as Mention;
    if (mention.start >= end) break;
    const character = mention.character;
    if (mention.end <= cue.start && cue.start - mention.end <= 2 && isBlank(text, mention.end, cue.start))
      before = character;
    if (mention.start >= cue.end && mention.start - cue.end <= 2 && isBlank(text, cue.end, mention.start))
      after = character;
    if (!first || first === character) first = character;
    else if (!second || second === character) second = character;
    else many = true;
  }
  if (before && after && before !== after) return [before, after];
  if (many || !first) return undefined;
  if (second) return [first, second];
  // `Riley kissed her.`: the pronoun of the other gender is the one person of that gender the paragraph
  // names, or with none named there, the last one the story named: the point of view's `she`, whom the
  // narration seldom names. A pronoun of the named one's own gender too (`Riley watched as he kissed her`) may be someone the
  // paragraph only refers to, the point of view's `he`, so that sentence stays the room's.
  const other = first.gender === 'female' ? 'male' : first.gender === 'male' ? 'female' : undefined;
  if (!other) return undefined;
  const pronouns = sentencePronouns(text, start, end);
  if (!pronouns[other] || pronouns[first.gender as 'female' | 'male']) return undefined;
  let partner: KnownCharacter | undefined;
  for (const mention of placed) {
    if (mention.character.gender !== other) continue;
    if (partner && partner !== mention.character) return undefined;
    partner = mention.character;
  }
  if (!partner) partner = recent[other][0];
  return partner ? [first, partner] : undefined;
}

/** Which genders of third-person pronoun a sentence holds. */
export function sentencePronouns(
  text: string,
  start: number,
  end: number,
): { female: boolean; male: boolean } {
  const found = { female: false, male: false };
  SENTENCE_PRONOUN.lastIndex = start;
  for (
    let match = SENTENCE_PRONOUN.exec(text);
    match && match.index < end;
    match = SENTENCE_PRONOUN.exec(text)
  ) {
    const word = (match[0] as string).toLowerCase();
    if (word.startsWith('s') || word.startsWith('her')) found.female = true;
    else found.male = true;
  }
  return found;
}
const SENTENCE_PRONOUN = /\b(?:she|her|hers|herself|he|him|his|himself)\b/gi;
const SENTENCE_REACH = 400;

function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (text.charCodeAt(i) !== 32) return false;
  return true;
}

/** A sentence ends at `.`, `!` or `?` before a space, or at a paragraph break. */
function isSentenceEnd(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  if (code === 10) return text.charCodeAt(at + 1) === 10 || text.charCodeAt(at - 1) === 10;
  return (code === 46 || code === 33 || code === 63) && /\s/.test(text.charAt(at + 1));
}

const OPENING_QUOTE = /^\s*["“'‘]/;
/** A paragraph that opens on speech and names no one: the line of one of the two people talking. */
function isUnattributedSpeech(text: string, start: number, end: number): boolean {
  return OPENING_QUOTE.test(text.slice(start, Math.min(end, start + 4)));
}
/** `* * *`, `~~~`, `---`: a paragraph without a letter or a digit. */
function isSceneBreakParagraph(text: string, start: number, end: number): boolean {
  return end > start && !/[\p{L}\p{N}]/u.test(text.slice(start, end));
}

/** She, her, hers, herself, he, him, his, himself: told apart by their letters once found (see `Pronouns`). */
const PRONOUN = /\b(?:she|her|hers|herself|he|him|his|himself)\b/gi;

/**
 * Pairs ranked by romantic or sexual interaction: for every paragraph, the characters present (named, or
 * referred to by a pronoun resolved to the last characters of that gender) and the romantic and sexual
 * cues in it; each cue scores every pair present. Paragraphs together without such cues count toward a
 * platonic relationship.
 */
export function scoreRelationships(
  texts: readonly ChapterText[],
  counts: Map<KnownCharacter, CharacterCounts>,
  hits: readonly CueHit[],
): Relationship[] {
  const mentions: Mention[] = [];
  // One at a time: a spread of a long story's mentions is more arguments than the stack holds.
  for (const entry of counts.values()) for (const mention of entry.mentions) mentions.push(mention);
  mentions.sort((a, b) => a.chapter - b.chapter || a.start - b.start);
  const relevant = hits.filter((hit) => RELATIONSHIP_CUES.has(hit.kind));

  const pairs = new PairScores();
  const groups = new GroupScenes();
  let mentionIndex = 0;
  let hitIndex = 0;
  const recent: Record<'female' | 'male', KnownCharacter[]> = { female: [], male: [] };
  const remember = (character: KnownCharacter) => {
    if (character.gender !== 'female' && character.gender !== 'male') return;
    const list = recent[character.gender];
    const at = list.indexOf(character);
    if (at !== -1) list.splice(at, 1);
    list.unshift(character);
    if (list.length > 2) list.pop();
  };

  // One set and one list for every paragraph, emptied before each: a story has tens of thousands.
  const present = new Set<KnownCharacter>();
  const members: KnownCharacter[] = [];
  const cues: CueHit[] = [];
  const placed: Mention[] = [];
  const bringIn = (gender: 'female' | 'male', pronouns: Pronouns, start: number, end: number) => {
    const list = recent[gender];
    if (list.every((character) => present.has(character))) return;
    const count = pronouns.count(gender, start, end, 3);
    const brought = count > 2 ? 2 : count > 0 ? 1 : 0;
    for (let i = 0; i < list.length && i < brought; i++) present.add(list[i] as KnownCharacter);
  };
  // The two people of the conversation going on: an unattributed line of speech (`"Oh, good. Because that kiss
  // was most pleasing."`) is said by one of them to the other, until a scene break.
  const talkers: KnownCharacter[] = [];
  const talk = (character: KnownCharacter) => {
    const at = talkers.indexOf(character);
    if (at !== -1) talkers.splice(at, 1);
    talkers.unshift(character);
    if (talkers.length > 2) talkers.pop();
  };
  for (const chapter of texts) {
    recent.female = [];
    recent.male = [];
    talkers.length = 0;
    const text = chapter.text;
    const pronouns = new Pronouns(text);
    let paragraphStart = 0;
    while (paragraphStart <= text.length) {
      let paragraphEnd = text.indexOf('\n\n', paragraphStart);
      if (paragraphEnd === -1) paragraphEnd = text.length;
      present.clear();
      placed.length = 0;
      while (mentionIndex < mentions.length) {
        const mention = mentions[mentionIndex] as Mention;
        if (
          mention.chapter < chapter.number ||
          (mention.chapter === chapter.number && mention.start < paragraphStart)
        ) {
          mentionIndex++;
          continue;
        }
        if (mention.chapter > chapter.number || mention.start >= paragraphEnd) break;
        // Someone only talked about in dialogue is not in the scene; someone addressed is.
        if (!mention.inDialogue || mention.vocative) {
          present.add(mention.character);
          remember(mention.character);
          placed.push(mention);
        }
        mentionIndex++;
      }
      // Pronouns bring in the characters they most likely refer to: the last one of that gender for one or
      // two pronouns, the last two for more. Nobody to bring in, nothing to count.
      const named = present.size;
      bringIn('female', pronouns, paragraphStart, paragraphEnd);
      bringIn('male', pronouns, paragraphStart, paragraphEnd);
      if (named > 0) {
        // Only the named: a pronoun's referent is a guess, and a guess carried on would spread.
        const order = [...present].slice(0, named);
        for (let i = order.length - 1; i >= 0; i--) talk(order[i] as KnownCharacter);
      } else if (present.size === 0) {
        // Someone there but not named keeps the conversation as it was.
        if (isUnattributedSpeech(text, paragraphStart, paragraphEnd))
          for (const character of talkers) present.add(character);
        else if (isSceneBreakParagraph(text, paragraphStart, paragraphEnd)) talkers.length = 0;
      }

      cues.length = 0;
      while (hitIndex < relevant.length) {
        const hit = relevant[hitIndex] as CueHit;
        if (hit.chapter < chapter.number || (hit.chapter === chapter.number && hit.start < paragraphStart)) {
          hitIndex++;
          continue;
        }
        if (hit.chapter > chapter.number || hit.start >= paragraphEnd) break;
        cues.push(hit);
        hitIndex++;
      }
      if (named >= 3 && cues.length > 0) groups.add([...present].slice(0, named), cues);
      if (present.size >= 2) {
        members.length = 0;
        for (const character of present) members.push(character);
        // A cue in a crowded paragraph says little of any one pair in it: a kiss among four friends, a sex
        // scene while a third person is remembered. Two people alone with it are the evidence.
        const share = 1 / (members.length - 1) ** 2;
        // A cue whose sentence names two of the people there (`Buffy kissed Giles.`) is theirs alone.
        const owners = cues.length > 0 ? cues.map((cue) => sentencePair(text, cue, placed, recent)) : [];
        for (let a = 0; a < members.length; a++) {
          for (let b = a + 1; b < members.length; b++) {
            const first = members[a] as KnownCharacter;
            const second = members[b] as KnownCharacter;
            const pair = pairs.of(first, second);
            pair.platonic += 0.25;
            for (let c = 0; c < cues.length; c++) {
              const cue = cues[c] as CueHit;
              const owner = owners[c];
              const theirs = owner?.includes(first) === true && owner.includes(second);
              if (owner && !theirs && members.length > 2) continue;
              if (cue.kind === 'platonic') pair.platonic += cue.weight;
              else if (fitsPair(cueGenders(cue, text), first, second)) {
                const romantic = (cue.kind === 'force' ? 1 : cue.weight) * share;
                pair.romantic += romantic;
                if (isDecisive(cue) && !isCheekKiss(text, cue)) {
                  pair.decisive++;
                  if (theirs || (members.length === 2 && named === 2)) pair.own++;
                  if (depicted(texts, cue)) pair.now++;
                } else if (isIntimate(cue)) pair.intimate++;
                if (members.length === 2) pair.alone += romantic;
                if (pair.passages.length < 40) {
                  pair.passages.push({
                    chapter: chapter.number,
                    start: cue.start,
                    end: cue.end,
                    cue: `${cue.kind}: ${cue.match}`,
                    weight: cue.weight,
                  });
                }
              }
            }
          }
        }
      }
      paragraphStart = paragraphEnd + 2;
    }
  }

  const relationships: Relationship[] = [];
  const found = groups.groups();
  for (const group of found) {
    relationships.push({
      tag: relationshipTag(group.members, 'romantic'),
      members: group.members,
      kind: 'romantic',
      score: group.weight,
      secondary: false,
      decisive: true,
      own: group.evidence.length,
      now: group.evidence.length,
      evidence: group.evidence.map((hit) => passageEvidence(texts, hit, `${hit.kind}: ${hit.match}`)),
    });
  }
  const circles = romanticCircles(pairs.all, counts).filter(
    (circle) => !found.some((group) => circle.members.every((member) => group.members.includes(member))),
  );
  for (const circle of circles) {
    const passages = circle.pairs.flatMap((pair) => pair.passages);
    const best = passages.sort((a, b) => b.weight - a.weight).slice(0, 5);
    relationships.push({
      tag: relationshipTag(circle.members, 'romantic'),
      members: circle.members,
      kind: 'romantic',
      score: circle.score,
      secondary: false,
      decisive: true,
      own: circle.pairs.reduce((sum, pair) => sum + pair.own, 0),
      now: circle.pairs.reduce((sum, pair) => sum + pair.now, 0),
      evidence: best.map((passage) => passageEvidence(texts, passage, passage.cue)),
    });
  }
  for (const pair of pairs.all) {
    const best = [...pair.passages].sort((a, b) => b.weight - a.weight).slice(0, 5);
    // A pair together mostly in a group's scenes is part of the group, not a pairing of its own; but one with
    // more romance than the group's sex scenes hold in all has scenes of its own beside them.
    const within = (group: { members: readonly KnownCharacter[] }) =>
      pair.members.every((member) => group.members.includes(member));
    const inGroup =
      found.some((group) => within(group) && pair.romantic <= group.weight) || circles.some(within);
    if (inGroup && pair.alone < pair.romantic / 2) continue;
    // Kisses in a room with others count for less each, but two of them are still a romance between the two.
    // Two signs of an established couple's intimacy between them are as decisive as a kiss.
    const decisive = pairIsDecisive(pair);
    if (pair.romantic >= 1 || pair.decisive >= 2) {
      relationships.push({
        tag: relationshipTag(pair.members, 'romantic'),
        members: pair.members,
        kind: 'romantic',
        score: pair.romantic,
        secondary: false,
        decisive,
        own: pair.own,
        now: pair.now,
        evidence: best.map((passage) => passageEvidence(texts, passage, passage.cue)),
      });
    } else if (pair.platonic >= 4) {
      relationships.push({
        tag: relationshipTag(pair.members, 'platonic'),
        members: pair.members,
        kind: 'platonic',
        score: pair.platonic,
        secondary: false,
        decisive: false,
        own: 0,
        now: 0,
        evidence: [
          {
            source: 'rule',
            reason: `together in ${Math.round(pair.platonic / 0.25)} paragraphs with no romantic cues`,
          },
        ],
      });
    }
  }
  return relationships.sort((a, b) => b.score - a.score);
}

/**
 * The third-person pronouns of a chapter, both genders found in one pass on first use, then counted
 * paragraph by paragraph, going forward: a search from each paragraph's start would run on past its end to
 * the next pronoun, and read a chapter where she is seldom named once per paragraph.
 */
class Pronouns {
  /** Where each pronoun ends, by gender: one is in the paragraph its end is in (no word spans a break). */
  private ends: Record<'female' | 'male', number[]> | null = null;
  private readonly next = { female: 0, male: 0 };

  constructor(private readonly text: string) {}

  /** The pronouns of a gender within `start` to `end`, counted up to `enough`; `start` only grows. */
  count(gender: 'female' | 'male', start: number, end: number, enough: number): number {
    const ends = (this.ends ?? this.find())[gender];
    let next = this.next[gender];
    while (next < ends.length && (ends[next] as number) <= start) next++;
    this.next[gender] = next;
    let count = 0;
    for (let i = next; i < ends.length && count < enough && (ends[i] as number) <= end; i++) count++;
    return count;
  }

  private find(): Record<'female' | 'male', number[]> {
    const ends = { female: [] as number[], male: [] as number[] };
    const text = this.text;
    PRONOUN.lastIndex = 0;
    while (PRONOUN.test(text)) {
      const end = PRONOUN.lastIndex;
      let start = end;
      while (start > 0 && isAsciiLetter(text.charCodeAt(start - 1))) start--;
      // `she`; `he`, `him`, `his`, `himself`; `her`, `hers`, `herself`.
      const first = text.charCodeAt(start) | 32;
      const second = text.charCodeAt(start + 1) | 32;
      const female = first === 115 || (second === 101 && end - start > 2);
      (female ? ends.female : ends.male).push(end);
    }
    this.ends = ends;
    return ends;
  }
}

function isAsciiLetter(code: number): boolean {
  const lower = code | 32;
  return lower >= 97 && lower <= 122;
}
