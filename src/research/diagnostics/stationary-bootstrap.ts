/**
 * One stationary-bootstrap path (Politis & Romano 1994): the resampling, and the outcome of a path
 * of simple returns compounded from 1.
 */
import { ZERO_DEVIATION } from './moments.js';

export interface ReturnsOutcome {
  /** Π(1 + r) − 1, a fraction. */
  readonly totalReturn: number;
  /** Largest fall of the compounded path from its running peak (starting at 1), percent, in [0, 100]. */
  readonly maxDrawdownPct: number;
  /** mean / sample std · √periodsPerYear; `null` when std ≤ 1e-12. */
  readonly sharpe: number | null;
}

/**
 * Draws of the stationary bootstrap from `data`: the first period at a uniform index; then, with
 * probability 1/L a new block at a uniform index, else the period after the previous one (wrapping
 * from the last to the first). Block lengths are geometric with mean L; L = 1 is the IID bootstrap.
 */
export function stationarySampler(
  data: Float64Array,
  meanBlockLength: number,
  random: () => number,
): () => number {
  const t = data.length;
  const restart = 1 / meanBlockLength;
  let index = -1;
  return () => {
    index = index < 0 || random() < restart ? Math.floor(random() * t) : (index + 1) % t;
    return data[index];
  };
}

/**
 * Outcome of a path of `t` returns drawn from `next()`; `stepEquity(step, growth)` sees the compounded
 * growth after each period, step = 1..t. Mean and variance by Welford's update.
 */
export function pathOutcome(
  t: number,
  next: () => number,
  sqrtYear: number,
  stepEquity?: (step: number, growth: number) => void,
): ReturnsOutcome {
  let growth = 1;
  let peak = 1;
  let maxDd = 0;
  let mean = 0;
  let m2 = 0;
  for (let i = 0; i < t; i++) {
    const r = next();
    growth *= 1 + r;
    if (growth > peak) peak = growth;
    else if (growth < peak && ((peak - growth) / peak) * 100 > maxDd) maxDd = ((peak - growth) / peak) * 100;
    const delta = r - mean;
    mean += delta / (i + 1);
    m2 += delta * (r - mean);
    stepEquity?.(i + 1, growth);
  }
  const std = Math.sqrt(m2 / (t - 1));
  return {
    totalReturn: growth - 1,
    maxDrawdownPct: maxDd,
    sharpe: std > ZERO_DEVIATION ? (mean / std) * sqrtYear : null,
  };
}
