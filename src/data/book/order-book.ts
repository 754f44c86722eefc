import { DataError, type DataErrorLocation } from '../../core/errors.js';
import { BookLevels } from './book-side.js';
import { ASK, BID, type BookSide, type PriceLevel, type RestingOrder } from './level.js';

/** An L2 view of one price level (displayed market liquidity: our own orders excluded). */
export interface LevelView {
  tick: number;
  size: number;
  count: number;
}

/**
 * An L3 (order-by-order) book with integer-tick prices. Each side is a set of sorted price levels,
 * each level a FIFO queue; orders are found by id in O(1).
 *
 * Priority rules (CME / Databento MBO): a modify that changes the price or increases the size sends
 * the order to the back of its (new) queue; a size decrease keeps its place. A partial cancel is a
 * size decrease. Inconsistent input (unknown id, duplicate id, over-cancel, non-positive size)
 * throws a DataError; `where` names the file and line when replaying a file.
 *
 * Our own simulated orders (`isOurs`) queue with the feed's orders but are not displayed liquidity
 * (see PriceLevel). Feed order ids are non-negative (Databento u64); give ours negative ids.
 */
export class OrderBook {
  readonly bids = new BookLevels(BID);
  readonly asks = new BookLevels(ASK);
  private readonly orders = new Map<number, RestingOrder>();
  private nextSequence = 1;

  get orderCount(): number {
    return this.orders.size;
  }

  order(id: number): RestingOrder | undefined {
    return this.orders.get(id);
  }

  levels(side: BookSide): BookLevels {
    return side === BID ? this.bids : this.asks;
  }

  /** Adds a resting order at the back of its level's queue. */
  add(
    id: number,
    side: BookSide,
    tick: number,
    size: number,
    isOurs = false,
    where?: DataErrorLocation,
  ): void {
    if (this.orders.has(id)) throw fail(`order ${id} already rests in the book`, where, 'order_id', id);
    checkTick(tick, where);
    checkSize(size, where);
    const order: RestingOrder = {
      id,
      side,
      tick,
      size,
      sequence: this.nextSequence++,
      isOurs,
      level: null,
      prev: null,
      next: null,
    };
    this.orders.set(id, order);
    this.levels(side).getOrCreate(tick).push(order);
  }

  /** Cancels `size` of an order (the whole order when omitted); a partial cancel keeps priority. */
  cancel(id: number, size?: number, where?: DataErrorLocation): void {
    this.cancelOrder(this.require(id, where), size, where);
  }

  /** `cancel` for an order already looked up (saves the id lookup on the replay path). */
  cancelOrder(order: RestingOrder, size?: number, where?: DataErrorLocation): void {
    const id = order.id;
    const reduce = size ?? order.size;
    if (!Number.isInteger(reduce) || reduce < 0)
      throw fail('cancel size must be >= 0', where, 'size', reduce);
    if (reduce > order.size) {
      throw fail(
        `cancel of ${reduce} exceeds order ${id}'s resting size ${order.size}`,
        where,
        'size',
        reduce,
      );
    }
    if (reduce === order.size) this.removeOrder(order);
    else order.level!.resize(order, order.size - reduce);
  }

  /** Modifies price and/or size (CME priority rules, see the class comment). */
  modify(id: number, tick: number, size: number, where?: DataErrorLocation): void {
    this.modifyOrder(this.require(id, where), tick, size, where);
  }

  /** `modify` for an order already looked up. */
  modifyOrder(order: RestingOrder, tick: number, size: number, where?: DataErrorLocation): void {
    checkTick(tick, where);
    checkSize(size, where);
    const level = order.level!;
    if (tick === order.tick && size <= order.size) {
      level.resize(order, size);
      return;
    }
    level.remove(order);
    if (level.isEmpty) this.levels(order.side).delete(level);
    order.tick = tick;
    order.size = size;
    order.sequence = this.nextSequence++;
    this.levels(order.side).getOrCreate(tick).push(order);
  }

  /** Removes every resting order (Databento action R). */
  clear(): void {
    this.orders.clear();
    this.bids.clear();
    this.asks.clear();
  }

  /**
   * Market-data queries (best, top levels, depth, crossed) describe the displayed book: the feed's
   * orders only. A level holding only our own orders is not displayed.
   */
  bestBid(): LevelView | undefined {
    return view(this.bids.bestDisplayed());
  }

  bestAsk(): LevelView | undefined {
    return view(this.asks.bestDisplayed());
  }

  /** Best displayed bid tick, NaN when there is none (no allocation). */
  bestBidTick(): number {
    return this.bids.bestDisplayed()?.tick ?? Number.NaN;
  }

  bestAskTick(): number {
    return this.asks.bestDisplayed()?.tick ?? Number.NaN;
  }

  /** L2 snapshot of one side: up to `n` displayed levels from the touch. */
  topLevels(side: BookSide, n: number): LevelView[] {
    const out: LevelView[] = [];
    const levels = this.levels(side);
    for (let rank = 0; out.length < n; rank++) {
      const level = levels.at(rank);
      if (level === undefined) break;
      if (level.size > 0) out.push({ tick: level.tick, size: level.size, count: level.count });
    }
    return out;
  }

  /** Number of displayed price levels on a side. */
  depth(side: BookSide): number {
    return this.levels(side).displayedDepth();
  }

  /** Size (market and ours) resting ahead of an order in its queue. */
  queuePosition(id: number): number {
    const order = this.require(id);
    return order.level!.sizeAhead(order);
  }

  /**
   * True when both sides display liquidity and best bid >= best ask. Our own orders are left out:
   * one the market trades through is for the simulated exchange to fill, not a feed error.
   */
  isCrossed(): boolean {
    const bid = this.bids.bestDisplayed();
    const ask = this.asks.bestDisplayed();
    return bid !== undefined && ask !== undefined && bid.tick >= ask.tick;
  }

  private require(id: number, where?: DataErrorLocation): RestingOrder {
    const order = this.orders.get(id);
    if (order === undefined) throw fail(`no resting order ${id}`, where, 'order_id', id);
    return order;
  }

  private removeOrder(order: RestingOrder): void {
    const level: PriceLevel = order.level!;
    level.remove(order);
    if (level.isEmpty) this.levels(order.side).delete(level);
    this.orders.delete(order.id);
  }
}

function view(level: PriceLevel | undefined): LevelView | undefined {
  return level === undefined ? undefined : { tick: level.tick, size: level.size, count: level.count };
}

function checkTick(tick: number, where?: DataErrorLocation): void {
  if (!Number.isSafeInteger(tick)) throw fail('price is not on the tick grid', where, 'price', tick);
}

function checkSize(size: number, where?: DataErrorLocation): void {
  if (!Number.isSafeInteger(size) || size <= 0)
    throw fail('size must be a positive integer', where, 'size', size);
}

function fail(
  message: string,
  where: DataErrorLocation | undefined,
  field: string,
  value: number,
): DataError {
  return new DataError(message, { ...where, field, value: String(value) });
}
