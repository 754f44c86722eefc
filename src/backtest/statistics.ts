/**
 * Backtest performance statistics. Every formula is written out, with units, in docs/statistics.md;
 * the comments here only point at the non-obvious choices.
 */
import { roundTo } from '../model/grid.js';
import { MICROS_PER_DAY, type UnixMicros } from '../model/time.js';
import type {
  ClosedTrade,
  EquityCurve,
  ExposureCurve,
  ExposureSummary,
  FillRecord,
  Statistics,
} from './result-types.js';

export interface StatisticsInput {
  readonly equity: EquityCurve;
  readonly trades: readonly ClosedTrade[];
  readonly fills: readonly FillRecord[];
  /** Account value before the first sample; must be > 0. */
  readonly initialCapital: number;
  /** Decimals money figures are rounded to (the account currency's minor unit). */
  readonly currencyPrecision: number;
  /** Annual risk-free rate as a fraction (0.03 = 3 %). Default 0. */
  readonly riskFreeRate?: number;
  /** Periods per year used to annualise daily figures. Default 252. */
  readonly tradingDaysPerYear?: number;
}

/**
 * A standard deviation at or below this is treated as zero: a curve growing by exactly 1 % a day
 * has float-noise variance (~1e-18), and dividing by that would report a Sharpe ratio of 1e15.
 */
export const ZERO_DEVIATION = 1e-12;

export interface DailyEquity {
  /** UTC day index (`floor(time / MICROS_PER_DAY)`) of each observed date, ascending. */
  readonly days: readonly number[];
  /** Equity at the last sample of each observed date. */
  readonly equity: readonly number[];
  /** r_d = E_d / E_{d-1} - 1, with E_0 = initialCapital; same length as `days`. */
  readonly returns: readonly number[];
}

/**
 * Resamples the curve to one value per UTC calendar date that has samples (the last one of the
 * date) and computes simple daily returns, the first relative to `initialCapital`. Dates without
 * samples (weekends, holidays) are skipped, not filled.
 */
export function dailyEquity(curve: EquityCurve, initialCapital: number): DailyEquity {
  const days: number[] = [];
  const equity: number[] = [];
  const n = curve.time.length;
  for (let i = 0; i < n; i++) {
    const day = Math.floor(curve.time[i] / MICROS_PER_DAY);
    if (days.length > 0 && days[days.length - 1] === day) {
      equity[equity.length - 1] = curve.equity[i];
    } else {
      days.push(day);
      equity.push(curve.equity[i]);
    }
  }
  const returns = new Array<number>(equity.length);
  let previous = initialCapital;
  for (let d = 0; d < equity.length; d++) {
    // A non-positive base leaves the return undefined (NaN), which nulls the ratios built on it.
    returns[d] = previous > 0 ? equity[d] / previous - 1 : Number.NaN;
    previous = equity[d];
  }
  return { days, equity, returns };
}

/**
 * Drawdown of every sample in percent of the running peak (peak starts at `initialCapital`):
 * 0 at a new high, positive below it. Used by the underwater chart.
 */
export function drawdownPctSeries(curve: EquityCurve, initialCapital: number): Float64Array {
  const n = curve.equity.length;
  const out = new Float64Array(n);
  let peak = initialCapital;
  for (let i = 0; i < n; i++) {
    const e = curve.equity[i];
    if (e > peak) peak = e;
    out[i] = ((peak - e) / peak) * 100;
  }
  return out;
}

export interface DrawdownSummary {
  /** Largest (peak - equity) / peak, in percent (positive; above 100 only if equity went negative). */
  readonly maxDrawdownPct: number;
  /** Largest peak - equity, in money (unrounded). May come from another point than the % maximum. */
  readonly maxDrawdownMoney: number;
  /** Longest time from a peak to the first sample back at or above it (or to the end), in days. */
  readonly maxDrawdownDurationDays: number;
}

/** Drawdown figures on the full-resolution curve, the running peak starting at `initialCapital`. */
export function drawdownSummary(curve: EquityCurve, initialCapital: number): DrawdownSummary {
  const n = curve.equity.length;
  if (n === 0) return { maxDrawdownPct: 0, maxDrawdownMoney: 0, maxDrawdownDurationDays: 0 };
  let peak = initialCapital;
  // The initial capital is "held" from the first sample on, so a curve that starts underwater
  // counts its drawdown duration from its first sample.
  let peakTime: UnixMicros = curve.time[0];
  let maxPct = 0;
  let maxMoney = 0;
  let maxDuration = 0;
  let underwater = false;
  for (let i = 0; i < n; i++) {
    const e = curve.equity[i];
    const t = curve.time[i];
    if (e >= peak) {
      // Back at (or above) the peak: the underwater stretch, if any, ends here. A flat stretch
      // at the peak is not a drawdown, so the peak time moves along with it.
      if (underwater && t - peakTime > maxDuration) maxDuration = t - peakTime;
      underwater = false;
      peak = e;
      peakTime = t;
    } else {
      underwater = true;
      const money = peak - e;
      if (money > maxMoney) maxMoney = money;
      const pct = (money / peak) * 100;
      if (pct > maxPct) maxPct = pct;
    }
  }
  // Never recovered: the stretch runs to the end of the curve.
  const last = curve.time[n - 1];
  if (underwater && last - peakTime > maxDuration) maxDuration = last - peakTime;
  return {
    maxDrawdownPct: maxPct,
    maxDrawdownMoney: maxMoney,
    maxDrawdownDurationDays: maxDuration / MICROS_PER_DAY,
  };
}

