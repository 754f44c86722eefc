/**
 * The distribution of the Kolmogorov–Smirnov statistic.
 *
 * - Asymptotic: Kolmogorov (1933) limit P(√n·D_n > λ) → Q_KS(λ) = 2 Σ_{j≥1} (−1)^{j−1} e^{−2j²λ²}
 *   (Numerical Recipes 3rd ed., eq. 6.14.56–57; the dual theta series for small λ, eq. 6.14.58).
 * - Finite n: Stephens (1970), J. R. Statist. Soc. B 32, 115–122: Q_KS((√nₑ + 0.12 + 0.11/√nₑ)·D),
 *   with nₑ = n for one sample and nₑ = n·m/(n + m) for two samples (NR 3rd ed., eq. 14.3.18).
 * - Exact one-sample: Marsaglia, Tsang & Wang (2003), "Evaluating Kolmogorov's distribution",
 *   J. Statist. Software 8(18) — P(D_n < d) as an entry of the n-th power of a (2k−1)² matrix.
 */
import { requireFinite, requireInteger, requirePositive } from './validate.js';

/**
 * Kolmogorov survival function Q_KS(λ) = P(K > λ) of the limiting distribution of √n·D_n
 * (NR 3rd ed. §6.14.12). Accurate to ≈ 1e-15 absolute for all λ ≥ 0.
 */
export function kolmogorovSurvival(lambda: number): number {
  requireFinite('lambda', lambda);
  if (lambda <= 0) return 1;
  if (lambda < 1.18) return 1 - kolmogorovCdfSmall(lambda);
  let sum = 0;
  let sign = 1;
  for (let j = 1; j <= 100; j++) {
    const term = Math.exp(-2 * j * j * lambda * lambda);
    sum += sign * term;
    if (term < 1e-17 * sum) break;
    sign = -sign;
  }
  return Math.min(1, Math.max(0, 2 * sum));
}

/** P(K ≤ λ) = (√(2π)/λ) Σ_{j≥1} e^{−(2j−1)²π²/(8λ²)}, the series that converges fast for small λ. */
function kolmogorovCdfSmall(lambda: number): number {
  const factor = -(Math.PI * Math.PI) / (8 * lambda * lambda);
  let sum = 0;
  for (let j = 1; j <= 100; j++) {
    const odd = 2 * j - 1;
    const term = Math.exp(factor * odd * odd);
    sum += term;
    if (term < 1e-17 * sum) break;
  }
  return (Math.sqrt(2 * Math.PI) / lambda) * sum;
}

/** Kolmogorov CDF P(K ≤ λ) of the limiting distribution (1 − Q_KS). */
export function kolmogorovCdf(lambda: number): number {
  return 1 - kolmogorovSurvival(lambda);
}

/**
 * Stephens' (1970) finite-sample approximation of P(D > d) for an effective sample size nₑ
 * (one sample: n; two samples: n·m/(n + m)). Good to about 2 significant digits for nₑ ≥ 4.
 */
export function kolmogorovSmirnovPValueStephens(statistic: number, effectiveSize: number): number {
  checkStatistic(statistic);
  requirePositive('effectiveSize', effectiveSize);
  const root = Math.sqrt(effectiveSize);
  return kolmogorovSurvival((root + 0.12 + 0.11 / root) * statistic);
}

function checkStatistic(statistic: number): void {
  requireFinite('statistic', statistic);
  if (statistic < 0 || statistic > 1) throw new RangeError(`statistic must be in [0, 1], got ${statistic}`);
}

/** Square matrix (row-major) with a base-10^140 exponent kept beside it against overflow. */
interface ScaledMatrix {
  values: Float64Array;
  exponent: number;
}

const SCALE = 1e140;
const SCALE_EXPONENT = 140;

function multiply(a: ScaledMatrix, b: ScaledMatrix, size: number): ScaledMatrix {
  const out = new Float64Array(size * size);
  for (let i = 0; i < size; i++) {
    for (let k = 0; k < size; k++) {
      const aik = a.values[i * size + k] as number;
      if (aik === 0) continue;
      for (let j = 0; j < size; j++) out[i * size + j] += aik * (b.values[k * size + j] as number);
    }
  }
  let exponent = a.exponent + b.exponent;
  const centre = out[(size >> 1) * size + (size >> 1)] as number;
  if (centre > SCALE) {
    for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) / SCALE;
    exponent += SCALE_EXPONENT;
  }
  return { values: out, exponent };
}

function power(base: ScaledMatrix, n: number, size: number): ScaledMatrix {
  if (n === 1) return base;
  const half = power(base, n >> 1, size);
  const squared = multiply(half, half, size);
  return n % 2 === 0 ? squared : multiply(base, squared, size);
}

/** Largest n for the exact matrix method; larger samples use Stephens' approximation. */
const EXACT_MAX_N = 2000;

/**
 * Exact one-sample CDF P(D_n < d) for a continuous hypothesised distribution (Marsaglia, Tsang &
 * Wang 2003, ≈ 13 digits). For n > 2000 falls back to 1 − Stephens' approximation; in the far
 * right tail (n·d² > 7.24, or > 3.76 with n > 99) uses their quick tail formula, as they advise.
 */
export function kolmogorovSmirnovCdfExact(n: number, d: number): number {
  requireInteger('n', n, 1);
  checkStatistic(d);
  if (d <= 0) return 0;
  if (d >= 1) return 1;
  const s = d * d * n;
  if (s > 7.24 || (s > 3.76 && n > 99)) {
    return 1 - 2 * Math.exp(-(2.000071 + 0.331 / Math.sqrt(n) + 1.409 / n) * s);
  }
  if (n > EXACT_MAX_N) return 1 - kolmogorovSmirnovPValueStephens(d, n);
  const k = Math.floor(n * d) + 1;
  const size = 2 * k - 1;
  const h = k - n * d;
  const values = new Float64Array(size * size);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) values[i * size + j] = i - j + 1 < 0 ? 0 : 1;
  }
  for (let i = 0; i < size; i++) {
    values[i * size] = (values[i * size] as number) - h ** (i + 1);
    values[(size - 1) * size + i] = (values[(size - 1) * size + i] as number) - h ** (size - i);
  }
  if (2 * h - 1 > 0) values[(size - 1) * size] = (values[(size - 1) * size] as number) + (2 * h - 1) ** size;
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      const gap = i - j + 1;
      if (gap > 0) {
        let factorial = 1;
        for (let g = 2; g <= gap; g++) factorial *= g;
        values[i * size + j] = (values[i * size + j] as number) / factorial;
      }
    }
  }
  const raised = power({ values, exponent: 0 }, n, size);
  // Multiply by n!/n^n step by step, rescaling to keep the mantissa in range.
  let result = raised.values[(k - 1) * size + (k - 1)] as number;
  let exponent = raised.exponent;
  for (let i = 1; i <= n; i++) {
    result = (result * i) / n;
    if (result < 1e-140) {
      result *= SCALE;
      exponent -= SCALE_EXPONENT;
    }
  }
  return Math.min(1, Math.max(0, result * 10 ** exponent));
}
