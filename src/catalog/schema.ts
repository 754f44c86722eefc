/**
 * Column layout of each catalog data type, and the conversions between kernel objects and columns.
 * Columns cross to DuckDB as whole typed buffers in their disk types: times and sequences int64
 * (exact: every value a kernel object holds is a safe integer), prices and sizes doubles on the
 * grid, the aggressor a byte. A trade id equal to its sequence as text (Databento's ids) is stored
 * as null and rebuilt from the sequence when read: no text is written or read for it.
 */
import {
  type AggressorSide,
  type Bar,
  BarType,
  type BookLevelUpdate,
  type OrderBookEvent,
  type QuoteTick,
  type TradeTick,
} from '../model/data.js';
import type { InstrumentId } from '../model/identifiers.js';

export type CatalogDataType = 'bars' | 'trades' | 'quotes' | 'book' | 'levels';

/**
 * Parquet compression of new part files. `zstd` (the default) writes the smallest files; `lz4`
 * (LZ4_RAW) and `snappy` files are about 2.5 times larger and decode faster; a catalog may mix them.
 */
export type CatalogCompression = 'zstd' | 'lz4' | 'snappy' | 'uncompressed';
export const CATALOG_COMPRESSIONS: readonly CatalogCompression[] = ['zstd', 'lz4', 'snappy', 'uncompressed'];
export const DATA_TYPES: readonly CatalogDataType[] = ['bars', 'trades', 'quotes', 'book', 'levels'];

/** The kernel object each data type stores. */
interface RecordOfType {
  bars: Bar;
  trades: TradeTick;
  quotes: QuoteTick;
  book: OrderBookEvent;
  levels: BookLevelUpdate;
}

export type CatalogRecord<T extends CatalogDataType> = RecordOfType[T];

/** Any record the catalog stores. */
export type StoredRecord = CatalogRecord<CatalogDataType>;

/** The `kind` of the records of each data type. */
export const RECORD_KINDS: Readonly<{ [T in CatalogDataType]: CatalogRecord<T>['kind'] }> = {
  bars: 'bar',
  trades: 'trade',
  quotes: 'quote',
  book: 'book',
  levels: 'book-level',
};

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
  // L3 (MBO) events: action and side as their ASCII codes, price in ticks (NaN when the row has none).
  book: [
    ...TIMES,
    { name: 'action', sql: 'UTINYINT' },
    { name: 'side', sql: 'UTINYINT' },
    { name: 'price_ticks', sql: 'DOUBLE' },
    { name: 'size', sql: 'DOUBLE' },
    { name: 'order_id', sql: 'DOUBLE' },
    { name: 'flags', sql: 'UTINYINT' },
    SEQUENCE,
  ],
  // L2 (MBP) level updates: side as its ASCII code like the book's (B bid, A ask), price in ticks.
  levels: [
    ...TIMES,
    { name: 'side', sql: 'UTINYINT' },
    { name: 'price_ticks', sql: 'DOUBLE' },
    { name: 'size', sql: 'DOUBLE' },
    { name: 'flags', sql: 'UTINYINT' },
    SEQUENCE,
  ],
};

/** ASCII codes of the book sides (`OrderBookEvent.side`, the `side` column of `book` and `levels`). */
export const SIDE_BID = 66;
export const SIDE_ASK = 65;

