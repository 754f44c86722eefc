import { type Currency, roundMoney } from './currency.js';
import type { OrderSide } from './enums.js';
import { sideSign } from './enums.js';
import type { InstrumentId } from './identifiers.js';
import { type Instrument, isFuturesLike } from './instruments.js';

export type AccountType = 'cash' | 'margin';

/** A holding as the account sees it: quantity and (for futures) the price it was last settled at. */
interface Holding {
  quantity: number;
  /** Futures: price variation has been paid up to. Stocks: unused. */
  settlementPrice: number;
  lastPrice: number;
  readonly multiplier: number;
  readonly futuresLike: boolean;
  readonly initialMargin: number;
  readonly maintenanceMargin: number;
}

/**
 * Money of one account in one currency. Two ways of booking a fill:
 * - stock-like (equities, crypto): the full notional moves between cash and the holding;
 * - futures-like: no notional changes hands; initial margin is blocked per contract and price
 *   variation is paid in cash when settled (daily, at any fill, and at the end of a run).
 * Every booking is rounded to the currency's precision, so balances are exact in cents.
 */
export class Account {
  /** Cash, including realised and settled P&L, less commissions. */
  balance: number;
  totalCommissions = 0;
  private readonly holdings = new Map<InstrumentId, Holding>();
  /** The same holdings as an array: equity is read on every data point, without an iterator. */
  private readonly holdingList: Holding[] = [];

  constructor(
    readonly id: string,
    readonly type: AccountType,
    readonly currency: Currency,
    readonly startingBalance: number,
  ) {
    if (!(startingBalance >= 0))
      throw new RangeError(`account ${id}: starting balance must be >= 0, got ${startingBalance}`);
    this.balance = roundMoney(startingBalance, currency);
  }

  /** Books a fill: cash moves (stock-like) or variation is settled to the fill price (futures-like). */
  applyFill(
    instrument: Instrument,
    side: OrderSide,
    quantity: number,
    price: number,
    commission: number,
  ): void {
    this.checkCurrency(instrument);
    const holding = this.holding(instrument);
    const signed = sideSign(side) * quantity;
    if (isFuturesLike(instrument)) {
      this.settleHolding(holding, price);
    } else {
      this.balance = roundMoney(this.balance - signed * price * holding.multiplier, this.currency);
    }
    holding.quantity += signed;
    if (Math.abs(holding.quantity) < 1e-9 * quantity) holding.quantity = 0;
    holding.settlementPrice = price;
    holding.lastPrice = price;
    this.chargeCommission(commission);
  }

  chargeCommission(commission: number): void {
    this.balance = roundMoney(this.balance - commission, this.currency);
    this.totalCommissions = roundMoney(this.totalCommissions + commission, this.currency);
  }

  /** Records the latest price of an instrument (for equity and unrealised P&L). */
  mark(instrumentId: InstrumentId, price: number): void {
    const holding = this.holdings.get(instrumentId);
    if (holding) holding.lastPrice = price;
  }

  /** Pays futures variation from the last settlement to `price` (default: the last marked price). */
  settle(instrumentId: InstrumentId, price?: number): void {
    const holding = this.holdings.get(instrumentId);
    if (holding?.futuresLike) {
      if (price !== undefined) holding.lastPrice = price;
      this.settleHolding(holding, holding.lastPrice);
    }
  }

  /** Settles every futures holding at its last price. */
  settleAll(): void {
    for (const holding of this.holdings.values())
      if (holding.futuresLike) this.settleHolding(holding, holding.lastPrice);
  }

  /** Margin blocked by open futures positions. */
  get marginUsed(): number {
    let used = 0;
    for (const h of this.holdings.values()) used += Math.abs(h.quantity) * h.initialMargin;
    return roundMoney(used, this.currency);
  }

