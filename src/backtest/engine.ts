import { TestClock } from '../core/clock.js';
import type { Log } from '../core/log.js';
import type { ExecutionClient } from '../execution/engine.js';
import { Kernel } from '../kernel/kernel.js';
import { Account, type AccountType } from '../model/account.js';
import { type Currency, USD } from '../model/currency.js';
import type { BarType, MarketData } from '../model/data.js';
import type { OrderType } from '../model/enums.js';
import type { InstrumentId } from '../model/identifiers.js';
import type { Instrument } from '../model/instruments.js';
import type { OrderEvent } from '../model/order-events.js';
import type { TradingSession } from '../model/sessions.js';
import { type TradingDayOf, utcDay } from '../model/time.js';
import type { OmsType } from '../portfolio/position-book.js';
import type { RiskConfig } from '../risk/engine.js';
import type { AuditSink } from '../risk/kill-switch.js';
import type { Strategy } from '../strategy/strategy.js';
import type { IntrabarPath } from './bar-fills.js';
import { type CommissionModel, validateCommission } from './commission.js';
import { type FillTiming, type QuoteDepth, SimulatedExchange } from './exchange.js';
import { type FeeModel, fromCommissionModel } from './fees/index.js';
import type { LatencyModel } from './latency.js';
import type { QueueModel } from './matching/index.js';
import { assertTimeSorted, type BatchSource, mergeByTime, openBatchMerge } from './merge.js';
import { type BacktestResult, buildResult } from './result.js';
import type { SlippageModel } from './slippage/index.js';
import type { PriceBand } from './venue-rules.js';

export interface VenueConfig {
  readonly name: string;
  /** `cash` books stocks at full notional; `margin` also allows futures with margin. */
  readonly accountType: AccountType;
  readonly startingCash: number;
  readonly currency?: Currency;
  readonly fill?: FillTiming;
  readonly commission?: CommissionModel;
  /** A full fee schedule (e.g. `fees.ibFees()`); replaces `commission` when given. */
  readonly fees?: FeeModel;
  /** Slippage of taker fills; seeded by `seed` (default 1) so runs repeat exactly. */
  readonly slippage?: SlippageModel;
  readonly seed?: number;
  /** Bars: at most this fraction of each bar's volume is ours (partial fills beyond it). */
  readonly volumeParticipation?: number;
  /**
   * The venue's trading session: DAY orders expire and futures settle at its day boundaries, and
   * at-the-open/close orders execute at its opens and closes.
   */
  readonly session?: TradingSession;
  /** The order a bar visits its high and low in (default `proximity`). */
  readonly intrabarPath?: IntrabarPath;
  /** Quotes: what fills beyond the displayed size at the touch (default `slippage`). */
  readonly quoteDepth?: QuoteDepth;
  /** Command, acknowledgement and fill delays (µs). */
  readonly latency?: LatencyModel;
  /** Limit and trigger prices farther than this from the last price are rejected. */
  readonly priceBand?: PriceBand;
  /** Reject orders arriving while `session` is closed (default false). */
  readonly rejectWhenClosed?: boolean;
  /** Order types the venue takes (default all); the kernel emulates stops and the like it lacks. */
  readonly supportedOrderTypes?: readonly OrderType[];
  /** L2 books: how feed cancels move our estimated queue position (default `proportional`). */
  readonly queueModel?: QueueModel;
  /**
   * How fills become strategy positions on this venue (default: the backtest's `oms`, else
   * `netting`). The account and the venue see the net either way. docs/portfolio.md.
   */
  readonly oms?: OmsType;
}

export interface BacktestConfig {
  readonly venues: readonly VenueConfig[];
  readonly risk?: RiskConfig;
  readonly log?: Log;
  readonly barCapacity?: number;
  /** Called every `progressEvery` data points and at the end. */
  readonly onProgress?: (done: number, total: number) => void;
  readonly progressEvery?: number;
  /** Puts something between the kernel and the simulated venues (a paper session's journal). */
  readonly venueLink?: VenueLink;
  /** Where the kill switch and other audited commands are recorded. */
  readonly audit?: AuditSink;
  /** Default order-management type of every venue (`netting` unless set). docs/portfolio.md. */
  readonly oms?: OmsType;
  /** Per-strategy order-management type; wins over the venue's. */
  readonly strategyOms?: Readonly<Record<string, OmsType>>;
  /**
   * Fixed FX rates, `{ 'EUR/USD': 1.08 }` (one EUR is 1.08 USD), for instruments quoted in
   * another currency than their account. Without one, rates come from FX instruments' data.
   */
  readonly fx?: Readonly<Record<string, number>>;
}

