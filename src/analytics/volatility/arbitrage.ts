/**
 * Static no-arbitrage checks of fitted smiles. Butterfly: Gatheral & Jacquier (2014), "Arbitrage-free
 * SVI volatility surfaces", Quantitative Finance 14(1), Lemma 2.2, the density factor
 *
 *   g(k) = (1 − k w'/(2w))² − (w'²/4)(1/w + 1/4) + w''/2,
 *
 * which must be >= 0 everywhere (the risk-neutral density is `g / √(2πw) · exp(−d₋²/2)`).
 * Calendar: total variance must be non-decreasing in expiry at every fixed log-moneyness
 * (Gatheral & Jacquier 2014, Lemma 2.1).
 */
import { type SviParameters, sviFirstDerivative, sviSecondDerivative, sviTotalVariance } from './svi.js';

/** `g(k)` from total variance `w` and its first two derivatives in `k`. */
export function densityFactor(k: number, w: number, dw: number, d2w: number): number {
  const first = 1 - (k * dw) / (2 * w);
  return first * first - ((dw * dw) / 4) * (1 / w + 0.25) + d2w / 2;
}

/** `g(k)` of a raw SVI slice (analytic derivatives). */
export function sviDensityFactor(p: SviParameters, k: number): number {
  return densityFactor(k, sviTotalVariance(p, k), sviFirstDerivative(p, k), sviSecondDerivative(p, k));
}

/** Evenly spaced log-moneyness grid from `from` to `to` with `points` points (>= 2). */
export function logMoneynessGrid(from: number, to: number, points: number): number[] {
  const grid: number[] = [];
  for (let i = 0; i < points; i++) grid.push(from + ((to - from) * i) / (points - 1));
  return grid;
}

/** The default butterfly grid: k from −1.5 to 1.5 (±150 % log-moneyness), 601 points. */
export const DEFAULT_BUTTERFLY_GRID: readonly number[] = logMoneynessGrid(-1.5, 1.5, 601);

/** Outcome of a butterfly check on a grid: the smallest `g`, where it is, and the verdict. */
export interface ButterflyCheck {
  readonly minimumG: number;
  readonly atLogMoneyness: number;
  /** True when `g >= 0` (and `w > 0`) at every grid point. */
  readonly arbitrageFree: boolean;
}

/**
 * Butterfly check of any smile given as a total-variance function: `w'` and `w''` by central
 * differences with step `h` (default 1e-4). Non-positive `w` counts as arbitrage (`g = −∞`).
 */
export function butterflyCheck(
  totalVariance: (k: number) => number,
  grid: readonly number[] = DEFAULT_BUTTERFLY_GRID,
  h = 1e-4,
): ButterflyCheck {
  return scanG(grid, (k) => {
    const w = totalVariance(k);
    if (!(w > 0)) return Number.NEGATIVE_INFINITY;
    const up = totalVariance(k + h);
    const down = totalVariance(k - h);
    return densityFactor(k, w, (up - down) / (2 * h), (up - 2 * w + down) / (h * h));
  });
}

/** Butterfly check of a raw SVI slice with analytic derivatives. */
export function sviButterflyCheck(
  p: SviParameters,
  grid: readonly number[] = DEFAULT_BUTTERFLY_GRID,
): ButterflyCheck {
  return scanG(grid, (k) => (sviTotalVariance(p, k) > 0 ? sviDensityFactor(p, k) : Number.NEGATIVE_INFINITY));
}

function scanG(grid: readonly number[], g: (k: number) => number): ButterflyCheck {
  let minimumG = Number.POSITIVE_INFINITY;
  let atLogMoneyness = Number.NaN;
  for (const k of grid) {
    const value = g(k);
    if (value < minimumG) {
      minimumG = value;
      atLogMoneyness = k;
    }
  }
  return { minimumG, atLogMoneyness, arbitrageFree: minimumG >= 0 };
}

/** One expiry for the calendar check: its time in years and total variance by log-moneyness. */
export interface CalendarSlice {
  readonly time: number;
  readonly totalVariance: (k: number) => number;
}

/** Outcome of a calendar check: the worst decrease of total variance between consecutive expiries. */
export interface CalendarCheck {
  /** Smallest `w(k, T_{i+1}) − w(k, T_i)` over the grid and all consecutive pairs. */
  readonly minimumIncrease: number;
  readonly atLogMoneyness: number;
  /** Index `i` of the earlier expiry of the worst pair (in time order). */
  readonly pairIndex: number;
  /** Grid points × pairs where total variance decreases by more than the tolerance. */
  readonly violations: number;
  readonly arbitrageFree: boolean;
}

/**
 * Calendar-spread check: with slices sorted by time, total variance must not decrease from one
 * expiry to the next at any grid `k` (tolerance `tolerance` in total variance, default 1e-10).
 */
export function calendarCheck(
  slices: readonly CalendarSlice[],
  grid: readonly number[] = DEFAULT_BUTTERFLY_GRID,
  tolerance = 1e-10,
): CalendarCheck {
  const sorted = [...slices].sort((x, y) => x.time - y.time);
  let minimumIncrease = Number.POSITIVE_INFINITY;
  let atLogMoneyness = Number.NaN;
  let pairIndex = -1;
  let violations = 0;
  for (let i = 0; i + 1 < sorted.length; i++) {
    for (const k of grid) {
      const increase = sorted[i + 1].totalVariance(k) - sorted[i].totalVariance(k);
      if (increase < -tolerance) violations++;
      if (increase < minimumIncrease) {
        minimumIncrease = increase;
        atLogMoneyness = k;
        pairIndex = i;
      }
    }
  }
  return { minimumIncrease, atLogMoneyness, pairIndex, violations, arbitrageFree: violations === 0 };
}
