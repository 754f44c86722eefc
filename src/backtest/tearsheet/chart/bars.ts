/** Inline-SVG bar charts over a numeric x axis (histograms): bars, count gridlines and edge labels. */
import { escapeHtml } from '../format.js';
import { plotFrame, valueGrid } from './axes.js';
import { coord } from './path.js';
import { linearScale, niceTicks, type Scale } from './scale.js';
import type { PlotArea } from './types.js';

export interface Bar {
  /** Left and right x of the bar (data units). */
  readonly x0: number;
  readonly x1: number;
  /** Height (data units, ≥ 0). */
  readonly value: number;
  readonly color: string;
  /** Tooltip (SVG `<title>`), plain text. */
  readonly title: string;
  readonly className?: string;
}

export interface BarChartOptions {
  readonly width: number;
  readonly height: number;
  /** Accessible name of the chart. */
  readonly label: string;
  readonly bars: readonly Bar[];
  /** x positions to label (e.g. the bin edges); thinned to fit. */
  readonly xTicks: readonly number[];
  readonly formatX: (value: number) => string;
  readonly formatY: (value: number, step: number) => string;
  /** A dashed vertical line (e.g. at 0) when it falls inside the x range. */
  readonly referenceX?: { readonly value: number; readonly color: string; readonly label?: string };
}

const MARGIN = { top: 12, right: 16, bottom: 28, left: 56 };

/** Labels under the plot at `ticks`, every k-th so that they are at least ~80 px apart. */
function xAxis(plot: PlotArea, x: Scale, ticks: readonly number[], format: (v: number) => string): string {
  const parts: string[] = ['<g class="xaxis">'];
  parts.push(`<line x1="${plot.left}" x2="${plot.right}" y1="${plot.bottom}" y2="${plot.bottom}"/>`);
  const every = Math.max(1, Math.ceil((ticks.length * 80) / Math.max(1, plot.right - plot.left)));
  for (let i = 0; i < ticks.length; i += every) {
    const px = coord(x(ticks[i]));
    parts.push(`<line x1="${px}" x2="${px}" y1="${plot.bottom}" y2="${plot.bottom + 4}"/>`);
    parts.push(
      `<text class="xlabel" x="${px}" y="${plot.bottom + 16}" text-anchor="middle">${escapeHtml(format(ticks[i]))}</text>`,
    );
  }
  parts.push('</g>');
  return parts.join('');
}

/** A complete `<svg>` bar chart; "No data" without bars. */
export function renderBarChart(options: BarChartOptions): string {
  const { width, height, bars } = options;
  const plot: PlotArea = {
    left: MARGIN.left,
    right: width - MARGIN.right,
    top: MARGIN.top,
    bottom: height - MARGIN.bottom,
  };
  const open = `<svg class="chart bar-chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(options.label)}">`;
  if (bars.length === 0) {
    return `${open}<text x="${width / 2}" y="${height / 2}" text-anchor="middle" class="empty">No data</text></svg>`;
  }
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  let top = 0;
  for (const b of bars) {
    lo = Math.min(lo, b.x0);
    hi = Math.max(hi, b.x1);
    top = Math.max(top, b.value);
  }
  const x = linearScale([lo, hi], [plot.left, plot.right]);
  // Counts: whole-number gridlines.
  const nice = niceTicks(0, Math.max(1, top), Math.max(2, Math.round((plot.bottom - plot.top) / 45)));
  const step = Math.max(1, nice.step);
  const ticks: number[] = [];
  for (let v = 0; v < nice.ticks[nice.ticks.length - 1] + step; v += step) ticks.push(v);
  const y = linearScale([0, ticks[ticks.length - 1]], [plot.bottom, plot.top]);
  const rects = bars.map((b) => {
    const x0 = x(b.x0);
    const w = Math.max(1, x(b.x1) - x0 - 1);
    const cls = b.className ? ` class="${escapeHtml(b.className)}"` : '';
    return `<rect${cls} x="${coord(x0 + 0.5)}" y="${coord(y(b.value))}" width="${coord(w)}" height="${coord(y(0) - y(b.value))}" fill="${escapeHtml(b.color)}"><title>${escapeHtml(b.title)}</title></rect>`;
  });
  const ref = options.referenceX;
  const refLine =
    ref && ref.value >= lo && ref.value <= hi
      ? `<line class="reference" x1="${coord(x(ref.value))}" x2="${coord(x(ref.value))}" y1="${plot.top}" y2="${plot.bottom}" stroke="${escapeHtml(ref.color)}" stroke-dasharray="4 3"/>${ref.label ? `<text class="reflabel" x="${coord(x(ref.value) + 4)}" y="${plot.top + 10}" fill="${escapeHtml(ref.color)}">${escapeHtml(ref.label)}</text>` : ''}`
      : '';
  return [
    open,
    valueGrid(plot, y, ticks, step, options.formatY),
    xAxis(plot, x, options.xTicks, options.formatX),
    `<g class="bars">${rects.join('')}</g>`,
    refLine,
    plotFrame(plot),
    '</svg>',
  ].join('');
}
