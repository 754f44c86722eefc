/**
 * Probability of backtest overfitting (CSCV): equal to a brute-force reference written from the paper's
 * definition, ≈ 1/2 on pure noise, ≈ 0 with one real edge, and clear errors.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { mulberry32 } from '../../../src/analytics/statistics/random.js';
import {
  type PboResult,
  type PerformanceMetric,
  probabilityOfBacktestOverfitting,
} from '../../../src/research/diagnostics/index.js';
import { noiseMatrix } from './fixtures.js';

/** Every k-subset of 0..s−1, ascending, in lexicographic order (recursive, independent of the library). */
function subsets(s: number, k: number, from = 0): number[][] {
  if (k === 0) return [[]];
  const out: number[][] = [];
  for (let first = from; first <= s - k; first++) {
    for (const rest of subsets(s, k - 1, first + 1)) out.push([first, ...rest]);
  }
  return out;
}

/** Two-pass Sharpe ratio; 0 when the sample standard deviation is at most 1e-12. */
function sharpe(x: readonly number[]): number {
  const mean = x.reduce((a, b) => a + b, 0) / x.length;
  const sd = Math.sqrt(x.reduce((a, b) => a + (b - mean) ** 2, 0) / (x.length - 1));
  return sd > 1e-12 ? mean / sd : 0;
}

/**
 * Bailey et al. (2017), section 2.2, step by step: drop T mod S rows from the start, cut S blocks; for
 * each combination J of S/2 blocks, J in sample and the rest out of sample, both concatenated in time
 * order; n* = the best trial in sample (first on ties); ω = its out-of-sample rank / (N + 1), ranks
 * ascending with ties averaged; λ = ln(ω / (1 − ω)); PBO = share of λ ≤ 0.
 */
function bruteForce(rows: readonly Float64Array[], s: number, metric: (x: number[]) => number = sharpe) {
  const t = rows[0].length;
  const size = Math.floor(t / s);
  const dropped = t - size * s;
  const block = (row: Float64Array, b: number) =>
    Array.from(row.subarray(dropped + b * size, dropped + (b + 1) * size));
  const logits: number[] = [];
  const oosValues: number[] = [];
  for (const inSample of subsets(s, s / 2)) {
    const outSample = [...Array(s).keys()].filter((b) => !inSample.includes(b));
    const is = rows.map((row) => metric(inSample.flatMap((b) => block(row, b))));
    const oos = rows.map((row) => metric(outSample.flatMap((b) => block(row, b))));
    const best = is.indexOf(Math.max(...is));
    const below = oos.filter((v) => v < oos[best]).length;
    const equal = oos.filter((v) => v === oos[best]).length;
    const omega = (below + (equal + 1) / 2) / (rows.length + 1);
    logits.push(Math.log(omega / (1 - omega)));
    oosValues.push(oos[best]);
  }
  return { pbo: logits.filter((l) => l <= 0).length / logits.length, logits, oosValues };
}

function assertMatchesBruteForce(rows: Float64Array[], s: number, metric?: PerformanceMetric): PboResult {
  const fast = probabilityOfBacktestOverfitting(
    rows,
    metric === undefined ? { blocks: s } : { blocks: s, metric },
  );
  const slow = bruteForce(
    rows,
    s,
    metric === 'mean' ? (x) => x.reduce((a, b) => a + b, 0) / x.length : sharpe,
  );
  assert.equal(fast.pbo, slow.pbo);
  assert.deepEqual(Array.from(fast.logits), slow.logits);
  // The block sums lose a little precision when a half's deviation is tiny next to its blocks' spread
  // (2 observations a half: relative 1e-11 seen), hence a relative tolerance.
  for (let c = 0; c < slow.oosValues.length; c++) {
    const tolerance = 1e-9 * Math.max(1, Math.abs(slow.oosValues[c]));
    assert.ok(Math.abs(fast.oosPerformance[c] - slow.oosValues[c]) <= tolerance);
  }
  return fast;
}

