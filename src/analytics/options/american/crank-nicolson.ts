/**
 * Crank–Nicolson finite differences for the Black–Scholes–Merton PDE in log-spot x = ln S and time to
 * expiry τ (Wilmott, "Paul Wilmott on Quantitative Finance", 2nd ed., ch. 78; Haug 2007, §7.2):
 *   ∂V/∂τ = ½σ²·∂²V/∂x² + (b − ½σ²)·∂V/∂x − r·V,
 * central differences on a uniform grid centred on the spot, with
 *  - Rannacher start-up (Rannacher 1984; Giles & Carter 2006): the first CN steps are replaced by
 *    twice as many fully implicit half steps, damping the payoff kink's oscillations;
 *  - the payoff averaged over each grid cell, so the kink does not degrade convergence;
 *  - American exercise by the Brennan–Schwartz projected tridiagonal solve (see tridiagonal.ts);
 *  - Dirichlet boundaries at ±`standardDeviations`·σ√T from the spot (discounted forward intrinsic).
 * Delta and gamma come from the grid around the spot node; theta from the PDE itself
 * (θ = rV − bSΔ − ½σ²S²Γ in the continuation region, 0 where the option is exercised).
 */
import { requireInteger, requirePositive } from '../../statistics/validate.js';
import {
  intrinsicValue,
  type LatticeGreeks,
  type VanillaOptionInputs,
  validateOptionInputs,
} from './inputs.js';
import { solveTridiagonal, type TridiagonalSystem } from './tridiagonal.js';

/** Grid settings. The defaults price to about 1e-4 of BSM for European options (docs/analytics/american-options.md). */
export interface CrankNicolsonSettings {
  /** Space intervals (rounded up to even so the spot is a node). Default 800. */
  readonly spaceSteps?: number;
  /** Time steps. Default 400. */
  readonly timeSteps?: number;
  /** CN steps replaced by two implicit half steps each at the start. Default 2. */
  readonly rannacherSteps?: number;
  /** Half-width of the grid in standard deviations σ√T of ln S. Default 6. */
  readonly standardDeviations?: number;
}

export const CRANK_NICOLSON_DEFAULTS = {
  spaceSteps: 800,
  timeSteps: 400,
  rannacherSteps: 2,
  standardDeviations: 6,
} as const;

