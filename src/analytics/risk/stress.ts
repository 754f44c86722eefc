/**
 * Stress tests: historical-window and hypothetical scenarios applied to a portfolio by full
 * revaluation (every option repriced under the shocked spot, vol and remaining time; Jorion,
 * "Value at Risk", 3rd ed., ch. 14; BCBS, "Principles for sound stress testing", 2009). The
 * delta-only and delta–gamma P&L are reported alongside for comparison.
 */
import { requireFinite, requireInteger } from '../statistics/validate.js';
import {
  type MarketState,
  type Position,
  portfolioDeltaGamma,
  portfolioValue,
  TRADING_DAYS_PER_YEAR,
} from './positions.js';

/** A scenario: a simple return of the underlying, an additive vol shift and the time it takes. */
export interface Scenario {
  readonly name: string;
  /** Simple return of the underlying, −0.12 = −12 %. */
  readonly spotReturn: number;
  /** Additive shift of implied vols, 0.10 = +10 vol points (default 0). */
  readonly volShift?: number;
  /** Time passed in years (default 0). */
  readonly elapsed?: number;
}

/** A daily close series with its ISO dates (yyyy-mm-dd, ascending). */
export interface DatedCloses {
  readonly dates: readonly string[];
  readonly closes: ArrayLike<number>;
}

function indexOfDate(series: DatedCloses, date: string, name: string): number {
  const index = series.dates.indexOf(date);
  if (index < 0) throw new RangeError(`${name} must be a date of the series, got ${date}`);
  return index;
}

/**
 * The historical scenario from the close of `from` to the close of `to` (both dates of the series):
 * spot return close[to]/close[from] − 1, elapsed = trading days / 252, and the stated vol shift.
 */
export function historicalScenario(
  series: DatedCloses,
  name: string,
  from: string,
  to: string,
  volShift = 0,
): Scenario {
  const start = indexOfDate(series, from, 'from');
  const end = indexOfDate(series, to, 'to');
  if (end <= start) throw new RangeError(`to must be after from (${from}), got ${to}`);
  return {
    name,
    spotReturn: series.closes[end] / series.closes[start] - 1,
    volShift: requireFinite('volShift', volShift),
    elapsed: (end - start) / TRADING_DAYS_PER_YEAR,
  };
}

/** The worst `days`-day close-to-close move within [from, to] (dates inclusive). */
export interface WorstMove {
  readonly from: string;
  readonly to: string;
  readonly spotReturn: number;
}

/** Finds the most negative `days`-day simple return whose both ends lie in [from, to]. */
export function worstMove(series: DatedCloses, days: number, from: string, to: string): WorstMove {
  requireInteger('days', days, 1);
  let best: WorstMove | undefined;
  for (let end = days; end < series.dates.length; end++) {
    const start = end - days;
    if (series.dates[start] < from || series.dates[end] > to) continue;
    const move = series.closes[end] / series.closes[start] - 1;
    if (!best || move < best.spotReturn) {
      best = { from: series.dates[start], to: series.dates[end], spotReturn: move };
    }
  }
  if (!best) throw new RangeError(`days must fit in ${from}..${to}, got ${days}`);
  return best;
}

/** Hypothetical scenarios: every combination of spot shocks, vol shifts and elapsed times. */
export function hypotheticalGrid(
  spotReturns: readonly number[],
  volShifts: readonly number[] = [0],
  elapsedTimes: readonly number[] = [0],
): Scenario[] {
  const out: Scenario[] = [];
  for (const elapsed of elapsedTimes) {
    for (const volShift of volShifts) {
      for (const spotReturn of spotReturns) {
        const name = `spot ${pct(spotReturn)} vol ${pct(volShift)} after ${elapsed}y`;
        out.push({ name, spotReturn, volShift, elapsed });
      }
    }
  }
  return out;
}

function pct(x: number): string {
  return `${x >= 0 ? '+' : ''}${(x * 100).toFixed(0)}%`;
}

/** One scenario's result: the revalued P&L and the delta / delta–gamma approximations. */
export interface StressResult {
  readonly scenario: Scenario;
  readonly value: number;
  /** Full revaluation P&L: value(shocked) − value(today). */
  readonly pnl: number;
  readonly deltaPnl: number;
  readonly deltaGammaPnl: number;
}

/** Results per scenario and the worst (most negative full-revaluation P&L) of them. */
export interface StressReport {
  readonly baseValue: number;
  readonly results: readonly StressResult[];
  readonly worst: StressResult;
}

/**
 * Applies each scenario to the portfolio at `today`: shocked spot S(1 + spotReturn), vols + volShift,
 * time + elapsed; P&L by full revaluation, and ΔS·delta, ΔS·delta + ½ΔS²·gamma for comparison.
 */
export function stressTest(
  positions: readonly Position[],
  today: MarketState,
  scenarios: readonly Scenario[],
): StressReport {
  if (scenarios.length === 0) throw new RangeError('scenarios must hold at least one scenario');
  const baseValue = portfolioValue(positions, today);
  const { delta, gamma } = portfolioDeltaGamma(positions, today);
  const results = scenarios.map((scenario) => {
    requireFinite(`${scenario.name} spotReturn`, scenario.spotReturn);
    const move = today.spot * scenario.spotReturn;
    const value = portfolioValue(positions, {
      spot: today.spot + move,
      volShift: (today.volShift ?? 0) + (scenario.volShift ?? 0),
      elapsed: (today.elapsed ?? 0) + (scenario.elapsed ?? 0),
    });
    return {
      scenario,
      value,
      pnl: value - baseValue,
      deltaPnl: delta * move,
      deltaGammaPnl: delta * move + 0.5 * gamma * move * move,
    };
  });
  const worst = results.reduce((a, b) => (b.pnl < a.pnl ? b : a));
  return { baseValue, results, worst };
}
