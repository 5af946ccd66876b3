import type { Db } from '../../db/database.ts';
import { TAG_KINDS, type TagKind } from '../../domain/tag-kinds.ts';

/** Every tag, by position (ascending id). */
export interface TagTable {
  ids: Int32Array;
  names: string[];
  /** Index into TAG_KINDS, or 255 for a kind search does not know. */
  kinds: Uint8Array;
  /** Where a tag's name falls in `localeCompare` order: facets with equal counts are listed by name. */
  nameRanks: Uint32Array;
  /** Tag position of the tag this one is a synonym of, or -1. */
  synonymOf: Int32Array;
  /** Tag positions by name, lowest id first (a name may be used by several kinds). */
  byName: Map<string, number[]>;
}

export async function loadTags(db: Db): Promise<TagTable> {
  const rows = await db
    .selectFrom('tags')
    .select(['id', 'name', 'kind', 'synonym_of'])
    .orderBy('id')
    .execute();
  const count = rows.length;
  const ids = new Int32Array(count);
  const names: string[] = new Array(count);
  const kinds = new Uint8Array(count);
  const synonymOf = new Int32Array(count).fill(-1);
  const positionOf = new Map<number, number>();
  const byName = new Map<string, number[]>();
  for (let tag = 0; tag < count; tag++) {
    const row = rows[tag] as (typeof rows)[number];
    ids[tag] = row.id;
    names[tag] = row.name;
    const kind = TAG_KINDS.indexOf(row.kind);
    kinds[tag] = kind === -1 ? 255 : kind;
    positionOf.set(row.id, tag);
    const same = byName.get(row.name);
    if (same) same.push(tag);
    else byName.set(row.name, [tag]);
  }
  for (let tag = 0; tag < count; tag++) {
    const target = (rows[tag] as (typeof rows)[number]).synonym_of;
    if (target !== null) synonymOf[tag] = positionOf.get(target) ?? -1;
  }
  return { ids, names, kinds, nameRanks: collationRanks(names), synonymOf, byName };
}

/** Each name's rank in the order facets list equal counts in: localeCompare, as the SQL path sorts. */
function collationRanks(names: string[]): Uint32Array {
  const collator = new Intl.Collator();
  const byCollation = names
    .map((_, tag) => tag)
    .sort((a, b) => collator.compare(names[a] as string, names[b] as string));
  const ranks = new Uint32Array(names.length);
  for (let i = 0, rank = 0; i < byCollation.length; i++) {
    const tag = byCollation[i] as number;
    if (i > 0 && collator.compare(names[byCollation[i - 1] as number] as string, names[tag] as string) !== 0)
      rank = i;
    ranks[tag] = rank;
  }
  return ranks;
}

/**
 * The canonical tag a name filters by, as a tag position: the name's tag (of this kind when given, the
 * lowest id when several kinds share the name), followed along its synonym chain; -1 when unknown.
 */
export function resolveTag(tags: TagTable, name: string, kind?: TagKind): number {
  const candidates = tags.byName.get(name);
  if (!candidates) return -1;
  const wanted = kind === undefined ? -1 : TAG_KINDS.indexOf(kind);
  const found = candidates.find((tag) => wanted === -1 || tags.kinds[tag] === wanted);
  if (found === undefined) return -1;
  // The same walk as canonicalTagId (repositories/tag.repository.ts): at most ten hops.
  let current = found;
  for (let hops = 0; hops < 10; hops++) {
    const next = tags.synonymOf[current] as number;
    if (next === -1) return current;
    current = next;
  }
  return current;
}
