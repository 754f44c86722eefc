import { createReadStream, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import { DataError, type DataErrorLocation } from '../../core/errors.js';
import type { InstrumentStatus, MarketData, OrderBookEvent, QuoteTick } from '../../model/data.js';
import { Grid } from '../../model/grid.js';
import type { InstrumentId } from '../../model/identifiers.js';
import { MICROS_PER_SECOND, type UnixMicros } from '../../model/time.js';
import { zonedTimeToUtc } from '../../model/timezone.js';
import { ASK, BID, type BookSide } from '../book/level.js';
import {
  ACTION_ADD,
  ACTION_CANCEL,
  ACTION_FILL,
  ACTION_TRADE,
  F_LAST,
  SIDE_ASK,
  SIDE_BID,
  SIDE_NONE,
} from '../book/mbo-events.js';
import { OrderBook } from '../book/order-book.js';
import { applyMboRow } from '../book/replay.js';

/**
 * LOBSTER (lobsterdata.com) NASDAQ order-book files: a message file (one event per row) and an
 * orderbook file (row i = the top `LEVEL` levels after message i). Neither has a header.
 *
 * Message types and the kernel events they become (MBO action codes of data/book/mbo-events; every
 * message is one batch, its last event carries F_LAST; `sequence` = the message's line):
 *
 * | type | LOBSTER meaning | events |
 * |---|---|---|
 * | 1 | new limit order | A (side of Direction, price, size, id) |
 * | 2 | partial cancel | C (size cancelled) |
 * | 3 | delete | C (the order's whole remaining size) |
 * | 4 | visible execution | T (aggressor = opposite of Direction, orderId 0), F (resting order), C (size executed) |
 * | 5 | hidden execution | T only (the hidden order never was in the book) |
 * | 6 | cross trade | T with side N (no aggressor) |
 * | 7 | halt / quoting / resume | no book event: an InstrumentStatus halted / pre-open / open |
 *
 * Type 4 follows Databento's CME order T, F, C: the C removes the executed size, so the events
 * must be replayed with `fillsReduce: false` (the default of replayMbo and what BookFeed and the L3
 * matcher do); F is only checked. With `fillsReduce: true` an execution would count twice.
 * Messages about orders the book does not hold, and the level-1 reconciliation with the orderbook
 * file (synthetic A, stale C) are described at LobsterConverter. Prices are integer ticks of a
 * 0.01 grid by default; a visible order off the grid is a DataError, an off-grid hidden execution
 * (midpoint) follows `offGridTrades`. Rows with an empty side (±9999999999, size 0) give no quote.
 */

/** LOBSTER's price for an empty ask level (bid: the negative). Sizes there are 0. */
export const LOBSTER_DUMMY_PRICE = 9_999_999_999;
/** LOBSTER prices are dollars × 10000. */
export const LOBSTER_PRICE_SCALE = 10_000;

export type LobsterMessageType = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** One row of a message file, checked. `price` is raw (dollars × 10000). */
export interface LobsterMessage {
  readonly line: number;
  /** Seconds after midnight, New York local time, as written (e.g. '34200.017459617'). */
  readonly time: string;
  readonly tsEvent: UnixMicros;
  readonly type: LobsterMessageType;
  readonly orderId: number;
  readonly size: number;
  readonly price: number;
  /** 1 buy (bid) order, -1 sell (ask) order. */
  readonly direction: 1 | -1;
}

/** Level 1 of one orderbook row, raw: prices × 10000, the dummy ±9999999999 with size 0 for an empty side. */
export interface LobsterTop {
  readonly line: number;
  readonly askPrice: number;
  readonly askSize: number;
  readonly bidPrice: number;
  readonly bidSize: number;
}

export interface LobsterFiles {
  readonly messages: string;
  readonly orderbook: string;
}

export interface LobsterOptions {
  /** Trading date `YYYY-MM-DD` (default: from the message file's name). */
  date?: string;
  /** Default: `<TICKER>.NASDAQ`, the ticker from the file name. */
  instrumentId?: InstrumentId;
  /** Zone of the file's "seconds after midnight" (default America/New_York). */
  timeZone?: string;
  /** Price grid (default 0.01). Must be a whole number of 1/10000 dollars. */
  grid?: Grid;
  /**
   * A hidden execution or cross (types 5, 6) off the grid, e.g. at the half-penny midpoint:
   * 'skip' (default: no event, counted in `stats.offGridTrades`), 'round' to the nearest tick
   * (half up), or 'error'. Visible orders (types 1–4) off the grid are always a DataError.
   */
  offGridTrades?: 'skip' | 'round' | 'error';
  /** Orders the messages do not know (see LobsterConverter): 'level1' (default) or 'skip'. */
  preExisting?: LobsterPreExisting;
  /** Quotes from the orderbook file: 'changes' (default: when level 1 changed) or 'every' row. */
  quotes?: 'changes' | 'every';
}

/** What the conversion did, beyond one event list per message. */
export interface LobsterStats {
  messages: number;
  /** Messages per type (index = type; 0 unused). */
  byType: number[];
  events: number;
  /**
   * Messages (index = type 2, 3, 4) about orders not resting in the book: never submitted in the
   * file (they rested before it starts) or dropped by the reconciliation. `unknownOrderIds` counts
   * the never-submitted ids; `unknownMatched` / `unknownUnmatched` the messages whose size synthetic
   * liquidity covered / did not cover.
   */
  unknownOrderMessages: number[];
  unknownOrderIds: number;
  unknownMatched: number;
  unknownUnmatched: number;
  /** Partial cancels / executions larger than the order's remaining size (the rest is treated as unknown). */
  sizeExceeded: number;
  /** Type 3 deletes whose size differs from the order's remaining size (the whole order is removed). */
  deleteSizeMismatches: number;
  /** Off-grid hidden executions / crosses skipped or rounded (per `offGridTrades`). */
  offGridTrades: number;
  halts: number;
  /** Reconciliation ('level1'): synthetic orders added and their shares. */
  syntheticAdds: number;
  syntheticShares: number;
  /** Reconciliation: cancels of stale or surplus size, and their shares. */
  staleCancels: number;
  staleShares: number;
  quotes: number;
  /** Orderbook rows with an empty side (dummy price): no quote. */
  quotesWithEmptySide: number;
}

/** The kernel data of one message: book events, a status for halts, the file's top of book as a quote. */
export interface LobsterStep {
  readonly message: LobsterMessage;
  readonly top: LobsterTop;
  readonly events: readonly OrderBookEvent[];
  readonly status?: InstrumentStatus;
  /** Level 1 after the message (undefined when unchanged with quotes 'changes', or a side is empty). */
  readonly quote?: QuoteTick;
}

const FIELDS = ['time', 'type', 'order_id', 'size', 'price', 'direction'] as const;
const TOP_FIELDS = ['ask_price_1', 'ask_size_1', 'bid_price_1', 'bid_size_1'] as const;
const NAME = /^([A-Za-z0-9.^-]+)_(\d{4}-\d{2}-\d{2})_(\d+)_(\d+)_(message|orderbook)_(\d+)\.csv$/;

/** Ticker, date, window (ms after midnight), kind and levels of a LOBSTER file name, or undefined. */
export function parseLobsterFileName(path: string):
  | {
      ticker: string;
      date: string;
      startMillis: number;
      endMillis: number;
      kind: 'message' | 'orderbook';
      levels: number;
    }
  | undefined {
  const m = NAME.exec(basename(path));
  if (!m) return undefined;
  return {
    ticker: m[1],
    date: m[2],
    startMillis: Number(m[3]),
    endMillis: Number(m[4]),
    kind: m[5] as 'message' | 'orderbook',
    levels: Number(m[6]),
  };
}

/** The message and orderbook files of a ticker and date in a folder (`TICKER_DATE_*_message_N.csv`). */
export function findLobsterFiles(dir: string, ticker: string, date: string): LobsterFiles {
  const names = readdirSync(dir);
  const pick = (kind: 'message' | 'orderbook'): string => {
    const found = names.filter((n) => {
      const p = parseLobsterFileName(n);
      return p !== undefined && p.ticker === ticker && p.date === date && p.kind === kind;
    });
    if (found.length !== 1) {
      throw new DataError(
        `expected one LOBSTER ${kind} file for ${ticker} on ${date}, found ${found.length}`,
        { file: dir },
        found.length === 0 ? 'DATA_UNREADABLE' : 'DATA_INVALID',
      );
    }
    return join(dir, found[0]);
  };
  return { messages: pick('message'), orderbook: pick('orderbook') };
}

async function* lines(path: string): AsyncGenerator<{ text: string; line: number }> {
  const input = createReadStream(path);
  const reader = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  try {
    for await (const text of reader) {
      line++;
      yield { text, line };
    }
  } catch (error) {
    throw new DataError(`cannot read: ${(error as Error).message}`, { file: path }, 'DATA_UNREADABLE');
  } finally {
    reader.close();
    input.destroy();
  }
}

const INTEGER = /^-?\d+$/;
const SECONDS = /^(\d+)(?:\.(\d{1,9}))?$/;

/** Seconds after local midnight ('34200.017459617') → UnixMicros (ns rounded half up), or NaN. */
export function lobsterTime(seconds: string, date: string, timeZone = 'America/New_York'): UnixMicros {
  const m = SECONDS.exec(seconds);
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m || !d) return Number.NaN;
  const whole = Number(m[1]);
  if (whole >= 86_400) return Number.NaN;
  const nanos = Number((m[2] ?? '').padEnd(9, '0'));
  const hour = Math.floor(whole / 3600);
  const minute = Math.floor((whole % 3600) / 60);
  const base = zonedTimeToUtc(Number(d[1]), Number(d[2]), Number(d[3]), hour, minute, timeZone);
  return base + (whole % 60) * MICROS_PER_SECOND + Math.round(nanos / 1000);
}

