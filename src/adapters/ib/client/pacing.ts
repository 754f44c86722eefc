import type { Clock } from '../../../core/clock.js';
import { BourseError } from '../../../core/errors.js';

/**
 * Client-side pacing for the TWS API: a token bucket for every message (IB disconnects or answers
 * error 100 above 50 messages/s) and IB's historical-data pacing rules (error 162). Requests are
 * delayed, never dropped. Time comes from the project's `Clock` (microseconds), so a `TestClock`
 * makes every decision deterministic.
 */

const MICROS_PER_MS = 1000;

/** Token bucket options: `messagesPerSecond` sustained, `burst` messages back to back. */
export interface TokenBucketOptions {
  /** Sustained rate (default 45: IB's 50/s with margin). */
  readonly messagesPerSecond?: number;
  /**
   * Bucket capacity (default 1). Any window of T ms holds at most `burst - 1 + rate·T/1000`
   * messages, so the default never puts more than 45 messages into any 1 s window.
   */
  readonly burst?: number;
}

/**
 * A token bucket in integer "milli-tokens" (one message costs 1000), refilled continuously at
 * `messagesPerSecond` tokens per second. Times are milliseconds.
 */
export class TokenBucket {
  readonly messagesPerSecond: number;
  readonly burst: number;
  private level: number;
  private last: number | undefined;

  constructor(options: TokenBucketOptions = {}) {
    this.messagesPerSecond = options.messagesPerSecond ?? 45;
    this.burst = options.burst ?? 1;
    if (!(this.messagesPerSecond > 0 && Number.isFinite(this.messagesPerSecond)))
      throw new RangeError(`messagesPerSecond must be a positive number, got ${this.messagesPerSecond}`);
    if (!(Number.isInteger(this.burst) && this.burst >= 1))
      throw new RangeError(`burst must be an integer >= 1, got ${this.burst}`);
    this.level = this.burst * 1000;
  }

  private refill(nowMs: number): void {
    if (this.last !== undefined && nowMs > this.last)
      this.level = Math.min(this.burst * 1000, this.level + (nowMs - this.last) * this.messagesPerSecond);
    if (this.last === undefined || nowMs > this.last) this.last = nowMs;
  }

  /** Milliseconds until a message may go (0: now). */
  waitMs(nowMs: number): number {
    this.refill(nowMs);
    if (this.level >= 1000) return 0;
    return (1000 - this.level) / this.messagesPerSecond;
  }

  /** Takes one token; throws if none is available (call `waitMs` first). */
  take(nowMs: number): void {
    if (this.waitMs(nowMs) > 0) throw new RangeError('token bucket is empty');
    this.level -= 1000;
  }
}

/** What IB's historical pacing rules compare: the contract, exchange, tick type and whole request. */
export interface HistoricalRequestKey {
  /** Contract identity (conId, or a symbol/secType/expiry string). */
  readonly contract: string;
  readonly exchange: string;
  /** `whatToShow` (TRADES, MIDPOINT, BID_ASK, …). */
  readonly tickType: string;
  /** Everything else that makes two requests identical (end time, duration, bar size, RTH…). */
  readonly parameters: string;
}

/** IB's historical pacing windows, as IB (and the simulator) apply them at arrival. */
export const IB_HISTORICAL_WINDOWS = {
  windowMs: 600_000,
  identicalMs: 15_000,
  sameContractMs: 2_000,
} as const;

/** Added to IB's historical pacing windows by default (our send time vs IB's arrival time). */
export const PACING_MARGIN_MS = 50;

export interface HistoricalPacingOptions {
  /** At most this many historical requests in any `windowMs` (default 60 in 10 minutes). */
  readonly maxRequests?: number;
  readonly windowMs?: number;
  /** No identical request within this many ms (default 15 s). */
  readonly identicalMs?: number;
  /**
   * At most this many requests for one contract/exchange/tick type within `sameContractMs`
   * (default 5 in 2 s: IB calls "six or more" a violation).
   */
  readonly sameContractMax?: number;
  readonly sameContractMs?: number;
}

