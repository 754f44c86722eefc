import type { AggressorSide, BookLevelUpdate, QuoteTick, TradeTick } from '../../model/data.js';
import type { Grid } from '../../model/grid.js';
import { type InstrumentId, instrumentId } from '../../model/identifiers.js';
import { CsvRows, collect, eachRow, fileLines, type GridOption, gridFor, type Lines } from './vendor-csv.js';

/** Flag of the last update of a batch (the book is complete again), as in Databento. */
export const TARDIS_F_LAST = 128;
/** Flag of updates that belong to a snapshot (and of the deletions a new snapshot implies). */
export const TARDIS_F_SNAPSHOT = 32;

/** The columns every Tardis CSV starts with. */
export const TARDIS_BASE_COLUMNS = ['exchange', 'symbol', 'timestamp', 'local_timestamp'] as const;
export const TARDIS_BOOK_L2_COLUMNS = [
  ...TARDIS_BASE_COLUMNS,
  'is_snapshot',
  'side',
  'price',
  'amount',
] as const;
export const TARDIS_TRADES_COLUMNS = [...TARDIS_BASE_COLUMNS, 'id', 'side', 'price', 'amount'] as const;
export const TARDIS_QUOTES_COLUMNS = [
  ...TARDIS_BASE_COLUMNS,
  'ask_amount',
  'ask_price',
  'bid_price',
  'bid_amount',
] as const;

export interface TardisReadOptions {
  /** Price grid, for all instruments or per instrument id (Deribit BTC-PERPETUAL: `new Grid(0.5)`). */
  grid: GridOption;
  /** Round off-grid prices to the nearest tick instead of rejecting them (default false). */
  roundToGrid?: boolean;
  /**
   * Bourse instrument id per Tardis `symbol`, e.g. `{ 'BTC-PERPETUAL': 'BTC-PERPETUAL.DERIBIT' }`.
   * When given, it is also the filter: rows of other symbols are skipped. Without it the id is
   * `<symbol>.<EXCHANGE>` (`XBTUSD.BITMEX`).
   */
  instruments?: Readonly<Record<string, InstrumentId>>;
}

/** Common columns: instrument, time order, grid. */
export class TardisRowReader {
  private readonly ids = new Map<string, InstrumentId | null>();
  private readonly gridOf: (id: InstrumentId) => Grid;
  private lastTs = Number.NEGATIVE_INFINITY;
  private lastLine = 0;
  private readonly exchange: number;
  private readonly symbol: number;
  private readonly timestamp: number;
  private readonly local: number;
  tsEvent = 0;
  instrument: InstrumentId = '';
  grid!: Grid;

  constructor(
    readonly rows: CsvRows,
    private readonly options: TardisReadOptions,
  ) {
    this.gridOf = gridFor(options.grid);
    this.exchange = rows.col('exchange');
    this.symbol = rows.col('symbol');
    this.timestamp = rows.col('timestamp');
    this.local = rows.col('local_timestamp');
  }

  /** Splits and reads the common columns; false when the symbol is filtered out. */
  read(text: string, line: number): boolean {
    const rows = this.rows;
    rows.set(text, line);
    rows.micros(this.timestamp);
    const ts = rows.micros(this.local);
    if (ts < this.lastTs) {
      throw rows.fail(this.local, `local_timestamp out of order: before line ${this.lastLine}`);
    }
    this.lastTs = ts;
    this.lastLine = line;
    const symbol = rows.get(this.symbol);
    const exchange = rows.get(this.exchange);
    const key = `${exchange}\u0000${symbol}`;
    let id = this.ids.get(key);
    if (id === undefined) {
      if (symbol.trim() === '') throw rows.fail(this.symbol, 'empty symbol');
      const map = this.options.instruments;
      if (map !== undefined) id = Object.hasOwn(map, symbol) ? map[symbol] : null;
      else {
        if (exchange.trim() === '' || exchange.includes('.'))
          throw rows.fail(this.exchange, 'not an exchange name');
        id = instrumentId(symbol, exchange.toUpperCase());
      }
      this.ids.set(key, id);
    }
    if (id === null) return false;
    this.tsEvent = ts;
    this.instrument = id;
    this.grid = this.gridOf(id);
    return true;
  }

  /** Batch key of the row just read: same message ⇔ same symbol and both timestamps. */
  batchKey(): string {
    const rows = this.rows;
    return `${rows.get(this.symbol)}\u0000${rows.get(this.timestamp)}\u0000${rows.get(this.local)}`;
  }
}

