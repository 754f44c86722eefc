/**
 * Crossing of two series a and b: +1 when a crosses above b, -1 below, 0 otherwise.
 * A cross is a change of sign of (a - b); bars where a equals b keep the previous sign, so
 * touching and separating again on the same side is not a cross. The first pair only seeds the sign.
 */
export class CrossOver {
  value = 0;
  private lastNonZero = 0;
  private seeded = false;

  update(a: number, b: number): number {
    const diff = a - b;
    if (!this.seeded) {
      this.seeded = true;
      this.lastNonZero = diff;
      this.value = 0;
      return 0;
    }
    this.value = this.lastNonZero < 0 && diff > 0 ? 1 : this.lastNonZero > 0 && diff < 0 ? -1 : 0;
    if (diff !== 0) this.lastNonZero = diff;
    return this.value;
  }

  get isReady(): boolean {
    return this.seeded;
  }

  /** The sign it compares the next difference with (0 before the first pair): saved with a strategy. */
  get lastSign(): number {
    return this.seeded ? Math.sign(this.lastNonZero) : 0;
  }

  /** Puts it back in the state `lastSign` described (seeded when the sign is not 0). */
  restore(lastSign: number): void {
    this.reset();
    if (lastSign !== 0) {
      this.seeded = true;
      this.lastNonZero = Math.sign(lastSign);
    }
  }

  reset(): void {
    this.value = 0;
    this.lastNonZero = 0;
    this.seeded = false;
  }
}
