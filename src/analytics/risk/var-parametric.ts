/**
 * Parametric VaR/CVaR: normal (variance–covariance) and Cornish–Fisher (skewness and kurtosis
 * corrected). Horizons scale by √h for the volatility and h for the mean (i.i.d. returns assumed).
 */
import { normalPdf, normalQuantile } from '../statistics/normal.js';
import { mean, sampleStdDev } from '../statistics/sample.js';
import {
  requireFinite,
  requireFiniteSeries,
  requireInteger,
  requirePositive,
} from '../statistics/validate.js';
import { type RiskEstimate, requireConfidence } from './risk-measure.js';

/** The first four moments of a sample: mean, sample standard deviation (n − 1), skewness, excess kurtosis. */
export interface SampleMoments {
  readonly mean: number;
  readonly stdDev: number;
  /** Moment skewness g₁ = m₃ / m₂^{3/2}. */
  readonly skewness: number;
  /** Moment excess kurtosis g₂ = m₄ / m₂² − 3. */
  readonly excessKurtosis: number;
}

/** Mean, standard deviation, skewness g₁ and excess kurtosis g₂ of `values` (at least 3 values). */
export function sampleMoments(values: ArrayLike<number>): SampleMoments {
  requireFiniteSeries('returns', values, 3);
  const m = mean(values);
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < values.length; i++) {
    const d = values[i] - m;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  const n = values.length;
  m2 /= n;
  m3 /= n;
  m4 /= n;
  return {
    mean: m,
    stdDev: sampleStdDev(values),
    skewness: m2 > 0 ? m3 / m2 ** 1.5 : 0,
    excessKurtosis: m2 > 0 ? m4 / (m2 * m2) - 3 : 0,
  };
}

function checkInputs(meanReturn: number, stdDev: number, confidence: number, horizon: number): void {
  requireFinite('mean', meanReturn);
  requirePositive('stdDev', stdDev);
  requireConfidence(confidence);
  requireInteger('horizon', horizon, 1);
}

/**
 * Normal VaR and CVaR of a return with one-day mean μ and volatility σ over h days:
 * VaR = σ√h·Φ⁻¹(c) − μh, CVaR = σ√h·φ(Φ⁻¹(c))/(1 − c) − μh
 * (Jorion, "Value at Risk", 3rd ed., eq. 5.5; McNeil, Frey & Embrechts, "Quantitative Risk
 * Management", 2005, eq. 2.24 for the ES).
 */
export function normalVar(meanReturn: number, stdDev: number, confidence: number, horizon = 1): RiskEstimate {
  checkInputs(meanReturn, stdDev, confidence, horizon);
  const z = normalQuantile(confidence);
  const scale = stdDev * Math.sqrt(horizon);
  return {
    valueAtRisk: scale * z - meanReturn * horizon,
    expectedShortfall: (scale * normalPdf(z)) / (1 - confidence) - meanReturn * horizon,
  };
}

/**
 * Cornish–Fisher quantile of a standardised variable with skewness S and excess kurtosis K at the
 * normal quantile z: z + (z² − 1)S/6 + (z³ − 3z)K/24 − (2z³ − 5z)S²/36
 * (Cornish & Fisher 1937; Zangari 1996, RiskMetrics Monitor Q2; Favre & Galeano 2002, eq. 3).
 */
export function cornishFisherQuantile(z: number, skewness: number, excessKurtosis: number): number {
  const z2 = z * z;
  return (
    z +
    ((z2 - 1) * skewness) / 6 +
    ((z2 * z - 3 * z) * excessKurtosis) / 24 -
    ((2 * z2 * z - 5 * z) * skewness * skewness) / 36
  );
}

/**
 * Upper normal partial moments J_k(a) = ∫_a^∞ z^k φ(z) dz for k = 0..3:
 * J₀ = 1 − Φ(a) (given as `tail`), J₁ = φ(a), J_k = a^{k−1}φ(a) + (k − 1)J_{k−2}.
 */
function upperPartialMoments(a: number, tail: number): [number, number, number, number] {
  const pdf = normalPdf(a);
  const j0 = tail;
  const j1 = pdf;
  const j2 = a * pdf + j0;
  const j3 = a * a * pdf + 2 * j1;
  return [j0, j1, j2, j3];
}

/**
 * Cornish–Fisher VaR and CVaR over h days: VaR = σ√h·q − μh with q = −CF(−Φ⁻¹(c)) the loss-side
 * Cornish–Fisher quantile (skewness S and excess kurtosis K of the one-day returns, not rescaled
 * with h). CVaR is the exact tail mean of that quantile function, (1/(1 − c))∫_c^1 VaR_u du, in closed
 * form from the normal partial moments of the cubic in z (in the spirit of Boudt, Peterson & Croux
 * 2008, "Estimation and decomposition of downside risk", J. of Risk 11(2)). With S = K = 0 both equal
 * the normal ones.
 */
export function cornishFisherVar(moments: SampleMoments, confidence: number, horizon = 1): RiskEstimate {
  checkInputs(moments.mean, moments.stdDev, confidence, horizon);
  requireFinite('skewness', moments.skewness);
  requireFinite('excessKurtosis', moments.excessKurtosis);
  const { skewness: s, excessKurtosis: k } = moments;
  const zc = normalQuantile(confidence);
  // Losses are −r: the loss quantile at c is −CF(−z_c); over the tail u ∈ (c, 1) the loss quantile is
  // −CF(−z), z = Φ⁻¹(u) ∈ (z_c, ∞). Write −CF(−z) = a₀ + a₁z + a₂z² + a₃z³ and integrate against φ.
  const a0 = s / 6;
  const a1 = 1 - k / 8 + (5 * s * s) / 36;
  const a2 = -s / 6;
  const a3 = k / 24 - (s * s) / 18;
  const lossQuantile = -cornishFisherQuantile(-zc, s, k);
  const [j0, j1, j2, j3] = upperPartialMoments(zc, 1 - confidence);
  const tailMean = (a0 * j0 + a1 * j1 + a2 * j2 + a3 * j3) / (1 - confidence);
  const scale = moments.stdDev * Math.sqrt(horizon);
  const drift = moments.mean * horizon;
  return { valueAtRisk: scale * lossQuantile - drift, expectedShortfall: scale * tailMean - drift };
}
