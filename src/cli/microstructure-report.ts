import {
  amihudIlliquidity,
  fitStoikovMicroprice,
  intervalEndMids,
  kyleLambda,
  leeReadySigns,
  midOf,
  ofiPriceImpact,
  orderBookImbalance,
  quoteIntervalGrid,
  rollSpread,
  spreadSummary,
  sumPerInterval,
  type Trade,
  timeWeightedQuotedSpread,
  vpin,
  weightedMid,
} from '../analytics/microstructure/index.js';
import { mean } from '../analytics/statistics/sample.js';
import type { MarketSeries } from './microstructure-series.js';

/** Settings of a report: interval and horizon in microseconds, VPIN buckets and window. */
export interface MicrostructureSettings {
  readonly intervalMicros: number;
  readonly horizonMicros: number;
  readonly vpinBuckets: number;
  readonly vpinWindow: number;
}

/** Every measure of `bourse microstructure` for one file (null where a measure is undefined). */
export interface MicrostructureReport {
  readonly quotes: number;
  readonly trades: number;
  /** Trades signed by the file's aggressor flag / by Lee–Ready because the file gave none. */
  readonly tradesSignedByFile: number;
  readonly tradesSignedByLeeReady: number;
  /** Share of file-signed trades whose Lee–Ready sign agrees with the file's. */
  readonly leeReadyAgreement: number | null;
  readonly seconds: number;
  readonly intervalSeconds: number;
  readonly intervals: number;
  readonly tickSize: number;
  /** Level-1 imbalance, mean over quote updates. */
  readonly imbalanceMean: number | null;
  /** Depth imbalance over the top 5 levels, mean over quote updates (null without depth: LOBSTER level 1). */
  readonly depthImbalanceMean: number | null;
  readonly ofi: { beta: number | null; tStat: number | null; rSquared: number | null };
  /** Mean of (microprice − mid) and of |microprice − mid| over quote updates, in ticks. */
  readonly microprice: { meanMinusMidTicks: number | null; meanAbsMinusMidTicks: number | null };
  /**
   * Stoikov's (2018) micro-price adjustment g(I, S) in ticks at a 1-tick spread, for the lowest
   * (I < 0.1) and highest (I ≥ 0.9) of 10 imbalance buckets, fitted on consecutive quote updates.
   */
  readonly stoikov: { samples: number; lowImbalanceTicks: number | null; highImbalanceTicks: number | null };
  readonly spreads: {
    quotedTimeWeighted: number | null;
    quotedTimeWeightedTicks: number | null;
    quotedAtTrades: number | null;
    quotedAtTradesBps: number | null;
    effective: number | null;
    effectiveBps: number | null;
    effectiveTicks: number | null;
    realised: number | null;
    realisedBps: number | null;
    realisedTicks: number | null;
    priceImpact: number | null;
    priceImpactBps: number | null;
    horizonSeconds: number;
  };
  readonly kyle: { lambda: number | null; tStat: number | null; rSquared: number | null };
  /** Amihud illiquidity per interval: mean |log mid return| per $ million traded. */
  readonly amihudPerMillion: number | null;
  readonly roll: { spread: number | null; spreadTicks: number | null; autocovariance: number | null };
  readonly vpin: { last: number | null; mean: number | null; buckets: number; window: number };
}

const orNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** Computes every measure of the report from a series (see docs/analytics/microstructure.md). */
export function microstructureReport(
  series: MarketSeries,
  settings: MicrostructureSettings,
): MicrostructureReport {
  const { quotes, tickSize } = series;
  if (quotes.length < 2) throw new RangeError(`the file must give at least 2 quotes, got ${quotes.length}`);
  const trades = signedTrades(series);
  const width = settings.intervalMicros;
  const grid = quoteIntervalGrid(quotes, width);
  const ofi = ofiPriceImpact(quotes, width, tickSize).regression;
  const spreads = spreadSummary(trades.trades, quotes, settings.horizonMicros);
  const kyle = kyleLambda(quotes, trades.trades, width).regression;
  const micro = quotes.map(
    (q) => (weightedMid(q.bidPrice, q.bidSize, q.askPrice, q.askSize) - midOf(q)) / tickSize,
  );
  const imbalances = quotes.map((q) => orderBookImbalance(q.bidSize, q.askSize));
  const roll = trades.trades.length >= 4 ? rollSpread(trades.trades.map((t) => t.price)) : undefined;
  const quoted = timeWeightedQuotedSpread(quotes);
  const ticks = (x: number) => orNull(x / tickSize);
  return {
    quotes: quotes.length,
    trades: trades.trades.length,
    tradesSignedByFile: trades.byFile,
    tradesSignedByLeeReady: trades.byLeeReady,
    leeReadyAgreement: orNull(trades.agreement),
    seconds: (quotes[quotes.length - 1].time - quotes[0].time) / 1e6,
    intervalSeconds: width / 1e6,
    intervals: grid.count,
    tickSize,
    imbalanceMean: orNull(mean(imbalances.filter(Number.isFinite))),
    depthImbalanceMean: orNull(mean((series.depthImbalances ?? []).filter(Number.isFinite))),
    ofi: { beta: orNull(ofi.slope), tStat: orNull(ofi.slopeTStat), rSquared: orNull(ofi.rSquared) },
    microprice: {
      meanMinusMidTicks: orNull(mean(micro.filter(Number.isFinite))),
      meanAbsMinusMidTicks: orNull(mean(micro.filter(Number.isFinite).map(Math.abs))),
    },
    stoikov: stoikovOf(series),
    spreads: {
      quotedTimeWeighted: orNull(quoted),
      quotedTimeWeightedTicks: ticks(quoted),
      quotedAtTrades: orNull(spreads.quoted),
      quotedAtTradesBps: orNull(spreads.quotedBps),
      effective: orNull(spreads.effective),
      effectiveBps: orNull(spreads.effectiveBps),
      effectiveTicks: ticks(spreads.effective),
      realised: orNull(spreads.realised),
      realisedBps: orNull(spreads.realisedBps),
      realisedTicks: ticks(spreads.realised),
      priceImpact: orNull(spreads.priceImpact),
      priceImpactBps: orNull(spreads.priceImpactBps),
      horizonSeconds: settings.horizonMicros / 1e6,
    },
    kyle: { lambda: orNull(kyle.slope), tStat: orNull(kyle.slopeTStat), rSquared: orNull(kyle.rSquared) },
    amihudPerMillion: orNull(amihud(series, trades.trades, width) * 1e6),
    roll: {
      spread: orNull(roll?.spread ?? Number.NaN),
      spreadTicks: ticks(roll?.spread ?? Number.NaN),
      autocovariance: orNull(roll?.autocovariance ?? Number.NaN),
    },
    vpin: vpinOf(trades.trades, grid.start, grid.count, width, settings),
  };
}

