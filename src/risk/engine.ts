import type { Cache } from '../core/cache.js';
import type { Clock } from '../core/clock.js';
import { BourseError } from '../core/errors.js';
import { type Log, silentLog } from '../core/log.js';
import type { ExecutionEngine, OrderChanges } from '../execution/engine.js';
import { sideSign } from '../model/enums.js';
import { type Instrument, isFuturesLike } from '../model/instruments.js';
import type { Order } from '../model/order.js';
import type { Portfolio } from '../portfolio/portfolio.js';

export type TradingState = 'active' | 'reducing' | 'halted';

/** Why the risk engine refused an order: stable codes a program can switch on. */
export type DenialCode =
  | 'INSTRUMENT_UNKNOWN'
  | 'QUANTITY_NOT_POSITIVE'
  | 'QUANTITY_OFF_GRID'
  | 'PRICE_OFF_GRID'
  | 'TRIGGER_PRICE_OFF_GRID'
  | 'TRAILING_OFFSET_INVALID'
  | 'MAX_ORDER_QUANTITY_EXCEEDED'
  | 'MAX_ORDER_NOTIONAL_EXCEEDED'
  | 'NO_PRICE_FOR_CHECKS'
  | 'INSUFFICIENT_FUNDS'
  | 'TRADING_HALTED'
  | 'TRADING_REDUCING'
  | 'REDUCE_ONLY_WOULD_INCREASE'
  | 'SHORT_SELLING_NOT_ALLOWED'
  | 'SUBMIT_RATE_EXCEEDED';

export interface RiskConfig {
  readonly tradingState?: TradingState;
  readonly maxOrderQuantity?: number;
  /** Per order, in the instrument's currency: quantity × price × multiplier. */
  readonly maxOrderNotional?: number;
  readonly maxOrderSubmitRate?: { readonly count: number; readonly intervalMs: number };
}

/** Estimated commission of an order, for the affordability check. */
export type CommissionEstimator = (instrument: Instrument, quantity: number, price: number) => number;

export interface RiskDecision {
  readonly code: DenialCode;
  readonly reason: string;
}

/**
 * Pre-trade checks on every submit and modify; nothing reaches a venue without passing here.
 * A denied order gets an OrderDenied event with a reason code and never leaves the kernel.
 */
export class RiskEngine {
  tradingState: TradingState;
  deniedCount = 0;
  private readonly submitTimes: number[] = [];

  constructor(
    private readonly cache: Cache,
    private readonly clock: Clock,
    private readonly portfolio: Portfolio,
    private readonly execution: ExecutionEngine,
    private readonly config: RiskConfig = {},
    private readonly estimateCommission: CommissionEstimator = () => 0,
    private readonly log: Log = silentLog,
  ) {
    this.tradingState = config.tradingState ?? 'active';
  }

  /** Entry point for every new order: records it, checks it, then sends or denies it. */
  submit(order: Order): void {
    const known = this.cache.order(order.clientOrderId);
    // An order held in the cache unsent (a contingent child) may be submitted once; any other
    // order with a known id is a duplicate (an OrderDenied would land on the existing order).
    if (known !== undefined && (known !== order || order.status !== 'initialized')) {
      throw new BourseError('DUPLICATE_ORDER_ID', `client order id '${order.clientOrderId}' is used already`);
    }
    if (known === undefined) this.cache.addOrder(order);
    const denial = this.check(order, order.quantity, order.price, order.triggerPrice) ?? this.checkRate();
    if (denial) {
      this.deniedCount++;
      this.log.warn(`order ${order.clientOrderId} denied: ${denial.code}: ${denial.reason}`);
      this.execution.deny(order, denial.code, denial.reason);
      return;
    }
    this.execution.submit(order);
  }

  /** Checks a modification as if the order were new with the changed values; throws when denied. */
  modify(order: Order, changes: OrderChanges): RiskDecision | undefined {
    const quantity = changes.quantity ?? order.quantity;
    const denial = this.check(
      order,
      quantity,
      changes.price ?? order.price,
      changes.triggerPrice ?? order.triggerPrice,
      true,
    );
    if (denial) {
      this.deniedCount++;
      return denial;
    }
    this.execution.modify(order, changes);
    return undefined;
  }

  cancel(order: Order): void {
    this.execution.cancel(order); // canceling always reduces risk
  }

