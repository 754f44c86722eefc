/**
 * Fitting a raw SVI slice to one expiry's total implied variances by weighted least squares.
 *
 * Step 1, the quasi-explicit method of Zeliade Systems (2009), "Quasi-explicit calibration of
 * Gatheral's SVI model", §3: for fixed (m, σ), with y = (k − m)/σ, w = a + d·y + c·√(y² + 1) is
 * linear in (a, d, c) = (a, ρbσ, bσ), so it is solved exactly and Nelder–Mead searches (m, ln σ).
 * Step 2, a polish of all five parameters by Nelder–Mead with a penalty on negative values of the
 * butterfly density factor g(k) (Gatheral & Jacquier 2014, Lemma 2.2) on a k grid and on the wing
 * bound b(1 + |ρ|) <= 4; the penalty grows until the slice has no butterfly arbitrage (the repair).
 */

import { nelderMead } from '../numerics/nelder-mead.js';
import { requireFinite, requirePositive } from '../statistics/validate.js';
import { type ButterflyCheck, logMoneynessGrid, sviButterflyCheck, sviDensityFactor } from './arbitrage.js';
import {
  SVI_WING_SLOPE_BOUND,
  type SviParameters,
  sviMinimumVariance,
  sviSatisfiesWingBound,
  sviTotalVariance,
} from './svi.js';

/** One market point of a slice: log forward-moneyness, total variance (vol² × years), weight > 0. */
export interface TotalVariancePoint {
  readonly logMoneyness: number;
  readonly totalVariance: number;
  readonly weight: number;
}

/** A fitted SVI slice with its butterfly check and whether the arbitrage penalty had to act. */
export interface SviFit {
  readonly parameters: SviParameters;
  readonly butterfly: ButterflyCheck;
  /** True when the unpenalised least-squares fit had butterfly arbitrage and was repaired. */
  readonly repaired: boolean;
  readonly wingBoundSatisfied: boolean;
  /** Weighted root-mean-square error in total variance of the final fit. */
  readonly weightedRmseTotalVariance: number;
}

/** Fit options: the grid where g(k) is checked (default the dense ±1.5 grid of arbitrage.ts). */
export interface SviFitOptions {
  readonly butterflyGrid?: readonly number[];
}

const PENALTY_GRID = logMoneynessGrid(-1.5, 1.5, 121);
const G_MARGIN = 1e-3;

/** Fits raw SVI to `points` (at least 5, distinct log-moneyness) with no butterfly arbitrage. */
export function fitSvi(points: readonly TotalVariancePoint[], options: SviFitOptions = {}): SviFit {
  if (points.length < 5) throw new RangeError(`points must hold at least 5 quotes, got ${points.length}`);
  points.forEach((p, i) => {
    requireFinite(`points[${i}].logMoneyness`, p.logMoneyness);
    requirePositive(`points[${i}].totalVariance`, p.totalVariance);
    requirePositive(`points[${i}].weight`, p.weight);
  });
  const grid = options.butterflyGrid;
  const scale = points.reduce((s, p) => s + p.totalVariance, 0) / points.length;
  const weightSum = points.reduce((s, p) => s + p.weight, 0);
  const normalised = points.map((p) => ({
    k: p.logMoneyness,
    v: p.totalVariance / scale,
    weight: p.weight / weightSum,
  }));
  const error = (p: SviParameters): number => {
    let sum = 0;
    for (const q of normalised) {
      const r = sviTotalVariance(p, q.k) / scale - q.v;
      sum += q.weight * r * r;
    }
    return sum;
  };

  const start = quasiExplicitFit(normalised, scale, error);
  let parameters = start;
  let repaired = false;
  let butterfly = sviButterflyCheck(parameters, grid);
  if (!butterfly.arbitrageFree || !sviSatisfiesWingBound(parameters)) repaired = true;
  for (let penalty = 1e-2; penalty <= 1e8; penalty *= 1000) {
    parameters = polish(parameters, error, penalty);
    butterfly = sviButterflyCheck(parameters, grid);
    if (butterfly.arbitrageFree && sviSatisfiesWingBound(parameters)) break;
  }
  return {
    parameters,
    butterfly,
    repaired,
    wingBoundSatisfied: sviSatisfiesWingBound(parameters),
    weightedRmseTotalVariance: Math.sqrt(error(parameters)) * scale,
  };
}

interface NormalisedPoint {
  readonly k: number;
  readonly v: number;
  readonly weight: number;
}

