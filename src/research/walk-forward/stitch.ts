/**
 * Out-of-sample results: the part of a window's run from its first out-of-sample bar on (the run
 * starts earlier, on warm-up bars), and those parts chained into one equity curve. A segment's
 * returns are measured from the equity just before it (positions the strategy entered during the
 * warm-up count from their value at that moment); the stitched curve compounds the segments'
 * returns from the starting cash, so it is the equity of one account trading each window's chosen
 * parameters in turn.
 */
import type { BacktestResult, PriceSeries } from '../../backtest/result.js';
import type {
  ClosedTrade,
  EquityCurve,
  ExposureCurve,
  FillRecord,
  Statistics,
} from '../../backtest/result-types.js';
import { computeStatistics } from '../../backtest/statistics.js';
import { currency } from '../../model/currency.js';
import { firstAtOrAfter } from './windows.js';

export interface OutOfSampleSegment {
  /** The run's equity samples at or after the segment's start time. */
  readonly equity: EquityCurve;
  /** Exposure sampled with `equity`. */
  readonly exposure: ExposureCurve;
  /** Equity just before the first sample (the starting cash when the run starts there). */
  readonly base: number;
  readonly prices: PriceSeries;
  /** Trades closed, and fills made, at or after the start time. */
  readonly trades: readonly ClosedTrade[];
  readonly fills: readonly FillRecord[];
  /** The segment's own statistics, with `base` as its initial capital. */
  readonly statistics: Statistics;
  /** The account currency of the run. */
  readonly currency: string;
}

export interface StitchedResult {
  readonly equity: EquityCurve;
  /** Gross and net exposure scaled like the equity (leverage as run). */
  readonly exposure: ExposureCurve;
  readonly prices: PriceSeries;
  readonly trades: readonly ClosedTrade[];
  readonly fills: readonly FillRecord[];
  readonly statistics: Statistics;
}

/** The segment of `result` from `startTime` on. */
export function outOfSampleSegment(result: BacktestResult, startTime: number): OutOfSampleSegment {
  const k = firstAtOrAfter(result.equity.time, startTime);
  const base = k > 0 ? result.equity.equity[k - 1] : result.startingCash;
  const equity: EquityCurve = {
    time: result.equity.time.slice(k),
    equity: result.equity.equity.slice(k),
    inMarket: result.equity.inMarket.slice(k),
  };
  const exposure: ExposureCurve = {
    gross: result.exposure.gross.slice(k),
    net: result.exposure.net.slice(k),
    leverage: result.exposure.leverage.slice(k),
  };
  const p = firstAtOrAfter(result.prices.time, startTime);
  const prices = { ...result.prices, time: result.prices.time.slice(p), close: result.prices.close.slice(p) };
  const trades = result.trades.filter((t) => t.exitTime >= startTime);
  const fills = result.fills.filter((f) => f.time >= startTime);
  const statistics = computeStatistics({
    equity,
    trades,
    fills,
    initialCapital: base,
    currencyPrecision: currency(result.currency).precision,
  });
  return { equity, exposure, base, prices, trades, fills, statistics, currency: result.currency };
}

/** The segments (in time order) chained from `startingCash`: each compounds its own returns. */
export function stitchSegments(
  segments: readonly OutOfSampleSegment[],
  startingCash: number,
): StitchedResult {
  const time: number[] = [];
  const equity: number[] = [];
  const inMarket: number[] = [];
  const exposure = { gross: [] as number[], net: [] as number[], leverage: [] as number[] };
  let level = startingCash;
  for (const segment of segments) {
    // A window whose run had lost everything before it began (base ≤ 0) adds zeros.
    const scale = segment.base > 0 ? level / segment.base : 0;
    for (let i = 0; i < segment.equity.time.length; i++) {
      time.push(segment.equity.time[i]);
      equity.push(segment.equity.equity[i] * scale);
      inMarket.push(segment.equity.inMarket[i]);
      exposure.gross.push(segment.exposure.gross[i] * scale);
      exposure.net.push(segment.exposure.net[i] * scale);
      exposure.leverage.push(segment.exposure.leverage[i]);
    }
    if (equity.length > 0) level = equity[equity.length - 1];
  }
  const curve = { time, equity, inMarket };
  const trades = segments.flatMap((s) => s.trades);
  const fills = segments.flatMap((s) => s.fills);
  const statistics = computeStatistics({
    equity: curve,
    trades,
    fills,
    initialCapital: startingCash,
    currencyPrecision: currency(segments[0]?.currency ?? 'USD').precision,
  });
  const instrumentId = segments[0]?.prices.instrumentId ?? '';
  return {
    equity: curve,
    exposure,
    // flatMap, not push(...spread): a minute series' window holds more values than a call takes.
    prices: {
      instrumentId,
      time: segments.flatMap((s) => s.prices.time),
      close: segments.flatMap((s) => s.prices.close),
    },
    trades,
    fills,
    statistics,
  };
}
