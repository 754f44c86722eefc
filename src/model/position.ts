import type { Currency } from './currency.js';
import { roundMoney } from './currency.js';
import { type OrderSide, sideSign } from './enums.js';
import type { InstrumentId, StrategyId } from './identifiers.js';
import type { UnixMicros } from './time.js';

/** What one fill did to a position. */
export interface PositionFillResult {
  /** Quantity that reduced the existing position (0 when the fill only opened or added). */
  readonly closedQuantity: number;
  /** Price P&L × multiplier realised by the closing part, rounded to the currency. */
  readonly realizedPnl: number;
  readonly previousQuantity: number;
}

/** Who a position belongs to (the portfolio's per-strategy positions set these). */
export interface PositionOwner {
  /** `<instrument>-<strategy>` (netting) or `P-<clientOrderId>` (hedging); default: the instrument id. */
  readonly positionId?: string;
  readonly strategyId?: StrategyId;
  readonly accountId?: string;
}

/**
 * A position: one signed quantity (long > 0, short < 0), an average open price, and realised P&L
 * from the closing parts of fills, in the instrument's currency. A fill that crosses zero closes
 * the old side at the fill price and opens the remainder on the other side at the same price.
 * The portfolio keeps one per instrument (the net, in the cache) and one or more per strategy.
 */
export class Position {
  readonly id: string;
  /** The strategy the position belongs to; undefined for the net position of an instrument. */
  readonly strategyId: StrategyId | undefined;
  readonly accountId: string | undefined;
  quantity = 0;
  realizedPnl = 0;
  commissions = 0;
  tsOpened: UnixMicros = 0;
  tsLast: UnixMicros = 0;
  /** Fills applied over the position's life. */
  fillCount = 0;
  /**
   * Cost basis of the open quantity: the sum of quantity × price of the fills that opened it,
   * reduced pro rata by closes. A full close removes exactly what was added, so a round trip
   * realises exactly its cash flows (no rounding through an average price).
   */
  private openCost = 0;
  /** Realised P&L before rounding; `realizedPnl` is this rounded to the currency. */
  private realizedRaw = 0;

  constructor(
    readonly instrumentId: InstrumentId,
    readonly multiplier: number,
    readonly currency: Currency,
    owner: PositionOwner = {},
  ) {
    this.id = owner.positionId ?? instrumentId;
    this.strategyId = owner.strategyId;
    this.accountId = owner.accountId;
  }

  get isFlat(): boolean {
    return this.quantity === 0;
  }

  get isLong(): boolean {
    return this.quantity > 0;
  }

  get isShort(): boolean {
    return this.quantity < 0;
  }

  /** Average price of the open quantity (0 when flat). */
  get averageOpenPrice(): number {
    return this.quantity === 0 ? 0 : this.openCost / Math.abs(this.quantity);
  }

  applyFill(
    side: OrderSide,
    quantity: number,
    price: number,
    commission: number,
    ts: UnixMicros,
  ): PositionFillResult {
    if (!(quantity > 0))
      throw new RangeError(`${this.instrumentId}: fill quantity must be positive, got ${quantity}`);
    const previous = this.quantity;
    const signed = sideSign(side) * quantity;
    let closed = 0;
    const realizedBefore = this.realizedPnl;
    if (previous !== 0 && Math.sign(signed) !== Math.sign(previous)) {
      closed = Math.min(Math.abs(previous), quantity);
      const fullClose = closed === Math.abs(previous);
      const costRemoved = fullClose ? this.openCost : (this.openCost * closed) / Math.abs(previous);
      this.realizedRaw += Math.sign(previous) * (closed * price - costRemoved) * this.multiplier;
      this.openCost = fullClose ? 0 : this.openCost - costRemoved;
    }
    const next = snapZero(previous + signed, quantity);
    const opened = quantity - closed;
    if (opened > 0 && next !== 0) this.openCost += opened * price;
    if (next === 0) this.openCost = 0;
    if (previous === 0 || (next !== 0 && Math.sign(next) !== Math.sign(previous))) this.tsOpened = ts;
    this.quantity = next;
    this.realizedPnl = roundMoney(this.realizedRaw, this.currency);
    this.commissions = roundMoney(this.commissions + commission, this.currency);
    this.tsLast = ts;
    this.fillCount++;
    // Per-fill parts are differences of the rounded running total, so they add up to it exactly.
    const realized = roundMoney(this.realizedPnl - realizedBefore, this.currency);
    return { closedQuantity: closed, realizedPnl: realized, previousQuantity: previous };
  }

  /** Unrealised price P&L × multiplier at `price` (not rounded: a mark, not a booking). */
  unrealizedPnl(price: number): number {
    return this.quantity === 0
      ? 0
      : (this.quantity * price - Math.sign(this.quantity) * this.openCost) * this.multiplier;
  }

  /** Signed market value at `price` (quantity × price × multiplier). */
  marketValue(price: number): number {
    return this.quantity * price * this.multiplier;
  }
}

/** Float sums of quantities (0.1 + 0.2 - 0.3) snap to exactly zero. */
function snapZero(value: number, scale: number): number {
  return Math.abs(value) <= 1e-9 * Math.max(1, scale) ? 0 : value;
}
