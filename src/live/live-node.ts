/**
 * The live trading node: the same kernel as a backtest, with a live clock, a broker's market data
 * and execution (ports.ts), and the session journal in between (persist before acting).
 *
 * Start-up: the journal's orders and events are restored into the kernel (orders, fills,
 * positions), the broker side learns which orders and executions are already booked, and the node
 * reconciles with the broker's report — booking what it missed, adopting orders placed outside
 * Bourse — before any strategy starts. If a difference remains unexplained, trading is halted.
 * After a reconnect it reconciles again. Every input (a data point, a broker report, a
 * reconciliation) runs to completion, journal commit included, before the next.
 *
 * `stop()` is the graceful shutdown: data stops, strategies stop, working orders are optionally
 * canceled (waiting for the broker to confirm), and strategy state and the account are saved.
 */
import { type Clock, LiveClock } from '../core/clock.js';
import { type Log, silentLog } from '../core/log.js';
import { Kernel } from '../kernel/kernel.js';
import { Account, type AccountType } from '../model/account.js';
import { type Currency, USD } from '../model/currency.js';
import type { MarketData } from '../model/data.js';
import type { Instrument } from '../model/instruments.js';
import type { OmsType } from '../portfolio/position-book.js';
import { type Correction, type ReconciliationReport, reconcile } from '../portfolio/reconciliation.js';
import type { CommissionEstimator, RiskConfig } from '../risk/engine.js';
import type { AuditSink, KillSwitchRequest, KillSwitchSummary } from '../risk/kill-switch.js';
import type { SavedStrategyState } from '../strategy/state.js';
import type { Strategy } from '../strategy/strategy.js';
import { applyBrokerItem } from './broker-items.js';
import { internalSnapshot } from './internal-snapshot.js';
import type { SessionJournal } from './journal.js';
import { JournalLink } from './journal-link.js';
import { knownOrders, nextOrderSequence, restoreJournal } from './journal-restore.js';
import type { AccountState } from './paper-session.js';
import type { BrokerConnection, BrokerExecution, LiveDataFeed } from './ports.js';
import { SerialQueue } from './serial-queue.js';

export interface LiveNodeOptions {
  readonly instruments: readonly Instrument[];
  readonly strategies: readonly Strategy<object>[];
  readonly broker: BrokerExecution;
  readonly data: LiveDataFeed;
  /** The broker connection: the node reconciles again after every reconnect. */
  readonly connection?: BrokerConnection;
  readonly journal: SessionJournal;
  /** The broker account's type, currency and cash when the node starts (e.g. IB TotalCashValue). */
  readonly account: { readonly type: AccountType; readonly balance: number; readonly currency?: Currency };
  readonly clock?: Clock;
  readonly log?: Log;
  /** Always on: omitted limits still run the engine's standing checks. */
  readonly risk?: RiskConfig;
  readonly estimateCommission?: CommissionEstimator;
  readonly audit?: AuditSink;
  readonly oms?: OmsType;
  readonly loadStrategyState?: (strategyId: string) => Promise<SavedStrategyState | undefined>;
  readonly saveStrategyState?: (strategyId: string, state: SavedStrategyState) => Promise<void>;
  readonly saveAccount?: (snapshot: AccountState) => Promise<void>;
}

export interface LiveNodeStatus {
  readonly dataPoints: number;
  readonly brokerItems: { readonly applied: number; readonly duplicate: number; readonly refused: number };
  readonly reconciliations: readonly ReconciliationReport[];
  readonly errors: readonly string[];
}

export interface StopOptions {
  /** Cancel every working order before stopping (default false: they keep working at the broker). */
  readonly cancelOrders?: boolean;
  /** How long to wait for the broker to confirm the cancels (default 5 s). */
  readonly timeoutMs?: number;
}

export class LiveNode {
  private readonly inbox: SerialQueue;
  private readonly unsubscribe: (() => void)[] = [];
  private dataPoints = 0;
  private readonly counts = { applied: 0, duplicate: 0, refused: 0 };
  private readonly reports: ReconciliationReport[] = [];
  private readonly errors: string[] = [];
  private stopped = false;

  private constructor(
    readonly kernel: Kernel,
    private readonly link: JournalLink,
    private readonly options: LiveNodeOptions,
  ) {
    this.inbox = new SerialQueue((error) => this.fail(error));
  }

  static async start(options: LiveNodeOptions): Promise<LiveNode> {
    const clock = options.clock ?? new LiveClock();
    const kernel = new Kernel({
      clock,
      risk: options.risk,
      log: options.log ?? silentLog,
      audit: options.audit,
      estimateCommission: options.estimateCommission,
    });
    const { broker } = options;
    const account = new Account(
      broker.accountId,
      options.account.type,
      options.account.currency ?? USD,
      options.account.balance,
    );
    const venues = [...new Set(options.instruments.map((i) => i.venue))];
    for (const venue of venues) {
      kernel.addAccount(venue, account);
      kernel.portfolio.setVenueOms(venue, options.oms ?? 'netting');
    }
    for (const instrument of options.instruments) kernel.addInstrument(instrument);

    const existing = await options.journal.read();
    restoreJournal(kernel, existing);
    const link = JournalLink.continuing(options.journal, existing);
    link.attach(kernel);
    broker.restore(knownOrders(kernel, broker.externalIdOf?.bind(broker)));
    for (const venue of venues) kernel.execution.registerClient(link.client(broker.clientFor(venue)));

    const node = new LiveNode(kernel, link, options);
    node.unsubscribe.push(broker.onItem((item) => node.inbox.push(() => node.brokerItem(item))));
    await node.reconcileNow('start-up');

    for (const strategy of options.strategies) {
      kernel.addStrategy(strategy);
      const saved = await options.loadStrategyState?.(strategy.id);
      const sequence = nextOrderSequence(kernel, strategy.id);
      strategy.loadState(
        saved && saved.orderSequence >= sequence
          ? saved
          : { orderSequence: sequence, custom: saved?.custom ?? null },
      );
    }
    kernel.start();
    if (options.connection) {
      node.unsubscribe.push(
        options.connection.on((event) => {
          if (event.kind === 'ready' && event.reconnected) node.reconcile('reconnect');
          else if (event.kind === 'disconnected') kernel.log.warn(`broker disconnected: ${event.reason}`);
        }),
      );
    }
    await options.data.start((item) => node.onData(item));
    return node;
  }