interface PendingLevel {
  instrument: InstrumentId;
  key: string;
  snapshot: boolean;
  side: 'bid' | 'ask';
  priceTicks: number;
  size: number;
  tsEvent: number;
}

/**
 * Parses Tardis `incremental_book_L2` lines into BookLevelUpdates (`amount` is the new total size at
 * the level, 0 removes it). Rows of one message (same symbol, `timestamp` and `local_timestamp`)
 * form a batch; its last update carries F_LAST (128). A run of `is_snapshot` rows is one batch and
 * resets the book: when it starts while levels are known for the instrument (Tardis resends a
 * snapshot after a reconnection and at each day's start), size-0 updates for every known level come
 * first, then the snapshot levels; all carry F_SNAPSHOT (32). `sequence` counts the updates of the
 * file from 1 (Tardis has no feed sequence).
 */
export async function* parseTardisBookL2(
  lines: Lines,
  file: string,
  options: TardisReadOptions,
): AsyncGenerator<BookLevelUpdate> {
  const rows = new CsvRows(file, TARDIS_BOOK_L2_COLUMNS);
  const round = options.roundToGrid === true;
  /** Known levels per instrument: [bids, asks] tick sets. */
  const books = new Map<InstrumentId, [Set<number>, Set<number>]>();
  let reader: TardisRowReader | undefined;
  let snapshotColumn = 0;
  let sideColumn = 0;
  let priceColumn = 0;
  let amountColumn = 0;
  let pending: PendingLevel | undefined;
  let sequence = 0;

  const update = (p: PendingLevel, flags: number): BookLevelUpdate => ({
    kind: 'book-level',
    instrumentId: p.instrument,
    side: p.side,
    priceTicks: p.priceTicks,
    size: p.size,
    flags,
    sequence: ++sequence,
    tsEvent: p.tsEvent,
    tsInit: p.tsEvent,
  });
  const flagsOf = (p: PendingLevel, last: boolean): number =>
    (last ? TARDIS_F_LAST : 0) | (p.snapshot ? TARDIS_F_SNAPSHOT : 0);

  yield* eachRow<BookLevelUpdate>(
    lines,
    rows,
    function* (text, line) {
      if (reader === undefined) {
        reader = new TardisRowReader(rows, options);
        snapshotColumn = rows.col('is_snapshot');
        sideColumn = rows.col('side');
        priceColumn = rows.col('price');
        amountColumn = rows.col('amount');
      }
      if (!reader.read(text, line)) return;
      const snapshotText = rows.get(snapshotColumn);
      if (snapshotText !== 'true' && snapshotText !== 'false')
        throw rows.fail(snapshotColumn, 'expected true or false');
      const snapshot = snapshotText === 'true';
      const sideText = rows.get(sideColumn);
      if (sideText !== 'bid' && sideText !== 'ask') throw rows.fail(sideColumn, 'expected bid or ask');
      const current: PendingLevel = {
        instrument: reader.instrument,
        key: reader.batchKey(),
        snapshot,
        side: sideText,
        priceTicks: rows.priceTicks(priceColumn, reader.grid, round, true),
        size: rows.quantity(amountColumn, true),
        tsEvent: reader.tsEvent,
      };
      // One-row lookahead: the previous row ends its batch unless this row continues it.
      const continues =
        pending !== undefined &&
        pending.instrument === current.instrument &&
        (pending.snapshot && current.snapshot
          ? true
          : !pending.snapshot && !current.snapshot && pending.key === current.key);
      if (pending !== undefined) yield update(pending, flagsOf(pending, !continues));
      let book = books.get(current.instrument);
      if (book === undefined) {
        book = [new Set(), new Set()];
        books.set(current.instrument, book);
      }
      if (current.snapshot && !continues) {
        // A new snapshot: remove every known level first (book reset).
        for (let s = 0; s < 2; s++) {
          for (const ticks of book[s]) {
            yield update(
              { ...current, side: s === 0 ? 'bid' : 'ask', priceTicks: ticks, size: 0 },
              TARDIS_F_SNAPSHOT,
            );
          }
          book[s].clear();
        }
      }
      const levels = book[current.side === 'bid' ? 0 : 1];
      if (current.size > 0) levels.add(current.priceTicks);
      else levels.delete(current.priceTicks);
      pending = current;
    },
    function* () {
      if (pending !== undefined) yield update(pending, flagsOf(pending, true));
    },
  );
}

