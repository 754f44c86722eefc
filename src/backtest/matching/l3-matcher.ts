/**
 * L3 matcher: our simulated orders against a Databento MBO (order-by-order) feed.
 *
 * The feed's events build the OrderBook exactly as `replayMbo` does (A add, C cancel, M modify, an
 * unknown M id is added, F/N no change, R clear). Our resting orders sit in the real FIFO queues
 * (`OrderBook.add(…, isOurs = true)`): they have an exact queue position but are never displayed.
 * Feed events then fill them (maker, at our price):
 *
 * - **Queue**: a trade (T row; its side is the aggressor: A = a seller hitting bids, B = a buyer
 *   lifting asks, N = an auction print, both sides) at our price of size S is walked through the
 *   level's queue from the front: the feed's orders ahead of ours use it first, ours get
 *   min(size, S − size ahead) when positive. Several trades at one price within a batch (before
 *   the C/M rows that remove the filled orders) do not reuse the same feed orders: the feed volume
 *   already traded at that level in the batch is skipped, less what C/M rows have removed since.
 * - **Trade-through**: a trade at a price worse than ours for the aggressor (a sell printing below
 *   our bid, a buy printing above our offer) fills our order in full (hidden iceberg part too).
 * - **Crossing**: at the end of a batch (F_LAST flag), a resting order of ours that the displayed
 *   opposite side crosses (a buy at or above the best ask) takes that displayed liquidity not yet
 *   consumed by us, up to its price, filled at its own price (maker); the rest keeps resting.
 *   Skipped while the feed's own book is crossed (CME pre-open does not match), and on snapshot rows.
 *
 * Simplification (documented in docs/matching.md): our fills never remove the feed's orders; the
 * feed's later C/M rows are what changes its book. Our taker fills are remembered in a consumption
 * overlay per side and tick (see ConsumptionOverlay) so that our next orders do not take them again.
 * Modify follows the OrderBook's CME priority rules: same price and no increase keeps the place.
 *
 * Iceberg (`displayQuantity`): only a tranche of displayQuantity sits in the queue; when it fills,
 * the next tranche joins at the back of the queue.
 *
 * Hot path: `applyMbo` allocates nothing unless one of our orders fills (it then returns a fresh
 * array; otherwise the shared frozen NO_FILLS).
 */
import type { DataErrorLocation } from '../../core/errors.js';
import { ASK, BID, type BookSide, type PriceLevel, type RestingOrder } from '../../data/book/level.js';
import {
  ACTION_ADD,
  ACTION_CANCEL,
  ACTION_CLEAR,
  ACTION_FILL,
  ACTION_MODIFY,
  ACTION_NONE,
  ACTION_TRADE,
  F_LAST,
  F_SNAPSHOT,
  SIDE_ASK,
  SIDE_BID,
} from '../../data/book/mbo-events.js';
import type { OrderBook } from '../../data/book/order-book.js';
import { resting, sideOf } from '../../data/book/replay.js';
import { bookSide, MatcherBase, result } from './base.js';
import type { MatchFill, SubmitResult, SubmitSpec } from './types.js';
import { checkQuantity, checkSize, checkTick } from './validate.js';

/** One live order of ours. The book holds its queued tranche under the same id. */
interface OurOrder {
  readonly id: number;
  readonly side: BookSide;
  /** Open quantity (queued tranche plus hidden iceberg reserve). */
  remaining: number;
  /** Iceberg tranche size; 0 = the whole order is queued. */
  readonly display: number;
  readonly postOnly: boolean;
}

export class L3Matcher extends MatcherBase<OurOrder> {
  /** Fills collected while handling one call; null while none (no allocation). */
  /** Feed volume traded in the current batch at levels holding ours: side, tick, volume triples. */
  private readonly traded: number[] = [];
  private tradedCount = 0;

  /** Builds on `book` (default: an empty one); the feed must not have touched our ids. */
  constructor(book?: OrderBook) {
    super(book);
  }

  /** Open quantity of one of our orders (iceberg: shown and hidden). */
  restingQuantity(id: number): number {
    return this.require(id).remaining;
  }

  /** Quantity of one of our orders currently in the queue (the iceberg tranche). */
  queuedQuantity(id: number): number {
    this.require(id);
    return this.book.order(id)!.size;
  }

  /** Size resting ahead of one of our orders in its queue (feed orders and ours). */
  queueAhead(id: number): number {
    this.require(id);
    return this.book.queuePosition(id);
  }

  /** Price (ticks) of one of our orders. */
  tickOf(id: number): number {
    this.require(id);
    return this.book.order(id)!.tick;
  }

  protected dequeue(id: number): void {
    this.book.cancel(id);
  }

