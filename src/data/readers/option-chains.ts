/**
 * Readers of the two bundled option chains (data/PROVENANCE.md), returning plain quote records:
 *
 * - `es-fop`: the ES futures-option snapshot (`data/options/es_fop_quote_snapshot_2020-01-06T1500Z.csv`),
 *   one row per contract with the underlying future's bid/ask. Quarterly ES options are AM-settled:
 *   they expire at 09:30 ET on the expiry date (the special opening quotation of the future).
 * - `cboe`: a raw CBOE delayed-quote dump (`data/options/SPX-Options-24jan2011.csv`): spot on line 1,
 *   the quote time (`Jan 24 2011 @ 14:03 ET`) on line 2, then calls and puts side by side per strike.
 *   The expiry comes from the option code `SPX` + YY + DD + month letter (A–L calls Jan–Dec, M–X
 *   puts Jan–Dec) + strike: `SPX1119B1290-E` is the 2011-02-19 call. Standard SPX options are dated
 *   the Saturday after the third Friday and AM-settled at Friday's open, so they expire at 09:30 ET
 *   the day before the code date; weeklies (`SPXW`) and end-of-quarter (`SPXPM`) options are
 *   PM-settled at 16:00 ET on their code date.
 */
import { readFile } from 'node:fs/promises';
import { DataError } from '../../core/errors.js';
import { zonedWallTimeToUtcMs } from './lean.js';

/** The layout of a chain file. */
export type OptionChainFormat = 'es-fop' | 'cboe';

/** One quote of a chain. Prices in index points (SPX) or future points (ES). */
export interface OptionChainQuote {
  /** `ES`, `SPX`, `SPXW` (weekly) or `SPXPM` (PM-settled quarterly). */
  readonly root: string;
  /** The vendor's code (`SPX1119B1290-E`) or, for ES, `ES 20200320 C 3000`. */
  readonly code: string;
  readonly type: 'call' | 'put';
  readonly strike: number;
  readonly bid: number;
  readonly ask: number;
  /** `YYYY-MM-DD` as named by the data (the SPX code date, a Saturday for standard options). */
  readonly expiryDate: string;
  /** ISO-8601 UTC instant when the option's settlement value is fixed (see the module doc). */
  readonly expiryUtc: string;
  readonly settlement: 'AM' | 'PM';
  /** ES: the underlying future's bid and ask at the same minute. */
  readonly underlyingBid?: number;
  readonly underlyingAsk?: number;
  /** ES: `YYYYMM` of the underlying future. */
  readonly underlyingContractMonth?: string;
  /** 1-based line of the file. */
  readonly line: number;
}

/** A whole chain: when it was quoted, the spot (CBOE dumps) and its quotes in file order. */
export interface OptionChain {
  readonly format: OptionChainFormat;
  readonly file: string;
  /** ISO-8601 UTC instant of the quotes. */
  readonly asOf: string;
  /** CBOE dumps: the index level on line 1. */
  readonly spot?: number;
  readonly quotes: readonly OptionChainQuote[];
}

const ES_HEADER =
  'snapshot_utc,root,underlying_contract_month,underlying_bid,underlying_ask,expiry,right,strike,bid,ask,last_bid_size,last_ask_size,source_bar_start_utc';
const NEW_YORK = 'America/New_York';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Reads and parses a chain file; `DataError` naming file:line and field on bad input. */
export async function readOptionChain(path: string, format: OptionChainFormat): Promise<OptionChain> {
  const text = await readFile(path, 'utf8');
  return format === 'es-fop' ? parseEsFopSnapshot(text, path) : parseCboeChain(text, path);
}

/** Parses the ES futures-option snapshot CSV (header as in data/options, LF or CRLF). */
export function parseEsFopSnapshot(text: string, file: string): OptionChain {
  const lines = text.split(/\r?\n/);
  if (lines[0]?.trim() !== ES_HEADER) {
    throw new DataError(`expected the header '${ES_HEADER}'`, { file, line: 1 });
  }
  const quotes: OptionChainQuote[] = [];
  let asOf: string | undefined;
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    const line = i + 1;
    const f = lines[i].split(',');
    if (f.length !== 13) throw new DataError(`expected 13 fields, got ${f.length}`, { file, line });
    const where = (field: string, value: string) => ({ file, line, field, value });
    const snapshot = Date.parse(f[0]);
    if (!Number.isFinite(snapshot)) throw new DataError('not an ISO-8601 time', where('snapshot_utc', f[0]));
    const snapshotIso = new Date(snapshot).toISOString();
    if (asOf === undefined) asOf = snapshotIso;
    else if (asOf !== snapshotIso)
      throw new DataError(`differs from the first row's ${asOf}`, where('snapshot_utc', f[0]));
    const expiry = /^(\d{4})(\d{2})(\d{2})$/.exec(f[5]);
    const expiryDate = expiry
      ? calendarDate(Number(expiry[1]), Number(expiry[2]), Number(expiry[3]))
      : undefined;
    if (!expiry || expiryDate === undefined)
      throw new DataError('not a YYYYMMDD date', where('expiry', f[5]));
    if (f[6] !== 'C' && f[6] !== 'P') throw new DataError("must be 'C' or 'P'", where('right', f[6]));
    const number = (index: number, field: string): number => {
      const value = Number(f[index]);
      if (f[index].trim() === '' || !Number.isFinite(value) || value < 0) {
        throw new DataError('must be a number >= 0', where(field, f[index]));
      }
      return value;
    };
    const strike = number(7, 'strike');
    quotes.push({
      root: f[1],
      code: `${f[1]} ${f[5]} ${f[6]} ${f[7]}`,
      type: f[6] === 'C' ? 'call' : 'put',
      strike,
      bid: number(8, 'bid'),
      ask: number(9, 'ask'),
      expiryDate,
      expiryUtc: wallTimeUtc(expiryDate, 9, 30),
      settlement: 'AM',
      underlyingBid: number(3, 'underlying_bid'),
      underlyingAsk: number(4, 'underlying_ask'),
      underlyingContractMonth: f[2],
      line,
    });
  }
  if (asOf === undefined) throw new DataError('no quotes', { file });
  return { format: 'es-fop', file, asOf, quotes };
}

