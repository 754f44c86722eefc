/** Inputs of the SVG line chart: series, markers, reference lines, options and the plot area. */
import type { UnixMicros } from '../../../model/time.js';

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

/** A shaded vertical band over the time span [from, to] (e.g. a drawdown period). */
export interface ChartBand {
  readonly from: UnixMicros;
  readonly to: UnixMicros;
  readonly color: string;
  /** Tooltip (SVG `<title>`), plain text. */
  readonly title?: string;
  readonly className?: string;
}

export interface ChartOptions {
  readonly width: number;
  readonly height: number;
  /** Accessible name of the chart. */
  readonly label: string;
  readonly series: readonly ChartSeries[];
  readonly markers?: readonly ChartMarker[];
  readonly referenceLines?: readonly ReferenceLine[];
  /** Shaded time bands drawn behind the series. */
  readonly bands?: readonly ChartBand[];
  /** Formats a value-axis tick; `step` is the tick spacing (to pick decimals). */
  readonly formatValue: (value: number, step: number) => string;
  /** Forces the value axis to include these values (e.g. 0 for drawdown). */
  readonly include?: readonly number[];
  /** Pixel columns used for downsampling; defaults to the plot width, at most 1000. */
  readonly columns?: number;
  readonly margin?: { top: number; right: number; bottom: number; left: number };
}

/** Pixel edges of the plotting area inside the chart's margins. */
export interface PlotArea {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}
