/**
 * A paper-trading session: the backtest kernel and simulated venue, fed with replayed data, with
 * every order, command and event journaled before it is acted on (journal-link.ts). Started again
 * on the same journal after a crash, it replays its data against the journal and carries on from
 * where the journal ends, with nothing lost or duplicated; run to the end, it gives exactly the
 * result of a session that never stopped.
 *
 * Inputs from outside the data (the kill switch, a user's orders and strategy commands) are taken
 * between data points (also while a paced replay waits for the next one), journaled, and applied
 * again at the same point by a replay. `stop()` ends the session after the data point in hand (a
 * graceful shutdown: the journal is complete and a restart resumes).
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
import { BourseError } from '../core/errors.js';
import type { BarSeries } from '../data/load-bars.js';
import type { Kernel } from '../kernel/kernel.js';
import type { Bar, MarketData } from '../model/data.js';
import type { AuditSink, KillSwitchRequest, KillSwitchSummary } from '../risk/kill-switch.js';
import type { SavedStrategyState } from '../strategy/state.js';
import type { InputEntry, SessionCommand, SessionJournal } from './journal.js';
import { JournalLink, type JournalStats } from './journal-link.js';
import {
  applySessionCommand,
  type CommandOutcome,
  ManualOrders,
  manualOrdersOff,
} from './session-commands.js';

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
  /** Adds the `manual` strategy, so that `command()` can place orders by hand. */
  readonly manualOrders?: boolean;
}

type InputRequest = InputEntry extends infer E
  ? E extends InputEntry
    ? Omit<E, 'dataIndex'>
    : never
  : never;

interface PendingInput {
  readonly request: InputRequest;
  resolve(outcome: CommandOutcome | KillSwitchSummary): void;
  reject(error: unknown): void;
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
  private readonly pendingInputs: PendingInput[] = [];
  /** Wakes the data loop when an input or a stop arrives while it waits for the next data point. */
  private wake: (() => void) | undefined;
  private stopRequested = false;
  private finished = false;
  private readonly kills: KillSwitchSummary[] = [];

  private constructor(
    private readonly options: PaperSessionOptions,
    private readonly strategy: StrategyChoice,
    private readonly link: JournalLink,
    private readonly engine: BacktestEngine,
    private readonly manual: ManualOrders | undefined,
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
    const manual = options.manualOrders ? new ManualOrders() : undefined;
    if (manual) engine.addStrategy(manual);
    link.attach(engine.kernel);
    session = new PaperSession(options, strategy, link, engine, manual);
    return session;
  }

  /** The session's kernel (read its cache, portfolio and risk state; never drive it directly). */
  get kernel(): Kernel {
    return this.engine.kernel;
  }

  /** The strategy choice the session runs (name and parameters). */
  get strategyChoice(): StrategyChoice {
    return this.strategy;
  }

  /** Whether the session is still replaying its journal. */
  get replaying(): boolean {
    return this.link.replaying;
  }

  /** Pulls the kill switch before the next data point (journaled, audited); resolves with what it did. */
  kill(request: KillSwitchRequest): Promise<KillSwitchSummary> {
    const { actor, source, reason } = request;
    return this.input({ type: 'kill', actor, source, reason }) as Promise<KillSwitchSummary>;
  }

  /**
   * Applies a user's command before the next data point (journaled first): resolves once it and
   * what it caused are journaled, with the order it placed or changed and any risk denial.
   */
  command(actor: string, source: string, command: SessionCommand): Promise<CommandOutcome> {
    // Refused before it is journaled (applySessionCommand refuses it too, for a journal replayed
    // into a session opened without manual orders).
    if (command.action === 'submit' && !this.manual) return Promise.reject(manualOrdersOff());
    return this.input({ type: 'input', actor, source, command }) as Promise<CommandOutcome>;
  }

  /** Ends the session after the data point in hand. */
  stop(): void {
    this.stopRequested = true;
    this.wake?.();
  }

  private input(request: InputRequest): Promise<CommandOutcome | KillSwitchSummary> {
    if (this.finished) return Promise.reject(new BourseError('SESSION_ENDED', 'the session has ended'));
    return new Promise((resolve, reject) => {
      this.pendingInputs.push({ request, resolve, reject });
      this.wake?.();
    });
  }

  async run(): Promise<PaperSessionRun> {
    const { options, engine, link } = this;
    const source: BatchSource = Array.isArray(options.bars)
      ? oneBatch(options.bars as readonly Bar[])
      : (options.bars as BatchSource);
    const paced = options.speed === undefined ? source : pace(source, options.speed);
    engine.addDataSource(this.controlled(paced), options.series.barType.key);
    let result: Awaited<ReturnType<BacktestEngine['runAsync']>>;
    try {
      result = await engine.runAsync();
    } finally {
      this.finished = true;
      for (const input of this.pendingInputs.splice(0))
        input.reject(new BourseError('SESSION_ENDED', 'the session ended before it could take this'));
    }
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

  /**
   * Hands the data over one item at a time, taking outside inputs (and the stop) in between, and
   * while it waits for the source's next batch (a paced replay sleeps there).
   */
  private async *controlled(source: BatchSource): BatchSource {
    const iterator = source[Symbol.asyncIterator]();
    let index = 0;
    try {
      for (;;) {
        const next = iterator.next();
        let batch: IteratorResult<readonly MarketData[]> | undefined;
        while (batch === undefined) {
          if (this.stopRequested) return;
          await this.takeInputs(index);
          const woken = new Promise<undefined>((resolve) => {
            this.wake = () => resolve(undefined);
          });
          batch = await Promise.race([next, woken]);
          this.wake = undefined;
        }
        if (batch.done) return;
        for (const item of batch.value) {
          if (this.stopRequested) return;
          await this.takeInputs(index);
          index++;
          yield [item];
        }
      }
    } finally {
      await iterator.return?.();
    }
  }

  /** The inputs due before data point `index`: the journal's (in a replay), then the waiting ones. */
  private async takeInputs(index: number): Promise<void> {
    for (;;) {
      const replayed = this.link.inputBefore(index);
      if (!replayed) break;
      try {
        await this.apply(replayed, true);
      } catch {
        // It failed the same way when it was first taken (the caller was told then).
      }
    }
    if (this.link.replaying) return;
    for (const input of this.pendingInputs.splice(0)) {
      try {
        input.resolve(await this.apply({ ...input.request, dataIndex: index } as InputEntry, false));
      } catch (error) {
        input.reject(error);
      }
    }
  }

  /** Journals an input, applies it, and journals what it caused before anyone hears of it. */
  private async apply(entry: InputEntry, replayed: boolean): Promise<CommandOutcome | KillSwitchSummary> {
    this.link.record(entry);
    const kernel = this.engine.kernel;
    try {
      if (entry.type === 'kill') {
        const { actor, source, reason } = entry;
        const summary = await kernel.killSwitch.engage({ actor, source, reason });
        this.kills.push(summary);
        this.options.onKill?.(summary, replayed);
        return summary;
      }
      return applySessionCommand(kernel, this.manual, entry.command);
    } finally {
      if (this.link.pending) await this.link.settle();
    }
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
