import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { readBarsCsv } from '../../../src/data/csv/index.js';
import type { BarInput } from '../../../src/indicators/core.js';
import { VolumeWeightedAveragePrice } from '../../../src/indicators/volume/vwap.js';
import { assertSeriesClose, ORCL, stream } from '../support/data.js';
import { firstValueIndex, propertyTests } from '../trend/properties.js';

const DAY = 86_400_000_000;
const MINUTE = 60_000_000;
const nan = Number.NaN;

/** ES Dec-2013 minute bars (16,673, 2013-10-06 → 2013-12-20, close-time stamps), UTC sessions of ~1,380. */
const ES: readonly BarInput[] = readBarsCsv(
  new URL('../../../data/es-minute-trade-bars-2013-2020.csv', import.meta.url).pathname,
).series[0].rows;

/**
 * Per session, from scratch at every bar: VWAP = Σ(v·p)/Σv and the two-pass weighted variance
 * Σv·(p − VWAP)²/Σv, p = hlc3. A session is the UTC day of tsEvent − 1 µs (or everything for 'none').
 */
function naiveVwap(bars: readonly BarInput[], session: 'utc-day' | 'none', k1: number, k2: number) {
  const out = {
    vwap: [] as number[],
    upper1: [] as number[],
    lower1: [] as number[],
    upper2: [] as number[],
    lower2: [] as number[],
  };
  let start = 0;
  bars.forEach((bar, i) => {
    if (
      session === 'utc-day' &&
      i > 0 &&
      Math.floor((bar.tsEvent - 1) / DAY) !== Math.floor((bars[i - 1].tsEvent - 1) / DAY)
    ) {
      start = i;
    }
    const prices = bars.slice(start, i + 1).map((b) => (b.high + b.low + b.close) / 3);
    const volumes = bars.slice(start, i + 1).map((b) => b.volume);
    const total = volumes.reduce((s, v) => s + v, 0);
    if (total === 0) {
      for (const column of Object.values(out)) column.push(nan);
      return;
    }
    const vwap = prices.reduce((s, p, j) => s + p * volumes[j], 0) / total;
    const sd = Math.sqrt(prices.reduce((s, p, j) => s + volumes[j] * (p - vwap) ** 2, 0) / total);
    out.vwap.push(vwap);
    out.upper1.push(vwap + k1 * sd);
    out.lower1.push(vwap - k1 * sd);
    out.upper2.push(vwap + k2 * sd);
    out.lower2.push(vwap - k2 * sd);
  });
  return out;
}

function assertVwapClose(actual: Record<string, number[]>, expected: Record<string, number[]>): void {
  for (const name of ['vwap', 'upper1', 'lower1', 'upper2', 'lower2']) {
    assertSeriesClose(actual[name], expected[name], name);
  }
}

