import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  BayesianOnlineChangepoint,
  CusumDetector,
  cusumAlarms,
  detectChangepoints,
} from '../../../src/analytics/regime/index.js';
import { mulberry32, normalGenerator } from '../../../src/analytics/statistics/random.js';

function normals(seed: number, count: number, mean = 0, sd = 1): number[] {
  const draw = normalGenerator(mulberry32(seed));
  return Array.from({ length: count }, () => mean + sd * draw());
}

describe('CUSUM (Page 1954)', () => {
  const options = { targetMean: 0, standardDeviation: 1, drift: 0.5, threshold: 5 };

  /** Steps until the first alarm (the run length), capped at `cap`. */
  function runLength(seed: number, shift: number, threshold: number, cap: number): number {
    const detector = new CusumDetector({ ...options, threshold });
    const draw = normalGenerator(mulberry32(seed));
    for (let t = 1; t <= cap; t++) if (detector.update(shift + draw())) return t;
    return cap;
  }

  it('average run lengths match Montgomery (2013) Table 9.3 for k = 0.5, h = 5: ARL₀ ≈ 465, ARL₁(1σ) ≈ 10.4', () => {
    // Introduction to Statistical Quality Control, 7th ed., Table 9.3 (two-sided tabular CUSUM).
    let inControl = 0;
    let shifted = 0;
    const runs = 300;
    for (let r = 0; r < runs; r++) {
      inControl += runLength(1000 + r, 0, 5, 20_000);
      shifted += runLength(5000 + r, 1, 5, 20_000);
    }
    // Standard errors: ≈ 465/√300 ≈ 27 and ≈ 0.3.
    assert.ok(Math.abs(inControl / runs - 465) < 80, `ARL0 ${inControl / runs}`);
    assert.ok(Math.abs(shifted / runs - 10.4) < 1.2, `ARL1 ${shifted / runs}`);
  });

  it('raises no alarm on 1000 steps of stationary N(0, 1) noise with h = 8 (seeded)', () => {
    // Siegmund's approximation gives ARL₀ ≈ 9,500 for the two-sided scheme with k = 0.5, h = 8,
    // so a false alarm within 1000 steps has probability ≈ 0.1; this seed has none.
    assert.deepEqual(cusumAlarms(normals(101, 1000), { ...options, threshold: 8 }), []);
  });

  it('alarms soon after a +1σ mean shift at step 300 and dates the change close to it', () => {
    // Montgomery (2013) Table 9.3: ARL₁ ≈ 10.4 steps for a 1σ shift with k = 0.5, h = 5.
    const series = [...normals(202, 300), ...normals(203, 200, 1)];
    const alarms = cusumAlarms(series, options);
    const first = alarms[0];
    assert.ok(first, 'an alarm');
    assert.equal(first.direction, 'up');
    assert.ok(first.index >= 300 && first.index <= 330, `alarm at ${first.index}`);
    assert.ok(Math.abs(first.changePoint - 300) <= 12, `change point ${first.changePoint}`);
    const down = cusumAlarms([...normals(204, 100), ...normals(205, 60, -2)], options)[0];
    assert.equal(down?.direction, 'down');
  });

  it('accumulates S⁺ by hand and resets', () => {
    const detector = new CusumDetector({ targetMean: 10, standardDeviation: 2 });
    detector.update(13); // z = 1.5 → S⁺ = 1
    detector.update(14); // z = 2 → S⁺ = 2.5
    assert.deepEqual(detector.sums, { upper: 2.5, lower: 0 });
    detector.reset();
    assert.deepEqual(detector.sums, { upper: 0, lower: 0 });
    assert.throws(
      () => new CusumDetector({ targetMean: 0, standardDeviation: 0 }),
      /^RangeError: standardDeviation must be/,
    );
  });
});

describe('Bayesian online change-point detection (Adams & MacKay 2007)', () => {
  it('after one observation the run-length posterior is exactly {0: H, 1: 1 − H}', () => {
    const detector = new BayesianOnlineChangepoint({ expectedRunLength: 100 });
    detector.update(0.7);
    const { runLengths, probabilities } = detector.distribution();
    assert.deepEqual(runLengths, [0, 1]);
    assert.ok(Math.abs((probabilities[0] as number) - 0.01) < 1e-15);
  });

  it('keeps run-length probabilities summing to 1 at every step', () => {
    const detector = new BayesianOnlineChangepoint({ expectedRunLength: 50 });
    for (const x of normals(7, 150)) {
      detector.update(x);
      const sum = detector.distribution().probabilities.reduce((s, p) => s + p, 0);
      assert.ok(Math.abs(sum - 1) < 1e-12);
    }
  });

  it('detects a variance change (sd 1 → 3) at step 200 within ± 10 steps, and nothing else', () => {
    const series = [...normals(31, 200), ...normals(32, 200, 0, 3)];
    const result = detectChangepoints(series, { expectedRunLength: 250 });
    assert.equal(result.changePoints.length, 1, `change points ${result.changePoints}`);
    assert.ok(Math.abs((result.changePoints[0] as number) - 200) <= 10, `at ${result.changePoints[0]}`);
    assert.ok((result.runLength[399] as number) >= 180 && (result.runLength[399] as number) <= 220);
  });

  it('detects a mean change (0 → 4) at step 120 exactly', () => {
    const series = [...normals(41, 120), ...normals(42, 80, 4)];
    assert.deepEqual(detectChangepoints(series, { expectedRunLength: 100 }).changePoints, [120]);
  });
});