/** Parses one message row; a DataError names file, line, field and value. */
export function parseLobsterMessage(
  text: string,
  file: string,
  line: number,
  date: string,
  timeZone = 'America/New_York',
): LobsterMessage {
  const f = text.split(',');
  if (f.length !== FIELDS.length) {
    throw new DataError(`expected ${FIELDS.length} fields (${FIELDS.join(',')}), got ${f.length}`, {
      file,
      line,
      field: 'row',
      value: text,
    });
  }
  const bad = (i: number, why: string): DataError =>
    new DataError(why, { file, line, field: FIELDS[i], value: f[i] });
  const int = (i: number): number => {
    const value = Number(f[i]);
    if (!INTEGER.test(f[i]) || !Number.isSafeInteger(value)) throw bad(i, 'not an integer');
    return value;
  };
  const tsEvent = lobsterTime(f[0], date, timeZone);
  if (Number.isNaN(tsEvent)) throw bad(0, 'not seconds after midnight (digits[.up to 9 digits], < 86400)');
  const type = int(1);
  if (type < 1 || type > 7) throw bad(1, 'unknown message type (expected 1-7)');
  const orderId = int(2);
  const size = int(3);
  const price = int(4);
  const direction = int(5);
  if (direction !== 1 && direction !== -1) throw bad(5, 'direction must be 1 (buy) or -1 (sell)');
  if (type === 7) {
    if (price !== -1 && price !== 0 && price !== 1)
      throw bad(4, 'a halt message (type 7) has price -1, 0 or 1');
  } else {
    if (orderId < 0 && !(type === 6 && orderId === -1)) throw bad(2, 'negative order id');
    if (size <= 0) throw bad(3, 'size must be positive');
    if (price <= 0 || price >= LOBSTER_DUMMY_PRICE) throw bad(4, 'price must be positive (dollars × 10000)');
  }
  return { line, time: f[0], tsEvent, type: type as LobsterMessageType, orderId, size, price, direction };
}

