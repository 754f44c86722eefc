/** Public types of the OHLCV CSV importer. */

/** The file layouts the importer recognises from the header (or `mapped` with explicit columns). */
export type CsvLayout = 'backtrader' | 'yahoo' | 'date-time' | 'lean-futures' | 'mapped';

/** Explicit mapping from bar fields to header names (matched case-insensitively, trimmed). */
export interface ColumnMapping {
  /** One column with an ISO-8601 date and time (`2013-10-06T22:00:00Z`, `2013-10-06 22:00:00`). */
  datetime?: string;
  /** A `YYYY-MM-DD` date column; alone it makes a date-only (daily or longer) file. */
  date?: string;
  /** An `HH:MM[:SS]` time column, only together with `date`. */
  time?: string;
  open: string;
  high: string;
  low: string;
  close: string;
  volume?: string;
  openInterest?: string;
}

export interface CsvImportOptions {
  /** Skip and count bad rows instead of throwing. Header-level errors always throw. */
  skipBadRows?: boolean;
  /** Yahoo only: scale open/high/low/close by AdjClose/Close (default false: raw columns). */
  adjust?: boolean;
  /** Explicit mapping by header name, for any other layout (`mapped`). */
  columns?: ColumnMapping;
  /** Whether the file's time stamps the bar's start or its end (defaults per layout). */
  timestamp?: 'start' | 'end';
  /** IANA zone for naive timestamps (default `UTC`). Stamps with `Z` or an offset ignore it. */
  timeZone?: string;
  /** Bar length in minutes, overriding the inferred one (needed for a single timed row). */
  barMinutes?: number;
  /**
   * Keep each series' rows in file order without checking their time order (duplicates and rows
   * out of order stay in, for a validator to judge), and give every row its `line`.
   */
  fileOrder?: boolean;
}

export interface CsvBarRow {
  /** Bar CLOSE time, UnixMicros. */
  tsEvent: number;
  open: number;
  high: number;
  low: number;
  close: number;
  /** 0 when the file has no volume column. */
  volume: number;
  /** Present exactly when the layout has an open-interest column. */
  openInterest?: number;
  /** 1-based line in the file (only with `fileOrder`). */
  line?: number;
}

export interface CsvSeries {
  /** `''` for single-instrument files; `'ES 201312'` for lean-futures. */
  key: string;
  root?: string;
  /** `YYYYMM`. */
  contractMonth?: string;
  /** Strictly ascending by `tsEvent` (in file order with `fileOrder`). */
  rows: CsvBarRow[];
}

export interface SkippedRow {
  /** 1-based line number in the file. */
  line: number;
  reason: string;
}

export type CsvBarAggregation = 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month';

export interface CsvBarSpec {
  step: number;
  aggregation: CsvBarAggregation;
  /** Length of one bar; 0 for months (no fixed length, as in the model's `BarType`). */
  durationMicros: number;
}

export interface CsvImportResult {
  file: string;
  layout: CsvLayout;
  /** Rows ascending by `tsEvent` within each series; series sorted by key. */
  series: CsvSeries[];
  /** Max decimal places seen in the open/high/low/close fields. */
  pricePrecision: number;
  /** Inferred from the median spacing (or `barMinutes`). */
  bar: CsvBarSpec;
  /** Rows imported, over all series. */
  rowCount: number;
  skipped: SkippedRow[];
}
