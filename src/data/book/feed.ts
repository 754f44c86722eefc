import type { BookData, BookLevelUpdate, OrderBookEvent, QuoteTick, TradeTick } from '../../model/data.js';
import type { Grid } from '../../model/grid.js';
import type { InstrumentId } from '../../model/identifiers.js';
import { ASK, BID, type RestingOrder } from './level.js';
import { ACTION_TRADE, F_LAST, type MboEvents, SIDE_ASK, SIDE_BID } from './mbo-events.js';
import { OrderBook } from './order-book.js';
import { applyMboRow } from './replay.js';

/**
 * The market's view of one instrument's book feed: applies each event to a book (displayed
 * liquidity only) and derives the L1 data strategies and the portfolio use: a trade tick for each
 * L3 trade row, and a quote when a complete batch (F_LAST) leaves a changed, uncrossed top of book.
 * After `apply`, `trade` and `quote` hold what the event produced (undefined when nothing).
 * L2 level updates are kept as one synthetic order per level (L2 feeds send trades separately).
 */
export class BookFeed {
  readonly book = new OrderBook();
  trade: TradeTick | undefined;
  quote: QuoteTick | undefined;
  private bidTick = Number.NaN;
  private askTick = Number.NaN;
  private bidSize = 0;
  private askSize = 0;
  /** L2: the synthetic order holding each level, per side (bid, ask) and tick. */
  private readonly levels: readonly [Map<number, RestingOrder>, Map<number, RestingOrder>] = [
    new Map(),
    new Map(),
  ];
  private nextLevelId = 1;

  constructor(
    readonly instrumentId: InstrumentId,
    private readonly grid: Grid,
  ) {}

  apply(event: BookData): void {
    this.trade = undefined;
    this.quote = undefined;
    if (event.kind === 'book-level') this.applyLevel(event);
    else this.applyMbo(event);
    if ((event.flags & F_LAST) !== 0) this.quote = this.topIfChanged(event);
  }

  private applyLevel(event: BookLevelUpdate): void {
    const side = event.side === 'bid' ? BID : ASK;
    const levels = this.levels[side];
    const order = levels.get(event.priceTicks);
    if (order === undefined) {
      if (event.size > 0) {
        const id = this.nextLevelId++;
        this.book.add(id, side, event.priceTicks, event.size);
        levels.set(event.priceTicks, this.book.order(id)!);
      }
    } else if (event.size === 0) {
      this.book.cancelOrder(order);
      levels.delete(event.priceTicks);
    } else if (event.size !== order.size) {
      // The level's only feed order: resize in place (a modify that grows would re-queue it,
      // deleting and re-inserting the level in the sorted side for nothing).
      order.level!.resize(order, event.size);
    }
  }

  private applyMbo(event: OrderBookEvent): void {
    applyMboRow(this.book, event.action, event.side, event.priceTicks, event.size, event.orderId, false);
    if (event.action === ACTION_TRADE) {
      this.trade = {
        kind: 'trade',
        instrumentId: this.instrumentId,
        price: this.grid.fromTicks(event.priceTicks),
        size: event.size,
        aggressor: event.side === SIDE_BID ? 'buyer' : event.side === SIDE_ASK ? 'seller' : 'none',
        tradeId: String(event.sequence),
        tsEvent: event.tsEvent,
        tsInit: event.tsInit,
      };
    }
  }

  private topIfChanged(event: BookData): QuoteTick | undefined {
    // The levels themselves (no view objects): this runs at every complete batch.
    const bid = this.book.bids.bestDisplayed();
    const ask = this.book.asks.bestDisplayed();
    if (bid === undefined || ask === undefined || bid.tick >= ask.tick) return undefined;
    if (
      bid.tick === this.bidTick &&
      ask.tick === this.askTick &&
      bid.size === this.bidSize &&
      ask.size === this.askSize
    )
      return undefined;
    this.bidTick = bid.tick;
    this.askTick = ask.tick;
    this.bidSize = bid.size;
    this.askSize = ask.size;
    return {
      kind: 'quote',
      instrumentId: this.instrumentId,
      bidPrice: this.grid.fromTicks(bid.tick),
      askPrice: this.grid.fromTicks(ask.tick),
      bidSize: bid.size,
      askSize: ask.size,
      tsEvent: event.tsEvent,
      tsInit: event.tsInit,
    };
  }
}

/** The rows of a parsed MBO file as kernel events for one instrument (e.g. to add to a backtest). */
export function bookEvents(events: MboEvents, instrumentId: InstrumentId): OrderBookEvent[] {
  const out = new Array<OrderBookEvent>(events.length);
  for (let i = 0; i < events.length; i++) {
    out[i] = {
      kind: 'book',
      instrumentId,
      action: events.action[i],
      side: events.side[i],
      priceTicks: events.priceTicks[i],
      size: events.size[i],
      orderId: events.orderId[i],
      flags: events.flags[i],
      sequence: events.sequence[i],
      // Kernel time is when the feed delivered the row (ts_recv): sorted, unlike ts_event, which
      // for snapshot rows is the time each resting order was first added.
      tsEvent: events.tsRecv[i],
      tsInit: events.tsRecv[i],
    };
  }
  return out;
}