/** Parses level 1 of one orderbook row (a multiple of 4 fields); DataError on bad fields. */
export function parseLobsterTop(text: string, file: string, line: number): LobsterTop {
  const f = text.split(',');
  if (f.length < 4 || f.length % 4 !== 0) {
    throw new DataError(`expected 4 × levels fields, got ${f.length}`, {
      file,
      line,
      field: 'row',
      value: text,
    });
  }
  const bad = (i: number, why: string): DataError =>
    new DataError(why, { file, line, field: TOP_FIELDS[i], value: f[i] });
  const v: number[] = [];
  for (let i = 0; i < 4; i++) {
    const value = Number(f[i]);
    if (!INTEGER.test(f[i]) || !Number.isSafeInteger(value)) throw bad(i, 'not an integer');
    v.push(value);
  }
  const [askPrice, askSize, bidPrice, bidSize] = v;
  const side = (p: number, s: number, pi: number, dummy: number): void => {
    if (p === dummy) {
      if (s !== 0) throw bad(pi + 1, 'an empty level (dummy price) must have size 0');
    } else {
      if (p <= 0 || Math.abs(p) >= LOBSTER_DUMMY_PRICE) throw bad(pi, 'price must be positive or the dummy');
      if (s <= 0) throw bad(pi + 1, 'size must be positive');
    }
  };
  side(askPrice, askSize, 0, LOBSTER_DUMMY_PRICE);
  side(bidPrice, bidSize, 2, -LOBSTER_DUMMY_PRICE);
  return { line, askPrice, askSize, bidPrice, bidSize };
}

/** Streams the message file's rows, checked (time order included). */
export async function* readLobsterMessages(
  path: string,
  date: string,
  timeZone = 'America/New_York',
): AsyncGenerator<LobsterMessage> {
  let last = Number.NEGATIVE_INFINITY;
  for await (const { text, line } of lines(path)) {
    if (text.length === 0) continue;
    const m = parseLobsterMessage(text, path, line, date, timeZone);
    if (m.tsEvent < last)
      throw new DataError('time goes backwards', { file: path, line, field: 'time', value: m.time });
    last = m.tsEvent;
    yield m;
  }
}

/** Streams level 1 of each orderbook row. */
export async function* readLobsterOrderbook(path: string): AsyncGenerator<LobsterTop> {
  for await (const { text, line } of lines(path)) {
    if (text.length === 0) continue;
    yield parseLobsterTop(text, path, line);
  }
}

/** Ids of the synthetic orders that stand for liquidity the messages never showed (see LobsterConverter). */
export const LOBSTER_SYNTHETIC_ID_BASE = 1_000_000_000_000;

/**
 * Orders the message file does not know: 'level1' (default) keeps the book's level 1 equal to the
 * orderbook file's with synthetic orders; 'skip' uses the messages alone.
 */
export type LobsterPreExisting = 'level1' | 'skip';

function newStats(): LobsterStats {
  return {
    messages: 0,
    byType: [0, 0, 0, 0, 0, 0, 0, 0],
    events: 0,
    unknownOrderMessages: [0, 0, 0, 0, 0, 0, 0, 0],
    unknownOrderIds: 0,
    unknownMatched: 0,
    unknownUnmatched: 0,
    sizeExceeded: 0,
    deleteSizeMismatches: 0,
    offGridTrades: 0,
    halts: 0,
    syntheticAdds: 0,
    syntheticShares: 0,
    staleCancels: 0,
    staleShares: 0,
    quotes: 0,
    quotesWithEmptySide: 0,
  };
}

