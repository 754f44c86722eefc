/**
 * Databento CSV readers (pretty prices and timestamps, as `databento` writes with
 * `pretty_px`/`pretty_ts`): MBP-1 → quotes and trades, trades → trade ticks, OHLCV → bars.
 * Columns are found by name, so extra columns (`rtype`, `publisher_id`, `depth`, `ts_in_delta`,
 * `symbol`…) are fine. Each reader streams (async generator) and has a `read…` convenience that
 * collects the stream. See docs/data.md.
 */
import { DataError } from '../../core/errors.js';
import {
  type AggressorSide,
  type Bar,
  type BarAggregation,
  BarType,
  type QuoteTick,
  type TradeTick,
} from '../../model/data.js';
import type { Grid } from '../../model/grid.js';
import { type InstrumentId, instrumentId } from '../../model/identifiers.js';
import { MICROS_PER_DAY, MICROS_PER_HOUR, MICROS_PER_MINUTE, MICROS_PER_SECOND } from '../../model/time.js';
import { CsvRows, collect, eachRow, fileLines, type GridOption, gridFor, type Lines } from './vendor-csv.js';

/** Databento record flag: last record of a matching-engine event (the book is complete). */
export const DATABENTO_F_LAST = 128;

export const DATABENTO_TRADES_COLUMNS = [
  'ts_recv',
  'ts_event',
  'instrument_id',
  'action',
  'side',
  'price',
  'size',
  'flags',
  'sequence',
] as const;
export const DATABENTO_MBP1_COLUMNS = [
  ...DATABENTO_TRADES_COLUMNS,
  'bid_px_00',
  'ask_px_00',
  'bid_sz_00',
  'ask_sz_00',
  'bid_ct_00',
  'ask_ct_00',
] as const;
export const DATABENTO_OHLCV_COLUMNS = [
  'ts_event',
  'instrument_id',
  'open',
  'high',
  'low',
  'close',
  'volume',
] as const;

export interface DatabentoReadOptions {
  /** Price grid, for all instruments or per instrument id (CME ES: `new Grid(0.25)`). */
  grid: GridOption;
  /** Round off-grid prices to the nearest tick instead of rejecting them (default false). */
  roundToGrid?: boolean;
  /**
   * Bourse instrument id per Databento `instrument_id` (as written, e.g. `'118'`) or per raw
   * `symbol` (when the file has a `symbol` column), e.g. `{ 118: 'ESU4.CME' }`. When given, it is
   * also the filter: rows of other instruments are skipped. Without it the file needs a `symbol`
   * column and ids are `<symbol>.<venue>`.
   */
  instruments?: Readonly<Record<string, InstrumentId>>;
  /** Venue of ids built from the `symbol` column (default `CME`, as in `ESU4.CME`). */
  venue?: string;
}

/** Bar length of an OHLCV schema. */
export type DatabentoOhlcvSchema = 'ohlcv-1s' | 'ohlcv-1m' | 'ohlcv-1h' | 'ohlcv-1d';

export interface DatabentoOhlcvOptions extends DatabentoReadOptions {
  /** Which OHLCV schema; by default read from the file name (`…ohlcv-1m…`). */
  schema?: DatabentoOhlcvSchema;
}

const SCHEMAS: Record<DatabentoOhlcvSchema, { aggregation: BarAggregation; micros: number }> = {
  'ohlcv-1s': { aggregation: 'second', micros: MICROS_PER_SECOND },
  'ohlcv-1m': { aggregation: 'minute', micros: MICROS_PER_MINUTE },
  'ohlcv-1h': { aggregation: 'hour', micros: MICROS_PER_HOUR },
  'ohlcv-1d': { aggregation: 'day', micros: MICROS_PER_DAY },
};

const ACTIONS = 'ACMTFRN';
const SIDES = 'BAN';

function aggressorOf(side: string): AggressorSide {
  return side === 'B' ? 'buyer' : side === 'A' ? 'seller' : 'none';
}

/** Maps a row's `instrument_id` (and `symbol`) to a Bourse id, or undefined to skip the row. */
class InstrumentResolver {
  private readonly cache = new Map<string, InstrumentId | null>();
  private readonly idColumn: number;
  private readonly symbolColumn: number;
  private readonly venue: string;

  constructor(
    private readonly rows: CsvRows,
    private readonly options: DatabentoReadOptions,
  ) {
    this.idColumn = rows.col('instrument_id');
    this.symbolColumn = rows.col('symbol');
    this.venue = options.venue ?? 'CME';
  }

