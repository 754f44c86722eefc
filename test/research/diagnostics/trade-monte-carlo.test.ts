/** Monte Carlo of trade order: hand-computed paths, the permutation invariant, seeds, properties, errors. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { tradeMonteCarlo } from '../../../src/research/diagnostics/index.js';
import { isNonDecreasing, normalSource } from './fixtures.js';

const values = (q: readonly { value: number }[]) => q.map((x) => x.value);

describe('Monte Carlo of trade order', () => {
  test('the original order: final return and maximum drawdown of capital + cumulative P&L', () => {
    // 1000 → 1100 → 900 → 950 → 1250: the worst fall is 1100 → 900, 200 / 1100.
    const r = tradeMonteCarlo([100, -200, 50, 300], 1000, { seed: 1, runs: 10 });
    assert.equal(r.original.finalReturn, 0.25);
    assert.equal(r.original.maxDrawdownPct, (200 / 1100) * 100);
    assert.equal(r.trades, 4);
    assert.equal(r.runs, 10);
    // A loss first: the peak is the capital itself.
    assert.equal(tradeMonteCarlo([-100, 50], 1000, { seed: 1, runs: 1 }).original.maxDrawdownPct, 10);
  });

  test('permutation: every run has the same final return; only the drawdown changes', () => {
    const z = normalSource(5);
    const pnls = Array.from({ length: 200 }, () => 20 + 100 * z());
    const r = tradeMonteCarlo(pnls, 10_000, { seed: 9, runs: 500 });
    assert.ok(r.permutation.finalReturn.values.every((v) => v === r.original.finalReturn));
    assert.equal(r.permutation.finalReturn.min, r.permutation.finalReturn.max);
    assert.equal(r.permutation.finalReturn.std, 0);
    assert.equal(r.permutation.finalReturn.mean, r.original.finalReturn);
    assert.ok(r.permutation.maxDrawdownPct.std > 0);
    // The bootstrap's final return varies, around the mean trade × M / capital.
    const expected = pnls.reduce((a, b) => a + b, 0) / 10_000;
    assert.ok(r.bootstrap.finalReturn.std > 0);
    assert.ok(
      Math.abs(r.bootstrap.finalReturn.mean - expected) < 4 * (r.bootstrap.finalReturn.std / Math.sqrt(500)),
    );
  });

  test('permutation draws orders uniformly: [+100, −100] is drawn either way about half the time', () => {
    const r = tradeMonteCarlo([100, -100], 1000, { seed: 3, runs: 4000 });
    const lossFirst = r.permutation.maxDrawdownPct.values.filter((v) => v === 10).length;
    const gainFirst = r.permutation.maxDrawdownPct.values.filter((v) => v === (100 / 1100) * 100).length;
    assert.equal(lossFirst + gainFirst, 4000);
    assert.ok(Math.abs(lossFirst / 4000 - 0.5) < 0.03, `${lossFirst} of 4000`);
  });

  test('drawdown exceedance is the share of runs above each threshold', () => {
    const r = tradeMonteCarlo([300, -250, -200, 400, -350, 100], 1000, {
      seed: 4,
      runs: 300,
      drawdownThresholdsPct: [0, 25, 40],
    });
    for (const sim of [r.permutation, r.bootstrap]) {
      for (const { thresholdPct, probability } of sim.drawdownExceedance) {
        const above = sim.maxDrawdownPct.values.filter((v) => v > thresholdPct).length;
        assert.equal(probability, above / 300);
      }
    }
  });

  test('same seed, same result; another seed, another result', () => {
    const pnls = [120, -80, 40, -150, 300, -20, 75];
    const a = tradeMonteCarlo(pnls, 5000, { seed: 42, runs: 200 });
    assert.deepEqual(tradeMonteCarlo(pnls, 5000, { seed: 42, runs: 200 }), a);
    const b = tradeMonteCarlo(pnls, 5000, { seed: 43, runs: 200 });
    assert.notDeepEqual(b.permutation.maxDrawdownPct.values, a.permutation.maxDrawdownPct.values);
    assert.notDeepEqual(b.bootstrap.finalReturn.values, a.bootstrap.finalReturn.values);
  });

  test('properties: drawdown in [0, 100] while equity stays positive, quantiles ordered', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 1, maxLength: 40 }),
        fc.integer(),
        fc.uniqueArray(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 }),
        (pnls, seed, quantiles) => {
          // Capital 10,000 and at most 40 trades of |P&L| ≤ 100: equity never reaches 0.
          const r = tradeMonteCarlo(pnls, 10_000, { seed, runs: 20, quantiles });
          for (const sim of [r.permutation, r.bootstrap]) {
            assert.ok(sim.maxDrawdownPct.values.every((d) => d >= 0 && d <= 100));
            assert.ok(isNonDecreasing(values(sim.maxDrawdownPct.quantiles)));
            assert.ok(isNonDecreasing(values(sim.finalReturn.quantiles)));
            assert.ok(isNonDecreasing(sim.maxDrawdownPct.quantiles.map((q) => q.p)));
            const dd = sim.maxDrawdownPct;
            assert.ok(dd.quantiles.every((q) => q.value >= dd.min && q.value <= dd.max));
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  test('default quantiles are 5, 25, 50, 75 and 95 %', () => {
    const r = tradeMonteCarlo([10, -5, 3], 100, { seed: 1, runs: 5 });
    assert.deepEqual(
      r.bootstrap.finalReturn.quantiles.map((q) => q.p),
      [0.05, 0.25, 0.5, 0.75, 0.95],
    );
    assert.deepEqual(
      r.bootstrap.drawdownExceedance.map((e) => e.thresholdPct),
      [10, 20, 30, 50],
    );
  });

  test('bad input is a RangeError naming the argument', () => {
    const mc = tradeMonteCarlo;
    assert.throws(() => mc([], 1000, { seed: 1 }), /^RangeError: pnls must hold at least 1 value, got 0$/);
    assert.throws(
      () => mc([1, Number.NaN], 1000, { seed: 1 }),
      /^RangeError: pnls\[1\] must be a finite number, got NaN$/,
    );
    assert.throws(
      () => mc([1], 0, { seed: 1 }),
      /^RangeError: initialCapital must be a finite number > 0, got 0$/,
    );
    assert.throws(() => mc([1], 100, { seed: 1.5 }), /^RangeError: seed must be an integer, got 1.5$/);
    assert.throws(
      () => mc([1], 100, { seed: 1, runs: 0 }),
      /^RangeError: runs must be an integer >= 1, got 0$/,
    );
    assert.throws(
      () => mc([1], 100, { seed: 1, quantiles: [0.5, 1.5] }),
      /^RangeError: quantiles\[1\] must be a probability in \[0, 1\], got 1.5$/,
    );
    assert.throws(
      () => mc([1], 100, { seed: 1, quantiles: [] }),
      /^RangeError: quantiles must be a non-empty array/,
    );
    assert.throws(
      () => mc([1], 100, { seed: 1, drawdownThresholdsPct: [Number.NaN] }),
      /^RangeError: drawdownThresholdsPct\[0\] must be a finite number/,
    );
  });
});
