/**
 * QuantConnect LEAN option readers: minute trade bars, quote bars and open interest of future
 * options (`futureoption/cme/minute/es/202003/20200106_quote_american.zip`), index options
 * (`indexoption/usa/minute/spx/20210104_trade_european.zip`) and equity options (`option/usa/…`,
 * same layout). Each zip holds one CSV per contract, its name giving underlying, style, right,
 * strike (×10000) and expiry: `20200106_es_minute_quote_american_call_30000000_20200320.csv`.
 * Bar rows are read by lean.ts's `parseLeanRows` (same time, price and quote rules); open interest
 * rows (`time_ms,open_interest`) here. See docs/data.md.
 */
import { DataError } from '../../core/errors.js';
import type { Bar, QuoteTick } from '../../model/data.js';
import { type InstrumentId, instrumentId } from '../../model/identifiers.js';
import { MICROS_PER_MILLI, type UnixMicros } from '../../model/time.js';
import { type LeanReadOptions, leanDayRows, parseLeanRows, validDate, zonedWallTimeToUtcMs } from './lean.js';
import { CsvRows, collect, type Lines } from './vendor-csv.js';
import { listZipEntries, zipEntryLines } from './zip.js';

export type LeanOptionStyle = 'american' | 'european';
export type OptionRight = 'call' | 'put';
export type LeanOptionTickType = 'trade' | 'quote' | 'openinterest';
/** LEAN's security-type folder: options on futures, on indices, on equities. */
export type LeanOptionSecurityType = 'futureoption' | 'indexoption' | 'option';

/** One option contract, as named by a LEAN entry. */
export interface LeanOptionContract {
  /** Upper-case underlying root: `ES`, `SPX`. */
  readonly underlying: string;
  readonly style: LeanOptionStyle;
  readonly right: OptionRight;
  /** Decimal strike (the name holds it ×10000: `30000000` → 3000). */
  readonly strike: number;
  /** `YYYY-MM-DD` */
  readonly expiry: string;
  /** OSI-like id, see `leanOptionSymbol`: `ES200320C03000000.CME`, `SPX210115C03700000.USA`. */
  readonly instrumentId: InstrumentId;
  /** Future options read from a zip: `YYYYMM` of the underlying future (the zip's folder). */
  readonly underlyingContractMonth?: string;
}

/** A LEAN option entry name: the contract plus the file's date and content. */
export interface LeanOptionEntryInfo extends LeanOptionContract {
  /** `YYYYMMDD` of the data. */
  readonly date: string;
  readonly resolution: 'minute';
  readonly tickType: LeanOptionTickType;
}

/** Open interest of a contract at a moment (LEAN: one row a day, before the open). */
export interface OpenInterest {
  readonly kind: 'open-interest';
  readonly instrumentId: InstrumentId;
  /** Open contracts. */
  readonly value: number;
  readonly tsEvent: UnixMicros;
  readonly tsInit: UnixMicros;
}

export type LeanOptionData = Bar | QuoteTick | OpenInterest;

/** One record of an option zip with the contract it belongs to (one shared object per entry). */
export interface LeanOptionRecord {
  readonly contract: LeanOptionContract;
  readonly data: LeanOptionData;
}

export interface LeanOptionReadOptions
  extends Pick<LeanReadOptions, 'grid' | 'roundToGrid' | 'quotes' | 'timeZone' | 'priceScale'> {
  /**
   * Venue of the ids (default: the market folder of the path upper-cased — `CME`, `USA` — else
   * `USA`).
   */
  venue?: string;
  /**
   * Sets the defaults of `timeZone` and `priceScale` (default: the `futureoption`/`indexoption`/
   * `option` folder of the path): future options UTC and decimal prices, index and equity options
   * America/New_York and prices ×10000. A path in no such folder needs this or both of them.
   */
  securityType?: LeanOptionSecurityType;
  /** Only these rights. */
  rights?: readonly OptionRight[];
  /** Only strikes in [min, max] (decimal, inclusive). */
  strikes?: { readonly min?: number; readonly max?: number };
  /** Only these expiries (`YYYY-MM-DD`). */
  expiries?: readonly string[];
}

