/**
 * Probabilistic and deflated Sharpe ratios: the DSR paper's numerical example, identities, properties
 * and input errors; the moments helper against SciPy values.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  deflatedSharpeRatio,
  expectedMaxSharpe,
  normalCdf,
  probabilisticSharpeRatio,
  returnMoments,
  sharpeStandardError,
} from '../../../src/research/diagnostics/index.js';
import { normalSource } from './fixtures.js';

const near = (actual: number, expected: number, tolerance: number) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} is not within ${tolerance} of ${expected}`);

describe('deflated Sharpe ratio', () => {
  test("the DSR paper's numerical example", () => {
    // Bailey & López de Prado (2014), "The Deflated Sharpe Ratio: Correcting for Selection Bias,
    // Backtest Overfitting and Non-Normality", Journal of Portfolio Management 40(5), section
    // "A numerical example": an annualised SR of 2.5 over 5 years of daily data (T = 1250, 250 days a
    // year), N = 100 independent trials, variance of the trials' annualised SRs V = 1/2, skewness −3,
    // kurtosis 10. The paper finds SR₀ ≈ 0.1132 (non-annualised), SR̂ = 2.5/√250 ≈ 0.1581 and
    // DSR ≈ 0.9004: not significant at 95 % despite the annualised 2.5.
    const result = deflatedSharpeRatio({
      sharpe: 2.5 / Math.sqrt(250),
      observations: 1250,
      skewness: -3,
      kurtosis: 10,
      trials: 100,
      trialSharpeVariance: 0.5 / 250, // annualised variance 1/2 → per-day variance
    });
    near(2.5 / Math.sqrt(250), 0.1581, 5e-5);
    near(result.expectedMaxSharpe, 0.1132, 5e-5);
    near(result.dsr, 0.9004, 5e-5);
    // The same with full precision (SciPy norm.ppf/norm.cdf): SR₀ = 0.11317200186513214, DSR = 0.90039683444939.
    near(result.expectedMaxSharpe, 0.11317200186513214, 1e-15);
    near(result.dsr, 0.9003968344493903, 1e-13);
    assert.ok(result.psr > 0.9999);
  });

  test('E[max SR]: N = 1 gives 0; close to the exact expected maximum of N standard normals', () => {
    assert.equal(expectedMaxSharpe(1, 0.7), 0);
    assert.equal(expectedMaxSharpe(50, 0), 0);
    // Exact E[max of N iid N(0,1)] by numerical integration of x·N·φ(x)·Φ(x)^(N−1) (SciPy quad):
    // N = 2: 1/√π = 0.5642, N = 100: 2.5076, N = 1000: 3.2414. The paper's approximation (0.5198, 2.5306,
    // 3.2551) is within 8 %, 1 % and 0.5 %.
    near(expectedMaxSharpe(2, 1), 0.5642, 0.05);
    near(expectedMaxSharpe(100, 1), 2.5076, 0.025);
    near(expectedMaxSharpe(1000, 1), 3.2414, 0.015);
    near(expectedMaxSharpe(100, 4), 2 * expectedMaxSharpe(100, 1), 1e-15);
  });

  test('PSR is 1/2 at the benchmark, and the normal-returns case is Φ(SR̂·√(T−1)/√(1 + SR̂²/2))', () => {
    for (const sharpe of [-0.3, 0, 0.05, 0.2]) {
      assert.equal(
        probabilisticSharpeRatio({ sharpe, observations: 100, benchmark: sharpe, skewness: -1, kurtosis: 6 }),
        0.5,
      );
    }
    const psr = probabilisticSharpeRatio({ sharpe: 0.1, observations: 101 });
    near(psr, normalCdf((0.1 * 10) / Math.sqrt(1 + 0.005)), 1e-15);
    near(sharpeStandardError({ sharpe: 0.1, observations: 101 }), Math.sqrt(1.005 / 100), 1e-16);
  });

  test('DSR from the list of trial Sharpes uses their sample variance and count', () => {
    const trialSharpes = [0.01, 0.03, -0.02, 0.05, 0.0];
    const fromList = deflatedSharpeRatio({ sharpe: 0.05, observations: 500, trialSharpes });
    const mean = 0.014;
    const variance = trialSharpes.reduce((s, x) => s + (x - mean) ** 2, 0) / 4;
    near(fromList.trialSharpeVariance, variance, 1e-18);
    assert.equal(fromList.trials, 5);
    assert.deepEqual(
      fromList,
      deflatedSharpeRatio({
        sharpe: 0.05,
        observations: 500,
        trials: 5,
        trialSharpeVariance: fromList.trialSharpeVariance,
      }),
    );
    assert.equal(
      deflatedSharpeRatio({ sharpe: 0.05, observations: 500, trialSharpes, trials: 40 }).trials,
      40,
    );
  });

  test('properties: DSR and PSR in [0, 1], DSR ≤ PSR(0) for N > 1, PSR monotone in T', () => {
    const skewKurt = fc
      .tuple(fc.double({ min: -3, max: 3, noNaN: true }), fc.double({ min: 0, max: 20, noNaN: true }))
      .map(([skewness, extra]) => ({ skewness, kurtosis: 1 + skewness * skewness + extra }));
    fc.assert(
      fc.property(
        fc.double({ min: -0.5, max: 0.5, noNaN: true }),
        fc.integer({ min: 2, max: 10_000 }),
        fc.integer({ min: 2, max: 5000 }),
        fc.double({ min: 0, max: 0.01, noNaN: true }),
        skewKurt,
        (sharpe, observations, trials, trialSharpeVariance, moments) => {
          const r = deflatedSharpeRatio({ sharpe, observations, trials, trialSharpeVariance, ...moments });
          assert.ok(r.dsr >= 0 && r.dsr <= 1 && r.psr >= 0 && r.psr <= 1);
          assert.ok(r.dsr <= r.psr);
          assert.ok(r.expectedMaxSharpe >= 0);
          const longer = probabilisticSharpeRatio({ sharpe, observations: observations + 50, ...moments });
          if (sharpe > 0) assert.ok(longer >= r.psr);
          if (sharpe < 0) assert.ok(longer <= r.psr);
        },
      ),
    );
  });

  test('bad input is a RangeError naming the argument', () => {
    const base = { sharpe: 0.1, observations: 100, trials: 10, trialSharpeVariance: 0.01 };
    assert.throws(
      () => deflatedSharpeRatio({ ...base, observations: 1 }),
      /^RangeError: observations must be an integer >= 2, got 1$/,
    );
    assert.throws(
      () => deflatedSharpeRatio({ ...base, sharpe: Number.NaN }),
      /^RangeError: sharpe must be a finite number/,
    );
    assert.throws(
      () => deflatedSharpeRatio({ ...base, trials: 0 }),
      /^RangeError: trials must be an integer >= 1, got 0$/,
    );
    assert.throws(
      () => deflatedSharpeRatio({ ...base, trials: 2.5 }),
      /^RangeError: trials must be an integer/,
    );
    assert.throws(
      () => deflatedSharpeRatio({ ...base, trialSharpeVariance: -1 }),
      /^RangeError: trialSharpeVariance must be >= 0/,
    );
    assert.throws(
      () => deflatedSharpeRatio({ ...base, kurtosis: 0.5 }),
      /^RangeError: kurtosis must be >= 1 \+ skewness²/,
    );
    assert.throws(
      () => deflatedSharpeRatio({ ...base, skewness: 2, kurtosis: 3 }),
      /^RangeError: kurtosis must be >= 1 \+ skewness² = 5/,
    );
    assert.throws(
      () => deflatedSharpeRatio({ sharpe: 0.1, observations: 100 }),
      /exactly one of trialSharpeVariance and trialSharpes/,
    );
    assert.throws(() => deflatedSharpeRatio({ ...base, trialSharpes: [0.1, 0.2] }), /exactly one of/);
    assert.throws(
      () => deflatedSharpeRatio({ sharpe: 0.1, observations: 100, trialSharpeVariance: 0.1 }),
      /^RangeError: trials is required/,
    );
    assert.throws(
      () => deflatedSharpeRatio({ sharpe: 0.1, observations: 100, trialSharpes: [0.1] }),
      /^RangeError: trialSharpes must hold at least 2 values, got 1$/,
    );
    assert.throws(
      () => deflatedSharpeRatio({ sharpe: 0.1, observations: 100, trialSharpes: [0.1, Number.NaN] }),
      /^RangeError: trialSharpes\[1\] must be a finite number, got NaN$/,
    );
    assert.throws(
      () => probabilisticSharpeRatio({ sharpe: 0.1, observations: 100, benchmark: Number.POSITIVE_INFINITY }),
      /^RangeError: benchmark must be a finite number/,
    );
  });
});

describe('return moments', () => {
  test('mean, sample std, skewness and raw kurtosis (SciPy skew / kurtosis(fisher=False))', () => {
    const a = returnMoments([1, 2, 3, 4]);
    assert.equal(a.count, 4);
    assert.equal(a.mean, 2.5);
    near(a.std, 1.2909944487358056, 1e-15);
    near(a.skewness ?? Number.NaN, 0, 1e-15);
    near(a.kurtosis ?? Number.NaN, 1.64, 1e-14);
    near(a.sharpe ?? Number.NaN, 2.5 / 1.2909944487358056, 1e-15);
    const b = returnMoments(new Float64Array([0, 0, 0, 1]));
    near(b.skewness ?? Number.NaN, 1.1547005383792515, 1e-14);
    near(b.kurtosis ?? Number.NaN, 2.3333333333333335, 1e-14);
  });

  test('a normal sample has skewness ≈ 0 and kurtosis ≈ 3; a constant one has no ratios', () => {
    const z = normalSource(11);
    const m = returnMoments(Array.from({ length: 20_000 }, () => 0.001 + 0.01 * z()));
    near(m.skewness ?? Number.NaN, 0, 0.06);
    near(m.kurtosis ?? Number.NaN, 3, 0.12);
    near(m.std, 0.01, 2e-4);
    const flat = returnMoments([0.01, 0.01, 0.01]);
    assert.equal(flat.sharpe, null);
    assert.equal(flat.skewness, null);
    assert.equal(flat.kurtosis, null);
    assert.throws(() => returnMoments([1]), /^RangeError: returns must hold at least 2 values, got 1$/);
    assert.throws(
      () => returnMoments([1, Number.NaN]),
      /^RangeError: returns\[1\] must be a finite number, got NaN$/,
    );
  });
});
