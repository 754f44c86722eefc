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

  /** Value of a tick index, rounded to the grid's precision (so 3 × 0.1 prints as 0.3). Never -0. */
  fromTicks(ticks: number): number {
    return Math.round(ticks * this.increment * this.scale) / this.scale + 0;
  }

  /** Nearest grid value. */
  round(value: number): number {
    return this.fromTicks(this.toTicks(value));
  }

  /** Largest grid value <= value (a value on the grid up to float noise is its own floor). */
  floor(value: number): number {
    const onGrid = this.onGridTicks(value);
    return this.fromTicks(onGrid ?? Math.floor(value / this.increment));
  }

  /** Smallest grid value >= value. */
  ceil(value: number): number {
    const onGrid = this.onGridTicks(value);
    return this.fromTicks(onGrid ?? Math.ceil(value / this.increment));
  }

  /** True when value is a whole number of increments, up to float noise. */
  contains(value: number): boolean {
    return Number.isFinite(value) && this.onGridTicks(value) !== undefined;
  }

  /**
   * The tick index of a value that lies on the grid up to float noise, else undefined. Noise is
   * 1e-9 of a tick plus 1e-15 of the value (a few ulps of the product ticks × increment), so
   * 10000.00001 is on a 0.00001 grid while a value 0.1 % of a tick off is not.
   */
  private onGridTicks(value: number): number | undefined {
    const ticks = Math.round(value / this.increment);
    const tolerance = 1e-9 * this.increment + Math.abs(value) * 1e-15;
    return Math.abs(value - ticks * this.increment) <= tolerance ? ticks : undefined;
  }
}

/** Number of decimal places needed to write `value` as its 15-significant-digit decimal (capped at 12). */
export function decimalPlaces(value: number): number {
  if (!Number.isFinite(value)) throw new RangeError(`decimalPlaces of ${value}`);
  const text = Number(Math.abs(value).toPrecision(15)).toString();
  const [mantissa, exponent] = text.split('e');
  const decimals = (mantissa.split('.')[1] ?? '').length - Number(exponent ?? 0);
  return Math.min(12, Math.max(0, decimals));
}

/** Round to a number of decimal places (half away from zero), e.g. money to its currency's precision. */
export function roundTo(value: number, precision: number): number {
  const scale = 10 ** precision;
  const scaled = Math.abs(value) * scale;
  const fraction = scaled - Math.floor(scaled);
  // Near a half, decide on the value as written (its shortest decimal): 1.005 × 100 is
  // 100.49999999999999 in binary but 1.005 is written 1.005. Elsewhere the binary value decides.
  const rounded =
    (Math.abs(fraction - 0.5) <= 1e-9 * Math.max(1, scaled)
      ? roundWrittenDecimal(Math.abs(value), precision)
      : undefined) ?? Math.round(scaled) / scale;
  return value < 0 ? -rounded : rounded + 0;
}

/**
 * `value` (≥ 0) rounded half up on its shortest decimal digits, or undefined when that text has an
 * exponent or too many digits to count exactly (the caller then rounds the binary value).
 */
function roundWrittenDecimal(value: number, precision: number): number | undefined {
  const text = String(value);
  if (text.includes('e')) return undefined;
  const [whole, decimals = ''] = text.split('.');
  if (decimals.length <= precision) return value;
  const kept = `${whole}${decimals.slice(0, precision)}`;
  if (kept.length > 15) return undefined;
  const up = decimals.charCodeAt(precision) >= 53; // '5'
  return (Number(kept) + (up ? 1 : 0)) / 10 ** precision;
}
