import type { BarBacktestRun } from '../run-file.js';
import { renderTearsheet } from './render.js';

/** The tearsheet of a bar backtest run, as `bourse backtest --report` and the dashboard show it. */
export function renderRunTearsheet(
  run: Pick<BarBacktestRun, 'result' | 'series' | 'params'>,
  meta: { readonly strategy: string; readonly data: string },
): string {
  const { result } = run;
  return renderTearsheet({
    title: `${meta.strategy} on ${run.series.instrument.id}`,
    subtitle: meta.data,
    statistics: result.statistics,
    equity: result.equity,
    prices: result.prices,
    fills: result.fills,
    trades: result.trades,
    parameters: Object.fromEntries(
      Object.entries(run.params).map(([k, v]) => [
        k,
        typeof v === 'number' || typeof v === 'boolean' ? v : String(v),
      ]),
    ),
    currency: result.currency,
    exposure: result.exposure,
  });
}