/** Column names used in error messages for LEAN's headerless open-interest rows. */
export const LEAN_OPEN_INTEREST_FIELDS = ['time_ms', 'open_interest'] as const;

const DEFAULTS: Record<LeanOptionSecurityType, { timeZone: string; priceScale: number }> = {
  // LEAN's market-hours database has no FutureOption-cme entry: TryGetEntry falls back to the
  // underlying future's (Future-cme-ES: dataTimeZone UTC). FOP prices are written as decimals.
  futureoption: { timeZone: 'UTC', priceScale: 1 },
  // IndexOption-usa-SPX and Option-usa-*: dataTimeZone America/New_York; prices ×10000.
  indexoption: { timeZone: 'America/New_York', priceScale: 10_000 },
  option: { timeZone: 'America/New_York', priceScale: 10_000 },
};

const STRIKE_SCALE = 10_000;
const ENTRY =
  /^(\d{8})_([a-z0-9.^-]+)_(minute)_(trade|quote|openinterest)_(american|european)_(call|put)_(\d{1,15})_(\d{8})\.csv$/i;

/**
 * The OSI-like (OCC option symbol) symbol of a contract: root, expiry `YYMMDD`, `C`/`P`, strike
 * ×1000 zero-padded to 8 digits, without OSI's space padding of the root — `SPX210115C03700000`,
 * `ES200320C03000000`. A strike with a fourth decimal (LEAN keeps four) adds it after a dot
 * (`00033333.3`); one of 100,000 or more takes more digits. The id is the symbol `.` venue.
 */
export function leanOptionSymbol(
  underlying: string,
  expiry: string,
  right: OptionRight,
  strike: number,
): string {
  const m = /^\d{2}(\d{2})-(\d{2})-(\d{2})$/.exec(expiry);
  const scaled = Math.round(strike * STRIKE_SCALE);
  if (!m) throw new RangeError(`option expiry must be YYYY-MM-DD, got '${expiry}'`);
  if (!(scaled > 0) || !Number.isSafeInteger(scaled))
    throw new RangeError(`option strike must be positive, got ${strike}`);
  const thousandths = String(Math.floor(scaled / 10)).padStart(8, '0');
  const fourth = scaled % 10;
  return `${underlying.toUpperCase()}${m[1]}${m[2]}${m[3]}${right === 'call' ? 'C' : 'P'}${thousandths}${fourth === 0 ? '' : `.${fourth}`}`;
}

/** The LEAN entry name of a contract's file: the inverse of `parseLeanOptionEntryName`. */
export function leanOptionEntryName(info: Omit<LeanOptionEntryInfo, 'instrumentId'>): string {
  const scaled = Math.round(info.strike * STRIKE_SCALE);
  return `${info.date}_${info.underlying.toLowerCase()}_${info.resolution}_${info.tickType}_${info.style}_${info.right}_${scaled}_${info.expiry.replaceAll('-', '')}.csv`;
}

type Matched = { info: LeanOptionEntryInfo } | { field: string; value: string; why: string };

function matchEntry(name: string, venue: string): Matched {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const m = ENTRY.exec(base);
  if (!m) {
    return {
      field: 'entry',
      value: name,
      why: 'not a LEAN option minute file name (expected e.g. 20200106_es_minute_quote_american_call_30000000_20200320.csv)',
    };
  }
  const [, date, symbol, , tickType, style, right, strikeText, expiry] = m;
  if (!validDate(date)) return { field: 'date', value: date, why: 'not a YYYYMMDD date' };
  if (!validDate(expiry)) return { field: 'expiry', value: expiry, why: 'not a YYYYMMDD date' };
  const scaled = Number(strikeText);
  if (scaled === 0) return { field: 'strike', value: strikeText, why: 'strike must be positive' };
  const contract = {
    underlying: symbol.toUpperCase(),
    style: style.toLowerCase() as LeanOptionStyle,
    right: right.toLowerCase() as OptionRight,
    strike: scaled / STRIKE_SCALE,
    expiry: `${expiry.slice(0, 4)}-${expiry.slice(4, 6)}-${expiry.slice(6)}`,
  };
  return {
    info: {
      ...contract,
      instrumentId: instrumentId(
        leanOptionSymbol(contract.underlying, contract.expiry, contract.right, contract.strike),
        venue,
      ),
      date,
      resolution: 'minute',
      tickType: tickType.toLowerCase() as LeanOptionTickType,
    },
  };
}