describe('probability of backtest overfitting', () => {
  test('equals the brute-force reference: logits, PBO and performances', () => {
    const r = assertMatchesBruteForce(noiseMatrix(1, 6, 97), 8); // 97 = 8·12 + 1: one row dropped
    assert.equal(r.splitCount, 70);
    assert.equal(r.blockSize, 12);
    assert.equal(r.droppedObservations, 1);
    assertMatchesBruteForce(noiseMatrix(2, 5, 40), 4);
    assertMatchesBruteForce(noiseMatrix(3, 9, 63), 6, 'mean');
    assertMatchesBruteForce(noiseMatrix(4, 3, 10), 2);
    assertMatchesBruteForce(
      noiseMatrix(5, 4, 160, 0.01, (n) => n * 0.002),
      10,
    );
  });

  test('ties: duplicate trials and flat trials rank as the brute force does (first best, averaged ranks)', () => {
    const [a, b, c] = noiseMatrix(6, 3, 48);
    const flat = new Float64Array(48); // Sharpe 0 in every half
    const rows = [a, b, a, flat, c, b, flat];
    const r = assertMatchesBruteForce(rows, 6);
    assert.ok(
      r.selectedTrial.every((n) => n !== 2 && n !== 5 && n !== 6),
      'a tie in sample picks the lower index',
    );
    assertMatchesBruteForce([flat, flat, flat], 4); // every rank tied: ω = 1/2, λ = 0, PBO = 1
    assert.equal(probabilityOfBacktestOverfitting([flat, flat], { blocks: 4 }).pbo, 1);
  });

  test('a custom metric sees the concatenated halves in time order', () => {
    const rows = noiseMatrix(7, 5, 66);
    const custom = probabilityOfBacktestOverfitting(rows, {
      blocks: 6,
      metric: (x) => sharpe(Array.from(x)),
    });
    const built = probabilityOfBacktestOverfitting(rows, { blocks: 6 });
    assert.deepEqual(custom.logits, built.logits);
    const seen: number[][] = [];
    const ramp = [Float64Array.from({ length: 9 }, (_, i) => i), new Float64Array(9)];
    probabilityOfBacktestOverfitting(ramp, {
      blocks: 4,
      metric: (x) => {
        seen.push(Array.from(x));
        return 0;
      },
    });
    // Row 0 is dropped (9 = 4·2 + 1); blocks [1, 2], [3, 4], [5, 6], [7, 8]; trial 0 in sample, then out.
    assert.deepEqual(seen.slice(0, 2), [
      [1, 2, 3, 4],
      [5, 6, 7, 8],
    ]);
    assert.deepEqual(seen.slice(4, 6), [
      [1, 2, 5, 6],
      [3, 4, 7, 8],
    ]);
    assert.equal(seen.length, 6 * 2 * 2);
  });

  test('pure noise: PBO ≈ 1/2', () => {
    // PBO of one noise data set is itself noisy (its splits share the data): average 40 data sets.
    let sum = 0;
    for (let seed = 100; seed < 140; seed++)
      sum += probabilityOfBacktestOverfitting(noiseMatrix(seed, 20, 400), { blocks: 10 }).pbo;
    const mean = sum / 40;
    assert.ok(mean > 0.4 && mean < 0.6, `mean PBO over 40 noise data sets ${mean}`);
    const one = probabilityOfBacktestOverfitting(noiseMatrix(7, 100, 2000)); // S = 16: 12,870 splits
    assert.equal(one.splitCount, 12_870);
    assert.ok(one.pbo > 0.25 && one.pbo < 0.75, `PBO ${one.pbo}`);
    assert.ok(one.probabilityOfLoss > 0.25 && one.probabilityOfLoss < 0.75);
  });

  test('one trial with a real drift among noise: PBO ≈ 0, and it is the one chosen', () => {
    const rows = noiseMatrix(2, 50, 1600, 0.01, (n) => (n === 17 ? 0.002 : 0));
    const r = probabilityOfBacktestOverfitting(rows);
    assert.ok(r.pbo < 0.02, `PBO ${r.pbo}`);
    assert.ok(r.probabilityOfLoss < 0.02);
    assert.ok(r.selectedTrial.every((n) => n === 17));
    assert.ok(r.logits.every((l) => l > 0));
  });

  test('property: PBO and probability of loss in [0, 1], finite logits, equal to the brute force', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 6 }),
        fc.constantFrom(2, 4, 6),
        fc.integer({ min: 0, max: 20 }),
        fc.integer(),
        (trials, s, extra, seed) => {
          const rows = noiseMatrix(seed, trials, 2 * s + extra);
          const r = assertMatchesBruteForce(rows, s);
          assert.ok(r.pbo >= 0 && r.pbo <= 1 && r.probabilityOfLoss >= 0 && r.probabilityOfLoss <= 1);
          assert.ok(r.logits.every(Number.isFinite));
        },
      ),
      { numRuns: 60 },
    );
  });

  test('a large case runs in O(splits · N · S): N = 250 trials, T = 5000, S = 16', () => {
    const random = mulberry32(3);
    // N = 1000 takes about 1.1 s on a 2-core test machine (docs/overfitting.md); a quarter keeps the suite fast.
    const rows = Array.from({ length: 250 }, () => {
      const row = new Float64Array(5000);
      for (let t = 0; t < row.length; t++) row[t] = random() - 0.5;
      return row;
    });
    const r = probabilityOfBacktestOverfitting(rows);
    assert.equal(r.logits.length, 12_870);
    assert.equal(r.droppedObservations, 8);
  });

  test('bad input is an error naming the argument', () => {
    const rows = noiseMatrix(1, 3, 40);
    const pbo = probabilityOfBacktestOverfitting;
    assert.throws(
      () => pbo([rows[0]]),
      /^RangeError: returns must hold at least 2 trials \(series\), got 1$/,
    );
    assert.throws(
      () => pbo([rows[0], rows[1].subarray(1)]),
      /^RangeError: returns\[1\] has 39 observations, returns\[0\] has 40$/,
    );
    assert.throws(() => pbo(rows, { blocks: 7 }), /^RangeError: blocks \(S\) must be even, got 7$/);
    assert.throws(
      () => pbo(rows, { blocks: 0 }),
      /^RangeError: blocks \(S\) must be an integer >= 2, got 0$/,
    );
    assert.throws(
      () => pbo(rows, { blocks: 42 }),
      /^RangeError: blocks \(S\) must be <= the number of observations T = 40, got 42$/,
    );
    assert.throws(() => pbo(noiseMatrix(1, 2, 3), { blocks: 2 }), /fewer than 2 observations per half/);
    assert.throws(
      () => pbo(noiseMatrix(1, 2, 30), { blocks: 24 }),
      /^RangeError: blocks \(S\) = 24 gives 2704156 splits, above 1000000$/,
    );
    const bad = Float64Array.from(rows[2]);
    bad[5] = Number.NaN;
    assert.throws(
      () => pbo([rows[0], bad]),
      /^RangeError: returns\[1\]\[5\] must be a finite number, got NaN$/,
    );
    assert.throws(
      () => pbo(rows, { metric: 'sortino' as 'mean' }),
      /^RangeError: metric must be 'sharpe', 'mean' or a function/,
    );
    assert.throws(
      () => pbo(rows, { blocks: 4, metric: () => Number.NaN }),
      /^RangeError: metric\(in-sample returns of returns\[0\]\) must be a finite number/,
    );
  });
});
