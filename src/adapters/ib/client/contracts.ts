import { type Contract, type ContractDetails, SecType } from '@stoqey/ib';
import { type Log, silentLog } from '../../../core/log.js';
import { DEFAULT_ROLL_BUSINESS_DAYS } from '../../../data/rolls.js';
import { currency } from '../../../model/currency.js';
import { businessDaysBefore } from '../../../model/futures-calendar.js';
import { Grid } from '../../../model/grid.js';
import { type InstrumentId, parseInstrumentId } from '../../../model/identifiers.js';
import {
  type Equity,
  equity,
  FUTURE_SPECS,
  type FutureContract,
  futureContract,
  type Instrument,
  MONTH_CODES,
} from '../../../model/instruments.js';
import { MICROS_PER_DAY, type UnixMicros } from '../../../model/time.js';
import { zonedParts, zonedTimeToUtc } from '../../../model/timezone.js';
import { IbContractError } from './errors.js';
import type { IbRequestOptions, IbRequests } from './requests.js';

/**
 * Contract resolution through `reqContractDetails`, cached by conId and by query; ES/MES front
 * month by expiry and roll rule; IB contract details mapped to Bourse instruments.
 */

/** What to resolve. A string is read as: a futures root (`ES` → front month), a futures symbol
 * (`ESZ5`), an instrument id (`ESZ5.CME`, `AAPL.NASDAQ`) or a stock symbol (`AAPL`). */
export type ContractSpec =
  | string
  | {
      readonly kind: 'front-month';
      readonly root: string;
      readonly exchange?: string;
      readonly currency?: string;
    }
  | { readonly kind: 'future'; readonly localSymbol: string; readonly exchange?: string }
  | {
      readonly kind: 'stock';
      readonly symbol: string;
      readonly exchange?: string;
      readonly primaryExchange?: string;
      readonly currency?: string;
    }
  | { readonly kind: 'conId'; readonly conId: number; readonly exchange?: string };

/** A resolved contract: what IB said, and the Bourse instrument it maps to. */
export interface ResolvedContract {
  readonly conId: number;
  /** Contract to send in requests (conId + exchange: unambiguous). */
  readonly contract: Contract;
  readonly details: ContractDetails;
  readonly instrument: Instrument;
}

export interface ContractResolverOptions {
  /** "Now" for the front month (default the wall clock). */
  readonly clock?: { now(): UnixMicros };
  /** Business days before the last trade at which to roll, per root (default `DEFAULT_ROLL_BUSINESS_DAYS`). */
  readonly rollBusinessDays?: Readonly<Record<string, number>>;
  /** How long a futures chain (all listed months of a root) stays cached (default 12 h). */
  readonly chainTtlMs?: number;
  readonly request?: IbRequestOptions;
  readonly log?: Log;
}

const GLOBEX = 'GLOBEX';
/** @stoqey/ib's "unset" double. */
const UNSET_DOUBLE = Number.MAX_VALUE;

/** A tick size IB gave that we can trust: a positive finite number (not 0, not the unset sentinel). */
export function isValidTick(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 && value < UNSET_DOUBLE;
}

/**
 * The price increment of a contract: `minTick` when it is a positive finite number, else (with a
 * warning) the project's futures spec for the root, else 0.01 for stocks. @stoqey/ib 1.6.10 reads
 * contractData's `minTick` as a double, but its `tickReqParams` reads it as an integer (0.25 → 0):
 * never trust a tick of 0.
 */
export function tickSizeOf(details: ContractDetails, log: Log = silentLog): number {
  if (isValidTick(details.minTick)) return details.minTick;
  const c = details.contract;
  const root = (c.tradingClass || c.symbol || '').toUpperCase();
  const spec = FUTURE_SPECS[root];
  const fallback = spec?.tickSize ?? 0.01;
  log.warn(
    `ib: contract ${c.localSymbol ?? c.symbol} (conId ${c.conId}) has minTick '${details.minTick}': ` +
      `using ${fallback} from ${spec ? `the ${root} futures spec` : 'the stock default'}`,
  );
  return fallback;
}

function venueOf(exchange: string | undefined): string {
  const e = (exchange ?? '').toUpperCase();
  return e === GLOBEX ? 'CME' : e;
}