  /** Equity the open futures positions require to be kept (below it: a margin call). */
  get maintenanceMarginRequired(): number {
    let required = 0;
    for (let i = 0; i < this.holdingList.length; i++) {
      const h = this.holdingList[i];
      required += Math.abs(h.quantity) * h.maintenanceMargin;
    }
    return roundMoney(required, this.currency);
  }

  /** Cash not blocked as margin: what can pay for new positions. */
  get freeCash(): number {
    return roundMoney(this.balance - this.marginUsed, this.currency);
  }

  /** Net liquidation value: cash + stock holdings at market + unsettled futures variation. */
  get equity(): number {
    let value = this.balance;
    for (let i = 0; i < this.holdingList.length; i++) {
      const h = this.holdingList[i];
      if (h.quantity === 0) continue;
      value += h.futuresLike
        ? h.quantity * (h.lastPrice - h.settlementPrice) * h.multiplier
        : h.quantity * h.lastPrice * h.multiplier;
    }
    return value;
  }

  /** Whether the account can take an order that adds `quantity` in `side` at about `price`. */
  canAfford(
    instrument: Instrument,
    side: OrderSide,
    quantity: number,
    price: number,
    commission: number,
  ): boolean {
    const holding = this.holdings.get(instrument.id);
    const current = holding?.quantity ?? 0;
    const after = current + sideSign(side) * quantity;
    // New exposure: what the position grows by, or on a reversal the whole new side.
    const reverses = current !== 0 && Math.sign(after) === -Math.sign(current);
    const added = reverses ? Math.abs(after) : Math.max(0, Math.abs(after) - Math.abs(current));
    if (this.type === 'cash' && !isFuturesLike(instrument) && after < 0) return false; // no short selling
    // An order that only reduces a position frees margin or cash: always affordable (a margin call
    // must be able to liquidate an account whose free cash is negative).
    if (added === 0) return true;
    if (isFuturesLike(instrument)) {
      // Unsettled losses are spent already: count them against the cash that backs new margin.
      // On a reversal the closed side's margin is released for the new side.
      const freed = reverses ? Math.abs(current) * instrument.initialMargin : 0;
      const backing = Math.min(this.balance, this.equity) - this.marginUsed + freed;
      return added * instrument.initialMargin + commission <= backing + 1e-9;
    }
    // Stock-like: a long needs its notional in cash; a short is collateralised by cash too.
    const cost = added * price * instrument.multiplier + commission;
    const reduced = Math.abs(current) - Math.max(0, Math.abs(current) - quantity);
    const proceeds = after * current < 0 ? reduced * price * instrument.multiplier : 0;
    return cost <= this.balance + proceeds + 1e-9;
  }

  /** Quantity of an instrument held, signed. */
  quantity(instrumentId: InstrumentId): number {
    return this.holdings.get(instrumentId)?.quantity ?? 0;
  }

  private holding(instrument: Instrument): Holding {
    let holding = this.holdings.get(instrument.id);
    if (!holding) {
      holding = {
        quantity: 0,
        settlementPrice: 0,
        lastPrice: 0,
        multiplier: instrument.multiplier,
        futuresLike: isFuturesLike(instrument),
        initialMargin: isFuturesLike(instrument) ? instrument.initialMargin : 0,
        maintenanceMargin: isFuturesLike(instrument) ? instrument.maintenanceMargin : 0,
      };
      this.holdings.set(instrument.id, holding);
      this.holdingList.push(holding);
    }
    return holding;
  }

  private settleHolding(holding: Holding, price: number): void {
    if (holding.quantity !== 0) {
      const variation = holding.quantity * (price - holding.settlementPrice) * holding.multiplier;
      this.balance = roundMoney(this.balance + variation, this.currency);
    }
    holding.settlementPrice = price;
  }

  private checkCurrency(instrument: Instrument): void {
    if (instrument.currency.code !== this.currency.code) {
      throw new RangeError(
        `account ${this.id} is in ${this.currency.code}, ${instrument.id} trades in ${instrument.currency.code}: multi-currency accounts are not supported yet`,
      );
    }
  }
}
