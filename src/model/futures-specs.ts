import { type Currency, USD } from './currency.js';
import {
  businessDayOnOrBefore,
  businessDaysBefore,
  businessDaysOfMonth,
  isBusinessDayLenient,
} from './futures-calendar.js';
import type { UnixMicros } from './time.js';
import { zonedTimeToUtc } from './timezone.js';

export const MONTH_CODES = 'FGHJKMNQUVXZ';

/** Contract specification of a futures root: what every listed month shares. */
export interface FutureSpec {
  readonly root: string;
  readonly exchange: string;
  readonly venue: string;
  readonly description: string;
  readonly tickSize: number;
  readonly multiplier: number;
  readonly currency: Currency;
  /** Listed months as CME codes, e.g. 'HMUZ'. */
  readonly months: string;
  /** Indicative exchange margins per contract in `currency`; override per account or run. */
  readonly initialMargin: number;
  readonly maintenanceMargin: number;
  /** Last trading time of a contract month, in UTC micros. */
  lastTrade(year: number, month: number): UnixMicros;
  /** The exchange's last-trade rule in words. */
  readonly lastTradeRule: string;
  /** Where the numbers come from, and what is unsure. */
  readonly source?: string;
}

/** Day of month of the n-th given weekday (0 = Sunday) of a month. */
export function nthWeekdayOfMonth(year: number, month: number, weekday: number, n: number): number {
  const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  return 1 + ((weekday - first + 7) % 7) + 7 * (n - 1);
}

const isoDate = (year: number, month: number, day: number): string =>
  new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);

function at(date: string, hour: number, minute: number, timeZone: string): UnixMicros {
  const [y, m, d] = date.split('-').map(Number);
  return zonedTimeToUtc(y, m, d, hour, minute, timeZone);
}

/*
 * Expiry rules below use the CME holiday table (src/model/futures-calendar.ts) where it has data
 * (2013–2027); beyond it only weekends are known, so a far contract's computed last trade can be
 * one holiday off.
 */

/**
 * Equity-index futures stop trading at 09:30 New York time on the third Friday of the contract
 * month; when that Friday is an exchange holiday (Juneteenth 2026-06-19, 2027-06-18), on the
 * business day before.
 */
function equityIndexLastTrade(year: number, month: number): UnixMicros {
  const day = businessDayOnOrBefore(isoDate(year, month, nthWeekdayOfMonth(year, month, 5, 3)), true);
  return at(day, 9, 30, 'America/New_York');
}

/** CL: 3 business days before the 25th of the month before delivery, 4 if the 25th is not a business day. */
function crudeOilLastTrade(year: number, month: number): UnixMicros {
  const prior = month === 1 ? { year: year - 1, month: 12 } : { year, month: month - 1 };
  const the25th = isoDate(prior.year, prior.month, 25);
  const day = businessDaysBefore(the25th, isBusinessDayLenient(the25th) ? 3 : 4, true);
  return at(day, 14, 30, 'America/New_York');
}

/** GC: third-to-last business day of the contract month, 12:30 Chicago. */
function goldLastTrade(year: number, month: number): UnixMicros {
  const days = businessDaysOfMonth(year, month, true);
  return at(days[days.length - 3], 12, 30, 'America/Chicago');
}

/** 6E: 2 business days before the third Wednesday of the contract month, 09:16 Chicago. */
function euroFxLastTrade(year: number, month: number): UnixMicros {
  const day = businessDaysBefore(isoDate(year, month, nthWeekdayOfMonth(year, month, 3, 3)), 2, true);
  return at(day, 9, 16, 'America/Chicago');
}

/** ZN: 7th business day before the last business day of the contract month, 12:01 Chicago. */
function tenYearNoteLastTrade(year: number, month: number): UnixMicros {
  const days = businessDaysOfMonth(year, month, true);
  return at(businessDaysBefore(days[days.length - 1], 7, true), 12, 1, 'America/Chicago');
}

const EQUITY_INDEX_RULE =
  'trading terminates 09:30 ET on the 3rd Friday of the contract month (prior business day if a holiday)';
const EQUITY_INDEX_SOURCE =
  'CME Group contract specs (equity index: quarterly HMUZ, 09:30 ET 3rd-Friday termination), as remembered; margins are indicative CME Clearing maintenance levels of 2025 (approximate, they change often — override per account)';

