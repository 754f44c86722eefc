/**
 * Properties every momentum indicator is checked for: streaming equals batch, the first value comes
 * at index `warmup`, reset then re-feeding repeats the output, a constant series gives the declared
 * value, and shifting or scaling the prices moves the outputs as the definition says.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { barsFromPrices, computeBatch } from '../../../src/indicators/batch.js';
import type { BarInput, Indicator } from '../../../src/indicators/core.js';
import { assertSeriesClose, ORCL_2000, stream } from '../support/data.js';

/** How an output responds to x → x + c (shift) or x → k·x (scale). */
export type Response = 'invariant' | 'moves' | 'other';

export interface PropertySpec {
  make: () => Indicator;
  /** Value of every output on a constant series (after warm-up), per output name. */
  constant: Record<string, number>;
  /** Per output: unchanged by x + c ('invariant'), or moved by c ('moves'; price-like), or neither. */
  shift: Record<string, Response>;
  /** Per output: unchanged by k·x ('invariant'), multiplied by k ('moves'), or neither. */
  scale: Record<string, Response>;
}

const mapBars = (bars: readonly BarInput[], f: (x: number) => number): BarInput[] =>
  bars.map((b) => ({ ...b, open: f(b.open), high: f(b.high), low: f(b.low), close: f(b.close) }));

function sameSeries(a: ArrayLike<number>, b: ArrayLike<number>, label: string): void {
  assert.equal(a.length, b.length, label);
  for (let i = 0; i < a.length; i++) assert.ok(Object.is(a[i], b[i]), `${label}[${i}]: ${a[i]} vs ${b[i]}`);
}

/** Registers the property tests for one indicator (call inside a `describe`). */
export function propertyTests(spec: PropertySpec): void {
  const bars = ORCL_2000;

  test('streaming equals computeBatch exactly', () => {
    const streamed = stream(spec.make(), bars);
    const batch = computeBatch(spec.make(), bars);
    for (const name of spec.make().outputs) sameSeries(batch[name], streamed[name], name);
  });

  test('the first value comes at index `warmup`, NaN before; isReady and count follow', () => {
    const indicator = spec.make();
    for (let i = 0; i < bars.length; i++) {
      indicator.updateBar(bars[i]);
      assert.equal(indicator.count, i + 1);
      assert.equal(indicator.isReady, i >= indicator.warmup, `isReady at ${i}`);
      assert.equal(Number.isNaN(indicator.value), i < indicator.warmup, `value at ${i}: ${indicator.value}`);
    }
  });

  test('reset then re-feeding gives identical output', () => {
    const fresh = stream(spec.make(), bars);
    const indicator = spec.make();
    stream(indicator, bars.slice(700, 1300));
    indicator.reset();
    assert.equal(indicator.count, 0);
    assert.equal(indicator.isReady, false);
    for (const name of indicator.outputs) assert.ok(Number.isNaN(indicator.output(name)), name);
    const again = stream(indicator, bars);
    for (const name of indicator.outputs) sameSeries(again[name], fresh[name], name);
  });

  test('a constant series gives the declared value', () => {
    for (const price of [1, 37.25, 1234.5678]) {
      const indicator = spec.make();
      const out = stream(indicator, barsFromPrices(new Array(indicator.warmup + 60).fill(price)));
      for (const name of indicator.outputs) {
        const values = out[name].slice(indicator.warmup + 50);
        assertSeriesClose(
          values,
          values.map(() => spec.constant[name]),
          `${name} of ${price}`,
          1e-9,
        );
      }
    }
  });

  test('property: shifting and scaling the prices moves the outputs as defined', () => {
    const base = stream(spec.make(), bars);
    const names = spec.make().outputs;
    fc.assert(
      fc.property(
        fc.double({ min: -40, max: 40, noNaN: true }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        (c, k) => {
          const shifted = stream(
            spec.make(),
            mapBars(bars, (x) => x + c),
          );
          const scaled = stream(
            spec.make(),
            mapBars(bars, (x) => x * k),
          );
          for (const name of names) {
            if (spec.shift[name] === 'invariant')
              assertSeriesClose(shifted[name], base[name], `${name} + ${c}`);
            if (spec.shift[name] === 'moves') {
              assertSeriesClose(
                shifted[name],
                base[name].map((v) => v + c),
                `${name} + ${c}`,
              );
            }
            if (spec.scale[name] === 'invariant')
              assertSeriesClose(scaled[name], base[name], `${name} × ${k}`);
            if (spec.scale[name] === 'moves') {
              // Compare in the original units, so the tolerance does not grow with k.
              assertSeriesClose(
                scaled[name].map((v) => v / k),
                base[name],
                `${name} × ${k}`,
              );
            }
          }
        },
      ),
      { numRuns: 15 },
    );
  });
}
