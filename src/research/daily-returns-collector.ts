/**
 * Collects every combination's daily returns as its backtest runs, for the overfitting diagnostics
 * of an optimisation (`bourse optimize --diagnostics`). The results file keeps only the statistics,
 * so combinations reused from it are backtested again for their returns.
 */
import {
  type BacktestOutcome,
  type BacktestSetup,
  type CombinationTask,
  paramStrings,
  runSetupBacktest,
} from './combination-backtest.js';
import { rankByFitness } from './objective.js';
import { type OptimizationDiagnostics, optimizationDiagnostics } from './optimization-diagnostics.js';
import { type CombinationResult, paramsKey } from './results-file.js';
import type { BarSeriesData } from './shared-bars.js';

/** Daily returns by combination key, filled as backtests complete. */
export class DailyReturnsCollector {
  private readonly byKey = new Map<string, number[]>();
  days: readonly number[] = [];

  /** Wraps a backtest so that it also returns, and records, the daily returns. */
  wrap(run: (task: CombinationTask) => Promise<BacktestOutcome>) {
    return async (params: readonly string[]): Promise<BacktestOutcome> => {
      const outcome = await run({ params, dailyReturns: true });
      this.record(outcome);
      return outcome;
    };
  }

  private record(outcome: BacktestOutcome): void {
    if (outcome.daily === undefined) return;
    if (this.days.length === 0) this.days = outcome.daily.days;
    // A day without a defined return (equity at or below zero before it) counts as flat.
    this.byKey.set(
      paramsKey(outcome.params),
      outcome.daily.returns.map((r) => r ?? 0),
    );
  }

  /** The diagnostics of `results` (in the search's order), running the combinations not seen yet. */
  async diagnose(
    results: readonly CombinationResult[],
    run: (task: CombinationTask) => Promise<BacktestOutcome>,
    best: { readonly setup: BacktestSetup; readonly series: BarSeriesData; readonly seed: number },
  ): Promise<OptimizationDiagnostics> {
    const missing = results.filter((r) => !this.byKey.has(paramsKey(r.params)));
    await Promise.all(
      missing.map(async (r) =>
        this.record(await run({ params: paramStrings(r.params), dailyReturns: true })),
      ),
    );
    const ranked = rankByFitness(results)[0];
    const { result } = runSetupBacktest(best.setup, best.series, paramStrings(ranked.params));
    return optimizationDiagnostics({
      trialReturns: results.map((r) => this.byKey.get(paramsKey(r.params)) ?? []),
      best: results.indexOf(ranked),
      bestTradePnls: result.trades.map((t) => t.netPnl),
      initialCapital: result.startingCash,
      seed: best.seed,
    });
  }
}
