/**
 * A price or size grid: values are whole multiples of `increment`. Matching compares integer tick
 * indices, so float noise (0.1 + 0.2) can never decide whether an order fills.
 */
export class Grid {
  readonly increment: number;
  /** Decimal places of `increment` (0.25 → 2, 1 → 0). */
  readonly precision: number;
  private readonly scale: number;

  constructor(increment: number) {
    if (!(increment > 0) || !Number.isFinite(increment)) {
      throw new RangeError(`grid increment must be a positive finite number, got ${increment}`);
    }
    this.increment = increment;
    this.precision = decimalPlaces(increment);
    this.scale = 10 ** this.precision;
  }

  /** Integer tick index of a value, rounding to the nearest tick. */
  toTicks(value: number): number {
    return Math.round(value / this.increment);
  }

  /** Value of a tick index, rounded to the grid's precision (so 3 × 0.1 prints as 0.3). */
  fromTicks(ticks: number): number {
    return Math.round(ticks * this.increment * this.scale) / this.scale;
  }

  /** Nearest grid value. */
  round(value: number): number {
    return this.fromTicks(this.toTicks(value));
  }

  /** Largest grid value <= value (a tolerance of 1e-9 ticks absorbs float noise). */
  floor(value: number): number {
    return this.fromTicks(Math.floor(value / this.increment + 1e-9));
  }

  /** Smallest grid value >= value. */
  ceil(value: number): number {
    return this.fromTicks(Math.ceil(value / this.increment - 1e-9));
  }

  /** True when value is a whole number of increments (within 1e-9 of a tick). */
  contains(value: number): boolean {
    if (!Number.isFinite(value)) return false;
    const ticks = value / this.increment;
    return Math.abs(ticks - Math.round(ticks)) < 1e-9 * Math.max(1, Math.abs(ticks));
  }
}

/** Number of decimal places needed to write `value` exactly (up to 12). */
export function decimalPlaces(value: number): number {
  for (let p = 0; p <= 12; p++) {
    const scaled = value * 10 ** p;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-9 * Math.max(1, Math.abs(scaled))) return p;
  }
  return 12;
}

/** Round to a number of decimal places (half away from zero), e.g. money to its currency's precision. */
export function roundTo(value: number, precision: number): number {
  const scale = 10 ** precision;
  const scaled = Math.abs(value) * scale;
  // Nudge by a relative epsilon so 1.005 (stored as 1.00499999…) rounds to 1.01 like it is written.
  const rounded = Math.round(scaled * (1 + Number.EPSILON * 4)) / scale;
  return value < 0 ? -rounded : rounded;
}
