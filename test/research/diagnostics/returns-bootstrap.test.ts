/**
 * Stationary bootstrap of returns: hand-computed originals, the IID and the one-block limits, equity
 * bands, seeds, properties and errors.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { bootstrapReturns, MAX_BAND_CELLS, returnMoments } from '../../../src/research/diagnostics/index.js';
import { isNonDecreasing, noiseMatrix } from './fixtures.js';

const near = (actual: number, expected: number, tolerance: number) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} is not within ${tolerance} of ${expected}`);

describe('stationary bootstrap of returns', () => {
  test('the original series: compounded total return, drawdown and annualised Sharpe', () => {
    // 1 → 1.1 → 0.55 → 0.66: total −34 %, the worst fall 1.1 → 0.55 = 50 %.
    const returns = [0.1, -0.5, 0.2];
    const r = bootstrapReturns(returns, { seed: 1, runs: 10 });
    near(r.original.totalReturn, -0.34, 1e-15);
    near(r.original.maxDrawdownPct, 50, 1e-12);
    const m = returnMoments(returns);
    near(r.original.sharpe ?? Number.NaN, (m.sharpe ?? Number.NaN) * Math.sqrt(252), 1e-12);
    assert.equal(r.observations, 3);
    assert.equal(r.meanBlockLength, 1);
    const weekly = bootstrapReturns(returns, { seed: 1, runs: 10, periodsPerYear: 52 });
    near(weekly.original.sharpe ?? Number.NaN, (m.sharpe ?? Number.NaN) * Math.sqrt(52), 1e-12);
  });

  test('constant returns: every run is the original; the Sharpe ratio is undefined', () => {
    const r = bootstrapReturns(new Float64Array(50).fill(0.01), { seed: 2, runs: 30 });
    const total = r.totalReturn.values;
    assert.ok(total.every((v) => v === total[0]));
    near(total[0], 1.01 ** 50 - 1, 1e-13);
    assert.ok(r.maxDrawdownPct.values.every((v) => v === 0));
    assert.equal(r.sharpe.count, 0);
    assert.ok(r.sharpe.values.every(Number.isNaN));
    assert.equal(r.original.sharpe, null);
    for (const band of r.bands?.equity ?? []) near(band[50], 1.01 ** 50, 1e-13);
  });

  test('one endless block (L → ∞): every run is a rotation of the series, so its total return is the same', () => {
    const [returns] = noiseMatrix(3, 1, 300, 0.02, () => 0.001);
    const r = bootstrapReturns(returns, { seed: 5, runs: 50, meanBlockLength: 1e12 });
    for (const v of r.totalReturn.values) near(v, r.original.totalReturn, 1e-12);
    // A rotation has the same mean and variance too.
    for (const v of r.sharpe.values) near(v, r.original.sharpe ?? Number.NaN, 1e-9);
    // IID (L = 1) resamples change the total return.
    const iid = bootstrapReturns(returns, { seed: 5, runs: 50 });
    assert.ok(iid.totalReturn.std > 0.1);
  });

  test('IID bootstrap: mean log growth ≈ the series’ total log growth', () => {
    const [returns] = noiseMatrix(4, 1, 500, 0.01, () => 0.0005);
    const r = bootstrapReturns(returns, { seed: 8, runs: 2000, bandQuantiles: false });
    const logGrowth = (v: number) => Math.log(1 + v);
    const mean = r.totalReturn.values.reduce((s, v) => s + logGrowth(v), 0) / 2000;
    near(mean, logGrowth(r.original.totalReturn), 0.02);
    assert.equal(r.bands, null);
  });

  test('bands: start at 1, ordered across quantiles, the last step is the total return’s quantile', () => {
    const [returns] = noiseMatrix(6, 1, 120, 0.02, () => 0.001);
    const r = bootstrapReturns(returns, {
      seed: 9,
      runs: 400,
      meanBlockLength: 5,
      bandQuantiles: [0.95, 0.05, 0.5],
    });
    assert.ok(r.bands !== null);
    assert.deepEqual(r.bands.quantiles, [0.05, 0.5, 0.95]);
    const [low, mid, high] = r.bands.equity;
    assert.equal(low.length, 121);
    for (let t = 0; t <= 120; t++) {
      assert.ok(low[t] <= mid[t] && mid[t] <= high[t]);
      if (t === 0) assert.ok(low[0] === 1 && high[0] === 1);
    }
    const totals = Array.from(r.totalReturn.values).sort((a, b) => a - b);
    near(mid[120], 1 + (totals[199] + totals[200]) / 2, 1e-12); // the median of 400
    assert.ok(high[120] > 1 + r.totalReturn.quantiles[0].value);
  });

  test('same seed, same result; another seed, another result', () => {
    const [returns] = noiseMatrix(7, 1, 80);
    const options = { seed: 11, runs: 50, meanBlockLength: 4 };
    const a = bootstrapReturns(returns, options);
    assert.deepEqual(bootstrapReturns(returns, options), a);
    assert.notDeepEqual(
      bootstrapReturns(returns, { ...options, seed: 12 }).totalReturn.values,
      a.totalReturn.values,
    );
  });

  test('properties: drawdown in [0, 100], quantiles and bands ordered', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 2, maxLength: 40 }),
        fc.integer(),
        fc.double({ min: 1, max: 50, noNaN: true }),
        (returns, seed, meanBlockLength) => {
          const r = bootstrapReturns(returns, { seed, runs: 25, meanBlockLength });
          assert.ok(r.maxDrawdownPct.values.every((d) => d >= 0 && d <= 100));
          assert.ok(r.original.maxDrawdownPct >= 0 && r.original.maxDrawdownPct <= 100);
          for (const s of [r.totalReturn, r.maxDrawdownPct, r.sharpe]) {
            assert.ok(isNonDecreasing(s.quantiles.map((q) => q.value)));
          }
          const bands = r.bands?.equity ?? [];
          for (let t = 0; t <= returns.length; t++) assert.ok(isNonDecreasing(bands.map((b) => b[t])));
        },
      ),
      { numRuns: 100 },
    );
  });

  test('bad input is a RangeError naming the argument; oversize bands are refused', () => {
    const b = bootstrapReturns;
    assert.throws(() => b([0.1], { seed: 1 }), /^RangeError: returns must hold at least 2 values, got 1$/);
    assert.throws(
      () => b([0.1, -1.5], { seed: 1 }),
      /^RangeError: returns\[1\] must be >= -1 \(a loss of at most 100 %\), got -1.5$/,
    );
    assert.throws(
      () => b([0.1, Number.POSITIVE_INFINITY], { seed: 1 }),
      /^RangeError: returns\[1\] must be a finite number/,
    );
    assert.throws(
      () => b([0.1, 0.2], { seed: Number.NaN }),
      /^RangeError: seed must be an integer, got NaN$/,
    );
    assert.throws(
      () => b([0.1, 0.2], { seed: 1, meanBlockLength: 0.5 }),
      /^RangeError: meanBlockLength must be >= 1, got 0.5$/,
    );
    assert.throws(
      () => b([0.1, 0.2], { seed: 1, periodsPerYear: 0 }),
      /^RangeError: periodsPerYear must be > 0, got 0$/,
    );
    assert.throws(
      () => b([0.1, 0.2], { seed: 1, runs: -3 }),
      /^RangeError: runs must be an integer >= 1, got -3$/,
    );
    assert.throws(
      () => b([0.1, 0.2], { seed: 1, bandQuantiles: [2] }),
      /^RangeError: bandQuantiles\[0\] must be a probability in \[0, 1\], got 2$/,
    );
    const runs = MAX_BAND_CELLS / 2 + 1;
    assert.throws(
      () => b([0.1, 0.2], { seed: 1, runs }),
      /^RangeError: runs × returns.length = 50000002 exceeds MAX_BAND_CELLS \(50000000\)/,
    );
  });
});
