/**
 * A paper-trading session: the backtest kernel and simulated venue, fed with replayed data, with
 * every order, command and event journaled before it is acted on (journal-link.ts). Started again
 * on the same journal after a crash, it replays its data against the journal and carries on from
 * where the journal ends, with nothing lost or duplicated; run to the end, it gives exactly the
 * result of a session that never stopped.
 *
 * Inputs from outside the data (the kill switch) are taken between data points, journaled, and
 * pulled again at the same point by a replay. `stop()` ends the session after the data point in
 * hand (a graceful shutdown: the journal is complete and a restart resumes).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { BacktestEngine } from '../backtest/engine.js';
import type { BatchSource } from '../backtest/merge.js';
import {
  type BarBacktestOptions,
  type BarBacktestRun,
  barBacktestEngine,
  type StrategyChoice,
  strategyFrom,
} from '../backtest/run-file.js';
import type { BarSeries } from '../data/load-bars.js';
import type { Bar, MarketData } from '../model/data.js';
import type { AuditSink, KillSwitchRequest, KillSwitchSummary } from '../risk/kill-switch.js';
import type { SavedStrategyState } from '../strategy/state.js';
import type { SessionJournal } from './journal.js';
import { JournalLink, type JournalStats } from './journal-link.js';

export interface PaperSessionOptions extends Omit<BarBacktestOptions, 'venueLink' | 'audit'> {
  readonly journal: SessionJournal;
  readonly series: Pick<BarSeries, 'instrument' | 'barType'>;
  /** The session's bars, from the start of the session (a restart replays them). */
  readonly bars: readonly Bar[] | BatchSource;
  /** Data time runs this many times faster than the wall clock (default: as fast as it can). */
  readonly speed?: number;
  /** Where kill switch pulls are audited (only when they happen, not when a replay repeats them). */
  readonly audit?: AuditSink;
  /** Told of each kill switch pull, live or replayed. */
  readonly onKill?: (summary: KillSwitchSummary, replayed: boolean) => void;
  /** Where each strategy's state is saved when the session ends or stops (the store's strategy_state). */
  readonly saveStrategyState?: (strategyId: string, state: SavedStrategyState) => Promise<void>;
  /** Where each account's balances are recorded when the session ends or stops (account_snapshots). */
  readonly saveAccount?: (snapshot: AccountState) => Promise<void>;
}

/** An account at the end of a session, in its base currency. */
export interface AccountState {
  readonly accountId: string;
  readonly ts: number;
  readonly balance: number;
  readonly equity: number;
  readonly margin: number;
  readonly currency: string;
}

export interface PaperSessionRun extends BarBacktestRun {
  readonly journal: JournalStats;
  /** Whether `stop()` ended it before the data did. */
  readonly stopped: boolean;
  readonly kills: readonly KillSwitchSummary[];
}

export class PaperSession {
  private readonly pendingKills: KillSwitchRequest[] = [];
  private stopRequested = false;
  private readonly kills: KillSwitchSummary[] = [];

  private constructor(
    private readonly options: PaperSessionOptions,
    private readonly strategy: StrategyChoice,
    private readonly link: JournalLink,
    private readonly engine: BacktestEngine,
  ) {}

  static async open(options: PaperSessionOptions): Promise<PaperSession> {
    if (options.speed !== undefined && !(options.speed > 0))
      throw new RangeError(`speed must be positive, got ${options.speed}`);
    const strategy = strategyFrom(options);
    const link = new JournalLink(options.journal, await options.journal.read());
    let session: PaperSession | undefined;
    const audit: AuditSink | undefined = options.audit
      ? (entry) => (session?.link.replaying ? undefined : options.audit?.(entry))
      : undefined;
    const engine = barBacktestEngine({ ...options, venueLink: link, audit }, options.series, strategy);
    link.attach(engine.kernel);
    session = new PaperSession(options, strategy, link, engine);
    return session;
  }

  /** Whether the session is still replaying its journal. */
  get replaying(): boolean {
    return this.link.replaying;
  }

  /** Pulls the kill switch before the next data point (journaled, audited). */
  kill(request: KillSwitchRequest): void {
    this.pendingKills.push(request);
  }

  /** Ends the session after the data point in hand. */
  stop(): void {
    this.stopRequested = true;
  }

  async run(): Promise<PaperSessionRun> {
    const { options, engine, link } = this;
    const source: BatchSource = Array.isArray(options.bars)
      ? oneBatch(options.bars as readonly Bar[])
      : (options.bars as BatchSource);
    const paced = options.speed === undefined ? source : pace(source, options.speed);
    engine.addDataSource(this.controlled(paced), options.series.barType.key);
    const result = await engine.runAsync();
    if (!this.stopRequested) link.assertReplayed();
    for (const strategy of engine.kernel.strategies)
      await options.saveStrategyState?.(strategy.id, strategy.saveState());
    for (const account of engine.kernel.portfolio.accounts()) {
      await options.saveAccount?.({
        accountId: account.id,
        ts: engine.clock.now(),
        balance: account.cashInBase,
        equity: account.equity,
        margin: account.marginUsed,
        currency: account.currency.code,
      });
    }
    return {
      result,
      series: options.series,
      params: this.strategy.params,
      availableSeries: [],
      rolls: [],
      journal: link.stats,
      stopped: this.stopRequested,
      kills: this.kills,
    };
  }

  /** Hands the data over one item at a time, taking outside inputs (and the stop) in between. */
  private async *controlled(source: BatchSource): BatchSource {
    let index = 0;
    for await (const batch of source) {
      for (const item of batch) {
        if (this.stopRequested) return;
        for (;;) {
          const replayed = this.link.inputBefore(index);
          if (replayed) await this.pull(replayed, index, true);
          else break;
        }
        if (!this.link.replaying) {
          for (const request of this.pendingKills.splice(0)) await this.pull(request, index, false);
        }
        index++;
        yield [item];
      }
    }
  }

  private async pull(request: KillSwitchRequest, dataIndex: number, replayed: boolean): Promise<void> {
    const { actor, source, reason } = request;
    this.link.record({ type: 'kill', dataIndex, actor, source, reason });
    const summary = await this.engine.kernel.killSwitch.engage({ actor, source, reason });
    if (this.link.pending) await this.link.settle();
    this.kills.push(summary);
    this.options.onKill?.(summary, replayed);
  }
}

/** Opens a session and runs it to the end of its data. */
export async function runPaperSession(options: PaperSessionOptions): Promise<PaperSessionRun> {
  return (await PaperSession.open(options)).run();
}

async function* oneBatch(items: readonly MarketData[]): BatchSource {
  yield items;
}

/** Hands the data over one item at a time, waiting between items as their times are apart / speed. */
export async function* pace(source: BatchSource, speed: number): BatchSource {
  let last: number | undefined;
  for await (const batch of source) {
    for (const item of batch) {
      if (last !== undefined && item.tsEvent > last) await sleep((item.tsEvent - last) / 1000 / speed);
      last = item.tsEvent;
      yield [item];
    }
  }
}