  resolve(): InstrumentId | undefined {
    const rows = this.rows;
    const raw = rows.get(this.idColumn);
    const symbol = this.symbolColumn === -1 ? '' : rows.get(this.symbolColumn).trim();
    const key = `${raw}\u0000${symbol}`;
    const known = this.cache.get(key);
    if (known !== undefined) return known ?? undefined;
    rows.integer(this.idColumn, 0xffffffff);
    const map = this.options.instruments;
    let id: InstrumentId | null;
    if (map !== undefined) {
      id =
        (Object.hasOwn(map, raw)
          ? map[raw]
          : symbol !== '' && Object.hasOwn(map, symbol)
            ? map[symbol]
            : null) ?? null;
    } else if (this.symbolColumn !== -1) {
      if (symbol === '') throw rows.fail(this.symbolColumn, 'empty symbol');
      id = instrumentId(symbol, this.venue);
    } else {
      throw rows.fail(
        this.idColumn,
        `no instrument id for this instrument_id: the file has no symbol column, pass instruments (e.g. { '${raw}': 'ESU4.CME' })`,
      );
    }
    this.cache.set(key, id);
    return id ?? undefined;
  }
}

/** Columns and checks shared by MBP-1 and trades rows. */
class EventRowReader {
  readonly resolver: InstrumentResolver;
  private readonly gridOf: (id: InstrumentId) => Grid;
  private lastTs = Number.NEGATIVE_INFINITY;
  private lastLine = 0;
  private readonly c: Record<(typeof DATABENTO_TRADES_COLUMNS)[number], number>;
  // The row just read:
  tsRecv = 0;
  instrument: InstrumentId = '';
  grid!: Grid;
  action = '';
  side = '';
  priceTicks = Number.NaN;
  size = 0;
  flags = 0;
  sequence = 0;

  constructor(
    readonly rows: CsvRows,
    private readonly options: DatabentoReadOptions,
  ) {
    this.resolver = new InstrumentResolver(rows, options);
    this.gridOf = gridFor(options.grid);
    this.c = Object.fromEntries(DATABENTO_TRADES_COLUMNS.map((name) => [name, rows.col(name)])) as Record<
      (typeof DATABENTO_TRADES_COLUMNS)[number],
      number
    >;
  }

  /** Reads the event part of a row; false when the row's instrument is filtered out. */
  read(text: string, line: number): boolean {
    const rows = this.rows;
    const c = this.c;
    rows.set(text, line);
    // Kernel time is ts_recv: Databento sorts files by it, while ts_event (the matching engine's
    // time) can step back between channels and, for snapshot rows, is when an order was added.
    const ts = rows.isoOrNanosMicros(c.ts_recv);
    if (ts < this.lastTs) throw rows.fail(c.ts_recv, `ts_recv out of order: before line ${this.lastLine}`);
    this.lastTs = ts;
    this.lastLine = line;
    rows.isoOrNanosMicros(c.ts_event);
    const instrument = this.resolver.resolve();
    if (instrument === undefined) return false;
    this.tsRecv = ts;
    this.instrument = instrument;
    this.grid = this.gridOf(instrument);
    const action = rows.get(c.action);
    if (action.length !== 1 || !ACTIONS.includes(action)) {
      throw rows.fail(c.action, `unknown action (expected one of ${ACTIONS})`);
    }
    const side = rows.get(c.side);
    if (side.length !== 1 || !SIDES.includes(side))
      throw rows.fail(c.side, 'unknown side (expected B, A or N)');
    this.action = action;
    this.side = side;
    const priceless = action === 'R' || action === 'N';
    this.priceTicks =
      priceless && rows.get(c.price) === ''
        ? Number.NaN
        : rows.priceTicks(c.price, this.grid, this.options.roundToGrid === true);
    this.size = rows.integer(c.size, 0xffffffff);
    this.flags = rows.integer(c.flags, 255);
    this.sequence = rows.integer(c.sequence, 0xffffffff);
    return true;
  }

  trade(): TradeTick {
    if (this.size <= 0) throw this.rows.fail(this.c.size, 'a trade needs a positive size');
    return {
      kind: 'trade',
      instrumentId: this.instrument,
      price: this.grid.fromTicks(this.priceTicks),
      size: this.size,
      aggressor: aggressorOf(this.side),
      tradeId: String(this.sequence),
      tsEvent: this.tsRecv,
      tsInit: this.tsRecv,
      sequence: this.sequence,
    };
  }
}

/** Top of book last published per instrument (NaN ticks: none yet, or the book was one-sided). */
interface Top {
  bid: number;
  ask: number;
  bidSize: number;
  askSize: number;
}

