import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  baumWelchStep,
  expectedDurations,
  fitGaussianHmm,
  forwardBackward,
  type GaussianHmm,
  hmmLogLikelihood,
  labelPeriods,
  logNormalDensity,
  viterbi,
} from '../../../src/analytics/regime/index.js';
import { mulberry32, normalGenerator } from '../../../src/analytics/statistics/random.js';
import { readBarsCsv } from '../../../src/data/csv/index.js';
import { isoFromMicros } from '../../../src/model/time.js';

const tiny: GaussianHmm = {
  initial: [0.6, 0.4],
  transition: [
    [0.7, 0.3],
    [0.2, 0.8],
  ],
  means: [0, 1.5],
  variances: [1, 0.5],
};
const tinyObservations = [0.1, 1.2, 2.0, -0.4, 1.1, 0.3];

/** Every state path with its joint log-probability ln P(path, x). */
function allPaths(model: GaussianHmm, x: number[]): { path: number[]; logJoint: number }[] {
  const states = model.initial.length;
  const out: { path: number[]; logJoint: number }[] = [];
  for (let code = 0; code < states ** x.length; code++) {
    const path = x.map((_, t) => Math.floor(code / states ** t) % states);
    let logJoint = Math.log(model.initial[path[0] as number] as number);
    path.forEach((s, t) => {
      if (t > 0) logJoint += Math.log((model.transition[path[t - 1] as number] as number[])[s] as number);
      logJoint += logNormalDensity(x[t] as number, model.means[s] as number, model.variances[s] as number);
    });
    out.push({ path, logJoint });
  }
  return out;
}

function simulate(model: GaussianHmm, steps: number, seed: number): { x: number[]; states: number[] } {
  const uniform = mulberry32(seed);
  const normal = normalGenerator(mulberry32(seed + 1));
  const pick = (p: readonly number[]) => {
    let u = uniform();
    for (let k = 0; k < p.length; k++) {
      u -= p[k] as number;
      if (u < 0) return k;
    }
    return p.length - 1;
  };
  const states = [pick(model.initial)];
  for (let t = 1; t < steps; t++) states.push(pick(model.transition[states[t - 1] as number] as number[]));
  const x = states.map(
    (s) => (model.means[s] as number) + Math.sqrt(model.variances[s] as number) * normal(),
  );
  return { x, states };
}

describe('Gaussian HMM inference', () => {
  const paths = allPaths(tiny, tinyObservations);

  it('forward likelihood equals the brute-force sum over all 64 state paths', () => {
    const brute = Math.log(paths.reduce((s, p) => s + Math.exp(p.logJoint), 0));
    assert.ok(Math.abs(hmmLogLikelihood(tiny, tinyObservations) - brute) < 1e-12);
  });

  it('Viterbi equals the brute-force most likely path and its log-probability', () => {
    const best = paths.reduce((a, b) => (b.logJoint > a.logJoint ? b : a));
    const result = viterbi(tiny, tinyObservations);
    assert.deepEqual(Array.from(result.path), best.path);
    assert.ok(Math.abs(result.logProbability - best.logJoint) < 1e-12);
  });

  it('posteriors equal the brute-force marginals P(state_t = k | x)', () => {
    const total = paths.reduce((s, p) => s + Math.exp(p.logJoint), 0);
    const { posteriors } = forwardBackward(tiny, tinyObservations);
    for (let t = 0; t < tinyObservations.length; t++) {
      const marginal =
        paths.filter((p) => p.path[t] === 1).reduce((s, p) => s + Math.exp(p.logJoint), 0) / total;
      assert.ok(Math.abs((posteriors[2 * t + 1] as number) - marginal) < 1e-12);
      assert.ok(Math.abs((posteriors[2 * t] as number) + (posteriors[2 * t + 1] as number) - 1) < 1e-14);
    }
  });

  it('survives observations far in the tails (no underflow) and rejects invalid models', () => {
    assert.ok(Number.isFinite(hmmLogLikelihood(tiny, [400, -300, 1e3])));
    assert.throws(
      () => hmmLogLikelihood({ ...tiny, initial: [0.5, 0.6] }, [1]),
      /^RangeError: model.initial must sum to 1/,
    );
    assert.throws(
      () => viterbi({ ...tiny, variances: [1, 0] }, [1]),
      /^RangeError: model.variances must be > 0/,
    );
  });
});

