/**
 * L2 matcher: our simulated orders against a market-by-price feed (level sizes and trades only).
 *
 * The displayed book is kept in an OrderBook with one synthetic feed order per price level (so
 * `walkBook(matcher.book, …)` and the shared taker code work on it). Our resting orders are not in
 * that book: their queue position is estimated.
 *
 * - **Joining**: an order joining a level (new, remainder, modify that loses priority, iceberg
 *   refill) has `ahead` = the displayed size there (less trade volume printed at that level and not
 *   yet reflected by a level update).
 * - **Trades** (`applyTrade`; call it before the level update that reflects the trade): at our
 *   price, the volume goes first to the size ahead of us, the excess fills us (maker, our price);
 *   several of ours at one level are served in joining order, each behind the ones before it.
 *   A trade at a price worse than ours for the aggressor fills our order in full (trade-through).
 * - **Level updates** (`applyLevel`): a decrease explained by trade volume printed at that level
 *   since its last update changes nothing more. An unexplained decrease is a cancel: with the
 *   'proportional' queue model (default) it reduces `ahead` by ahead × decrease / size before
 *   (the level size before the cancel); with 'pessimistic' cancels are assumed behind us and
 *   `ahead` only drops to the new level size. An increase joins behind us. `ahead` never exceeds
 *   the level size. Fills are whole lots: a fractional `ahead` rounds the fill down.
 * - **Crossing**: at the end of a feed batch (`applyLevel(…, last = true)` or `endBatch()`), a
 *   resting order of ours the displayed opposite side crosses takes that displayed liquidity not
 *   yet consumed by us, up to its price, at its own price (maker). Skipped while the displayed
 *   book itself is crossed.
 * - **Iceberg**: only a tranche of displayQuantity is queued; when it fills the next tranche joins
 *   the back of the level (its `ahead` is the level size then).
 *
 * Our taker fills are recorded in the consumption overlay (see ConsumptionOverlay), capped by each
 * later level update. Our fills never change the displayed sizes.
 */
import { ASK, BID, type BookSide, type RestingOrder } from '../../data/book/level.js';
import { bookSide, MatcherBase, result } from './base.js';
import type { AggressorSide, MatchFill, QueueModel, Side, SubmitResult, SubmitSpec } from './types.js';
import { checkQuantity, checkSide, checkSize, checkTick } from './validate.js';

export interface L2MatcherOptions {
  /** How feed cancels at our level move our estimated queue position (default 'proportional'). */
  queueModel?: QueueModel;
}

/** One live order of ours with its estimated queue position. */
interface OurOrder {
  readonly id: number;
  readonly side: BookSide;
  tick: number;
  /** Open quantity (queued tranche plus hidden iceberg reserve). */
  remaining: number;
  /** Quantity of the current tranche in the queue. */
  queued: number;
  /** Estimated displayed (feed) size ahead of us at our level; may be fractional. */
  ahead: number;
  /** Iceberg tranche size; 0 = the whole order is queued. */
  readonly display: number;
  readonly postOnly: boolean;
}

export class L2Matcher extends MatcherBase<OurOrder> {
  readonly queueModel: QueueModel;
  /** Our orders per side and tick, in queue (joining) order. */
  private readonly atLevel: readonly [Map<number, OurOrder[]>, Map<number, OurOrder[]>] = [
    new Map(),
    new Map(),
  ];
  /** The synthetic feed order holding each displayed level, per side and tick. */
  private readonly levelOrders: readonly [Map<number, RestingOrder>, Map<number, RestingOrder>] = [
    new Map(),
    new Map(),
  ];
  /** Trade volume printed per side and tick since that level's last update. */
  private readonly pending: readonly [Map<number, number>, Map<number, number>] = [new Map(), new Map()];
  private nextFeedId = 1;

  constructor(options: L2MatcherOptions = {}) {
    super();
    const model = options.queueModel ?? 'proportional';
    if (model !== 'proportional' && model !== 'pessimistic') {
      throw new RangeError(`queueModel must be 'proportional' or 'pessimistic', got ${model}`);
    }
    this.queueModel = model;
  }

  /** Displayed size at a level (0 when none). */
  displayedSize(side: Side, tick: number): number {
    return this.levelOrders[bookSide(side)].get(tick)?.size ?? 0;
  }

