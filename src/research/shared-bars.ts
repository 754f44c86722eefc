/**
 * A bar series shared read-only with worker threads: the bars' numeric columns in one
 * `SharedArrayBuffer` (posted to a worker, it is shared, not copied), the bar type's parts and the
 * instrument as plain data. Each worker rebuilds the `Bar` objects once and backtests every
 * combination it is given on them.
 */
import { type Bar, type BarAggregation, BarType, bar, type PriceType } from '../model/data.js';
import { Grid } from '../model/grid.js';
import type { Instrument } from '../model/instruments.js';

/** Columns of the shared buffer, in order. `sequence` is NaN where a bar has none. */
const COLUMNS = ['open', 'high', 'low', 'close', 'volume', 'tsEvent', 'tsInit', 'sequence'] as const;

export interface SharedBarSeries {
  /** `COLUMNS.length × count` float64 values, column after column. */
  readonly buffer: SharedArrayBuffer;
  readonly count: number;
  readonly barType: {
    readonly instrumentId: string;
    readonly step: number;
    readonly aggregation: BarAggregation;
    readonly priceType: PriceType;
  };
  /** The instrument with its grids as plain `{ increment }` objects (rebuilt into `Grid`s). */
  readonly instrument: Instrument;
}

export interface BarSeriesData {
  readonly instrument: Instrument;
  readonly barType: BarType;
  /** Read only: the backtests of every combination run on the same bars. */
  readonly bars: Bar[];
}

/** Writes the bars' columns into a shared buffer (timestamps are exact: µs stay below 2^53). */
export function shareBarSeries(series: BarSeriesData): SharedBarSeries {
  const count = series.bars.length;
  const buffer = new SharedArrayBuffer(COLUMNS.length * count * Float64Array.BYTES_PER_ELEMENT);
  COLUMNS.forEach((column, c) => {
    const values = new Float64Array(buffer, c * count * Float64Array.BYTES_PER_ELEMENT, count);
    for (let i = 0; i < count; i++) values[i] = series.bars[i][column] ?? Number.NaN;
  });
  const { instrumentId, step, aggregation, priceType } = series.barType;
  return {
    buffer,
    count,
    barType: { instrumentId, step, aggregation, priceType },
    instrument: series.instrument,
  };
}

/** The series back as objects: the instrument with real `Grid`s, interned bar type, one `Bar` per row. */
export function barSeriesFromShared(shared: SharedBarSeries): BarSeriesData {
  const { count, buffer } = shared;
  const column = (name: (typeof COLUMNS)[number]) =>
    new Float64Array(buffer, COLUMNS.indexOf(name) * count * Float64Array.BYTES_PER_ELEMENT, count);
  const [open, high, low, close, volume, tsEvent, tsInit, sequence] = COLUMNS.map(column);
  const type = shared.barType;
  const barType = BarType.of(type.instrumentId, type.step, type.aggregation, type.priceType);
  const bars = new Array<Bar>(count);
  for (let i = 0; i < count; i++) {
    const rebuilt = bar(barType, open[i], high[i], low[i], close[i], volume[i], tsEvent[i], tsInit[i]);
    bars[i] = Number.isNaN(sequence[i]) ? rebuilt : { ...rebuilt, sequence: sequence[i] };
  }
  return { instrument: reviveInstrument(shared.instrument), barType, bars };
}

/** An instrument after a structured clone: its price and size grids made `Grid`s again. */
function reviveInstrument(plain: Instrument): Instrument {
  return {
    ...plain,
    priceGrid: new Grid(plain.priceGrid.increment),
    sizeGrid: new Grid(plain.sizeGrid.increment),
  };
}
