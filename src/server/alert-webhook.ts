/**
 * Delivers alert transitions to a webhook: an HTTP POST of JSON per transition, retried with
 * exponential backoff on network errors, timeouts, 429 and 5xx answers. Never throws and never
 * blocks the caller: each delivery runs on its own, in order per alert id (a `resolved` never
 * overtakes its `firing`); failures go to `log.warn`.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { AlertView } from './api-types.js';

export interface WebhookRetryOptions {
  /** Attempts per transition, the first included (default 5). */
  readonly attempts?: number;
  /** Wait before the second attempt; doubled for each further one (default 500 ms). */
  readonly initialDelayMs?: number;
  /** Longest wait between attempts (default 30 s). */
  readonly maxDelayMs?: number;
  /** One attempt's time limit (default 5 s). */
  readonly timeoutMs?: number;
}

export interface WarnLog {
  warn(message: string): void;
}

/** What is POSTed: the alert, plus `text` (one line) for chat webhooks that display only that. */
export interface AlertPayload extends AlertView {
  readonly text: string;
}

export function alertPayload(alert: AlertView): AlertPayload {
  return {
    ...alert,
    text: `[${alert.state.toUpperCase()}] ${alert.rule} (${alert.severity}): ${alert.message}`,
  };
}

/** Transitions waiting or being delivered beyond this are dropped (a dead webhook and a flapping rule). */
const MAX_PENDING = 1_000;

export class WebhookSender {
  private readonly attempts: number;
  private readonly initialDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly timeoutMs: number;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly chains = new Map<string, Promise<void>>();
  private abort = new AbortController();

  constructor(
    private readonly url: string,
    private readonly post: typeof globalThis.fetch,
    private readonly log: WarnLog,
    retry: WebhookRetryOptions = {},
  ) {
    this.attempts = Math.max(1, Math.floor(retry.attempts ?? 5));
    this.initialDelayMs = retry.initialDelayMs ?? 500;
    this.maxDelayMs = retry.maxDelayMs ?? 30_000;
    this.timeoutMs = retry.timeoutMs ?? 5_000;
  }

  /** Deliveries not finished yet. */
  get pending(): number {
    return this.inFlight.size;
  }

  /** Queues one transition for delivery and returns at once. */
  send(alert: AlertView): void {
    if (this.abort.signal.aborted) {
      this.log.warn(`alert ${alert.id} (${alert.state}) not sent to the webhook: alerting is stopped`);
      return;
    }
    if (this.inFlight.size >= MAX_PENDING) {
      this.log.warn(
        `alert ${alert.id} (${alert.state}) not sent to the webhook: ${MAX_PENDING} deliveries pending`,
      );
      return;
    }
    const previous = this.chains.get(alert.id) ?? Promise.resolve();
    const delivery = previous.then(() => this.deliver(alert));
    this.chains.set(alert.id, delivery);
    this.inFlight.add(delivery);
    void delivery.then(() => {
      this.inFlight.delete(delivery);
      if (this.chains.get(alert.id) === delivery) this.chains.delete(alert.id);
    });
  }

  /**
   * Waits up to `timeoutMs` for pending deliveries, then abandons the rest (requests in progress
   * are aborted, waits between retries cut short) and waits for them to wind up.
   */
  async close(timeoutMs: number): Promise<void> {
    const pending = [...this.inFlight];
    if (pending.length > 0) {
      let timer: NodeJS.Timeout | undefined;
      const limit = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      });
      await Promise.race([Promise.all(pending), limit]);
      clearTimeout(timer);
    }
    this.abort.abort();
    await Promise.all([...this.inFlight]);
  }

  /** Takes transitions again after `close`. */
  reopen(): void {
    if (this.abort.signal.aborted) this.abort = new AbortController();
  }

  private async deliver(alert: AlertView): Promise<void> {
    const what = `alert ${alert.id} (${alert.state})`;
    const body = JSON.stringify(alertPayload(alert));
    const stop = this.abort.signal;
    const post = this.post;
    for (let attempt = 1; ; attempt++) {
      let failure: string;
      try {
        const response = await post(this.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'user-agent': 'bourse-alerts' },
          body,
          signal: AbortSignal.any([stop, AbortSignal.timeout(this.timeoutMs)]),
        });
        await response.body?.cancel().catch(() => {});
        if (response.ok) return;
        failure = `HTTP ${response.status}`;
        if (response.status !== 429 && response.status < 500) {
          this.log.warn(`${what}: webhook answered ${failure}; not retried`);
          return;
        }
      } catch (error) {
        if (stop.aborted) {
          this.log.warn(`${what}: webhook delivery abandoned at shutdown`);
          return;
        }
        failure = describe(error);
      }
      if (attempt >= this.attempts) {
        this.log.warn(`${what}: webhook delivery failed after ${attempt} attempt(s): ${failure}`);
        return;
      }
      const delay = Math.min(this.maxDelayMs, this.initialDelayMs * 2 ** (attempt - 1));
      this.log.warn(
        `${what}: webhook attempt ${attempt}/${this.attempts} failed (${failure}); retry in ${delay} ms`,
      );
      try {
        await sleep(delay, undefined, { signal: stop });
      } catch {
        this.log.warn(`${what}: webhook delivery abandoned at shutdown`);
        return;
      }
    }
  }
}

/** `fetch failed (ECONNREFUSED)`, `The operation was aborted due to timeout`… */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
  const detail = cause === undefined ? undefined : (cause.code ?? cause.message);
  return detail === undefined ? error.message : `${error.message} (${String(detail)})`;
}