/** Level 1 of the converter's book: ticks (NaN when a side is empty) and sizes. */
export interface LobsterBookTop {
  bidTick: number;
  bidSize: number;
  askTick: number;
  askSize: number;
}

/**
 * Turns LOBSTER messages into kernel events (the table at the top of this file) and keeps the book
 * they build (`book`, replayed with replayMbo's rules).
 *
 * A LOBSTER message file holds only the events inside its requested levels (level 1 for `_1`
 * files): orders submitted deeper, or cancelled while deeper, never appear, and the orders resting
 * at the start were submitted before the file. With `preExisting: 'level1'` (default) the converter
 * reconciles its book with the orderbook row after each message, inside the same batch:
 * - a message about an order the file never submitted (or one dropped below) consumes synthetic
 *   liquidity at its side and price (an execution keeps its T);
 * - a level better than the file's level 1 is stale (its orders went while outside the window):
 *   its orders are cancelled (C) and dropped;
 * - the file's level 1 size missing from the book is added as a synthetic order (A, id from
 *   LOBSTER_SYNTHETIC_ID_BASE, at the back of the queue: the true queue position is unknown);
 * - surplus at the file's level 1 is cancelled, synthetic orders first (newest first), then the
 *   oldest orders.
 * So after each batch the book's best bid and ask (price and size) are the file's. With 'skip',
 * messages about unknown orders change nothing (an execution keeps its T) and nothing is added.
 */
export class LobsterConverter {
  readonly stats: LobsterStats = newStats();
  readonly grid: Grid;
  readonly book = new OrderBook();
  /** Level 1 after the last message's own events, before the reconciliation. */
  readonly predicted: LobsterBookTop = { bidTick: Number.NaN, bidSize: 0, askTick: Number.NaN, askSize: 0 };
  /** Whether the last message referred to an order (or size) the book could not account for. */
  lastUnknown = false;
  private readonly unitsPerTick: number;
  private readonly seen = new Set<number>();
  private nextSynthetic = LOBSTER_SYNTHETIC_ID_BASE;
  private out: OrderBookEvent[] = [];
  private current: LobsterMessage | undefined;
  private readonly where: DataErrorLocation;

  readonly preExisting: LobsterPreExisting;
  private readonly offGridTrades: 'skip' | 'round' | 'error';
  private readonly orderbookFile: string | undefined;

  /** `files` name the files in errors; options as in LobsterOptions. */
  constructor(
    readonly instrumentId: InstrumentId,
    files: Partial<LobsterFiles> = {},
    options: Pick<LobsterOptions, 'grid' | 'offGridTrades' | 'preExisting'> = {},
  ) {
    const grid = options.grid ?? new Grid(0.01);
    this.grid = grid;
    this.offGridTrades = options.offGridTrades ?? 'skip';
    this.preExisting = options.preExisting ?? 'level1';
    this.orderbookFile = files.orderbook;
    this.where = { file: files.messages };
    this.unitsPerTick = Math.round(grid.increment * LOBSTER_PRICE_SCALE);
    if (Math.abs(this.unitsPerTick - grid.increment * LOBSTER_PRICE_SCALE) > 1e-9 || this.unitsPerTick < 1)
      throw new RangeError(`grid ${grid.increment} is not a whole number of 1/10000 dollars`);
  }

  /** Integer ticks of a raw LOBSTER price, or NaN when off the grid. */
  ticks(price: number): number {
    return price % this.unitsPerTick === 0 ? price / this.unitsPerTick : Number.NaN;
  }

  /** Raw LOBSTER price (× 10000) of a tick. */
  rawPrice(tick: number): number {
    return tick * this.unitsPerTick;
  }

