import type { UnixMicros } from '../model/time.js';
import type { ClosedTrade, FillRecord } from '../portfolio/records.js';

export type { ClosedTrade, FillRecord };

/** Account equity sampled after each data point's processing (parallel arrays). */
export interface EquityCurve {
  readonly time: readonly UnixMicros[];
  readonly equity: readonly number[];
  /** 1 when any position was open at that sample, else 0 (for exposure). */
  readonly inMarket: readonly number[];
}

/**
 * Exposure sampled with the equity curve (parallel arrays, base currency). Computed only while a
 * position is open; 0 at flat samples. Formulas: docs/statistics.md.
 */
export interface ExposureCurve {
  /** Σ |quantity × price × multiplier| of the open net positions. */
  readonly gross: readonly number[];
  /** Σ quantity × price × multiplier (longs less shorts). */
  readonly net: readonly number[];
  /** gross / equity (Infinity when equity <= 0 with a position open). */
  readonly leverage: readonly number[];
}

/** Summary of an exposure curve. `null` leverage when equity was <= 0 with a position open. */
export interface ExposureSummary {
  readonly maxGrossExposure: number;
  /** Mean over all samples, flat ones (0) included. */
  readonly averageGrossExposure: number;
  /** Largest |net exposure|, signed as it was. */
  readonly maxNetExposure: number;
  readonly maxLeverage: number | null;
  /** Mean over the samples with a position open; 0 when never in the market. */
  readonly averageLeverage: number | null;
}

/**
 * Performance statistics. Fractions unless the name says `Pct` (then percent) or names a unit.
 * `null` where a statistic is undefined (no trades, zero variance…). Formulas: docs/statistics.md.
 */
export interface Statistics {
  readonly startTime: UnixMicros;
  readonly endTime: UnixMicros;
  readonly initialCapital: number;
  readonly finalValue: number;
  readonly netProfit: number;
  readonly totalReturn: number;
  readonly annualizedReturn: number | null;
  readonly volatility: number | null;
  readonly sharpe: number | null;
  readonly sortino: number | null;
  readonly maxDrawdownPct: number;
  readonly maxDrawdownMoney: number;
  readonly maxDrawdownDurationDays: number;
  readonly calmar: number | null;
  readonly tradeCount: number;
  readonly winningTrades: number;
  readonly losingTrades: number;
  readonly winRate: number | null;
  readonly grossProfit: number;
  readonly grossLoss: number;
  readonly profitFactor: number | null;
  readonly expectancy: number | null;
  readonly averageWin: number | null;
  readonly averageLoss: number | null;
  readonly largestWin: number | null;
  readonly largestLoss: number | null;
  readonly sqn: number | null;
  readonly exposure: number;
  readonly totalCommissions: number;
}
