/** Live candlesticks with volume and fill markers for the session's bar type. */
import {
  CandlestickSeries,
  createSeriesMarkers,
  HistogramSeries,
  type IChartApi,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  type Time,
} from 'lightweight-charts';
import { useEffect, useRef } from 'react';
import { decimalsOf, formatQuantity } from '../format';
import { useDashboard, useInstrument } from '../state/context';
import type { ChartState } from '../state/dashboard';
import { fillMarkers, toCandle, toVolume, uniqueTimes } from './chartData';
import { chartColors, useChart } from './useChart';

interface PriceSeries {
  readonly candles: ISeriesApi<'Candlestick'>;
  readonly volume: ISeriesApi<'Histogram'>;
  readonly markers: ISeriesMarkersPluginApi<Time>;
}

function createPriceSeries(chart: IChartApi): PriceSeries {
  const candles = chart.addSeries(CandlestickSeries, {
    upColor: chartColors.up,
    downColor: chartColors.down,
    borderVisible: false,
    wickUpColor: chartColors.up,
    wickDownColor: chartColors.down,
  });
  candles.priceScale().applyOptions({ scaleMargins: { top: 0.08, bottom: 0.25 } });
  // Volume on its own overlay scale, squeezed into the bottom fifth.
  const volume = chart.addSeries(HistogramSeries, { priceScaleId: '', priceFormat: { type: 'volume' } });
  volume.priceScale().applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
  return { candles, volume, markers: createSeriesMarkers(candles, []) };
}

/** What the chart already shows, so live bars are appended instead of redrawing everything. */
interface DrawnBars {
  readonly series: PriceSeries;
  readonly generation: number;
  readonly lastOpen: number;
}

function drawBars(series: PriceSeries, chart: ChartState, drawn: DrawnBars | null): DrawnBars {
  const { bars } = chart;
  if (!drawn || drawn.series !== series || drawn.generation !== chart.generation) {
    series.candles.setData(uniqueTimes(bars.map(toCandle)));
    series.volume.setData(uniqueTimes(bars.map(toVolume)));
  } else {
    let start = bars.length;
    while (start > 0 && bars[start - 1].tsOpen >= drawn.lastOpen) start -= 1;
    for (const bar of bars.slice(start)) {
      series.candles.update(toCandle(bar));
      series.volume.update(toVolume(bar));
    }
  }
  return { series, generation: chart.generation, lastOpen: bars.at(-1)?.tsOpen ?? Number.NEGATIVE_INFINITY };
}

export function PriceChart() {
  const chart = useDashboard((state) => state.chart);
  const fills = useDashboard((state) => state.fills);
  const instrument = useInstrument(chart.instrumentId);
  const { containerRef, series } = useChart(createPriceSeries);
  const drawn = useRef<DrawnBars | null>(null);

  useEffect(() => {
    if (series) drawn.current = drawBars(series, chart, drawn.current);
  }, [series, chart]);

  useEffect(() => {
    if (!series || !instrument) return;
    series.candles.applyOptions({
      priceFormat: {
        type: 'price',
        precision: decimalsOf(instrument.priceIncrement),
        minMove: instrument.priceIncrement,
      },
    });
  }, [series, instrument]);

  useEffect(() => {
    if (!series) return;
    const formatSize = (quantity: number) => formatQuantity(quantity, instrument);
    series.markers.setMarkers(fillMarkers(fills, chart.bars, chart.instrumentId, formatSize));
  }, [series, fills, chart.bars, chart.instrumentId, instrument]);

  const message = !chart.barType
    ? 'No bar type in this session'
    : chart.bars.length === 0
      ? 'No bars yet'
      : null;

  return (
    <div className="chart-frame">
      <div ref={containerRef} className="chart price-chart" data-testid="price-chart" />
      {message && <p className="chart-message">{message}</p>}
    </div>
  );
}