describe('vwap', () => {
  test('ES minute bars: equals the naive per-session definition (utc-day, bands 1 and 2)', () => {
    assertVwapClose(stream(new VolumeWeightedAveragePrice(), ES), naiveVwap(ES, 'utc-day', 1, 2));
  });

  test('ES minute bars: session none, bands 1.5 and 3', () => {
    const bars = ES.slice(0, 3000);
    assertVwapClose(
      stream(new VolumeWeightedAveragePrice('none', 1.5, 3), bars),
      naiveVwap(bars, 'none', 1.5, 3),
    );
  });

  test('daily bars: each bar is its own session (VWAP = hlc3, bands collapse)', () => {
    const out = stream(new VolumeWeightedAveragePrice(), ORCL);
    ORCL.forEach((b, i) => {
      const hlc3 = (b.high + b.low + b.close) / 3;
      assertSeriesClose([out.vwap[i], out.upper2[i], out.lower1[i]], [hlc3, hlc3, hlc3], `bar ${i}`, 1e-15);
    });
  });

  test('property: equals the naive definition on random intraday bars crossing midnight', () => {
    const bar = fc.record({
      gap: fc.integer({ min: 1, max: 600 }), // minutes to the next close
      price: fc.integer({ min: 400, max: 440 }),
      up: fc.integer({ min: 0, max: 4 }),
      down: fc.integer({ min: 0, max: 4 }),
      volume: fc.oneof(fc.integer({ min: 1, max: 900 }), fc.constant(0)),
    });
    fc.assert(
      fc.property(fc.array(bar, { minLength: 1, maxLength: 60 }), (steps) => {
        let t = 19_000 * DAY;
        const bars = steps.map((s) => {
          t += s.gap * MINUTE;
          const mid = s.price * 0.25;
          return {
            open: mid,
            high: mid + s.up * 0.25,
            low: mid - s.down * 0.25,
            close: mid,
            volume: s.volume,
            tsEvent: t,
          };
        });
        assertVwapClose(stream(new VolumeWeightedAveragePrice(), bars), naiveVwap(bars, 'utc-day', 1, 2));
      }),
      { numRuns: 300 },
    );
  });

  test('hand example: session boundary at the close time − 1 µs, zero-volume session start', () => {
    const day = 19_000 * DAY;
    const bar = (tsEvent: number, high: number, low: number, close: number, volume: number): BarInput => ({
      open: close,
      high,
      low,
      close,
      volume,
      tsEvent,
    });
    const bars = [
      bar(day + 60 * MINUTE, 11, 9, 10, 100), // p 10
      bar(day + 120 * MINUTE, 13, 11, 12, 300), // p 12
      bar(day + DAY, 12, 12, 12, 400), // closes at 00:00 of the next day: still this session, p 12
      bar(day + DAY + MINUTE, 21, 19, 20, 0), // new session, no volume yet → NaN
      bar(day + DAY + 2 * MINUTE, 21, 19, 20, 10), // p 20
    ];
    // b1: 10, σ 0. b2: (1000 + 3600)/400 = 11.5; σ² = (100 · 1.5² + 300 · 0.5²)/400 = 300/400 = 0.75.
    // b3: (4600 + 4800)/800 = 11.75; σ² = (100 · 1.75² + 700 · 0.25²)/800 = (306.25 + 43.75)/800 = 0.4375.
    // b4: new session with volume 0 → NaN; b5: 20, σ 0.
    const s2 = Math.sqrt(0.75);
    const s3 = Math.sqrt(0.4375);
    const out = stream(new VolumeWeightedAveragePrice('utc-day', 1, 2), bars);
    assertSeriesClose(out.vwap, [10, 11.5, 11.75, nan, 20], 'vwap', 1e-15);
    assertSeriesClose(out.upper1, [10, 11.5 + s2, 11.75 + s3, nan, 20], 'upper1', 1e-15);
    assertSeriesClose(out.lower1, [10, 11.5 - s2, 11.75 - s3, nan, 20], 'lower1', 1e-15);
    assertSeriesClose(out.upper2, [10, 11.5 + 2 * s2, 11.75 + 2 * s3, nan, 20], 'upper2', 1e-15);
    assertSeriesClose(out.lower2, [10, 11.5 - 2 * s2, 11.75 - 2 * s3, nan, 20], 'lower2', 1e-15);
  });

  test('a series that starts without volume: NaN until volume arrives', () => {
    const bars = ES.slice(0, 5).map((b, i) => ({ ...b, volume: i < 2 ? 0 : b.volume }));
    const out = stream(new VolumeWeightedAveragePrice(), bars);
    assert.equal(firstValueIndex(out.vwap), 2);
    assert.equal(firstValueIndex(out.lower2), 2);
  });

  propertyTests('vwap(utc-day)', () => new VolumeWeightedAveragePrice(), ES.slice(0, 4000), {
    priceOutputs: ['vwap', 'upper1', 'lower1', 'upper2', 'lower2'],
    constant: { vwap: 50, upper1: 50, lower1: 50, upper2: 50, lower2: 50 },
  });

  test('parameters are checked', () => {
    assert.throws(() => new VolumeWeightedAveragePrice('utc-day', -1, 2), RangeError);
    assert.throws(() => new VolumeWeightedAveragePrice('week' as 'none'), RangeError);
  });
});