function mean(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Standard deviation around `m`, dividing by n - ddof (two-pass, so a constant series gives exactly 0). */
function stdDev(values: readonly number[], m: number, ddof: 0 | 1): number {
  let sum = 0;
  for (const v of values) sum += (v - m) * (v - m);
  return Math.sqrt(sum / (values.length - ddof));
}

interface ReturnStatistics {
  annualizedReturn: number | null;
  volatility: number | null;
  sharpe: number | null;
  sortino: number | null;
}

function returnStatistics(
  returns: readonly number[],
  totalReturn: number,
  riskFreeRate: number,
  periodsPerYear: number,
): ReturnStatistics {
  const n = returns.length;
  if (n === 0) return { annualizedReturn: null, volatility: null, sharpe: null, sortino: null };
  const growth = 1 + totalReturn;
  // Losing everything (or more) annualises to -100 %; a fractional power of a negative is NaN.
  const annualizedReturn = growth <= 0 ? -1 : growth ** (periodsPerYear / n) - 1;
  if (!returns.every(Number.isFinite))
    return { annualizedReturn, volatility: null, sharpe: null, sortino: null };

  const rfDaily = riskFreeRate / periodsPerYear;
  const m = mean(returns);
  const excessMean = m - rfDaily;
  const sqrtYear = Math.sqrt(periodsPerYear);

  let volatility: number | null = null;
  let sharpe: number | null = null;
  if (n >= 2) {
    const sd = stdDev(returns, m, 1);
    volatility = sd * sqrtYear;
    if (sd > ZERO_DEVIATION) sharpe = (excessMean / sd) * sqrtYear;
  }

  let downside = 0;
  for (const r of returns) {
    const x = Math.min(r - rfDaily, 0);
    downside += x * x;
  }
  const downsideDeviation = Math.sqrt(downside / n);
  const sortino = downsideDeviation > ZERO_DEVIATION ? (excessMean / downsideDeviation) * sqrtYear : null;
  return { annualizedReturn, volatility, sharpe, sortino };
}

interface TradeStatistics {
  tradeCount: number;
  winningTrades: number;
  losingTrades: number;
  winRate: number | null;
  grossProfit: number;
  grossLoss: number;
  profitFactor: number | null;
  expectancy: number | null;
  averageWin: number | null;
  averageLoss: number | null;
  largestWin: number | null;
  largestLoss: number | null;
  sqn: number | null;
}

function tradeStatistics(trades: readonly ClosedTrade[], precision: number): TradeStatistics {
  const pnl = trades.map((t) => t.netPnl);
  const n = pnl.length;
  let wins = 0;
  let losses = 0;
  let grossProfit = 0;
  let grossLoss = 0;
  let largestWin: number | null = null;
  let largestLoss: number | null = null;
  for (const p of pnl) {
    if (p > 0) {
      wins++;
      grossProfit += p;
      if (largestWin === null || p > largestWin) largestWin = p;
    } else if (p < 0) {
      losses++;
      grossLoss -= p;
      if (largestLoss === null || p < largestLoss) largestLoss = p;
    }
  }
  const money = (v: number | null): number | null => (v === null ? null : roundTo(v, precision));
  let sqn: number | null = null;
  let expectancy: number | null = null;
  if (n > 0) {
    const m = mean(pnl);
    expectancy = m;
    if (n >= 2) {
      const sd = stdDev(pnl, m, 0);
      // Threshold relative to the largest |P&L| (money scales vary by currency), so SQN stays
      // exactly invariant to scaling every trade's P&L.
      let largest = 0;
      for (const p of pnl) largest = Math.max(largest, Math.abs(p));
      if (sd > ZERO_DEVIATION * largest) sqn = (Math.sqrt(n) * m) / sd;
    }
  }
  return {
    tradeCount: n,
    winningTrades: wins,
    losingTrades: losses,
    winRate: n > 0 ? wins / n : null,
    grossProfit: roundTo(grossProfit, precision),
    grossLoss: roundTo(grossLoss, precision),
    profitFactor: grossLoss > 0 ? grossProfit / grossLoss : null,
    expectancy: money(expectancy),
    averageWin: money(wins > 0 ? grossProfit / wins : null),
    averageLoss: money(losses > 0 ? -grossLoss / losses : null),
    largestWin: money(largestWin),
    largestLoss: money(largestLoss),
    sqn,
  };
}

function validate(input: StatisticsInput): void {
  const { equity: curve, initialCapital, currencyPrecision } = input;
  if (!(initialCapital > 0) || !Number.isFinite(initialCapital)) {
    throw new RangeError(`initialCapital must be a positive finite number, got ${initialCapital}`);
  }
  if (!Number.isInteger(currencyPrecision) || currencyPrecision < 0) {
    throw new RangeError(`currencyPrecision must be a non-negative integer, got ${currencyPrecision}`);
  }
  const periods = input.tradingDaysPerYear ?? 252;
  if (!(periods > 0) || !Number.isFinite(periods)) {
    throw new RangeError(`tradingDaysPerYear must be a positive finite number, got ${periods}`);
  }
  const rf = input.riskFreeRate ?? 0;
  if (!Number.isFinite(rf)) throw new RangeError(`riskFreeRate must be finite, got ${rf}`);
  const n = curve.time.length;
  if (curve.equity.length !== n || curve.inMarket.length !== n) {
    throw new RangeError(
      `equity curve arrays differ in length: time ${n}, equity ${curve.equity.length}, inMarket ${curve.inMarket.length}`,
    );
  }
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(curve.equity[i]))
      throw new RangeError(`equity[${i}] is not finite: ${curve.equity[i]}`);
    if (i > 0 && curve.time[i] < curve.time[i - 1]) {
      throw new RangeError(
        `equity curve time goes backwards at index ${i}: ${curve.time[i]} < ${curve.time[i - 1]}`,
      );
    }
  }
}