interface HistoricalRecord {
  readonly at: number;
  readonly contractKey: string;
  readonly identity: string;
}

/** IB's historical-data pacing rules as a pure calculator: how long until a request may go. */
export class HistoricalPacingRules {
  readonly maxRequests: number;
  readonly windowMs: number;
  readonly identicalMs: number;
  readonly sameContractMax: number;
  readonly sameContractMs: number;
  private readonly records: HistoricalRecord[] = [];

  constructor(options: HistoricalPacingOptions = {}) {
    this.maxRequests = options.maxRequests ?? 60;
    // IB measures when requests arrive, we when they leave: the default windows are IB's plus a
    // margin, so a request sent at the very edge of a window does not arrive inside it.
    this.windowMs = options.windowMs ?? IB_HISTORICAL_WINDOWS.windowMs + PACING_MARGIN_MS;
    this.identicalMs = options.identicalMs ?? IB_HISTORICAL_WINDOWS.identicalMs + PACING_MARGIN_MS;
    this.sameContractMax = options.sameContractMax ?? 5;
    this.sameContractMs = options.sameContractMs ?? IB_HISTORICAL_WINDOWS.sameContractMs + PACING_MARGIN_MS;
    for (const [name, value] of Object.entries({
      maxRequests: this.maxRequests,
      sameContractMax: this.sameContractMax,
    }))
      if (!(Number.isInteger(value) && value >= 1))
        throw new RangeError(`historical pacing: ${name} must be an integer >= 1, got ${value}`);
    for (const [name, value] of Object.entries({
      windowMs: this.windowMs,
      identicalMs: this.identicalMs,
      sameContractMs: this.sameContractMs,
    }))
      if (!(value >= 0 && Number.isFinite(value)))
        throw new RangeError(`historical pacing: ${name} must be a number >= 0, got ${value}`);
  }

  static contractKey(key: HistoricalRequestKey): string {
    return `${key.contract}|${key.exchange}|${key.tickType}`;
  }

  static identity(key: HistoricalRequestKey): string {
    return `${HistoricalPacingRules.contractKey(key)}|${key.parameters}`;
  }

  /** Milliseconds until `key` may be sent at `nowMs` without breaking a rule (0: now). */
  delayMs(key: HistoricalRequestKey, nowMs: number): number {
    this.prune(nowMs);
    const contractKey = HistoricalPacingRules.contractKey(key);
    const identity = HistoricalPacingRules.identity(key);
    let until = nowMs;
    // A window of length W holds records r with now - r < W; the request may go once the oldest
    // records that would make it the (max+1)-th have left the window.
    const inWindow = this.records.filter((r) => nowMs - r.at < this.windowMs);
    if (inWindow.length >= this.maxRequests)
      until = Math.max(until, inWindow[inWindow.length - this.maxRequests].at + this.windowMs);
    const same = this.records.filter(
      (r) => r.contractKey === contractKey && nowMs - r.at < this.sameContractMs,
    );
    if (same.length >= this.sameContractMax)
      until = Math.max(until, same[same.length - this.sameContractMax].at + this.sameContractMs);
    for (const r of this.records)
      if (r.identity === identity && nowMs - r.at < this.identicalMs)
        until = Math.max(until, r.at + this.identicalMs);
    return until - nowMs;
  }

  /** Records that `key` was sent at `nowMs` (times must not go backwards). */
  record(key: HistoricalRequestKey, nowMs: number): void {
    this.records.push({
      at: nowMs,
      contractKey: HistoricalPacingRules.contractKey(key),
      identity: HistoricalPacingRules.identity(key),
    });
  }

  private prune(nowMs: number): void {
    const keep = Math.max(this.windowMs, this.identicalMs, this.sameContractMs);
    let drop = 0;
    while (drop < this.records.length && nowMs - this.records[drop].at >= keep) drop++;
    if (drop > 0) this.records.splice(0, drop);
  }
}

/** A queued request was abandoned because the pacer was closed. */
export class IbPacerClosed extends BourseError {
  constructor(what: string) {
    super('IB_PACER_CLOSED', `${what} was not sent: the IB request pacer is closed`);
  }
}

