/**
 * One expiry's market smile: Black-76 implied vols (on the forward, discounted at the expiry's
 * rate) of the bid, ask and mid of each quote, with the quotes that cannot be used counted by reason.
 */
import { impliedVolatility } from '../options/implied-volatility.js';
import type { OptionType } from '../options/types.js';
import { requirePositive } from '../statistics/validate.js';
import { forwardFromParity, type ParityForward } from './forward-parity.js';

/** A raw quote of one expiry. Prices in the underlying's price units. */
export interface OptionQuote {
  readonly type: OptionType;
  readonly strike: number;
  readonly bid: number;
  readonly ask: number;
}

/** A usable point of the smile (vols decimal, annualised; `logMoneyness = ln(K / F)`). */
export interface SmilePoint {
  readonly type: OptionType;
  readonly strike: number;
  readonly logMoneyness: number;
  readonly midVolatility: number;
  /** Null when the bid is below the option's intrinsic value discounted (no vol exists). */
  readonly bidVolatility: number | null;
  readonly askVolatility: number | null;
}

/** Why a quote was left out of the smile. */
export type DropReason = 'no bid or ask' | 'crossed' | 'in the money' | 'no implied vol';

/** The smile of one expiry: its inputs, the usable points and the dropped quotes by reason. */
export interface MarketSmile {
  /** Caller's name of the expiry (e.g. `2020-03-20`). */
  readonly label?: string;
  /** Set when the forward and rate came from put–call parity. */
  readonly parity?: ParityForward;
  /** Quotes offered for this expiry before filtering. */
  readonly quoteCount?: number;
  readonly time: number;
  readonly forward: number;
  /** Continuously compounded discount rate per year used to discount option prices. */
  readonly rate: number;
  readonly points: readonly SmilePoint[];
  readonly dropped: Readonly<Record<DropReason, number>>;
}

/** Which quotes to use: out-of-the-money ones only (calls K >= F, puts K < F), or all. */
export type MoneynessFilter = 'otm' | 'all';

/**
 * Implied vols of `quotes` with Black-76 (forward `forward`, expiry `time` years, rate `rate`).
 * Keeps quotes with bid > 0, ask >= bid, out of the money (unless `filter` is 'all') and an
 * implied vol at the mid; points are sorted by strike, calls before puts at equal strike.
 */
export function marketSmile(
  quotes: readonly OptionQuote[],
  forward: number,
  time: number,
  rate: number,
  filter: MoneynessFilter = 'otm',
): MarketSmile {
  requirePositive('forward', forward);
  requirePositive('time', time);
  if (!Number.isFinite(rate)) throw new RangeError(`rate must be a finite number, got ${String(rate)}`);
  const dropped: Record<DropReason, number> = {
    'no bid or ask': 0,
    crossed: 0,
    'in the money': 0,
    'no implied vol': 0,
  };
  const points: SmilePoint[] = [];
  const vol = (type: OptionType, price: number, strike: number): number | null => {
    try {
      return impliedVolatility(type, price, forward, strike, time, rate, 0);
    } catch (error) {
      if (error instanceof RangeError) return null;
      throw error;
    }
  };
  for (const q of quotes) {
    if (!(q.bid > 0 && q.ask > 0)) {
      dropped['no bid or ask']++;
      continue;
    }
    if (q.ask < q.bid) {
      dropped.crossed++;
      continue;
    }
    const outOfTheMoney = q.type === 'call' ? q.strike >= forward : q.strike < forward;
    if (filter === 'otm' && !outOfTheMoney) {
      dropped['in the money']++;
      continue;
    }
    const midVolatility = vol(q.type, (q.bid + q.ask) / 2, q.strike);
    if (midVolatility === null) {
      dropped['no implied vol']++;
      continue;
    }
    points.push({
      type: q.type,
      strike: q.strike,
      logMoneyness: Math.log(q.strike / forward),
      midVolatility,
      bidVolatility: vol(q.type, q.bid, q.strike),
      askVolatility: vol(q.type, q.ask, q.strike),
    });
  }
  points.sort((x, y) => x.strike - y.strike || (x.type === y.type ? 0 : x.type === 'call' ? -1 : 1));
  return { time, forward, rate, points, dropped };
}

/** All quotes of one expiry; `forward`/`rate` when known (futures options), else from parity. */
export interface ExpiryQuotes {
  readonly label: string;
  /** Years to expiry. */
  readonly time: number;
  readonly quotes: readonly OptionQuote[];
  readonly forward?: number;
  /** Discount rate (continuously compounded, per year) used with a given forward; default 0. */
  readonly rate?: number;
}

/**
 * The smile of one expiry: with a given forward (and rate), or with forward and discount factor
 * from put–call parity on the near-the-money strikes quoted on both sides (forward-parity.ts).
 */
export function expirySmile(expiry: ExpiryQuotes, filter: MoneynessFilter = 'otm'): MarketSmile {
  const base = { label: expiry.label, quoteCount: expiry.quotes.length };
  if (expiry.forward !== undefined) {
    return { ...marketSmile(expiry.quotes, expiry.forward, expiry.time, expiry.rate ?? 0, filter), ...base };
  }
  const mids = new Map<number, { call?: number; put?: number }>();
  for (const q of expiry.quotes) {
    if (!(q.bid > 0 && q.ask >= q.bid)) continue;
    const entry = mids.get(q.strike) ?? {};
    entry[q.type] = (q.bid + q.ask) / 2;
    mids.set(q.strike, entry);
  }
  const pairs = [...mids].flatMap(([strike, m]) =>
    m.call !== undefined && m.put !== undefined ? [{ strike, callMid: m.call, putMid: m.put }] : [],
  );
  const parity = forwardFromParity(pairs, expiry.time);
  return { ...marketSmile(expiry.quotes, parity.forward, expiry.time, parity.rate, filter), ...base, parity };
}
