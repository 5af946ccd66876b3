/**
 * The first `wanted` of `0..count-1` in `compare` order, in that order: a bounded heap when few are wanted
 * (a page of results, the top tags of a kind), else a sort of them all. The one top-k of the index.
 */
export function topK(count: number, wanted: number, compare: (a: number, b: number) => number): number[] {
  if (wanted <= 0 || count === 0) return [];
  if (wanted * 8 >= count) {
    const all = Array.from({ length: count }, (_, i) => i);
    return all.sort(compare).slice(0, wanted);
  }
  // A max-heap (by compare) of the best `wanted` seen so far: its root is the worst of them.
  const heap: number[] = [];
  const worse = (a: number, b: number) => compare(a, b) > 0;
  const swap = (i: number, j: number) => {
    [heap[i], heap[j]] = [heap[j] as number, heap[i] as number];
  };
  const up = (start: number) => {
    for (let i = start; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (!worse(heap[i] as number, heap[parent] as number)) return;
      swap(i, parent);
      i = parent;
    }
  };
  const down = () => {
    for (let i = 0; ; ) {
      const left = 2 * i + 1;
      const right = left + 1;
      let largest = i;
      if (left < heap.length && worse(heap[left] as number, heap[largest] as number)) largest = left;
      if (right < heap.length && worse(heap[right] as number, heap[largest] as number)) largest = right;
      if (largest === i) return;
      swap(i, largest);
      i = largest;
    }
  };
  for (let i = 0; i < count; i++) {
    if (heap.length < wanted) {
      heap.push(i);
      up(heap.length - 1);
    } else if (compare(i, heap[0] as number) < 0) {
      heap[0] = i;
      down();
    }
  }
  return heap.sort(compare);
}
