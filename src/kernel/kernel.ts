import { MessageBus } from '../core/bus.js';
import { Cache } from '../core/cache.js';
import type { Clock } from '../core/clock.js';
import { type Log, silentLog } from '../core/log.js';
import { DataEngine } from '../data/engine.js';
import { ContingencyManager } from '../execution/contingency.js';
import { ExecutionEngine } from '../execution/engine.js';
import type { Account } from '../model/account.js';
import type { MarketData } from '../model/data.js';
import type { Instrument } from '../model/instruments.js';
import { Portfolio } from '../portfolio/portfolio.js';
import { type CommissionEstimator, type RiskConfig, RiskEngine } from '../risk/engine.js';
import { type AuditSink, KillSwitch } from '../risk/kill-switch.js';
import { MarginMonitor } from '../risk/margin-monitor.js';
import type { Strategy } from '../strategy/strategy.js';

export interface KernelConfig {
  readonly clock: Clock;
  readonly risk?: RiskConfig;
  readonly estimateCommission?: CommissionEstimator;
  readonly log?: Log;
  /** Where the kill switch (and other audited commands) are recorded. */
  readonly audit?: AuditSink;
  /** Bars of history kept per bar type in the cache. */
  readonly barCapacity?: number;
}

/**
 * One trading kernel: clock, bus, cache, data/risk/execution engines, portfolio and strategies,
 * wired the same way whatever the mode. Only the clock, the data source and the venue clients
 * differ between backtest, paper and live.
 */
export class Kernel {
  readonly clock: Clock;
  readonly bus = new MessageBus();
  readonly cache: Cache;
  readonly data: DataEngine;
  readonly portfolio: Portfolio;
  readonly execution: ExecutionEngine;
  readonly risk: RiskEngine;
  readonly contingencies: ContingencyManager;
  readonly marginMonitor: MarginMonitor;
  /** Halts trading, cancels every open order and flattens every position (audited). */
  readonly killSwitch: KillSwitch;
  readonly log: Log;
  private readonly strategyList: Strategy<object>[] = [];

  constructor(config: KernelConfig) {
    this.clock = config.clock;
    this.log = config.log ?? silentLog;
    this.cache = new Cache(config.barCapacity);
    this.data = new DataEngine(this.bus, this.cache);
    this.portfolio = new Portfolio(this.bus, this.cache);
    this.execution = new ExecutionEngine(this.bus, this.cache, this.clock, this.portfolio);
    this.risk = new RiskEngine(
      this.cache,
      this.clock,
      this.portfolio,
      this.execution,
      config.risk,
      config.estimateCommission,
      this.log,
      this.bus,
    );
    this.contingencies = new ContingencyManager(this.cache, {
      submit: (order) => this.risk.submit(order),
      cancel: (order) => this.risk.cancel(order),
      modify: (order, changes) => {
        const denial = this.risk.modify(order, changes);
        if (denial)
          this.log.warn(
            `contingent resize of ${order.clientOrderId} denied: ${denial.code}: ${denial.reason}`,
          );
      },
    });
    this.execution.onOrderEvent = (order, event) => this.contingencies.onEvent(order, event);
    // Venues that take brackets natively (IB) get parent and exits together.
    this.execution.brackets = this.contingencies;
    this.marginMonitor = new MarginMonitor(
      this.cache,
      this.portfolio,
      this.risk,
      this.clock,
      this.bus,
      this.log,
    );
    this.killSwitch = new KillSwitch(this.cache, this.risk, this.clock, this.bus, config.audit, this.log);
  }

  addInstrument(instrument: Instrument): void {
    this.cache.addInstrument(instrument);
  }

  addAccount(venue: string, account: Account): void {
    this.portfolio.registerAccount(venue, account);
  }

  addStrategy(strategy: Strategy<object>): void {
    if (this.strategyList.some((s) => s.id === strategy.id))
      throw new RangeError(`strategy id '${strategy.id}' is used twice`);
    strategy.register({
      clock: this.clock,
      cache: this.cache,
      bus: this.bus,
      portfolio: this.portfolio,
      data: this.data,
      // Order commands bound to this strategy's id: never the risk or execution engine itself.
      risk: this.risk.commandsFor(strategy.id),
      contingencies: this.contingencies,
      log: this.log,
    });
    this.strategyList.push(strategy);
  }

  get strategies(): readonly Strategy<object>[] {
    return this.strategyList;
  }

  /**
   * One data point through the kernel, in any mode: the portfolio marks to it, margins are
   * checked, then the data engine hands it to strategies. Book updates go through the book first
   * (the portfolio marks to the trade and quote derived from it before strategies see any of them);
   * depth snapshots and status changes only inform strategies.
   */
  handleData(item: MarketData): void {
    const { portfolio, marginMonitor, data } = this;
    if (item.kind === 'book' || item.kind === 'book-level') {
      const feed = data.applyBook(item);
      if (feed.trade !== undefined) portfolio.onData(feed.trade);
      if (feed.quote !== undefined) portfolio.onData(feed.quote);
      if (portfolio.inMarket) marginMonitor.check();
      data.publishBook(item, feed);
    } else if (item.kind === 'book-depth' || item.kind === 'status') {
      data.process(item);
    } else {
      portfolio.onData(item);
      if (portfolio.inMarket) marginMonitor.check();
      data.process(item);
    }
  }

  start(): void {
    for (const strategy of this.strategyList) strategy.start();
  }

  stop(): void {
    for (const strategy of this.strategyList) if (strategy.isRunning) strategy.stop();
  }

  dispose(): void {
    for (const strategy of this.strategyList) if (strategy.state !== 'disposed') strategy.dispose();
  }
}