  /**
   * Changes price and/or open quantity of one of our orders. Same price and a quantity not above
   * the current one keeps the queue place; otherwise the order goes to the back of its (new)
   * level. A new price the opposite side crosses takes liquidity first (taker fills), the rest
   * rests there; for a post-only order the modify is rejected instead (order unchanged, reason
   * `post-only-would-cross`).
   */
  modify(id: number, tick: number, quantity: number): SubmitResult {
    const order = this.require(id);
    checkTick('tick', tick);
    checkQuantity('quantity', quantity);
    const book = this.book;
    const node = book.order(id)!;
    if (this.marketable(order.side, tick)) {
      if (order.postOnly) return result([], order.remaining, 0, 'post-only-would-cross');
      book.cancelOrder(node);
      const fills: MatchFill[] = [];
      const left = quantity - this.take(order.side, id, quantity, tick, fills);
      order.remaining = left;
      if (left === 0) this.ours.delete(id);
      else book.add(id, order.side, tick, tranche(order), true);
      return result(fills, left, 0);
    }
    if (tick === node.tick && quantity <= order.remaining) {
      order.remaining = quantity;
      book.modifyOrder(node, tick, Math.min(node.size, quantity));
    } else {
      order.remaining = quantity;
      book.cancelOrder(node);
      book.add(id, order.side, tick, tranche(order), true);
    }
    return result([], quantity, 0);
  }

  protected rest(spec: SubmitSpec, quantity: number): void {
    const order: OurOrder = {
      id: spec.id,
      side: bookSide(spec.side),
      remaining: quantity,
      display: spec.displayQuantity ?? 0,
      postOnly: spec.postOnly === true,
    };
    this.ours.set(order.id, order);
    this.book.add(order.id, order.side, spec.limitTick!, tranche(order), true);
  }

  /**
   * Applies one MBO row (codes of data/book/mbo-events: ACTION_*, SIDE_*, flags F_*) and returns
   * the fills of our resting orders it causes (NO_FILLS, shared, when none). Feed inconsistencies
   * throw a DataError, located by `where` when given (as in replayMbo).
   */
  applyMbo(
    action: number,
    side: number,
    tick: number,
    size: number,
    orderId: number,
    flags: number,
    where?: DataErrorLocation,
  ): readonly MatchFill[] {
    const book = this.book;
    if (action === ACTION_ADD) {
      book.add(orderId, sideOf(side, where), tick, size, false, where);
    } else if (action === ACTION_CANCEL) {
      const order = resting(book.order(orderId), orderId, side, where);
      const at = order.tick;
      if (this.tradedCount > 0) this.untrade(order.side, at, size);
      book.cancelOrder(order, size, where);
      const overlay = this.overlays[order.side];
      if (overlay.size > 0) overlay.cap(at, book.levels(order.side).get(at)?.size ?? 0);
    } else if (action === ACTION_MODIFY) {
      const found = book.order(orderId);
      if (found === undefined) book.add(orderId, sideOf(side, where), tick, size, false, where);
      else {
        const order = resting(found, orderId, side, where);
        const at = order.tick;
        const removed = tick === at && size <= order.size ? order.size - size : order.size;
        if (this.tradedCount > 0 && removed > 0) this.untrade(order.side, at, removed);
        book.modifyOrder(order, tick, size, where);
        const overlay = this.overlays[order.side];
        if (overlay.size > 0 && removed > 0) overlay.cap(at, book.levels(order.side).get(at)?.size ?? 0);
      }
    } else if (action === ACTION_TRADE) {
      if (this.ours.size > 0) this.onTrade(side, tick, size);
    } else if (action === ACTION_CLEAR) {
      this.clearFeed();
    } else if (action !== ACTION_FILL && action !== ACTION_NONE) {
      throw new RangeError(`action must be an MBO action code (A C M F T R N), got ${action}`);
    }
    if ((flags & F_LAST) !== 0) {
      this.tradedCount = 0;
      if (this.ours.size > 0 && (flags & F_SNAPSHOT) === 0) this.checkCrossing();
    }
    return this.flush();
  }

  private onTrade(aggressor: number, tick: number, size: number): void {
    checkSize('size', size);
    if (aggressor === SIDE_ASK) this.tradeAgainst(BID, tick, size);
    else if (aggressor === SIDE_BID) this.tradeAgainst(ASK, tick, size);
    else {
      this.tradeAgainst(BID, tick, size);
      this.tradeAgainst(ASK, tick, size);
    }
  }

  /** A trade of `size` at `tick` against resting orders of `restSide`. */
  private tradeAgainst(restSide: BookSide, tick: number, size: number): void {
    const levels = this.book.levels(restSide);
    const isBid = restSide === BID;
    for (let rank = 0; ; ) {
      const level = levels.at(rank);
      if (level === undefined || (isBid ? level.tick < tick : level.tick > tick)) break;
      if (level.oursCount > 0) {
        if (level.tick === tick) this.queueFill(level, size);
        else this.fillAllOurs(level);
      }
      // Still there (or re-created by an iceberg refill): next rank; else it emptied and was removed.
      if (levels.at(rank)?.tick === level.tick) rank++;
    }
  }

