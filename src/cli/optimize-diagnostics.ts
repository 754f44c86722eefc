/**
 * `bourse optimize --diagnostics`: the overfitting diagnostics (collected by
 * `research/daily-returns-collector.ts`) printed in a few lines.
 */
import type { OptimizationDiagnostics } from '../research/optimization-diagnostics.js';

const pct = (v: number) => `${(v * 100).toFixed(2)} %`;
const range = (q: readonly { p: number; value: number }[], format: (v: number) => string) =>
  `${format(q[0].value)} … ${format(q[q.length - 1].value)} (median ${format(q[Math.floor(q.length / 2)].value)})`;

/** The diagnostics in a few lines (the report has the charts). */
export function diagnosticsText(d: OptimizationDiagnostics): string {
  const lines = [`overfitting diagnostics (${d.trials} combinations, ${d.observations} daily returns):`];
  const s = d.deflatedSharpe;
  const annual = Math.sqrt(252);
  if (s)
    lines.push(
      `  deflated Sharpe ratio ${s.dsr.toFixed(3)}: best Sharpe ${((d.bestMoments.sharpe ?? 0) * annual).toFixed(2)} annualised against ${(s.expectedMaxSharpe * annual).toFixed(2)} expected from the best of ${d.trials} noise trials; probabilistic Sharpe ${s.psr.toFixed(3)}`,
    );
  if (d.pbo)
    lines.push(
      `  probability of backtest overfitting ${pct(d.pbo.pbo)} (${d.pbo.splitCount} splits of ${d.pbo.blocks} blocks); probability of an out-of-sample loss ${pct(d.pbo.probabilityOfLoss)}`,
    );
  const quantiles = '5 % … 95 %';
  if (d.trades)
    lines.push(
      `  ${d.trades.trades} trades reordered ${d.trades.runs} times, max drawdown ${quantiles}: ${range(d.trades.permutation.maxDrawdownPct.quantiles, (v) => `${v.toFixed(2)} %`)}; as traded ${d.trades.original.maxDrawdownPct.toFixed(2)} %`,
    );
  if (d.returns)
    lines.push(
      `  daily returns bootstrapped ${d.returns.runs} times, total return ${quantiles}: ${range(d.returns.totalReturn.quantiles, pct)}; max drawdown ${range(d.returns.maxDrawdownPct.quantiles, (v) => `${v.toFixed(2)} %`)}`,
    );
  for (const note of d.notes) lines.push(`  ${note}`);
  return lines.join('\n');
}
