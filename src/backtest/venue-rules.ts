import type { Instrument } from '../model/instruments.js';
import type { Order } from '../model/order.js';
import type { TradingSession } from '../model/sessions.js';
import type { UnixMicros } from '../model/time.js';

/**
 * A venue's price band (fat-finger protection, like CME's price banding): a limit or trigger
 * price farther than this from the last traded price is rejected. Give `percent`, `ticks` or both
 * (both: the wider band applies).
 */
export interface PriceBand {
  readonly percent?: number;
  readonly ticks?: number;
}

export interface VenueRules {
  readonly priceBand?: PriceBand;
  /** The venue's hours: with `rejectWhenClosed`, orders arriving outside them are rejected. */
  readonly session?: TradingSession;
  readonly rejectWhenClosed?: boolean;
}

export interface VenueRejection {
  readonly code: 'PRICE_OFF_GRID' | 'PRICE_OUTSIDE_BAND' | 'MARKET_CLOSED';
  readonly reason: string;
}

export function checkPriceBand(band: PriceBand): void {
  if (band.percent === undefined && band.ticks === undefined)
    throw new RangeError('priceBand needs percent or ticks');
  if (band.percent !== undefined && !(band.percent > 0))
    throw new RangeError(`priceBand.percent must be > 0, got ${band.percent}`);
  if (band.ticks !== undefined && !(Number.isInteger(band.ticks) && band.ticks > 0))
    throw new RangeError(`priceBand.ticks must be a whole number > 0, got ${band.ticks}`);
}

/**
 * Why the venue rejects an order on arrival, or undefined when it accepts it: a price or trigger
 * off the instrument's tick grid, a price outside the band around `lastPrice`, or (when the rules
 * say so) a market that is closed — except for orders waiting for the opening auction.
 */
export function venueRejection(
  order: Order,
  instrument: Instrument,
  rules: VenueRules,
  lastPrice: number | undefined,
  now: UnixMicros,
): VenueRejection | undefined {
  const rejection =
    priceRejection('price', order.price, instrument, rules.priceBand, lastPrice) ??
    priceRejection('trigger price', order.triggerPrice, instrument, rules.priceBand, lastPrice);
  if (rejection !== undefined) return rejection;
  const session = rules.session;
  if (rules.rejectWhenClosed && session !== undefined && order.auction !== 'open' && !session.isOpen(now))
    return {
      code: 'MARKET_CLOSED',
      reason: `${session.name} is closed at ${new Date(now / 1000).toISOString()}`,
    };
  return undefined;
}

/** Grid and band checks of one price of an order (none when the order has no such price). */
function priceRejection(
  field: string,
  value: number | undefined,
  instrument: Instrument,
  band: PriceBand | undefined,
  lastPrice: number | undefined,
): VenueRejection | undefined {
  if (value === undefined) return undefined;
  const grid = instrument.priceGrid;
  if (!grid.contains(value))
    return {
      code: 'PRICE_OFF_GRID',
      reason: `${field} ${value} is not a multiple of the tick size ${grid.increment}`,
    };
  if (band === undefined || lastPrice === undefined) return undefined;
  const width = Math.max(
    band.percent !== undefined ? (lastPrice * band.percent) / 100 : 0,
    band.ticks !== undefined ? band.ticks * grid.increment : 0,
  );
  if (Math.abs(value - lastPrice) <= width + grid.increment * 1e-9) return undefined;
  return {
    code: 'PRICE_OUTSIDE_BAND',
    reason: `${field} ${value} is more than ${grid.round(width)} from the last price ${lastPrice}`,
  };
}