  /** Queue rule: the trade volume goes to the queue from the front. */
  private queueFill(level: PriceLevel, size: number): void {
    const side = level.head!.side;
    const slot = this.tradedSlot(side, level.tick);
    let skip = this.traded[slot + 2];
    let remaining = size;
    let feedTaken = 0;
    for (let node = level.head; node !== null && remaining > 0; ) {
      const next: RestingOrder | null = node.next;
      if (!node.isOurs) {
        let free = node.size;
        if (skip >= free) skip -= free;
        else {
          free -= skip;
          skip = 0;
          const take = Math.min(free, remaining);
          remaining -= take;
          feedTaken += take;
        }
      } else {
        const take = Math.min(node.size, remaining);
        remaining -= take;
        this.fillOurs(node, take);
      }
      node = next;
    }
    this.traded[slot + 2] += feedTaken;
  }

  /** Trade-through: every order of ours at this level fills in full at its price. */
  private fillAllOurs(level: PriceLevel): void {
    for (let node = level.head; node !== null; ) {
      const next: RestingOrder | null = node.next;
      if (node.isOurs) this.fillOurs(node, this.ours.get(node.id)!.remaining);
      node = next;
    }
  }

  /** Books a maker fill of `quantity` of our queued order `node` at its price. */
  private fillOurs(node: RestingOrder, quantity: number): void {
    const order = this.ours.get(node.id)!;
    this.sink().push({ id: order.id, tick: node.tick, quantity, liquidity: 'maker' });
    this.reduce(order, node, quantity);
  }

  /** Takes `quantity` off our order; an emptied iceberg tranche is replaced at the back of the queue. */
  private reduce(order: OurOrder, node: RestingOrder, quantity: number): void {
    const book = this.book;
    order.remaining -= quantity;
    if (order.remaining === 0) {
      book.cancelOrder(node);
      this.ours.delete(order.id);
    } else if (quantity >= node.size) {
      const tick = node.tick;
      book.cancelOrder(node);
      book.add(order.id, order.side, tick, tranche(order), true);
    } else book.cancelOrder(node, quantity);
  }

  /** Index of the (side, tick) slot of this batch's traded volume, created at 0 when missing. */
  private tradedSlot(side: BookSide, tick: number): number {
    const traded = this.traded;
    const end = this.tradedCount * 3;
    for (let i = 0; i < end; i += 3) if (traded[i] === side && traded[i + 1] === tick) return i;
    traded[end] = side;
    traded[end + 1] = tick;
    traded[end + 2] = 0;
    this.tradedCount++;
    return end;
  }

  /** The feed removed `size` at (side, tick): that much of this batch's traded volume is gone. */
  private untrade(side: BookSide, tick: number, size: number): void {
    const traded = this.traded;
    const end = this.tradedCount * 3;
    for (let i = 0; i < end; i += 3) {
      if (traded[i] === side && traded[i + 1] === tick) {
        traded[i + 2] = Math.max(0, traded[i + 2] - size);
        return;
      }
    }
  }

  /** End of batch: resting orders of ours crossed by the displayed opposite side take it. */
  private checkCrossing(): void {
    const book = this.book;
    const bid = book.bids.bestDisplayed();
    const ask = book.asks.bestDisplayed();
    if (bid !== undefined && ask !== undefined && bid.tick >= ask.tick) return; // feed crossed
    const topBid = book.bids.best();
    const topAsk = book.asks.best();
    if (ask !== undefined && topBid !== undefined && topBid.tick >= ask.tick) this.crossSide(BID, ask.tick);
    if (bid !== undefined && topAsk !== undefined && topAsk.tick <= bid.tick) this.crossSide(ASK, bid.tick);
  }

  /** Our orders of `ourSide` at or beyond the displayed opposite best `touch`, in price-time order. */
  private crossSide(ourSide: BookSide, touch: number): void {
    const levels = this.book.levels(ourSide);
    const isBid = ourSide === BID;
    for (let rank = 0; ; ) {
      const level = levels.at(rank);
      if (level === undefined || (isBid ? level.tick < touch : level.tick > touch)) break;
      for (let node = level.oursCount > 0 ? level.head : null; node !== null; ) {
        const next: RestingOrder | null = node.next;
        if (node.isOurs) {
          const order = this.ours.get(node.id)!;
          const out = this.sink();
          const filled = this.crossFill(ourSide, order.id, order.remaining, node.tick, out);
          if (filled > 0) this.reduce(order, node, filled);
        }
        node = next;
      }
      if (levels.at(rank)?.tick === level.tick) rank++;
    }
  }

  /** R: the feed's book is cleared; ours stay, re-queued in their previous order. */
  private clearFeed(): void {
    const book = this.book;
    const queued: RestingOrder[] = [];
    for (const id of this.ours.keys()) queued.push(book.order(id)!);
    queued.sort((a, b) => a.sequence - b.sequence);
    book.clear();
    for (const node of queued) book.add(node.id, node.side, node.tick, node.size, true);
    this.overlays[BID].clear();
    this.overlays[ASK].clear();
    this.tradedCount = 0;
  }
}

function tranche(order: OurOrder): number {
  return order.display > 0 && order.display < order.remaining ? order.display : order.remaining;
}
