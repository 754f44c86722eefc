/**
 * The alert rules of AlertEngine (alerts.ts): their configuration (zod) and what each one checks.
 * A rule is checked at each evaluation and says whether it fires now, with a message naming the
 * figures; the engine turns changes into firing/resolved transitions.
 */
import { z } from 'zod';
import { ConfigError } from '../core/errors.js';
import type { Kernel } from '../kernel/kernel.js';
import type { Account } from '../model/account.js';
import type { OrderEvent } from '../model/order-events.js';
import { MICROS_PER_DAY } from '../model/time.js';
import { LossWatcher } from '../risk/loss-watcher.js';
import { formatMoney, formatSeconds } from './alert-format.js';
import type { AlertView } from './api-types.js';
import type { MetricsSource } from './metrics-watch.js';

const positive = (what: string) =>
  z.number({ error: `${what} must be a number` }).positive({ error: `${what} must be greater than 0` });

export const alertRulesSchema = z
  .object({
    /** Fires when an account's P&L since its trading day began is below −limit (account currency). */
    dailyLoss: z
      .object({ limit: positive('limit (account currency)') })
      .strict()
      .optional(),
    /** Fires when the session has been disconnected for longer than this. */
    disconnected: z
      .object({ afterSeconds: positive('afterSeconds') })
      .strict()
      .optional(),
    /** Fires when the risk engine denied more than `count` orders or modifications within the window. */
    denialSpike: z
      .object({
        count: z
          .number({ error: 'count must be a number' })
          .int({ error: 'count must be a whole number' })
          .nonnegative({ error: 'count must be 0 or more' }),
        windowSeconds: positive('windowSeconds'),
      })
      .strict()
      .optional(),
    /** Fires when the session runs and no data point arrived for longer than this. */
    staleData: z
      .object({ afterSeconds: positive('afterSeconds') })
      .strict()
      .optional(),
  })
  .strict();

export type AlertRulesConfig = z.infer<typeof alertRulesSchema>;

const RULE_FIELDS: Readonly<Record<string, string>> = {
  dailyLoss: 'limit',
  disconnected: 'afterSeconds',
  denialSpike: 'count and windowSeconds',
  staleData: 'afterSeconds',
};

/** Validates alert rules; a ConfigError names the dotted field (`server.alerts.rules.dailyLoss.limit`). */
export function parseAlertRules(input: unknown, path = 'server.alerts.rules'): AlertRulesConfig {
  const result = alertRulesSchema.safeParse(input ?? {});
  if (result.success) return result.data;
  // A misspelt key is the likelier cause of a missing one: report it first.
  const issues = result.error.issues;
  const issue = issues.find((i) => i.code === 'unrecognized_keys') ?? issues[0];
  const at = [path, ...issue.path.map(String)];
  if (issue.code !== 'unrecognized_keys') throw new ConfigError(at.join('.'), issue.message);
  const rule = issue.path.length === 0 ? undefined : String(issue.path[0]);
  throw new ConfigError(
    [...at, issue.keys[0]].join('.'),
    rule === undefined
      ? `unknown rule (the rules are ${Object.keys(RULE_FIELDS).join(', ')})`
      : `unknown key (${rule} takes ${RULE_FIELDS[rule]})`,
  );
}

export type AlertSeverity = AlertView['severity'];

/** A rule's verdict now; undefined when it cannot tell (no account yet…): its state stays. */
export interface RuleCheck {
  readonly firing: boolean;
  readonly message: string;
}

export interface AlertRule {
  readonly id: string;
  readonly severity: AlertSeverity;
  /** `now`: wall clock, ms. */
  check(now: number): RuleCheck | undefined;
  dispose(): void;
}

export type StatusSource = Pick<MetricsSource, 'status'>;

/** The rules configured, watching one kernel and the server's view of its session. */
export function createRules(config: AlertRulesConfig, kernel: Kernel, source: StatusSource): AlertRule[] {
  const rules: AlertRule[] = [];
  if (config.dailyLoss) rules.push(new DailyLossRule(config.dailyLoss.limit, kernel));
  if (config.disconnected) rules.push(new DisconnectedRule(config.disconnected.afterSeconds, source));
  if (config.denialSpike)
    rules.push(new DenialSpikeRule(config.denialSpike.count, config.denialSpike.windowSeconds, kernel));
  if (config.staleData) rules.push(new StaleDataRule(config.staleData.afterSeconds, kernel, source));
  return rules;
}

/**
 * Daily P&L is the risk engine's LossWatcher figure (equity now against equity when the account's
 * trading day began, the venue session's day where one is registered), as of its last check: per
 * data point while a position is open, on fills and before orders. That watcher only runs with
 * `risk.maxDailyLoss` or `risk.maxDrawdownPct` configured; without them this rule runs a LossWatcher
 * of its own, checked at each evaluation, on UTC days, starting the day when the rule starts.
 */
class DailyLossRule implements AlertRule {
  readonly id = 'daily-loss';
  readonly severity = 'critical';
  private readonly watcher: LossWatcher;
  private readonly own: boolean;

  constructor(
    private readonly limit: number,
    private readonly kernel: Kernel,
  ) {
    this.own = !kernel.risk.losses.enabled;
    this.watcher = this.own
      ? new LossWatcher(kernel.portfolio, limit, undefined, {
          dayOf: (_account, now) => {
            const day = Math.floor(now / MICROS_PER_DAY);
            return { day, until: (day + 1) * MICROS_PER_DAY };
          },
          onBreach: () => {},
          onNewDay: () => {},
        })
      : kernel.risk.losses;
  }

