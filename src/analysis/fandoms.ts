import type { Evidence } from '../ingest/story.ts';
import type { Mention } from './characters.ts';
import { type Knowledge, type KnownFandom, nameWords } from './knowledge.ts';
import { type ChapterText, passageEvidence } from './passages.ts';

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

/**
 * Fandoms from header values first (kept as the author's), then from disclaimers, timeline tags,
 * fandom-only place names and the characters the text names unambiguously. Two fandoms with strong
 * evidence make a crossover.
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
        note((item.fandom as KnownFandom).name, 'author', true, {
          source: 'header',
          label: 'Fandom',
          value,
          origin: 'header',
        });
      }
    } else {
      note(value, 'author', false, { source: 'header', label: 'Fandom', value, origin: 'header' });
    }
  }

  for (const { label, text } of input.paratext) {
    for (const fandom of knowledge.fandoms) {
      const names = [
        ...fandom.rightsHolders,
        fandom.name,
        ...fandom.aliases.filter((alias) => alias.ambiguity !== 'common-word').map((alias) => alias.text),
      ];
      const hit = names.find((name) => containsName(text, name));
      if (hit) note(fandom.name, 'inferred', true, { source: 'rule', reason: `the ${label} names "${hit}"` });
    }
  }

  for (const tag of input.headerTags) {
    for (const entry of knowledge.timeline) {
      if (entry.pattern.test(tag))
        note(entry.fandom, 'inferred', true, {
          source: 'rule',
          reason: `the header's "${tag}" is ${entry.fandom} timeline`,
        });
    }
  }

  // Characters named unambiguously, and places only one fandom has.
  const scores = new Map<string, { score: number; characters: Set<string>; evidence: Evidence[] }>();
  const scoreFor = (name: string) => {
    let entry = scores.get(name);
    if (!entry) {
      entry = { score: 0, characters: new Set(), evidence: [] };
      scores.set(name, entry);
    }
    return entry;
  };
  for (const mention of input.mentions) {
    if (mention.alias.ambiguity !== 'none' || mention.candidates.length !== 1 || !mention.capitalized)
      continue;
    mention.character.fandoms.forEach((fandom, index) => {
      const entry = scoreFor(fandom);
      entry.score += index === 0 ? 1 : 0.4;
      if (index === 0) entry.characters.add(mention.character.name);
      if (
        entry.evidence.length < 3 &&
        !entry.evidence.some((item) => item.source === 'text' && item.cue.includes(mention.character.name))
      ) {
        entry.evidence.push(passageEvidence(input.texts, mention, `names ${mention.character.name}`));
      }
    });
  }
  for (const fandom of knowledge.fandoms) {
    if (fandom.keywords.length === 0) continue;
    for (const chapter of input.texts) {
      for (const keyword of fandom.keywords) {
        let at = chapter.text.indexOf(keyword);
        let guard = 0;
        while (at !== -1 && guard++ < 50) {
          const entry = scoreFor(fandom.name);
          entry.score += 1;
          if (entry.evidence.length < 4)
            entry.evidence.push(
              passageEvidence(
                input.texts,
                { chapter: chapter.number, start: at, end: at + keyword.length },
                `place of ${fandom.name}: ${keyword}`,
              ),
            );
          at = chapter.text.indexOf(keyword, at + keyword.length);
        }
      }
    }
  }
  const best = Math.max(0, ...[...scores.values()].map((entry) => entry.score));
  for (const [name, entry] of scores) {
    const strongEnough = entry.score >= 4 && (entry.characters.size >= 2 || entry.score >= 8);
    if (strongEnough && entry.score >= best * 0.3) {
      for (const evidence of entry.evidence) note(name, 'inferred', true, evidence);
    }
  }
  return [...found.values()];
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
