/**
 * The overfitting diagnostics of an optimisation (docs/overfitting.md): the deflated Sharpe ratio
 * of the best combination given how many were tried, the probability of backtest overfitting over
 * every combination's daily returns (CSCV), and, for the best combination, a Monte Carlo of its
 * trades' order and a bootstrap of its daily returns.
 */
import {
  bootstrapReturns,
  type DeflatedSharpeResult,
  deflatedSharpeRatio,
  type PboResult,
  probabilityOfBacktestOverfitting,
  type ReturnMoments,
  type ReturnsBootstrapResult,
  returnMoments,
  type TradeMonteCarloResult,
  tradeMonteCarlo,
} from './diagnostics/index.js';

export interface DiagnosticsInput {
  /** Daily returns of every combination tried, on the same days (one row per combination). */
  readonly trialReturns: readonly (readonly number[])[];
  /** Index in `trialReturns` of the combination the optimisation ranked first. */
  readonly best: number;
  /** Net P&L of the best combination's closed trades, in order. */
  readonly bestTradePnls: readonly number[];
  readonly initialCapital: number;
  readonly seed: number;
  /** Monte Carlo and bootstrap runs (default 1,000). */
  readonly runs?: number;
  /** CSCV blocks (default 16, fewer when there are too few days). */
  readonly blocks?: number;
  readonly periodsPerYear?: number;
}

export interface OptimizationDiagnostics {
  readonly trials: number;
  readonly observations: number;
  /** Moments of the best combination's daily returns. */
  readonly bestMoments: ReturnMoments;
  /** Null when the best combination's Sharpe is undefined (no variance) or there is one trial. */
  readonly deflatedSharpe: DeflatedSharpeResult | null;
  /** Null with fewer than 2 trials or fewer days than blocks. */
  readonly pbo: PboResult | null;
  /** Null with fewer than 2 closed trades. */
  readonly trades: TradeMonteCarloResult | null;
  readonly returns: ReturnsBootstrapResult | null;
  /** Why a diagnostic is missing, one line each. */
  readonly notes: readonly string[];
}

export function optimizationDiagnostics(input: DiagnosticsInput): OptimizationDiagnostics {
  const trials = input.trialReturns.length;
  const observations = input.trialReturns[0]?.length ?? 0;
  input.trialReturns.forEach((row, i) => {
    if (row.length !== observations)
      throw new RangeError(
        `trial ${i} has ${row.length} daily returns, trial 0 has ${observations}: the runs must cover the same days`,
      );
  });
  const notes: string[] = [];
  const bestReturns = input.trialReturns[input.best];
  const bestMoments = returnMoments(bestReturns);
  const runs = input.runs ?? 1000;
  const sharpes = input.trialReturns
    .map((row) => returnMoments(row).sharpe)
    .filter((s): s is number => s !== null);
  let deflatedSharpe: DeflatedSharpeResult | null = null;
  if (bestMoments.sharpe === null || trials < 2 || sharpes.length < 2) {
    notes.push(
      'deflated Sharpe: needs a defined Sharpe ratio for the best combination and at least 2 trials',
    );
  } else {
    deflatedSharpe = deflatedSharpeRatio({
      sharpe: bestMoments.sharpe,
      observations,
      // Defined with the Sharpe ratio (both need a standard deviation above zero).
      skewness: bestMoments.skewness ?? 0,
      kurtosis: bestMoments.kurtosis ?? 3,
      trials,
      trialSharpes: sharpes,
    });
  }
  const blocks = Math.min(input.blocks ?? 16, 2 * Math.floor(observations / 2));
  let pbo: PboResult | null = null;
  if (trials < 2 || blocks < 2)
    notes.push('probability of backtest overfitting: needs at least 2 trials and 2 days');
  else pbo = probabilityOfBacktestOverfitting(input.trialReturns, { blocks });
  let trades: TradeMonteCarloResult | null = null;
  if (input.bestTradePnls.length < 2) notes.push('trade Monte Carlo: needs at least 2 closed trades');
  else trades = tradeMonteCarlo(input.bestTradePnls, input.initialCapital, { seed: input.seed, runs });
  let returns: ReturnsBootstrapResult | null = null;
  if (observations < 2) notes.push('bootstrap of returns: needs at least 2 days');
  else
    returns = bootstrapReturns(bestReturns, {
      seed: input.seed,
      runs,
      meanBlockLength: 5,
      periodsPerYear: input.periodsPerYear ?? 252,
    });
  return { trials, observations, bestMoments, deflatedSharpe, pbo, trades, returns, notes };
}