/** All performance statistics of one run. Formulas: docs/statistics.md. */
export function computeStatistics(input: StatisticsInput): Statistics {
  validate(input);
  const { equity: curve, initialCapital, currencyPrecision: precision } = input;
  const riskFreeRate = input.riskFreeRate ?? 0;
  const periodsPerYear = input.tradingDaysPerYear ?? 252;
  const n = curve.time.length;

  const lastEquity = n > 0 ? curve.equity[n - 1] : initialCapital;
  const totalReturn = lastEquity / initialCapital - 1;
  const { returns } = dailyEquity(curve, initialCapital);
  const ret = returnStatistics(returns, totalReturn, riskFreeRate, periodsPerYear);
  const dd = drawdownSummary(curve, initialCapital);

  let inMarket = 0;
  for (let i = 0; i < n; i++) if (curve.inMarket[i] !== 0) inMarket++;
  let commissions = 0;
  for (const f of input.fills) commissions += f.commission;

  return {
    startTime: n > 0 ? curve.time[0] : 0,
    endTime: n > 0 ? curve.time[n - 1] : 0,
    initialCapital,
    finalValue: roundTo(lastEquity, precision),
    netProfit: roundTo(lastEquity - initialCapital, precision),
    totalReturn,
    annualizedReturn: ret.annualizedReturn,
    volatility: ret.volatility,
    sharpe: ret.sharpe,
    sortino: ret.sortino,
    maxDrawdownPct: dd.maxDrawdownPct,
    maxDrawdownMoney: roundTo(dd.maxDrawdownMoney, precision),
    maxDrawdownDurationDays: dd.maxDrawdownDurationDays,
    calmar:
      ret.annualizedReturn !== null && dd.maxDrawdownPct > 0
        ? ret.annualizedReturn / (dd.maxDrawdownPct / 100)
        : null,
    ...tradeStatistics(input.trades, precision),
    exposure: n > 0 ? inMarket / n : 0,
    totalCommissions: roundTo(commissions, precision),
  };
}

/**
 * Maximum and average gross exposure, the largest net exposure and the maximum and average
 * leverage of an exposure curve (docs/statistics.md). Money is rounded to `currencyPrecision`.
 */
export function exposureStatistics(curve: ExposureCurve, currencyPrecision: number): ExposureSummary {
  const n = curve.gross.length;
  let maxGross = 0;
  let sumGross = 0;
  let maxNet = 0;
  let maxLeverage = 0;
  let sumLeverage = 0;
  let inMarket = 0;
  for (let i = 0; i < n; i++) {
    const gross = curve.gross[i];
    sumGross += gross;
    if (gross > maxGross) maxGross = gross;
    if (Math.abs(curve.net[i]) > Math.abs(maxNet)) maxNet = curve.net[i];
    if (gross > 0) {
      inMarket++;
      sumLeverage += curve.leverage[i];
      if (curve.leverage[i] > maxLeverage) maxLeverage = curve.leverage[i];
    }
  }
  const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);
  return {
    maxGrossExposure: roundTo(maxGross, currencyPrecision),
    averageGrossExposure: n > 0 ? roundTo(sumGross / n, currencyPrecision) : 0,
    maxNetExposure: roundTo(maxNet, currencyPrecision),
    maxLeverage: finite(maxLeverage),
    averageLeverage: inMarket > 0 ? finite(sumLeverage / inMarket) : 0,
  };
}
