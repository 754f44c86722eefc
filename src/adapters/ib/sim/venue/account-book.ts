/**
 * The simulated broker account: cash, positions and margins in USD, booked from the venue's fills
 * and marked to the last replayed price. Futures settle variation (realized P&L) into cash; stocks
 * move their full notional. Margins: futures from the contract spec (initial/maintenance per
 * contract), stocks Reg T (50 % initial, 25 % maintenance).
 */
import { roundMoney } from '../../../../model/currency.js';
import type { Instrument } from '../../../../model/instruments.js';
import type { SimContract } from '../contracts.js';

export interface SimPosition {
  readonly contract: SimContract;
  readonly instrument: Instrument;
  /** Signed quantity. */
  quantity: number;
  /** Average entry price (per unit, not multiplied). */
  averagePrice: number;
  realizedPnl: number;
}

/** The account values the simulator reports (USD). */
export interface SimAccountValues {
  readonly netLiquidation: number;
  readonly totalCashValue: number;
  readonly unrealizedPnl: number;
  readonly realizedPnl: number;
  readonly grossPositionValue: number;
  readonly initMarginReq: number;
  readonly maintMarginReq: number;
  readonly availableFunds: number;
  readonly excessLiquidity: number;
  readonly buyingPower: number;
}

const STOCK_INITIAL = 0.5;
const STOCK_MAINTENANCE = 0.25;
/** BuyingPower = AvailableFunds × 4 (IB's Reg T margin account figure). */
const BUYING_POWER_FACTOR = 4;

export class SimAccountBook {
  private cash: number;
  private readonly positionsByConId = new Map<number, SimPosition>();
  private readonly marks = new Map<string, number>();

  constructor(
    readonly account: string,
    startingCash: number,
    readonly currency = 'USD',
  ) {
    if (!(startingCash >= 0)) throw new RangeError(`startingCash must be >= 0, got ${startingCash}`);
    this.cash = startingCash;
  }

  positions(): SimPosition[] {
    return [...this.positionsByConId.values()];
  }

  position(conId: number): SimPosition | undefined {
    return this.positionsByConId.get(conId);
  }

  /** Last price of an instrument (for marking positions). */
  mark(instrumentId: string, price: number): void {
    this.marks.set(instrumentId, price);
  }

  markPrice(p: SimPosition): number {
    return this.marks.get(p.instrument.id) ?? p.averagePrice;
  }

  /**
   * Books one fill; returns the realized P&L of the closed part net of the commission, or
   * undefined when the fill only opens or adds (IB leaves realizedPNL unset then).
   */
  fill(
    contract: SimContract,
    instrument: Instrument,
    signedQuantity: number,
    price: number,
    commission: number,
  ): number | undefined {
    let p = this.positionsByConId.get(contract.conId);
    if (p === undefined) {
      p = { contract, instrument, quantity: 0, averagePrice: 0, realizedPnl: 0 };
      this.positionsByConId.set(contract.conId, p);
    }
    const multiplier = instrument.multiplier;
    let realized: number | undefined;
    const closing = p.quantity !== 0 && Math.sign(p.quantity) !== Math.sign(signedQuantity);
    if (closing) {
      const closed = Math.min(Math.abs(p.quantity), Math.abs(signedQuantity));
      const gross = (price - p.averagePrice) * closed * Math.sign(p.quantity) * multiplier;
      realized = roundMoney(gross - commission, instrument.currency);
      p.realizedPnl = roundMoney(p.realizedPnl + gross - commission, instrument.currency);
      if (instrument.kind === 'future') this.cash += gross;
    } else {
      p.realizedPnl = roundMoney(p.realizedPnl - commission, instrument.currency);
    }
    const next = p.quantity + signedQuantity;
    if (next === 0) p.averagePrice = 0;
    else if (p.quantity === 0 || Math.sign(next) !== Math.sign(p.quantity))
      p.averagePrice = price; // opened, or reversed through zero
    else if (!closing) p.averagePrice = (p.averagePrice * p.quantity + price * signedQuantity) / next;
    p.quantity = next;
    if (instrument.kind !== 'future') this.cash -= signedQuantity * price * multiplier;
    this.cash = roundMoney(this.cash - commission, instrument.currency);
    return realized;
  }

  unrealizedPnl(p: SimPosition): number {
    return (this.markPrice(p) - p.averagePrice) * p.quantity * p.instrument.multiplier;
  }

  marketValue(p: SimPosition): number {
    return this.markPrice(p) * p.quantity * p.instrument.multiplier;
  }

  /** Initial and maintenance margin of `quantity` units of an instrument at `price`. */
  margin(instrument: Instrument, quantity: number, price: number): { initial: number; maintenance: number } {
    const units = Math.abs(quantity);
    if (instrument.kind === 'future')
      return { initial: units * instrument.initialMargin, maintenance: units * instrument.maintenanceMargin };
    const notional = units * price * instrument.multiplier;
    return { initial: notional * STOCK_INITIAL, maintenance: notional * STOCK_MAINTENANCE };
  }

  values(): SimAccountValues {
    let unrealized = 0;
    let realized = 0;
    let stockValue = 0;
    let gross = 0;
    let init = 0;
    let maint = 0;
    for (const p of this.positionsByConId.values()) {
      realized += p.realizedPnl;
      const value = this.marketValue(p);
      gross += Math.abs(value);
      if (p.instrument.kind === 'future') unrealized += this.unrealizedPnl(p);
      else {
        stockValue += value;
        unrealized += this.unrealizedPnl(p);
      }
      const m = this.margin(p.instrument, p.quantity, this.markPrice(p));
      init += m.initial;
      maint += m.maintenance;
    }
    const futuresVariation = unrealized - this.stockUnrealized();
    const netLiquidation = this.cash + stockValue + futuresVariation;
    const available = netLiquidation - init;
    const r = (v: number): number => Math.round(v * 100) / 100;
    return {
      netLiquidation: r(netLiquidation),
      totalCashValue: r(this.cash),
      unrealizedPnl: r(unrealized),
      realizedPnl: r(realized),
      grossPositionValue: r(gross),
      initMarginReq: r(init),
      maintMarginReq: r(maint),
      availableFunds: r(available),
      excessLiquidity: r(netLiquidation - maint),
      buyingPower: r(Math.max(0, available) * BUYING_POWER_FACTOR),
    };
  }

  private stockUnrealized(): number {
    let sum = 0;
    for (const p of this.positionsByConId.values())
      if (p.instrument.kind !== 'future') sum += this.unrealizedPnl(p);
    return sum;
  }
}
