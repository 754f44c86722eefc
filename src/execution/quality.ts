import type { Cache } from '../core/cache.js';
import { type Currency, roundMoney } from '../model/currency.js';
import { type OrderSide, sideSign } from '../model/enums.js';
import type { InstrumentId } from '../model/identifiers.js';
import type { Instrument } from '../model/instruments.js';
import type { Order } from '../model/order.js';

/**
 * Execution quality of a parent order (an algorithm) or a single order, measured against the
 * arrival price. Costs are signed so that positive = cost to us (a buy filled above arrival, a
 * sell below). Formulas and a worked example: docs/execution-algorithms.md.
 */
export interface ExecutionQuality {
  readonly instrumentId: InstrumentId;
  readonly side: OrderSide;
  /** What was meant to be traded. */
  readonly quantity: number;
  readonly filledQuantity: number;
  readonly unfilledQuantity: number;
  readonly arrivalPrice: number;
  /** Volume-weighted average fill price; undefined without fills. */
  readonly averagePrice: number | undefined;
  /** Price of the unfilled rest for the opportunity cost. */
  readonly endPrice: number;
  /** side × (average − arrival): price, ticks of the instrument's grid, basis points of arrival. */
  readonly slippage: { readonly price: number; readonly ticks: number; readonly bps: number } | undefined;
  /** arrival × quantity × multiplier. */
  readonly arrivalNotional: number;
  readonly shortfall: ImplementationShortfall;
  readonly currency: Currency;
}

/** Money in the instrument's currency, each part rounded to it. */
export interface ImplementationShortfall {
  /** side × (average − arrival) × filled × multiplier. */
  readonly execution: number;
  /** side × (end − arrival) × unfilled × multiplier. */
  readonly opportunity: number;
  readonly fees: number;
  /** execution + opportunity + fees. */
  readonly total: number;
  /** total / arrival notional × 10 000. */
  readonly bps: number;
}

export interface QualityInput {
  readonly instrument: Instrument;
  readonly side: OrderSide;
  readonly quantity: number;
  readonly arrivalPrice: number;
  readonly filledQuantity: number;
  /** Required when filledQuantity > 0. */
  readonly averagePrice?: number;
  /** Commissions and fees paid, in the instrument's currency. Default 0. */
  readonly fees?: number;
  /** Required when part of the quantity is unfilled; default the arrival price otherwise. */
  readonly endPrice?: number;
}

const BPS = 10_000;

export function executionQuality(input: QualityInput): ExecutionQuality {
  const { instrument, side, quantity, arrivalPrice, filledQuantity } = input;
  if (!(quantity > 0)) throw new RangeError(`quality: quantity must be positive, got ${quantity}`);
  if (!(arrivalPrice > 0))
    throw new RangeError(`quality: arrival price must be positive, got ${arrivalPrice}`);
  if (!(filledQuantity >= 0 && filledQuantity <= quantity + 1e-9 * quantity))
    throw new RangeError(`quality: filled ${filledQuantity} must lie in [0, ${quantity}]`);
  const unfilled = instrument.sizeGrid.round(Math.max(0, quantity - filledQuantity));
  if (filledQuantity > 0 && input.averagePrice === undefined)
    throw new RangeError('quality: an average price is needed when something filled');
  if (unfilled > 0 && input.endPrice === undefined)
    throw new RangeError('quality: an end price is needed to cost the unfilled quantity');
  const sign = sideSign(side);
  const multiplier = instrument.multiplier;
  const ccy = instrument.currency;
  const endPrice = input.endPrice ?? arrivalPrice;
  const average = filledQuantity > 0 ? input.averagePrice : undefined;
  const slipPrice = average === undefined ? undefined : sign * (average - arrivalPrice);
  const execution = roundMoney((slipPrice ?? 0) * filledQuantity * multiplier, ccy);
  const opportunity = roundMoney(sign * (endPrice - arrivalPrice) * unfilled * multiplier, ccy);
  const fees = roundMoney(input.fees ?? 0, ccy);
  const total = roundMoney(execution + opportunity + fees, ccy);
  const arrivalNotional = roundMoney(arrivalPrice * quantity * multiplier, ccy);
  return {
    instrumentId: instrument.id,
    side,
    quantity,
    filledQuantity,
    unfilledQuantity: unfilled,
    arrivalPrice,
    averagePrice: average,
    endPrice,
    slippage:
      slipPrice === undefined
        ? undefined
        : {
            price: clean(slipPrice),
            ticks: clean(slipPrice / instrument.priceGrid.increment),
            bps: clean((slipPrice / arrivalPrice) * BPS),
          },
    arrivalNotional,
    shortfall: { execution, opportunity, fees, total, bps: clean((total / arrivalNotional) * BPS) },
    currency: ccy,
  };
}

/** Quality of one or more orders of the same side and instrument (e.g. an algorithm's children). */
export function ordersQuality(input: {
  readonly instrument: Instrument;
  readonly side: OrderSide;
  /** The intended quantity; default the orders' total quantity. */
  readonly quantity?: number;
  readonly arrivalPrice: number;
  readonly orders: readonly Order[];
  readonly endPrice?: number;
}): ExecutionQuality {
  let filled = 0;
  let notional = 0;
  let fees = 0;
  let ordered = 0;
  for (const order of input.orders) {
    if (order.side !== input.side || order.instrumentId !== input.instrument.id)
      throw new RangeError(
        `quality: order ${order.clientOrderId} is not a ${input.side} of ${input.instrument.id}`,
      );
    ordered += order.quantity;
    fees += order.commission;
    if (order.filledQuantity > 0) {
      filled += order.filledQuantity;
      notional += order.filledQuantity * order.averagePrice!;
    }
  }
  const grid = input.instrument.sizeGrid;
  return executionQuality({
    instrument: input.instrument,
    side: input.side,
    quantity: input.quantity ?? grid.round(ordered),
    arrivalPrice: input.arrivalPrice,
    filledQuantity: grid.round(filled),
    averagePrice: filled > 0 ? notional / filled : undefined,
    fees,
    endPrice: input.endPrice,
  });
}

/**
 * The arrival price at the decision time: the mid of the cached quote if there is one, else the
 * last price the cache knows (last trade or bar close).
 */
export function arrivalPriceOf(cache: Cache, instrumentId: InstrumentId): number | undefined {
  const quote = cache.quote(instrumentId);
  if (quote !== undefined) return (quote.bidPrice + quote.askPrice) / 2;
  return cache.lastPrice(instrumentId);
}

/** Trims float noise (0.1 + 0.2) to 12 significant digits so hand-computed figures compare exactly. */
function clean(value: number): number {
  return Number(value.toPrecision(12)) + 0;
}
