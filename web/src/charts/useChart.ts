/** Creates a lightweight-charts chart in a container, sized to it, and the series `setup` adds. */
import {
  ColorType,
  CrosshairMode,
  createChart,
  type DeepPartial,
  type IChartApi,
  type TimeChartOptions,
} from 'lightweight-charts';
import { type RefObject, useEffect, useRef, useState } from 'react';

export const chartColors = {
  text: '#9aa6b6',
  grid: '#1e2632',
  border: '#2a3443',
  up: '#26a69a',
  down: '#ef5350',
  upTranslucent: 'rgba(38, 166, 154, 0.35)',
  downTranslucent: 'rgba(239, 83, 80, 0.35)',
  accent: '#4c9aff',
} as const;

const baseOptions: DeepPartial<TimeChartOptions> = {
  layout: {
    background: { type: ColorType.Solid, color: 'transparent' },
    textColor: chartColors.text,
    fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  },
  grid: { vertLines: { color: chartColors.grid }, horzLines: { color: chartColors.grid } },
  rightPriceScale: { borderColor: chartColors.border },
  timeScale: { borderColor: chartColors.border, timeVisible: true, secondsVisible: false },
  crosshair: { mode: CrosshairMode.Normal },
};

export interface ChartHandle<T> {
  readonly containerRef: RefObject<HTMLDivElement | null>;
  /** What `setup` returned, once the chart exists (null before mount and after unmount). */
  readonly series: T | null;
}

/** `setup` runs once per chart; later changes to it are ignored. */
export function useChart<T extends object>(setup: (chart: IChartApi) => T): ChartHandle<T> {
  const containerRef = useRef<HTMLDivElement | null>(null);
  const setupRef = useRef(setup);
  const [series, setSeries] = useState<T | null>(null);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const chart = createChart(container, {
      ...baseOptions,
      width: container.clientWidth,
      height: container.clientHeight,
    });
    setSeries(setupRef.current(chart));

    const resizeObserver = new ResizeObserver(([entry]) => {
      const { width, height } = entry.contentRect;
      chart.resize(Math.floor(width), Math.floor(height));
    });
    resizeObserver.observe(container);

    return () => {
      resizeObserver.disconnect();
      setSeries(null);
      chart.remove();
    };
  }, []);

  return { containerRef, series };
}