/** The id of the account a backtest or paper session opens on a venue. */
export const venueAccountId = (venue: string): string => `${venue}-001`;

/**
 * What passes between the kernel and a simulated venue, for a paper session that must persist every
 * command and event before acting on it (src/live/journal-link.ts). With a link, the engine sends
 * commands through `client(venue)`, hands venue events to `venueEvent` instead of applying them,
 * and, whenever `pending` is set after the venue or the kernel has handled a data point, waits for
 * `settle()` (which persists and then acts) before going on. Only `runAsync` takes a link.
 */
export interface VenueLink {
  client(venue: ExecutionClient): ExecutionClient;
  venueEvent(event: OrderEvent, apply: (event: OrderEvent) => void): void;
  readonly pending: boolean;
  settle(): Promise<void>;
}

/**
 * Runs strategies over historical data: merges the data streams by time, advances the test clock
 * to each item (firing due timers first), lets the simulated exchange match working orders
 * against it, marks the portfolio, then hands it to the strategies. Same inputs, same fills.
 */
export class BacktestEngine {
  readonly clock = new TestClock(0);
  readonly kernel: Kernel;
  private readonly exchanges = new Map<string, SimulatedExchange>();
  private readonly exchangeByInstrument = new Map<InstrumentId, SimulatedExchange>();
  private readonly streams: MarketData[][] = [];
  private readonly sources: { source: BatchSource; name: string; expectedCount?: number }[] = [];
  private readonly venueConfigs: readonly VenueConfig[];
  private hasRun = false;

  constructor(private readonly config: BacktestConfig) {
    if (config.venues.length === 0) throw new RangeError('a backtest needs at least one venue');
    this.venueConfigs = config.venues;
    const commissions = new Map(
      config.venues.map((v) => [v.name, validateCommission(v.commission ?? { kind: 'none' })]),
    );
    const feeModels = new Map(
      config.venues.map((v) => [v.name, v.fees ?? fromCommissionModel(commissions.get(v.name)!)]),
    );
    this.kernel = new Kernel({
      clock: this.clock,
      risk: config.risk,
      log: config.log,
      barCapacity: config.barCapacity,
      audit: config.audit,
      // Affordability assumes the dearer case: a taker fill at the reference price.
      estimateCommission: (instrument, quantity, price) =>
        feeModels
          .get(instrument.venue)
          ?.feeFor(
            { instrument, side: 'buy', quantity, price, liquidity: 'taker', orderType: 'market' },
            { monthlyVolume: 0 },
          ).total ?? 0,
    });
    for (const [strategyId, oms] of Object.entries(config.strategyOms ?? {}))
      this.kernel.portfolio.setStrategyOms(strategyId, oms);
    for (const [pair, rate] of Object.entries(config.fx ?? {})) {
      const [from, to] = pair.split('/');
      if (!from || !to) throw new RangeError(`fx: '${pair}' is not a pair like 'EUR/USD'`);
      this.kernel.portfolio.fx.set(from, to, rate);
    }
    for (const venue of config.venues) {
      const account = new Account(
        venueAccountId(venue.name),
        venue.accountType,
        venue.currency ?? USD,
        venue.startingCash,
      );
      this.kernel.addAccount(venue.name, account);
      const tradingDay = venue.session ? sessionDay(venue.session) : utcDay;
      if (venue.session) this.kernel.risk.setSession(venue.name, venue.session);
      this.kernel.portfolio.setTradingDay(venue.name, tradingDay);
      this.kernel.portfolio.setVenueOms(venue.name, venue.oms ?? config.oms ?? 'netting');
      const exchange = new SimulatedExchange(
        {
          venue: venue.name,
          fill: venue.fill ?? 'next-open',
          commission: commissions.get(venue.name)!,
          fees: feeModels.get(venue.name),
          slippage: venue.slippage,
          seed: venue.seed,
          volumeParticipation: venue.volumeParticipation,
          tradingDay,
          session: venue.session,
          intrabarPath: venue.intrabarPath,
          quoteDepth: venue.quoteDepth,
          latency: venue.latency,
          priceBand: venue.priceBand,
          rejectWhenClosed: venue.rejectWhenClosed,
          supportedOrderTypes: venue.supportedOrderTypes,
          queueModel: venue.queueModel,
        },
        this.clock,
        this.kernel.cache,
        config.venueLink
          ? (event) => config.venueLink!.venueEvent(event, (e) => this.kernel.execution.process(e))
          : (event) => this.kernel.execution.process(event),
        (instrument, side, quantity, price, commission) =>
          account.canAfford(instrument, side, quantity, price, commission),
      );
      this.exchanges.set(venue.name, exchange);
      this.kernel.execution.registerClient(config.venueLink ? config.venueLink.client(exchange) : exchange);
    }
  }

