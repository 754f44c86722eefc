/** The data layers of a chart: series lines (with optional area fill) and trade markers. */
import { escapeHtml } from '../format.js';
import { coord, linePath } from './path.js';
import type { Scale } from './scale.js';
import type { ChartBand, ChartMarker, ChartSeries, PlotArea } from './types.js';

/** One series through the points at indices `kept`: an optional area path, then the line. */
export function seriesPaths(s: ChartSeries, kept: readonly number[], x: Scale, y: Scale): string {
  if (kept.length === 0) return '';
  const xs = kept.map((i) => x(s.time[i]));
  const ys = kept.map((i) => y(s.value[i]));
  const cls = s.className ? ` class="${escapeHtml(s.className)}"` : '';
  let area = '';
  if (s.areaTo !== undefined) {
    const base = coord(y(s.areaTo));
    const d = `M${coord(xs[0])} ${base}${linePath(xs, ys).replace(/^M/, 'L')}L${coord(xs[xs.length - 1])} ${base}Z`;
    area = `<path class="area" d="${d}" fill="${escapeHtml(s.areaColor ?? s.color)}" stroke="none"/>`;
  }
  return `${area}<path${cls} d="${linePath(xs, ys)}" fill="none" stroke="${escapeHtml(s.color)}" stroke-width="${s.strokeWidth ?? 1.5}" stroke-linejoin="round"/>`;
}

/** Triangles centred on (time, value), tooltip in `<title>`; empty when there are no markers. */
export function markerLayer(markers: readonly ChartMarker[], x: Scale, y: Scale): string {
  if (markers.length === 0) return '';
  const parts: string[] = ['<g class="markers">'];
  for (const m of markers) {
    const px = x(m.time);
    const py = y(m.value);
    const d =
      m.shape === 'up'
        ? `M${coord(px)} ${coord(py - 5)}l5 9h-10z`
        : `M${coord(px)} ${coord(py + 5)}l5 -9h-10z`;
    const cls = m.className ? ` class="${escapeHtml(m.className)}"` : '';
    parts.push(
      `<path${cls} d="${d}" fill="${escapeHtml(m.color)}" stroke="#fff" stroke-width="0.6"><title>${escapeHtml(m.title)}</title></path>`,
    );
  }
  parts.push('</g>');
  return parts.join('');
}

/** Full-height rectangles over each band's time span (clipped to the plot); empty without bands. */
export function bandLayer(bands: readonly ChartBand[], plot: PlotArea, x: Scale): string {
  if (bands.length === 0) return '';
  const parts: string[] = ['<g class="bands">'];
  for (const b of bands) {
    const x0 = Math.max(plot.left, Math.min(plot.right, x(b.from)));
    const x1 = Math.max(plot.left, Math.min(plot.right, x(b.to)));
    const cls = b.className ? ` class="${escapeHtml(b.className)}"` : '';
    const title = b.title ? `<title>${escapeHtml(b.title)}</title>` : '';
    parts.push(
      `<rect${cls} x="${coord(x0)}" y="${plot.top}" width="${coord(Math.max(1, x1 - x0))}" height="${plot.bottom - plot.top}" fill="${escapeHtml(b.color)}">${title}</rect>`,
    );
  }
  parts.push('</g>');
  return parts.join('');
}