/** `yyyyMMdd` or `yyyyMM` (possibly followed by a time) → year and month. */
function yearMonthOf(text: string | undefined): { year: number; month: number } | undefined {
  const m = /^(\d{4})(\d{2})/.exec((text ?? '').trim());
  if (!m) return undefined;
  return { year: Number(m[1]), month: Number(m[2]) };
}

/** Last trade time of an IB futures contract: the root's rule if known, else the end of `yyyyMMdd`. */
function expiryOf(details: ContractDetails): UnixMicros | undefined {
  const c = details.contract;
  const root = (c.tradingClass || c.symbol || '').toUpperCase();
  const ym = yearMonthOf(details.contractMonth) ?? yearMonthOf(c.lastTradeDateOrContractMonth);
  const spec = FUTURE_SPECS[root];
  if (spec && ym) return spec.lastTrade(ym.year, ym.month);
  const d = /^(\d{4})(\d{2})(\d{2})/.exec(details.realExpirationDate || c.lastTradeDateOrContractMonth || '');
  if (!d) return undefined;
  return Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3])) * 1000 + MICROS_PER_DAY - 1;
}

/**
 * When to stop holding a contract that expires at `expiry`: `businessDays` CME business days
 * earlier at the same Chicago wall-clock time (as `calendarRolls` in src/data/rolls.ts).
 */
export function rollTimeBefore(expiry: UnixMicros, businessDays: number): UnixMicros {
  const local = zonedParts(expiry, 'America/Chicago');
  const [y, m, d] = businessDaysBefore(local.date, businessDays, true).split('-').map(Number);
  return zonedTimeToUtc(y, m, d, local.hour, local.minute, 'America/Chicago');
}

/** Maps IB contract details to a Bourse instrument (futures: `ESZ5.CME`; stocks: `AAPL.NASDAQ`). */
export function instrumentFromDetails(details: ContractDetails, log: Log = silentLog): Instrument {
  const c = details.contract;
  const tick = tickSizeOf(details, log);
  const ccy = currency(c.currency || 'USD');
  if (c.secType === SecType.FUT) {
    const root = (c.tradingClass || c.symbol || '').toUpperCase();
    const ym = yearMonthOf(details.contractMonth) ?? yearMonthOf(c.lastTradeDateOrContractMonth);
    if (!ym)
      throw new IbContractError(`futures contract ${c.localSymbol} (conId ${c.conId}) has no contract month`);
    const multiplier = Number(c.multiplier);
    const spec = FUTURE_SPECS[root];
    if (spec?.months.includes(MONTH_CODES[ym.month - 1])) {
      const base = futureContract(root, ym.year, ym.month);
      const out: FutureContract = {
        ...base,
        exchange: venueOf(c.exchange) || base.exchange,
        currency: ccy,
        priceGrid: new Grid(tick),
        multiplier: multiplier > 0 ? multiplier : base.multiplier,
      };
      return out;
    }
    const venue = venueOf(c.exchange) || 'IB';
    const symbol = c.localSymbol || `${root}${MONTH_CODES[ym.month - 1]}${ym.year % 10}`;
    log.warn(`ib: ${symbol} is not a built-in futures root: margins are unknown (0)`);
    return {
      kind: 'future',
      id: `${symbol}.${venue}`,
      symbol,
      venue,
      root,
      exchange: venue,
      contractMonth: `${ym.year}${String(ym.month).padStart(2, '0')}`,
      expiry: expiryOf(details),
      currency: ccy,
      priceGrid: new Grid(tick),
      sizeGrid: new Grid(1),
      multiplier: multiplier > 0 ? multiplier : 1,
      initialMargin: 0,
      maintenanceMargin: 0,
      description: details.longName || symbol,
    };
  }
  if (c.secType === SecType.STK) {
    const venue = venueOf(c.primaryExch) || venueOf(c.exchange === 'SMART' ? '' : c.exchange) || 'SMART';
    const out: Equity = equity({
      symbol: (c.symbol ?? '').toUpperCase(),
      venue,
      priceIncrement: tick,
      currency: ccy,
      description: details.longName || c.symbol,
    });
    return out;
  }
  throw new IbContractError(
    `unsupported secType '${c.secType}' for ${c.localSymbol ?? c.symbol}: only FUT and STK map to instruments`,
  );
}