  addInstrument(instrument: Instrument): void {
    const exchange = this.exchanges.get(instrument.venue);
    if (!exchange) {
      throw new RangeError(
        `instrument ${instrument.id} trades on venue '${instrument.venue}', which this backtest has no config for`,
      );
    }
    if (instrument.kind === 'future') {
      const venue = this.venueConfigs.find((v) => v.name === instrument.venue)!;
      if (venue.accountType !== 'margin')
        throw new RangeError(`futures ${instrument.id} need a margin account on ${venue.name}`);
    }
    this.kernel.addInstrument(instrument);
    this.exchangeByInstrument.set(instrument.id, exchange);
  }

  /** Adds one time-sorted stream (bars of one type, or ticks of one instrument). */
  addData(stream: MarketData[], name = `stream ${this.streams.length + 1}`): void {
    assertTimeSorted(stream, name);
    for (const item of [stream[0], stream[stream.length - 1]]) if (item) this.checkInstrument(item, name);
    this.streams.push(stream);
  }

  /**
   * Adds one time-sorted stream that arrives in batches (a catalog query): run it with `runAsync`,
   * which holds one batch per stream, so memory stays flat however long the stream is (the equity
   * curve still keeps 3 numbers per data point). `expectedCount`, when known, is the progress total.
   */
  addDataSource(
    source: BatchSource,
    name = `stream ${this.streams.length + this.sources.length + 1}`,
    expectedCount?: number,
  ): void {
    this.sources.push({ source, name, expectedCount });
  }

  addStrategy(strategy: Strategy<object>): void {
    this.kernel.addStrategy(strategy);
  }

  /** Runs over the streams added with `addData` (all in memory). */
  run(): BacktestResult {
    if (this.sources.length > 0) throw new RangeError('batched data sources need runAsync()');
    if (this.config.venueLink) throw new RangeError('a venue link needs runAsync()');
    const total = this.streams.reduce((n, s) => n + s.length, 0);
    const first = this.streams.reduce(
      (t, s) => (s.length > 0 ? Math.min(t, s[0].tsEvent) : t),
      Number.POSITIVE_INFINITY,
    );
    const pass = this.begin(first, total, true);
    return pass.finish(mergeByTime(this.streams, pass.visit));
  }

  /** Runs over the streams of `addData` and `addDataSource` together, batch by batch. */
  async runAsync(): Promise<BacktestResult> {
    const sources = [
      ...this.streams.map((stream, i) => ({ source: oneBatch(stream), name: `stream ${i + 1}` })),
      ...this.sources,
    ];
    const merge = await openBatchMerge(sources, (batch, name) => {
      this.checkInstrument(batch[0], name);
      this.checkInstrument(batch[batch.length - 1], name);
    });
    const total =
      this.streams.reduce((n, s) => n + s.length, 0) +
      this.sources.reduce((n, s) => n + (s.expectedCount ?? 0), 0);
    const pass = this.begin(merge.first, total, false);
    const link = this.config.venueLink;
    if (!link) return pass.finish(await merge.drain(pass.visit));
    // Each data point in two phases, the venue's then the kernel's, each settled before the next.
    const settled = (): Promise<void> | undefined => (link.pending ? link.settle() : undefined);
    await settled(); // orders strategies sent as they started
    const count = await merge.drain((item, index) => {
      pass.venuePhase(item, index);
      const afterVenue = settled();
      if (afterVenue) return afterVenue.then(() => pass.kernelPhase(item, index)).then(settled);
      pass.kernelPhase(item, index);
      return settled();
    });
    await settled();
    const result = pass.finish(count);
    await settled();
    return result;
  }

  private checkInstrument(item: MarketData, name: string): void {
    const id = item.kind === 'bar' ? item.barType.instrumentId : item.instrumentId;
    if (!this.exchangeByInstrument.has(id))
      throw new RangeError(`${name}: add instrument ${id} before its data`);
  }

