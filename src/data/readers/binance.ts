/**
 * Binance order-book depth: a snapshot (`lastUpdateId`, bids, asks) then diff-depth events
 * (`U` first and `u` last update id, futures also `pu` = previous event's `u`, bid/ask levels with
 * the new total quantity, 0 = level gone) → BookLevelUpdates, applying Binance's rules for keeping
 * a local book in sync. Two input forms: Binance's historical CSV (`symbol,timestamp,
 * first_update_id,last_update_id,side,update_type,price,qty,pu`, `snap` and `set` rows) and the raw
 * API JSON (REST snapshot + one `depthUpdate` event per line). See docs/data.md.
 */
import { DataError } from '../../core/errors.js';
import type { BookLevelUpdate } from '../../model/data.js';
import type { Grid } from '../../model/grid.js';
import { type InstrumentId, instrumentId } from '../../model/identifiers.js';
import { MICROS_PER_MILLI } from '../../model/time.js';
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

/** Flag of the last update of a message (the book is complete again). */
export const BINANCE_F_LAST = 128;
/** Flag of the updates of a snapshot (and of the deletions a later snapshot implies). */
export const BINANCE_F_SNAPSHOT = 32;

export const BINANCE_DEPTH_CSV_COLUMNS = [
  'symbol',
  'timestamp',
  'first_update_id',
  'last_update_id',
  'side',
  'update_type',
  'price',
  'qty',
] as const;

/** What happened to the diffs: filled in by the reader as it goes (pass an object to read it afterwards). */
export interface BinanceSyncReport {
  /** Snapshots applied. */
  snapshots: number;
  /** Diffs applied. */
  applied: number;
  /** Diffs dropped as already in the snapshot (`u` ≤ lastUpdateId; futures `u` < lastUpdateId). */
  stale: number;
  /** Diffs dropped because no snapshot had come yet, or after a gap until the next snapshot (`resync`). */
  unsynced: number;
  /** Sequence gaps found. */
  gaps: number;
  /** The first gap: where, and which id was expected. */
  firstGap?: { file: string; line: number; field: string; expected: number; got: number };
}

export function newBinanceSyncReport(): BinanceSyncReport {
  return { snapshots: 0, applied: 0, stale: 0, unsynced: 0, gaps: 0 };
}

export interface BinanceReadOptions {
  /** Price grid, for all instruments or per instrument id (BTCUSDT perpetual: `new Grid(0.1)`). */
  grid: GridOption;
  /** Round off-grid prices to the nearest tick instead of rejecting them (default false). */
  roundToGrid?: boolean;
  /**
   * Sync rules: `spot` (first diff `U ≤ lastUpdateId+1 ≤ u`, then `U` = previous `u` + 1) or
   * `futures` (first diff `U ≤ lastUpdateId ≤ u`, then `pu` = previous `u`). Default: `futures`
   * when the diffs carry `pu`, else `spot`.
   */
  market?: 'spot' | 'futures';
  /**
   * On a sequence gap: `error` (default) throws a DataError at the diff that breaks the chain;
   * `resync` counts it, drops diffs until the next snapshot in the input, which restarts the book.
   */
  onGap?: 'error' | 'resync';
  /** Filled in while reading (counts, first gap). */
  report?: BinanceSyncReport;
  /** CSV: Bourse id per Binance `symbol`; also a filter. Default `<symbol>.BINANCE`. */
  instruments?: Readonly<Record<string, InstrumentId>>;
}

interface Level {
  side: 'bid' | 'ask';
  priceTicks: number;
  size: number;
}

/** One snapshot or diff message, parsed. */
export interface BinanceDepthMessage {
  readonly snapshot: boolean;
  /** Diffs: `U`; snapshots: lastUpdateId. */
  readonly first: number;
  /** Diffs: `u`; snapshots: lastUpdateId. */
  readonly last: number;
  /** Futures diffs: `pu` (undefined on spot). */
  readonly previous?: number;
  readonly tsEvent: number;
  readonly levels: readonly Level[];
  readonly file: string;
  /** Line of the message's first row (CSV) or its line (JSON lines). */
  readonly line: number;
  /** Field names for errors: [first, previous]. */
  readonly fields: readonly [string, string];
}

/** The Binance local-book algorithm for one instrument; `apply` yields the updates of a message. */
export class BinanceDepthSync {
  private state: 'no-snapshot' | 'first' | 'synced' | 'lost' = 'no-snapshot';
  private lastUpdateId = 0;
  private previous = 0;
  private readonly known: [Set<number>, Set<number>] = [new Set(), new Set()];
  readonly report: BinanceSyncReport;

  constructor(
    readonly instrumentId: InstrumentId,
    private readonly options: BinanceReadOptions,
    private market?: 'spot' | 'futures',
  ) {
    this.report = options.report ?? newBinanceSyncReport();
  }

