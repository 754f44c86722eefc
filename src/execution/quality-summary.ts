import type { Cache } from '../core/cache.js';
import { type Currency, roundMoney } from '../model/currency.js';
import { sideSign } from '../model/enums.js';
import type { Order } from '../model/order.js';

/**
 * Execution quality of a whole run: every order that filled, measured against its arrival price
 * (the quote mid, else the last price, when it was submitted). Slippage is quantity-weighted and
 * signed so that positive is a cost; the shortfall counts the filled quantity only (an order's
 * canceled rest was a decision, not a cost) plus fees.
 */
export interface ExecutionSummary {
  /** Orders with at least one fill and a known arrival price. */
  readonly orders: number;
  readonly filledQuantity: number;
  /** Quantity-weighted mean slippage against arrival, in basis points and in ticks. */
  readonly slippageBps: number;
  readonly slippageTicks: number;
  /** Execution cost (side × (average − arrival) × quantity × multiplier) plus fees, in the account currency. */
  readonly shortfall: number;
  /** The shortfall over the filled arrival notional, in basis points. */
  readonly shortfallBps: number;
}

export function summarizeExecution(
  orders: Iterable<Order>,
  cache: Cache,
  currency: Currency,
): ExecutionSummary {
  let count = 0;
  let quantity = 0;
  let bpsSum = 0;
  let ticksSum = 0;
  let shortfall = 0;
  let notional = 0;
  for (const order of orders) {
    const arrival = order.arrivalPrice;
    if (order.filledQuantity <= 0 || arrival === undefined || !(arrival > 0)) continue;
    // The formulas of executionQuality (quality.ts) for a fully filled quantity, without its
    // per-order objects: this runs over every order of a backtest.
    const instrument = cache.requireInstrument(order.instrumentId);
    const filled = order.filledQuantity;
    const slip = sideSign(order.side) * (order.averagePrice! - arrival);
    count++;
    quantity += filled;
    bpsSum += (slip / arrival) * 10_000 * filled;
    ticksSum += (slip / instrument.priceGrid.increment) * filled;
    shortfall += slip * filled * instrument.multiplier + order.commission;
    notional += arrival * filled * instrument.multiplier;
  }
  return {
    orders: count,
    filledQuantity: quantity,
    slippageBps: quantity > 0 ? round(bpsSum / quantity, 4) : 0,
    slippageTicks: quantity > 0 ? round(ticksSum / quantity, 4) : 0,
    shortfall: roundMoney(shortfall, currency),
    shortfallBps: notional > 0 ? round((shortfall / notional) * 10_000, 4) : 0,
  };
}

function round(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale + 0;
}