  /**
   * Starts the kernel at `first` and returns the step applied to each data point in time order,
   * and the end of the run. `exact`: `total` is the exact count (the curves are preallocated).
   */
  private begin(
    first: number,
    total: number,
    exact: boolean,
  ): {
    visit: (item: MarketData, index: number) => void;
    venuePhase: (item: MarketData, index: number) => void;
    kernelPhase: (item: MarketData, index: number) => void;
    finish: (count: number) => BacktestResult;
  } {
    if (this.hasRun) throw new RangeError('a BacktestEngine runs once; create a new one for another run');
    this.hasRun = true;
    const started = performance.now();
    if (Number.isFinite(first)) this.clock.setTime(first);
    const { kernel, clock, exchangeByInstrument } = this;
    const portfolio = kernel.portfolio;
    // Preallocated when the count is known: growing three million-element arrays by push costs
    // more than the kernel work. (Filled in index order either way.)
    const equityTime = exact ? new Array<number>(total) : [];
    const equityValue = exact ? new Array<number>(total) : [];
    const inMarket = exact ? new Array<number>(total) : [];
    // Exposure is only computed while a position is open; flat samples record zeros.
    const grossExposure = exact ? new Array<number>(total) : [];
    const netExposure = exact ? new Array<number>(total) : [];
    const leverage = exact ? new Array<number>(total) : [];
    const sample = { gross: 0, net: 0 };
    const priceTime: number[] = [];
    const priceClose: number[] = [];
    let priceBarType: BarType | undefined;
    const progressEvery = this.config.progressEvery ?? 65_536;
    const onProgress = this.config.onProgress;

    kernel.log.debug(`backtest started: ${exact ? total : 'streamed'} data points`);
    kernel.start();
    /** The venue's part of a data point: time moves, the venue matches working orders against it. */
    const venuePhase = (item: MarketData, index: number): void => {
      const ts = item.tsEvent;
      portfolio.dataIndex = index; // fills record the data point they happen on
      if (clock.nextDue <= ts) clock.advanceTo(ts);
      else clock.setTime(ts);
      if (item.kind === 'bar') exchangeByInstrument.get(item.barType.instrumentId)!.processBar(item);
      else if (item.kind === 'trade') exchangeByInstrument.get(item.instrumentId)!.processTrade(item);
      else if (item.kind === 'quote') exchangeByInstrument.get(item.instrumentId)!.processQuote(item);
      else if (item.kind === 'book') exchangeByInstrument.get(item.instrumentId)!.processBook(item);
      else if (item.kind === 'book-level')
        exchangeByInstrument.get(item.instrumentId)!.processBookLevel(item);
    };
    /** The kernel's part: the portfolio marks, strategies see the data, equity is recorded. */
    const kernelPhase = (item: MarketData, index: number): void => {
      const ts = item.tsEvent;
      if (item.kind === 'bar') {
        priceBarType ??= item.barType;
        if (item.barType === priceBarType) {
          priceTime.push(ts);
          priceClose.push(item.close);
        }
      }
      kernel.handleData(item);
      equityTime[index] = ts;
      const equity = portfolio.totalEquity();
      equityValue[index] = equity;
      if (portfolio.inMarket) {
        inMarket[index] = 1;
        portfolio.sampleExposure(sample);
        const gross = sample.gross;
        grossExposure[index] = gross;
        netExposure[index] = sample.net;
        leverage[index] = gross === 0 ? 0 : equity > 0 ? gross / equity : Number.POSITIVE_INFINITY;
      } else {
        inMarket[index] = 0;
        grossExposure[index] = 0;
        netExposure[index] = 0;
        leverage[index] = 0;
      }
      if (onProgress !== undefined && (index + 1) % progressEvery === 0)
        onProgress(index + 1, Math.max(total, index + 1));
    };
    const visit = (item: MarketData, index: number): void => {
      venuePhase(item, index);
      kernelPhase(item, index);
    };
    const finish = (count: number): BacktestResult => {
      kernel.stop();
      portfolio.settleAll();
      onProgress?.(count, count);
      kernel.log.debug(
        `backtest finished: ${count} data points, ${portfolio.fills.length} fills in ${(performance.now() - started).toFixed(0)} ms`,
      );
      return buildResult({
        kernel,
        startingCash: this.venueConfigs.reduce((sum, v) => sum + v.startingCash, 0),
        currency: this.venueConfigs[0].currency ?? USD,
        equity: { time: equityTime, equity: equityValue, inMarket },
        exposure: { gross: grossExposure, net: netExposure, leverage },
        prices: { instrumentId: priceBarType?.instrumentId ?? '', time: priceTime, close: priceClose },
        dataCount: count,
        elapsedMs: performance.now() - started,
      });
    };
    return { visit, venuePhase, kernelPhase, finish };
  }
}

/** An in-memory stream as a batch source of one batch. */
async function* oneBatch(stream: readonly MarketData[]): BatchSource {
  yield stream;
}

/** Trading day of a session as a day number: Globex's Monday session starts on Sunday evening. */
function sessionDay(session: TradingSession): TradingDayOf {
  return (ts) => Date.parse(`${session.sessionDate(ts)}T00:00:00Z`) / 86_400_000;
}
