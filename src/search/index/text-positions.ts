import type { Ranks } from '../search-provider.ts';

/**
 * Works matched by a text query, as ascending positions, with the provider's rank for each when asked
 * (`'alike'` when every one ranks 0: see `Ranks`).
 */
export interface TextPositions {
  positions: Uint32Array;
  ranks: Ranks;
}

/**
 * Map work ids (from a text provider) to ascending positions, keeping each one's rank beside it. Ranks that
 * are all 0 are kept as `'alike'`: a common word's match is most of the archive, and its ranks would take
 * twice the memory of its positions.
 */
export function positionsOf(
  positionOfId: Int32Array,
  size: number,
  ids: ArrayLike<number>,
  ranks: ArrayLike<number> | 'alike' | null,
): TextPositions {
  const alike = ranks === 'alike' || (ranks !== null && everyZero(ranks));
  const given = alike ? null : (ranks as ArrayLike<number> | null);
  // Mark, then sweep the position space: ascending order without a comparison sort.
  const found = new Uint8Array(size);
  const rankAt = given ? new Float64Array(size) : null;
  let count = 0;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i] as number;
    const position = id >= 0 && id < positionOfId.length ? (positionOfId[id] as number) : -1;
    // A work added after this snapshot is not in it.
    if (position === -1 || found[position]) continue;
    found[position] = 1;
    count++;
    if (rankAt && given) rankAt[position] = given[i] as number;
  }
  const collected = collect(size, count, (position) => found[position] === 1, rankAt);
  return alike ? { positions: collected.positions, ranks: 'alike' } : collected;
}

function everyZero(values: ArrayLike<number>): boolean {
  for (let i = 0; i < values.length; i++) if (values[i] !== 0) return false;
  return true;
}

/**
 * Works matching every positive term and no negative one, ranked (when asked) by the sum of the positive
 * terms' ranks, added in term order from zero as the text engine adds them.
 */
export function combineTerms(
  size: number,
  positive: TextPositions[],
  negative: TextPositions[],
  ranked: boolean,
): TextPositions {
  if (positive.length === 1 && negative.length === 0) return positive[0] as TextPositions;
  // How many positive terms each position has matched so far, in order (at most 16 terms).
  const matched = new Uint8Array(size);
  // Terms that rank alike (or not at all) add 0 to every sum; when no term has ranks, all sums are 0.
  const alike = ranked && !positive.some(({ ranks }) => ranks instanceof Float64Array);
  const score = ranked && !alike ? new Float64Array(size) : null;
  for (const [term, { positions, ranks }] of positive.entries()) {
    const termRanks = ranks instanceof Float64Array ? ranks : null;
    for (let i = 0; i < positions.length; i++) {
      const position = positions[i] as number;
      if (matched[position] !== term) continue;
      matched[position] = term + 1;
      if (score && termRanks) score[position] = (score[position] as number) + (termRanks[i] as number);
    }
  }
  for (const { positions } of negative) for (const position of positions) matched[position] = 0;
  let count = 0;
  for (let position = 0; position < size; position++) if (matched[position] === positive.length) count++;
  const collected = collect(size, count, (position) => matched[position] === positive.length, score);
  return alike ? { positions: collected.positions, ranks: 'alike' } : collected;
}

/** The `count` positions that pass `kept`, ascending, with their values from `rankAt` when given. */
function collect(
  size: number,
  count: number,
  kept: (position: number) => boolean,
  rankAt: Float64Array | null,
): { positions: Uint32Array; ranks: Float64Array | null } {
  const positions = new Uint32Array(count);
  const ranks = rankAt ? new Float64Array(count) : null;
  for (let position = 0, i = 0; i < count && position < size; position++) {
    if (!kept(position)) continue;
    positions[i] = position;
    if (ranks && rankAt) ranks[i] = rankAt[position] as number;
    i++;
  }
  return { positions, ranks };
}
