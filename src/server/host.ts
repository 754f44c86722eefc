/**
 * The trading session a server hosts, as the API sees it: its kernel (read-only for the routes),
 * the commands a user may give it, and its state. A paper session is hosted by `PaperHost`; the
 * routes and streams never know which kind of session they talk to.
 */
import type { Kernel } from '../kernel/kernel.js';
import type { OrderTicketInput, SessionCommand } from '../live/journal.js';
import type { PaperSession } from '../live/paper-session.js';
import type { CommandOutcome } from '../live/session-commands.js';
import type { BarType } from '../model/data.js';
import type { KillSwitchRequest, KillSwitchSummary } from '../risk/kill-switch.js';
import type { SessionState } from './api-types.js';

export type { CommandOutcome, OrderTicketInput, SessionCommand };

export interface HostStatus {
  readonly state: SessionState;
  readonly connected: boolean;
  readonly error?: string;
}

export interface SessionHost {
  readonly kind: 'paper' | 'live';
  readonly name: string;
  readonly kernel: Kernel;
  readonly barTypes: readonly BarType[];
  /** Data time per wall-clock time (a paced replay), or null. */
  readonly speed: number | null;
  /** The registered name of each strategy, by id (`S-001` → `sma-cross`). */
  readonly strategyNames: ReadonlyMap<string, string>;
  status(): HostStatus;
  /** Applies a user's command between data points; resolves once it is journaled. */
  command(actor: string, source: string, command: SessionCommand): Promise<CommandOutcome>;
  kill(request: KillSwitchRequest): Promise<KillSwitchSummary>;
  /** Settles when the session ends, however it ends (never rejects: see `status().error`). */
  readonly done: Promise<void>;
  /** Ends the session gracefully and waits for it. */
  stop(): Promise<void>;
}

/** A paper session run in the background. */
export class PaperHost implements SessionHost {
  readonly kind = 'paper';
  readonly done: Promise<void>;
  readonly strategyNames: ReadonlyMap<string, string>;
  private state: SessionState = 'running';
  private error: string | undefined;

  constructor(
    readonly name: string,
    private readonly session: PaperSession,
    readonly barTypes: readonly BarType[],
    readonly speed: number | null,
  ) {
    const names = new Map<string, string>();
    for (const strategy of session.kernel.strategies)
      names.set(strategy.id, strategy.id === 'manual' ? 'manual' : session.strategyChoice.definition.name);
    this.strategyNames = names;
    this.done = session.run().then(
      (run) => {
        this.state = run.stopped ? 'stopped' : 'ended';
      },
      (error: unknown) => {
        this.state = 'failed';
        this.error = error instanceof Error ? error.message : String(error);
      },
    );
  }

  get kernel(): Kernel {
    return this.session.kernel;
  }

  status(): HostStatus {
    return {
      state: this.state,
      connected: this.state === 'running',
      ...(this.error === undefined ? {} : { error: this.error }),
    };
  }

  command(actor: string, source: string, command: SessionCommand): Promise<CommandOutcome> {
    return this.session.command(actor, source, command);
  }

  kill(request: KillSwitchRequest): Promise<KillSwitchSummary> {
    return this.session.kill(request);
  }

  async stop(): Promise<void> {
    this.session.stop();
    await this.done;
  }
}