/**
 * A Bourse instrument as an IB contract to look up (without a conId): futures by local symbol,
 * stocks routed SMART with their primary exchange.
 */
export function contractForInstrument(instrument: Instrument): Contract {
  switch (instrument.kind) {
    case 'future':
      return {
        secType: SecType.FUT,
        symbol: instrument.root,
        localSymbol: instrument.symbol,
        lastTradeDateOrContractMonth: instrument.contractMonth || undefined,
        exchange: instrument.exchange,
        currency: instrument.currency.code,
      };
    case 'equity':
      return {
        secType: SecType.STK,
        symbol: instrument.symbol,
        exchange: 'SMART',
        primaryExch: instrument.venue === 'SMART' ? undefined : instrument.venue,
        currency: instrument.currency.code,
      };
    default:
      throw new IbContractError(
        `${instrument.id}: ${instrument.kind} instruments are not traded through IB here`,
      );
  }
}

interface Chain {
  readonly at: number;
  readonly contracts: readonly ResolvedContract[];
}

export class ContractResolver {
  private readonly byConId = new Map<number, ResolvedContract>();
  private readonly byQuery = new Map<string, number>();
  private readonly byInstrument = new Map<InstrumentId, number>();
  private readonly chains = new Map<string, Chain>();
  private readonly inflight = new Map<string, Promise<ResolvedContract[]>>();
  private readonly clock: { now(): UnixMicros };
  private readonly rollDays: Readonly<Record<string, number>>;
  private readonly chainTtlMs: number;
  private readonly log: Log;
  private requestCount = 0;

  constructor(
    private readonly requests: IbRequests,
    private readonly options: ContractResolverOptions = {},
  ) {
    this.clock = options.clock ?? { now: () => Date.now() * 1000 };
    this.rollDays = { ...DEFAULT_ROLL_BUSINESS_DAYS, ...(options.rollBusinessDays ?? {}) };
    this.chainTtlMs = options.chainTtlMs ?? 12 * 3_600_000;
    this.log = options.log ?? silentLog;
  }

  /** reqContractDetails requests this resolver sent. */
  get requestsSent(): number {
    return this.requestCount;
  }

  /** A contract resolved before, by conId. */
  byId(conId: number): ResolvedContract | undefined {
    return this.byConId.get(conId);
  }

  /** A contract resolved before, by Bourse instrument id. */
  byInstrumentId(id: InstrumentId): ResolvedContract | undefined {
    const conId = this.byInstrument.get(id);
    return conId === undefined ? undefined : this.byConId.get(conId);
  }

  /** Resolves one contract (cached); rejects with IbContractError if none or several match. */
  async resolve(spec: ContractSpec): Promise<ResolvedContract> {
    const s = this.normalize(spec);
    if (s.kind === 'front-month') return this.frontMonth(s.root, s.exchange, s.currency);
    const key = JSON.stringify(s);
    const cached = this.byQuery.get(key);
    if (cached !== undefined) {
      const hit = this.byConId.get(cached);
      if (hit) return hit;
    }
    if (s.kind === 'conId') {
      const hit = this.byConId.get(s.conId);
      if (hit) return hit;
    }
    const query = this.queryContract(s);
    const found = await this.lookup(key, query);
    if (found.length !== 1) {
      const list = found.map((r) => `${r.instrument.id} (conId ${r.conId})`).join(', ');
      throw new IbContractError(
        found.length === 0
          ? `no IB contract for ${key}`
          : `${key} is ambiguous: ${found.length} contracts match (${list}); name the exchange or month`,
      );
    }
    this.byQuery.set(key, found[0].conId);
    return found[0];
  }

  /** Resolves a Bourse instrument id (`ESZ5.CME`, `AAPL.NASDAQ`). */
  resolveInstrumentId(id: InstrumentId): Promise<ResolvedContract> {
    const hit = this.byInstrumentId(id);
    return hit ? Promise.resolve(hit) : this.resolve(id);
  }