export const FUTURE_SPECS: Readonly<Record<string, FutureSpec>> = {
  ES: {
    root: 'ES',
    exchange: 'CME',
    venue: 'CME',
    description: 'E-mini S&P 500',
    tickSize: 0.25,
    multiplier: 50,
    currency: USD,
    months: 'HMUZ',
    initialMargin: 24_200,
    maintenanceMargin: 22_000,
    lastTrade: equityIndexLastTrade,
    lastTradeRule: EQUITY_INDEX_RULE,
    source: EQUITY_INDEX_SOURCE,
  },
  MES: {
    root: 'MES',
    exchange: 'CME',
    venue: 'CME',
    description: 'Micro E-mini S&P 500',
    tickSize: 0.25,
    multiplier: 5,
    currency: USD,
    months: 'HMUZ',
    initialMargin: 2_420,
    maintenanceMargin: 2_200,
    lastTrade: equityIndexLastTrade,
    lastTradeRule: EQUITY_INDEX_RULE,
    source: EQUITY_INDEX_SOURCE,
  },
  NQ: {
    root: 'NQ',
    exchange: 'CME',
    venue: 'CME',
    description: 'E-mini Nasdaq-100',
    tickSize: 0.25,
    multiplier: 20,
    currency: USD,
    months: 'HMUZ',
    initialMargin: 35_200,
    maintenanceMargin: 32_000,
    lastTrade: equityIndexLastTrade,
    lastTradeRule: EQUITY_INDEX_RULE,
    source: EQUITY_INDEX_SOURCE,
  },
  MNQ: {
    root: 'MNQ',
    exchange: 'CME',
    venue: 'CME',
    description: 'Micro E-mini Nasdaq-100',
    tickSize: 0.25,
    multiplier: 2,
    currency: USD,
    months: 'HMUZ',
    initialMargin: 3_520,
    maintenanceMargin: 3_200,
    lastTrade: equityIndexLastTrade,
    lastTradeRule: EQUITY_INDEX_RULE,
    source: EQUITY_INDEX_SOURCE,
  },
  YM: {
    root: 'YM',
    exchange: 'CBOT',
    venue: 'CBOT',
    description: 'E-mini Dow ($5)',
    tickSize: 1,
    multiplier: 5,
    currency: USD,
    months: 'HMUZ',
    initialMargin: 13_200,
    maintenanceMargin: 12_000,
    lastTrade: equityIndexLastTrade,
    lastTradeRule: EQUITY_INDEX_RULE,
    source: `${EQUITY_INDEX_SOURCE}; YM is listed on CBOT, 1 index point = $5`,
  },
  RTY: {
    root: 'RTY',
    exchange: 'CME',
    venue: 'CME',
    description: 'E-mini Russell 2000',
    tickSize: 0.1,
    multiplier: 50,
    currency: USD,
    months: 'HMUZ',
    initialMargin: 9_900,
    maintenanceMargin: 9_000,
    lastTrade: equityIndexLastTrade,
    lastTradeRule: EQUITY_INDEX_RULE,
    source: `${EQUITY_INDEX_SOURCE}; RTY moved to CME from ICE in 2017 (0.10 point = $5)`,
  },
  CL: {
    root: 'CL',
    exchange: 'NYMEX',
    venue: 'NYMEX',
    description: 'Light Sweet Crude Oil (WTI)',
    tickSize: 0.01,
    multiplier: 1_000,
    currency: USD,
    months: MONTH_CODES,
    initialMargin: 6_600,
    maintenanceMargin: 6_000,
    lastTrade: crudeOilLastTrade,
    lastTradeRule:
      'trading terminates 3 business days before the 25th calendar day of the month before the contract month; 4 business days before if the 25th is not a business day',
    source:
      'NYMEX CL contract specs (1,000 bbl, $0.01 = $10, all 12 months), as remembered; checked: CLF4 ended 2013-12-19, CLK0 2020-04-21. The 14:30 ET time (Globex close of the expiring month) is unsure; margins indicative',
  },
  GC: {
    root: 'GC',
    exchange: 'COMEX',
    venue: 'COMEX',
    description: 'Gold (100 troy oz)',
    tickSize: 0.1,
    multiplier: 100,
    currency: USD,
    months: 'GJMQVZ',
    initialMargin: 16_500,
    maintenanceMargin: 15_000,
    lastTrade: goldLastTrade,
    lastTradeRule: 'trading terminates 12:30 CT on the third-to-last business day of the contract month',
    source:
      'COMEX GC contract specs ($0.10 = $10); only the active months G J M Q V Z are listed here (COMEX also lists the current and next two months and more). The 12:30 CT time is unsure; margins indicative',
  },
  '6E': {
    root: '6E',
    exchange: 'CME',
    venue: 'CME',
    description: 'Euro FX (EUR 125,000, quoted in USD per EUR)',
    tickSize: 0.00005,
    multiplier: 125_000,
    currency: USD,
    months: 'HMUZ',
    initialMargin: 2_750,
    maintenanceMargin: 2_500,
    lastTrade: euroFxLastTrade,
    lastTradeRule:
      'trading terminates 09:16 CT two business days before the 3rd Wednesday of the contract month',
    source:
      'CME 6E contract specs ($0.00005 = $6.25; quarterly HMUZ, CME also lists 3 serial months not modelled), as remembered; margins indicative',
  },
  ZN: {
    root: 'ZN',
    exchange: 'CBOT',
    venue: 'CBOT',
    description: '10-Year T-Note',
    tickSize: 1 / 64,
    multiplier: 1_000,
    currency: USD,
    months: 'HMUZ',
    initialMargin: 2_200,
    maintenanceMargin: 2_000,
    lastTrade: tenYearNoteLastTrade,
    lastTradeRule:
      'trading terminates 12:01 CT on the 7th business day before the last business day of the contract month',
    source:
      'CBOT ZN contract specs ($100,000 face, price in points of par, tick 1/2 of 1/32 = $15.625), as remembered; margins indicative',
  },
};

export function futureSpec(root: string): FutureSpec {
  const spec = FUTURE_SPECS[root.toUpperCase()];
  if (!spec)
    throw new RangeError(
      `no built-in futures spec for root '${root}' (known: ${Object.keys(FUTURE_SPECS).join(', ')})`,
    );
  return spec;
}