  *apply(message: BinanceDepthMessage): Generator<BookLevelUpdate> {
    const report = this.report;
    if (message.snapshot) {
      report.snapshots++;
      const out: Level[] = [];
      for (let s = 0; s < 2; s++) {
        for (const ticks of this.known[s])
          out.push({ side: s === 0 ? 'bid' : 'ask', priceTicks: ticks, size: 0 });
        this.known[s].clear();
      }
      out.push(...message.levels);
      this.lastUpdateId = message.last;
      this.state = 'first';
      yield* this.emit(out, message, BINANCE_F_SNAPSHOT);
      return;
    }
    if (this.market === undefined) this.market = message.previous === undefined ? 'spot' : 'futures';
    const futures = this.market === 'futures';
    if (this.state === 'no-snapshot' || this.state === 'lost') {
      report.unsynced++;
      return;
    }
    const U = message.first;
    const u = message.last;
    const L = this.lastUpdateId;
    if (this.state === 'first') {
      if (futures ? u < L : u <= L) {
        report.stale++;
        return;
      }
      const ok = futures ? U <= L && L <= u : U <= L + 1 && L + 1 <= u;
      if (!ok) {
        this.gap(message, message.fields[0], futures ? L : L + 1, U, 'first diff after the snapshot');
        return;
      }
    } else {
      const chained = futures && message.previous !== undefined ? message.previous : U;
      const expected = futures && message.previous !== undefined ? this.previous : this.previous + 1;
      if (chained !== expected) {
        this.gap(
          message,
          message.fields[futures && message.previous !== undefined ? 1 : 0],
          expected,
          chained,
          'diff',
        );
        return;
      }
    }
    this.state = 'synced';
    this.previous = u;
    report.applied++;
    yield* this.emit(message.levels, message, 0);
  }

  private gap(
    message: BinanceDepthMessage,
    field: string,
    expected: number,
    got: number,
    what: string,
  ): void {
    const report = this.report;
    report.gaps++;
    report.firstGap ??= { file: message.file, line: message.line, field, expected, got };
    if (this.options.onGap !== 'resync') {
      const rule =
        what === 'diff'
          ? `expected ${expected} (previous u${field === 'pu' ? '' : ' + 1'})`
          : `expected ${field} ≤ ${expected} ≤ last id ${message.last} (snapshot lastUpdateId ${this.lastUpdateId})`;
      throw new DataError(`sequence gap in ${this.instrumentId}: ${what} does not follow on, ${rule}`, {
        file: message.file,
        line: message.line,
        field,
        value: String(got),
      });
    }
    this.state = 'lost';
    report.unsynced++;
  }

  private *emit(
    levels: readonly Level[],
    message: BinanceDepthMessage,
    flags: number,
  ): Generator<BookLevelUpdate> {
    for (let i = 0; i < levels.length; i++) {
      const level = levels[i];
      const set = this.known[level.side === 'bid' ? 0 : 1];
      if (level.size > 0) set.add(level.priceTicks);
      else set.delete(level.priceTicks);
      yield {
        kind: 'book-level',
        instrumentId: this.instrumentId,
        side: level.side,
        priceTicks: level.priceTicks,
        size: level.size,
        flags: flags | (i === levels.length - 1 ? BINANCE_F_LAST : 0),
        sequence: message.last,
        tsEvent: message.tsEvent,
        tsInit: message.tsEvent,
      };
    }
  }
}

// ---------------------------------------------------------------------------------------- CSV

interface CsvSource {
  lines: Lines;
  file: string;
}

/**
 * Parses Binance historical depth CSVs (one or more files in order, e.g. the snapshot file then the
 * update file; each with its header). Consecutive rows with the same symbol, `update_type`,
 * `first_update_id`, `last_update_id` and `timestamp` are one message; `snap` messages are snapshots
 * (lastUpdateId = `last_update_id`), `set` messages diffs (`U` = `first_update_id`, `u` =
 * `last_update_id`, `pu` from the optional `pu` column, -1 = none). Time is `timestamp` (ms).
 */