  get status(): LiveNodeStatus {
    return {
      dataPoints: this.dataPoints,
      brokerItems: { ...this.counts },
      reconciliations: this.reports,
      errors: this.errors,
    };
  }

  /** Pulls the kill switch (journaled, audited): halts, cancels every order, flattens every position. */
  kill(request: KillSwitchRequest): Promise<KillSwitchSummary> {
    const { actor, source, reason } = request;
    return this.run(() => {
      this.link.record({ type: 'kill', dataIndex: this.dataPoints, actor, source, reason });
      return this.kernel.killSwitch.engage(request);
    });
  }

  /** Queues a reconciliation with the broker (after a reconnect, or on an operator's request). */
  reconcile(trigger: string): void {
    this.inbox.push(async () => {
      await this.reconcileNow(trigger);
    });
  }

  /**
   * Resolves once everything the broker sent before the call is handled, the commands that caused
   * are written, and the broker's answers to them are handled too. The feed's flush is a round trip
   * to the broker (messages on one connection arrive in order), so two of them bracket the work.
   */
  async sync(): Promise<void> {
    const { broker, data } = this.options;
    await data.flush?.();
    await this.inbox.idle();
    await broker.idle?.();
    await data.flush?.();
    await broker.idle?.();
    await this.inbox.idle();
  }

  async stop(options: StopOptions = {}): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    const { kernel } = this;
    await this.options.data.stop();
    await this.inbox.idle();
    await this.run(() => kernel.stop());
    if (options.cancelOrders) await this.cancelWorking(options.timeoutMs ?? 5000);
    for (const strategy of kernel.strategies)
      await this.options.saveStrategyState?.(strategy.id, strategy.saveState());
    for (const account of kernel.portfolio.accounts()) {
      await this.options.saveAccount?.({
        accountId: account.id,
        ts: kernel.clock.now(),
        balance: account.cashInBase,
        equity: account.equity,
        margin: account.marginUsed,
        currency: account.currency.code,
      });
    }
    for (const off of this.unsubscribe.splice(0)) off();
    if (kernel.clock instanceof LiveClock) kernel.clock.cancelAll();
  }

  private onData(item: MarketData): void {
    if (this.stopped) return;
    this.inbox.push(() => {
      this.kernel.portfolio.dataIndex = this.dataPoints++;
      this.kernel.handleData(item);
      return this.settle();
    });
  }

  private brokerItem(item: Correction): Promise<void> | undefined {
    this.counts[applyBrokerItem(this.kernel, this.link, item)]++;
    return this.settle();
  }

  private async reconcileNow(trigger: string): Promise<void> {
    const { kernel, options } = this;
    const report = await options.broker.brokerReport();
    const result = reconcile(
      internalSnapshot(kernel, {
        accountId: options.broker.accountId,
        externalIdOf: options.broker.externalIdOf?.bind(options.broker),
      }),
      report,
    );
    this.reports.push(result);
    for (const correction of result.corrections) {
      this.counts[applyBrokerItem(kernel, this.link, correction)]++;
      await this.settle();
    }
    const orphaned = kernel.contingencies.orphanedBracketLegs();
    if (orphaned.length > 0) {
      kernel.log.warn(
        `reconciliation (${trigger}): canceling ${orphaned.map((o) => o.clientOrderId).join(', ')}: their bracket lost an exit before the entry filled`,
      );
      for (const order of orphaned) kernel.execution.cancel(order);
      await this.settle();
    }
    const found = result.discrepancies.length;
    kernel.log.info(
      `reconciliation (${trigger}): ${result.matches.length} matched, ${found} discrepancies, ${result.corrections.length} corrections`,
    );
    if (!result.canTrade)
      kernel.risk.setTradingState('halted', 'reconciliation', `${trigger}: ${result.reasons.join('; ')}`);
  }

  /** Runs `act` in turn with the other inputs and commits what it produced. */
  private run<T>(act: () => T | Promise<T>): Promise<T> {
    return new Promise((resolve, reject) => {
      this.inbox.push(async () => {
        try {
          const result = await act();
          await this.settle();
          resolve(result);
        } catch (error) {
          reject(error);
        }
      });
    });
  }

  private async cancelWorking(timeoutMs: number): Promise<void> {
    const { kernel } = this;
    await this.run(() => {
      for (const order of kernel.cache.openOrders())
        if (order.status !== 'initialized') kernel.execution.cancel(order);
    });
    const deadline = Date.now() + timeoutMs;
    while (kernel.cache.openOrders().some((o) => o.status !== 'initialized') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      await this.inbox.idle();
    }
    const left = kernel.cache.openOrders().filter((o) => o.status !== 'initialized');
    if (left.length > 0)
      kernel.log.warn(
        `stop: ${left.length} orders not confirmed canceled within ${timeoutMs} ms: ${left.map((o) => o.clientOrderId).join(', ')}`,
      );
  }

  private settle(): Promise<void> | undefined {
    return this.link.pending ? this.link.settle() : undefined;
  }

  private fail(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.errors.push(message);
    this.kernel.log.error(`live node: ${message}`);
  }
}
