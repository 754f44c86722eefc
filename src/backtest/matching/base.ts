/**
 * What both matchers share: the book of displayed liquidity, one consumption overlay per side and
 * the arrival of a new order (market or limit, post-only, IOC/FOK/GTC), see `submit`.
 */
import { ASK, BID, type BookSide } from '../../data/book/level.js';
import { OrderBook } from '../../data/book/order-book.js';
import { ConsumptionOverlay } from './overlay.js';
import { availableLiquidity, effectiveBestTick, takeLiquidity } from './taker.js';
import type { CancelReason, MatchFill, Side, SubmitResult, SubmitSpec } from './types.js';
import { checkOurId, checkSpec } from './validate.js';

/** Returned when an event fills nothing (shared, never mutated: no allocation per event). */
export const NO_FILLS: readonly MatchFill[] = Object.freeze([]) as readonly MatchFill[];

export function bookSide(side: Side): BookSide {
  return side === 'buy' ? BID : ASK;
}

export abstract class MatcherBase<O extends { readonly remaining: number }> {
  readonly book: OrderBook;
  /** Our live orders by id. */
  protected readonly ours = new Map<number, O>();
  /** Fills of ours collected during the current call (created on first use). */
  private out: MatchFill[] | null = null;
  /** Consumption overlays by book side (index BID, ASK): what our orders took of the displayed size. */
  protected readonly overlays: readonly [ConsumptionOverlay, ConsumptionOverlay] = [
    new ConsumptionOverlay(),
    new ConsumptionOverlay(),
  ];

  constructor(book: OrderBook = new OrderBook()) {
    this.book = book;
  }

  /**
   * Size of the displayed level at (side, tick) that our orders consumed (0 when none); `side` is
   * the level's side: 'buy' = bids (taken by our sells), 'sell' = asks (taken by our buys).
   */
  consumed(side: Side, tick: number): number {
    return this.overlays[bookSide(side)].get(tick);
  }

  /** Whether an id is one of our live orders. */
  has(id: number): boolean {
    return this.ours.has(id);
  }

  /** Number of our live orders. */
  get orderCount(): number {
    return this.ours.size;
  }

  /** The ids of our live orders. */
  ids(): number[] {
    return [...this.ours.keys()];
  }

  /** Cancels one of our orders; returns the canceled (open) quantity. */
  cancel(id: number): number {
    const order = this.require(id);
    this.dequeue(id, order);
    this.ours.delete(id);
    return order.remaining;
  }

  /** Takes a canceled order out of its queue. */
  protected abstract dequeue(id: number, order: O): void;

  /** One of our live orders (a RangeError naming the id otherwise). */
  protected require(id: number): O {
    checkOurId(id);
    const order = this.ours.get(id);
    if (order === undefined) throw new RangeError(`id ${id} is not a live order of ours`);
    return order;
  }

  /** The array collecting this call's fills, created on first use. */
  protected sink(): MatchFill[] {
    if (this.out === null) this.out = [];
    return this.out;
  }

  /** The fills collected since the last flush (the shared NO_FILLS when none). */
  protected flush(): readonly MatchFill[] {
    const out = this.out;
    this.out = null;
    return out === null || out.length === 0 ? NO_FILLS : out;
  }

  /** Rests `quantity` of a checked GTC limit order (no liquidity left to take at its price). */
  protected abstract rest(spec: SubmitSpec, quantity: number): void;

  /**
   * A new order of ours arrives. It first takes displayed liquidity (taker fills at each level's
   * price, from the touch, not beyond `limitTick`); then: a market order's remainder is canceled
   * (`market-no-liquidity`), an IOC remainder is canceled (`ioc-remainder`), a GTC limit
   * remainder rests. FOK checks first and fills all or nothing (`fok-not-fillable`). A post-only
   * limit that would take is canceled whole (`post-only-would-cross`). Throws a RangeError on bad
   * input or a duplicate live id.
   */
  submit(spec: SubmitSpec): SubmitResult {
    const tif = checkSpec(spec);
    if (this.has(spec.id)) throw new RangeError(`id ${spec.id} is already a live order of ours`);
    const ourSide = bookSide(spec.side);
    const limit = spec.limitTick;
    if (spec.postOnly === true && this.marketable(ourSide, limit!)) {
      return result([], 0, spec.quantity, 'post-only-would-cross');
    }
    const opposite = this.book.levels(ourSide === BID ? ASK : BID);
    const overlay = this.overlays[opposite.side];
    if (tif === 'FOK' && availableLiquidity(opposite, overlay, limit, spec.quantity) < spec.quantity) {
      return result([], 0, spec.quantity, 'fok-not-fillable');
    }
    const fills: MatchFill[] = [];
    const filled = takeLiquidity(opposite, overlay, spec.id, spec.quantity, limit, fills);
    const left = spec.quantity - filled;
    if (left === 0) return result(fills, 0, 0);
    if (limit === undefined) return result(fills, 0, left, 'market-no-liquidity');
    if (tif !== 'GTC') return result(fills, 0, left, 'ioc-remainder');
    this.rest(spec, left);
    return result(fills, left, 0);
  }

  /** Would a limit order of `ourSide` at `tick` take liquidity not yet consumed by us? */
  protected marketable(ourSide: BookSide, tick: number): boolean {
    const opposite = this.book.levels(ourSide === BID ? ASK : BID);
    const best = effectiveBestTick(opposite, this.overlays[opposite.side]);
    if (Number.isNaN(best)) return false;
    return ourSide === BID ? best <= tick : best >= tick;
  }

  /** Takes liquidity for one of our orders (modify to a marketable price). */
  protected take(
    ourSide: BookSide,
    id: number,
    quantity: number,
    limitTick: number,
    out: MatchFill[],
  ): number {
    const opposite = this.book.levels(ourSide === BID ? ASK : BID);
    return takeLiquidity(opposite, this.overlays[opposite.side], id, quantity, limitTick, out);
  }

  /**
   * A resting order of ours at `tick` that the displayed opposite side now crosses takes that
   * liquidity, at its own price (maker): returns the quantity filled. Nothing when the displayed
   * book itself is crossed (the venue is not matching, e.g. CME pre-open).
   */
  protected crossFill(
    ourSide: BookSide,
    id: number,
    quantity: number,
    tick: number,
    out: MatchFill[],
  ): number {
    const opposite = this.book.levels(ourSide === BID ? ASK : BID);
    return takeLiquidity(opposite, this.overlays[opposite.side], id, quantity, tick, out, tick);
  }

  /** True when the displayed (feed) book is crossed or locked: no crossing fills then. */
  protected feedCrossed(): boolean {
    return this.book.isCrossed();
  }
}

export function result(
  fills: MatchFill[],
  rested: number,
  canceled: number,
  reason?: CancelReason,
): SubmitResult {
  let filled = 0;
  for (const fill of fills) filled += fill.quantity;
  const out: SubmitResult = { fills, filled, rested, canceled };
  if (reason !== undefined) out.reason = reason;
  return out;
}
