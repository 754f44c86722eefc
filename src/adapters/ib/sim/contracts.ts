/**
 * What the simulator answers to `reqContractDetails`: ES/MES futures built from the project's
 * futures specs and CME calendar (real expiries), and a few US stocks. Field values follow the
 * research notes (A.3, A.6); conIds of ESZ3/ESZ4/ESZ5/ESU5 and the stocks are IB's real ones,
 * other futures months get a deterministic synthetic conId (see `futureConId`).
 */
import { futureSpec, MONTH_CODES } from '../../../model/futures-specs.js';
import { futureContract } from '../../../model/instruments.js';
import { addDays, CME_GLOBEX_EQUITY, type TradingSession, US_EQUITY_RTH } from '../../../model/sessions.js';
import type { UnixMicros } from '../../../model/time.js';
import { zonedParts } from '../../../model/timezone.js';

/** One contract as the simulator reports it in `contractData`. */
export interface SimContract {
  readonly conId: number;
  readonly symbol: string;
  readonly secType: 'FUT' | 'STK';
  /** `yyyyMMdd` for futures, empty for stocks. */
  readonly lastTradeDateOrContractMonth: string;
  readonly multiplier: string;
  readonly exchange: string;
  readonly primaryExch: string;
  readonly currency: string;
  readonly localSymbol: string;
  readonly tradingClass: string;
  readonly marketName: string;
  readonly minTick: number;
  readonly orderTypes: string;
  readonly validExchanges: string;
  readonly priceMagnifier: number;
  readonly underConId: number;
  readonly longName: string;
  /** `yyyyMM` for futures, empty for stocks. */
  readonly contractMonth: string;
  readonly industry: string;
  readonly category: string;
  readonly subcategory: string;
  readonly timeZoneId: string;
  readonly tradingHours: string;
  readonly liquidHours: string;
  readonly underSymbol: string;
  readonly underSecType: string;
  readonly marketRuleIds: string;
  readonly realExpirationDate: string;
  readonly stockType: string;
  readonly minSize: string;
  readonly sizeIncrement: string;
  readonly suggestedSizeIncrement: string;
  /** Last trading instant (UTC micros) of a future; undefined for stocks. */
  readonly expiry?: UnixMicros;
}

/** The contract fields of a request (`C12` in the notes) plus `includeExpired`. */
export interface ContractQuery {
  readonly conId: number;
  readonly symbol: string;
  readonly secType: string;
  readonly lastTradeDateOrContractMonth: string;
  readonly multiplier: string;
  readonly exchange: string;
  readonly currency: string;
  readonly localSymbol: string;
  readonly tradingClass: string;
  readonly includeExpired: boolean;
}

export interface SimStockSpec {
  readonly symbol: string;
  readonly conId: number;
  readonly primaryExch: string;
  readonly longName: string;
  readonly tradingClass: string;
  readonly stockType: string;
  readonly industry: string;
  readonly category: string;
  readonly subcategory: string;
}

/** IB's conIds for a few US stocks (well known from IB's contract search). */
export const DEFAULT_STOCKS: readonly SimStockSpec[] = [
  {
    symbol: 'AAPL',
    conId: 265598,
    primaryExch: 'NASDAQ',
    longName: 'APPLE INC',
    tradingClass: 'NMS',
    stockType: 'COMMON',
    industry: 'Technology',
    category: 'Computers',
    subcategory: 'Computers',
  },
  {
    symbol: 'MSFT',
    conId: 272093,
    primaryExch: 'NASDAQ',
    longName: 'MICROSOFT CORP',
    tradingClass: 'NMS',
    stockType: 'COMMON',
    industry: 'Technology',
    category: 'Software',
    subcategory: 'Applications Software',
  },
  {
    symbol: 'NVDA',
    conId: 4815747,
    primaryExch: 'NASDAQ',
    longName: 'NVIDIA CORP',
    tradingClass: 'NMS',
    stockType: 'COMMON',
    industry: 'Technology',
    category: 'Semiconductors',
    subcategory: 'Electronic Components-Semicon',
  },
  {
    symbol: 'SPY',
    conId: 756733,
    primaryExch: 'ARCA',
    longName: 'SPDR S&P 500 ETF TRUST',
    tradingClass: 'SPY',
    stockType: 'ETF',
    industry: 'Funds',
    category: 'Equity Fund',
    subcategory: 'Growth&Income-Large Cap',
  },
];

