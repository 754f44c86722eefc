/** Conversions from API records (µs times) to lightweight-charts data. */
import type {
  CandlestickData,
  HistogramData,
  LineData,
  SeriesMarker,
  Time,
  UTCTimestamp,
} from 'lightweight-charts';
import type { BarView, FillView } from '../api/types';
import { toChartTime } from '../format';
import { chartColors } from './useChart';

/** lightweight-charts needs strictly increasing times: keep the last point of each second. */
export function uniqueTimes<T extends { time: Time }>(points: readonly T[]): T[] {
  const result: T[] = [];
  for (const point of points) {
    if (result.length > 0 && result[result.length - 1].time === point.time) result[result.length - 1] = point;
    else result.push(point);
  }
  return result;
}

export function toCandle(bar: BarView): CandlestickData<UTCTimestamp> {
  return { time: toChartTime(bar.tsOpen), open: bar.open, high: bar.high, low: bar.low, close: bar.close };
}

export function toVolume(bar: BarView): HistogramData<UTCTimestamp> {
  return {
    time: toChartTime(bar.tsOpen),
    value: bar.volume,
    color: bar.close >= bar.open ? chartColors.upTranslucent : chartColors.downTranslucent,
  };
}

export function toLinePoints(points: readonly (readonly [number, number])[]): LineData<UTCTimestamp>[] {
  return uniqueTimes(points.map(([ts, value]) => ({ time: toChartTime(ts), value })));
}

/** The bar (oldest first) whose interval holds `ts`: the last one opened at or before it. */
function barIndexAt(bars: readonly BarView[], ts: number): number {
  let low = 0;
  let high = bars.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (bars[mid].tsOpen <= ts) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}

/** One arrow per fill on the bar it happened in: buys below the bar, sells above. */
export function fillMarkers(
  fills: readonly FillView[],
  bars: readonly BarView[],
  instrumentId: string | null,
  formatSize: (quantity: number) => string,
): SeriesMarker<Time>[] {
  const markers: SeriesMarker<UTCTimestamp>[] = [];
  for (const fill of fills) {
    if (fill.instrumentId !== instrumentId) continue;
    const index = barIndexAt(bars, fill.ts);
    if (index < 0) continue;
    const buy = fill.side === 'buy';
    markers.push({
      id: fill.tradeId,
      time: toChartTime(bars[index].tsOpen),
      position: buy ? 'belowBar' : 'aboveBar',
      shape: buy ? 'arrowUp' : 'arrowDown',
      color: buy ? chartColors.up : chartColors.down,
      text: `${buy ? 'B' : 'S'} ${formatSize(fill.quantity)}`,
    });
  }
  return markers.sort((a, b) => a.time - b.time);
}
