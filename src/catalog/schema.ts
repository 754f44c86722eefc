/**
 * Column layout of each catalog data type, and the conversions between kernel objects and columns.
 * Every numeric column is staged as a double; on disk times and sequences are int64 micros/numbers
 * (exact: every value a kernel object holds is a safe integer), prices and sizes doubles on the grid.
 */
import { type AggressorSide, type Bar, BarType, type QuoteTick, type TradeTick } from '../model/data.js';
import type { InstrumentId } from '../model/identifiers.js';

export type CatalogDataType = 'bars' | 'trades' | 'quotes';
export const DATA_TYPES: readonly CatalogDataType[] = ['bars', 'trades', 'quotes'];

export type CatalogRecord<T extends CatalogDataType> = T extends 'bars'
  ? Bar
  : T extends 'trades'
    ? TradeTick
    : QuoteTick;

export interface ColumnSpec {
  readonly name: string;
  /** On-disk type. */
  readonly sql: 'BIGINT' | 'DOUBLE' | 'UTINYINT' | 'VARCHAR';
  readonly nullable?: boolean;
}

const TIMES: readonly ColumnSpec[] = [
  { name: 'ts_event', sql: 'BIGINT' },
  { name: 'ts_init', sql: 'BIGINT' },
];
const SEQUENCE: ColumnSpec = { name: 'sequence', sql: 'BIGINT', nullable: true };

/** Columns per data type, in file order. `trade_id` is the only text column. */
export const COLUMNS: Readonly<Record<CatalogDataType, readonly ColumnSpec[]>> = {
  bars: [
    ...TIMES,
    { name: 'open', sql: 'DOUBLE' },
    { name: 'high', sql: 'DOUBLE' },
    { name: 'low', sql: 'DOUBLE' },
    { name: 'close', sql: 'DOUBLE' },
    { name: 'volume', sql: 'DOUBLE' },
    SEQUENCE,
  ],
  trades: [
    ...TIMES,
    { name: 'price', sql: 'DOUBLE' },
    { name: 'size', sql: 'DOUBLE' },
    { name: 'aggressor', sql: 'UTINYINT' },
    SEQUENCE,
    { name: 'trade_id', sql: 'VARCHAR' },
  ],
  quotes: [
    ...TIMES,
    { name: 'bid_price', sql: 'DOUBLE' },
    { name: 'ask_price', sql: 'DOUBLE' },
    { name: 'bid_size', sql: 'DOUBLE' },
    { name: 'ask_size', sql: 'DOUBLE' },
    SEQUENCE,
  ],
};

/** Numeric columns (everything but trade_id), in order. */
export function numericColumns(type: CatalogDataType): readonly ColumnSpec[] {
  return COLUMNS[type].filter((c) => c.sql !== 'VARCHAR');
}

const AGGRESSORS: readonly AggressorSide[] = ['none', 'buyer', 'seller'];
export function aggressorCode(side: AggressorSide): number {
  return side === 'buyer' ? 1 : side === 'seller' ? 2 : 0;
}
export function aggressorOf(code: number): AggressorSide {
  return AGGRESSORS[code] ?? 'none';
}

/** The series a record belongs to: the bar type key for bars, the instrument id otherwise. */
export function seriesOf(record: Bar | TradeTick | QuoteTick): string {
  return record.kind === 'bar' ? record.barType.key : record.instrumentId;
}

/** Writes one record's numeric fields into `out` (NaN for a missing sequence). */
export function encodeRow(type: CatalogDataType, r: Bar | TradeTick | QuoteTick, out: Float64Array): void {
  out[0] = r.tsEvent;
  out[1] = r.tsInit;
  if (type === 'bars') {
    const b = r as Bar;
    out[2] = b.open;
    out[3] = b.high;
    out[4] = b.low;
    out[5] = b.close;
    out[6] = b.volume;
    out[7] = b.sequence ?? Number.NaN;
  } else if (type === 'trades') {
    const t = r as TradeTick;
    out[2] = t.price;
    out[3] = t.size;
    out[4] = aggressorCode(t.aggressor);
    out[5] = t.sequence ?? Number.NaN;
  } else {
    const q = r as QuoteTick;
    out[2] = q.bidPrice;
    out[3] = q.askPrice;
    out[4] = q.bidSize;
    out[5] = q.askSize;
    out[6] = q.sequence ?? Number.NaN;
  }
}

/** Builds kernel objects from decoded columns (`seq` NaN where null, `ids` only for trades). */
export type RowDecoder<T> = (
  cols: readonly Float64Array[],
  ids: readonly (string | undefined)[] | undefined,
  n: number,
) => T[];

export function decoderFor(type: CatalogDataType, series: string): RowDecoder<Bar | TradeTick | QuoteTick> {
  if (type === 'bars') {
    const barType = BarType.parse(series);
    return (c, _ids, n) => {
      const [te, ti, o, h, l, cl, v, s] = c;
      const out = new Array<Bar>(n);
      for (let i = 0; i < n; i++) {
        const seq = s[i];
        out[i] = !Number.isNaN(seq)
          ? {
              kind: 'bar',
              barType,
              open: o[i],
              high: h[i],
              low: l[i],
              close: cl[i],
              volume: v[i],
              tsEvent: te[i],
              tsInit: ti[i],
              sequence: seq,
            }
          : {
              kind: 'bar',
              barType,
              open: o[i],
              high: h[i],
              low: l[i],
              close: cl[i],
              volume: v[i],
              tsEvent: te[i],
              tsInit: ti[i],
            };
      }
      return out;
    };
  }
  const instrumentId: InstrumentId = series;
  if (type === 'trades') {
    return (c, ids, n) => {
      const [te, ti, p, sz, ag, s] = c;
      const out = new Array<TradeTick>(n);
      for (let i = 0; i < n; i++) {
        const seq = s[i];
        const aggressor = aggressorOf(ag[i]);
        // A null trade id in the query means "same as the sequence" (see query.ts).
        const tradeId = ids?.[i] ?? String(seq);
        out[i] = !Number.isNaN(seq)
          ? {
              kind: 'trade',
              instrumentId,
              price: p[i],
              size: sz[i],
              aggressor,
              tradeId,
              tsEvent: te[i],
              tsInit: ti[i],
              sequence: seq,
            }
          : {
              kind: 'trade',
              instrumentId,
              price: p[i],
              size: sz[i],
              aggressor,
              tradeId,
              tsEvent: te[i],
              tsInit: ti[i],
            };
      }
      return out;
    };
  }
  return (c, _ids, n) => {
    const [te, ti, bp, ap, bs, as, s] = c;
    const out = new Array<QuoteTick>(n);
    for (let i = 0; i < n; i++) {
      const seq = s[i];
      out[i] = !Number.isNaN(seq)
        ? {
            kind: 'quote',
            instrumentId,
            bidPrice: bp[i],
            askPrice: ap[i],
            bidSize: bs[i],
            askSize: as[i],
            tsEvent: te[i],
            tsInit: ti[i],
            sequence: seq,
          }
        : {
            kind: 'quote',
            instrumentId,
            bidPrice: bp[i],
            askPrice: ap[i],
            bidSize: bs[i],
            askSize: as[i],
            tsEvent: te[i],
            tsInit: ti[i],
          };
    }
    return out;
  };
}