/** A column's name in columnar query batches: the kernel field name (`ts_event` → `tsEvent`). */
export function fieldName(column: string): string {
  return column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** Numeric columns (everything but trade_id), in order. */
export function numericColumns(type: CatalogDataType): readonly ColumnSpec[] {
  return COLUMNS[type].filter((c) => c.sql !== 'VARCHAR');
}

/** Index of `sequence` among a type's numeric columns (and so among its chunk buffers). */
export function sequenceColumn(type: CatalogDataType): number {
  return numericColumns(type).findIndex((c) => c.name === 'sequence');
}

/** The series a record belongs to: the bar type key for bars, the instrument id otherwise (book and levels included). */
export function seriesOf(record: StoredRecord): string {
  return record.kind === 'bar' ? record.barType.key : record.instrumentId;
}

/** Rows per chunk, in and out: DuckDB's vector size. */
export const CHUNK_ROWS = 2048;

const TWO_32 = 4294967296;

/** Staging buffers for one chunk of rows, in the disk types (see `encodeChunk`). */
export class ChunkBuffers {
  /** One buffer per column of `COLUMNS[type]` but trade_id: 8 bytes a row (1 for the aggressor). */
  readonly data: ArrayBuffer[];
  readonly f64: Float64Array[];
  readonly i32: Int32Array[];
  readonly u8: Uint8Array[];
  /** Index of the `sequence` buffer. */
  readonly seqCol: number;
  /** Validity bits (1 = present) of `sequence` and of `trade_id`. */
  readonly seqValid = new Uint8Array(CHUNK_ROWS / 8);
  readonly idValid = new Uint8Array(CHUNK_ROWS / 8);
  seqNulls = 0;
  /** Rows whose trade id must be stored as text (not the sequence as text), and those ids. */
  readonly idRows: number[] = [];
  readonly idTexts: string[] = [];

  constructor(readonly type: CatalogDataType) {
    this.data = numericColumns(type).map((c) => new ArrayBuffer(CHUNK_ROWS * (c.sql === 'UTINYINT' ? 1 : 8)));
    this.f64 = this.data.map((b) => new Float64Array(b, 0, Math.floor(b.byteLength / 8)));
    this.i32 = this.data.map((b) => new Int32Array(b, 0, Math.floor(b.byteLength / 4)));
    this.u8 = this.data.map((b) => new Uint8Array(b));
    this.seqCol = sequenceColumn(type);
  }
}

/** Writes a safe integer as int64 (little-endian halves) at row `i`. */
function setInt64(out: Int32Array, i: number, v: number): void {
  const hi = Math.floor(v / TWO_32);
  out[2 * i] = v - hi * TWO_32;
  out[2 * i + 1] = hi;
}

/** True when `text` is exactly `String(n)` for the safe integer `n` (no string is built). */
export function isSequenceText(text: string, n: number): boolean {
  const len = text.length;
  if (len === 0 || len > 17) return false;
  let v = n;
  let first = 0;
  if (v < 0) {
    if (text.charCodeAt(0) !== 45) return false;
    v = -v;
    first = 1;
  }
  if (len - first > 1 && text.charCodeAt(first) === 48) return false;
  for (let k = len - 1; k >= first; k--) {
    const d = v % 10;
    if (text.charCodeAt(k) !== 48 + d) return false;
    v = (v - d) / 10;
  }
  return v === 0 && len > first;
}

/** Encodes `rows[from, from + n)` into `out` (n ≤ CHUNK_ROWS). */
export function encodeChunk(rows: readonly StoredRecord[], from: number, n: number, out: ChunkBuffers): void {
  const { f64, i32 } = out;
  const te = i32[0];
  const ti = i32[1];
  const sq = i32[out.seqCol];
  const seqValid = out.seqValid;
  seqValid.fill(0xff);
  let seqNulls = 0;
  if (out.type === 'bars') {
    const [, , o, h, l, c, v] = f64;
    for (let i = 0; i < n; i++) {
      const b = rows[from + i] as Bar;
      seqNulls += setCommon(te, ti, sq, seqValid, i, b);
      o[i] = b.open;
      h[i] = b.high;
      l[i] = b.low;
      c[i] = b.close;
      v[i] = b.volume;
    }
  } else if (out.type === 'trades') {
    const [, , p, sz] = f64;
    const ag = out.u8[4];
    const idValid = out.idValid;
    idValid.fill(0xff);
    const idRows = out.idRows;
    const idTexts = out.idTexts;
    idRows.length = 0;
    idTexts.length = 0;
    for (let i = 0; i < n; i++) {
      const t = rows[from + i] as TradeTick;
      seqNulls += setCommon(te, ti, sq, seqValid, i, t);
      p[i] = t.price;
      sz[i] = t.size;
      ag[i] = t.aggressor === 'buyer' ? 1 : t.aggressor === 'seller' ? 2 : 0;
      const s = t.sequence;
      if (s !== undefined && isSequenceText(t.tradeId, s)) idValid[i >> 3] &= ~(1 << (i & 7));
      else {
        idRows.push(i);
        idTexts.push(t.tradeId);
      }
    }
  } else if (out.type === 'book') {
    const [, , , , price, size, orderId] = f64;
    const [, , action, side, , , , flags] = out.u8;
    for (let i = 0; i < n; i++) {
      const e = rows[from + i] as OrderBookEvent;
      seqNulls += setCommon(te, ti, sq, seqValid, i, e);
      action[i] = e.action;
      side[i] = e.side;
      price[i] = e.priceTicks;
      size[i] = e.size;
      orderId[i] = e.orderId;
      flags[i] = e.flags;
    }
  } else if (out.type === 'levels') {
    const [, , , price, size] = f64;
    const [, , side, , , flags] = out.u8;
    for (let i = 0; i < n; i++) {
      const u = rows[from + i] as BookLevelUpdate;
      seqNulls += setCommon(te, ti, sq, seqValid, i, u);
      side[i] = u.side === 'bid' ? SIDE_BID : SIDE_ASK;
      price[i] = u.priceTicks;
      size[i] = u.size;
      flags[i] = u.flags;
    }
  } else {
    const [, , bp, ap, bs, as] = f64;
    for (let i = 0; i < n; i++) {
      const q = rows[from + i] as QuoteTick;
      seqNulls += setCommon(te, ti, sq, seqValid, i, q);
      bp[i] = q.bidPrice;
      ap[i] = q.askPrice;
      bs[i] = q.bidSize;
      as[i] = q.askSize;
    }
  }
  out.seqNulls = seqNulls;
}

/** Row `i`'s times and sequence (null bit cleared when it has none); returns 1 for a null sequence. */
function setCommon(
  te: Int32Array,
  ti: Int32Array,
  sq: Int32Array,
  seqValid: Uint8Array,
  i: number,
  row: { readonly tsEvent: number; readonly tsInit: number; readonly sequence?: number },
): number {
  setInt64(te, i, row.tsEvent);
  setInt64(ti, i, row.tsInit);
  const s = row.sequence;
  if (s !== undefined) {
    setInt64(sq, i, s);
    return 0;
  }
  setInt64(sq, i, 0);
  seqValid[i >> 3] &= ~(1 << (i & 7));
  return 1;
}

/**
 * One chunk of a query, in `COLUMNS[type]` order: int64 columns as doubles (NaN for null), double
 * columns as they are, the aggressor as bytes; trade ids only where stored as text.
 */
export interface ColumnChunk {
  readonly rows: number;
  readonly cols: readonly (Float64Array | Uint8Array)[];
  /** Trade ids; undefined entries (or no array) mean "the sequence, as text". */
  readonly ids?: readonly (string | undefined)[];
}

/** Rows [start, end) of a chunk (views, no copy); the chunk itself when that is all of it. */
export function sliceChunk(chunk: ColumnChunk, start: number, end: number): ColumnChunk {
  const stop = Math.min(end, chunk.rows);
  if (start === 0 && stop === chunk.rows) return chunk;
  return {
    rows: stop - start,
    cols: chunk.cols.map((c) => c.subarray(start, stop)),
    ids: chunk.ids?.slice(start, stop),
  };
}

/**
 * Builds kernel objects from one decoded chunk. Each kind has two object literals, with and
 * without `sequence`, on purpose: a record read back must equal the one written (no
 * `sequence: undefined` key), and each literal keeps one hidden class for V8 (adding the key
 * afterwards, or spreading, measured slower on this hot path).
 */
export type RowDecoder<T> = (chunk: ColumnChunk) => T[];

export function decoderFor(type: CatalogDataType, series: string): RowDecoder<StoredRecord> {
  if (type === 'bars') {
    const barType = BarType.parse(series);
    return (chunk) => {
      const n = chunk.rows;
      const [te, ti, o, h, l, cl, v, s] = chunk.cols as Float64Array[];
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
  if (type === 'book') {
    return (chunk) => {
      const n = chunk.rows;
      const [te, ti, , , price, size, orderId, , s] = chunk.cols as Float64Array[];
      const action = chunk.cols[2] as Uint8Array;
      const side = chunk.cols[3] as Uint8Array;
      const flags = chunk.cols[7] as Uint8Array;
      const out = new Array<OrderBookEvent>(n);
      for (let i = 0; i < n; i++) {
        out[i] = {
          kind: 'book',
          instrumentId,
          action: action[i],
          side: side[i],
          priceTicks: price[i],
          size: size[i],
          orderId: orderId[i],
          flags: flags[i],
          sequence: s[i],
          tsEvent: te[i],
          tsInit: ti[i],
        };
      }
      return out;
    };
  }
  if (type === 'levels') {
    return (chunk) => {
      const n = chunk.rows;
      const [te, ti, , price, size, , s] = chunk.cols as Float64Array[];
      const side = chunk.cols[2] as Uint8Array;
      const flags = chunk.cols[5] as Uint8Array;
      const out = new Array<BookLevelUpdate>(n);
      // Fields in the readers' order (parseTardisBookL2): one hidden class for both.
      for (let i = 0; i < n; i++) {
        out[i] = {
          kind: 'book-level',
          instrumentId,
          side: side[i] === SIDE_BID ? 'bid' : 'ask',
          priceTicks: price[i],
          size: size[i],
          flags: flags[i],
          sequence: s[i],
          tsEvent: te[i],
          tsInit: ti[i],
        };
      }
      return out;
    };
  }
  if (type === 'trades') {
    return (chunk) => {
      const n = chunk.rows;
      const [te, ti, p, sz, , s] = chunk.cols as Float64Array[];
      const ag = chunk.cols[4] as Uint8Array;
      const ids = chunk.ids;
      const out = new Array<TradeTick>(n);
      for (let i = 0; i < n; i++) {
        const seq = s[i];
        const code = ag[i];
        const aggressor: AggressorSide = code === 1 ? 'buyer' : code === 2 ? 'seller' : 'none';
        // A null trade id means "the sequence, as text" (see encodeChunk).
        const tradeId = (ids === undefined ? undefined : ids[i]) ?? String(seq);
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
  return (chunk) => {
    const n = chunk.rows;
    const [te, ti, bp, ap, bs, as, s] = chunk.cols as Float64Array[];
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
