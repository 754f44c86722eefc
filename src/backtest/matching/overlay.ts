/**
 * Consumption overlay of one book side: how much of the displayed size at a tick our own taker
 * orders (and crossing fills) have already used. The feed never learns about our fills, so without
 * it two market orders of ours in a row would take the same displayed lots.
 *
 * Rule: on every feed change that shrinks a level, the overlay at that tick is capped at the
 * level's new displayed size (removed when the level empties or the cap reaches 0). Growth of a
 * level leaves it alone: new orders join behind the lots we consumed, so they are available.
 */
export class ConsumptionOverlay {
  private readonly used = new Map<number, number>();

  /** Number of ticks carrying a non-zero overlay (0 = nothing to do on the hot path). */
  get size(): number {
    return this.used.size;
  }

  /** Size consumed at a tick (0 when none). */
  get(tick: number): number {
    return this.used.get(tick) ?? 0;
  }

  add(tick: number, quantity: number): void {
    this.used.set(tick, (this.used.get(tick) ?? 0) + quantity);
  }

  /** Caps the overlay at a tick to the level's new displayed size (0 = level gone). */
  cap(tick: number, displayed: number): void {
    const used = this.used.get(tick);
    if (used === undefined || used <= displayed) return;
    if (displayed <= 0) this.used.delete(tick);
    else this.used.set(tick, displayed);
  }

  clear(): void {
    this.used.clear();
  }

  /** Copy of the overlay as [tick, consumed] pairs, by tick (diagnostics and tests). */
  entries(): Array<[number, number]> {
    return [...this.used.entries()].sort((a, b) => a[0] - b[0]);
  }
}