export function streamTardisBookL2(
  path: string,
  options: TardisReadOptions,
): AsyncGenerator<BookLevelUpdate> {
  return parseTardisBookL2(fileLines(path), path, options);
}

export function readTardisBookL2(path: string, options: TardisReadOptions): Promise<BookLevelUpdate[]> {
  return collect(streamTardisBookL2(path, options));
}

function aggressorOf(side: string): AggressorSide | undefined {
  return side === 'buy' ? 'buyer' : side === 'sell' ? 'seller' : side === 'unknown' ? 'none' : undefined;
}

/**
 * Parses Tardis `trades` lines: one TradeTick per row, aggressor from `side` (the taker: buy →
 * buyer, sell → seller, unknown → none), `tradeId` from `id` (the row number in the file when empty).
 */
export async function* parseTardisTrades(
  lines: Lines,
  file: string,
  options: TardisReadOptions,
): AsyncGenerator<TradeTick> {
  const rows = new CsvRows(file, TARDIS_TRADES_COLUMNS);
  const round = options.roundToGrid === true;
  let reader: TardisRowReader | undefined;
  let c: number[] = [];
  let count = 0;
  yield* eachRow<TradeTick>(lines, rows, function* (text, line) {
    if (reader === undefined) {
      reader = new TardisRowReader(rows, options);
      c = ['id', 'side', 'price', 'amount'].map((name) => rows.col(name));
    }
    if (!reader.read(text, line)) return;
    count++;
    const aggressor = aggressorOf(rows.get(c[1]));
    if (aggressor === undefined) throw rows.fail(c[1], 'expected buy, sell or unknown');
    const ticks = rows.priceTicks(c[2], reader.grid, round, true);
    const size = rows.quantity(c[3], true);
    if (size === 0) throw rows.fail(c[3], 'a trade needs a positive amount');
    const id = rows.get(c[0]);
    yield {
      kind: 'trade',
      instrumentId: reader.instrument,
      price: reader.grid.fromTicks(ticks),
      size,
      aggressor,
      tradeId: id === '' ? String(count) : id,
      tsEvent: reader.tsEvent,
      tsInit: reader.tsEvent,
    };
  });
}

export function streamTardisTrades(path: string, options: TardisReadOptions): AsyncGenerator<TradeTick> {
  return parseTardisTrades(fileLines(path), path, options);
}

export function readTardisTrades(path: string, options: TardisReadOptions): Promise<TradeTick[]> {
  return collect(streamTardisTrades(path, options));
}

/**
 * Parses Tardis `quotes` lines (top of book): one QuoteTick per row. A row with an empty side (no
 * bid or no ask, e.g. an empty book) gives no quote.
 */
export async function* parseTardisQuotes(
  lines: Lines,
  file: string,
  options: TardisReadOptions,
): AsyncGenerator<QuoteTick> {
  const rows = new CsvRows(file, TARDIS_QUOTES_COLUMNS);
  const round = options.roundToGrid === true;
  let reader: TardisRowReader | undefined;
  let c: number[] = [];
  yield* eachRow<QuoteTick>(lines, rows, function* (text, line) {
    if (reader === undefined) {
      reader = new TardisRowReader(rows, options);
      c = ['ask_amount', 'ask_price', 'bid_price', 'bid_amount'].map((name) => rows.col(name));
    }
    if (!reader.read(text, line)) return;
    if (c.some((index) => rows.get(index) === '')) {
      // One side missing: no quote, but a present side must still be well formed.
      for (const index of c) if (rows.get(index) !== '') rows.number(index, true);
      return;
    }
    const grid = reader.grid;
    const askSize = rows.quantity(c[0], true);
    const ask = rows.priceTicks(c[1], grid, round, true);
    const bid = rows.priceTicks(c[2], grid, round, true);
    const bidSize = rows.quantity(c[3], true);
    yield {
      kind: 'quote',
      instrumentId: reader.instrument,
      bidPrice: grid.fromTicks(bid),
      askPrice: grid.fromTicks(ask),
      bidSize,
      askSize,
      tsEvent: reader.tsEvent,
      tsInit: reader.tsEvent,
    };
  });
}

export function streamTardisQuotes(path: string, options: TardisReadOptions): AsyncGenerator<QuoteTick> {
  return parseTardisQuotes(fileLines(path), path, options);
}

export function readTardisQuotes(path: string, options: TardisReadOptions): Promise<QuoteTick[]> {
  return collect(streamTardisQuotes(path, options));
}