/** Futures roots the simulator lists, with IB's underlying (IND) conIds. */
const FUTURE_ROOTS: Readonly<Record<string, { underConId: number; marketRuleIds: string }>> = {
  ES: { underConId: 11004968, marketRuleIds: '67' },
  MES: { underConId: 362673777, marketRuleIds: '67' },
};

/** IB's real conIds for some ES months (research notes A.3). */
const KNOWN_CON_IDS: Readonly<Record<string, number>> = {
  ESZ2023: 495512552,
  ESZ2024: 495512557,
  ESZ2025: 495512563,
  ESU2025: 637533641,
};

const FUTURE_ORDER_TYPES =
  'ACTIVETIM,AD,ADJUST,ALERT,ALLOC,AVGCOST,BASKET,COND,CONDORDER,DAY,DEACT,DEACTDIS,DEACTEOD,GAT,GTC,GTD,GTT,HID,ICE,IOC,LIT,LMT,LTH,MIT,MKT,MTL,NGCOMB,NONALGO,OCA,PEGBENCH,SCALE,SCALERST,SNAPMID,SNAPMKT,SNAPREL,STP,STPLMT,TRAIL,TRAILLIT,TRAILLMT,TRAILMIT,WHATIF';
const STOCK_ORDER_TYPES =
  'ACTIVETIM,AD,ADJUST,ALERT,ALGO,ALLOC,AVGCOST,BASKET,BENCHPX,COND,CONDORDER,DARKONLY,DARKPOLL,DAY,DEACT,DEACTDIS,DEACTEOD,DIS,GAT,GTC,GTD,GTT,HID,IBKRATS,ICE,IMB,IOC,LIT,LMT,LOC,MIDPX,MIT,MKT,MOC,MTL,NGCOMB,NODARK,NONALGO,OCA,OPG,OPGREROUT,PEGBENCH,PEGMID,POSTATS,POSTONLY,PREOPGRTH,REL,RPI,RTH,SCALE,SCALEODD,SCALERST,SNAPMID,SNAPMKT,SNAPREL,STP,STPLMT,SWEEP,TRAIL,TRAILLIT,TRAILLMT,TRAILMIT,WHATIF';

/** How many quarterly months are listed at a time (CME lists 5 consecutive quarters). */
const LISTED_QUARTERS = 5;
/** Session days shown in tradingHours / liquidHours. */
const HOURS_DAYS = 7;

/**
 * A deterministic conId for a futures month without a known IB conId: 900,000,000 + root index ×
 * 1,000,000 + year × 100 + month (synthetic, inside int32, stable across runs).
 */
export function futureConId(root: string, year: number, month: number): number {
  const known = KNOWN_CON_IDS[`${root}${MONTH_CODES[month - 1]}${year}`];
  if (known !== undefined) return known;
  const rootIndex = Object.keys(FUTURE_ROOTS).indexOf(root);
  return 900_000_000 + (rootIndex + 1) * 1_000_000 + year * 100 + month;
}

const compact = (date: string): string => date.replaceAll('-', '');

function hhmm(us: UnixMicros, timeZone: string): { date: string; time: string } {
  const p = zonedParts(us, timeZone);
  return {
    date: compact(p.date),
    time: `${String(p.hour).padStart(2, '0')}${String(p.minute).padStart(2, '0')}`,
  };
}

/** IB's hours format: `20250814:1700-20250815:1600;20250816:CLOSED`, halts split a session. */
function hoursOf(
  session: TradingSession,
  now: UnixMicros,
  timeZone: string,
  liquid: (date: string) => [string, string] | undefined,
): { trading: string; liquid: string } {
  const trading: string[] = [];
  const liquidParts: string[] = [];
  const today = zonedParts(now, timeZone).date;
  for (let i = 0; i < HOURS_DAYS; i++) {
    const date = addDays(today, i);
    const s = session.session(date);
    if (s === undefined) {
      trading.push(`${compact(date)}:CLOSED`);
      liquidParts.push(`${compact(date)}:CLOSED`);
      continue;
    }
    let start = s.open;
    for (const halt of [...s.halts, { start: s.close, end: s.close }]) {
      const a = hhmm(start, timeZone);
      const b = hhmm(halt.start, timeZone);
      trading.push(`${a.date}:${a.time}-${b.date}:${b.time}`);
      start = halt.end;
    }
    const rth = liquid(date);
    const close = hhmm(s.close, timeZone);
    if (rth !== undefined) {
      const end = close.date === compact(date) && close.time < rth[1] ? close.time : rth[1];
      liquidParts.push(`${compact(date)}:${rth[0]}-${compact(date)}:${end}`);
    }
  }
  return { trading: trading.join(';'), liquid: liquidParts.join(';') };
}

