/**
 * Minimal inline-SVG line charts: linear scales, "nice" value ticks, calendar-aware UTC time
 * ticks, min/max-per-pixel-column downsampling, line/area paths and trade markers.
 *
 * Output is an `<svg>` element string for embedding in HTML (no `xmlns` needed there), sized by
 * its viewBox so it scales with the page.
 */
import {
  MICROS_PER_DAY,
  MICROS_PER_HOUR,
  MICROS_PER_MILLI,
  MICROS_PER_MINUTE,
  MICROS_PER_SECOND,
  type UnixMicros,
} from '../../model/time.js';
import { escapeHtml } from './format.js';

/** Linear map from a data domain to a pixel range (a zero-width domain maps to the range middle). */
export interface Scale {
  (value: number): number;
  readonly domain: readonly [number, number];
  readonly range: readonly [number, number];
}

export function linearScale(domain: readonly [number, number], range: readonly [number, number]): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0;
  const k = span === 0 ? 0 : (r1 - r0) / span;
  const mid = (r0 + r1) / 2;
  const scale = (value: number): number => (span === 0 ? mid : r0 + (value - d0) * k);
  return Object.assign(scale, { domain: [d0, d1] as const, range: [r0, r1] as const });
}

/** Tick values at a 1/2/5 × 10^k step covering [min, max] with about `count` intervals. */
export function niceTicks(min: number, max: number, count = 5): { ticks: number[]; step: number } {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return { ticks: [], step: 1 };
  if (min === max) {
    const pad = min === 0 ? 1 : Math.abs(min) * 0.01;
    min -= pad;
    max += pad;
  }
  const raw = (max - min) / Math.max(1, count);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const residual = raw / magnitude;
  const step = (residual > 5 ? 10 : residual > 2 ? 5 : residual > 1 ? 2 : 1) * magnitude;
  const first = Math.floor(min / step + 1e-9);
  const last = Math.ceil(max / step - 1e-9);
  const ticks: number[] = [];
  for (let i = first; i <= last; i++) ticks.push(Number((i * step).toPrecision(12)));
  return { ticks, step };
}

/** Decimals needed to label ticks `step` apart (step 0.25 → 2, 50 → 0). */
export function stepDecimals(step: number): number {
  if (!(step > 0)) return 0;
  return Math.max(0, Math.min(10, -Math.floor(Math.log10(step) + 1e-9)));
}

export interface TimeTick {
  readonly time: UnixMicros;
  readonly label: string;
}

interface FixedStep {
  readonly micros: number;
  readonly unit: 'second' | 'minute' | 'day' | 'week';
}

const FIXED_STEPS: readonly FixedStep[] = [
  { micros: MICROS_PER_SECOND, unit: 'second' },
  { micros: 5 * MICROS_PER_SECOND, unit: 'second' },
  { micros: 15 * MICROS_PER_SECOND, unit: 'second' },
  { micros: 30 * MICROS_PER_SECOND, unit: 'second' },
  { micros: MICROS_PER_MINUTE, unit: 'minute' },
  { micros: 5 * MICROS_PER_MINUTE, unit: 'minute' },
  { micros: 15 * MICROS_PER_MINUTE, unit: 'minute' },
  { micros: 30 * MICROS_PER_MINUTE, unit: 'minute' },
  { micros: MICROS_PER_HOUR, unit: 'minute' },
  { micros: 3 * MICROS_PER_HOUR, unit: 'minute' },
  { micros: 6 * MICROS_PER_HOUR, unit: 'minute' },
  { micros: 12 * MICROS_PER_HOUR, unit: 'minute' },
  { micros: MICROS_PER_DAY, unit: 'day' },
  { micros: 2 * MICROS_PER_DAY, unit: 'day' },
  { micros: 7 * MICROS_PER_DAY, unit: 'week' },
  { micros: 14 * MICROS_PER_DAY, unit: 'week' },
];
const MONTH_STEPS = [1, 2, 3, 6] as const;
/** The Unix epoch was a Thursday: weekly ticks are shifted to fall on Mondays. */
const MONDAY_OFFSET = 4 * MICROS_PER_DAY;

function iso(time: UnixMicros): string {
  return new Date(Math.floor(time / MICROS_PER_MILLI)).toISOString();
}

/**
 * UTC time-axis ticks over [t0, t1], at most `maxTicks` intervals, on round calendar boundaries (whole
 * seconds/minutes/hours, days, Mondays, month or year starts), labelled at the step's resolution.
 */
