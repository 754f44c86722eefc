import { type Currency, roundMoney } from '../model/currency.js';
import { type OrderSide, sideSign } from '../model/enums.js';
import type { InstrumentId } from '../model/identifiers.js';
import type { UnixMicros } from '../model/time.js';
import type { ClosedTrade } from './records.js';

interface OpenTrade {
  direction: 1 | -1;
  quantity: number;
  maxQuantity: number;
  entryTime: UnixMicros;
  entryQuantity: number;
  entryNotional: number;
  exitQuantity: number;
  exitNotional: number;
  commissions: number;
  entryBarIndex: number;
  /** The instrument's currency: the trade's money is rounded to it. */
  currency: Currency;
}

/**
 * Builds round-trip trades from fills, per instrument: a trade opens when the position leaves zero
 * and closes when it returns to zero. A fill that reverses the position is split: the part that
 * flattens closes the trade (with its share of the commission), the rest opens the next one.
 */
export class RoundTripTracker {
  readonly closed: ClosedTrade[] = [];
  private readonly open = new Map<InstrumentId, OpenTrade>();

  constructor(private readonly currency: Currency) {}

  onFill(
    instrumentId: InstrumentId,
    multiplier: number,
    side: OrderSide,
    quantity: number,
    price: number,
    commission: number,
    time: UnixMicros,
    barIndex: number,
    currency: Currency = this.currency,
  ): void {
    const sign = sideSign(side);
    let remaining = quantity;
    let trade = this.open.get(instrumentId);
    if (trade && trade.direction !== sign) {
      const closing = Math.min(trade.quantity, remaining);
      // The closing part's share of the fee in whole cents; the opening part gets the rest.
      const closingFee = roundMoney((commission * closing) / quantity, currency);
      trade.exitQuantity += closing;
      trade.exitNotional += closing * price;
      trade.commissions += closingFee;
      trade.quantity -= closing;
      remaining -= closing;
      if (trade.quantity <= 1e-9 * quantity) {
        this.closeTrade(instrumentId, trade, time, barIndex, multiplier);
        trade = undefined;
      }
      commission = roundMoney(commission - closingFee, currency);
    }
    if (remaining <= 1e-9 * quantity) return;
    if (!trade) {
      trade = {
        direction: sign,
        quantity: 0,
        maxQuantity: 0,
        entryTime: time,
        entryQuantity: 0,
        entryNotional: 0,
        exitQuantity: 0,
        exitNotional: 0,
        commissions: 0,
        entryBarIndex: barIndex,
        currency,
      };
      this.open.set(instrumentId, trade);
    }
    trade.quantity += remaining;
    trade.maxQuantity = Math.max(trade.maxQuantity, trade.quantity);
    trade.entryQuantity += remaining;
    trade.entryNotional += remaining * price;
    trade.commissions += commission;
  }

  /** Trades still open (not in `closed`). */
  openTradeCount(): number {
    return this.open.size;
  }

  private closeTrade(
    instrumentId: InstrumentId,
    trade: OpenTrade,
    time: UnixMicros,
    barIndex: number,
    multiplier: number,
  ): void {
    this.open.delete(instrumentId);
    // Flat to flat: everything entered was exited, so the gross P&L is exactly the cash flows.
    const grossPnl = roundMoney(
      trade.direction * (trade.exitNotional - trade.entryNotional) * multiplier,
      trade.currency,
    );
    const commissions = roundMoney(trade.commissions, trade.currency);
    this.closed.push({
      instrumentId,
      direction: trade.direction === 1 ? 'long' : 'short',
      quantity: trade.maxQuantity,
      entryTime: trade.entryTime,
      exitTime: time,
      entryPrice: trade.entryNotional / trade.entryQuantity,
      exitPrice: trade.exitNotional / trade.exitQuantity,
      grossPnl,
      commissions,
      netPnl: roundMoney(grossPnl - commissions, trade.currency),
      barsHeld: barIndex - trade.entryBarIndex,
    });
  }
}