/** One futures month of a simulated root, as IB describes it. */
export function futureSimContract(root: string, year: number, month: number, now: UnixMicros): SimContract {
  const spec = futureSpec(root);
  const info = FUTURE_ROOTS[spec.root];
  if (info === undefined) throw new RangeError(`the simulator does not list futures of '${root}'`);
  const contract = futureContract(spec.root, year, month);
  const expiry = spec.lastTrade(year, month);
  const expiryDate = compact(zonedParts(expiry, 'America/Chicago').date);
  const hours = hoursOf(CME_GLOBEX_EQUITY, now, 'America/Chicago', () => ['0830', '1500']);
  return {
    conId: futureConId(spec.root, year, month),
    symbol: spec.root,
    secType: 'FUT',
    lastTradeDateOrContractMonth: expiryDate,
    multiplier: String(spec.multiplier),
    exchange: spec.exchange,
    primaryExch: '',
    currency: spec.currency.code,
    localSymbol: contract.symbol,
    tradingClass: spec.root,
    marketName: spec.root,
    minTick: spec.tickSize,
    orderTypes: FUTURE_ORDER_TYPES,
    validExchanges: spec.exchange,
    priceMagnifier: 1,
    underConId: info.underConId,
    longName: spec.description,
    contractMonth: contract.contractMonth,
    industry: '',
    category: '',
    subcategory: '',
    timeZoneId: 'US/Central',
    tradingHours: hours.trading,
    liquidHours: hours.liquid,
    underSymbol: spec.root,
    underSecType: 'IND',
    marketRuleIds: info.marketRuleIds,
    realExpirationDate: expiryDate,
    stockType: '',
    minSize: '1',
    sizeIncrement: '1',
    suggestedSizeIncrement: '1',
    expiry,
  };
}

export function stockSimContract(stock: SimStockSpec, now: UnixMicros): SimContract {
  const hours = hoursOf(US_EQUITY_RTH, now, 'America/New_York', () => ['0930', '1600']);
  return {
    conId: stock.conId,
    symbol: stock.symbol,
    secType: 'STK',
    lastTradeDateOrContractMonth: '',
    multiplier: '',
    exchange: 'SMART',
    primaryExch: stock.primaryExch,
    currency: 'USD',
    localSymbol: stock.symbol,
    tradingClass: stock.tradingClass,
    marketName: stock.tradingClass,
    minTick: 0.01,
    orderTypes: STOCK_ORDER_TYPES,
    validExchanges: `SMART,AMEX,NYSE,CBOE,ARCA,ISLAND,IEX,${stock.primaryExch}`,
    priceMagnifier: 1,
    underConId: 0,
    longName: stock.longName,
    contractMonth: '',
    industry: stock.industry,
    category: stock.category,
    subcategory: stock.subcategory,
    timeZoneId: 'US/Eastern',
    // Regular hours only: the session model has no pre/post-market.
    tradingHours: hours.liquid,
    liquidHours: hours.liquid,
    underSymbol: '',
    underSecType: '',
    marketRuleIds: '26',
    realExpirationDate: '',
    stockType: stock.stockType,
    minSize: '1',
    sizeIncrement: '1',
    suggestedSizeIncrement: '100',
  };
}

export interface ContractCatalogOptions {
  /** Futures roots listed (default ES and MES). */
  readonly futureRoots?: readonly string[];
  readonly stocks?: readonly SimStockSpec[];
}

/** The simulator's security master. */
export class ContractCatalog {
  readonly futureRoots: readonly string[];
  readonly stocks: readonly SimStockSpec[];

  constructor(options: ContractCatalogOptions = {}) {
    this.futureRoots = (options.futureRoots ?? Object.keys(FUTURE_ROOTS)).map((r) => r.toUpperCase());
    for (const root of this.futureRoots)
      if (FUTURE_ROOTS[root] === undefined)
        throw new RangeError(`futures root '${root}' is not simulated (known: ${Object.keys(FUTURE_ROOTS)})`);
    this.stocks = options.stocks ?? DEFAULT_STOCKS;
  }