  /** Open quantity of one of our orders (iceberg: shown and hidden). */
  restingQuantity(id: number): number {
    return this.require(id).remaining;
  }

  /** Quantity of one of our orders currently in the queue (the iceberg tranche). */
  queuedQuantity(id: number): number {
    return this.require(id).queued;
  }

  tickOf(id: number): number {
    return this.require(id).tick;
  }

  /** Estimated size ahead of one of our orders: the feed's, plus our own orders queued before it. */
  queueAhead(id: number): number {
    const order = this.require(id);
    let ours = 0;
    for (const other of this.atLevel[order.side].get(order.tick)!) {
      if (other === order) break;
      ours += other.queued;
    }
    return order.ahead + ours;
  }

  protected dequeue(_id: number, order: OurOrder): void {
    this.unlink(order);
  }

  /** As L3Matcher.modify: same price and no increase keeps the estimated place, else it re-joins. */
  modify(id: number, tick: number, quantity: number): SubmitResult {
    const order = this.require(id);
    checkTick('tick', tick);
    checkQuantity('quantity', quantity);
    if (this.marketable(order.side, tick)) {
      if (order.postOnly) return result([], order.remaining, 0, 'post-only-would-cross');
      this.unlink(order);
      const fills: MatchFill[] = [];
      const left = quantity - this.take(order.side, id, quantity, tick, fills);
      order.remaining = left;
      if (left === 0) this.ours.delete(id);
      else this.join(order, tick);
      return result(fills, left, 0);
    }
    if (tick === order.tick && quantity <= order.remaining) {
      order.remaining = quantity;
      order.queued = Math.min(order.queued, quantity);
    } else {
      this.unlink(order);
      order.remaining = quantity;
      this.join(order, tick);
    }
    return result([], quantity, 0);
  }

  protected rest(spec: SubmitSpec, quantity: number): void {
    const order: OurOrder = {
      id: spec.id,
      side: bookSide(spec.side),
      tick: spec.limitTick!,
      remaining: quantity,
      queued: 0,
      ahead: 0,
      display: spec.displayQuantity ?? 0,
      postOnly: spec.postOnly === true,
    };
    this.ours.set(order.id, order);
    this.join(order, order.tick);
  }

  /**
   * A level update: `size` is the new total displayed size at (side, tick), 0 = level deleted.
   * `last` = false inside a batch of updates (the crossing check waits for the batch's end).
   * Returns the fills of our resting orders it causes (NO_FILLS when none).
   */
  applyLevel(side: Side, tick: number, size: number, last = true): readonly MatchFill[] {
    const s = bookSide(checkSide('side', side));
    checkTick('tick', tick);
    checkSize('size', size);
    const levelOrders = this.levelOrders[s];
    const feed = levelOrders.get(tick);
    const before = feed?.size ?? 0;
    if (feed === undefined) {
      if (size > 0) {
        const id = this.nextFeedId++;
        this.book.add(id, s, tick, size);
        levelOrders.set(tick, this.book.order(id)!);
      }
    } else if (size === 0) {
      this.book.cancelOrder(feed);
      levelOrders.delete(tick);
    } else if (size !== before) this.book.modifyOrder(feed, tick, size);
    const traded = this.pending[s].get(tick) ?? 0;
    if (traded > 0) this.pending[s].delete(tick);
    if (size < before) {
      this.overlays[s].cap(tick, size);
      const list = this.atLevel[s].get(tick);
      if (list !== undefined) {
        const explained = Math.min(before - size, traded);
        const canceled = before - size - explained;
        const base = before - explained;
        for (const order of list) {
          if (canceled > 0 && this.queueModel === 'proportional') {
            order.ahead -= (order.ahead * canceled) / base;
          }
          if (order.ahead > size) order.ahead = size;
        }
      }
    }
    if (last) this.crossing();
    return this.flush();
  }

  /** End of a batch of level updates sent with `last` = false: runs the crossing check. */
  endBatch(): readonly MatchFill[] {
    this.crossing();
    return this.flush();
  }

