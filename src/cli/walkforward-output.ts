/** What `bourse walkforward` prints: the windows table and summary, or one JSON object. */
import type { Statistics } from '../backtest/result-types.js';
import { isoFromMicros, utcDateOf } from '../model/time.js';
import {
  describeWindowLength,
  objectiveLabel,
  type TimeSpan,
  type WalkForwardMeta,
  type WalkForwardReport,
} from '../research/index.js';

const keyStatistics = (s: Statistics) => ({
  totalReturn: s.totalReturn,
  annualizedReturn: s.annualizedReturn,
  sharpe: s.sharpe,
  maxDrawdownPct: s.maxDrawdownPct,
  tradeCount: s.tradeCount,
});

export function walkForwardJson(report: WalkForwardReport, meta: WalkForwardMeta) {
  const iso = (span: TimeSpan) => ({
    from: isoFromMicros(span.first),
    to: isoFromMicros(span.last),
    bars: span.bars,
  });
  return {
    strategy: meta.strategy,
    data: meta.data,
    instrument: meta.instrument,
    mode: meta.anchored ? 'anchored' : 'rolling',
    inSample: describeWindowLength(meta.inSample),
    outOfSample: describeWindowLength(meta.outOfSample),
    warmup: meta.warmup,
    objective: objectiveLabel(meta.objective),
    windows: report.windows.map((outcome) => {
      return {
        index: outcome.window.index + 1,
        inSample: iso(outcome.inSampleSpan),
        outOfSample: iso(outcome.outOfSampleSpan),
        params: outcome.chosen.params,
        combinations: outcome.combinations,
        inSampleObjective: outcome.chosen.objective,
        inSampleConstraintsMet: outcome.chosen.constraintsMet,
        inSampleStatistics: keyStatistics(outcome.chosen.statistics),
        outOfSampleStatistics: outcome.outOfSample.statistics,
        efficiency: outcome.efficiency,
      };
    }),
    stitched: { finalValue: report.stitched.statistics.finalValue, statistics: report.stitched.statistics },
    efficiency: report.efficiency,
    stability: report.stability,
  };
}

const num = (value: number | null, decimals: number) => (value === null ? '—' : value.toFixed(decimals));
const pct = (fraction: number | null) => (fraction === null ? '—' : (fraction * 100).toFixed(2));

export function walkForwardTable(report: WalkForwardReport, meta: WalkForwardMeta): string {
  const names = meta.space.axes.filter((axis) => axis.values.length > 1).map((axis) => axis.name);
  const objective = objectiveLabel(meta.objective);
  const header = [
    '#',
    'in sample',
    'out of sample',
    ...names,
    `IS ${objective}`,
    'IS ann %',
    'OOS ret %',
    'OOS ann %',
    'OOS sharpe',
    'OOS dd %',
    'trades',
    'WFE',
  ];
  const range = (span: TimeSpan) => `${utcDateOf(span.first)} → ${utcDateOf(span.last)}`;
  const rows = report.windows.map((outcome) => {
    const is = outcome.chosen.statistics;
    const oos = outcome.outOfSample.statistics;
    return [
      String(outcome.window.index + 1),
      range(outcome.inSampleSpan),
      range(outcome.outOfSampleSpan),
      ...names.map((name) => String(outcome.chosen.params[name])),
      num(outcome.chosen.objective, 3),
      pct(is.annualizedReturn),
      pct(oos.totalReturn),
      pct(oos.annualizedReturn),
      num(oos.sharpe, 2),
      num(oos.maxDrawdownPct, 2),
      String(oos.tradeCount),
      num(outcome.efficiency, 2),
    ];
  });
  const widths = header.map((title, c) => Math.max(title.length, ...rows.map((row) => row[c].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => (c < 3 ? cell.padEnd(widths[c]) : cell.padStart(widths[c])))
      .join('  ')
      .trimEnd();
  const s = report.stitched.statistics;
  const mode = meta.anchored ? 'anchored' : 'rolling';
  return [
    `walk-forward of ${meta.strategy} on ${meta.instrument}: ${mode}, ${describeWindowLength(meta.inSample)} in sample, ${describeWindowLength(meta.outOfSample)} out of sample, ${report.windows.length} windows, objective ${objective}, warm-up ${meta.warmup} bars`,
    line(header),
    ...rows.map(line),
    '',
    `stitched out of sample: ${s.startTime ? utcDateOf(s.startTime) : '—'} → ${s.endTime ? utcDateOf(s.endTime) : '—'}, return ${pct(s.totalReturn)} %, annualised ${pct(s.annualizedReturn)} %, Sharpe ${num(s.sharpe, 2)}, max drawdown ${num(s.maxDrawdownPct, 2)} %, ${s.tradeCount} trades, final value ${s.finalValue.toFixed(2)}`,
    `walk-forward efficiency (OOS annualised / mean IS annualised): ${num(report.efficiency, 2)}`,
    ...report.stability.map(
      (p) =>
        `${p.name}: ${p.distinct} distinct values in ${p.values.length} windows, ${p.changes} changes` +
        (p.mean === null ? '' : `, mean ${num(p.mean, 2)} ± ${num(p.std, 2)}`) +
        (p.relativeSpread === null ? '' : ` (spread ${num(p.relativeSpread, 2)} of the axis)`),
    ),
  ].join('\n');
}
