/**
 * QuantConnect LEAN readers (https://github.com/QuantConnect/Lean/blob/master/Data/readme.md):
 * minute/second trade bars, quote bars and trade ticks from LEAN's own zips
 * (`equity/usa/minute/spy/20131007_trade.zip`, `future/cme/minute/es/20131007_quote.zip`), and the
 * flattened, headed CSVs derived from them (`es_minute_trade_bars_utc.csv`,
 * `es_minute_quote_bars_utc.csv`). Bars are stamped at their close (start + bar length); quote bars
 * become bid and ask bars, or QuoteTicks at the bar's close. See docs/data.md.
 */
import { DataError } from '../../core/errors.js';
import { type Bar, BarType, type PriceType, type QuoteTick, type TradeTick } from '../../model/data.js';
import type { Grid } from '../../model/grid.js';
import { type InstrumentId, instrumentId } from '../../model/identifiers.js';
import { MICROS_PER_MILLI, MICROS_PER_MINUTE, MICROS_PER_SECOND, microsFromIso } from '../../model/time.js';
import {
  CsvRows,
  clip,
  collect,
  eachRow,
  fileLines,
  type GridOption,
  gridFor,
  type Lines,
} from './vendor-csv.js';
import { listZipEntries, zipEntryLines } from './zip.js';

export type LeanData = Bar | QuoteTick | TradeTick;
export type LeanSecurityType = 'equity' | 'future';
export type LeanResolution = 'second' | 'minute' | 'tick';
export type LeanTickType = 'trade' | 'quote';

/** Column names used in error messages for LEAN's headerless rows (and the derived CSVs' own). */
export const LEAN_TRADE_BAR_FIELDS = ['time_ms', 'open', 'high', 'low', 'close', 'volume'] as const;
export const LEAN_QUOTE_BAR_FIELDS = [
  'time_ms',
  'bid_open',
  'bid_high',
  'bid_low',
  'bid_close',
  'last_bid_size',
  'ask_open',
  'ask_high',
  'ask_low',
  'ask_close',
  'last_ask_size',
] as const;
export const LEAN_TRADE_TICK_FIELDS = [
  'time_ms',
  'price',
  'size',
  'exchange',
  'sale_condition',
  'suspicious',
] as const;
export const LEAN_DERIVED_TRADE_COLUMNS = [
  'bar_start_utc',
  'root',
  'contract_month',
  ...LEAN_TRADE_BAR_FIELDS.slice(1),
] as const;
export const LEAN_DERIVED_QUOTE_COLUMNS = [
  'bar_start_utc',
  'root',
  'contract_month',
  ...LEAN_QUOTE_BAR_FIELDS.slice(1),
] as const;

export interface LeanReadOptions {
  /** Price grid, for all instruments or per instrument id (ES: `new Grid(0.25)`, SPY: `new Grid(0.01)`). */
  grid: GridOption;
  /** Round off-grid prices to the nearest tick instead of rejecting them (default false). */
  roundToGrid?: boolean;
  /**
   * Quote bars as `'bars'` (default): a BID bar and an ASK bar per row (`…-1-MINUTE-BID`/`-ASK`,
   * volume 0: LEAN quote bars have none; a one-sided row gives only its side), or as `'ticks'`: one
   * QuoteTick at the bar's close with the close prices and the last sizes (one-sided rows give none).
   */
  quotes?: 'bars' | 'ticks';
  /**
   * Bourse instrument id per LEAN series: key `SPY` (equity) or `ES201312` (future root + contract
   * month). When given it also filters: other series are skipped. Default ids: `SPY.<venue>`,
   * `ESZ3.<venue>` (month code, last digit of the year).
   */
  instruments?: Readonly<Record<string, InstrumentId>>;
  /** Venue of default ids (default: the market folder of a zip path upper-cased, `CME`, `USA`; derived CSVs: `CME`). */
  venue?: string;
  /** Zips only: the data time zone (default from LEAN's market-hours database: futures UTC, equities America/New_York). */
  timeZone?: string;
  /** Zips only: raw prices are divided by this (default 10000 for equities, 1 for futures). */
  priceScale?: number;
  /** Tick trades: keep rows LEAN marks suspicious (default false: LEAN's own filter drops them). */
  keepSuspicious?: boolean;
}

