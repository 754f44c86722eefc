import type { MarketData } from '../model/data.js';

/** Restores the heap order of `heap` (indices compared by `less`) below position `start`. */
function siftDown(heap: number[], less: (a: number, b: number) => boolean, start: number): void {
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
}

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
  for (let s = 0; s < live.length; s++) heap.push(s);
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) siftDown(heap, less, i);
  let count = 0;
  while (heap.length > 0) {
    const s = heap[0];
    visit(live[s][positions[s]], count++);
    positions[s]++;
    if (positions[s] >= live[s].length) {
      heap[0] = heap[heap.length - 1];
      heap.pop();
    }
    siftDown(heap, less, 0);
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

/** A time-sorted stream that arrives in batches (a catalog query, a file read in chunks). */
export type BatchSource = AsyncIterable<readonly MarketData[]>;

interface Head {
  readonly name: string;
  readonly iterator: AsyncIterator<readonly MarketData[]>;
  batch: readonly MarketData[];
  position: number;
  /** Time of the last item handed out (a new batch must not go back before it). */
  last: number;
}

/**
 * Merges batched streams by time as `mergeByTime` does arrays (ties to the stream listed first),
 * holding one batch per stream: memory stays flat whatever the length of the streams. Each batch
 * is checked to be time-sorted, within itself and against the batch before, and passed to
 * `checkBatch` (to name the stream of bad data) before any of it is visited. `open` fetches the
 * first batch of every stream, so the time of the first item is known before the run starts.
 */
export async function openBatchMerge(
  sources: readonly { readonly source: BatchSource; readonly name: string }[],
  checkBatch: (batch: readonly MarketData[], name: string) => void,
): Promise<{
  readonly first: number;
  drain(visit: (data: MarketData, index: number) => void | Promise<void>): Promise<number>;
}> {
  const next = async (head: Head): Promise<boolean> => {
    for (;;) {
      const r = await head.iterator.next();
      if (r.done) return false;
      const batch = r.value;
      if (batch.length === 0) continue;
      assertTimeSorted(batch, head.name);
      if (batch[0].tsEvent < head.last) {
        throw new RangeError(
          `${head.name}: a batch starts at ts ${batch[0].tsEvent}, earlier than the previous batch's last item (ts ${head.last})`,
        );
      }
      checkBatch(batch, head.name);
      head.batch = batch;
      head.position = 0;
      head.last = batch[batch.length - 1].tsEvent;
      return true;
    }
  };
  const heads: Head[] = [];
  for (const { source, name } of sources) {
    const head: Head = {
      name,
      iterator: source[Symbol.asyncIterator](),
      batch: [],
      position: 0,
      last: Number.NEGATIVE_INFINITY,
    };
    if (await next(head)) heads.push(head);
  }
  const first = heads.reduce((t, h) => Math.min(t, h.batch[0].tsEvent), Number.POSITIVE_INFINITY);
  const ts = (h: Head) => h.batch[h.position].tsEvent;
  // The heap holds indices into `heads` (their order is the tie-break).
  const heap = heads.map((_, i) => i);
  const less = (a: number, b: number): boolean => {
    const ta = ts(heads[a]);
    const tb = ts(heads[b]);
    return ta < tb || (ta === tb && a < b);
  };
  heap.sort((a, b) => (less(a, b) ? -1 : 1));
  return {
    first,
    async drain(visit) {
      let count = 0;
      while (heap.length > 0) {
        const head = heads[heap[0]];
        // The head stream's items run without a heap step while they stay ahead of the others:
        // the common case of one stream, or of streams that interleave in long runs.
        let rival = Number.POSITIVE_INFINITY;
        let rivalIndex = heads.length;
        if (heap.length > 1) {
          rivalIndex = heap.length > 2 && less(heap[2], heap[1]) ? heap[2] : heap[1];
          rival = ts(heads[rivalIndex]);
        }
        const { batch } = head;
        const self = heap[0];
        let i = head.position;
        while (i < batch.length) {
          const t = batch[i].tsEvent;
          if (t > rival || (t === rival && self > rivalIndex)) break;
          // A visit that must wait (a paper session persisting) returns a promise.
          const waiting = visit(batch[i++], count++);
          if (waiting !== undefined) await waiting;
        }
        head.position = i;
        if (i >= batch.length && !(await next(head))) {
          heap[0] = heap[heap.length - 1];
          heap.pop();
        }
        siftDown(heap, less, 0);
      }
      return count;
    },
  };
}
