/** Argument checks and long-run accuracy of the running sums. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ArnaudLegouxMovingAverage } from '../../../src/indicators/averages/alma.js';
import {
  DoubleExponentialMovingAverage,
  TripleExponentialMovingAverage,
} from '../../../src/indicators/averages/dema.js';
import { HullMovingAverage } from '../../../src/indicators/averages/hma.js';
import { KaufmanAdaptiveMovingAverage } from '../../../src/indicators/averages/kama.js';
import { TriangularMovingAverage } from '../../../src/indicators/averages/trima.js';
import { VolumeWeightedMovingAverage } from '../../../src/indicators/averages/vwma.js';
import { WeightedMovingAverage } from '../../../src/indicators/averages/wma.js';
import { ZeroLagExponentialMovingAverage } from '../../../src/indicators/averages/zlema.js';

/** Deterministic xorshift32 in [0, 1). */
function prng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
}

describe('argument checks', () => {
  test('periods must be positive integers (HMA: at least 2)', () => {
    const makers: Array<(n: number) => unknown> = [
      (n) => new WeightedMovingAverage(n),
      (n) => new DoubleExponentialMovingAverage(n),
      (n) => new TripleExponentialMovingAverage(n),
      (n) => new TriangularMovingAverage(n),
      (n) => new KaufmanAdaptiveMovingAverage(n),
      (n) => new KaufmanAdaptiveMovingAverage(10, n, 30),
      (n) => new KaufmanAdaptiveMovingAverage(10, 2, n),
      (n) => new HullMovingAverage(n),
      (n) => new ZeroLagExponentialMovingAverage(n),
      (n) => new VolumeWeightedMovingAverage(n),
      (n) => new ArnaudLegouxMovingAverage(n),
    ];
    for (const make of makers)
      for (const bad of [0, -3, 2.5, Number.NaN]) assert.throws(() => make(bad), RangeError);
    assert.throws(() => new HullMovingAverage(1), RangeError);
    assert.throws(() => new ArnaudLegouxMovingAverage(9, -0.1, 6), RangeError);
    assert.throws(() => new ArnaudLegouxMovingAverage(9, 0.85, 0), RangeError);
  });

  test('warm-ups', () => {
    assert.equal(new DoubleExponentialMovingAverage(20).warmup, 38);
    assert.equal(new TripleExponentialMovingAverage(20).warmup, 57);
    assert.equal(new TriangularMovingAverage(20).warmup, 19);
    assert.equal(new TriangularMovingAverage(7).warmup, 6);
    assert.equal(new KaufmanAdaptiveMovingAverage(10).warmup, 10);
    assert.equal(new HullMovingAverage(16).warmup, 18); // 15 + 3
    assert.equal(new HullMovingAverage(10).warmup, 11); // 9 + 2
    assert.equal(new ZeroLagExponentialMovingAverage(20).warmup, 28); // lag 9 + 19
    assert.equal(new ZeroLagExponentialMovingAverage(2).warmup, 1); // lag 0: a plain EMA
  });

  test('period 1: wma, trima, alma, dema, tema and zlema return the input (wma: to rounding)', () => {
    const makers = [
      new WeightedMovingAverage(1),
      new TriangularMovingAverage(1),
      new ArnaudLegouxMovingAverage(1),
      new DoubleExponentialMovingAverage(1),
      new TripleExponentialMovingAverage(1),
      new ZeroLagExponentialMovingAverage(1),
    ];
    for (const indicator of makers)
      for (const x of [3.25, -1, 1e3, 0.1]) {
        const value = indicator.update(x);
        assert.ok(Math.abs(value - x) <= 4e-16 * 1e3, `${indicator.constructor.name}: ${value} vs ${x}`);
      }
  });
});

describe('long runs', () => {
  test('wma: no drift after 1e6 updates of large, jumpy values', () => {
    const period = 30;
    const random = prng(7);
    const wma = new WeightedMovingAverage(period);
    const window: number[] = [];
    for (let i = 0; i < 1_000_000; i++) {
      const r = random();
      const x = r < 0.01 ? 1e12 + random() : 1e6 + Math.floor(random() * 1e6) / 100;
      wma.update(x);
      window.push(x);
      if (window.length > period) window.shift();
    }
    let exact = 0;
    for (let k = 0; k < period; k++) exact += (k + 1) * window[k];
    exact /= (period * (period + 1)) / 2;
    assert.ok(Math.abs(wma.value - exact) <= 1e-12 * exact, `${wma.value} vs ${exact}`);
  });

  test('vwma: a huge volume leaving the window leaves no residue', () => {
    const vwma = new VolumeWeightedMovingAverage(2);
    const bar = (close: number, volume: number) => ({
      open: close,
      high: close,
      low: close,
      close,
      volume,
      tsEvent: 0,
    });
    vwma.update(bar(16.78, 1e12));
    vwma.update(bar(1.06, 1));
    vwma.update(bar(1.07, 3));
    assert.equal(vwma.value, (1.06 + 3 * 1.07) / 4);
  });
});
