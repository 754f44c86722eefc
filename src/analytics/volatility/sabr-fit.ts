/**
 * Fitting SABR (Hagan et al. 2002, eq. 2.17a) to one expiry's implied volatilities: β fixed by the
 * caller (1 for index and futures options by default — lognormal backbone), (α, ρ, ν) by weighted
 * least squares on volatility with Nelder–Mead in unconstrained coordinates (ln α, atanh ρ, ln ν).
 */

import { nelderMead } from '../numerics/nelder-mead.js';
import { requireFinite, requirePositive } from '../statistics/validate.js';
import { type SabrParameters, sabrAlphaFromAtmVolatility, sabrVolatilityUnchecked } from './sabr.js';

/** One market point: strike, Black implied vol (decimal) and a weight > 0. */
export interface VolatilityPoint {
  readonly strike: number;
  readonly volatility: number;
  readonly weight: number;
}

/** A fitted SABR slice and its weighted RMSE in volatility (decimal). */
export interface SabrFit {
  readonly parameters: SabrParameters;
  readonly weightedRmseVolatility: number;
}

/** The default β for index and futures options (lognormal dynamics of the forward). */
export const DEFAULT_SABR_BETA = 1;

/** Fits (α, ρ, ν) at fixed `beta` to at least 4 points of one expiry with forward `forward`. */
export function fitSabr(
  points: readonly VolatilityPoint[],
  forward: number,
  time: number,
  beta: number = DEFAULT_SABR_BETA,
): SabrFit {
  requirePositive('forward', forward);
  requirePositive('time', time);
  if (!(Number.isFinite(beta) && beta >= 0 && beta <= 1)) {
    throw new RangeError(`beta must be a finite number in [0, 1], got ${String(beta)}`);
  }
  if (points.length < 4) throw new RangeError(`points must hold at least 4 quotes, got ${points.length}`);
  points.forEach((p, i) => {
    requirePositive(`points[${i}].strike`, p.strike);
    requirePositive(`points[${i}].volatility`, p.volatility);
    requirePositive(`points[${i}].weight`, p.weight);
    requireFinite(`points[${i}].weight`, p.weight);
  });
  const weightSum = points.reduce((s, p) => s + p.weight, 0);
  const toParameters = (x: readonly number[]): SabrParameters => ({
    alpha: Math.exp(x[0]),
    beta,
    rho: 0.999 * Math.tanh(x[1]),
    nu: Math.exp(x[2]),
  });
  const error = (p: SabrParameters): number => {
    let sum = 0;
    for (const q of points) {
      const r = sabrVolatilityUnchecked(p, forward, q.strike, time) - q.volatility;
      sum += q.weight * r * r;
    }
    return sum / weightSum;
  };
  const atm = points.reduce((best, p) =>
    Math.abs(Math.log(p.strike / forward)) < Math.abs(Math.log(best.strike / forward)) ? p : best,
  );
  let best: { parameters: SabrParameters; value: number } | undefined;
  for (const rho0 of [-0.6, 0]) {
    for (const nu0 of [0.5, 2]) {
      const alpha0 = sabrAlphaFromAtmVolatility(atm.volatility, forward, time, beta, rho0, nu0);
      const run = nelderMead(
        (x) => error(toParameters(x)),
        [Math.log(alpha0), Math.atanh(rho0 / 0.999), Math.log(nu0)],
        {
          steps: [0.1, 0.3, 0.3],
          maxEvaluations: 800,
          tolerance: 1e-18,
        },
      );
      const parameters = toParameters(run.point);
      if (best === undefined || run.value < best.value) best = { parameters, value: run.value };
    }
  }
  const found = best as { parameters: SabrParameters; value: number };
  return { parameters: found.parameters, weightedRmseVolatility: Math.sqrt(found.value) };
}