/** Step 1: Nelder–Mead over (m, ln σ) with the linear (a, d, c) problem solved exactly inside. */
function quasiExplicitFit(
  points: readonly NormalisedPoint[],
  scale: number,
  error: (p: SviParameters) => number,
): SviParameters {
  const ks = points.map((p) => p.k);
  const kMin = Math.min(...ks);
  const kMax = Math.max(...ks);
  const span = Math.max(kMax - kMin, 1e-3);
  const atMinimum = points.reduce((best, p) => (p.v < best.v ? p : best)).k;
  let best: { parameters: SviParameters; value: number } | undefined;
  for (const m0 of [kMin, atMinimum, (kMin + kMax) / 2, kMax]) {
    for (const s0 of [0.05, 0.2, 0.5, 1.5]) {
      const inner = (x: readonly number[]): SviParameters => linearSlice(points, scale, x[0], Math.exp(x[1]));
      const run = nelderMead((x) => error(inner(x)), [m0, Math.log(s0 * span)], {
        steps: [0.1 * span, 0.5],
        maxEvaluations: 300,
      });
      const parameters = inner(run.point);
      const value = error(parameters);
      if (best === undefined || value < best.value) best = { parameters, value };
    }
  }
  return (best as { parameters: SviParameters }).parameters;
}

/** Weighted least squares for (a, d, c) at fixed (m, σ), mapped back to a valid raw SVI slice. */
function linearSlice(
  points: readonly NormalisedPoint[],
  scale: number,
  m: number,
  sigma: number,
): SviParameters {
  // Normal equations of v ≈ a + d·y + c·z (in units of `scale`), accumulated without allocation.
  let s1 = 0;
  let sy = 0;
  let sz = 0;
  let syy = 0;
  let syz = 0;
  let szz = 0;
  let sv = 0;
  let syv = 0;
  let szv = 0;
  for (const p of points) {
    const y = (p.k - m) / sigma;
    const z = Math.sqrt(y * y + 1);
    const w = p.weight;
    s1 += w;
    sy += w * y;
    sz += w * z;
    syy += w * y * y;
    syz += w * y * z;
    szz += w * z * z;
    sv += w * p.v;
    syv += w * y * p.v;
    szv += w * z * p.v;
  }
  const A = [
    [s1, sy, sz],
    [sy, syy, syz],
    [sz, syz, szz],
  ];
  const r = [sv, syv, szv];
  const [a, d, c] = solve3(A, r) ?? [points[0].v, 0, 0];
  const cPositive = Math.max(c, 1e-8);
  const rho = Math.max(-0.999, Math.min(0.999, d / cPositive));
  const b = Math.min((cPositive * scale) / sigma, SVI_WING_SLOPE_BOUND / (1 + Math.abs(rho)));
  const raw = { a: a * scale, b, rho, m, sigma };
  const floor = sviMinimumVariance(raw);
  return floor >= 0 ? raw : { ...raw, a: raw.a - floor };
}

/** Solves a 3×3 linear system by Cramer's rule; undefined when (nearly) singular. */
function solve3(A: number[][], r: number[]): number[] | undefined {
  const det = (m: number[][]): number =>
    m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) -
    m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) +
    m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
  const d = det(A);
  if (!(Math.abs(d) > 1e-300)) return undefined;
  return [0, 1, 2].map((col) => det(A.map((row, i) => row.map((v, j) => (j === col ? r[i] : v)))) / d);
}

/** Step 2: all five parameters, unconstrained coordinates, penalised butterfly and wing violations. */
function polish(start: SviParameters, error: (p: SviParameters) => number, penalty: number): SviParameters {
  const toParameters = (x: readonly number[]): SviParameters => ({
    a: x[0],
    b: Math.exp(x[1]),
    rho: 0.999 * Math.tanh(x[2]),
    m: x[3],
    sigma: Math.exp(x[4]),
  });
  const objective = (x: readonly number[]): number => {
    const p = toParameters(x);
    if (sviMinimumVariance(p) <= 0) return Number.POSITIVE_INFINITY;
    let violation = Math.max(0, p.b * (1 + Math.abs(p.rho)) - SVI_WING_SLOPE_BOUND) ** 2;
    for (const k of PENALTY_GRID) {
      // A small margin keeps g > 0 between the penalty grid's points too.
      const g = sviDensityFactor(p, k) - G_MARGIN;
      if (g < 0) violation += g * g;
    }
    return error(p) + penalty * violation;
  };
  const x0 = [
    start.a,
    Math.log(Math.max(start.b, 1e-8)),
    Math.atanh(Math.max(-0.998, Math.min(0.998, start.rho)) / 0.999),
    start.m,
    Math.log(start.sigma),
  ];
  // Nelder–Mead restarted from its own result: a fresh simplex escapes premature collapse.
  let point = x0;
  let value = objective(x0);
  for (let restart = 0; restart < 3; restart++) {
    const run = nelderMead(objective, point, {
      steps: [0.1 * Math.max(Math.abs(start.a), 1e-3), 0.1, 0.1, 0.02, 0.1],
      maxEvaluations: 600,
    });
    if (!(run.value < value)) break;
    const improvement = value - run.value;
    point = run.point;
    value = run.value;
    if (improvement <= 1e-12 * Math.abs(value)) break;
  }
  return toParameters(point);
}