export function timeTicks(t0: UnixMicros, t1: UnixMicros, maxTicks = 8): TimeTick[] {
  if (!Number.isFinite(t0) || !Number.isFinite(t1) || t1 < t0) return [];
  if (t1 === t0) return [{ time: t0, label: iso(t0).slice(0, 19).replace('T', ' ') }];
  const span = t1 - t0;
  const limit = Math.max(2, maxTicks);
  for (const step of FIXED_STEPS) {
    if (span / step.micros > limit) continue;
    const offset = step.unit === 'week' ? MONDAY_OFFSET : 0;
    const ticks: TimeTick[] = [];
    for (let t = Math.ceil((t0 - offset) / step.micros) * step.micros + offset; t <= t1; t += step.micros) {
      const text = iso(t);
      const label =
        step.unit === 'second'
          ? text.slice(11, 19)
          : step.unit === 'minute'
            ? span > MICROS_PER_DAY
              ? `${text.slice(5, 10)} ${text.slice(11, 16)}`
              : text.slice(11, 16)
            : text.slice(0, 10);
      ticks.push({ time: t, label });
    }
    return ticks;
  }
  const start = new Date(Math.floor(t0 / MICROS_PER_MILLI));
  const end = new Date(Math.floor(t1 / MICROS_PER_MILLI));
  const months =
    (end.getUTCFullYear() - start.getUTCFullYear()) * 12 + end.getUTCMonth() - start.getUTCMonth();
  for (const step of MONTH_STEPS) {
    if (months / step > limit) continue;
    return calendarTicks(t0, t1, step, (text) => text.slice(0, 7));
  }
  const years = end.getUTCFullYear() - start.getUTCFullYear();
  let step = 1;
  for (const candidate of [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]) {
    step = candidate;
    if (years / candidate <= limit) break;
  }
  return calendarTicks(t0, t1, step * 12, (text) => text.slice(0, 4));
}

/** Month starts (UTC) in [t0, t1] whose month index is a multiple of `stepMonths`. */
function calendarTicks(
  t0: UnixMicros,
  t1: UnixMicros,
  stepMonths: number,
  label: (iso: string) => string,
): TimeTick[] {
  const start = new Date(Math.floor(t0 / MICROS_PER_MILLI));
  let index = start.getUTCFullYear() * 12 + start.getUTCMonth();
  index = Math.ceil(index / stepMonths) * stepMonths;
  const ticks: TimeTick[] = [];
  for (; ; index += stepMonths) {
    const t = Date.UTC(Math.floor(index / 12), index % 12, 1) * MICROS_PER_MILLI;
    if (t < t0) continue;
    if (t > t1) break;
    ticks.push({ time: t, label: label(iso(t)) });
  }
  return ticks;
}

/**
 * Indices of the points worth drawing when `time`/`value` is squeezed into `columns` pixel
 * columns over [t0, t1]: per column the minimum and the maximum (in time order), plus the first
 * and last points, so every peak and trough survives. Non-finite values are skipped. Series of at
 * most 2 × columns points come back whole.
 */
export function downsampleMinMax(
  time: ArrayLike<number>,
  value: ArrayLike<number>,
  columns: number,
  t0: number = time[0],
  t1: number = time[time.length - 1],
): number[] {
  const n = Math.min(time.length, value.length);
  if (n <= 2 * columns) {
    const all: number[] = [];
    for (let i = 0; i < n; i++) if (Number.isFinite(value[i])) all.push(i);
    return all;
  }
  const minIdx = new Int32Array(columns).fill(-1);
  const maxIdx = new Int32Array(columns).fill(-1);
  const span = t1 - t0;
  let first = -1;
  let last = -1;
  for (let i = 0; i < n; i++) {
    const v = value[i];
    if (!Number.isFinite(v)) continue;
    if (first < 0) first = i;
    last = i;
    let c = span > 0 ? Math.floor(((time[i] - t0) / span) * columns) : 0;
    if (c < 0) c = 0;
    else if (c >= columns) c = columns - 1;
    const lo = minIdx[c];
    if (lo < 0 || v < value[lo]) minIdx[c] = i;
    const hi = maxIdx[c];
    if (hi < 0 || v > value[hi]) maxIdx[c] = i;
  }
  const out: number[] = [];
  const push = (i: number): void => {
    if (i >= 0 && (out.length === 0 || out[out.length - 1] !== i)) out.push(i);
  };
  push(first);
  for (let c = 0; c < columns; c++) {
    const a = minIdx[c];
    const b = maxIdx[c];
    if (a < 0) continue;
    // Indices only grow from column to column (time is sorted), so pushing min and max in index
    // order keeps the path in time order; `push` drops the repeat when first is a column extreme.
    push(Math.min(a, b));
    push(Math.max(a, b));
  }
  if (last > out[out.length - 1]) push(last);
  return out;
}