describe('Baum–Welch', () => {
  it('never decreases the likelihood (property, random models and data)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => {
        const uniform = mulberry32(seed);
        const x = simulate(tiny, 40, seed).x;
        const stay = 0.5 + 0.45 * uniform();
        let model: GaussianHmm = {
          initial: [0.5, 0.5],
          transition: [
            [stay, 1 - stay],
            [1 - stay, stay],
          ],
          means: [-1 + uniform(), 1 + uniform()],
          variances: [0.2 + uniform(), 0.2 + 2 * uniform()],
        };
        let previous = -Infinity;
        for (let i = 0; i < 15; i++) {
          const step = baumWelchStep(model, x);
          if (step.logLikelihood < previous - 1e-9 * Math.abs(previous)) return false;
          previous = step.logLikelihood;
          model = step.model;
        }
        return true;
      }),
      { numRuns: 40, seed: 17 },
    );
  });

  it('recovers seeded synthetic 2-state parameters', () => {
    const truth: GaussianHmm = {
      initial: [1, 0],
      transition: [
        [0.98, 0.02],
        [0.05, 0.95],
      ],
      means: [0.001, -0.002],
      variances: [0.01 ** 2, 0.03 ** 2],
    };
    const { x } = simulate(truth, 3000, 42);
    const fit = fitGaussianHmm(x, { states: 2, randomStarts: 1 });
    const sd = fit.model.variances.map(Math.sqrt);
    assert.ok(Math.abs((sd[0] as number) / 0.01 - 1) < 0.08, `sd0 ${sd[0]}`);
    assert.ok(Math.abs((sd[1] as number) / 0.03 - 1) < 0.08, `sd1 ${sd[1]}`);
    assert.ok(Math.abs(((fit.model.transition[0] as number[])[0] as number) - 0.98) < 0.015);
    assert.ok(Math.abs(((fit.model.transition[1] as number[])[1] as number) - 0.95) < 0.03);
    assert.ok(fit.converged);
    const durations = expectedDurations(fit.model);
    assert.ok(Math.abs((durations[0] as number) - 50) < 25);
  });
});

describe('Gaussian HMM on S&P 500 daily log returns (data/sp500-2000.csv)', () => {
  it('finds a calm and a high-vol state; the high-vol state covers late 2008 and March 2020', () => {
    const imported = readBarsCsv('data/sp500-2000.csv', { adjust: true });
    const rows = imported.series[0]?.rows ?? [];
    const returns: number[] = [];
    const dates: string[] = [];
    for (let i = 1; i < rows.length; i++) {
      returns.push(Math.log((rows[i]?.close as number) / (rows[i - 1]?.close as number)));
      dates.push(isoFromMicros((rows[i]?.tsEvent as number) - 1).slice(0, 10));
    }
    const fit = fitGaussianHmm(returns, { states: 2, randomStarts: 0 });
    const annualVol = fit.model.variances.map((v) => Math.sqrt(252 * v));
    // Calm state ≈ 11 % a year, turbulent ≈ 32 % (checked against the realised vol of those periods).
    assert.ok((annualVol[0] as number) > 0.09 && (annualVol[0] as number) < 0.14, `calm ${annualVol[0]}`);
    assert.ok(
      (annualVol[1] as number) > 0.27 && (annualVol[1] as number) < 0.38,
      `turbulent ${annualVol[1]}`,
    );
    const path = viterbi(fit.model, returns).path;
    const stateOn = (from: string, to: string) => {
      const set = new Set<number>();
      dates.forEach((d, t) => {
        if (d >= from && d <= to) set.add(path[t] as number);
      });
      return [...set];
    };
    assert.deepEqual(stateOn('2008-09-15', '2009-03-31'), [1]);
    assert.deepEqual(stateOn('2020-03-02', '2020-04-17'), [1]);
    assert.deepEqual(stateOn('2005-06-01', '2006-12-29'), [0]);
    const long = labelPeriods(path).filter((p) => p.label === 1 && p.end - p.start >= 200);
    assert.ok(
      long.some(
        (p) => (dates[p.start] as string) <= '2008-09-15' && (dates[p.end] as string) >= '2009-03-31',
      ),
    );
  });
});