/** What a LEAN zip entry holds, from its name (`20131007_es_minute_trade_201312.csv`, `20131007_spy_Trade_Tick.csv`). */
export interface LeanEntryInfo {
  /** `YYYYMMDD` */
  readonly date: string;
  /** Lower-case ticker or future root (`spy`, `es`). */
  readonly symbol: string;
  readonly resolution: LeanResolution;
  readonly tickType: LeanTickType;
  readonly securityType: LeanSecurityType;
  /** `YYYYMM` of a future. */
  readonly contractMonth?: string;
}

const BAR_NAME = /^(\d{8})_([a-z0-9._^-]+)_(minute|second)_(trade|quote)(?:_(\d{6}))?\.csv$/i;
const TICK_NAME = /^(\d{8})_([a-z0-9._^-]+)_(trade|quote)_tick(?:_(\d{6}))?\.csv$/i;

/** Parses a LEAN inner file name; undefined when it is not a bar or tick file of an equity or future. */
export function parseLeanEntryName(name: string): LeanEntryInfo | undefined {
  const base = name.slice(name.lastIndexOf('/') + 1);
  let m = BAR_NAME.exec(base);
  if (m) {
    return {
      date: m[1],
      symbol: m[2].toLowerCase(),
      resolution: m[3].toLowerCase() as LeanResolution,
      tickType: m[4].toLowerCase() as LeanTickType,
      securityType: m[5] === undefined ? 'equity' : 'future',
      contractMonth: m[5],
    };
  }
  m = TICK_NAME.exec(base);
  if (m) {
    return {
      date: m[1],
      symbol: m[2].toLowerCase(),
      resolution: 'tick',
      tickType: m[3].toLowerCase() as LeanTickType,
      securityType: m[4] === undefined ? 'equity' : 'future',
      contractMonth: m[4],
    };
  }
  return undefined;
}

const MONTH_CODES = 'FGHJKMNQUVXZ';

/** `ES` + `201312` → `ESZ3` (CME month code and the year's last digit). */
export function futureSymbol(root: string, contractMonth: string): string | undefined {
  const m = /^(\d{4})(\d{2})$/.exec(contractMonth);
  const month = m ? Number(m[2]) : 0;
  if (!m || month < 1 || month > 12) return undefined;
  return `${root.toUpperCase()}${MONTH_CODES[month - 1]}${m[1][3]}`;
}

// ---------------------------------------------------------------------------------------- time

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Offset (ms) of a time zone from UTC at a UTC instant: local wall time − UTC. */
function zoneOffsetMs(utcMs: number, timeZone: string): number {
  let format = formatters.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(utcMs)) parts[part.type] = Number(part.value);
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return wall - (utcMs - (((utcMs % 1000) + 1000) % 1000));
}

/**
 * The UTC instant (ms) of a local wall-clock time in a time zone, read leniently as LEAN (NodaTime
 * `AtLeniently`) does: a wall time that occurs twice (the hour repeated when DST ends) is the
 * earlier instant; one that does not exist (the hour skipped when DST starts) is moved forward by
 * the gap. `wallMs` is the wall time written as if it were UTC.
 */
export function zonedWallTimeToUtcMs(wallMs: number, timeZone: string): number {
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return wallMs;
  const DAY = 86_400_000;
  const before = zoneOffsetMs(wallMs - DAY, timeZone);
  const after = zoneOffsetMs(wallMs + DAY, timeZone);
  let best: number | undefined;
  for (const offset of before === after ? [before] : [before, after]) {
    const utc = wallMs - offset;
    if (zoneOffsetMs(utc, timeZone) === offset && (best === undefined || utc < best)) best = utc;
  }
  return best ?? wallMs - before;
}

const QUARTER_HOUR = 900_000;

/** Milliseconds since local midnight of `date` → UTC micros, cached per quarter hour of the day. */
function dayClock(date: string, timeZone: string): (ms: number) => number {
  const midnight = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(4, 6)) - 1, Number(date.slice(6, 8)));
  const offsets = new Map<number, number>();
  return (ms) => {
    const bucket = Math.floor(ms / QUARTER_HOUR);
    let shift = offsets.get(bucket);
    if (shift === undefined) {
      const start = midnight + bucket * QUARTER_HOUR;
      shift = zonedWallTimeToUtcMs(start, timeZone) - start;
      offsets.set(bucket, shift);
    }
    return (midnight + ms + shift) * MICROS_PER_MILLI;
  };
}

