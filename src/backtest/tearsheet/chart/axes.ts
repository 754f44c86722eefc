/** Chart furniture: value gridlines with labels, the time axis, reference lines and the frame. */
import { escapeHtml } from '../format.js';
import { coord } from './path.js';
import type { Scale } from './scale.js';
import { timeTicks } from './time-ticks.js';
import type { PlotArea, ReferenceLine } from './types.js';

/** Horizontal gridlines at `ticks`, each labelled left of the plot by `format(value, step)`. */
export function valueGrid(
  plot: PlotArea,
  y: Scale,
  ticks: readonly number[],
  step: number,
  format: (value: number, step: number) => string,
): string {
  const yLo = ticks[0];
  const yHi = ticks[ticks.length - 1];
  const parts: string[] = ['<g class="grid">'];
  for (const v of ticks) {
    if (v < yLo - 1e-12 || v > yHi + 1e-12) continue;
    const py = coord(y(v));
    parts.push(`<line x1="${plot.left}" x2="${plot.right}" y1="${py}" y2="${py}"/>`);
    parts.push(
      `<text class="ylabel" x="${plot.left - 6}" y="${py}" text-anchor="end" dominant-baseline="middle">${escapeHtml(format(v, step))}</text>`,
    );
  }
  parts.push('</g>');
  return parts.join('');
}

/** The baseline with a tick mark and label per calendar tick in [t0, t1] (about one per 110 px). */
export function timeAxis(plot: PlotArea, x: Scale, t0: number, t1: number): string {
  const maxTimeTicks = Math.max(2, Math.floor((plot.right - plot.left) / 110));
  const parts: string[] = ['<g class="xaxis">'];
  parts.push(`<line x1="${plot.left}" x2="${plot.right}" y1="${plot.bottom}" y2="${plot.bottom}"/>`);
  for (const tick of timeTicks(t0, t1, maxTimeTicks)) {
    const px = coord(x(tick.time));
    parts.push(`<line x1="${px}" x2="${px}" y1="${plot.bottom}" y2="${plot.bottom + 4}"/>`);
    parts.push(
      `<text class="xlabel" x="${px}" y="${plot.bottom + 16}" text-anchor="middle">${escapeHtml(tick.label)}</text>`,
    );
  }
  parts.push('</g>');
  return parts.join('');
}

/** Dashed horizontal lines across the plot, each with an optional label above its right end. */
export function referenceLines(plot: PlotArea, y: Scale, lines: readonly ReferenceLine[]): string {
  const parts: string[] = [];
  for (const r of lines) {
    const py = coord(y(r.value));
    parts.push(
      `<line class="reference" x1="${plot.left}" x2="${plot.right}" y1="${py}" y2="${py}" stroke="${escapeHtml(r.color)}" stroke-dasharray="4 3"/>`,
    );
    if (r.label) {
      parts.push(
        `<text class="reflabel" x="${plot.right - 4}" y="${coord(y(r.value) - 4)}" text-anchor="end" fill="${escapeHtml(r.color)}">${escapeHtml(r.label)}</text>`,
      );
    }
  }
  return parts.join('');
}

/** The outline of the plotting area. */
export function plotFrame(plot: PlotArea): string {
  return `<rect class="frame" x="${plot.left}" y="${plot.top}" width="${plot.right - plot.left}" height="${plot.bottom - plot.top}"/>`;
}
