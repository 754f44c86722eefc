/** Text formatting for the tearsheet: HTML escaping, numbers, money, percents and UTC times. */
import { MICROS_PER_DAY, MICROS_PER_MILLI, type UnixMicros } from '../../model/time.js';

/** Shown wherever a statistic is undefined (`null`) or not a finite number. */
export const MISSING = '—';

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and (double- or single-quoted) attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** `1234567.891` with 2 decimals → `1,234,567.89`; `-0` and values rounding to zero print unsigned. */
export function formatNumber(value: number | null | undefined, decimals: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  const fixed = Math.abs(value).toFixed(decimals);
  const [whole, fraction] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const negative = value < 0 && /[1-9]/.test(fixed);
  return `${negative ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** Like formatNumber with `minDecimals`, but shows up to `maxDecimals` when the value needs them. */
export function formatTrimmed(
  value: number | null | undefined,
  minDecimals: number,
  maxDecimals: number,
): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  let text = formatNumber(value, maxDecimals);
  if (maxDecimals > minDecimals) {
    const dot = text.indexOf('.');
    let end = text.length;
    const keep = minDecimals === 0 ? dot : dot + 1 + minDecimals;
    while (end > keep && text[end - 1] === '0') end--;
    if (end === dot + 1) end = dot;
    text = text.slice(0, end);
  }
  return text;
}

/** Money at the currency's precision, e.g. `-1,234.50 USD` (the code is omitted when empty). */
export function formatMoney(value: number | null | undefined, precision: number, currency = ''): string {
  const text = formatNumber(value, precision);
  return text === MISSING || currency === '' ? text : `${text} ${currency}`;
}

/** A fraction as a percent with 2 decimals: 0.12345 → `12.35%`. */
export function formatFractionAsPercent(value: number | null | undefined, decimals = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  return `${formatNumber(value * 100, decimals)}%`;
}

/** A value already in percent: 12.345 → `12.35%`. */
export function formatPercent(value: number | null | undefined, decimals = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  return `${formatNumber(value, decimals)}%`;
}

/** A dimensionless ratio (Sharpe, profit factor…), 2 decimals. */
export function formatRatio(value: number | null | undefined, decimals = 2): string {
  return formatNumber(value, decimals);
}

/** A count of days, 1 decimal: `12.5 days`. */
export function formatDays(value: number | null | undefined): string {
  const text = formatNumber(value, 1);
  return text === MISSING ? text : `${text} days`;
}

/** `YYYY-MM-DD` (UTC). */
export function formatDate(time: UnixMicros): string {
  return new Date(Math.floor(time / MICROS_PER_MILLI)).toISOString().slice(0, 10);
}

/**
 * UTC timestamp for people: `YYYY-MM-DD` at midnight, else `YYYY-MM-DD HH:MM:SS`, with
 * milliseconds only when there are any.
 */
export function formatDateTime(time: UnixMicros): string {
  if (!Number.isFinite(time)) return MISSING;
  const ms = Math.floor(time / MICROS_PER_MILLI);
  const iso = new Date(ms).toISOString();
  if (time % MICROS_PER_DAY === 0) return iso.slice(0, 10);
  const withMillis = ms % 1000 !== 0;
  return `${iso.slice(0, 10)} ${iso.slice(11, withMillis ? 23 : 19)}`;
}

/** Number of decimals needed to print `value` exactly, up to `cap` (0.25 → 2, 101 → 0). */
export function decimalsOf(value: number, cap = 8): number {
  if (!Number.isFinite(value)) return 0;
  for (let d = 0; d < cap; d++) {
    const scaled = value * 10 ** d;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-9 * Math.max(1, Math.abs(scaled))) return d;
  }
  return cap;
}

/**
 * Decimals that print a price series faithfully: the most any of (a sample of) the values needs,
 * capped at `cap`.
 */
export function priceDecimals(values: ArrayLike<number>, cap = 6, sample = 2000): number {
  let decimals = 0;
  const step = Math.max(1, Math.floor(values.length / sample));
  for (let i = 0; i < values.length && decimals < cap; i += step)
    decimals = Math.max(decimals, decimalsOf(values[i], cap));
  return decimals;
}
