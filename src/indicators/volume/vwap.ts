import { BarIndicator, type BarInput } from '../core.js';

/** How VWAP sessions are delimited. */
export type VwapSession = 'utc-day' | 'none';

const MICROS_PER_DAY = 86_400_000_000;

/**
 * Session VWAP with standard-deviation bands. Price p = hlc3 = (H + L + C) / 3, weight = volume.
 * Within a session: VWAP = Σ(v·p) / Σv, σ = √(Σ(v·p²) / Σv − VWAP²) (the volume-weighted population
 * standard deviation of p around VWAP, clamped at 0); bands VWAP ± stdDev·σ (`upper1`/`lower1`) and
 * VWAP ± stdDev2·σ (`upper2`/`lower2`). Sessions: `utc-day` resets on the first bar of each UTC day,
 * the day of `tsEvent − 1 µs` (tsEvent is the close time, so a bar belongs to the day it ends in, and
 * a bar closing at exactly 00:00 to the day before); `none` never resets (VWAP from the first bar).
 * Every output is NaN while the session's volume is still 0. Warm-up 0. VWAP and Σv·(p − VWAP)² are
 * updated with West's weighted algorithm (1979), free of the cancellation of the Σv·p² form. The band
 * outputs and `deviation` are getters computed from that state when read.
 */
export class VolumeWeightedAveragePrice extends BarIndicator {
  readonly outputs = ['vwap', 'upper1', 'lower1', 'upper2', 'lower2'] as const;
  readonly warmup = 0;
  readonly session: VwapSession;
  readonly stdDev: number;
  readonly stdDev2: number;
  private readonly resets: boolean;
  /** The session holds the bars closing in (sessionStart, sessionEnd], µs. */
  private sessionStart = Number.POSITIVE_INFINITY;
  private sessionEnd = Number.NEGATIVE_INFINITY;
  private volumeSum = 0;
  /** Σv·(p − VWAP)² of the session so far. */
  private squares = 0;

  constructor(session: VwapSession = 'utc-day', stdDev = 1, stdDev2 = 2) {
    super();
    if (session !== 'utc-day' && session !== 'none')
      throw new RangeError(`VWAP: unknown session '${session}'`);
    if (!(stdDev >= 0) || !(stdDev2 >= 0) || !Number.isFinite(stdDev) || !Number.isFinite(stdDev2)) {
      throw new RangeError(`VWAP: band multipliers must be finite and >= 0, got ${stdDev}, ${stdDev2}`);
    }
    this.session = session;
    this.resets = session === 'utc-day';
    this.stdDev = stdDev;
    this.stdDev2 = stdDev2;
  }

  // The bands are derived on read (a few flops) rather than stored on every update: VWAP is often
  // read without its bands, and this keeps `update` at two divisions' worth of work.

  /** Volume-weighted standard deviation σ of the session (NaN while it has no volume). */
  get deviation(): number {
    const total = this.volumeSum;
    if (total === 0) return Number.NaN;
    const variance = this.squares / total;
    return variance > 0 ? Math.sqrt(variance) : 0;
  }

  /** VWAP + stdDev·σ. */
  get upper1(): number {
    return this.value + this.stdDev * this.deviation;
  }

  /** VWAP − stdDev·σ. */
  get lower1(): number {
    return this.value - this.stdDev * this.deviation;
  }

  /** VWAP + stdDev2·σ. */
  get upper2(): number {
    return this.value + this.stdDev2 * this.deviation;
  }

  /** VWAP − stdDev2·σ. */
  get lower2(): number {
    return this.value - this.stdDev2 * this.deviation;
  }

  update(bar: BarInput): number {
    const price = (bar.high + bar.low + bar.close) / 3;
    const volume = bar.volume;
    const time = bar.tsEvent;
    this.count++;
    // A new session when the bar closes outside (sessionStart, sessionEnd] (always on the first bar).
    if (time > this.sessionEnd || time <= this.sessionStart) this.startSession(time);
    // A bar without volume changes nothing.
    if (volume === 0) return this.value;
    const previous = this.volumeSum;
    const total = previous + volume;
    this.volumeSum = total;
    if (previous === 0) {
      this.squares = 0;
      this.value = price;
      return price;
    }
    // West's weighted update (1979) of the mean and Σv·(p − mean)²: stable where
    // Σv·p² / Σv − VWAP² would cancel.
    const delta = price - this.value;
    const mean = this.value + delta * (volume / total);
    this.squares += volume * delta * (price - mean);
    this.value = mean;
    return mean;
  }

  private startSession(time: number): void {
    if (this.resets) {
      const start = Math.floor((time - 1) / MICROS_PER_DAY) * MICROS_PER_DAY;
      this.sessionStart = start;
      this.sessionEnd = start + MICROS_PER_DAY;
    } else {
      this.sessionStart = Number.NEGATIVE_INFINITY;
      this.sessionEnd = Number.POSITIVE_INFINITY;
    }
    this.volumeSum = 0;
    this.squares = 0;
    this.value = Number.NaN;
  }

  reset(): void {
    this.count = 0;
    this.sessionStart = Number.POSITIVE_INFINITY;
    this.sessionEnd = Number.NEGATIVE_INFINITY;
    this.volumeSum = 0;
    this.squares = 0;
    this.value = Number.NaN;
  }
}
