import { BID, type BookSide, PriceLevel } from './level.js';

/**
 * One side's price levels: an array of levels sorted by tick (binary search) plus a Map from tick to
 * level. The array is ordered so that the best price is at the END (bids ascending, asks
 * descending): most activity is near the touch, so inserts and removals shift few elements and the
 * touch is read without a lookup.
 */
export class BookLevels {
  readonly side: BookSide;
  private readonly sorted: PriceLevel[] = [];
  private readonly byTick = new Map<number, PriceLevel>();

  constructor(side: BookSide) {
    this.side = side;
  }

  /** Number of price levels, including levels holding only our orders. */
  get depth(): number {
    return this.sorted.length;
  }

  get(tick: number): PriceLevel | undefined {
    return this.byTick.get(tick);
  }

  /** The level at a tick, created (and inserted in order) when missing. */
  getOrCreate(tick: number): PriceLevel {
    let level = this.byTick.get(tick);
    if (level === undefined) {
      level = new PriceLevel(tick);
      this.byTick.set(tick, level);
      const sorted = this.sorted;
      const last = sorted.length - 1;
      if (last < 0 || this.isBetter(tick, sorted[last].tick)) sorted.push(level);
      else sorted.splice(this.insertionIndex(tick), 0, level);
    }
    return level;
  }

  /** Removes a level (called when it empties). */
  delete(level: PriceLevel): void {
    if (!this.byTick.delete(level.tick)) return;
    const sorted = this.sorted;
    const last = sorted.length - 1;
    if (sorted[last] === level) sorted.pop();
    else sorted.splice(this.insertionIndex(level.tick) - 1, 1);
  }

  /** The level `rank` places from the touch (0 = best), or undefined. */
  at(rank: number): PriceLevel | undefined {
    const index = this.sorted.length - 1 - rank;
    return index >= 0 ? this.sorted[index] : undefined;
  }

  best(): PriceLevel | undefined {
    return this.sorted[this.sorted.length - 1];
  }

  /** The best level holding displayed (market) liquidity, skipping levels with only our orders. */
  bestDisplayed(): PriceLevel | undefined {
    const sorted = this.sorted;
    for (let index = sorted.length - 1; index >= 0; index--) {
      if (sorted[index].size > 0) return sorted[index];
    }
    return undefined;
  }

  /** Number of levels holding displayed (market) liquidity. */
  displayedDepth(): number {
    let depth = 0;
    for (const level of this.sorted) if (level.size > 0) depth++;
    return depth;
  }

  clear(): void {
    this.sorted.length = 0;
    this.byTick.clear();
  }

  /** True when `tick` is a better price than `than` on this side. */
  private isBetter(tick: number, than: number): boolean {
    return this.side === BID ? tick > than : tick < than;
  }

  /** Index at which `tick` would be inserted after any equal element (upper bound). */
  private insertionIndex(tick: number): number {
    const sorted = this.sorted;
    let low = 0;
    let high = sorted.length;
    const ascending = this.side === BID;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const t = sorted[mid].tick;
      if (ascending ? t <= tick : t >= tick) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