export interface RequestPacerOptions extends TokenBucketOptions {
  readonly historical?: HistoricalPacingOptions;
}

interface Job {
  readonly seq: number;
  readonly what: string;
  readonly key?: HistoricalRequestKey;
  readonly run: () => void;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

let pacerCount = 0;

/**
 * Sends through the token bucket, and historical requests also through IB's historical rules.
 * Ordinary messages are FIFO; a historical request waiting for its rules does not hold back
 * ordinary messages (it keeps its place among historical requests).
 */
export class RequestPacer {
  readonly bucket: TokenBucket;
  readonly historical: HistoricalPacingRules;
  private readonly general: Job[] = [];
  private readonly history: Job[] = [];
  private seq = 0;
  private readonly timerName = `ib-pacer-${++pacerCount}`;
  private timerDue: number | undefined;
  private closed = false;
  private sentCount = 0;

  constructor(
    private readonly clock: Clock,
    options: RequestPacerOptions = {},
  ) {
    this.bucket = new TokenBucket(options);
    this.historical = new HistoricalPacingRules(options.historical);
  }

  /** Messages waiting. */
  get pending(): number {
    return this.general.length + this.history.length;
  }

  /** Messages sent so far. */
  get sent(): number {
    return this.sentCount;
  }

  /** Runs `send` when the bucket allows; resolves after it ran (rejects with what it threw). */
  send(what: string, send: () => void): Promise<void> {
    return this.enqueue(this.general, what, send);
  }

  /** Runs `send` when both IB's historical rules and the bucket allow. */
  sendHistorical(what: string, key: HistoricalRequestKey, send: () => void): Promise<void> {
    return this.enqueue(this.history, what, send, key);
  }

  /** Rejects everything still queued and stops the timer. */
  close(): void {
    this.closed = true;
    this.cancelTimer();
    for (const job of [...this.general.splice(0), ...this.history.splice(0)])
      job.reject(new IbPacerClosed(job.what));
  }

  private enqueue(queue: Job[], what: string, run: () => void, key?: HistoricalRequestKey): Promise<void> {
    if (this.closed) return Promise.reject(new IbPacerClosed(what));
    return new Promise<void>((resolve, reject) => {
      queue.push({ seq: this.seq++, what, key, run, resolve, reject });
      this.pump();
    });
  }

  private nowMs(): number {
    return this.clock.now() / MICROS_PER_MS;
  }

  private pump(): void {
    for (;;) {
      const now = this.nowMs();
      const g = this.general[0];
      const h = this.history[0];
      const historyWait =
        h?.key !== undefined ? this.historical.delayMs(h.key, now) : Number.POSITIVE_INFINITY;
      let job: Job | undefined;
      if (g !== undefined && (historyWait > 0 || h === undefined || g.seq < h.seq)) job = g;
      else if (h !== undefined && historyWait === 0) job = h;
      if (job === undefined) {
        if (Number.isFinite(historyWait)) this.wakeIn(historyWait);
        else this.cancelTimer();
        return;
      }
      const bucketWait = this.bucket.waitMs(now);
      if (bucketWait > 0) {
        this.wakeIn(bucketWait);
        return;
      }
      this.bucket.take(now);
      if (job === g) this.general.shift();
      else {
        this.history.shift();
        if (job.key !== undefined) this.historical.record(job.key, now);
      }
      this.sentCount++;
      try {
        job.run();
        job.resolve();
      } catch (error) {
        job.reject(error);
      }
    }
  }

  private wakeIn(ms: number): void {
    // Whole microseconds, rounded up: never wake before the rule allows.
    const due = this.clock.now() + Math.max(1, Math.ceil(ms * MICROS_PER_MS));
    if (this.timerDue === due) return;
    this.cancelTimer();
    this.timerDue = due;
    this.clock.setTimeAlert(this.timerName, due, () => {
      this.timerDue = undefined;
      this.pump();
    });
  }

  private cancelTimer(): void {
    if (this.timerDue !== undefined) this.clock.cancelTimer(this.timerName);
    this.timerDue = undefined;
  }
}