export async function* parseBinanceDepthCsv(
  sources: readonly CsvSource[],
  options: BinanceReadOptions,
): AsyncGenerator<BookLevelUpdate> {
  const gridOf = gridFor(options.grid);
  const round = options.roundToGrid === true;
  const books = new Map<string, BinanceDepthSync | null>();
  const report = options.report ?? newBinanceSyncReport();
  const shared: BinanceReadOptions = { ...options, report };
  const bookOf = (symbol: string): BinanceDepthSync | null => {
    let book = books.get(symbol);
    if (book === undefined) {
      const map = options.instruments;
      const id =
        map !== undefined
          ? Object.hasOwn(map, symbol)
            ? map[symbol]
            : null
          : instrumentId(symbol, 'BINANCE');
      book = id === null ? null : new BinanceDepthSync(id, shared, options.market);
      books.set(symbol, book);
    }
    return book;
  };
  for (const source of sources) {
    const rows = new CsvRows(source.file, BINANCE_DEPTH_CSV_COLUMNS, ['pu']);
    let c: Record<string, number> | undefined;
    let key = '';
    let pending: { book: BinanceDepthSync; message: BinanceDepthMessage & { levels: Level[] } } | undefined;
    const flush = function* (): Generator<BookLevelUpdate> {
      if (pending !== undefined) yield* pending.book.apply(pending.message);
      pending = undefined;
    };
    yield* eachRow<BookLevelUpdate>(
      source.lines,
      rows,
      function* (text, line) {
        if (c === undefined) {
          c = {};
          for (const name of [...BINANCE_DEPTH_CSV_COLUMNS, 'pu']) c[name] = rows.col(name);
        }
        rows.set(text, line);
        const symbol = rows.get(c.symbol);
        if (!/^[A-Z0-9_]+$/.test(symbol)) throw rows.fail(c.symbol, 'not a Binance symbol');
        const type = rows.get(c.update_type);
        if (type !== 'snap' && type !== 'set') throw rows.fail(c.update_type, 'expected snap or set');
        const ms = rows.integer(c.timestamp);
        const first = rows.integer(c.first_update_id);
        const last = rows.integer(c.last_update_id);
        if (last < first) throw rows.fail(c.last_update_id, `below first_update_id ${first}`);
        const sideText = rows.get(c.side);
        if (sideText !== 'b' && sideText !== 'a') throw rows.fail(c.side, 'expected b or a');
        let previous: number | undefined;
        if (c.pu >= 0 && type === 'set') {
          const text = rows.get(c.pu);
          if (text !== '-1' && text !== '') previous = rows.integer(c.pu);
        }
        const book = bookOf(symbol);
        const rowKey = `${symbol}\u0000${type}\u0000${first}\u0000${last}\u0000${ms}`;
        if (rowKey !== key) yield* flush();
        key = rowKey;
        if (book === null) return;
        const grid: Grid = gridOf(book.instrumentId);
        const level: Level = {
          side: sideText === 'b' ? 'bid' : 'ask',
          priceTicks: rows.priceTicks(c.price, grid, round),
          size: rows.quantity(c.qty),
        };
        if (pending === undefined) {
          pending = {
            book,
            message: {
              snapshot: type === 'snap',
              first,
              last,
              previous,
              tsEvent: ms * MICROS_PER_MILLI,
              levels: [],
              file: source.file,
              line,
              fields: ['first_update_id', 'pu'],
            },
          };
        } else if (pending.message.previous !== previous) {
          throw rows.fail(c.pu, `pu differs within the message starting at line ${pending.message.line}`);
        }
        pending.message.levels.push(level);
      },
      flush,
    );
  }
}

/** Streams depth CSV files in the order given (snapshot file first). */
export function streamBinanceDepthCsv(
  paths: string | readonly string[],
  options: BinanceReadOptions,
): AsyncGenerator<BookLevelUpdate> {
  const list = typeof paths === 'string' ? [paths] : paths;
  return parseBinanceDepthCsv(
    list.map((file) => ({ lines: fileLines(file), file })),
    options,
  );
}

export function readBinanceDepthCsv(
  paths: string | readonly string[],
  options: BinanceReadOptions,
): Promise<BookLevelUpdate[]> {
  return collect(streamBinanceDepthCsv(paths, options));
}

// ---------------------------------------------------------------------------------------- JSON

function jsonFail(file: string, line: number, field: string, value: unknown, why: string): DataError {
  return new DataError(why, {
    file,
    line,
    field,
    value: clip(typeof value === 'string' ? value : (JSON.stringify(value) ?? 'undefined')),
  });
}

function idOf(value: unknown, file: string, line: number, field: string): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  throw jsonFail(file, line, field, value, 'not an update id (a non-negative integer)');
}

function levelsOf(
  value: unknown,
  side: 'bid' | 'ask',
  field: string,
  grid: Grid,
  round: boolean,
  file: string,
  line: number,
): Level[] {
  if (!Array.isArray(value)) throw jsonFail(file, line, field, value, 'not an array of [price, quantity]');
  return value.map((pair: unknown, i) => {
    const where = `${field}[${i}]`;
    if (!Array.isArray(pair) || pair.length < 2)
      throw jsonFail(file, line, where, pair, 'not a [price, quantity] pair');
    const [p, q] = pair.map((x) =>
      typeof x === 'string' && /^\d+(\.\d+)?$/.test(x) ? Number(x) : Number.NaN,
    );
    if (!(p > 0)) throw jsonFail(file, line, `${where}[0]`, pair[0], 'not a positive decimal price string');
    if (!(q >= 0)) throw jsonFail(file, line, `${where}[1]`, pair[1], 'not a decimal quantity string');
    if (!round && !grid.contains(p))
      throw jsonFail(file, line, `${where}[0]`, pair[0], `price not on the ${grid.increment} grid`);
    return { side, priceTicks: grid.toTicks(p), size: q };
  });
}