/** Parses a raw CBOE delayed-quote dump (calls and puts side by side, 15 fields a row). */
export function parseCboeChain(text: string, file: string): OptionChain {
  const lines = text.split(/\r?\n/);
  const spotField = lines[0]?.split(',')[1] ?? '';
  const spot = Number(spotField);
  if (spotField.trim() === '' || !(spot > 0)) {
    throw new DataError('expected the index level in the second field', {
      file,
      line: 1,
      field: 'spot',
      value: spotField,
    });
  }
  const time = /^(\w{3}) (\d{1,2}) (\d{4}) @ (\d{1,2}):(\d{2}) ET/.exec(lines[1] ?? '');
  const month = time ? MONTHS.indexOf(time[1]) + 1 : 0;
  const quoteDate = time && month > 0 ? calendarDate(Number(time[3]), month, Number(time[2])) : undefined;
  if (!time || quoteDate === undefined) {
    throw new DataError("expected the quote time as 'Mon DD YYYY @ HH:MM ET'", {
      file,
      line: 2,
      value: lines[1] ?? '',
    });
  }
  const asOf = wallTimeUtc(quoteDate, Number(time[4]), Number(time[5]));
  const quotes: OptionChainQuote[] = [];
  for (let i = 3; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    const line = i + 1;
    const f = lines[i].split(',');
    if (f.length < 14) throw new DataError(`expected 14 fields, got ${f.length}`, { file, line });
    quotes.push(cboeQuote(f, 0, 'call', file, line), cboeQuote(f, 7, 'put', file, line));
  }
  if (quotes.length === 0) throw new DataError('no quotes', { file });
  return { format: 'cboe', file, asOf, spot, quotes };
}

/** The quote in the 7 fields from `at` (description, last, net, bid, ask, volume, open interest). */
function cboeQuote(
  f: string[],
  at: number,
  side: 'call' | 'put',
  file: string,
  line: number,
): OptionChainQuote {
  const description = f[at];
  const where = (field: string, value: string) => ({ file, line, field, value });
  const m = /^\d{2} \w{3} (\d+(?:\.\d+)?) \(((SPXW|SPXPM|SPX)(\d{2})(\d{2})([A-X])\d+(?:\.\d+)?-E)\)$/.exec(
    description.trim(),
  );
  if (!m) throw new DataError('expected "YY Mon STRIKE (SPX…-E)"', where(`${side} description`, description));
  const letter = m[6].charCodeAt(0) - 65;
  const type = letter < 12 ? 'call' : 'put';
  if (type !== side)
    throw new DataError(
      `the code names a ${type} in the ${side} column`,
      where(`${side} description`, description),
    );
  const root = m[3];
  const codeDate = calendarDate(2000 + Number(m[4]), (letter % 12) + 1, Number(m[5]));
  if (codeDate === undefined)
    throw new DataError('the code holds no valid date', where(`${side} description`, description));
  const number = (index: number, field: string): number => {
    const value = Number(f[index]);
    if (f[index].trim() === '' || !Number.isFinite(value) || value < 0) {
      throw new DataError('must be a number >= 0', where(`${side} ${field}`, f[index]));
    }
    return value;
  };
  const pmSettled = root !== 'SPX';
  const saturday = new Date(`${codeDate}T00:00:00Z`).getUTCDay() === 6;
  const settlementDate = !pmSettled && saturday ? shiftDate(codeDate, -1) : codeDate;
  return {
    root,
    code: m[2],
    type,
    strike: Number(m[1]),
    bid: number(at + 3, 'bid'),
    ask: number(at + 4, 'ask'),
    expiryDate: codeDate,
    expiryUtc: pmSettled ? wallTimeUtc(settlementDate, 16, 0) : wallTimeUtc(settlementDate, 9, 30),
    settlement: pmSettled ? 'PM' : 'AM',
    line,
  };
}

/** `YYYY-MM-DD` when the date exists, else undefined. */
function calendarDate(year: number, month: number, day: number): string | undefined {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day)
    return undefined;
  return d.toISOString().slice(0, 10);
}

function shiftDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

const wallTimes = new Map<string, string>();

/** The UTC instant of a New York wall-clock time on `date` (cached: time-zone lookups are slow). */
function wallTimeUtc(date: string, hour: number, minute: number): string {
  const key = `${date} ${hour}:${minute}`;
  let utc = wallTimes.get(key);
  if (utc === undefined) {
    const [y, m, d] = date.split('-').map(Number);
    utc = new Date(zonedWallTimeToUtcMs(Date.UTC(y, m - 1, d, hour, minute), NEW_YORK)).toISOString();
    wallTimes.set(key, utc);
  }
  return utc;
}

/** Years from `asOf` to `expiryUtc` on an ACT/365 calendar-time basis (both ISO-8601 UTC). */
export function yearsToExpiry(asOf: string, expiryUtc: string): number {
  return (Date.parse(expiryUtc) - Date.parse(asOf)) / (365 * 86_400_000);
}