function stoikovOf(series: MarketSeries): MicrostructureReport['stoikov'] {
  const model = fitStoikovMicroprice(series.quotes, { tickSize: series.tickSize });
  return {
    samples: model.samples,
    lowImbalanceTicks: orNull(model.samples > 0 ? model.adjustment[0][0] : Number.NaN),
    highImbalanceTicks: orNull(
      model.samples > 0 ? model.adjustment[0][model.imbalanceBuckets - 1] : Number.NaN,
    ),
  };
}

/** Trades with a sign: the file's aggressor flag, otherwise Lee–Ready against the prevailing mid. */
function signedTrades(series: MarketSeries): {
  trades: Trade[];
  byFile: number;
  byLeeReady: number;
  agreement: number;
} {
  const { quotes } = series;
  const mids = series.trades.map((t) => (t.quoteIndex >= 0 ? midOf(quotes[t.quoteIndex]) : Number.NaN));
  const inferred = leeReadySigns(
    series.trades.map((t) => t.price),
    mids,
  );
  let byFile = 0;
  let byLeeReady = 0;
  let agree = 0;
  const trades = series.trades.map((t, i): Trade => {
    if (t.sign !== 0) {
      byFile++;
      if (inferred[i] === t.sign) agree++;
      return t;
    }
    if (inferred[i] !== 0) byLeeReady++;
    return { ...t, sign: inferred[i] };
  });
  return { trades, byFile, byLeeReady, agreement: byFile > 0 ? agree / byFile : Number.NaN };
}

/** Amihud per interval: |ln(M_end / M_start)| over the interval's traded value (price × size). */
function amihud(series: MarketSeries, trades: readonly Trade[], width: number): number {
  const grid = quoteIntervalGrid(series.quotes, width);
  const mids = intervalEndMids(series.quotes, grid);
  const value = sumPerInterval(
    grid,
    trades.map((t) => t.time),
    trades.map((t) => t.price * t.size),
  );
  const returns = mids.slice(1).map((mid, k) => Math.log(mid / mids[k]));
  return amihudIlliquidity(returns, value);
}

/** VPIN on interval bars: bar volume, and the change of the last trade price from bar to bar. */
function vpinOf(
  trades: readonly Trade[],
  start: number,
  count: number,
  width: number,
  settings: MicrostructureSettings,
): MicrostructureReport['vpin'] {
  const volumes = new Array<number>(count).fill(0);
  const closes = new Array<number>(count).fill(Number.NaN);
  for (const t of trades) {
    const k = Math.floor((t.time - start) / width);
    if (k < 0 || k >= count) continue;
    volumes[k] += t.size;
    closes[k] = t.price;
  }
  const changes: number[] = [];
  const barVolumes: number[] = [];
  let previous = Number.NaN;
  for (let k = 0; k < count; k++) {
    if (volumes[k] === 0) continue;
    if (!Number.isNaN(previous)) {
      changes.push(closes[k] - previous);
      barVolumes.push(volumes[k]);
    }
    previous = closes[k];
  }
  const total = barVolumes.reduce((a, b) => a + b, 0);
  const empty = { last: null, mean: null, buckets: 0, window: settings.vpinWindow };
  if (total === 0) return empty;
  const result = vpin(barVolumes, changes, total / settings.vpinBuckets, settings.vpinWindow);
  return {
    last: orNull(result.last),
    mean: orNull(result.mean),
    buckets: result.buckets.length,
    window: settings.vpinWindow,
  };
}