/**
 * Parses a LEAN option entry name (a path's last segment is used):
 * `<date>_<underlying>_minute_<trade|quote|openinterest>_<american|european>_<call|put>_<strike×10000>_<expiry>.csv`.
 * Undefined when it is not one (other shapes, resolutions, impossible dates, a zero strike), as
 * `parseLeanEntryName` does; `streamLeanOptionZip` says why. `venue` names the id (default `USA`).
 */
export function parseLeanOptionEntryName(name: string, venue = 'USA'): LeanOptionEntryInfo | undefined {
  const matched = matchEntry(name, venue);
  return 'info' in matched ? matched.info : undefined;
}

/** Security type, market and underlying contract month from a LEAN data path. */
function layoutOfPath(
  path: string,
): { securityType: LeanOptionSecurityType; market: string; contractMonth?: string } | undefined {
  const m =
    /(?:^|[\\/])(futureoption|indexoption|option)[\\/]([a-z0-9]+)[\\/]minute[\\/][^\\/]+[\\/](?:(\d{6})[\\/])?[^\\/]+$/i.exec(
      path,
    );
  if (!m) return undefined;
  return {
    securityType: m[1].toLowerCase() as LeanOptionSecurityType,
    market: m[2].toUpperCase(),
    contractMonth: m[1].toLowerCase() === 'futureoption' ? m[3] : undefined,
  };
}

/** Entry filter from the `rights`/`strikes`/`expiries` options (checked once, up front). */
function contractFilter(options: LeanOptionReadOptions): (c: LeanOptionContract) => boolean {
  const { rights, strikes, expiries } = options;
  for (const right of rights ?? []) {
    if (right !== 'call' && right !== 'put')
      throw new RangeError(`rights: expected call or put, got '${right}'`);
  }
  for (const expiry of expiries ?? []) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(expiry) || !validDate(expiry.replaceAll('-', ''))) {
      throw new RangeError(`expiries: expected YYYY-MM-DD dates, got '${expiry}'`);
    }
  }
  const min = strikes?.min ?? Number.NEGATIVE_INFINITY;
  const max = strikes?.max ?? Number.POSITIVE_INFINITY;
  if (Number.isNaN(min) || Number.isNaN(max) || min > max) {
    throw new RangeError(`strikes: expected min ≤ max, got [${strikes?.min}, ${strikes?.max}]`);
  }
  return (c) =>
    (rights === undefined || rights.includes(c.right)) &&
    c.strike >= min &&
    c.strike <= max &&
    (expiries === undefined || expiries.includes(c.expiry));
}

/**
 * Parses the headerless open-interest rows (`time_ms,open_interest`) of one entry: time as in
 * `parseLeanRows` (ms since midnight of `date` in `timeZone`, wall clock → UTC), stamped at that
 * time (a value, not a bar). Rows must not go back in time.
 */
export async function* parseLeanOpenInterestRows(
  lines: Lines,
  file: string,
  id: InstrumentId,
  date: string,
  timeZone: string,
): AsyncGenerator<OpenInterest> {
  if (!validDate(date)) throw new DataError('not a YYYYMMDD date', { file, field: 'date', value: date });
  const fields = LEAN_OPEN_INTEREST_FIELDS;
  const midnight = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(4, 6)) - 1, Number(date.slice(6)));
  const rows = new CsvRows(file, fields);
  rows.header(fields.join(','));
  for await (const ms of leanDayRows(lines, rows, fields, 'open interest rows', false)) {
    const value = rows.integer(1);
    const ts = zonedWallTimeToUtcMs(midnight + ms, timeZone) * MICROS_PER_MILLI;
    yield { kind: 'open-interest', instrumentId: id, value, tsEvent: ts, tsInit: ts };
  }
}

