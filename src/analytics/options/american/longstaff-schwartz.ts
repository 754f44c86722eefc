/**
 * Longstaff–Schwartz least-squares Monte Carlo for American (Bermudan on a fine date grid) options
 * (Longstaff & Schwartz 2001, "Valuing American options by simulation: a simple least-squares
 * approach", Review of Financial Studies 14(1), 113–147, §2–3). Geometric Brownian motion with carry b,
 * antithetic pairs from a seeded generator (mulberry32 + polar normals), and at each exercise date a
 * regression of the discounted realised cash flows of the in-the-money paths on a constant and the
 * first three weighted Laguerre polynomials of moneyness S/K (the paper's eq. (2) basis). The price is
 * the mean discounted cash flow under the estimated stopping rule; its standard error is taken over the
 * antithetic pair averages. Low biased (a sub-optimal rule) plus in-sample regression bias; both small.
 */
import { mulberry32, normalGenerator } from '../../statistics/random.js';
import { requireInteger, requireSeed } from '../../statistics/validate.js';
import { intrinsicValue, type VanillaOptionInputs, validateOptionInputs } from './inputs.js';
import { NormalEquations } from './least-squares.js';

/** Simulation settings. */
export interface LongstaffSchwartzSettings {
  /** Number of simulated paths, even (antithetic pairs). Default 20,000. */
  readonly paths?: number;
  /** Exercise dates per year (the last date is expiry). Default 50, as in the paper's Table 1. */
  readonly exerciseDatesPerYear?: number;
  /** PRNG seed; the same seed gives the same price (common random numbers for Greeks). Default 1. */
  readonly seed?: number;
}

/** A Monte Carlo price with its standard error. */
export interface MonteCarloPrice {
  readonly price: number;
  readonly standardError: number;
  readonly paths: number;
  readonly exerciseDates: number;
}

export const LONGSTAFF_SCHWARTZ_DEFAULTS = { paths: 20_000, exerciseDatesPerYear: 50, seed: 1 } as const;

const BASIS_SIZE = 4;

/** Constant and the weighted Laguerre polynomials e^{−x/2}·L_k(x), k = 0, 1, 2 (LS 2001, eq. 2). */
function fillBasis(moneyness: number, out: Float64Array): void {
  const weight = Math.exp(-moneyness / 2);
  out[0] = 1;
  out[1] = weight;
  out[2] = weight * (1 - moneyness);
  out[3] = weight * (1 - 2 * moneyness + (moneyness * moneyness) / 2);
}

/** Longstaff–Schwartz price and standard error of a European or American option. */
export function longstaffSchwartzPrice(
  option: VanillaOptionInputs,
  settings: LongstaffSchwartzSettings = {},
): MonteCarloPrice {
  validateOptionInputs(option);
  const paths = requireInteger('paths', settings.paths ?? LONGSTAFF_SCHWARTZ_DEFAULTS.paths, 2);
  if (paths % 2 !== 0) throw new RangeError(`paths must be even (antithetic pairs), got ${paths}`);
  const perYear = requireInteger(
    'exerciseDatesPerYear',
    settings.exerciseDatesPerYear ?? LONGSTAFF_SCHWARTZ_DEFAULTS.exerciseDatesPerYear,
    1,
  );
  const seed = requireSeed('seed', settings.seed ?? LONGSTAFF_SCHWARTZ_DEFAULTS.seed);
  const { type, spot, strike, time, rate, carry, vol } = option;
  const dates = Math.max(1, Math.round(perYear * time));
  const dt = time / dates;
  const driftStep = (carry - 0.5 * vol * vol) * dt;
  const volStep = vol * Math.sqrt(dt);
  const pairs = paths / 2;

  // levels[date * paths + p]: spot of path p at exercise date `date + 1`.
  const levels = new Float64Array(dates * paths);
  const normal = normalGenerator(mulberry32(seed));
  for (let p = 0; p < pairs; p++) {
    let logUp = Math.log(spot);
    let logDown = logUp;
    for (let d = 0; d < dates; d++) {
      const z = normal();
      logUp += driftStep + volStep * z;
      logDown += driftStep - volStep * z;
      levels[d * paths + p] = Math.exp(logUp);
      levels[d * paths + pairs + p] = Math.exp(logDown);
    }
  }

  // cashFlows[p]: the path's cash flow under the current rule, discounted to the date being processed.
  const cashFlows = new Float64Array(paths);
  const last = (dates - 1) * paths;
  for (let p = 0; p < paths; p++) cashFlows[p] = intrinsicValue(type, levels[last + p], strike);
  const discount = Math.exp(-rate * dt);
  const basis = new Float64Array(BASIS_SIZE);
  // Basis values of the in-the-money paths at the date being processed, computed once per date.
  const pathBasis = new Float64Array(paths * BASIS_SIZE);
  const exerciseValues = new Float64Array(paths);
  for (let d = dates - 2; d >= 0 && option.exercise === 'american'; d--) {
    for (let p = 0; p < paths; p++) cashFlows[p] *= discount;
    const row = d * paths;
    const equations = new NormalEquations(BASIS_SIZE);
    for (let p = 0; p < paths; p++) {
      const level = levels[row + p];
      exerciseValues[p] = intrinsicValue(type, level, strike);
      if (exerciseValues[p] <= 0) continue;
      fillBasis(level / strike, basis);
      pathBasis.set(basis, p * BASIS_SIZE);
      equations.add(basis, cashFlows[p]);
    }
    const beta = equations.count > 2 * BASIS_SIZE ? equations.solve() : undefined;
    if (beta === undefined) continue;
    for (let p = 0; p < paths; p++) {
      const exercise = exerciseValues[p];
      if (exercise <= 0) continue;
      let continuation = 0;
      for (let k = 0; k < BASIS_SIZE; k++) continuation += beta[k] * pathBasis[p * BASIS_SIZE + k];
      if (exercise > continuation) cashFlows[p] = exercise;
    }
  }
  const toToday = option.exercise === 'american' ? discount : Math.exp(-rate * time);
  let sum = 0;
  let sumSquares = 0;
  for (let p = 0; p < pairs; p++) {
    const pairMean = 0.5 * (cashFlows[p] + cashFlows[pairs + p]) * toToday;
    sum += pairMean;
    sumSquares += pairMean * pairMean;
  }
  const mean = sum / pairs;
  const variance = pairs > 1 ? Math.max(0, (sumSquares - pairs * mean * mean) / (pairs - 1)) : 0;
  const immediate = option.exercise === 'american' ? intrinsicValue(type, spot, strike) : 0;
  if (immediate > mean) return { price: immediate, standardError: 0, paths, exerciseDates: dates };
  return { price: mean, standardError: Math.sqrt(variance / pairs), paths, exerciseDates: dates };
}
