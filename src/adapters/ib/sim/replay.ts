/**
 * Replay of market data into the simulator: kernel `MarketData` items (bars, quotes, trades, book
 * updates — an array, any iterable or an async iterable, in time order) drive the venue's matching
 * and the market-data streams, and the simulator's clock follows data time. Tests step item by
 * item (deterministic); a dry run plays at a speed.
 */
import type { Bar, MarketData } from '../../../model/data.js';
import { barOpenTime } from '../../../model/data.js';
import type { UnixMicros } from '../../../model/time.js';

export type MarketDataSource = Iterable<MarketData> | AsyncIterable<MarketData>;
/** A source of bars only (the first replay the simulator had; still accepted everywhere). */
export type BarSource = Iterable<Bar> | AsyncIterable<Bar>;

export interface PlayOptions {
  /** Data time per wall time: 1 = real time, 60 = a minute bar per second; Infinity = no waiting. */
  readonly speed?: number;
}

/** Where an item starts: a bar's open time (its interval), else its event time. */
export function itemStartTime(item: MarketData): UnixMicros {
  return item.kind === 'bar' ? (barOpenTime(item) ?? item.tsEvent) : item.tsEvent;
}

export class ReplayDriver {
  private sync: Iterator<MarketData> | undefined;
  private async: AsyncIterator<MarketData> | undefined;
  private peeked: MarketData | undefined;
  private exhausted = false;
  private stepped = 0;
  private playing: { stop: boolean } | undefined;
  private lastTime: UnixMicros | undefined;

  /**
   * `onItem` runs once per replayed item, in order; `next` is the item after it when that is
   * already known without waiting (always for synchronous sources), else undefined.
   */
  constructor(
    source: MarketDataSource | undefined,
    private readonly onItem: (item: MarketData, next: MarketData | undefined) => void,
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

  /** True when every item was replayed. */
  get done(): boolean {
    return this.exhausted && this.peeked === undefined;
  }

  /** Items replayed so far. */
  get count(): number {
    return this.stepped;
  }

  /** Time of the last item replayed (a bar's close), undefined before the first. */
  get time(): UnixMicros | undefined {
    return this.lastTime;
  }

  /** Where the clock starts: the first item's start (a bar's open; known at once for iterables). */
  get startTime(): UnixMicros | undefined {
    return this.peeked === undefined ? undefined : itemStartTime(this.peeked);
  }

  /** The next item when it is already known (read ahead), without replaying it. */
  get upcoming(): MarketData | undefined {
    return this.peeked;
  }

  /** Reads the first item of an async source (so `startTime` is known). */
  async prime(): Promise<UnixMicros | undefined> {
    await this.peek();
    return this.startTime;
  }

  /** Replays the next `count` items (default 1); resolves with those replayed. */
  async step(count = 1): Promise<MarketData[]> {
    if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be >= 0, got ${count}`);
    const out: MarketData[] = [];
    while (out.length < count) {
      const item = await this.next();
      if (item === undefined) break;
      this.replay(item);
      out.push(item);
    }
    return out;
  }

  /** Replays every item at or before `time` (a bar: closing at or before); resolves with how many. */
  async advanceTo(time: UnixMicros): Promise<number> {
    let n = 0;
    for (;;) {
      const item = await this.peek();
      if (item === undefined || item.tsEvent > time) return n;
      this.peeked = undefined;
      this.replay(item);
      n++;
    }
  }

  /**
   * Replays the rest at `speed` (wall-clock waits between items scaled from their time gaps, each
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
        const item = await this.next();
        if (item === undefined) break;
        if (this.lastTime !== undefined && Number.isFinite(speed)) {
          const waitMs = Math.min(5000, (item.tsEvent - this.lastTime) / 1000 / speed);
          if (waitMs > 0) await new Promise((r) => setTimeout(r, waitMs));
        }
        if (state.stop) {
          this.peeked = item;
          break;
        }
        this.replay(item);
        n++;
        if (!Number.isFinite(speed) && n % 1000 === 0) await new Promise((r) => setImmediate(r));
      }
    } finally {
      this.playing = undefined;
    }
    return n;
  }

  /** Stops `play()` after the item in progress. */
  pause(): void {
    if (this.playing !== undefined) this.playing.stop = true;
  }

  private replay(item: MarketData): void {
    if (this.lastTime !== undefined && item.tsEvent < this.lastTime)
      throw new RangeError(
        `market data must be in time order: ${item.kind} at ${item.tsEvent} after ${this.lastTime}`,
      );
    this.lastTime = item.tsEvent;
    this.stepped++;
    this.onItem(item, this.sync !== undefined ? this.peekSync() : this.peeked);
  }

  private async next(): Promise<MarketData | undefined> {
    const item = await this.peek();
    this.peeked = undefined;
    return item;
  }

  private async peek(): Promise<MarketData | undefined> {
    if (this.peeked !== undefined || this.exhausted) return this.peeked;
    if (this.sync !== undefined) return this.peekSync();
    const result = await this.async!.next();
    if (result.done) this.exhausted = true;
    else this.peeked = result.value;
    return this.peeked;
  }

  private peekSync(): MarketData | undefined {
    if (this.peeked !== undefined || this.exhausted) return this.peeked;
    const result = this.sync!.next();
    if (result.done) this.exhausted = true;
    else this.peeked = result.value;
    return this.peeked;
  }
}
