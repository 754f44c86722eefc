/**
 * Property checks shared by the trend and volume indicator tests: streaming equals batch, the first
 * value comes at `warmup`, `reset()` replays identically, price shifts move price-like outputs by the
 * shift and leave the others unchanged, and constant series give the defined constants.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { computeBatch } from '../../../src/indicators/batch.js';
import type { BarInput, Indicator } from '../../../src/indicators/core.js';
import { assertSeriesClose, stream } from '../support/data.js';

export interface PropertyOptions {
  /** Outputs that move with prices (shifting every price by c shifts them by c). */
  priceOutputs?: readonly string[];
  /** Outputs unchanged by a price shift (oscillators, differences, DI…). Omit both to skip the check. */
  invariantOutputs?: readonly string[];
  /** Expected value of each output on a long constant series (price 50, volume 1000), once ready. */
  constant?: Record<string, number>;
}

/** Same values (===, so 0 equals −0) with NaN at the same places. */
export function assertIdentical(actual: ArrayLike<number>, expected: ArrayLike<number>, label: string): void {
  assert.equal(actual.length, expected.length, `${label}: length`);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const e = expected[i];
    assert.ok(a === e || (Number.isNaN(a) && Number.isNaN(e)), `${label}[${i}]: ${a} !== ${e}`);
  }
}

export function firstValueIndex(series: ArrayLike<number>): number {
  for (let i = 0; i < series.length; i++) if (!Number.isNaN(series[i])) return i;
  return -1;
}

export function shiftBars(bars: readonly BarInput[], shift: number): BarInput[] {
  return bars.map((b) => ({
    ...b,
    open: b.open + shift,
    high: b.high + shift,
    low: b.low + shift,
    close: b.close + shift,
  }));
}

export function constantBars(length: number, price = 50, volume = 1000): BarInput[] {
  return Array.from({ length }, (_, i) => ({
    open: price,
    high: price,
    low: price,
    close: price,
    volume,
    tsEvent: (i + 1) * 86_400_000_000,
  }));
}

/** Bars from explicit [high, low, close, volume] rows (open = close of the row), one per day. */
export function barsOf(rows: ReadonlyArray<readonly [number, number, number, number?]>): BarInput[] {
  return rows.map(([high, low, close, volume], i) => ({
    open: close,
    high,
    low,
    close,
    volume: volume ?? 0,
    tsEvent: (i + 1) * 86_400_000_000,
  }));
}

/**
 * Random daily bars on a 0.25 price grid (so equal highs, flat bars and unchanged closes happen) with
 * integer volumes that are sometimes 0.
 */
export function arbitraryBars(minLength: number, maxLength: number): fc.Arbitrary<BarInput[]> {
  const step = fc.record({
    move: fc.integer({ min: -8, max: 8 }),
    up: fc.integer({ min: 0, max: 6 }),
    down: fc.integer({ min: 0, max: 6 }),
    at: fc.integer({ min: 0, max: 12 }),
    volume: fc.oneof(fc.integer({ min: 1, max: 5000 }), fc.constant(0)),
  });
  return fc.array(step, { minLength, maxLength }).map((steps) => {
    let mid = 100;
    return steps.map((s, i) => {
      mid = Math.max(20, mid + s.move * 0.25);
      const high = mid + s.up * 0.25;
      const low = mid - s.down * 0.25;
      const close = low + Math.min(s.at * 0.25, high - low);
      return { open: mid, high, low, close, volume: s.volume, tsEvent: (i + 1) * 86_400_000_000 };
    });
  });
}

/** 600 fixed pseudo-random bars on the 0.25 grid. */
export const GRID_BARS: readonly BarInput[] = fc.sample(arbitraryBars(600, 600), { seed: 42, numRuns: 1 })[0];

/** Registers the standard property tests for one indicator configuration. */
export function propertyTests(
  label: string,
  make: () => Indicator,
  bars: readonly BarInput[],
  options: PropertyOptions = {},
): void {
  test(`${label}: streaming equals batch`, () => {
    const batch = computeBatch(make(), bars);
    const streamed = stream(make(), bars);
    for (const name of make().outputs) assertIdentical(streamed[name], batch[name], `${label}.${name}`);
  });

  test(`${label}: the first value comes at index warmup, NaN before`, () => {
    const indicator = make();
    const primary = stream(indicator, bars)[indicator.outputs[0]];
    assert.equal(firstValueIndex(primary), indicator.warmup);
    const fresh = make();
    for (let i = 0; i <= fresh.warmup; i++) {
      assert.equal(fresh.isReady, false);
      fresh.updateBar(bars[i]);
    }
    assert.equal(fresh.isReady, true);
    assert.equal(fresh.count, fresh.warmup + 1);
  });

  test(`${label}: reset() then re-feeding gives identical output`, () => {
    const indicator = make();
    const first = stream(indicator, bars);
    indicator.reset();
    assert.equal(indicator.count, 0);
    assert.ok(Number.isNaN(indicator.value));
    for (const name of indicator.outputs) assert.ok(Number.isNaN(indicator.output(name)), name);
    const second = stream(indicator, bars);
    for (const name of indicator.outputs) assertIdentical(second[name], first[name], `${label}.${name}`);
  });

  const { priceOutputs = [], invariantOutputs = [] } = options;
  if (priceOutputs.length + invariantOutputs.length > 0) {
    // On the 0.25 grid, price + 100 and the differences of shifted prices are exact, so the tie rules
    // (+DM vs −DM, equal highs…) decide the same way; on 6-decimal real prices a shift can move a tie.
    test(`${label}: shifting prices by 100 shifts price outputs, leaves the others unchanged`, () => {
      const base = stream(make(), GRID_BARS);
      const shifted = stream(make(), shiftBars(GRID_BARS, 100));
      for (const name of priceOutputs) {
        const expected = base[name].map((x) => x + 100);
        assertSeriesClose(shifted[name], expected, `${label}.${name}+100`);
      }
      for (const name of invariantOutputs) {
        assertScaledClose(shifted[name], base[name], `${label}.${name} (shift-invariant)`);
      }
    });
  }

  if (options.constant) {
    const expected = options.constant;
    test(`${label}: a constant series gives ${JSON.stringify(expected)}`, () => {
      const indicator = make();
      const columns = stream(indicator, constantBars(300));
      for (const [name, value] of Object.entries(expected)) {
        const column = columns[name];
        for (let i = 299; i >= 250; i--) assert.equal(column[i], value, `${name}[${i}]`);
      }
    });
  }
}

/**
 * Like `assertSeriesClose` but relative to the largest magnitude in the expected series: for series
 * that cross zero with large values (force index, A/D), where per-point relative error is meaningless
 * near the crossings.
 */
export function assertScaledClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  label: string,
  tolerance = 1e-9,
): void {
  let scale = 1;
  for (let i = 0; i < expected.length; i++) if (Math.abs(expected[i]) > scale) scale = Math.abs(expected[i]);
  const a = Array.from(actual, (x) => x / scale);
  const e = Array.from(expected, (x) => x / scale);
  assertSeriesClose(a, e, `${label} (relative to ${scale.toPrecision(3)})`, tolerance);
}