  /**
   * The events of one message, then (policy 'level1', when `top` is given) those that make the
   * book's level 1 equal `top`, the orderbook row after the message. Empty when nothing changes.
   */
  convert(m: LobsterMessage, top?: LobsterTop): { events: OrderBookEvent[]; status?: InstrumentStatus } {
    const stats = this.stats;
    stats.messages++;
    stats.byType[m.type]++;
    this.out = [];
    this.current = m;
    this.where.line = m.line;
    this.lastUnknown = false;
    const side = m.direction === 1 ? SIDE_BID : SIDE_ASK;
    const aggressor = m.direction === 1 ? SIDE_ASK : SIDE_BID;
    const where = this.where;
    let status: InstrumentStatus | undefined;
    switch (m.type) {
      case 1: {
        const tick = this.visibleTicks(m);
        if (m.orderId >= LOBSTER_SYNTHETIC_ID_BASE)
          throw new DataError('order id in the range of synthetic ids', {
            ...where,
            field: 'order_id',
            value: String(m.orderId),
          });
        if (this.seen.has(m.orderId))
          throw new DataError('order id submitted twice', {
            ...where,
            field: 'order_id',
            value: String(m.orderId),
          });
        this.seen.add(m.orderId);
        this.emit(ACTION_ADD, side, tick, m.size, m.orderId);
        break;
      }
      case 2:
      case 3:
      case 4: {
        const tick = this.visibleTicks(m);
        const order = this.book.order(m.orderId);
        let size = m.size;
        if (m.type === 4) this.emit(ACTION_TRADE, aggressor, tick, size, 0);
        if (order === undefined) {
          stats.unknownOrderMessages[m.type]++;
          if (!this.seen.has(m.orderId)) {
            this.seen.add(m.orderId);
            stats.unknownOrderIds++;
          }
          this.consumeSynthetic(side, tick, size, m.type === 4);
          break;
        }
        if ((order.side === BID ? SIDE_BID : SIDE_ASK) !== side)
          throw new DataError(`order ${m.orderId} rests on the other side`, {
            ...where,
            field: 'direction',
            value: String(m.direction),
          });
        if (order.tick !== tick)
          throw new DataError(`order ${m.orderId} rests at another price (${this.rawPrice(order.tick)})`, {
            ...where,
            field: 'price',
            value: String(m.price),
          });
        if (m.type === 3) {
          if (size !== order.size) stats.deleteSizeMismatches++;
          size = order.size;
        } else if (size > order.size) {
          // Only after the reconciliation took size from this order (or in an inconsistent file).
          stats.sizeExceeded++;
          const rest = size - order.size;
          size = order.size;
          if (m.type === 4) this.emit(ACTION_FILL, side, tick, size, m.orderId);
          this.emit(ACTION_CANCEL, side, tick, size, m.orderId);
          this.consumeSynthetic(side, tick, rest, m.type === 4);
          break;
        }
        if (m.type === 4) this.emit(ACTION_FILL, side, tick, size, m.orderId);
        this.emit(ACTION_CANCEL, side, tick, size, m.orderId);
        break;
      }
      case 5:
      case 6: {
        let tick = this.ticks(m.price);
        if (Number.isNaN(tick)) {
          if (this.offGridTrades === 'error')
            throw new DataError(`price not on the ${this.grid.increment} grid`, {
              ...where,
              field: 'price',
              value: String(m.price),
            });
          stats.offGridTrades++;
          if (this.offGridTrades === 'skip') break;
          tick = Math.floor(m.price / this.unitsPerTick + 0.5);
        }
        this.emit(ACTION_TRADE, m.type === 6 ? SIDE_NONE : aggressor, tick, m.size, 0);
        break;
      }
      case 7: {
        stats.halts++;
        status = {
          kind: 'status',
          instrumentId: this.instrumentId,
          status: m.price === -1 ? 'halted' : m.price === 0 ? 'pre-open' : 'open',
          reason: m.price === -1 ? 'trading halt' : m.price === 0 ? 'quoting resumed' : 'trading resumed',
          sequence: m.line,
          tsEvent: m.tsEvent,
          tsInit: m.tsEvent,
        };
        break;
      }
    }
    const p = this.predicted;
    const bid = this.book.bestBid();
    const ask = this.book.bestAsk();
    p.bidTick = bid?.tick ?? Number.NaN;
    p.bidSize = bid?.size ?? 0;
    p.askTick = ask?.tick ?? Number.NaN;
    p.askSize = ask?.size ?? 0;
    if (top !== undefined && this.preExisting === 'level1') {
      this.reconcile(
        BID,
        top.bidPrice === -LOBSTER_DUMMY_PRICE ? Number.NaN : top.bidPrice,
        top.bidSize,
        top,
      );
      this.reconcile(ASK, top.askPrice === LOBSTER_DUMMY_PRICE ? Number.NaN : top.askPrice, top.askSize, top);
    }
    const out = this.out;
    if (out.length > 0) {
      const lastIndex = out.length - 1;
      out[lastIndex] = { ...out[lastIndex], flags: F_LAST };
    }
    stats.events += out.length;
    return status === undefined ? { events: out } : { events: out, status };
  }

  private emit(action: number, side: number, tick: number, size: number, id: number): void {
    const m = this.current!;
    applyMboRow(this.book, action, side, tick, size, id, false, this.where);
    this.out.push({
      kind: 'book',
      instrumentId: this.instrumentId,
      action,
      side,
      priceTicks: tick,
      size,
      orderId: id,
      flags: 0,
      sequence: m.line,
      tsEvent: m.tsEvent,
      tsInit: m.tsEvent,
    });
  }

  /** Takes `size` from synthetic orders at (side, tick), newest first; the rest is unaccounted. */
  private consumeSynthetic(side: number, tick: number, size: number, fill: boolean): void {
    const level = this.book.levels(side === SIDE_BID ? BID : ASK).get(tick);
    for (let o = level?.tail ?? null; o !== null && size > 0; ) {
      const prev = o.prev;
      if (o.id >= LOBSTER_SYNTHETIC_ID_BASE) {
        const take = Math.min(size, o.size);
        if (fill) this.emit(ACTION_FILL, side, tick, take, o.id);
        this.emit(ACTION_CANCEL, side, tick, take, o.id);
        size -= take;
      }
      o = prev;
    }
    if (size > 0) {
      this.lastUnknown = true;
      this.stats.unknownUnmatched++;
    } else this.stats.unknownMatched++;
  }

