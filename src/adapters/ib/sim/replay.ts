/**
 * Replay of market data into the simulator: bars (an array, any iterable or an async iterable of
 * kernel `Bar`s, in time order) drive the venue's matching, and the simulator's clock follows data
 * time. Tests step bar by bar (deterministic); a dry run plays at a speed.
 */
import type { Bar } from '../../../model/data.js';
import { barOpenTime } from '../../../model/data.js';
import type { UnixMicros } from '../../../model/time.js';

export type BarSource = Iterable<Bar> | AsyncIterable<Bar>;

export interface PlayOptions {
  /** Data time per wall time: 1 = real time, 60 = a minute bar per second; Infinity = no waiting. */
  readonly speed?: number;
}

export class ReplayDriver {
  private sync: Iterator<Bar> | undefined;
  private async: AsyncIterator<Bar> | undefined;
  private peeked: Bar | undefined;
  private exhausted = false;
  private stepped = 0;
  private playing: { stop: boolean } | undefined;
  private lastTime: UnixMicros | undefined;

  constructor(
    source: BarSource | undefined,
    private readonly onBar: (bar: Bar) => void,
  ) {
    if (source === undefined) this.exhausted = true;
    else if (Symbol.iterator in source) {
      this.sync = source[Symbol.iterator]();
      this.peekSync();
    } else this.async = source[Symbol.asyncIterator]();
  }

  /** True when a source was given (the simulator's clock then follows data time). */
  get active(): boolean {
    return this.sync !== undefined || this.async !== undefined;
  }

  /** True when every bar was replayed. */
  get done(): boolean {
    return this.exhausted && this.peeked === undefined;
  }

  /** Bars replayed so far. */
  get count(): number {
    return this.stepped;
  }

  /** Time of the last bar replayed (its close), undefined before the first. */
  get time(): UnixMicros | undefined {
    return this.lastTime;
  }

  /** Where the clock starts: the first bar's open time (known at once for iterables). */
  get startTime(): UnixMicros | undefined {
    return this.peeked === undefined ? undefined : (barOpenTime(this.peeked) ?? this.peeked.tsEvent);
  }

  /** Reads the first bar of an async source (so `startTime` is known). */
  async prime(): Promise<UnixMicros | undefined> {
    await this.peek();
    return this.startTime;
  }

  /** Replays the next `count` bars (default 1); resolves with those replayed. */
  async step(count = 1): Promise<Bar[]> {
    if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be >= 0, got ${count}`);
    const out: Bar[] = [];
    while (out.length < count) {
      const bar = await this.next();
      if (bar === undefined) break;
      this.replay(bar);
      out.push(bar);
    }
    return out;
  }

  /** Replays every bar that closes at or before `time`; resolves with how many. */
  async advanceTo(time: UnixMicros): Promise<number> {
    let n = 0;
    for (;;) {
      const bar = await this.peek();
      if (bar === undefined || bar.tsEvent > time) return n;
      this.peeked = undefined;
      this.replay(bar);
      n++;
    }
  }

  /**
   * Replays the rest at `speed` (wall-clock waits between bars scaled from their time gaps, each
   * at most 5 s). Resolves when the source ends or `pause()` is called.
   */
  async play(options: PlayOptions = {}): Promise<number> {
    const speed = options.speed ?? 1;
    if (!(speed > 0)) throw new RangeError(`speed must be > 0, got ${speed}`);
    if (this.playing !== undefined) throw new Error('replay is already playing');
    const state = { stop: false };
    this.playing = state;
    let n = 0;
    try {
      while (!state.stop) {
        const bar = await this.next();
        if (bar === undefined) break;
        if (this.lastTime !== undefined && Number.isFinite(speed)) {
          const waitMs = Math.min(5000, (bar.tsEvent - this.lastTime) / 1000 / speed);
          if (waitMs > 0) await new Promise((r) => setTimeout(r, waitMs));
        }
        if (state.stop) {
          this.peeked = bar;
          break;
        }
        this.replay(bar);
        n++;
        if (!Number.isFinite(speed) && n % 1000 === 0) await new Promise((r) => setImmediate(r));
      }
    } finally {
      this.playing = undefined;
    }
    return n;
  }

  /** Stops `play()` after the bar in progress. */
  pause(): void {
    if (this.playing !== undefined) this.playing.stop = true;
  }

  private replay(bar: Bar): void {
    if (this.lastTime !== undefined && bar.tsEvent < this.lastTime)
      throw new RangeError(
        `bars must be in time order: ${bar.barType.key} at ${bar.tsEvent} after ${this.lastTime}`,
      );
    this.lastTime = bar.tsEvent;
    this.stepped++;
    this.onBar(bar);
  }

  private async next(): Promise<Bar | undefined> {
    const bar = await this.peek();
    this.peeked = undefined;
    return bar;
  }

  private async peek(): Promise<Bar | undefined> {
    if (this.peeked !== undefined || this.exhausted) return this.peeked;
    if (this.sync !== undefined) return this.peekSync();
    const result = await this.async!.next();
    if (result.done) this.exhausted = true;
    else this.peeked = result.value;
    return this.peeked;
  }

  private peekSync(): Bar | undefined {
    if (this.peeked !== undefined || this.exhausted) return this.peeked;
    const result = this.sync!.next();
    if (result.done) this.exhausted = true;
    else this.peeked = result.value;
    return this.peeked;
  }
}