  /** The first failed check, or undefined when the order may go. */
  check(
    order: Order,
    quantity: number,
    price: number | undefined,
    triggerPrice: number | undefined,
    isModify = false,
  ): RiskDecision | undefined {
    const instrument = this.cache.instrument(order.instrumentId);
    if (!instrument)
      return { code: 'INSTRUMENT_UNKNOWN', reason: `instrument ${order.instrumentId} is not known` };
    if (!(quantity > 0))
      return { code: 'QUANTITY_NOT_POSITIVE', reason: `quantity ${quantity} must be positive` };
    if (!instrument.sizeGrid.contains(quantity)) {
      return {
        code: 'QUANTITY_OFF_GRID',
        reason: `quantity ${quantity} is not a multiple of ${instrument.sizeGrid.increment}`,
      };
    }
    if (price !== undefined && !instrument.priceGrid.contains(price)) {
      return {
        code: 'PRICE_OFF_GRID',
        reason: `price ${price} is not on the ${instrument.priceGrid.increment} tick grid`,
      };
    }
    if (triggerPrice !== undefined && !instrument.priceGrid.contains(triggerPrice)) {
      return {
        code: 'TRIGGER_PRICE_OFF_GRID',
        reason: `trigger price ${triggerPrice} is not on the ${instrument.priceGrid.increment} tick grid`,
      };
    }
    if (order.trailingOffset !== undefined) {
      const offset = order.trailingOffset;
      const valid =
        order.trailingOffsetType === 'ticks'
          ? Number.isInteger(offset)
          : order.trailingOffsetType === 'percent'
            ? offset < 100
            : instrument.priceGrid.contains(offset);
      if (!valid) {
        return {
          code: 'TRAILING_OFFSET_INVALID',
          reason: `trailing offset ${offset} (${order.trailingOffsetType}) must be ${order.trailingOffsetType === 'ticks' ? 'a whole number of ticks' : order.trailingOffsetType === 'percent' ? 'below 100 %' : `on the ${instrument.priceGrid.increment} tick grid`}`,
        };
      }
    }
    const current = this.portfolio.netPosition(instrument.id);
    const after = current + sideSign(order.side) * (isModify ? quantity - order.filledQuantity : quantity);
    const increases = Math.abs(after) > Math.abs(current) + 1e-9;
    const reverses = current !== 0 && Math.sign(after) === -Math.sign(current);
    if (this.tradingState === 'halted' && !isModify)
      return { code: 'TRADING_HALTED', reason: 'trading is halted' };
    if ((increases || reverses) && this.tradingState === 'reducing') {
      return {
        code: 'TRADING_REDUCING',
        reason: 'trading state is reducing: only orders that reduce a position are allowed',
      };
    }
    // Reduce-only checks the order alone: several exits may work at once (stop and target), and the
    // venue never fills a reduce-only order beyond the position left (SimulatedExchange.fill).
    if (order.reduceOnly && (current === 0 || increases || reverses)) {
      return {
        code: 'REDUCE_ONLY_WOULD_INCREASE',
        reason: `reduce-only order would take the position from ${current} to ${after}`,
      };
    }
    const max = this.config.maxOrderQuantity;
    if (max !== undefined && quantity > max) {
      return {
        code: 'MAX_ORDER_QUANTITY_EXCEEDED',
        reason: `quantity ${quantity} exceeds the maximum ${max}`,
      };
    }
    const reference = price ?? triggerPrice ?? this.cache.lastPrice(instrument.id);
    if (reference === undefined) {
      return {
        code: 'NO_PRICE_FOR_CHECKS',
        reason: `no price known yet for ${instrument.id} to check notional and funds`,
      };
    }
    const notional = quantity * reference * instrument.multiplier;
    const maxNotional = this.config.maxOrderNotional;
    if (maxNotional !== undefined && notional > maxNotional) {
      return {
        code: 'MAX_ORDER_NOTIONAL_EXCEEDED',
        reason: `notional ${notional.toFixed(2)} exceeds the maximum ${maxNotional}`,
      };
    }
    const account = this.portfolio.accountFor(instrument);
    if (account.type === 'cash' && !isFuturesLike(instrument) && after < 0) {
      return {
        code: 'SHORT_SELLING_NOT_ALLOWED',
        reason: `a cash account cannot sell short: ${order.side} ${quantity} ${instrument.id} would leave ${after}`,
      };
    }
    const commission = this.estimateCommission(instrument, quantity, reference);
    if (increases && !account.canAfford(instrument, order.side, quantity, reference, commission)) {
      return {
        code: 'INSUFFICIENT_FUNDS',
        reason: `${order.side} ${quantity} ${instrument.id} at ~${reference} needs more than the free cash ${account.freeCash.toFixed(account.currency.precision)} ${account.currency.code}`,
      };
    }
    return undefined;
  }

  private checkRate(): RiskDecision | undefined {
    const limit = this.config.maxOrderSubmitRate;
    if (!limit) return undefined;
    const now = this.clock.now();
    const windowStart = now - limit.intervalMs * 1000;
    while (this.submitTimes.length > 0 && this.submitTimes[0] <= windowStart) this.submitTimes.shift();
    if (this.submitTimes.length >= limit.count) {
      return {
        code: 'SUBMIT_RATE_EXCEEDED',
        reason: `more than ${limit.count} orders in ${limit.intervalMs} ms`,
      };
    }
    this.submitTimes.push(now);
    return undefined;
  }
}
