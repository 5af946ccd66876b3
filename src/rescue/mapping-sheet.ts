/**
 * The tag-mapping sheet: every original tag string of an old archive (categories, characters, classes,
 * ratings...) with how many stories carry it, the AO3 tag the knowledge packs and the vocabularies suggest,
 * and the target a person chose. The first rescue writes it; the archivist edits it in any spreadsheet; the
 * next rescue applies it. A string with no target is kept as an additional tag, never dropped.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { Knowledge } from '../analysis/knowledge.ts';
import { ARCHIVE_WARNINGS, CATEGORIES, RATINGS } from '../domain/required-tags.ts';
import { TAG_KINDS, type TagKind } from '../domain/tag-kinds.ts';
import { mapCategory, mapRating, splitWarnings } from '../ingest/vocabulary.ts';
import type { RescueTagRef } from './rescue-archive.ts';

export const SHEET_COLUMNS = [
  'source',
  'original',
  'stories',
  'suggested_kind',
  'suggested_tag',
  'kind',
  'tag',
] as const;

export interface SheetRow {
  /** What the string was in the old archive: `category`, `character`, `class:Genres`, `rating`... */
  source: string;
  original: string;
  stories: number;
  suggestedKind: TagKind | null;
  suggestedTag: string | null;
  /** The archivist's choice: the AO3 tag kind and name. Empty: kept as an additional tag. */
  kind: TagKind | null;
  tag: string | null;
}

export interface Sheet {
  rows: Map<string, SheetRow>;
  /** Rows that could not be applied, with why: reported, the string kept as an additional tag. */
  problems: string[];
}

export const sheetKey = (ref: RescueTagRef): string => `${ref.source}\u0000${ref.original}`;

/** The tag kind an original string most likely is, from where the old archive kept it. */
export function defaultKind(source: string): TagKind {
  const lower = source.toLowerCase();
  if (lower === 'category' || lower === 'fandom' || lower === 'fandoms') return 'fandom';
  if (lower === 'rating') return 'rating';
  if (lower.startsWith('character')) return 'character';
  if (/^(?:pairings?|relationships?|ships?)$/.test(lower)) return 'relationship';
  const type = lower.replace(/^class:/, '');
  if (/^(?:warnings?|archive warnings?|content warnings?)$/.test(type)) return 'warning';
  if (/^(?:categories|category|orientation|pairing type)$/.test(type)) return 'category';
  return 'freeform';
}

function findFandom(knowledge: Knowledge, name: string): string | null {
  const wanted = name.trim().toLowerCase();
  for (const fandom of knowledge.fandoms) {
    if (fandom.name.toLowerCase() === wanted) return fandom.name;
    if (
      fandom.aliases.some((alias) => alias.text.toLowerCase() === wanted && alias.ambiguity !== 'common-word')
    )
      return fandom.name;
  }
  return null;
}

function findCharacter(knowledge: Knowledge, name: string): { name: string; short: string } | null {
  const wanted = name.trim().toLowerCase();
  const direct = [...knowledge.characterByName.values()].find(
    (character) => character.name.toLowerCase() === wanted || character.short.toLowerCase() === wanted,
  );
  if (direct) return direct;
  const first = wanted.split(/\s+/)[0] ?? '';
  const alias = knowledge.aliasesByFirstWord
    .get(first)
    ?.find((candidate) => candidate.text.toLowerCase() === wanted && candidate.ambiguity === 'none');
  return alias?.character ?? null;
}

/** The AO3 tag the vocabularies or the knowledge packs suggest for an original string, if any. */
export function suggestTag(ref: RescueTagRef, knowledge: Knowledge): { kind: TagKind; name: string } | null {
  const kind = defaultKind(ref.source);
  const original = ref.original.trim();
  if (kind === 'rating') {
    const mapped = mapRating(original);
    return mapped && !mapped.candidates ? { kind, name: mapped.rating } : null;
  }
  const warning = splitWarnings([original]).warnings[0];
  if (warning && (kind === 'warning' || kind === 'freeform')) return { kind: 'warning', name: warning };
  const category = mapCategory(original);
  if (category && (kind === 'category' || kind === 'freeform')) return { kind: 'category', name: category };
  if (kind === 'fandom') {
    // A nested category is tried from its own name up its path: `Buffy > Season 6` is Buffy's.
    for (const part of original.split(' > ').reverse()) {
      const fandom = findFandom(knowledge, part);
      if (fandom) return { kind, name: fandom };
    }
    return null;
  }
  if (kind === 'character') {
    const character = findCharacter(knowledge, original);
    return character ? { kind, name: character.name } : null;
  }
  if (kind === 'relationship') {
    const members = original.split(/\s*(?:\/|&| x )\s*/i).map((name) => findCharacter(knowledge, name));
    if (members.length < 2 || members.some((member) => !member)) return null;
    const joiner = original.includes('&') ? ' & ' : '/';
    return {
      kind,
      name: members
        .map((member) => member?.short ?? '')
        .sort()
        .join(joiner),
    };
  }
  return null;
}

