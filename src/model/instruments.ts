import { type Currency, USD } from './currency.js';
import { futureSpec, MONTH_CODES } from './futures-specs.js';
import { Grid } from './grid.js';
import { type InstrumentId, instrumentId } from './identifiers.js';
import type { UnixMicros } from './time.js';
import { zonedParts } from './timezone.js';

export {
  FUTURE_SPECS,
  type FutureSpec,
  futureSpec,
  MONTH_CODES,
  nthWeekdayOfMonth,
} from './futures-specs.js';

interface InstrumentBase {
  readonly id: InstrumentId;
  readonly symbol: string;
  readonly venue: string;
  readonly currency: Currency;
  readonly priceGrid: Grid;
  readonly sizeGrid: Grid;
  /** Money per one point of price per unit (1 for stocks, 50 for ES). */
  readonly multiplier: number;
  readonly description: string;
}

export interface Equity extends InstrumentBase {
  readonly kind: 'equity';
}

export interface CryptoSpot extends InstrumentBase {
  readonly kind: 'crypto-spot';
  readonly base: string;
  readonly quote: string;
}

export interface FutureContract extends InstrumentBase {
  readonly kind: 'future';
  readonly root: string;
  readonly exchange: string;
  /** `YYYYMM` delivery month, or '' for a generic futures-like contract with no expiry. */
  readonly contractMonth: string;
  /** Last trading time; undefined for a generic futures-like contract. */
  readonly expiry?: UnixMicros;
  /** Money blocked per contract when a position is opened. */
  readonly initialMargin: number;
  /** Money per contract below which the account is in a margin call. */
  readonly maintenanceMargin: number;
}

export type Instrument = Equity | CryptoSpot | FutureContract;

/** Stock-like instruments settle the full notional in cash; futures-like ones move margin and variation. */
export function isFuturesLike(instrument: Instrument): instrument is FutureContract {
  return instrument.kind === 'future';
}

export function equity(opts: {
  symbol: string;
  venue: string;
  priceIncrement?: number;
  sizeIncrement?: number;
  currency?: Currency;
  multiplier?: number;
  description?: string;
}): Equity {
  return {
    kind: 'equity',
    id: instrumentId(opts.symbol, opts.venue),
    symbol: opts.symbol,
    venue: opts.venue,
    currency: opts.currency ?? USD,
    priceGrid: new Grid(opts.priceIncrement ?? 0.01),
    sizeGrid: new Grid(opts.sizeIncrement ?? 1),
    multiplier: opts.multiplier ?? 1,
    description: opts.description ?? opts.symbol,
  };
}

export function cryptoSpot(opts: {
  base: string;
  quote: string;
  venue: string;
  priceIncrement: number;
  sizeIncrement: number;
  currency: Currency;
}): CryptoSpot {
  const symbol = `${opts.base}/${opts.quote}`;
  return {
    kind: 'crypto-spot',
    id: instrumentId(symbol, opts.venue),
    symbol,
    venue: opts.venue,
    base: opts.base,
    quote: opts.quote,
    currency: opts.currency,
    priceGrid: new Grid(opts.priceIncrement),
    sizeGrid: new Grid(opts.sizeIncrement),
    multiplier: 1,
    description: `${opts.base} spot in ${opts.quote}`,
  };
}

/** CME month codes, January … December. */
/** A listed contract of a built-in root, e.g. `futureContract('ES', 2025, 12)` → ESZ5.CME. */
export function futureContract(
  root: string,
  year: number,
  month: number,
  overrides: { initialMargin?: number; maintenanceMargin?: number } = {},
): FutureContract {
  const spec = futureSpec(root);
  const code = MONTH_CODES[month - 1];
  if (!code || !spec.months.includes(code)) {
    throw new RangeError(`${spec.root} is not listed for month ${month} (listed: ${spec.months})`);
  }
  const symbol = `${spec.root}${code}${year % 10}`;
  return {
    kind: 'future',
    id: instrumentId(symbol, spec.venue),
    symbol,
    venue: spec.venue,
    root: spec.root,
    exchange: spec.exchange,
    contractMonth: `${year}${String(month).padStart(2, '0')}`,
    expiry: spec.lastTrade(year, month),
    currency: spec.currency,
    priceGrid: new Grid(spec.tickSize),
    sizeGrid: new Grid(1),
    multiplier: spec.multiplier,
    initialMargin: overrides.initialMargin ?? spec.initialMargin,
    maintenanceMargin: overrides.maintenanceMargin ?? spec.maintenanceMargin,
    description: `${spec.description} ${code}${year}`,
  };
}

/** Parses `ESZ5`, `ESZ25` or `ES 202512` style contract symbols of built-in roots, `now` anchors the decade. */
export function parseFutureSymbol(symbol: string, now: UnixMicros = Date.now() * 1000): FutureContract {
  const m = /^(\d?[A-Z]+?)([FGHJKMNQUVXZ])(\d{1,2})$/.exec(symbol.toUpperCase());
  if (!m) throw new RangeError(`not a futures symbol like ESZ5: '${symbol}'`);
  const month = MONTH_CODES.indexOf(m[2]) + 1;
  const nowYear = zonedParts(now, 'UTC').year;
  let year: number;
  if (m[3].length === 2) year = 2000 + Number(m[3]);
  else {
    year = nowYear - (nowYear % 10) + Number(m[3]);
    if (year < nowYear - 2) year += 10;
  }
  return futureContract(m[1], year, month);
}

/** A futures-like contract without a listed spec (a CSV series traded with margin), e.g. `--margin 1000`. */
export function genericFuture(opts: {
  symbol: string;
  venue: string;
  priceIncrement: number;
  multiplier: number;
  initialMargin: number;
  maintenanceMargin?: number;
  currency?: Currency;
}): FutureContract {
  return {
    kind: 'future',
    id: instrumentId(opts.symbol, opts.venue),
    symbol: opts.symbol,
    venue: opts.venue,
    root: opts.symbol,
    exchange: opts.venue,
    contractMonth: '',
    currency: opts.currency ?? USD,
    priceGrid: new Grid(opts.priceIncrement),
    sizeGrid: new Grid(1),
    multiplier: opts.multiplier,
    initialMargin: opts.initialMargin,
    maintenanceMargin: opts.maintenanceMargin ?? opts.initialMargin,
    description: `${opts.symbol} (futures-like)`,
  };
}