  /**
   * A feed trade of `size` at `tick`; `aggressor` 'sell' hits bids, 'buy' lifts offers, 'none'
   * (auction) both. Returns the fills of our resting orders (queue rule and trade-through).
   */
  applyTrade(aggressor: AggressorSide, tick: number, size: number): readonly MatchFill[] {
    if (aggressor !== 'buy' && aggressor !== 'sell' && aggressor !== 'none') {
      throw new RangeError(`aggressor must be 'buy', 'sell' or 'none', got ${aggressor}`);
    }
    checkTick('tick', tick);
    checkQuantity('size', size);
    if (aggressor !== 'buy') this.tradeAgainst(BID, tick, size);
    if (aggressor !== 'sell') this.tradeAgainst(ASK, tick, size);
    return this.flush();
  }

  /** Queues (the next tranche of) an order at the back of the level at `tick`. */
  private join(order: OurOrder, tick: number): void {
    order.tick = tick;
    order.queued = order.display > 0 && order.display < order.remaining ? order.display : order.remaining;
    const displayed = this.levelOrders[order.side].get(tick)?.size ?? 0;
    order.ahead = Math.max(0, displayed - (this.pending[order.side].get(tick) ?? 0));
    const levels = this.atLevel[order.side];
    const list = levels.get(tick);
    if (list === undefined) levels.set(tick, [order]);
    else list.push(order);
  }

  private unlink(order: OurOrder): void {
    const levels = this.atLevel[order.side];
    const list = levels.get(order.tick)!;
    list.splice(list.indexOf(order), 1);
    if (list.length === 0) levels.delete(order.tick);
  }

  private tradeAgainst(restSide: BookSide, tick: number, size: number): void {
    const pending = this.pending[restSide];
    pending.set(tick, (pending.get(tick) ?? 0) + size);
    const levels = this.atLevel[restSide];
    if (levels.size === 0) return;
    const isBid = restSide === BID;
    for (const [at, list] of [...levels]) {
      if (isBid ? at > tick : at < tick) for (const order of [...list]) this.fill(order, order.remaining);
    }
    const list = levels.get(tick);
    if (list === undefined) return;
    let remaining = size;
    let feedUsed = 0;
    for (const order of [...list]) {
      const gap = order.ahead - feedUsed;
      if (gap > 0) {
        const take = Math.min(gap, remaining);
        feedUsed += take;
        remaining -= take;
      }
      order.ahead = Math.max(0, order.ahead - feedUsed);
      const fill = Math.min(order.queued, Math.floor(remaining));
      if (fill > 0) {
        remaining -= fill;
        this.fill(order, fill);
      }
    }
  }

  /** Books a maker fill at our price; an emptied iceberg tranche re-joins at the back. */
  private fill(order: OurOrder, quantity: number): void {
    this.sink().push({ id: order.id, tick: order.tick, quantity, liquidity: 'maker' });
    this.reduce(order, quantity);
  }

  private reduce(order: OurOrder, quantity: number): void {
    order.remaining -= quantity;
    order.queued = Math.max(0, order.queued - quantity);
    if (order.remaining === 0) {
      this.unlink(order);
      this.ours.delete(order.id);
    } else if (order.queued === 0) {
      this.unlink(order);
      this.join(order, order.tick);
    }
  }

  /** Resting orders of ours crossed by the displayed opposite side take it (best price first). */
  private crossing(): void {
    if (this.ours.size === 0 || this.book.isCrossed()) return;
    const askTouch = this.book.bestAskTick();
    const bidTouch = this.book.bestBidTick();
    for (const side of [BID, ASK] as const) {
      const touch = side === BID ? askTouch : bidTouch;
      if (Number.isNaN(touch)) continue;
      const ticks: number[] = [];
      for (const at of this.atLevel[side].keys())
        if (side === BID ? at >= touch : at <= touch) ticks.push(at);
      ticks.sort((a, b) => (side === BID ? b - a : a - b));
      for (const at of ticks) {
        for (const order of [...(this.atLevel[side].get(at) ?? [])]) {
          const out = this.sink();
          const filled = this.crossFill(side, order.id, order.remaining, at, out);
          if (filled > 0) {
            order.remaining -= filled;
            if (order.remaining === 0) {
              this.unlink(order);
              this.ours.delete(order.id);
            } else order.queued = Math.min(order.queued, order.remaining);
          }
        }
      }
    }
  }
}