/**
 * Streams a LEAN option zip: each contract's entry in archive order (each in time order, not merged
 * across contracts), every record tagged with its contract. Trade bars → `<id>-1-MINUTE-LAST`,
 * quote bars → `…-BID`/`…-ASK` bars (or QuoteTicks with `quotes: 'ticks'`), all stamped at the bar
 * close, as `streamLeanZip`; open interest → `OpenInterest` at its row time. Entries left out by the
 * `rights`/`strikes`/`expiries` filters are not inflated. Rows are named `<zip>/<entry>` in errors;
 * an entry that is not an option file is an error naming it.
 */
export async function* streamLeanOptionZip(
  path: string,
  options: LeanOptionReadOptions,
): AsyncGenerator<LeanOptionRecord> {
  const keep = contractFilter(options);
  const layout = layoutOfPath(path);
  const securityType = options.securityType ?? layout?.securityType;
  const defaults = securityType === undefined ? undefined : DEFAULTS[securityType];
  const timeZone = options.timeZone ?? defaults?.timeZone;
  const priceScale = options.priceScale ?? defaults?.priceScale;
  if (timeZone === undefined || priceScale === undefined) {
    throw new DataError(
      'cannot tell the data time zone and price scale: the path is not in a LEAN futureoption/indexoption/option folder; pass securityType, or timeZone and priceScale',
      { file: path },
    );
  }
  const venue = options.venue ?? layout?.market ?? 'USA';
  const entries = await listZipEntries(path);
  if (entries.length === 0) throw new DataError('zip archive has no files', { file: path }, 'DATA_INVALID');
  const matched = entries.map((entry) => {
    const m = matchEntry(entry.name, venue);
    if ('info' in m) return { entry, info: m.info };
    // As streamLeanZip: a name that is no option file names the zip; a bad part names the entry.
    const file = m.field === 'entry' ? path : `${path}/${entry.name}`;
    throw new DataError(m.why, { file, field: m.field, value: m.value });
  });
  const rowOptions = {
    grid: options.grid,
    roundToGrid: options.roundToGrid,
    quotes: options.quotes,
    timeZone,
    priceScale,
  };
  for (const { entry, info } of matched) {
    if (!keep(info)) continue;
    const contract: LeanOptionContract = {
      underlying: info.underlying,
      style: info.style,
      right: info.right,
      strike: info.strike,
      expiry: info.expiry,
      instrumentId: info.instrumentId,
      ...(layout?.contractMonth === undefined ? {} : { underlyingContractMonth: layout.contractMonth }),
    };
    const file = `${path}/${entry.name}`;
    const lines = zipEntryLines(path, entry);
    if (info.tickType === 'openinterest') {
      for await (const data of parseLeanOpenInterestRows(
        lines,
        file,
        info.instrumentId,
        info.date,
        timeZone,
      )) {
        yield { contract, data };
      }
      continue;
    }
    const rows = parseLeanRows(
      lines,
      file,
      {
        date: info.date,
        symbol: info.underlying.toLowerCase(),
        resolution: 'minute',
        tickType: info.tickType,
        securityType: 'equity', // no effect: time zone, scale and id are all given
      },
      { ...rowOptions, instruments: { [info.underlying.toUpperCase()]: info.instrumentId } },
    );
    for await (const data of rows) {
      if (data.kind === 'trade') throw new Error('internal: LEAN option minute files hold no ticks');
      yield { contract, data };
    }
  }
}

export function readLeanOptionZip(path: string, options: LeanOptionReadOptions): Promise<LeanOptionRecord[]> {
  return collect(streamLeanOptionZip(path, options));
}