/**
 * Parses Databento MBP-1 CSV lines into kernel data: a TradeTick for each trade (`T`) row (aggressor
 * from `side`: B buyer, A seller, N none), and a QuoteTick whenever a complete event (flag F_LAST)
 * leaves a top of book (bid/ask price and size) that differs from the last quote of that instrument.
 * A trade row (flags 0) carries the book *before* the trade's own book updates, which follow in the
 * same event; quoting only complete events keeps such intermediate states out. One-sided or crossed
 * tops give no quote. Times are `ts_recv` in micros; `sequence` is the feed's.
 */
export async function* parseDatabentoMbp1(
  lines: Lines,
  file: string,
  options: DatabentoReadOptions,
): AsyncGenerator<QuoteTick | TradeTick> {
  const rows = new CsvRows(file, DATABENTO_MBP1_COLUMNS, ['symbol']);
  let reader: EventRowReader | undefined;
  let cols: number[] = [];
  const tops = new Map<InstrumentId, Top>();
  yield* eachRow<QuoteTick | TradeTick>(lines, rows, function* (text, line) {
    if (reader === undefined) {
      reader = new EventRowReader(rows, options);
      cols = ['bid_px_00', 'ask_px_00', 'bid_sz_00', 'ask_sz_00', 'bid_ct_00', 'ask_ct_00'].map((n) =>
        rows.col(n),
      );
    }
    if (!reader.read(text, line)) return;
    if (reader.action === 'T') yield reader.trade();
    const round = options.roundToGrid === true;
    const grid = reader.grid;
    const bidText = rows.get(cols[0]);
    const askText = rows.get(cols[1]);
    const bid = bidText === '' ? Number.NaN : rows.priceTicks(cols[0], grid, round);
    const ask = askText === '' ? Number.NaN : rows.priceTicks(cols[1], grid, round);
    const bidSize = rows.get(cols[2]) === '' && bidText === '' ? 0 : rows.integer(cols[2], 0xffffffff);
    const askSize = rows.get(cols[3]) === '' && askText === '' ? 0 : rows.integer(cols[3], 0xffffffff);
    if (rows.get(cols[4]) !== '') rows.integer(cols[4], 0xffffffff);
    if (rows.get(cols[5]) !== '') rows.integer(cols[5], 0xffffffff);
    if ((reader.flags & DATABENTO_F_LAST) === 0) return;
    let top = tops.get(reader.instrument);
    if (top === undefined) {
      top = { bid: Number.NaN, ask: Number.NaN, bidSize: 0, askSize: 0 };
      tops.set(reader.instrument, top);
    }
    if (Number.isNaN(bid) || Number.isNaN(ask) || bid >= ask) {
      top.bid = Number.NaN;
      top.ask = Number.NaN;
      return;
    }
    if (bid === top.bid && ask === top.ask && bidSize === top.bidSize && askSize === top.askSize) return;
    top.bid = bid;
    top.ask = ask;
    top.bidSize = bidSize;
    top.askSize = askSize;
    yield {
      kind: 'quote',
      instrumentId: reader.instrument,
      bidPrice: grid.fromTicks(bid),
      askPrice: grid.fromTicks(ask),
      bidSize,
      askSize,
      tsEvent: reader.tsRecv,
      tsInit: reader.tsRecv,
      sequence: reader.sequence,
    };
  });
}

/** Streams a Databento MBP-1 CSV file (gzip when it ends in `.gz`); see `parseDatabentoMbp1`. */
export function streamDatabentoMbp1(
  path: string,
  options: DatabentoReadOptions,
): AsyncGenerator<QuoteTick | TradeTick> {
  return parseDatabentoMbp1(fileLines(path), path, options);
}

export function readDatabentoMbp1(
  path: string,
  options: DatabentoReadOptions,
): Promise<(QuoteTick | TradeTick)[]> {
  return collect(streamDatabentoMbp1(path, options));
}

/**
 * Parses Databento trades CSV lines: one TradeTick per row (action must be `T`), aggressor from
 * `side` (B buyer, A seller, N none), time `ts_recv`, `tradeId` and `sequence` from `sequence`.
 */
export async function* parseDatabentoTrades(
  lines: Lines,
  file: string,
  options: DatabentoReadOptions,
): AsyncGenerator<TradeTick> {
  const rows = new CsvRows(file, DATABENTO_TRADES_COLUMNS, ['symbol']);
  let reader: EventRowReader | undefined;
  yield* eachRow<TradeTick>(lines, rows, function* (text, line) {
    reader ??= new EventRowReader(rows, options);
    if (!reader.read(text, line)) return;
    if (reader.action !== 'T') throw rows.fail(rows.col('action'), "a trades file holds only action 'T'");
    yield reader.trade();
  });
}