/** True when `date` is a real `YYYYMMDD` calendar date (shared with lean-options.ts). */
export function validDate(date: string): boolean {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(date);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

// ---------------------------------------------------------------------------------------- rows

/** Resolves and caches ids (with the `instruments` filter) and grids. */
class Series {
  private readonly ids = new Map<string, InstrumentId | null>();
  private readonly gridOf: (id: InstrumentId) => Grid;
  constructor(
    private readonly options: LeanReadOptions,
    private readonly venue: string,
  ) {
    this.gridOf = gridFor(options.grid);
  }
  /** Instrument of a series key, or null when filtered out; undefined when the key is not valid. */
  id(symbol: string, contractMonth: string | undefined): InstrumentId | null | undefined {
    const key = `${symbol.toUpperCase()}${contractMonth ?? ''}`;
    let id = this.ids.get(key);
    if (id === undefined) {
      const map = this.options.instruments;
      if (map !== undefined) id = Object.hasOwn(map, key) ? map[key] : null;
      else {
        const name = contractMonth === undefined ? symbol.toUpperCase() : futureSymbol(symbol, contractMonth);
        if (name === undefined || name === '') return undefined;
        id = instrumentId(name, this.venue);
      }
      this.ids.set(key, id);
    }
    return id;
  }
  grid(id: InstrumentId): Grid {
    return this.gridOf(id);
  }
}

/** Parses the price and size fields of one row, in the reader's scale and on the grid. */
class LeanRow {
  constructor(
    readonly rows: CsvRows,
    private readonly scale: number,
    private readonly round: boolean,
  ) {}

  price(index: number, grid: Grid): number {
    const raw = this.rows.number(index);
    const value = this.scale === 1 ? raw : raw / this.scale;
    if (!this.round && !grid.contains(value)) {
      throw this.rows.fail(
        index,
        `price${this.scale === 1 ? '' : ` / ${this.scale}`} not on the ${grid.increment} grid`,
      );
    }
    if (!(value > 0)) throw this.rows.fail(index, 'price must be positive');
    return grid.round(value);
  }

  /** open, high, low, close at columns `at`..`at+3`, checked low ≤ open, close ≤ high. */
  ohlc(at: number, grid: Grid): [number, number, number, number] {
    const o = this.price(at, grid);
    const h = this.price(at + 1, grid);
    const l = this.price(at + 2, grid);
    const c = this.price(at + 3, grid);
    if (h < Math.max(o, c, l)) throw this.rows.fail(at + 1, 'high below open, low or close');
    if (l > Math.min(o, c)) throw this.rows.fail(at + 2, 'low above open or close');
    return [o, h, l, c];
  }

  /** True when the side's four prices are all empty (a one-sided quote bar). */
  emptySide(at: number): boolean {
    const f = this.rows.fields;
    return f[at] === '' && f[at + 1] === '' && f[at + 2] === '' && f[at + 3] === '';
  }
}

function barOf(
  type: BarType,
  [open, high, low, close]: [number, number, number, number],
  volume: number,
  ts: number,
): Bar {
  return { kind: 'bar', barType: type, open, high, low, close, volume, tsEvent: ts, tsInit: ts };
}

/** Emits a quote bar row as bid/ask bars or a QuoteTick; `at` is the column of bid_open. */
function* quoteRow(
  row: LeanRow,
  id: InstrumentId,
  grid: Grid,
  types: (side: PriceType) => BarType,
  ts: number,
  asTicks: boolean,
): Generator<LeanData> {
  const rows = row.rows;
  const at = rows.fields.length - 10;
  const bid = row.emptySide(at) ? undefined : row.ohlc(at, grid);
  const bidSize = rows.quantity(at + 4);
  const ask = row.emptySide(at + 5) ? undefined : row.ohlc(at + 5, grid);
  const askSize = rows.quantity(at + 9);
  if (bid === undefined && ask === undefined) throw rows.fail(at, 'quote bar with neither bid nor ask');
  if (!asTicks) {
    if (bid !== undefined) yield barOf(types('bid'), bid, 0, ts);
    if (ask !== undefined) yield barOf(types('ask'), ask, 0, ts);
    return;
  }
  if (bid === undefined || ask === undefined) return;
  yield {
    kind: 'quote',
    instrumentId: id,
    bidPrice: bid[3],
    askPrice: ask[3],
    bidSize,
    askSize,
    tsEvent: ts,
    tsInit: ts,
  };
}

function barTypes(
  id: InstrumentId,
  step: number,
  aggregation: 'minute' | 'second',
): (side: PriceType) => BarType {
  const cache = new Map<PriceType, BarType>();
  return (side) => {
    let type = cache.get(side);
    if (type === undefined) {
      type = BarType.of(id, step, aggregation, side);
      cache.set(side, type);
    }
    return type;
  };
}

function defaultTimeZone(type: LeanSecurityType): string {
  return type === 'future' ? 'UTC' : 'America/New_York';
}

/**
 * Parses the headerless rows of one LEAN file (the CSV inside a zip) described by `info`. `file`
 * names the rows in errors. Time is `time_ms` (ms since midnight of `info.date` in the data time
 * zone, read as a wall-clock time) → UTC; bars close at start + bar length. Rows must be in time
 * order (strictly for bars).
 */
export async function* parseLeanRows(
  lines: Lines,
  file: string,
  info: LeanEntryInfo,
  options: LeanReadOptions & { venue?: string },
): AsyncGenerator<LeanData> {
  if (!validDate(info.date))
    throw new DataError('not a YYYYMMDD date', { file, field: 'date', value: info.date });
  const fields =
    info.resolution === 'tick'
      ? info.tickType === 'trade'
        ? LEAN_TRADE_TICK_FIELDS
        : undefined
      : info.tickType === 'trade'
        ? LEAN_TRADE_BAR_FIELDS
        : LEAN_QUOTE_BAR_FIELDS;
  if (fields === undefined) {
    throw new DataError('LEAN quote ticks are not supported', { file, field: 'file name', value: file });
  }
  const series = new Series(options, options.venue ?? (info.securityType === 'future' ? 'CME' : 'USA'));
  const id = series.id(info.symbol, info.contractMonth);
  if (id === undefined) {
    throw new DataError('cannot build an instrument id', {
      file,
      field: 'contract_month',
      value: info.contractMonth,
    });
  }
  if (id === null) return;
  const grid = series.grid(id);
  const scale = options.priceScale ?? (info.securityType === 'equity' ? 10_000 : 1);
  if (!(scale > 0)) throw new RangeError(`priceScale must be positive, got ${scale}`);
  const clock = dayClock(info.date, options.timeZone ?? defaultTimeZone(info.securityType));
  const rows = new CsvRows(file, fields);
  rows.header(fields.join(','));
  const row = new LeanRow(rows, scale, options.roundToGrid === true);
  const length = info.resolution === 'second' ? MICROS_PER_SECOND : MICROS_PER_MINUTE;
  const types = info.resolution === 'tick' ? undefined : barTypes(id, 1, info.resolution);
  const asTicks = options.quotes === 'ticks';
  const keepSuspicious = options.keepSuspicious === true;
  let count = 0;
  const what = `${info.tickType} ${info.resolution === 'tick' ? 'ticks' : 'bars'}`;
  for await (const ms of leanDayRows(lines, rows, fields, what, types !== undefined)) {
    const start = clock(ms);
    if (types === undefined) {
      // Tick trade: ms, price, size, exchange, sale condition (hex), suspicious (0/1).
      const price = row.price(1, grid);
      const size = rows.quantity(2);
      if (size === 0) throw rows.fail(2, 'a trade needs a positive size');
      if (!/^[0-9A-Fa-f]+$/.test(rows.get(4))) throw rows.fail(4, 'not a hexadecimal sale condition');
      const suspicious = rows.get(5);
      if (suspicious !== '0' && suspicious !== '1') throw rows.fail(5, 'expected 0 or 1');
      count++;
      if (suspicious === '1' && !keepSuspicious) continue;
      yield {
        kind: 'trade',
        instrumentId: id,
        price,
        size,
        aggressor: 'none',
        tradeId: `${info.date}-${count}`,
        tsEvent: start,
        tsInit: start,
      };
    } else if (info.tickType === 'trade') {
      const prices = row.ohlc(1, grid);
      yield barOf(types('last'), prices, rows.quantity(5), start + length);
    } else {
      yield* quoteRow(row, id, grid, types, start + length, asTicks);
    }
  }
}

/**
 * The non-blank rows of a LEAN day file, each loaded into `rows` (field count checked, naming the
 * file and line), as their time in ms since midnight: in order, strictly when `strictlyIncreasing`
 * (bars), else ties allowed (ticks, open interest). `what` names the rows in errors.
 */
export async function* leanDayRows(
  lines: Lines,
  rows: CsvRows,
  fields: readonly string[],
  what: string,
  strictlyIncreasing: boolean,
): AsyncGenerator<number> {
  let lastMs = -1;
  let lastLine = 0;
  let line = 0;
  for await (const raw of lines) {
    line++;
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (text.trim() === '') continue;
    const got = text.split(',').length;
    if (got !== fields.length) {
      throw new DataError(`row has ${got} field${got === 1 ? '' : 's'}, LEAN ${what} have ${fields.length}`, {
        file: rows.file,
        line,
        field: got < fields.length ? fields[got] : 'row',
        value: clip(text),
      });
    }
    rows.set(text, line);
    const ms = rows.integer(0, 86_400_000 - 1);
    if (strictlyIncreasing ? ms <= lastMs : ms < lastMs)
      throw rows.fail(
        0,
        `time out of order: ${strictlyIncreasing ? 'not after' : 'before'} line ${lastLine}`,
      );
    lastMs = ms;
    lastLine = line;
    yield ms;
  }
}

/** Venue from a LEAN data path: `…/future/cme/minute/es/x.zip` → `CME`. */
function venueOfPath(path: string): string | undefined {
  const m =
    /(?:^|[\\/])(?:equity|future)[\\/]([a-z0-9]+)[\\/](?:minute|second|tick)[\\/][^\\/]+[\\/][^\\/]+$/i.exec(
      path,
    );
  return m ? m[1].toUpperCase() : undefined;
}

/**
 * Streams a LEAN zip: each inner CSV (a future's zip holds one per contract month) in archive
 * order, each in time order; entries are not merged by time. Entry rows are named
 * `<zip>/<entry>` in errors. Entries whose names are not LEAN bar/tick files are an error.
 */
export async function* streamLeanZip(path: string, options: LeanReadOptions): AsyncGenerator<LeanData> {
  const entries = await listZipEntries(path);
  if (entries.length === 0) throw new DataError('zip archive has no files', { file: path }, 'DATA_INVALID');
  const venue = options.venue ?? venueOfPath(path);
  for (const entry of entries) {
    const info = parseLeanEntryName(entry.name);
    const name = `${path}/${entry.name}`;
    if (info === undefined) {
      throw new DataError(
        'not a LEAN equity/future bar or tick file name (expected e.g. 20131007_spy_minute_trade.csv or 20131007_es_minute_quote_201312.csv)',
        { file: path, field: 'entry', value: entry.name },
      );
    }
    yield* parseLeanRows(zipEntryLines(path, entry), name, info, {
      ...options,
      venue: venue ?? options.venue,
    });
  }
}

export function readLeanZip(path: string, options: LeanReadOptions): Promise<LeanData[]> {
  return collect(streamLeanZip(path, options));
}

// ---------------------------------------------------------------------------------------- derived CSVs

/** Common columns of the derived CSVs: bar start (UTC, ISO), root, contract month; time order per series. */
function derivedReader(rows: CsvRows, options: LeanReadOptions) {
  const series = new Series(options, options.venue ?? 'CME');
  const c = ['bar_start_utc', 'root', 'contract_month'].map((name) => rows.col(name));
  const last = new Map<InstrumentId, [number, number]>();
  const types = new Map<InstrumentId, (side: PriceType) => BarType>();
  return ():
    | { id: InstrumentId; grid: Grid; close: number; types: (side: PriceType) => BarType }
    | undefined => {
    const root = rows.get(c[1]);
    if (!/^[A-Za-z0-9]+$/.test(root)) throw rows.fail(c[1], 'not a future root');
    const id = series.id(root, rows.get(c[2]));
    if (id === undefined) throw rows.fail(c[2], 'not a YYYYMM contract month');
    let start: number;
    try {
      start = microsFromIso(rows.get(c[0]));
    } catch {
      throw rows.fail(c[0], 'not an ISO-8601 timestamp');
    }
    if (id === null) return undefined;
    const previous = last.get(id);
    if (previous !== undefined && start <= previous[0]) {
      throw rows.fail(c[0], `time out of order for ${id}: not after line ${previous[1]}`);
    }
    last.set(id, [start, rows.line]);
    let typeOf = types.get(id);
    if (typeOf === undefined) {
      typeOf = barTypes(id, 1, 'minute');
      types.set(id, typeOf);
    }
    return { id, grid: series.grid(id), close: start + MICROS_PER_MINUTE, types: typeOf };
  };
}

/**
 * Parses the derived trade-bar CSV (`bar_start_utc,root,contract_month,open,high,low,close,volume`,
 * bar start in UTC, prices as decimals, contracts interleaved) into `<id>-1-MINUTE-LAST` bars
 * closing one minute after `bar_start_utc`.
 */
export async function* parseLeanDerivedTradeBars(
  lines: Lines,
  file: string,
  options: LeanReadOptions,
): AsyncGenerator<Bar> {
  const rows = new CsvRows(file, LEAN_DERIVED_TRADE_COLUMNS);
  let read: ReturnType<typeof derivedReader> | undefined;
  let c: number[] = [];
  const row = new LeanRow(rows, 1, options.roundToGrid === true);
  yield* eachRow<Bar>(lines, rows, function* (text, line) {
    if (read === undefined) {
      read = derivedReader(rows, options);
      c = LEAN_TRADE_BAR_FIELDS.slice(1).map((name) => rows.col(name));
      if (c.some((index, i) => index !== c[0] + i)) {
        throw new DataError('columns open, high, low, close, volume must be adjacent', {
          file,
          line: 1,
          field: 'header',
        });
      }
    }
    rows.set(text, line);
    const at = read();
    if (at === undefined) return;
    yield barOf(at.types('last'), row.ohlc(c[0], at.grid), rows.quantity(c[4]), at.close);
  });
}

/** Parses the derived quote-bar CSV (`bar_start_utc,root,contract_month,bid_open,…,last_ask_size`), as LEAN quote bars. */
export async function* parseLeanDerivedQuoteBars(
  lines: Lines,
  file: string,
  options: LeanReadOptions,
): AsyncGenerator<LeanData> {
  const rows = new CsvRows(file, LEAN_DERIVED_QUOTE_COLUMNS);
  let read: ReturnType<typeof derivedReader> | undefined;
  const row = new LeanRow(rows, 1, options.roundToGrid === true);
  const asTicks = options.quotes === 'ticks';
  yield* eachRow<LeanData>(lines, rows, function* (text, line) {
    rows.set(text, line);
    if (read === undefined) {
      read = derivedReader(rows, options);
      const c = LEAN_QUOTE_BAR_FIELDS.slice(1).map((name) => rows.col(name));
      if (c.some((index, i) => index !== c[0] + i) || c[9] !== rows.fields.length - 1) {
        throw new DataError('quote columns bid_open … last_ask_size must be adjacent and last', {
          file,
          line: 1,
          field: 'header',
        });
      }
    }
    const at = read();
    if (at === undefined) return;
    yield* quoteRow(row, at.id, at.grid, at.types, at.close, asTicks);
  });
}

export function streamLeanDerivedTradeBars(path: string, options: LeanReadOptions): AsyncGenerator<Bar> {
  return parseLeanDerivedTradeBars(fileLines(path), path, options);
}

export function readLeanDerivedTradeBars(path: string, options: LeanReadOptions): Promise<Bar[]> {
  return collect(streamLeanDerivedTradeBars(path, options));
}

export function streamLeanDerivedQuoteBars(path: string, options: LeanReadOptions): AsyncGenerator<LeanData> {
  return parseLeanDerivedQuoteBars(fileLines(path), path, options);
}

export function readLeanDerivedQuoteBars(path: string, options: LeanReadOptions): Promise<LeanData[]> {
  return collect(streamLeanDerivedQuoteBars(path, options));
}
