import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { assertTimeSorted, type BatchSource, mergeByTime, openBatchMerge } from '../../src/backtest/merge.js';
import type { MarketData, TradeTick } from '../../src/model/data.js';

/** A trade tick whose tradeId records which stream and position it came from. */
function tick(stream: number, index: number, ts: number): TradeTick {
  return {
    kind: 'trade',
    instrumentId: `S${stream}.SIM`,
    price: 1,
    size: 1,
    aggressor: 'none',
    tradeId: `${stream}:${index}`,
    tsEvent: ts,
    tsInit: ts,
  };
}

function streamsFrom(times: readonly (readonly number[])[]): TradeTick[][] {
  return times.map((ts, s) => ts.map((t, i) => tick(s, i, t)));
}

function merged(streams: readonly (readonly MarketData[])[]): {
  ids: string[];
  indexes: number[];
  count: number;
} {
  const ids: string[] = [];
  const indexes: number[] = [];
  const count = mergeByTime(streams, (d, i) => {
    ids.push((d as TradeTick).tradeId);
    indexes.push(i);
  });
  return { ids, indexes, count };
}

describe('mergeByTime', () => {
  test('interleaves streams by time and numbers items 0..n-1', () => {
    const { ids, indexes, count } = merged(
      streamsFrom([
        [1, 4, 7],
        [2, 5],
        [3, 6, 8, 9],
      ]),
    );
    assert.deepEqual(ids, ['0:0', '1:0', '2:0', '0:1', '1:1', '2:1', '0:2', '2:2', '2:3']);
    assert.deepEqual(indexes, [0, 1, 2, 3, 4, 5, 6, 7, 8]);
    assert.equal(count, 9);
  });

  test('ties go to the stream added first, and keep order within a stream', () => {
    const { ids } = merged(
      streamsFrom([
        [5, 5, 6],
        [5, 6],
        [4, 5, 5],
      ]),
    );
    assert.deepEqual(ids, ['2:0', '0:0', '0:1', '1:0', '2:1', '2:2', '0:2', '1:1']);
  });

  test('ties with a stream that comes before it in the list but is empty still keep list order', () => {
    const { ids } = merged(streamsFrom([[], [10, 10], [], [10]]));
    assert.deepEqual(ids, ['1:0', '1:1', '3:0']);
  });

  test('a single stream is passed through in order', () => {
    const { ids, indexes, count } = merged(streamsFrom([[], [1, 1, 2, 3], []]));
    assert.deepEqual(ids, ['1:0', '1:1', '1:2', '1:3']);
    assert.deepEqual(indexes, [0, 1, 2, 3]);
    assert.equal(count, 4);
  });

  test('no streams, or only empty ones, visit nothing', () => {
    assert.deepEqual(merged([]), { ids: [], indexes: [], count: 0 });
    assert.deepEqual(merged([[], []]), { ids: [], indexes: [], count: 0 });
  });

  test('the input streams are not modified', () => {
    const streams = streamsFrom([[1, 3], [2]]);
    const before = JSON.stringify(streams);
    merged(streams);
    assert.equal(JSON.stringify(streams), before);
  });

  test('property: equals a stable sort of the concatenation by time (stream order, then position)', () => {
    const streamArb = fc
      .array(fc.integer({ min: 0, max: 30 }), { maxLength: 40 })
      .map((ts) => ts.sort((a, b) => a - b));
    fc.assert(
      fc.property(fc.array(streamArb, { maxLength: 12 }), (times) => {
        const streams = streamsFrom(times);
        const expected = streams
          .flat()
          .sort((a, b) => a.tsEvent - b.tsEvent) // Array.prototype.sort is stable
          .map((d) => d.tradeId);
        const { ids, count } = merged(streams);
        assert.deepEqual(ids, expected);
        assert.equal(count, expected.length);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('assertTimeSorted', () => {
  test('accepts sorted streams, including equal times and empty streams', () => {
    assertTimeSorted(streamsFrom([[1, 1, 2, 5, 5]])[0], 'ok');
    assertTimeSorted([], 'empty');
    assertTimeSorted(streamsFrom([[7]])[0], 'one');
  });

  test('names the stream, the first offending index and both times', () => {
    const stream = streamsFrom([[1, 2, 3, 2, 1]])[0];
    assert.throws(
      () => assertTimeSorted(stream, 'ESZ3 bars'),
      (e: unknown) =>
        e instanceof RangeError && e.message === 'ESZ3 bars: item 3 (ts 2) is earlier than item 2 (ts 3)',
    );
  });

  test('property: throws exactly when some item is earlier than the one before, naming the first such index', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 30 }), (ts) => {
        const stream = streamsFrom([ts])[0];
        const firstBad = ts.findIndex((t, i) => i > 0 && t < ts[i - 1]);
        if (firstBad < 0) {
          assertTimeSorted(stream, 'x');
        } else {
          assert.throws(
            () => assertTimeSorted(stream, 'x'),
            new RegExp(`^RangeError: x: item ${firstBad} \\(`),
          );
        }
      }),
    );
  });
});

/** A stream served in batches of the given sizes (cycled), with empty batches thrown in. */
async function* batched(stream: readonly MarketData[], sizes: readonly number[]): BatchSource {
  let at = 0;
  for (let k = 0; at < stream.length; k++) {
    const size = sizes[k % sizes.length];
    yield stream.slice(at, at + size);
    at += size;
  }
}

async function mergedBatches(
  streams: readonly (readonly MarketData[])[],
  sizes: readonly number[],
): Promise<{ ids: string[]; first: number; count: number }> {
  const merge = await openBatchMerge(
    streams.map((s, i) => ({ source: batched(s, sizes), name: `s${i}` })),
    () => {},
  );
  const ids: string[] = [];
  let expected = 0;
  const count = await merge.drain((d, i) => {
    assert.equal(i, expected++);
    ids.push((d as TradeTick).tradeId);
  });
  return { ids, first: merge.first, count };
}

describe('openBatchMerge', () => {
  test('property: visits exactly what mergeByTime visits, whatever the batch sizes (empty batches too)', async () => {
    const streamArb = fc
      .array(fc.integer({ min: 0, max: 30 }), { maxLength: 40 })
      .map((ts) => ts.sort((a, b) => a - b));
    await fc.assert(
      fc.asyncProperty(
        fc.array(streamArb, { maxLength: 8 }),
        fc
          .array(fc.integer({ min: 0, max: 7 }), { minLength: 1, maxLength: 5 })
          .filter((s) => s.some((n) => n > 0)),
        async (times, sizes) => {
          const streams = streamsFrom(times);
          const expected = merged(streams);
          const got = await mergedBatches(streams, sizes);
          assert.deepEqual(got.ids, expected.ids);
          assert.equal(got.count, expected.count);
          const first = Math.min(...times.flat());
          assert.equal(got.first, Number.isFinite(first) ? first : Number.POSITIVE_INFINITY);
        },
      ),
      { numRuns: 500 },
    );
  });

  test('a batch that goes back before the previous batch, or is unsorted, names the stream', async () => {
    const [a] = streamsFrom([[1, 2, 3, 2]]);
    await assert.rejects(
      async () =>
        (await openBatchMerge([{ source: batched(a, [3]), name: 'ES trades' }], () => {})).drain(() => {}),
      /^RangeError: ES trades: a batch starts at ts 2, earlier than the previous batch's last item \(ts 3\)$/,
    );
    await assert.rejects(
      openBatchMerge([{ source: batched(a, [4]), name: 'ES trades' }], () => {}),
      /^RangeError: ES trades: item 3 \(ts 2\) is earlier than item 2 \(ts 3\)$/,
    );
  });

  test('checkBatch sees every non-empty batch before any of its items is visited', async () => {
    const [a, b] = streamsFrom([
      [1, 2, 3, 4, 5],
      [2, 9],
    ]);
    const log: string[] = [];
    const merge = await openBatchMerge(
      [
        { source: batched(a, [2, 0, 3]), name: 'a' },
        { source: batched(b, [1]), name: 'b' },
      ],
      (batch, name) => log.push(`check ${name} ${batch.length}`),
    );
    await merge.drain((d) => {
      log.push((d as TradeTick).tradeId);
    });
    assert.deepEqual(log, [
      'check a 2',
      'check b 1',
      '0:0',
      '0:1',
      'check a 3',
      '1:0',
      'check b 1',
      '0:2',
      '0:3',
      '0:4',
      '1:1',
    ]);
  });
});