  check(): RuleCheck | undefined {
    if (this.own) this.watcher.check(this.kernel.clock.now());
    let worst: { account: Account; pnl: number } | undefined;
    for (const account of this.kernel.portfolio.accounts()) {
      const pnl = -this.watcher.dailyLoss(account);
      if (worst === undefined || pnl < worst.pnl) worst = { account, pnl };
    }
    if (worst === undefined) return undefined;
    const { account, pnl } = worst;
    const firing = pnl < -this.limit;
    const money = (x: number) => formatMoney(x, account.currency.precision, account.currency.code);
    return {
      firing,
      message: `daily P&L ${money(pnl)} on ${account.id} is ${firing ? 'below' : 'back above'} the ${money(-this.limit)} limit`,
    };
  }

  dispose(): void {}
}

/** Disconnected while the session is starting or running (a stopped session is not a disconnection). */
class DisconnectedRule implements AlertRule {
  readonly id = 'disconnected';
  readonly severity = 'critical';
  private since: number | undefined;

  constructor(
    private readonly afterSeconds: number,
    private readonly source: StatusSource,
  ) {}

  check(now: number): RuleCheck {
    const { state, connected } = this.source.status();
    const since = this.since;
    if (connected || (state !== 'starting' && state !== 'running')) {
      this.since = undefined;
      const lasted = since === undefined ? '' : ` after ${formatSeconds((now - since) / 1000)}`;
      return { firing: false, message: connected ? `connected again${lasted}` : `session ${state}${lasted}` };
    }
    this.since ??= now;
    const seconds = (now - this.since) / 1000;
    return {
      firing: seconds > this.afterSeconds,
      message: `disconnected for ${formatSeconds(seconds)} (limit ${formatSeconds(this.afterSeconds)})`,
    };
  }

  dispose(): void {}
}

/**
 * Denials are read from the risk engine's `deniedCount` at each evaluation (orders and
 * modifications alike) and counted at that time: the window is as precise as the interval.
 */
class DenialSpikeRule implements AlertRule {
  readonly id = 'denial-spike';
  readonly severity = 'warning';
  /** (time ms, denials since the previous evaluation), oldest first. */
  private readonly samples: { at: number; count: number }[] = [];
  private lastCount: number;
  private lastCode: string | undefined;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly count: number,
    private readonly windowSeconds: number,
    private readonly kernel: Kernel,
  ) {
    this.lastCount = kernel.risk.deniedCount;
    this.unsubscribe = kernel.bus.subscribe<OrderEvent>('events.order.*', (event) => {
      if (event.kind === 'denied') this.lastCode = event.reasonCode;
    });
  }

  check(now: number): RuleCheck {
    const total = this.kernel.risk.deniedCount;
    if (total > this.lastCount) this.samples.push({ at: now, count: total - this.lastCount });
    this.lastCount = total;
    const from = now - this.windowSeconds * 1000;
    while (this.samples.length > 0 && this.samples[0].at <= from) this.samples.shift();
    let inWindow = 0;
    for (const sample of this.samples) inWindow += sample.count;
    const firing = inWindow > this.count;
    const window = formatSeconds(this.windowSeconds);
    const latest = firing && this.lastCode !== undefined ? `; latest ${this.lastCode}` : '';
    return {
      firing,
      message: firing
        ? `${inWindow} risk denials in the last ${window} (more than ${this.count})${latest}`
        : `risk denials back to ${inWindow} in the last ${window} (limit ${this.count})`,
    };
  }

  dispose(): void {
    this.unsubscribe();
  }
}

/**
 * Arrivals are noticed per data point by a flag (no clock read on the hot path) and timed at the
 * next evaluation: staleness is as precise as the interval. Before the first data point, the time
 * counts from when the session was first seen running.
 */
class StaleDataRule implements AlertRule {
  readonly id = 'stale-data';
  readonly severity = 'warning';
  private arrived = false;
  private lastArrival: number | undefined;
  private runningSince: number | undefined;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly afterSeconds: number,
    kernel: Kernel,
    private readonly source: StatusSource,
  ) {
    this.unsubscribe = kernel.bus.subscribe('data.*', () => {
      this.arrived = true;
    });
  }

  check(now: number): RuleCheck {
    if (this.arrived) {
      this.arrived = false;
      this.lastArrival = now;
    }
    const { state, dataTime } = this.source.status();
    if (state !== 'running') {
      this.runningSince = undefined;
      return { firing: false, message: `session ${state}` };
    }
    this.runningSince ??= now;
    const from = Math.max(this.lastArrival ?? this.runningSince, this.runningSince);
    const seconds = (now - from) / 1000;
    const firing = seconds > this.afterSeconds;
    const last = dataTime === null ? 'none yet' : new Date(dataTime / 1000).toISOString();
    return {
      firing,
      message: firing
        ? `no market data for ${formatSeconds(seconds)} (limit ${formatSeconds(this.afterSeconds)}; last data point: ${last})`
        : `market data arriving again (last data point: ${last})`,
    };
  }

  dispose(): void {
    this.unsubscribe();
  }
}
