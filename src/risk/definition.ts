import type { Cache } from '../core/cache.js';
import type { Order } from '../model/order.js';
import type { RiskDecision } from './types.js';

/** Instrument, quantity, grid and trailing-offset checks: what makes an order well-formed. */
export function checkDefinition(
  cache: Cache,
  order: Order,
  quantity: number,
  price: number | undefined,
  triggerPrice: number | undefined,
): RiskDecision | undefined {
  const instrument = cache.instrument(order.instrumentId);
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
  return undefined;
}
