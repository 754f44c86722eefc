/**
 * The pre-trade checks that need more than the order itself: price band, position, exposure and
 * open-order counts. Each returns a denial naming the values, or undefined. They run on submit and
 * modify only (never per data point); portfolio sums are O(open positions / open orders).
 */
import type { Cache } from '../core/cache.js';
import { sideSign } from '../model/enums.js';
import type { Instrument } from '../model/instruments.js';
import type { Order } from '../model/order.js';
import { bandWidth, describeBands, type EffectiveLimits } from './limits.js';
import type { RiskDecision } from './types.js';

const EPSILON = 1e-9;

/** A float for a message, without binary noise (0.30000000000000004 → 0.3). */
const clean = (x: number): string => String(Number(x.toFixed(8)));

/** Limit and trigger prices farther from the last price than the band allows (fat finger). */
export function checkPriceBand(
  cache: Cache,
  limits: EffectiveLimits,
  instrument: Instrument,
  price: number | undefined,
  triggerPrice: number | undefined,
): RiskDecision | undefined {
  if (limits.bands.length === 0 || (price === undefined && triggerPrice === undefined)) return undefined;
  const last = cache.lastPrice(instrument.id);
  if (last === undefined) return undefined; // nothing to compare with yet
  const width = bandWidth(limits, instrument, last);
  if (width === undefined) return undefined;
  for (const [what, value] of [
    ['price', price],
    ['trigger price', triggerPrice],
  ] as const) {
    if (value === undefined || Math.abs(value - last) <= width + EPSILON) continue;
    return {
      code: 'PRICE_OUTSIDE_BAND',
      reason: `${what} ${value} is ${clean(Math.abs(value - last))} from the last price ${last} of ${instrument.id}, outside the band ±${clean(width)} (${describeBands(limits)})`,
    };
  }
  return undefined;
}

/**
 * Largest absolute position the instrument could reach if this order and every open order on the
 * same side filled in full, in the worst order: reduce-only orders first (they can only take the
 * position to zero, so together they count up to its size when it is on the other side), then the
 * rest. Unsent contingent children are not counted. An order that leaves the projection no larger
 * in size than the current position always passes, so a reduce-only order alone always does.
 */
export function checkPosition(
  cache: Cache,
  max: number | undefined,
  instrument: Instrument,
  order: Order,
  remaining: number,
  current: number,
): RiskDecision | undefined {
  if (max === undefined) return undefined;
  let pending = order.reduceOnly ? 0 : remaining;
  let reducing = order.reduceOnly ? remaining : 0;
  const open = cache.openOrders({ instrumentId: instrument.id });
  for (let i = 0; i < open.length; i++) {
    const other = open[i];
    if (other === order || other.side !== order.side || other.status === 'initialized') continue;
    if (other.reduceOnly) reducing += other.leavesQuantity;
    else pending += other.leavesQuantity;
  }
  const sign = sideSign(order.side);
  const toZero = sign * current < 0 ? Math.min(reducing, Math.abs(current)) : 0;
  const projected = current + sign * (toZero + pending);
  if (Math.abs(projected) <= max + EPSILON || Math.abs(projected) <= Math.abs(current) + EPSILON)
    return undefined;
  return {
    code: 'MAX_POSITION_EXCEEDED',
    reason: `${order.side} ${remaining} ${instrument.id} would take the position from ${current} to ${projected} (with the open ${order.side} orders, reduce-only ones filling first), above the maximum ${max}`,
  };
}

/**
 * Gross and net exposure of every position marked at its last price (or average open price when
 * no price is known), with the order's instrument replaced by its position after the order.
 * A limit is only enforced when the order increases that exposure.
 */
