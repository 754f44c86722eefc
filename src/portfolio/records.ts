import type { OrderSide } from '../model/enums.js';
import type { ClientOrderId, InstrumentId } from '../model/identifiers.js';
import type { UnixMicros } from '../model/time.js';

/** One execution, as booked. */
export interface FillRecord {
  readonly time: UnixMicros;
  readonly clientOrderId: ClientOrderId;
  readonly instrumentId: InstrumentId;
  readonly side: OrderSide;
  readonly price: number;
  readonly quantity: number;
  readonly commission: number;
  /** Whether the fill took liquidity (taker) or was a resting order hit (maker). */
  readonly liquidity: 'maker' | 'taker';
}

/** A round trip: from flat to flat (a reversal closes one trade and opens the next). */
export interface ClosedTrade {
  readonly instrumentId: InstrumentId;
  readonly direction: 'long' | 'short';
  /** Largest absolute position held during the trade. */
  readonly quantity: number;
  readonly entryTime: UnixMicros;
  readonly exitTime: UnixMicros;
  /** Volume-weighted average entry and exit prices. */
  readonly entryPrice: number;
  readonly exitPrice: number;
  /** Price P&L times multiplier, before commissions. */
  readonly grossPnl: number;
  readonly commissions: number;
  /** grossPnl - commissions, rounded to the account currency. */
  readonly netPnl: number;
  /** Bars (of the driving series) the trade was open. */
  readonly barsHeld: number;
}
