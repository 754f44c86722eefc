import { roundTo } from './grid.js';

export interface Currency {
  readonly code: string;
  /** Minor-unit decimals money in this currency is booked at. */
  readonly precision: number;
}

const KNOWN: Record<string, Currency> = {
  USD: { code: 'USD', precision: 2 },
  EUR: { code: 'EUR', precision: 2 },
  GBP: { code: 'GBP', precision: 2 },
  CHF: { code: 'CHF', precision: 2 },
  JPY: { code: 'JPY', precision: 0 },
  USDT: { code: 'USDT', precision: 8 },
  USDC: { code: 'USDC', precision: 8 },
  BTC: { code: 'BTC', precision: 8 },
  ETH: { code: 'ETH', precision: 8 },
};

export function currency(code: string): Currency {
  const known = KNOWN[code.toUpperCase()];
  if (!known) throw new RangeError(`unknown currency '${code}' (known: ${Object.keys(KNOWN).join(', ')})`);
  return known;
}

export const USD = KNOWN.USD;

/** Rounds an amount to the currency's minor unit: what gets booked. */
export function roundMoney(amount: number, ccy: Currency): number {
  return roundTo(amount, ccy.precision);
}