function num(v: number): string {
  // One decimal is sub-pixel at any sensible zoom and keeps paths short.
  return String(Math.round(v * 10) / 10);
}

/** `M x y L x y …` through the given points. */
export function linePath(xs: readonly number[], ys: readonly number[]): string {
  let d = '';
  for (let i = 0; i < xs.length; i++) d += `${i === 0 ? 'M' : 'L'}${num(xs[i])} ${num(ys[i])}`;
  return d;
}

export interface ChartSeries {
  readonly time: ArrayLike<number>;
  readonly value: ArrayLike<number>;
  readonly color: string;
  readonly strokeWidth?: number;
  /** Fill between the line and this value (e.g. 0 for an underwater chart). */
  readonly areaTo?: number;
  readonly areaColor?: string;
  /** CSS class on the `<path>` (for tests and styling). */
  readonly className?: string;
}

export interface ChartMarker {
  readonly time: UnixMicros;
  readonly value: number;
  readonly shape: 'up' | 'down';
  readonly color: string;
  /** Tooltip (SVG `<title>`), plain text. */
  readonly title: string;
  readonly className?: string;
}

export interface ReferenceLine {
  readonly value: number;
  readonly color: string;
  readonly label?: string;
}

export interface ChartOptions {
  readonly width: number;
  readonly height: number;
  /** Accessible name of the chart. */
  readonly label: string;
  readonly series: readonly ChartSeries[];
  readonly markers?: readonly ChartMarker[];
  readonly referenceLines?: readonly ReferenceLine[];
  /** Formats a value-axis tick; `step` is the tick spacing (to pick decimals). */
  readonly formatValue: (value: number, step: number) => string;
  /** Forces the value axis to include these values (e.g. 0 for drawdown). */
  readonly include?: readonly number[];
  /** Pixel columns used for downsampling; defaults to the plot width, at most 1000. */
  readonly columns?: number;
  readonly margin?: { top: number; right: number; bottom: number; left: number };
}

