/**
 * Minimal inline-SVG line charts: linear scales, "nice" value ticks, calendar-aware UTC time
 * ticks, min/max-per-pixel-column downsampling, line/area paths and trade markers.
 *
 * Output is an `<svg>` element string for embedding in HTML (no `xmlns` needed there), sized by
 * its viewBox so it scales with the page. The pieces live in `chart/`; this module assembles them
 * and is the public entry point.
 */
import { plotFrame, referenceLines, timeAxis, valueGrid } from './chart/axes.js';
import { timeExtent, valueExtent } from './chart/domain.js';
import { downsampleMinMax } from './chart/downsample.js';
import { bandLayer, markerLayer, seriesPaths } from './chart/marks.js';
import { linearScale, niceTicks } from './chart/scale.js';
import type { ChartOptions, PlotArea } from './chart/types.js';
import { escapeHtml } from './format.js';

export { downsampleMinMax } from './chart/downsample.js';
export { linePath } from './chart/path.js';
export { linearScale, niceTicks, type Scale, stepDecimals } from './chart/scale.js';
export { type TimeTick, timeTicks } from './chart/time-ticks.js';
export type { ChartBand, ChartMarker, ChartOptions, ChartSeries, ReferenceLine } from './chart/types.js';

const DEFAULT_MARGIN = { top: 12, right: 16, bottom: 28, left: 72 };

/** A complete `<svg>` line chart with value gridlines, time axis, series and markers. */
export function renderChart(options: ChartOptions): string {
  const { width, height } = options;
  const margin = options.margin ?? DEFAULT_MARGIN;
  const plot: PlotArea = {
    left: margin.left,
    right: width - margin.right,
    top: margin.top,
    bottom: height - margin.bottom,
  };
  const columns = options.columns ?? Math.max(1, Math.min(1000, Math.round(plot.right - plot.left)));
  const [t0, t1] = timeExtent(options);
  const open = `<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(options.label)}">`;
  if (!(t1 >= t0)) {
    return `${open}<text x="${width / 2}" y="${height / 2}" text-anchor="middle" class="empty">No data</text></svg>`;
  }

  // Downsample first: min/max survive, so the value domain from the kept points is exact.
  const kept = options.series.map((s) => downsampleMinMax(s.time, s.value, columns, t0, t1));
  const [vMin, vMax] = valueExtent(options, kept);
  const rows = Math.max(2, Math.round((plot.bottom - plot.top) / 45));
  const { ticks, step } = niceTicks(vMin, vMax, rows);
  const x = linearScale([t0, t1], [plot.left, plot.right]);
  const y = linearScale([ticks[0], ticks[ticks.length - 1]], [plot.bottom, plot.top]);

  return [
    open,
    valueGrid(plot, y, ticks, step, options.formatValue),
    bandLayer(options.bands ?? [], plot, x),
    timeAxis(plot, x, t0, t1),
    referenceLines(plot, y, options.referenceLines ?? []),
    ...options.series.map((s, k) => seriesPaths(s, kept[k], x, y)),
    markerLayer(options.markers ?? [], x, y),
    plotFrame(plot),
    '</svg>',
  ].join('');
}
