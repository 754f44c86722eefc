/**
 * Alerting of the Bourse server: rules (alert-rules.ts) evaluated on a timer against the watched
 * kernel and session; each change of a rule's state is a transition, `firing` then `resolved`,
 * handed to `onAlert` (the server streams it on the `alerts` channel) and POSTed to the webhook
 * (alert-webhook.ts) without waiting for it. docs/operations.md describes the rules and payload.
 */
import { ConfigError } from '../core/errors.js';
import type { Kernel } from '../kernel/kernel.js';
import {
  type AlertRule,
  type AlertRulesConfig,
  createRules,
  parseAlertRules,
  type StatusSource,
} from './alert-rules.js';
import { type WarnLog, type WebhookRetryOptions, WebhookSender } from './alert-webhook.js';
import type { AlertView } from './api-types.js';

export { formatMoney, formatSeconds } from './alert-format.js';
export { type AlertRulesConfig, alertRulesSchema, parseAlertRules } from './alert-rules.js';
export { type AlertPayload, alertPayload, type WebhookRetryOptions } from './alert-webhook.js';

export interface AlertEngineOptions {
  /** Validated with `alertRulesSchema` (a ConfigError names the wrong field). */
  readonly rules: AlertRulesConfig;
  /** Where each transition is POSTed as JSON (http or https). */
  readonly webhookUrl?: string;
  /** Called synchronously with each transition (errors it throws are logged, not raised). */
  readonly onAlert?: (alert: AlertView) => void;
  readonly log?: WarnLog;
  /** Wall clock in ms (default `Date.now`). */
  readonly now?: () => number;
  /** Evaluation period of `start()` (default 5,000 ms). */
  readonly intervalMs?: number;
  /** The HTTP client (default the global `fetch`). */
  readonly fetch?: typeof fetch;
  readonly webhookRetry?: WebhookRetryOptions;
  /** How long `stop()` waits for webhook deliveries before abandoning them (default 5,000 ms). */
  readonly stopTimeoutMs?: number;
  /** Dotted config path of the rules, for error messages (default `server.alerts.rules`). */
  readonly configPath?: string;
}

const consoleLog: WarnLog = { warn: (message) => console.warn(message) };

export class AlertEngine {
  private readonly rulesConfig: AlertRulesConfig;
  private readonly onAlert: ((alert: AlertView) => void) | undefined;
  private readonly log: WarnLog;
  private readonly now: () => number;
  private readonly intervalMs: number;
  private readonly stopTimeoutMs: number;
  private readonly webhook: WebhookSender | undefined;
  private rules: AlertRule[] = [];
  /** Firing alerts by id, in the order they fired. */
  private readonly firing = new Map<string, AlertView>();
  private timer: NodeJS.Timeout | undefined;

  constructor(options: AlertEngineOptions) {
    const path = options.configPath ?? 'server.alerts.rules';
    this.rulesConfig = parseAlertRules(options.rules, path);
    this.onAlert = options.onAlert;
    this.log = options.log ?? consoleLog;
    this.now = options.now ?? Date.now;
    this.intervalMs = options.intervalMs ?? 5_000;
    if (!(this.intervalMs > 0)) throw new RangeError(`intervalMs must be > 0, got ${this.intervalMs}`);
    this.stopTimeoutMs = options.stopTimeoutMs ?? 5_000;
    if (options.webhookUrl !== undefined) {
      const webhookPath = path.replace(/\.rules$/, '.webhook');
      let url: URL;
      try {
        url = new URL(options.webhookUrl);
      } catch {
        throw new ConfigError(webhookPath, `not a URL: '${options.webhookUrl}'`);
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:')
        throw new ConfigError(webhookPath, `must be an http or https URL, got '${url.protocol}'`);
      this.webhook = new WebhookSender(
        url.href,
        options.fetch ?? globalThis.fetch,
        this.log,
        options.webhookRetry,
      );
    }
  }

  /**
   * Starts watching a kernel and the server's view of its session; returns a function that stops.
   * Attaching again replaces the previous kernel; alerts firing stay until an evaluation resolves them.
   */
  attach(kernel: Kernel, source: StatusSource): () => void {
    this.detach();
    const rules = createRules(this.rulesConfig, kernel, source);
    this.rules = rules;
    return () => {
      if (this.rules === rules) this.detach();
    };
  }

  /** Evaluates every `intervalMs` (the timer does not keep the process alive). */
  start(): void {
    this.webhook?.reopen();
    if (this.timer !== undefined) return;
    this.timer = setInterval(() => this.evaluate(), this.intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for webhook deliveries in flight, up to `stopTimeoutMs`. */
  async stop(): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    await this.webhook?.close(this.stopTimeoutMs);
  }

  /**
   * Checks every rule now (`now` in ms, default the clock) and returns the transitions, which are
   * also delivered. Never throws: a rule that fails is logged and skipped.
   */
  evaluate(now: number = this.now()): AlertView[] {
    const transitions: AlertView[] = [];
    for (const rule of this.rules) {
      let check: ReturnType<AlertRule['check']>;
      try {
        check = rule.check(now);
      } catch (error) {
        this.log.warn(
          `alert rule ${rule.id} failed: ${error instanceof Error ? error.message : String(error)}`,
        );
        continue;
      }
      if (check === undefined || check.firing === this.firing.has(rule.id)) continue;
      const alert: AlertView = {
        id: rule.id,
        rule: rule.id,
        severity: rule.severity,
        state: check.firing ? 'firing' : 'resolved',
        message: check.message,
        ts: Math.round(now * 1000),
      };
      if (check.firing) this.firing.set(rule.id, alert);
      else this.firing.delete(rule.id);
      transitions.push(alert);
    }
    for (const alert of transitions) this.deliver(alert);
    return transitions;
  }

  /** The alerts firing now, in the order they fired. */
  get active(): readonly AlertView[] {
    return [...this.firing.values()];
  }

  private deliver(alert: AlertView): void {
    if (this.onAlert !== undefined) {
      try {
        this.onAlert(alert);
      } catch (error) {
        this.log.warn(
          `alert ${alert.id} (${alert.state}): onAlert failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
    this.webhook?.send(alert);
  }

  private detach(): void {
    for (const rule of this.rules) rule.dispose();
    this.rules = [];
  }
}