  /** Makes one side's level 1 equal the file's (price raw, NaN when empty). */
  private reconcile(side: BookSide, rawPrice: number, size: number, top: LobsterTop): void {
    const code = side === BID ? SIDE_BID : SIDE_ASK;
    const levels = this.book.levels(side);
    let fileTick = Number.NaN;
    if (!Number.isNaN(rawPrice)) {
      fileTick = this.ticks(rawPrice);
      if (Number.isNaN(fileTick))
        throw new DataError(`price not on the ${this.grid.increment} grid`, {
          file: this.orderbookFile,
          line: top.line,
          field: side === BID ? 'bid_price_1' : 'ask_price_1',
          value: String(rawPrice),
        });
    }
    const better = side === BID ? 1 : -1;
    for (let best = levels.best(); best !== undefined; best = levels.best()) {
      if (!Number.isNaN(fileTick) && (best.tick - fileTick) * better <= 0) break;
      for (let o = best.head; o !== null; ) {
        const next = o.next;
        this.drop(o.id, code, best.tick, o.size);
        o = next;
      }
    }
    if (Number.isNaN(fileTick)) return;
    const level = levels.get(fileTick);
    const have = level?.size ?? 0;
    if (size > have) {
      const id = this.nextSynthetic++;
      this.stats.syntheticAdds++;
      this.stats.syntheticShares += size - have;
      this.emit(ACTION_ADD, code, fileTick, size - have, id);
      return;
    }
    let surplus = have - size;
    if (surplus === 0 || level === undefined) return;
    for (let o = level.tail; o !== null && surplus > 0; ) {
      const prev = o.prev;
      if (o.id >= LOBSTER_SYNTHETIC_ID_BASE) {
        const take = Math.min(surplus, o.size);
        this.drop(o.id, code, fileTick, take);
        surplus -= take;
      }
      o = prev;
    }
    for (let o = level.head; o !== null && surplus > 0; ) {
      const next = o.next;
      const take = Math.min(surplus, o.size);
      this.drop(o.id, code, fileTick, take);
      surplus -= take;
      o = next;
    }
  }

  /** Cancels stale or surplus size (a later message about a removed order finds it unknown). */
  private drop(id: number, code: number, tick: number, size: number): void {
    this.stats.staleCancels++;
    this.stats.staleShares += size;
    this.emit(ACTION_CANCEL, code, tick, size, id);
  }

  private visibleTicks(m: LobsterMessage): number {
    const tick = this.ticks(m.price);
    if (Number.isNaN(tick))
      throw new DataError(`price not on the ${this.grid.increment} grid`, {
        ...this.where,
        field: 'price',
        value: String(m.price),
      });
    return tick;
  }
}

function resolve(files: LobsterFiles, options: LobsterOptions): { date: string; instrumentId: InstrumentId } {
  const named = parseLobsterFileName(files.messages);
  const date = options.date ?? named?.date;
  if (date === undefined)
    throw new DataError('no date: pass options.date (the file name is not TICKER_DATE_…)', {
      file: files.messages,
    });
  const instrumentId = options.instrumentId ?? (named ? `${named.ticker}.NASDAQ` : undefined);
  if (instrumentId === undefined)
    throw new DataError('no instrument: pass options.instrumentId', { file: files.messages });
  return { date, instrumentId };
}

/**
 * Streams both files in lockstep: one step per message with its book events, a status for halts
 * and the orderbook row's level 1 as a quote. The files must have the same number of rows.
 */
