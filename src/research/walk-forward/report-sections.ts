/** The parts of the walk-forward report: the window timeline, the windows table and parameter stability. */
import {
  escapeHtml,
  formatFractionAsPercent,
  formatNumber,
  formatRatio,
} from '../../backtest/tearsheet/format.js';
import { signClass } from '../../backtest/tearsheet/sections/sign-class.js';
import { renderChart } from '../../backtest/tearsheet/svg-chart.js';
import { BLUE, CHART_WIDTH } from '../../backtest/tearsheet/theme.js';
import { utcDateOf } from '../../model/time.js';
import type { TimeSpan, WalkForwardReport } from './walk-forward.js';

/** Extra CSS of the report (appended to the tearsheet's). */
export const WALK_FORWARD_CSS = `
.wf-timeline{position:relative}
.wf-row{position:relative;height:16px;margin:3px 0 3px 44px;background:#f6f8fa}
.wf-row b{position:absolute;left:-44px;width:40px;text-align:right;font-weight:400;font-size:11px;color:#6e7781;top:0}
.wf-row span{position:absolute;top:2px;height:12px;border-radius:2px}
.wf-row .is{background:#8fb8e8}.wf-row .oos{background:#1a7f37}.wf-row .oos.loss{background:#cf222e}
`;

/** One row per window: its in-sample span (blue) and its out-of-sample span (green, red on a loss). */
export function timelineSection(report: WalkForwardReport): string {
  const first = Math.min(...report.windows.map((w) => w.inSampleSpan.first));
  const last = Math.max(...report.windows.map((w) => w.outOfSampleSpan.last));
  const width = Math.max(1, last - first);
  const bar = (cls: string, from: number, to: number, title: string) =>
    `<span class="${cls}" style="left:${(((from - first) / width) * 100).toFixed(3)}%;width:${Math.max(0.2, ((to - from) / width) * 100).toFixed(3)}%" title="${escapeHtml(title)}"></span>`;
  const rows = report.windows.map((w) => {
    const loss = w.outOfSample.statistics.totalReturn < 0 ? ' loss' : '';
    return [
      `<div class="wf-row" data-window="${w.window.index + 1}"><b>${w.window.index + 1}</b>`,
      bar('is', w.inSampleSpan.first, w.inSampleSpan.last, `in sample ${span(w.inSampleSpan)}`),
      bar(
        `oos${loss}`,
        w.outOfSampleSpan.first,
        w.outOfSampleSpan.last,
        `out of sample ${span(w.outOfSampleSpan)}`,
      ),
      '</div>',
    ].join('');
  });
  return [
    '<section data-section="wf-timeline"><h2>Windows</h2>',
    '<div class="legend"><span><i style="background:#8fb8e8"></i>in sample (optimised)</span><span><i style="background:#1a7f37"></i>out of sample (traded; red: a loss)</span></div>',
    `<div class="wf-timeline">${rows.join('')}</div>`,
    `<p class="note">${escapeHtml(utcDateOf(first))} → ${escapeHtml(utcDateOf(last))}</p>`,
    '</section>',
  ].join('');
}

function span(s: TimeSpan, bars = true): string {
  return `${utcDateOf(s.first)} → ${utcDateOf(s.last)}${bars ? ` (${s.bars} bars)` : ''}`;
}

/** Every window: spans, the chosen parameters, in-sample and out-of-sample figures, efficiency. */
export function windowsTableSection(
  report: WalkForwardReport,
  names: readonly string[],
  objective: string,
): string {
  const head = [
    '#',
    'in sample',
    'out of sample',
    ...names,
    `IS ${objective}`,
    'IS annualised',
    'OOS return',
    'OOS annualised',
    'OOS Sharpe',
    'OOS max DD',
    'OOS trades',
    'WFE',
  ];
  const rows = report.windows.map((w) => {
    const is = w.chosen.statistics;
    const oos = w.outOfSample.statistics;
    const cells = [
      String(w.window.index + 1),
      span(w.inSampleSpan, false),
      span(w.outOfSampleSpan, false),
      ...names.map((name) => String(w.chosen.params[name])),
      formatRatio(w.chosen.objective, 3),
      formatFractionAsPercent(is.annualizedReturn),
    ];
    const signed = [oos.totalReturn, oos.annualizedReturn].map(
      (v) => `<td class="num"><span${signClass(v)}>${escapeHtml(formatFractionAsPercent(v))}</span></td>`,
    );
    const rest = [
      formatRatio(oos.sharpe),
      `${formatNumber(oos.maxDrawdownPct, 2)}%`,
      formatNumber(oos.tradeCount, 0),
      formatRatio(w.efficiency),
    ];
    return `<tr>${cells.map((c, i) => `<td${i < 3 ? '' : ' class="num"'}>${escapeHtml(c)}</td>`).join('')}${signed.join('')}${rest.map((c) => `<td class="num">${escapeHtml(c)}</td>`).join('')}</tr>`;
  });
  return [
    '<section data-section="wf-windows"><h2>Windows: chosen parameters and results</h2>',
    `<div class="scroll"><table><thead><tr>${head.map((h, i) => `<th${i < 3 ? '' : ' class="num"'}>${escapeHtml(h)}</th>`).join('')}</tr></thead>`,
    `<tbody>${rows.join('')}</tbody></table></div>`,
    '<p class="note">WFE: walk-forward efficiency, the out-of-sample annualised return over the in-sample annualised return of the chosen combination (— when the in-sample return is not positive).</p>',
    '</section>',
  ].join('');
}

/** Per numeric axis, the value chosen in each window (a step line), and the stability figures. */
export function stabilitySection(report: WalkForwardReport): string {
  if (report.stability.length === 0) return '';
  const charts = report.stability.map((p) => {
    const numeric = p.values.every((v) => typeof v === 'number');
    const chart = numeric
      ? renderChart({
          width: CHART_WIDTH,
          height: 160,
          label: `${p.name} chosen per window`,
          series: [stepSeries(report, p.values as number[])],
          formatValue: (v, step) => formatNumber(v, step < 1 ? 2 : 0),
        })
      : `<p>${escapeHtml(p.values.join(' → '))}</p>`;
    const figures = [
      `${p.distinct} distinct values in ${p.values.length} windows`,
      `${p.changes} changes`,
      ...(p.mean === null ? [] : [`mean ${formatNumber(p.mean, 2)} ± ${formatNumber(p.std, 2)}`]),
      ...(p.relativeSpread === null ? [] : [`spread ${formatNumber(p.relativeSpread, 2)} of the axis`]),
    ];
    return `<h3>${escapeHtml(p.name)}</h3><p class="note">${escapeHtml(figures.join(' · '))}</p>${chart}`;
  });
  return `<section data-section="wf-stability"><h2>Parameter stability</h2>${charts.join('')}<p class="note">Spread: the standard deviation of the chosen values over the width of the axis (0: always the same; about 0.29: as spread as random draws).</p></section>`;
}

/** The chosen value held over each out-of-sample window (two points per window: a step line). */
function stepSeries(report: WalkForwardReport, values: readonly number[]) {
  const time: number[] = [];
  const value: number[] = [];
  report.windows.forEach((w, i) => {
    time.push(w.outOfSampleSpan.first, w.outOfSampleSpan.last);
    value.push(values[i], values[i]);
  });
  return { time, value, color: BLUE, className: 'stability-line' };
}