/** A complete `<svg>` line chart with value gridlines, time axis, series and markers. */
export function renderChart(options: ChartOptions): string {
  const { width, height } = options;
  const margin = options.margin ?? { top: 12, right: 16, bottom: 28, left: 72 };
  const plotLeft = margin.left;
  const plotRight = width - margin.right;
  const plotTop = margin.top;
  const plotBottom = height - margin.bottom;
  const columns = options.columns ?? Math.max(1, Math.min(1000, Math.round(plotRight - plotLeft)));

  let t0 = Number.POSITIVE_INFINITY;
  let t1 = Number.NEGATIVE_INFINITY;
  for (const s of options.series) {
    const n = Math.min(s.time.length, s.value.length);
    if (n === 0) continue;
    t0 = Math.min(t0, s.time[0]);
    t1 = Math.max(t1, s.time[n - 1]);
  }
  for (const m of options.markers ?? []) {
    t0 = Math.min(t0, m.time);
    t1 = Math.max(t1, m.time);
  }
  const open = `<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(options.label)}">`;
  if (!(t1 >= t0)) {
    return `${open}<text x="${width / 2}" y="${height / 2}" text-anchor="middle" class="empty">No data</text></svg>`;
  }

  // Downsample first: min/max survive, so the value domain from the kept points is exact.
  const kept = options.series.map((s) => downsampleMinMax(s.time, s.value, columns, t0, t1));
  let vMin = Number.POSITIVE_INFINITY;
  let vMax = Number.NEGATIVE_INFINITY;
  options.series.forEach((s, k) => {
    for (const i of kept[k]) {
      vMin = Math.min(vMin, s.value[i]);
      vMax = Math.max(vMax, s.value[i]);
    }
  });
  for (const m of options.markers ?? []) {
    vMin = Math.min(vMin, m.value);
    vMax = Math.max(vMax, m.value);
  }
  for (const v of options.include ?? []) {
    vMin = Math.min(vMin, v);
    vMax = Math.max(vMax, v);
  }
  for (const r of options.referenceLines ?? []) {
    vMin = Math.min(vMin, r.value);
    vMax = Math.max(vMax, r.value);
  }
  if (!Number.isFinite(vMin)) {
    vMin = 0;
    vMax = 1;
  }
  const rows = Math.max(2, Math.round((plotBottom - plotTop) / 45));
  const { ticks, step } = niceTicks(vMin, vMax, rows);
  const yLo = ticks[0];
  const yHi = ticks[ticks.length - 1];
  const x = linearScale([t0, t1], [plotLeft, plotRight]);
  const y = linearScale([yLo, yHi], [plotBottom, plotTop]);

  const parts: string[] = [open];
  // Value gridlines and labels.
  parts.push('<g class="grid">');
  for (const v of ticks) {
    if (v < yLo - 1e-12 || v > yHi + 1e-12) continue;
    const py = num(y(v));
    parts.push(`<line x1="${plotLeft}" x2="${plotRight}" y1="${py}" y2="${py}"/>`);
    parts.push(
      `<text class="ylabel" x="${plotLeft - 6}" y="${py}" text-anchor="end" dominant-baseline="middle">${escapeHtml(options.formatValue(v, step))}</text>`,
    );
  }
  parts.push('</g>');
  // Time axis.
  const maxTimeTicks = Math.max(2, Math.floor((plotRight - plotLeft) / 110));
  parts.push('<g class="xaxis">');
  parts.push(`<line x1="${plotLeft}" x2="${plotRight}" y1="${plotBottom}" y2="${plotBottom}"/>`);
  for (const tick of timeTicks(t0, t1, maxTimeTicks)) {
    const px = num(x(tick.time));
    parts.push(`<line x1="${px}" x2="${px}" y1="${plotBottom}" y2="${plotBottom + 4}"/>`);
    parts.push(
      `<text class="xlabel" x="${px}" y="${plotBottom + 16}" text-anchor="middle">${escapeHtml(tick.label)}</text>`,
    );
  }
  parts.push('</g>');
  for (const r of options.referenceLines ?? []) {
    const py = num(y(r.value));
    parts.push(
      `<line class="reference" x1="${plotLeft}" x2="${plotRight}" y1="${py}" y2="${py}" stroke="${escapeHtml(r.color)}" stroke-dasharray="4 3"/>`,
    );
    if (r.label) {
      parts.push(
        `<text class="reflabel" x="${plotRight - 4}" y="${num(y(r.value) - 4)}" text-anchor="end" fill="${escapeHtml(r.color)}">${escapeHtml(r.label)}</text>`,
      );
    }
  }
  // Series.
  options.series.forEach((s, k) => {
    const idx = kept[k];
    if (idx.length === 0) return;
    const xs = idx.map((i) => x(s.time[i]));
    const ys = idx.map((i) => y(s.value[i]));
    const cls = s.className ? ` class="${escapeHtml(s.className)}"` : '';
    if (s.areaTo !== undefined) {
      const base = num(y(s.areaTo));
      const area = `M${num(xs[0])} ${base}${linePath(xs, ys).replace(/^M/, 'L')}L${num(xs[xs.length - 1])} ${base}Z`;
      parts.push(
        `<path class="area" d="${area}" fill="${escapeHtml(s.areaColor ?? s.color)}" stroke="none"/>`,
      );
    }
    parts.push(
      `<path${cls} d="${linePath(xs, ys)}" fill="none" stroke="${escapeHtml(s.color)}" stroke-width="${s.strokeWidth ?? 1.5}" stroke-linejoin="round"/>`,
    );
  });
  // Markers: triangles centred on (time, value), tooltip in <title>.
  if (options.markers && options.markers.length > 0) {
    parts.push('<g class="markers">');
    for (const m of options.markers) {
      const px = x(m.time);
      const py = y(m.value);
      const d =
        m.shape === 'up' ? `M${num(px)} ${num(py - 5)}l5 9h-10z` : `M${num(px)} ${num(py + 5)}l5 -9h-10z`;
      const cls = m.className ? ` class="${escapeHtml(m.className)}"` : '';
      parts.push(
        `<path${cls} d="${d}" fill="${escapeHtml(m.color)}" stroke="#fff" stroke-width="0.6"><title>${escapeHtml(m.title)}</title></path>`,
      );
    }
    parts.push('</g>');
  }
  parts.push(
    `<rect class="frame" x="${plotLeft}" y="${plotTop}" width="${plotRight - plotLeft}" height="${plotBottom - plotTop}"/>`,
  );
  parts.push('</svg>');
  return parts.join('');
}
