/** A single line or area series over time: the backtest's equity and drawdown curves. */
import { AreaSeries, type IChartApi, type ISeriesApi, LineSeries } from 'lightweight-charts';
import { useEffect } from 'react';
import { toLinePoints } from './chartData';
import { useChart } from './useChart';

interface TimeSeriesChartProps {
  readonly testId: string;
  /** `[ts µs, value]`, oldest first. */
  readonly points: readonly (readonly [number, number])[];
  readonly variant: 'line' | 'area';
  /** A `#rrggbb` color (the area fill appends an alpha). */
  readonly color: string;
  /** Price-scale labels; plain numbers by default. */
  readonly format?: (value: number) => string;
}

interface LineHandles {
  readonly chart: IChartApi;
  readonly line: ISeriesApi<'Line' | 'Area'>;
}

export function TimeSeriesChart({ testId, points, variant, color, format }: TimeSeriesChartProps) {
  const { containerRef, series } = useChart(
    (chart): LineHandles => ({
      chart,
      line:
        variant === 'area'
          ? chart.addSeries(AreaSeries, {
              lineColor: color,
              topColor: `${color}0d`,
              bottomColor: `${color}66`,
            })
          : chart.addSeries(LineSeries, { color, lineWidth: 2 }),
    }),
  );

  useEffect(() => {
    if (!series || !format) return;
    series.line.applyOptions({ priceFormat: { type: 'custom', formatter: format, minMove: 0.0001 } });
  }, [series, format]);

  useEffect(() => {
    if (!series) return;
    series.line.setData(toLinePoints(points));
    series.chart.timeScale().fitContent();
  }, [series, points]);

  return <div ref={containerRef} className="chart line-chart" data-testid={testId} />;
}