/**
 * Parses the raw API form: `snapshot` is the REST `GET /api/v3/depth` (spot) or `/fapi/v1/depth`
 * (futures) body, `{"lastUpdateId":…, "bids":[["price","qty"],…], "asks":[…]}` (+ `E`/`T` on
 * futures); `lines` hold one `depthUpdate` event per line (bare or wrapped as
 * `{"stream":…,"data":{…}}`). Time of a diff is `E` (event time, ms); of the snapshot its `E`, else
 * `T`, else `snapshotTime` (µs), else the first diff's. Errors name the line and the JSON field
 * (`U`, `b[3][0]`).
 */
export async function* parseBinanceDepthJson(
  snapshot: { text: string; file: string },
  lines: Lines,
  file: string,
  options: BinanceReadOptions & { instrumentId: InstrumentId; snapshotTime?: number },
): AsyncGenerator<BookLevelUpdate> {
  const grid = gridFor(options.grid)(options.instrumentId);
  const round = options.roundToGrid === true;
  const book = new BinanceDepthSync(options.instrumentId, options, options.market);
  let snap: Record<string, unknown>;
  try {
    snap = JSON.parse(snapshot.text) as Record<string, unknown>;
  } catch {
    throw jsonFail(snapshot.file, 1, 'snapshot', snapshot.text, 'not JSON');
  }
  if (snap === null || typeof snap !== 'object')
    throw jsonFail(snapshot.file, 1, 'snapshot', snapshot.text, 'not a JSON object');
  const lastUpdateId = idOf(snap.lastUpdateId, snapshot.file, 1, 'lastUpdateId');
  const snapLevels = [
    ...levelsOf(snap.bids, 'bid', 'bids', grid, round, snapshot.file, 1),
    ...levelsOf(snap.asks, 'ask', 'asks', grid, round, snapshot.file, 1),
  ];
  const snapMs = snap.E ?? snap.T;
  let snapshotTs =
    typeof snapMs === 'number' ? snapMs * MICROS_PER_MILLI : (options.snapshotTime as number | undefined);
  const snapshotMessage = (ts: number): BinanceDepthMessage => ({
    snapshot: true,
    first: lastUpdateId,
    last: lastUpdateId,
    tsEvent: ts,
    levels: snapLevels,
    file: snapshot.file,
    line: 1,
    fields: ['lastUpdateId', 'lastUpdateId'],
  });
  if (snapshotTs !== undefined) yield* book.apply(snapshotMessage(snapshotTs));
  let line = 0;
  for await (const raw of lines) {
    line++;
    const text = raw.trim();
    if (text === '') continue;
    let event: Record<string, unknown>;
    try {
      event = JSON.parse(text) as Record<string, unknown>;
    } catch {
      throw jsonFail(file, line, 'line', text, 'not JSON');
    }
    if (
      event !== null &&
      typeof event === 'object' &&
      typeof event.data === 'object' &&
      event.data !== null
    ) {
      event = event.data as Record<string, unknown>;
    }
    if (event === null || typeof event !== 'object' || event.e !== 'depthUpdate') {
      throw jsonFail(file, line, 'e', event?.e, "not a depthUpdate event (field 'e')");
    }
    const E = event.E;
    if (typeof E !== 'number' || !Number.isSafeInteger(E))
      throw jsonFail(file, line, 'E', E, 'not an event time in ms');
    const U = idOf(event.U, file, line, 'U');
    const u = idOf(event.u, file, line, 'u');
    if (u < U) throw jsonFail(file, line, 'u', event.u, `below U ${U}`);
    const previous = event.pu === undefined ? undefined : idOf(event.pu, file, line, 'pu');
    const ts = E * MICROS_PER_MILLI;
    if (snapshotTs === undefined) {
      snapshotTs = ts;
      yield* book.apply(snapshotMessage(ts));
    }
    yield* book.apply({
      snapshot: false,
      first: U,
      last: u,
      previous,
      tsEvent: ts,
      levels: [
        ...levelsOf(event.b, 'bid', 'b', grid, round, file, line),
        ...levelsOf(event.a, 'ask', 'a', grid, round, file, line),
      ],
      file,
      line,
      fields: ['U', 'pu'],
    });
  }
  if (snapshotTs === undefined) yield* book.apply(snapshotMessage(options.snapshotTime ?? 0));
}
