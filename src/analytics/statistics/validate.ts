/**
 * Input checks shared by the diagnostics. Every failure is a `RangeError` (a `TypeError` for a value
 * of the wrong kind) whose message starts with the argument's name, e.g.
 * `returns[3] must be a finite number, got NaN`.
 */

/** A finite number. */
export function requireFinite(name: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new RangeError(`${name} must be a finite number, got ${String(value)}`);
  }
  return value;
}

/** An integer `>= min`. */
export function requireInteger(name: string, value: number, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new RangeError(`${name} must be an integer >= ${min}, got ${String(value)}`);
  }
  return value;
}

/** A finite number `> 0`. */
export function requirePositive(name: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${name} must be a finite number > 0, got ${String(value)}`);
  }
  return value;
}

/** A PRNG seed: any integer (mulberry32 uses its low 32 bits). */
export function requireSeed(name: string, value: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new RangeError(`${name} must be an integer, got ${String(value)}`);
  }
  return value;
}

/** An array-like of finite numbers with at least `minLength` entries. */
export function requireFiniteSeries(name: string, values: ArrayLike<number>, minLength: number): void {
  if (values === null || typeof values !== 'object' || typeof values.length !== 'number') {
    throw new TypeError(`${name} must be an array of numbers`);
  }
  if (values.length < minLength) {
    throw new RangeError(
      `${name} must hold at least ${minLength} ${minLength === 1 ? 'value' : 'values'}, got ${values.length}`,
    );
  }
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new RangeError(`${name}[${i}] must be a finite number, got ${String(v)}`);
    }
  }
}

/** Probabilities in [0, 1] for quantiles; returned sorted ascending without duplicates. */
export function requireProbabilities(name: string, values: readonly number[]): number[] {
  if (!Array.isArray(values) || values.length === 0) {
    throw new RangeError(`${name} must be a non-empty array of probabilities in [0, 1]`);
  }
  for (let i = 0; i < values.length; i++) {
    const p = values[i];
    if (typeof p !== 'number' || !(p >= 0 && p <= 1)) {
      throw new RangeError(`${name}[${i}] must be a probability in [0, 1], got ${String(p)}`);
    }
  }
  return [...new Set(values)].sort((a, b) => a - b);
}
