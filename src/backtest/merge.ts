import type { MarketData } from '../model/data.js';

/**
 * Merges time-sorted streams into one time-sorted sequence, calling `visit` for each item.
 * Ties go to the stream added first, so the order is deterministic. One stream is a plain loop;
 * several use a binary heap of stream heads: O(log k) per item, no per-item allocation.
 */
export function mergeByTime(
  streams: readonly (readonly MarketData[])[],
  visit: (data: MarketData, index: number) => void,
): number {
  const live = streams.filter((s) => s.length > 0);
  if (live.length === 1) {
    const only = live[0];
    for (let i = 0; i < only.length; i++) visit(only[i], i);
    return only.length;
  }
  const positions = new Int32Array(live.length);
  const heap: number[] = [];
  const less = (a: number, b: number): boolean => {
    const ta = live[a][positions[a]].tsEvent;
    const tb = live[b][positions[b]].tsEvent;
    return ta < tb || (ta === tb && a < b);
  };
  const siftDown = (start: number): void => {
    let i = start;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && less(heap[l], heap[m])) m = l;
      if (r < heap.length && less(heap[r], heap[m])) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m], heap[i]];
      i = m;
    }
  };
  for (let s = 0; s < live.length; s++) heap.push(s);
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) siftDown(i);
  let count = 0;
  while (heap.length > 0) {
    const s = heap[0];
    visit(live[s][positions[s]], count++);
    positions[s]++;
    if (positions[s] >= live[s].length) {
      heap[0] = heap[heap.length - 1];
      heap.pop();
    }
    siftDown(0);
  }
  return count;
}

/** Throws naming the first item whose time goes backwards. */
export function assertTimeSorted(stream: readonly MarketData[], name: string): void {
  for (let i = 1; i < stream.length; i++) {
    if (stream[i].tsEvent < stream[i - 1].tsEvent) {
      throw new RangeError(
        `${name}: item ${i} (ts ${stream[i].tsEvent}) is earlier than item ${i - 1} (ts ${stream[i - 1].tsEvent})`,
      );
    }
  }
}
