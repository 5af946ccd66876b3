/** Works matched by a text query, as ascending positions, with the provider's rank for each when asked. */
export interface TextPositions {
  positions: Uint32Array;
  ranks: Float64Array | null;
}

/** Map work ids (from a text provider) to ascending positions, keeping each one's rank beside it. */
export function positionsOf(
  positionOfId: Int32Array,
  size: number,
  ids: ArrayLike<number>,
  ranks: ArrayLike<number> | null,
): TextPositions {
  // Mark, then sweep the position space: ascending order without a comparison sort.
  const found = new Uint8Array(size);
  const rankAt = ranks ? new Float64Array(size) : null;
  let count = 0;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i] as number;
    const position = id >= 0 && id < positionOfId.length ? (positionOfId[id] as number) : -1;
    // A work added after this snapshot is not in it.
    if (position === -1 || found[position]) continue;
    found[position] = 1;
    count++;
    if (rankAt && ranks) rankAt[position] = ranks[i] as number;
  }
  return collect(size, count, (position) => found[position] === 1, rankAt);
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
  const score = ranked ? new Float64Array(size) : null;
  for (const [term, { positions, ranks }] of positive.entries()) {
    for (let i = 0; i < positions.length; i++) {
      const position = positions[i] as number;
      if (matched[position] !== term) continue;
      matched[position] = term + 1;
      if (score && ranks) score[position] = (score[position] as number) + (ranks[i] as number);
    }
  }
  for (const { positions } of negative) for (const position of positions) matched[position] = 0;
  let count = 0;
  for (let position = 0; position < size; position++) if (matched[position] === positive.length) count++;
  return collect(size, count, (position) => matched[position] === positive.length, score);
}

/** The `count` positions that pass `kept`, ascending, with their values from `rankAt` when given. */
function collect(
  size: number,
  count: number,
  kept: (position: number) => boolean,
  rankAt: Float64Array | null,
): TextPositions {
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