/** Crank–Nicolson price with delta, gamma and theta (per year) from the grid. */
export function crankNicolsonValues(
  option: VanillaOptionInputs,
  settings: CrankNicolsonSettings = {},
): LatticeGreeks {
  validateOptionInputs(option);
  const spaceSteps = 2 * Math.ceil(requireInteger('spaceSteps', settings.spaceSteps ?? 800, 4) / 2);
  const timeSteps = requireInteger('timeSteps', settings.timeSteps ?? 400, 1);
  const rannacherSteps = Math.min(
    requireInteger('rannacherSteps', settings.rannacherSteps ?? 2, 0),
    timeSteps,
  );
  const deviations = requirePositive('standardDeviations', settings.standardDeviations ?? 6);
  const { type, spot, strike, time, rate, carry, vol } = option;
  const american = option.exercise === 'american';

  const volRoot = vol * Math.sqrt(time);
  const halfWidth = Math.max(deviations * volRoot, Math.abs(Math.log(strike / spot)) + 2 * volRoot);
  const h = (2 * halfWidth) / spaceSteps;
  const centre = spaceSteps / 2;
  const logSpot = Math.log(spot);
  const spots = new Float64Array(spaceSteps + 1);
  for (let i = 0; i <= spaceSteps; i++) spots[i] = Math.exp(logSpot + (i - centre) * h);

  const values = cellAveragedPayoff(type, strike, logSpot - centre * h, h, spaceSteps);
  const interior = spaceSteps - 1;
  const obstacle = american ? new Float64Array(interior) : undefined;
  if (obstacle) for (let k = 0; k < interior; k++) obstacle[k] = intrinsicValue(type, spots[k + 1], strike);

  const diffusion = (0.5 * vol * vol) / (h * h);
  const drift = (carry - 0.5 * vol * vol) / (2 * h);
  const lowerCoefficient = diffusion - drift;
  const centreCoefficient = -2 * diffusion - rate;
  const upperCoefficient = diffusion + drift;

  const system: TridiagonalSystem = {
    lower: new Float64Array(interior),
    diagonal: new Float64Array(interior),
    upper: new Float64Array(interior),
    rhs: new Float64Array(interior),
  };
  const next = new Float64Array(interior);
  const scratch = new Float64Array(interior);
  const dt = time / timeSteps;
  let tau = 0;
  const stepOnce = (theta: number, stepSize: number) => {
    const explicit = (1 - theta) * stepSize;
    const implicit = theta * stepSize;
    tau += stepSize;
    const [lowBoundary, highBoundary] = boundaryValues(option, spots[0], spots[spaceSteps], tau);
    for (let k = 0; k < interior; k++) {
      const i = k + 1;
      system.lower[k] = -implicit * lowerCoefficient;
      system.diagonal[k] = 1 - implicit * centreCoefficient;
      system.upper[k] = -implicit * upperCoefficient;
      system.rhs[k] =
        values[i] +
        explicit *
          (lowerCoefficient * values[i - 1] +
            centreCoefficient * values[i] +
            upperCoefficient * values[i + 1]);
    }
    system.rhs[0] += implicit * lowerCoefficient * lowBoundary;
    system.rhs[interior - 1] += implicit * upperCoefficient * highBoundary;
    solveTridiagonal(system, next, scratch, obstacle, type === 'put');
    values[0] = lowBoundary;
    values[spaceSteps] = highBoundary;
    values.set(next, 1);
  };
  for (let k = 0; k < 2 * rannacherSteps; k++) stepOnce(1, dt / 2);
  for (let k = rannacherSteps; k < timeSteps; k++) stepOnce(0.5, dt);

  const price = values[centre];
  const firstLog = (values[centre + 1] - values[centre - 1]) / (2 * h);
  const secondLog = (values[centre + 1] - 2 * price + values[centre - 1]) / (h * h);
  const delta = firstLog / spot;
  const gamma = (secondLog - firstLog) / (spot * spot);
  const exercised = american && price <= intrinsicValue(type, spot, strike) + 1e-12 * strike;
  const theta = exercised ? 0 : rate * price - carry * spot * delta - 0.5 * vol * vol * spot * spot * gamma;
  return { price, delta, gamma, theta };
}

/** Crank–Nicolson price of a European or American option. */
export function crankNicolsonPrice(
  option: VanillaOptionInputs,
  settings: CrankNicolsonSettings = {},
): number {
  return crankNicolsonValues(option, settings).price;
}

/** Payoff averaged over each cell [x_i − h/2, x_i + h/2] of the log-spot grid starting at `firstLog`. */
function cellAveragedPayoff(
  type: VanillaOptionInputs['type'],
  strike: number,
  firstLog: number,
  h: number,
  spaceSteps: number,
): Float64Array {
  const logStrike = Math.log(strike);
  const values = new Float64Array(spaceSteps + 1);
  for (let i = 0; i <= spaceSteps; i++) {
    const a = firstLog + (i - 0.5) * h;
    const b = a + h;
    if (type === 'call') {
      const c = Math.max(a, logStrike);
      values[i] = c < b ? (Math.exp(b) - Math.exp(c) - strike * (b - c)) / h : 0;
    } else {
      const c = Math.min(b, logStrike);
      values[i] = c > a ? (strike * (c - a) - (Math.exp(c) - Math.exp(a))) / h : 0;
    }
  }
  return values;
}

/** Dirichlet values at the grid's lowest and highest spot, τ years before expiry. */
function boundaryValues(
  option: VanillaOptionInputs,
  lowSpot: number,
  highSpot: number,
  tau: number,
): [number, number] {
  const { type, strike, rate, carry, exercise } = option;
  const discount = Math.exp(-rate * tau);
  const forwardFactor = Math.exp((carry - rate) * tau);
  if (type === 'call') {
    const european = Math.max(highSpot * forwardFactor - strike * discount, 0);
    return [0, exercise === 'american' ? Math.max(european, highSpot - strike) : european];
  }
  const european = Math.max(strike * discount - lowSpot * forwardFactor, 0);
  return [exercise === 'american' ? Math.max(european, strike - lowSpot) : european, 0];
}