  /** The next `LISTED_QUARTERS` unexpired months of a root at `now`. */
  listedFutures(root: string, now: UnixMicros): SimContract[] {
    const spec = futureSpec(root);
    const out: SimContract[] = [];
    const start = zonedParts(now, 'America/Chicago');
    for (let i = 0; out.length < LISTED_QUARTERS && i < 36; i++) {
      const monthIndex = start.month - 1 + i;
      const year = start.year + Math.floor(monthIndex / 12);
      const month = (monthIndex % 12) + 1;
      if (!spec.months.includes(MONTH_CODES[month - 1])) continue;
      if (spec.lastTrade(year, month) <= now) continue;
      out.push(futureSimContract(spec.root, year, month, now));
    }
    return out;
  }

  /** The contracts matching a request, in expiry order (empty when none). */
  find(query: ContractQuery, now: UnixMicros): SimContract[] {
    const secType = query.secType.toUpperCase();
    const out: SimContract[] = [];
    if (secType === '' || secType === 'FUT') out.push(...this.findFutures(query, now));
    if (secType === '' || secType === 'STK') out.push(...this.findStocks(query, now));
    return out;
  }

  private findFutures(query: ContractQuery, now: UnixMicros): SimContract[] {
    const symbol = query.symbol.toUpperCase();
    const local = query.localSymbol.toUpperCase();
    const candidates: SimContract[] = [];
    for (const root of this.futureRoots) {
      if (symbol !== '' && symbol !== root) continue;
      if (query.tradingClass !== '' && query.tradingClass.toUpperCase() !== root) continue;
      const explicit = explicitMonth(root, query, now);
      if (explicit !== undefined) {
        if (explicit === null) continue;
        const c = futureSimContract(root, explicit.year, explicit.month, now);
        if (query.includeExpired || (c.expiry ?? 0) > now) candidates.push(c);
      } else if (symbol !== '' || local !== '' || query.conId > 0) {
        candidates.push(...this.listedFutures(root, now));
      }
    }
    return candidates.filter((c) => matches(c, query));
  }

  private findStocks(query: ContractQuery, now: UnixMicros): SimContract[] {
    if (query.symbol === '' && query.localSymbol === '' && query.conId <= 0) return [];
    return this.stocks
      .map((s) => stockSimContract(s, now))
      .filter((c) => (query.symbol === '' || c.symbol === query.symbol.toUpperCase()) && matches(c, query));
  }
}

/**
 * The month a request names (by localSymbol like ESZ5, or yyyyMM / yyyyMMdd), `null` when it
 * names a month this root does not list, undefined when it names none.
 */
function explicitMonth(
  root: string,
  query: ContractQuery,
  now: UnixMicros,
): { year: number; month: number } | null | undefined {
  const local = query.localSymbol.toUpperCase();
  const months = futureSpec(root).months;
  if (local !== '') {
    const m = new RegExp(`^${root}([FGHJKMNQUVXZ])(\\d)$`).exec(local);
    if (!m || !months.includes(m[1])) return null;
    const nowYear = zonedParts(now, 'UTC').year;
    // One digit of year: the year in [now − 7, now + 2] (listings reach ~2 years ahead).
    let year = nowYear - (nowYear % 10) + Number(m[2]);
    if (year > nowYear + 2) year -= 10;
    if (year < nowYear - 7) year += 10;
    return { year, month: MONTH_CODES.indexOf(m[1]) + 1 };
  }
  const ltd = query.lastTradeDateOrContractMonth;
  if (ltd === '') return undefined;
  const m = /^(\d{4})(\d{2})(\d{2})?$/.exec(ltd);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (month < 1 || month > 12 || !months.includes(MONTH_CODES[month - 1])) return null;
  return { year, month };
}

function matches(c: SimContract, q: ContractQuery): boolean {
  if (q.conId > 0 && q.conId !== c.conId) return false;
  if (q.localSymbol !== '' && q.localSymbol.toUpperCase() !== c.localSymbol) return false;
  if (q.tradingClass !== '' && q.tradingClass.toUpperCase() !== c.tradingClass) return false;
  if (q.currency !== '' && q.currency.toUpperCase() !== c.currency) return false;
  if (q.multiplier !== '' && Number(q.multiplier) !== Number(c.multiplier)) return false;
  const ltd = q.lastTradeDateOrContractMonth;
  if (ltd.length === 8 && ltd !== c.lastTradeDateOrContractMonth) return false;
  if (ltd.length === 6 && ltd !== c.contractMonth) return false;
  if (q.exchange !== '') {
    const wanted = q.exchange.toUpperCase() === 'GLOBEX' ? 'CME' : q.exchange.toUpperCase();
    if (!c.validExchanges.split(',').includes(wanted) && wanted !== c.exchange) return false;
  }
  return true;
}
