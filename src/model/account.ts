import { type Currency, roundMoney } from './currency.js';
import type { OrderSide } from './enums.js';
import { sideSign } from './enums.js';
import type { FxRates } from './fx.js';
import type { InstrumentId } from './identifiers.js';
import { type Instrument, isFuturesLike } from './instruments.js';

export type AccountType = 'cash' | 'margin';

/** Cash of one currency other than the account's base currency, and the holdings booked in it. */
interface CashBook {
  readonly currency: Currency;
  cash: number;
  readonly holdings: Holding[];
}

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
  /** The foreign-currency book the holding's money moves in; undefined: the base currency. */
  readonly book: CashBook | undefined;
}

/** Gross and net exposure being summed (reused, so sampling allocates nothing). */
export interface ExposureSample {
  gross: number;
  net: number;
}

/** One currency's cash in an account. */
export interface CurrencyBalance {
  readonly currency: string;
  readonly amount: number;
}

/**
 * Money of one account, in its base currency and (with FX rates) in others. Two ways of booking a fill:
 * - stock-like (equities, crypto): the full notional moves between cash and the holding;
 * - futures-like: no notional changes hands; initial margin is blocked per contract and price
 *   variation is paid in cash when settled (daily, at any fill, and at the end of a run).
 * Every booking is rounded to the currency's precision, so balances are exact in cents.
 *
 * Multi-currency: an instrument quoted in another currency books its notional, variation and
 * commissions in a cash balance of that currency (which may go negative: a currency loan, as at IB
 * without automatic conversion). Equity, margin, free cash and exposure are reported in the base
 * currency, converted at the rates of `fxRates` at the time they are read. Without `fxRates` an
 * instrument in another currency is refused. With everything in the base currency, no conversion
 * or map look-up happens per data point.
 */