export async function* streamLobster(
  files: LobsterFiles,
  options: LobsterOptions = {},
  converter?: LobsterConverter,
): AsyncGenerator<LobsterStep> {
  const { date, instrumentId } = resolve(files, options);
  const conv = converter ?? new LobsterConverter(instrumentId, files, options);
  const every = options.quotes === 'every';
  const tops = readLobsterOrderbook(files.orderbook)[Symbol.asyncIterator]();
  let last: LobsterTop | undefined;
  let rows = 0;
  try {
    for await (const message of readLobsterMessages(files.messages, date, options.timeZone)) {
      const next = await tops.next();
      if (next.done)
        throw new DataError(`orderbook file has fewer rows than the message file (${rows})`, {
          file: files.orderbook,
          line: rows + 1,
          field: 'row',
          value: '',
        });
      rows++;
      const top = next.value;
      const { events, status } = conv.convert(message, top);
      let quote: QuoteTick | undefined;
      const empty = top.askPrice === LOBSTER_DUMMY_PRICE || top.bidPrice === -LOBSTER_DUMMY_PRICE;
      if (empty) conv.stats.quotesWithEmptySide++;
      else if (every || last === undefined || !sameTop(last, top)) {
        const where = { file: files.orderbook, line: top.line };
        const ask = conv.ticks(top.askPrice);
        const bid = conv.ticks(top.bidPrice);
        if (Number.isNaN(ask))
          throw new DataError('price not on the grid', {
            ...where,
            field: 'ask_price_1',
            value: String(top.askPrice),
          });
        if (Number.isNaN(bid))
          throw new DataError('price not on the grid', {
            ...where,
            field: 'bid_price_1',
            value: String(top.bidPrice),
          });
        conv.stats.quotes++;
        quote = {
          kind: 'quote',
          instrumentId: conv.instrumentId,
          bidPrice: conv.grid.fromTicks(bid),
          askPrice: conv.grid.fromTicks(ask),
          bidSize: top.bidSize,
          askSize: top.askSize,
          tsEvent: message.tsEvent,
          tsInit: message.tsEvent,
          sequence: message.line,
        };
      }
      last = top;
      yield { message, top, events, status, quote };
    }
    const extra = await tops.next();
    if (!extra.done)
      throw new DataError(`orderbook file has more rows than the message file (${rows})`, {
        file: files.orderbook,
        line: extra.value.line,
        field: 'row',
        value: '',
      });
  } finally {
    await tops.return?.(undefined);
  }
}

function sameTop(a: LobsterTop, b: LobsterTop): boolean {
  return (
    a.askPrice === b.askPrice &&
    a.askSize === b.askSize &&
    a.bidPrice === b.bidPrice &&
    a.bidSize === b.bidSize
  );
}

export interface LobsterData {
  /** Book events, statuses and quotes in file order (a message's quote after its book events). */
  readonly data: MarketData[];
  readonly stats: LobsterStats;
  readonly instrumentId: InstrumentId;
}

/** Reads a LOBSTER message + orderbook pair into kernel data (see `streamLobster`). */
export async function readLobster(files: LobsterFiles, options: LobsterOptions = {}): Promise<LobsterData> {
  const { instrumentId } = resolve(files, options);
  const conv = new LobsterConverter(instrumentId, files, options);
  const data: MarketData[] = [];
  for await (const step of streamLobster(files, { ...options, instrumentId }, conv)) {
    for (const e of step.events) data.push(e);
    if (step.status) data.push(step.status);
    if (step.quote) data.push(step.quote);
  }
  return { data, stats: conv.stats, instrumentId };
}

/** Level 1 of one side: price (raw × 10000, NaN when empty) and size. */
export interface LobsterSideTop {
  readonly price: number;
  readonly size: number;
}

export type LobsterDisagreementReason =
  | 'fileStart'
  | 'hiddenExecution'
  | 'unknownOrder'
  | 'levelEmptied'
  | 'bookShowsLess'
  | 'bookShowsMore';

export interface LobsterDisagreement {
  /** Line of the message (and of the orderbook row after it). */
  readonly line: number;
  readonly message: LobsterMessage;
  readonly reason: LobsterDisagreementReason;
  readonly file: { readonly bid: LobsterSideTop; readonly ask: LobsterSideTop };
  readonly book: { readonly bid: LobsterSideTop; readonly ask: LobsterSideTop };
}

/** Agreement counts of one way of rebuilding the book. */
export interface LobsterAgreementCounts {
  rows: number;
  /** Rows where the book's best bid and best ask prices equal the file's level 1 (empty sides agree). */
  priceAgree: number;
  pricePercent: number;
  /** Rows where prices and sizes of both sides agree. */
  sizeAgree: number;
  sizePercent: number;
  /** `sizeAgree` per message type (index = type; 0 unused). */
  sizeAgreeByType: number[];
  /** The first disagreeing row after the first (which has no earlier state to agree with). */
  firstDisagreement?: LobsterDisagreement;
  /**
   * Disagreeing rows by cause (one per row, the first that applies): `fileStart` the first row (the
   * book before the file is unknown); `hiddenExecution` the message
   * was a hidden execution or cross (no visible change expected); `unknownOrder` it referred to an
   * order or size the book did not hold; `levelEmptied` it deleted or executed the rest of the best
   * level, and the level behind it, which a level-1 message file does not follow, differs from the
   * file's new level 1; otherwise `bookShowsLess` / `bookShowsMore`: the file shows more (a better
   * price or more size) / less on a side than the book.
   */
  reasons: Record<LobsterDisagreementReason, number>;
}

export interface LobsterAgreement extends LobsterAgreementCounts {
  /**
   * The same comparison for the book built from the messages alone (policy 'skip', never
   * reconciled): how far a level-1 message file is from a full order book.
   */
  messagesOnly: LobsterAgreementCounts;
  stats: LobsterStats;
}

function counts(): LobsterAgreementCounts {
  return {
    rows: 0,
    priceAgree: 0,
    pricePercent: 0,
    sizeAgree: 0,
    sizePercent: 0,
    sizeAgreeByType: [0, 0, 0, 0, 0, 0, 0, 0],
    reasons: {
      fileStart: 0,
      hiddenExecution: 0,
      unknownOrder: 0,
      levelEmptied: 0,
      bookShowsLess: 0,
      bookShowsMore: 0,
    },
  };
}