export function streamDatabentoTrades(
  path: string,
  options: DatabentoReadOptions,
): AsyncGenerator<TradeTick> {
  return parseDatabentoTrades(fileLines(path), path, options);
}

export function readDatabentoTrades(path: string, options: DatabentoReadOptions): Promise<TradeTick[]> {
  return collect(streamDatabentoTrades(path, options));
}

function schemaOf(file: string, options: DatabentoOhlcvOptions): DatabentoOhlcvSchema {
  if (options.schema !== undefined) {
    if (!Object.hasOwn(SCHEMAS, options.schema)) {
      throw new DataError(`unknown OHLCV schema (expected ${Object.keys(SCHEMAS).join(', ')})`, {
        file,
        field: 'schema',
        value: String(options.schema),
      });
    }
    return options.schema;
  }
  const m = /ohlcv-(1s|1m|1h|1d)/.exec(file);
  if (!m) {
    throw new DataError("cannot tell the bar length from the file name: pass schema (e.g. 'ohlcv-1m')", {
      file,
      field: 'schema',
    });
  }
  return `ohlcv-${m[1]}` as DatabentoOhlcvSchema;
}

/**
 * Parses Databento OHLCV CSV lines into Bars of type `<id>-1-<MINUTE|…>-LAST`. Databento stamps an
 * OHLCV record with the bar's OPEN (`ts_event` = start of the interval); Bourse stamps bars at their
 * CLOSE, so `tsEvent` = `ts_event` + the bar length (a 23:40 1-minute record closes at 23:41).
 * Times must increase strictly per instrument.
 */
export async function* parseDatabentoOhlcv(
  lines: Lines,
  file: string,
  options: DatabentoOhlcvOptions,
): AsyncGenerator<Bar> {
  const schema = SCHEMAS[schemaOf(file, options)];
  const rows = new CsvRows(file, DATABENTO_OHLCV_COLUMNS, ['symbol']);
  const gridOf = gridFor(options.grid);
  const round = options.roundToGrid === true;
  const perInstrument = new Map<InstrumentId, { type: BarType; grid: Grid; last: number; line: number }>();
  let resolver: InstrumentResolver | undefined;
  let c: number[] = [];
  yield* eachRow<Bar>(lines, rows, function* (text, line) {
    if (resolver === undefined) {
      resolver = new InstrumentResolver(rows, options);
      c = DATABENTO_OHLCV_COLUMNS.map((name) => rows.col(name));
    }
    rows.set(text, line);
    const open = rows.isoOrNanosMicros(c[0]);
    const instrument = resolver.resolve();
    if (instrument === undefined) return;
    let state = perInstrument.get(instrument);
    if (state === undefined) {
      state = {
        type: BarType.of(instrument, 1, schema.aggregation, 'last'),
        grid: gridOf(instrument),
        last: Number.NEGATIVE_INFINITY,
        line: 0,
      };
      perInstrument.set(instrument, state);
    }
    if (open <= state.last) {
      throw rows.fail(c[0], `ts_event out of order for ${instrument}: not after line ${state.line}`);
    }
    state.last = open;
    state.line = line;
    const grid = state.grid;
    const o = rows.priceTicks(c[2], grid, round);
    const h = rows.priceTicks(c[3], grid, round);
    const l = rows.priceTicks(c[4], grid, round);
    const cl = rows.priceTicks(c[5], grid, round);
    const volume = rows.quantity(c[6]);
    if (h < l) throw rows.fail(c[3], `high is below low ${rows.get(c[4])}`);
    if (o < l || o > h) throw rows.fail(c[2], `open is outside [low, high]`);
    if (cl < l || cl > h) throw rows.fail(c[5], `close is outside [low, high]`);
    // Databento ts_event is the bar's OPEN; Bourse bars are stamped at their CLOSE.
    const close = open + schema.micros;
    yield {
      kind: 'bar',
      barType: state.type,
      open: grid.fromTicks(o),
      high: grid.fromTicks(h),
      low: grid.fromTicks(l),
      close: grid.fromTicks(cl),
      volume,
      tsEvent: close,
      tsInit: close,
    };
  });
}

export function streamDatabentoOhlcv(path: string, options: DatabentoOhlcvOptions): AsyncGenerator<Bar> {
  return parseDatabentoOhlcv(fileLines(path), path, options);
}

export function readDatabentoOhlcv(path: string, options: DatabentoOhlcvOptions): Promise<Bar[]> {
  return collect(streamDatabentoOhlcv(path, options));
}