export class Account {
  /** Cash in the base currency, including realised and settled P&L, less commissions. */
  balance: number;
  /** Commissions in the base currency (foreign ones converted at the rate when charged). */
  totalCommissions = 0;
  /** Rates to convert other currencies into `currency`; needed before trading a foreign instrument. */
  fxRates: FxRates | undefined;
  private readonly holdings = new Map<InstrumentId, Holding>();
  /** Base-currency holdings as an array: equity is read on every data point, without an iterator. */
  private readonly holdingList: Holding[] = [];
  private readonly booksByCode = new Map<string, CashBook>();
  /** Foreign-currency books; empty for a single-currency account (the fast path). */
  private readonly books: CashBook[] = [];

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
      this.book(holding, -signed * price * holding.multiplier);
    }
    holding.quantity += signed;
    if (Math.abs(holding.quantity) < 1e-9 * quantity) holding.quantity = 0;
    holding.settlementPrice = price;
    holding.lastPrice = price;
    if (holding.book === undefined) this.chargeCommission(commission);
    else this.chargeCommissionIn(holding.book, commission);
  }

  /** Charges a commission in the base currency. */
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

  /** Margin blocked by open futures positions (base currency). */
  get marginUsed(): number {
    let used = 0;
    for (let i = 0; i < this.holdingList.length; i++) {
      const h = this.holdingList[i];
      used += Math.abs(h.quantity) * h.initialMargin;
    }
    for (let b = 0; b < this.books.length; b++) {
      const book = this.books[b];
      let local = 0;
      for (const h of book.holdings) local += Math.abs(h.quantity) * h.initialMargin;
      if (local !== 0) used += local * this.rateOf(book);
    }
    return roundMoney(used, this.currency);
  }

  /** Equity the open futures positions require to be kept (below it: a margin call), base currency. */
  get maintenanceMarginRequired(): number {
    let required = 0;
    for (let i = 0; i < this.holdingList.length; i++) {
      const h = this.holdingList[i];
      required += Math.abs(h.quantity) * h.maintenanceMargin;
    }
    for (let b = 0; b < this.books.length; b++) {
      const book = this.books[b];
      let local = 0;
      for (const h of book.holdings) local += Math.abs(h.quantity) * h.maintenanceMargin;
      if (local !== 0) required += local * this.rateOf(book);
    }
    return roundMoney(required, this.currency);
  }

  /** Cash of every currency converted to the base currency (just `balance` when single-currency). */
  get cashInBase(): number {
    let cash = this.balance;
    for (let b = 0; b < this.books.length; b++) {
      const book = this.books[b];
      if (book.cash !== 0) cash += book.cash * this.rateOf(book);
    }
    return cash;
  }

  /** Cash not blocked as margin: what can pay for new positions (base currency). */
  get freeCash(): number {
    return roundMoney(this.cashInBase - this.marginUsed, this.currency);
  }

  /** Net liquidation value in the base currency: cash + stock holdings at market + unsettled futures variation. */
  get equity(): number {
    let value = cashPlusHoldings(this.holdingList, this.balance);
    for (let b = 0; b < this.books.length; b++) {
      const book = this.books[b];
      const local = cashPlusHoldings(book.holdings, book.cash);
      if (local !== 0) value += local * this.rateOf(book);
    }
    return value;
  }

  /** Σ |quantity × last price × multiplier| of the holdings, in the base currency. */
  get grossExposure(): number {
    let gross = notionalOf(this.holdingList, true);
    for (let b = 0; b < this.books.length; b++) {
      const local = notionalOf(this.books[b].holdings, true);
      if (local !== 0) gross += local * this.rateOf(this.books[b]);
    }
    return gross;
  }

  /** Σ quantity × last price × multiplier (longs less shorts), in the base currency. */
  get netExposure(): number {
    let net = notionalOf(this.holdingList, false);
    for (let b = 0; b < this.books.length; b++) {
      const local = notionalOf(this.books[b].holdings, false);
      if (local !== 0) net += local * this.rateOf(this.books[b]);
    }
    return net;
  }

  /** Adds this account's gross and net exposure (base currency) to `out`, in one pass. */
  addExposure(out: ExposureSample): void {
    const list = this.holdingList;
    for (let i = 0; i < list.length; i++) {
      const h = list[i];
      if (h.quantity === 0) continue;
      const notional = h.quantity * h.lastPrice * h.multiplier;
      out.gross += notional < 0 ? -notional : notional;
      out.net += notional;
    }
    if (this.books.length > 0) {
      out.gross += this.grossExposure - notionalOf(this.holdingList, true);
      out.net += this.netExposure - notionalOf(this.holdingList, false);
    }
  }

  /** Cash per currency: the base currency first, then others in the order they were first booked. */
  balances(): CurrencyBalance[] {
    return [
      { currency: this.currency.code, amount: this.balance },
      ...this.books.map((b) => ({ currency: b.currency.code, amount: b.cash })),
    ];
  }

  /** Cash held in one currency (0 when none was ever booked). */
  balanceOf(currencyCode: string): number {
    if (currencyCode === this.currency.code) return this.balance;
    return this.booksByCode.get(currencyCode)?.cash ?? 0;
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
    // Amounts in the instrument's currency are converted to the base currency to compare.
    const rate = instrument.currency.code === this.currency.code ? 1 : this.rateFor(instrument.currency);
    const cash = this.books.length === 0 ? this.balance : this.cashInBase;
    if (isFuturesLike(instrument)) {
      // Unsettled losses are spent already: count them against the cash that backs new margin.
      // On a reversal the closed side's margin is released for the new side.
      const freed = reverses ? Math.abs(current) * instrument.initialMargin * rate : 0;
      const backing = Math.min(cash, this.equity) - this.marginUsed + freed;
      return (added * instrument.initialMargin + commission) * rate <= backing + 1e-9;
    }
    // Stock-like: a long needs its notional in cash; a short is collateralised by cash too.
    const cost = (added * price * instrument.multiplier + commission) * rate;
    const reduced = Math.abs(current) - Math.max(0, Math.abs(current) - quantity);
    const proceeds = after * current < 0 ? reduced * price * instrument.multiplier * rate : 0;
    return cost <= cash + proceeds + 1e-9;
  }

  /** Quantity of an instrument held, signed. */
  quantity(instrumentId: InstrumentId): number {
    return this.holdings.get(instrumentId)?.quantity ?? 0;
  }

  private holding(instrument: Instrument): Holding {
    let holding = this.holdings.get(instrument.id);
    if (!holding) {
      const book =
        instrument.currency.code === this.currency.code ? undefined : this.cashBook(instrument.currency);
      holding = {
        quantity: 0,
        settlementPrice: 0,
        lastPrice: 0,
        multiplier: instrument.multiplier,
        futuresLike: isFuturesLike(instrument),
        initialMargin: isFuturesLike(instrument) ? instrument.initialMargin : 0,
        maintenanceMargin: isFuturesLike(instrument) ? instrument.maintenanceMargin : 0,
        book,
      };
      this.holdings.set(instrument.id, holding);
      if (book === undefined) this.holdingList.push(holding);
      else book.holdings.push(holding);
    }
    return holding;
  }

  private cashBook(ccy: Currency): CashBook {
    let book = this.booksByCode.get(ccy.code);
    if (!book) {
      book = { currency: ccy, cash: 0, holdings: [] };
      this.booksByCode.set(ccy.code, book);
      this.books.push(book);
    }
    return book;
  }

  /** Adds `amount` to the cash of the holding's currency, rounded to that currency. */
  private book(holding: Holding, amount: number): void {
    const book = holding.book;
    if (book === undefined) this.balance = roundMoney(this.balance + amount, this.currency);
    else book.cash = roundMoney(book.cash + amount, book.currency);
  }

  private chargeCommissionIn(book: CashBook, commission: number): void {
    if (commission === 0) return;
    book.cash = roundMoney(book.cash - commission, book.currency);
    this.totalCommissions = roundMoney(this.totalCommissions + commission * this.rateOf(book), this.currency);
  }

  private settleHolding(holding: Holding, price: number): void {
    if (holding.quantity !== 0) {
      this.book(holding, holding.quantity * (price - holding.settlementPrice) * holding.multiplier);
    }
    holding.settlementPrice = price;
  }

  private rateOf(book: CashBook): number {
    return this.rateFor(book.currency);
  }

  private rateFor(ccy: Currency): number {
    if (this.fxRates === undefined) throw this.noRates(ccy.code);
    return this.fxRates.rate(ccy.code, this.currency.code);
  }

  private noRates(code: string): RangeError {
    return new RangeError(
      `account ${this.id} is in ${this.currency.code}, holds ${code}: multi-currency accounts are not supported without FX rates (set account.fxRates)`,
    );
  }

  private checkCurrency(instrument: Instrument): void {
    if (instrument.currency.code !== this.currency.code && this.fxRates === undefined) {
      throw new RangeError(
        `account ${this.id} is in ${this.currency.code}, ${instrument.id} trades in ${instrument.currency.code}: multi-currency accounts are not supported without FX rates (set account.fxRates)`,
      );
    }
  }
}

/** Cash plus the market value of holdings: stock notional, futures' unsettled variation. */
function cashPlusHoldings(holdings: readonly Holding[], cash: number): number {
  let value = cash;
  for (let i = 0; i < holdings.length; i++) {
    const h = holdings[i];
    if (h.quantity === 0) continue;
    value += h.futuresLike
      ? h.quantity * (h.lastPrice - h.settlementPrice) * h.multiplier
      : h.quantity * h.lastPrice * h.multiplier;
  }
  return value;
}

/** Σ signed (or absolute) notional of holdings. */
function notionalOf(holdings: readonly Holding[], absolute: boolean): number {
  let total = 0;
  for (let i = 0; i < holdings.length; i++) {
    const h = holdings[i];
    if (h.quantity === 0) continue;
    const notional = h.quantity * h.lastPrice * h.multiplier;
    total += absolute ? Math.abs(notional) : notional;
  }
  return total;
}
