import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { SimpleMovingAverage } from '../../src/indicators/averages/sma.js';

/** Deterministic xorshift32 in [0, 1), so the long run is reproducible. */
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

function naiveMean(values: readonly number[], end: number, period: number): number {
  let sum = 0;
  for (let i = end - period + 1; i <= end; i++) sum += values[i];
  return sum / period;
}

describe('SimpleMovingAverage basics', () => {
  test('NaN and not ready until `period` inputs, then the window mean', () => {
    const sma = new SimpleMovingAverage(3);
    assert.equal(sma.period, 3);
    assert.ok(Number.isNaN(sma.value));
    assert.ok(Number.isNaN(sma.update(1)));
    assert.equal(sma.isReady, false);
    assert.ok(Number.isNaN(sma.update(2)));
    assert.equal(sma.count, 2);
    assert.equal(sma.update(6), 3);
    assert.equal(sma.isReady, true);
    assert.equal(sma.value, 3);
    assert.equal(sma.update(10), 6); // (2 + 6 + 10) / 3
    assert.equal(sma.update(-3), 13 / 3);
    assert.equal(sma.count, 5); // inputs seen (the core's `count`), not the window fill
  });

  test('period 1 returns each input exactly', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 50 }),
        (xs) => {
          const sma = new SimpleMovingAverage(1);
          for (const x of xs) {
            // === so that -0 and 0 are the same input
            assert.ok(sma.update(x) === x, `${sma.value} !== ${x}`);
            assert.ok(sma.value === x);
            assert.equal(sma.isReady, true);
          }
        },
      ),
    );
  });

  test('a constant input gives exactly that constant', () => {
    const sma = new SimpleMovingAverage(7);
    for (let i = 0; i < 100; i++) sma.update(1800.25);
    assert.equal(sma.value, 1800.25);
  });

  test('reset forgets everything', () => {
    const sma = new SimpleMovingAverage(2);
    sma.update(100);
    sma.update(200);
    sma.reset();
    assert.equal(sma.count, 0);
    assert.equal(sma.isReady, false);
    assert.ok(Number.isNaN(sma.value));
    assert.ok(Number.isNaN(sma.update(1)));
    assert.equal(sma.update(3), 2);
  });

  test('the period must be a positive integer', () => {
    for (const bad of [0, -1, 1.5, Number.NaN])
      assert.throws(() => new SimpleMovingAverage(bad), RangeError, String(bad));
  });
});

describe('SimpleMovingAverage accuracy', () => {
  test('property: equals the naive window mean to 1e-9 relative', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        // Prices to 6 decimals (a realistic dynamic range: 1e-6 … 1e6), with some exact zeros.
        fc.array(
          fc.oneof(
            fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((x) => Math.round(x * 1e6) / 1e6),
            fc.constant(0),
          ),
          { minLength: 1, maxLength: 200 },
        ),
        (period, xs) => {
          const sma = new SimpleMovingAverage(period);
          xs.forEach((x, i) => {
            const value = sma.update(x);
            if (i + 1 < period) {
              assert.ok(Number.isNaN(value));
              return;
            }
            const expected = naiveMean(xs, i, period);
            let scale = 0;
            for (let j = i - period + 1; j <= i; j++) scale += Math.abs(xs[j]);
            scale /= period;
            assert.ok(
              Math.abs(value - expected) <= 1e-9 * scale + 1e-300,
              `step ${i}: ${value} vs ${expected}`,
            );
          });
        },
      ),
      { numRuns: 1000 },
    );
  });

  test('no drift after 1e6 updates of large values: matches the exact window sum', () => {
    const period = 50;
    const SCALE = 2 ** 64; // every input below is a whole multiple of 2^-64, so value × 2^64 is an exact integer
    const random = prng(20240102);
    const sma = new SimpleMovingAverage(period);
    const window: bigint[] = new Array(period).fill(0n);
    let exactSum = 0n;
    let worst = 0;
    let naiveSum = 0; // what a plain running sum would give, to show the data makes it drift
    let naiveWorst = 0;
    const naiveWindow: number[] = new Array(period).fill(0);
    for (let i = 0; i < 1_000_000; i++) {
      // Prices around 1e9 with cents, and now and then a value of another magnitude that cancels.
      const r = random();
      const x =
        r < 0.01
          ? -(1e15 + Math.floor(random() * 1e6) / 4)
          : r < 0.02
            ? Math.floor(random() * 1000) / 8
            : 1e9 + Math.floor(random() * 1e8) / 100;
      const scaled = BigInt(x * SCALE);
      exactSum += scaled - window[i % period];
      window[i % period] = scaled;
      naiveSum += x - naiveWindow[i % period];
      naiveWindow[i % period] = x;
      const value = sma.update(x);
      if (i + 1 < period) continue;
      const exact = Number(exactSum) / SCALE / period; // the exact mean, rounded twice at most
      const error = Math.abs(value - exact) / Math.max(Math.abs(exact), 1);
      if (error > worst) worst = error;
      const naiveError = Math.abs(naiveSum / period - exact) / Math.max(Math.abs(exact), 1);
      if (naiveError > naiveWorst) naiveWorst = naiveError;
    }
    assert.ok(worst <= 4 * Number.EPSILON, `worst relative error ${worst}`);
    // The data has teeth: a plain running sum errs over 1000 times the bound the SMA meets.
    assert.ok(naiveWorst > 1000 * 4 * Number.EPSILON, `a naive running sum drifted only ${naiveWorst}`);
  });
});