  /**
   * The front month of a futures root at the clock's now: the listed contract with the nearest
   * expiry whose roll time (N business days before its last trade) has not passed.
   */
  async frontMonth(root: string, exchange?: string, ccy = 'USD'): Promise<ResolvedContract> {
    const r = root.toUpperCase();
    const spec = FUTURE_SPECS[r];
    const ex = (exchange ?? spec?.exchange ?? '').toUpperCase();
    const chainKey = `chain|${r}|${ex}|${ccy}`;
    const nowMicros = this.clock.now();
    let chain = this.chains.get(chainKey);
    if (chain === undefined || Date.now() - chain.at > this.chainTtlMs) {
      const contracts = await this.lookup(chainKey, {
        secType: SecType.FUT,
        symbol: r,
        exchange: ex || undefined,
        currency: ccy,
      });
      chain = { at: Date.now(), contracts };
      this.chains.set(chainKey, chain);
    }
    const days = this.rollDays[r] ?? 0;
    const dated = chain.contracts
      .map((c) => ({ c, expiry: c.instrument.kind === 'future' ? c.instrument.expiry : undefined }))
      .filter((x): x is { c: ResolvedContract; expiry: UnixMicros } => x.expiry !== undefined)
      .sort((a, b) => a.expiry - b.expiry);
    for (const { c, expiry } of dated) if (nowMicros < rollTimeBefore(expiry, days)) return c;
    throw new IbContractError(
      `no ${r} contract left to hold at ${new Date(nowMicros / 1000).toISOString()} ` +
        `(${dated.length} listed, rolling ${days} business days before expiry)`,
    );
  }

  /** The IB contract to use in requests for a resolved instrument (conId + exchange). */
  contractFor(id: InstrumentId): Contract | undefined {
    return this.byInstrumentId(id)?.contract;
  }

  private normalize(spec: ContractSpec): Exclude<ContractSpec, string> {
    if (typeof spec !== 'string') return spec;
    let text = spec.trim().toUpperCase();
    let venue: string | undefined;
    if (text.includes('.')) {
      const id = parseInstrumentId(text);
      text = id.symbol;
      venue = id.venue;
    }
    if (FUTURE_SPECS[text] && venue === undefined) return { kind: 'front-month', root: text };
    const m = /^(\d?[A-Z]+?)([FGHJKMNQUVXZ])(\d{1,2})$/.exec(text);
    if (m && FUTURE_SPECS[m[1]]) return { kind: 'future', localSymbol: text, exchange: venue };
    return venue === undefined
      ? { kind: 'stock', symbol: text }
      : { kind: 'stock', symbol: text, primaryExchange: venue };
  }

  private queryContract(s: Exclude<ContractSpec, string>): Contract {
    switch (s.kind) {
      case 'future': {
        const m = /^(\d?[A-Z]+?)[FGHJKMNQUVXZ]\d{1,2}$/.exec(s.localSymbol.toUpperCase());
        const root = m?.[1];
        return {
          secType: SecType.FUT,
          symbol: root,
          localSymbol: s.localSymbol.toUpperCase(),
          exchange: s.exchange ?? (root ? FUTURE_SPECS[root]?.exchange : undefined),
        };
      }
      case 'stock':
        return {
          secType: SecType.STK,
          symbol: s.symbol.toUpperCase(),
          exchange: s.exchange ?? 'SMART',
          primaryExch: s.primaryExchange,
          currency: s.currency ?? 'USD',
        };
      case 'conId':
        return { conId: s.conId, exchange: s.exchange };
      default:
        throw new IbContractError(`cannot build a query for ${JSON.stringify(s)}`);
    }
  }

  /** One reqContractDetails per key at a time; results cached by conId and instrument id. */
  private lookup(key: string, query: Contract): Promise<ResolvedContract[]> {
    const running = this.inflight.get(key);
    if (running) return running;
    this.requestCount++;
    const p = this.requests
      .contractDetails(query, this.options.request)
      .then((list) => list.map((d) => this.remember(d)))
      .finally(() => this.inflight.delete(key));
    this.inflight.set(key, p);
    return p;
  }

  private remember(details: ContractDetails): ResolvedContract {
    const c = details.contract;
    const conId = c.conId ?? 0;
    const existing = this.byConId.get(conId);
    if (existing) return existing;
    const instrument = instrumentFromDetails(details, this.log);
    const resolved: ResolvedContract = {
      conId,
      contract: { conId, exchange: c.exchange, secType: c.secType, symbol: c.symbol, currency: c.currency },
      details,
      instrument,
    };
    if (conId > 0) this.byConId.set(conId, resolved);
    this.byInstrument.set(instrument.id, conId);
    return resolved;
  }
}
