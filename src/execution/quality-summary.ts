import type { Cache } from '../core/cache.js';
import { type Currency, roundMoney } from '../model/currency.js';
import type { ClientOrderId } from '../model/identifiers.js';
import type { Order } from '../model/order.js';
import { executionQuality } from './quality.js';

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
  arrivals: ReadonlyMap<ClientOrderId, number>,
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
    const arrival = arrivals.get(order.clientOrderId);
    if (order.filledQuantity <= 0 || arrival === undefined || !(arrival > 0)) continue;
    const instrument = cache.requireInstrument(order.instrumentId);
    const q = executionQuality({
      instrument,
      side: order.side,
      quantity: order.filledQuantity,
      arrivalPrice: arrival,
      filledQuantity: order.filledQuantity,
      averagePrice: order.averagePrice,
      fees: order.commission,
    });
    count++;
    quantity += order.filledQuantity;
    bpsSum += q.slippage!.bps * order.filledQuantity;
    ticksSum += q.slippage!.ticks * order.filledQuantity;
    shortfall += q.shortfall.total;
    notional += q.arrivalNotional;
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
