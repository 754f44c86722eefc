/**
 * The simulator's enforcement of IB's pacing limits, in wall-clock time (IB's limits are about
 * real time, not the replay's data time):
 * - more than `messagesPerSecond` (50) messages from one connection within any second → error 100
 *   "Max rate of messages per second has been exceeded"; the message is dropped (not answered) and
 *   the connection stays up (TWS may also disconnect; the simulator does not).
 * - historical requests for bars of 30 s or less ("small bars", where IB enforces its pacing
 *   rules; larger bars are only soft-throttled by IB) → error 162 with IB's pacing text when one
 *   would break a rule: more than 60 in 10 minutes, an identical request within 15 s, six or more
 *   for one contract/exchange/tick type within 2 s. Refused requests are not counted.
 * The historical rules are the client pacer's own calculator (`HistoricalPacingRules`): one
 * definition of IB's rules, which the adapter obeys and the simulator enforces.
 */
import {
  type HistoricalPacingOptions,
  HistoricalPacingRules,
  type HistoricalRequestKey,
  IB_HISTORICAL_WINDOWS,
} from '../client/pacing.js';

export interface SimPacingOptions {
  /** Messages a connection may send within any 1 s (default 50, IB's limit). */
  readonly messagesPerSecond?: number;
  /** IB's historical rules (defaults: 60 per 10 min, identical 15 s, 5 per contract within 2 s). */
  readonly historical?: HistoricalPacingOptions;
  /** Bars longer than this (seconds) are not paced (default 30: IB's "small bars"). */
  readonly maxPacedBarSeconds?: number;
  /** Wall clock in ms (default Date.now); tests inject their own. */
  readonly nowMs?: () => number;
}

/** Error 162's text for a pacing violation (as TWS words it). */
export const HISTORICAL_PACING_TEXT =
  'Historical Market Data Service error message:Historical data request pacing violation';

export class SimPacingGuard {
  readonly messagesPerSecond: number;
  readonly maxPacedBarSeconds: number;
  private readonly rules: HistoricalPacingRules;
  private readonly nowMs: () => number;
  /** Arrival times (ms) of the last second's messages, per connection. */
  private readonly arrivals = new Map<number, number[]>();

  constructor(options: SimPacingOptions = {}) {
    this.messagesPerSecond = options.messagesPerSecond ?? 50;
    this.maxPacedBarSeconds = options.maxPacedBarSeconds ?? 30;
    if (!(Number.isInteger(this.messagesPerSecond) && this.messagesPerSecond >= 1))
      throw new RangeError(`pacing.messagesPerSecond must be an integer >= 1, got ${this.messagesPerSecond}`);
    // IB's windows exactly: the margin is the client's, not the gateway's.
    this.rules = new HistoricalPacingRules({ ...IB_HISTORICAL_WINDOWS, ...options.historical });
    this.nowMs = options.nowMs ?? Date.now;
  }

  /**
   * Counts one message of a connection; returns error 100's text when it exceeds the rate (the
   * caller drops it), else undefined.
   */
  onMessage(connectionId: number): string | undefined {
    const now = this.nowMs();
    let times = this.arrivals.get(connectionId);
    if (times === undefined) {
      times = [];
      this.arrivals.set(connectionId, times);
    }
    let drop = 0;
    while (drop < times.length && now - times[drop] >= 1000) drop++;
    if (drop > 0) times.splice(0, drop);
    if (times.length >= this.messagesPerSecond)
      return `Max rate of messages per second has been exceeded:max=${this.messagesPerSecond} rec=${times.length + 1} (1)`;
    times.push(now);
    return undefined;
  }

  dropConnection(connectionId: number): void {
    this.arrivals.delete(connectionId);
  }

  /**
   * A historical request for bars of `barSeconds`: error 162's text when it breaks a rule (not
   * counted then), else undefined (counted).
   */
  onHistorical(key: HistoricalRequestKey, barSeconds: number): string | undefined {
    if (barSeconds > this.maxPacedBarSeconds) return undefined;
    const now = this.nowMs();
    if (this.rules.delayMs(key, now) > 0) return HISTORICAL_PACING_TEXT;
    this.rules.record(key, now);
    return undefined;
  }
}
