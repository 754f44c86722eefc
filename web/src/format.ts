/** Display formatting: prices on the instrument's grid, money, percentages and UTC times (µs). */
import type { UTCTimestamp } from 'lightweight-charts';
import type { InstrumentView } from './api/types';

const DASH = '—';

/** Decimal places of a grid increment: 0.25 → 2, 0.01 → 2, 1 → 0, 1e-8 → 8. */
export function decimalsOf(increment: number): number {
  if (!Number.isFinite(increment) || increment <= 0) return 2;
  const text = increment.toString();
  const exponent = /e-(\d+)$/.exec(text);
  if (exponent) return Number(exponent[1]) + (text.split('e')[0].split('.')[1]?.length ?? 0);
  return text.split('.')[1]?.length ?? 0;
}

const numberFormats = new Map<string, Intl.NumberFormat>();

function formatFixed(value: number, minDecimals: number, maxDecimals = minDecimals): string {
  const key = `${minDecimals}:${maxDecimals}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat('en-US', {
      minimumFractionDigits: minDecimals,
      maximumFractionDigits: maxDecimals,
    });
    numberFormats.set(key, format);
  }
  return format.format(value);
}

/** A price with the instrument's tick decimals (up to 6 when the instrument is unknown). */
export function formatPrice(value: number | null | undefined, instrument?: InstrumentView): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  if (!instrument) return formatFixed(value, 2, 6);
  return formatFixed(value, decimalsOf(instrument.priceIncrement));
}

export function formatQuantity(value: number | null | undefined, instrument?: InstrumentView): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  if (!instrument) return formatFixed(value, 0, 8);
  return formatFixed(value, decimalsOf(instrument.sizeIncrement));
}

export function formatMoney(value: number | null | undefined, currency?: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  const amount = formatFixed(value, 2);
  return currency ? `${amount} ${currency}` : amount;
}

/** A fraction as a percentage: 0.1234 → 12.34%. */
export function formatPercent(fraction: number | null | undefined, decimals = 2): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return DASH;
  return `${formatFixed(fraction * 100, decimals)}%`;
}

export function formatNumber(value: number | null | undefined, maxDecimals = 4): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  return formatFixed(value, 0, maxDecimals);
}

/** µs since the epoch → `2023-12-01 14:30:00 UTC`. */
export function formatDateTime(micros: number | null | undefined): string {
  if (micros === null || micros === undefined) return DASH;
  const iso = new Date(micros / 1000).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

/** µs since the epoch → `14:30:00.123` (UTC), for feeds and blotters. */
export function formatTime(micros: number | null | undefined): string {
  if (micros === null || micros === undefined) return DASH;
  return new Date(micros / 1000).toISOString().slice(11, 23);
}

/** µs since the epoch → the whole seconds (UTC) lightweight-charts plots. */
export function toChartTime(micros: number): UTCTimestamp {
  return Math.floor(micros / 1_000_000) as UTCTimestamp;
}

/** Any JSON-ish value (strategy params, risk limits) as short text: `{count: 100}` → `count=100`. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return DASH;
  if (typeof value === 'number') return formatNumber(value, 6);
  if (Array.isArray(value)) return value.length === 0 ? DASH : value.map(formatValue).join(', ');
  if (typeof value === 'object') {
    const entries = Object.entries(value);
    return entries.length === 0
      ? DASH
      : entries.map(([key, item]) => `${key}=${formatValue(item)}`).join(' ');
  }
  return String(value);
}
