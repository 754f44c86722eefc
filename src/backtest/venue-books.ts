import type { BookLevelUpdate, OrderBookEvent } from '../model/data.js';
import { LIMIT_TYPES } from '../model/enums.js';
import type { Grid } from '../model/grid.js';
import type { InstrumentId } from '../model/identifiers.js';
import {
  type AggressorSide,
  type CancelReason,
  L2Matcher,
  L3Matcher,
  type MatchFill,
  type QueueModel,
  type SubmitResult,
} from './matching/index.js';
import type { WorkingOrder } from './working-order.js';

/**
 * The simulated venue's order books: one L3 or L2 matcher per instrument with a book feed
 * (created by its first event), and which of our working orders rests in which matcher under
 * which id. Matching rules live in the matchers (docs/matching.md); what a fill costs and which
 * events it raises stays with the exchange.
 */
export class VenueBooks {
  private readonly matchers = new Map<InstrumentId, L3Matcher | L2Matcher>();
  private readonly resting = new Map<number, WorkingOrder>();
  private nextId = 0;

  constructor(private readonly queueModel: QueueModel | undefined) {}

  /** Whether the instrument has a book feed (its market and limit orders go to the matcher). */
  has(instrumentId: InstrumentId): boolean {
    return this.matchers.has(instrumentId);
  }

  matcher(instrumentId: InstrumentId): L3Matcher | L2Matcher | undefined {
    return this.matchers.get(instrumentId);
  }

  /** Applies an L3 event; returns the fills of our resting orders it causes. */
  applyMbo(event: OrderBookEvent): readonly MatchFill[] {
    const matcher = this.matcherFor(event.instrumentId, 'L3') as L3Matcher;
    return matcher.applyMbo(
      event.action,
      event.side,
      event.priceTicks,
      event.size,
      event.orderId,
      event.flags,
    );
  }

  /** Applies an L2 level update (`last`: the end of a batch). */
  applyLevel(event: BookLevelUpdate, last: boolean): readonly MatchFill[] {
    const matcher = this.matcherFor(event.instrumentId, 'L2') as L2Matcher;
    return matcher.applyLevel(event.side === 'bid' ? 'buy' : 'sell', event.priceTicks, event.size, last);
  }

  /** A trade of an instrument with an L2 book moves our queue positions (none for L3 or no book). */
  applyTrade(
    instrumentId: InstrumentId,
    aggressor: AggressorSide,
    tick: number,
    size: number,
  ): readonly MatchFill[] {
    const matcher = this.matchers.get(instrumentId);
    return matcher instanceof L2Matcher ? matcher.applyTrade(aggressor, tick, size) : [];
  }

  /**
   * Sends `quantity` of a working order into its instrument's matcher (market orders and triggered
   * stops without a limit take the book; limits take what crosses and rest). The order is
   * registered before matching so that `orderOf` finds it for the fills in the result.
   */
  submit(working: WorkingOrder, quantity: number, grid: Grid): SubmitResult {
    const order = working.order;
    const id = --this.nextId;
    const tif = order.timeInForce;
    working.bookId = id;
    this.resting.set(id, working);
    return this.matchers.get(order.instrumentId)!.submit({
      id,
      side: working.side,
      quantity,
      limitTick: LIMIT_TYPES.has(working.type) ? grid.toTicks(working.price!) : undefined,
      postOnly: order.postOnly,
      timeInForce: tif === 'IOC' || tif === 'FOK' ? tif : 'GTC',
      displayQuantity: order.displayQuantity,
    });
  }

  /** After a submit's fills are booked: forgets an order that did not rest. */
  settle(working: WorkingOrder, result: SubmitResult): void {
    if (result.rested === 0) this.release(working);
  }

  /** Re-prices or resizes a resting order (a post-only one is refused across the spread). */
  modify(working: WorkingOrder, tick: number | undefined, openQuantity: number): SubmitResult {
    const matcher = this.matchers.get(working.order.instrumentId)!;
    return matcher.modify(working.bookId, tick ?? matcher.tickOf(working.bookId), openQuantity);
  }

  /** The working order a fill is for; forgets it when this fill is its last (the matcher has). */
  orderOf(fill: MatchFill): WorkingOrder | undefined {
    const working = this.resting.get(fill.id);
    if (working !== undefined && working.leaves - fill.quantity <= 1e-9 * working.quantity) {
      this.resting.delete(fill.id);
      working.bookId = 0;
    }
    return working;
  }

  /** Takes an order out of its book (when still there) and forgets it. */
  release(working: WorkingOrder): void {
    if (working.bookId === 0) return;
    const matcher = this.matchers.get(working.order.instrumentId)!;
    if (matcher.has(working.bookId)) matcher.cancel(working.bookId);
    this.resting.delete(working.bookId);
    working.bookId = 0;
  }

  private matcherFor(instrumentId: InstrumentId, level: 'L2' | 'L3'): L3Matcher | L2Matcher {
    let matcher = this.matchers.get(instrumentId);
    if (matcher === undefined) {
      matcher = level === 'L3' ? new L3Matcher() : new L2Matcher({ queueModel: this.queueModel });
      this.matchers.set(instrumentId, matcher);
    } else if (matcher instanceof L3Matcher !== (level === 'L3')) {
      throw new RangeError(`${instrumentId}: L2 and L3 book data cannot drive one instrument's matching`);
    }
    return matcher;
  }
}

/** The cancel reason the venue reports for what a matcher canceled. */
export function bookCancelReason(reason: CancelReason | undefined, filled: number): string {
  switch (reason) {
    case 'post-only-would-cross':
      return 'post-only: the limit would take liquidity';
    case 'fok-not-fillable':
      return 'FOK: not fillable in full';
    case 'ioc-remainder':
      return filled > 0 ? 'IOC: rest canceled after a partial fill' : 'IOC: nothing to take at the limit';
    default:
      return 'market order: the book ran out of liquidity; the rest is canceled';
  }
}
