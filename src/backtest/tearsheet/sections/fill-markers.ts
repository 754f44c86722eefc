/** Price-chart markers for fills: one per fill, or merged per pixel column and side when there are many. */
import type { FillRecord } from '../../result-types.js';
import { formatDateTime, formatMoney, formatTrimmed } from '../format.js';
import type { TearsheetInput } from '../input.js';
import type { ChartMarker } from '../svg-chart.js';
import { GREEN, RED } from '../theme.js';

/** Above this many fills, markers are merged per pixel column and side (tooltip gives the count). */
export const MAX_INDIVIDUAL_MARKERS = 2000;

/** Pixel columns fills are merged into when there are more than MAX_INDIVIDUAL_MARKERS. */
const MERGE_COLUMNS = 1000;

type Side = FillRecord['side'];

interface FillGroup {
  side: Side;
  count: number;
  qty: number;
  notional: number;
  time: number;
}

function markerStyle(side: Side): Pick<ChartMarker, 'shape' | 'color' | 'className'> {
  return side === 'buy'
    ? { shape: 'up', color: GREEN, className: 'marker buy' }
    : { shape: 'down', color: RED, className: 'marker sell' };
}

function fillTitle(f: FillRecord, decimals: number, precision: number, currency: string): string {
  return [
    `${f.side.toUpperCase()} ${formatTrimmed(f.quantity, 0, 8)} ${f.instrumentId} @ ${formatTrimmed(f.price, decimals, decimals + 2)}`,
    formatDateTime(f.time),
    `order ${f.clientOrderId}`,
    `commission ${formatMoney(f.commission, precision, currency)}`,
  ].join('\n');
}

/** One marker per fill, or per (pixel column, side) with a count when there are very many fills. */
export function fillMarkers(input: TearsheetInput, decimals: number, precision: number): ChartMarker[] {
  const fills = input.fills;
  if (fills.length <= MAX_INDIVIDUAL_MARKERS) {
    return fills.map((f) => ({
      time: f.time,
      value: f.price,
      title: fillTitle(f, decimals, precision, input.currency),
      ...markerStyle(f.side),
    }));
  }
  return [...groupFills(input).values()].map((g) => {
    const avg = g.qty > 0 ? g.notional / g.qty : Number.NaN;
    return {
      time: g.time,
      value: avg,
      title: `${g.count} ${g.side === 'buy' ? 'buys' : 'sells'} from ${formatDateTime(g.time)}, total ${formatTrimmed(g.qty, 0, 8)} @ avg ${formatTrimmed(avg, decimals, decimals + 2)}`,
      ...markerStyle(g.side),
    };
  });
}

/** Fills grouped by (pixel column over the fills' and prices' time span, side), in first-seen order. */
function groupFills(input: TearsheetInput): Map<string, FillGroup> {
  const fills = input.fills;
  let t0 = Number.POSITIVE_INFINITY;
  let t1 = Number.NEGATIVE_INFINITY;
  for (const f of fills) {
    t0 = Math.min(t0, f.time);
    t1 = Math.max(t1, f.time);
  }
  if (input.prices.time.length > 0) {
    t0 = Math.min(t0, input.prices.time[0]);
    t1 = Math.max(t1, input.prices.time[input.prices.time.length - 1]);
  }
  const groups = new Map<string, FillGroup>();
  for (const f of fills) {
    const c =
      t1 > t0 ? Math.min(MERGE_COLUMNS - 1, Math.floor(((f.time - t0) / (t1 - t0)) * MERGE_COLUMNS)) : 0;
    const key = `${c}:${f.side}`;
    const g = groups.get(key);
    if (g) {
      g.count++;
      g.qty += f.quantity;
      g.notional += f.quantity * f.price;
    } else {
      groups.set(key, {
        side: f.side,
        count: 1,
        qty: f.quantity,
        notional: f.quantity * f.price,
        time: f.time,
      });
    }
  }
  return groups;
}
