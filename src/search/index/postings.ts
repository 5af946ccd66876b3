import type { Db } from '../../db/database.ts';
import type { TagTable } from './tags.ts';

/**
 * Which works have which canonical tags, both ways: each tag's works as a sorted posting list (and the works
 * where it is a main tag), and each work's tags for facet counts; every list is a slice of one array.
 */
export interface Postings {
  /** Tag `t`'s works are `postings[offsets[t]..offsets[t + 1]]`, ascending positions. */
  offsets: Uint32Array;
  postings: Uint32Array;
  mainOffsets: Uint32Array;
  mainPostings: Uint32Array;
  /** Work position `p`'s tags are `workTags[workTagOffsets[p]..workTagOffsets[p + 1]]`. */
  workTagOffsets: Uint32Array;
  workTags: Uint32Array;
}

/** Works read per query while loading the filter tags, so the rows never all sit in memory at once. */
const LOAD_CHUNK = 20_000;

/** A tag's works, as ascending positions. */
export const postingList = (postings: Postings, tag: number): Uint32Array =>
  postings.postings.subarray(postings.offsets[tag] as number, postings.offsets[tag + 1] as number);

/** The works where a tag is a main tag, as ascending positions. */
export const mainPostingList = (postings: Postings, tag: number): Uint32Array =>
  postings.mainPostings.subarray(
    postings.mainOffsets[tag] as number,
    postings.mainOffsets[tag + 1] as number,
  );

/** Load `work_filter_tags` into posting lists over work positions and tag positions. */
export async function loadPostings(
  db: Db,
  positionOfId: Int32Array,
  tags: TagTable,
  size: number,
): Promise<Postings> {
  const { offsets: workTagOffsets, tags: workTags, main } = await loadWorkTags(db, positionOfId, tags, size);
  const tagCount = tags.ids.length;
  const offsets = new Uint32Array(tagCount + 1);
  const mainOffsets = new Uint32Array(tagCount + 1);
  for (let i = 0; i < workTags.length; i++) {
    const tag = workTags[i] as number;
    (offsets[tag + 1] as number)++;
    if (main[i]) (mainOffsets[tag + 1] as number)++;
  }
  for (let t = 0; t < tagCount; t++) {
    offsets[t + 1] = (offsets[t + 1] as number) + (offsets[t] as number);
    mainOffsets[t + 1] = (mainOffsets[t + 1] as number) + (mainOffsets[t] as number);
  }
  const postings = new Uint32Array(workTags.length);
  const mainPostings = new Uint32Array(mainOffsets[tagCount] as number);
  const cursor = offsets.slice(0, tagCount);
  const mainCursor = mainOffsets.slice(0, tagCount);
  // Walking positions in order fills every posting list already sorted.
  for (let position = 0; position < size; position++) {
    for (let i = workTagOffsets[position] as number; i < (workTagOffsets[position + 1] as number); i++) {
      const tag = workTags[i] as number;
      postings[(cursor[tag] as number)++] = position;
      if (main[i]) mainPostings[(mainCursor[tag] as number)++] = position;
    }
  }
  return { offsets, postings, mainOffsets, mainPostings, workTagOffsets, workTags };
}

/** Each work's filter tags, as tag positions grouped by work position (offsets into one array). */
async function loadWorkTags(
  db: Db,
  positionOfId: Int32Array,
  tags: TagTable,
  size: number,
): Promise<{ offsets: Uint32Array; tags: Uint32Array; main: Uint8Array }> {
  const tagPosition = new Map<number, number>();
  for (let tag = 0; tag < tags.ids.length; tag++) tagPosition.set(tags.ids[tag] as number, tag);
  let entryWork = new Uint32Array(1 << 16);
  let entryTag = new Uint32Array(1 << 16);
  let entryMain = new Uint8Array(1 << 16);
  let entries = 0;
  const maxId = positionOfId.length - 1;
  for (let from = 0; from <= maxId; from += LOAD_CHUNK) {
    const rows = await db
      .selectFrom('work_filter_tags')
      .select(['work_id', 'tag_id', 'main'])
      .where('work_id', '>=', from)
      .where('work_id', '<', from + LOAD_CHUNK)
      .execute();
    if (entries + rows.length > entryWork.length) {
      const capacity = Math.max(entryWork.length * 2, entries + rows.length);
      entryWork = grow(entryWork, capacity);
      entryTag = grow(entryTag, capacity);
      entryMain = grow(entryMain, capacity);
    }
    for (const row of rows) {
      const position = positionOfId[row.work_id] ?? -1;
      const tag = tagPosition.get(row.tag_id);
      if (position === -1 || tag === undefined) continue;
      entryWork[entries] = position;
      entryTag[entries] = tag;
      entryMain[entries] = row.main === true || Number(row.main) === 1 ? 1 : 0;
      entries++;
    }
  }
  const offsets = new Uint32Array(size + 1);
  for (let i = 0; i < entries; i++) (offsets[(entryWork[i] as number) + 1] as number)++;
  for (let position = 0; position < size; position++)
    offsets[position + 1] = (offsets[position + 1] as number) + (offsets[position] as number);
  const cursor = offsets.slice(0, size);
  const workTags = new Uint32Array(entries);
  const main = new Uint8Array(entries);
  for (let i = 0; i < entries; i++) {
    const slot = (cursor[entryWork[i] as number] as number)++;
    workTags[slot] = entryTag[i] as number;
    main[slot] = entryMain[i] as number;
  }
  return { offsets, tags: workTags, main };
}

function grow<T extends Uint32Array | Uint8Array>(array: T, capacity: number): T {
  const bigger = new (array.constructor as new (length: number) => T)(capacity);
  bigger.set(array);
  return bigger;
}

/** Sorted intersection of two ascending lists; gallops through the longer one when sizes differ a lot. */
export function intersect(small: Uint32Array, large: Uint32Array): Uint32Array {
  const result = new Uint32Array(Math.min(small.length, large.length));
  let count = 0;
  if (large.length > small.length * 16) {
    let low = 0;
    for (const value of small) {
      let high = large.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if ((large[middle] as number) < value) low = middle + 1;
        else high = middle;
      }
      if (low < large.length && large[low] === value) result[count++] = value;
    }
    return result.subarray(0, count);
  }
  for (let i = 0, j = 0; i < small.length && j < large.length; ) {
    const a = small[i] as number;
    const b = large[j] as number;
    if (a === b) {
      result[count++] = a;
      i++;
      j++;
    } else if (a < b) i++;
    else j++;
  }
  return result.subarray(0, count);
}