export function checkExposure(
  cache: Cache,
  limits: EffectiveLimits,
  instrument: Instrument,
  signedQuantity: number,
  reference: number,
  currency: string,
): RiskDecision | undefined {
  const maxGross = limits.maxGrossExposure;
  const maxNet = limits.maxNetExposure;
  if (maxGross === undefined && maxNet === undefined) return undefined;
  let gross = 0;
  let net = 0;
  let currentInOrder = 0;
  const positions = cache.positions();
  for (let i = 0; i < positions.length; i++) {
    const position = positions[i];
    if (position.quantity === 0) continue;
    if (position.instrumentId === instrument.id) {
      currentInOrder = position.quantity;
      continue;
    }
    const price = cache.lastPrice(position.instrumentId) ?? position.averageOpenPrice;
    const value = position.quantity * price * position.multiplier;
    gross += Math.abs(value);
    net += value;
  }
  const price = cache.lastPrice(instrument.id) ?? reference;
  const before = currentInOrder * price * instrument.multiplier;
  const after = (currentInOrder + signedQuantity) * price * instrument.multiplier;
  const grossBefore = gross + Math.abs(before);
  const grossAfter = gross + Math.abs(after);
  const netBefore = net + before;
  const netAfter = net + after;
  const money = (x: number) => x.toFixed(2);
  if (maxGross !== undefined && grossAfter > maxGross + EPSILON && grossAfter > grossBefore + EPSILON) {
    return {
      code: 'MAX_GROSS_EXPOSURE_EXCEEDED',
      reason: `gross exposure would rise from ${money(grossBefore)} to ${money(grossAfter)} ${currency}, above the maximum ${maxGross}`,
    };
  }
  if (
    maxNet !== undefined &&
    Math.abs(netAfter) > maxNet + EPSILON &&
    Math.abs(netAfter) > Math.abs(netBefore) + EPSILON
  ) {
    return {
      code: 'MAX_NET_EXPOSURE_EXCEEDED',
      reason: `net exposure would move from ${money(netBefore)} to ${money(netAfter)} ${currency}, beyond the maximum ±${maxNet}`,
    };
  }
  return undefined;
}

/** Open orders sent (not counting contingent children held unsent). */
function countOpen(orders: readonly Order[]): number {
  let count = 0;
  for (let i = 0; i < orders.length; i++) if (orders[i].status !== 'initialized') count++;
  return count;
}

/** Total, per-instrument and per-strategy open-order counts (submits only). */
export function checkOpenOrders(
  cache: Cache,
  limits: EffectiveLimits,
  order: Order,
): RiskDecision | undefined {
  const total = limits.maxOpenOrders;
  if (total !== undefined) {
    const open = countOpen(cache.openOrders());
    if (open >= total)
      return {
        code: 'MAX_OPEN_ORDERS_EXCEEDED',
        reason: `${open} orders are open already, the maximum is ${total}`,
      };
  }
  const own = limits.strategy;
  if (own?.maxOpenOrders !== undefined) {
    const open = countOpen(cache.openOrders({ strategyId: order.strategyId }));
    if (open >= own.maxOpenOrders)
      return {
        code: 'MAX_OPEN_ORDERS_EXCEEDED',
        reason: `strategy ${order.strategyId} has ${open} open orders already, its maximum is ${own.maxOpenOrders}`,
      };
  }
  const perInstrument = limits.maxOpenOrdersPerInstrument;
  if (perInstrument !== undefined) {
    const open = countOpen(cache.openOrders({ instrumentId: order.instrumentId }));
    if (open >= perInstrument)
      return {
        code: 'MAX_OPEN_ORDERS_PER_INSTRUMENT_EXCEEDED',
        reason: `${open} orders are open in ${order.instrumentId} already, the maximum per instrument is ${perInstrument}`,
      };
  }
  if (own?.maxOpenOrdersPerInstrument !== undefined) {
    const open = countOpen(
      cache.openOrders({ instrumentId: order.instrumentId, strategyId: order.strategyId }),
    );
    if (open >= own.maxOpenOrdersPerInstrument)
      return {
        code: 'MAX_OPEN_ORDERS_PER_INSTRUMENT_EXCEEDED',
        reason: `strategy ${order.strategyId} has ${open} open orders in ${order.instrumentId} already, its maximum per instrument is ${own.maxOpenOrdersPerInstrument}`,
      };
  }
  return undefined;
}