/**
 * Checks the message file against the orderbook file. For each message, the book is the one
 * rebuilt from all earlier messages and reconciled with the previous orderbook row (policy
 * 'level1', see LobsterConverter); the message's own events are applied (replayMbo's rules,
 * fillsReduce false) and the resulting best bid and ask, price and size, are compared with the
 * orderbook row after the message. So it measures how well each message explains the change of
 * level 1. `messagesOnly` compares a book built from the messages alone with every row.
 */
export async function lobsterAgreement(
  messages: string,
  orderbook: string,
  options: LobsterOptions = {},
): Promise<LobsterAgreement> {
  const files = { messages, orderbook };
  const { instrumentId } = resolve(files, options);
  const conv = new LobsterConverter(instrumentId, files, { ...options, preExisting: 'level1' });
  const raw = new LobsterConverter(instrumentId, files, { ...options, preExisting: 'skip' });
  const result: LobsterAgreement = { ...counts(), messagesOnly: counts(), stats: conv.stats };
  const rawTop: LobsterBookTop = { bidTick: Number.NaN, bidSize: 0, askTick: Number.NaN, askSize: 0 };
  let previous: LobsterTop | undefined;
  for await (const step of streamLobster(files, { ...options, instrumentId, quotes: 'every' }, conv)) {
    compare(result, conv, conv.predicted, step.message, step.top, previous, conv.lastUnknown);
    raw.convert(step.message);
    const bid = raw.book.bestBid();
    const ask = raw.book.bestAsk();
    rawTop.bidTick = bid?.tick ?? Number.NaN;
    rawTop.bidSize = bid?.size ?? 0;
    rawTop.askTick = ask?.tick ?? Number.NaN;
    rawTop.askSize = ask?.size ?? 0;
    compare(result.messagesOnly, raw, rawTop, step.message, step.top, previous, raw.lastUnknown);
    previous = step.top;
  }
  for (const c of [result, result.messagesOnly]) {
    c.pricePercent = percent(c.priceAgree, c.rows);
    c.sizePercent = percent(c.sizeAgree, c.rows);
  }
  return result;
}

function compare(
  c: LobsterAgreementCounts,
  conv: LobsterConverter,
  book: LobsterBookTop,
  m: LobsterMessage,
  t: LobsterTop,
  previous: LobsterTop | undefined,
  unknown: boolean,
): void {
  c.rows++;
  const price = (tick: number): number => (Number.isNaN(tick) ? Number.NaN : conv.rawPrice(tick));
  const bookBid = { price: price(book.bidTick), size: book.bidSize };
  const bookAsk = { price: price(book.askTick), size: book.askSize };
  const fileBid = { price: t.bidPrice === -LOBSTER_DUMMY_PRICE ? Number.NaN : t.bidPrice, size: t.bidSize };
  const fileAsk = { price: t.askPrice === LOBSTER_DUMMY_PRICE ? Number.NaN : t.askPrice, size: t.askSize };
  const bidPrice = Object.is(bookBid.price, fileBid.price);
  const askPrice = Object.is(bookAsk.price, fileAsk.price);
  if (bidPrice && askPrice) c.priceAgree++;
  const bidOk = bidPrice && bookBid.size === fileBid.size;
  const askOk = askPrice && bookAsk.size === fileAsk.size;
  if (bidOk && askOk) {
    c.sizeAgree++;
    c.sizeAgreeByType[m.type]++;
    return;
  }
  // Does the file show more on a side than the book (better price, or same price and more size)?
  const fileMore = (f: LobsterSideTop, b: LobsterSideTop, better: number): boolean =>
    !Number.isNaN(f.price) &&
    (Number.isNaN(b.price) || (f.price - b.price) * better > 0 || (f.price === b.price && f.size > b.size));
  // Did a delete or execution take the rest of the best level on its side?
  const bestBefore =
    previous === undefined ? Number.NaN : m.direction === 1 ? previous.bidPrice : previous.askPrice;
  const bestAfter = m.direction === 1 ? bookBid.price : bookAsk.price;
  const emptied = (m.type === 3 || m.type === 4) && m.price === bestBefore && bestAfter !== m.price;
  const reason: LobsterDisagreementReason =
    previous === undefined
      ? 'fileStart'
      : m.type === 5 || m.type === 6
        ? 'hiddenExecution'
        : unknown
          ? 'unknownOrder'
          : emptied
            ? 'levelEmptied'
            : (!bidOk && fileMore(fileBid, bookBid, 1)) || (!askOk && fileMore(fileAsk, bookAsk, -1))
              ? 'bookShowsLess'
              : 'bookShowsMore';
  c.reasons[reason]++;
  if (reason !== 'fileStart')
    c.firstDisagreement ??= {
      line: m.line,
      message: m,
      reason,
      file: { bid: fileBid, ask: fileAsk },
      book: { bid: bookBid, ask: bookAsk },
    };
}

function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((10_000 * part) / whole) / 100;
}