/** The sheet for the tags an archive's stories carry: kept choices, counts brought up to date, new strings added. */
export function buildSheet(
  refs: Iterable<RescueTagRef>,
  previous: Sheet | null,
  knowledge: Knowledge,
): SheetRow[] {
  const counts = new Map<string, { ref: RescueTagRef; stories: number }>();
  for (const ref of refs) {
    const key = sheetKey(ref);
    const entry = counts.get(key);
    if (entry) entry.stories++;
    else counts.set(key, { ref, stories: 1 });
  }
  const rows: SheetRow[] = [];
  for (const [key, { ref, stories }] of counts) {
    const kept = previous?.rows.get(key);
    const suggestion = suggestTag(ref, knowledge);
    rows.push({
      source: ref.source,
      original: ref.original,
      stories,
      suggestedKind: suggestion?.kind ?? null,
      suggestedTag: suggestion?.name ?? null,
      kind: kept?.kind ?? null,
      tag: kept?.tag ?? null,
    });
  }
  // Rows of the old sheet whose strings no story carries now are kept, so no choice is lost.
  for (const [key, row] of previous?.rows ?? []) if (!counts.has(key)) rows.push({ ...row, stories: 0 });
  return rows.sort(
    (a, b) =>
      a.source.localeCompare(b.source) || b.stories - a.stories || a.original.localeCompare(b.original),
  );
}

export function writeSheet(rows: readonly SheetRow[]): string {
  return stringify(
    rows.map((row) => [
      row.source,
      row.original,
      row.stories,
      row.suggestedKind ?? '',
      row.suggestedTag ?? '',
      row.kind ?? '',
      row.tag ?? '',
    ]),
    { header: true, columns: [...SHEET_COLUMNS], bom: true },
  );
}

const FIXED: Partial<Record<TagKind, readonly string[]>> = {
  rating: RATINGS,
  warning: ARCHIVE_WARNINGS,
  category: CATEGORIES,
};

/** Read an edited sheet. A row that cannot be used is listed and left out; the rest is applied. */
export function readSheet(text: string): Sheet {
  const problems: string[] = [];
  const rows = new Map<string, SheetRow>();
  let records: Record<string, string>[];
  try {
    records = parse(text, {
      columns: true,
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    });
  } catch (error) {
    return {
      rows,
      problems: [`the mapping sheet is not a CSV file Quire can read: ${(error as Error).message}`],
    };
  }
  for (const [index, record] of records.entries()) {
    const line = index + 2;
    const source = record.source ?? '';
    const original = record.original ?? '';
    if (!source || !original) {
      problems.push(`mapping sheet line ${line}: the source and original columns must not be empty`);
      continue;
    }
    const tag = (record.tag ?? '').trim() || null;
    let kind: TagKind | null = null;
    const kindText = (record.kind ?? '').trim().toLowerCase();
    if (kindText) {
      const found = TAG_KINDS.find((candidate) => candidate === kindText);
      if (!found)
        problems.push(
          `mapping sheet line ${line}: kind "${record.kind}" is not one of ${TAG_KINDS.join(', ')}; "${original}" stays an additional tag`,
        );
      else kind = found;
    }
    if (tag && !kind && kindText === '') kind = defaultKind(source);
    const fixed = kind ? FIXED[kind] : undefined;
    let usable = Boolean(tag && kind);
    if (usable && fixed && !fixed.includes(tag as string)) {
      problems.push(
        `mapping sheet line ${line}: "${tag}" is not an AO3 ${kind} (one of ${fixed.join(', ')}); "${original}" stays an additional tag`,
      );
      usable = false;
    }
    if (tag && tag.length > 200) {
      problems.push(`mapping sheet line ${line}: a tag has at most 200 characters`);
      usable = false;
    }
    const suggestedKind = TAG_KINDS.find((candidate) => candidate === record.suggested_kind) ?? null;
    rows.set(sheetKey({ source, original }), {
      source,
      original,
      stories: Number(record.stories) || 0,
      suggestedKind,
      suggestedTag: record.suggested_tag || null,
      kind: usable ? kind : null,
      tag: usable ? tag : null,
    });
  }
  return { rows, problems };
}

/** What an original string becomes on a work, by the sheet. */
export interface MappedTag {
  kind: TagKind;
  name: string;
  /** A chosen AO3 tag: canonical, with the original kept as its synonym. */
  canonical: boolean;
  original: string;
}

export function mapTag(ref: RescueTagRef, sheet: Sheet | null): MappedTag {
  const row = sheet?.rows.get(sheetKey(ref));
  if (row?.kind && row.tag) return { kind: row.kind, name: row.tag, canonical: true, original: ref.original };
  return { kind: 'freeform', name: ref.original, canonical: false, original: ref.original };
}
