/**
 * Standard bivariate normal CDF M(x, y; ρ) = P(X ≤ x, Y ≤ y) for unit normals with correlation ρ, to
 * about 1e-15 absolute: Genz (2004), "Numerical computation of rectangular bivariate and trivariate
 * normal and t probabilities", Statistics and Computing 14, 151–160, §2.2 — Drezner & Wesolowsky's
 * (1989) integral in asin ρ for |ρ| < 0.925 with 6/12/20-point Gauss–Legendre rules, and for
 * |ρ| ≥ 0.925 Genz's series-corrected integral in √(1 − ρ²).
 */
import { normalCdf } from './normal.js';
import { requireFinite } from './validate.js';

interface GaussLegendreRule {
  readonly nodes: Float64Array;
  readonly weights: Float64Array;
}

/**
 * The n-point Gauss–Legendre rule on [−1, 1]: nodes are the roots of P_n found by Newton from
 * Tricomi's estimate cos(π(i − ¼)/(n + ½)); weights 2 / ((1 − x²) P_n'(x)²) (Abramowitz & Stegun
 * 25.4.29). Computed once to machine precision rather than tabulated.
 */
function gaussLegendre(n: number): GaussLegendreRule {
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let derivative = 0;
    for (let iteration = 0; iteration < 100; iteration++) {
      let previous = 1;
      let current = x;
      for (let degree = 2; degree <= n; degree++) {
        const next = ((2 * degree - 1) * x * current - (degree - 1) * previous) / degree;
        previous = current;
        current = next;
      }
      derivative = (n * (x * current - previous)) / (x * x - 1);
      const step = current / derivative;
      x -= step;
      if (Math.abs(step) < 1e-16) break;
    }
    nodes[i] = x;
    weights[i] = 2 / ((1 - x * x) * derivative * derivative);
  }
  return { nodes, weights };
}

const RULE_6 = gaussLegendre(6);
const RULE_12 = gaussLegendre(12);
const RULE_20 = gaussLegendre(20);
const TWO_PI = 2 * Math.PI;

/** Genz's choice of rule by |ρ| (more points as the integrand sharpens). */
function ruleFor(absRho: number): GaussLegendreRule {
  if (absRho < 0.3) return RULE_6;
  if (absRho < 0.75) return RULE_12;
  return RULE_20;
}

/** Drezner–Wesolowsky: P(X > h, Y > k) = Φ(−h)Φ(−k) + (1/2π) ∫₀^{asin ρ} exp(−(h² + k² − 2hk sinθ) / (2cos²θ)) dθ. */
function upperModerateCorrelation(h: number, k: number, rho: number, rule: GaussLegendreRule): number {
  const hk = h * k;
  const halfSumSquares = (h * h + k * k) / 2;
  const asinRho = Math.asin(rho);
  let sum = 0;
  for (let i = 0; i < rule.nodes.length; i++) {
    const sine = Math.sin((asinRho * (rule.nodes[i] + 1)) / 2);
    sum += rule.weights[i] * Math.exp((sine * hk - halfSumSquares) / (1 - sine * sine));
  }
  return (sum * asinRho) / (4 * Math.PI) + normalCdf(-h) * normalCdf(-k);
}

/**
 * Genz (2004) for |ρ| ≥ 0.925: P(X > h, Y > k) for ρ > 0 (call with k → −k for ρ < 0) as
 * Φ(−max(h, k)) minus an integral over x ∈ (0, √(1 − ρ²)) whose singular part is integrated in
 * closed form (the Taylor-corrected terms with c and d).
 */
function upperHighCorrelation(h: number, k: number, absRho: number, rule: GaussLegendreRule): number {
  const hk = h * k;
  let integral = 0;
  if (absRho < 1) {
    const oneMinusRhoSquared = (1 - absRho) * (1 + absRho);
    const a = Math.sqrt(oneMinusRhoSquared);
    const diffSquared = (h - k) * (h - k);
    const c = (4 - hk) / 8;
    const d = (12 - hk) / 16;
    const exponent = -(diffSquared / oneMinusRhoSquared + hk) / 2;
    if (exponent > -100) {
      integral =
        a *
        Math.exp(exponent) *
        (1 -
          (c * (diffSquared - oneMinusRhoSquared) * (1 - (d * diffSquared) / 5)) / 3 +
          (c * d * oneMinusRhoSquared * oneMinusRhoSquared) / 5);
    }
    if (hk > -100) {
      const b = Math.sqrt(diffSquared);
      integral -=
        Math.exp(-hk / 2) *
        Math.sqrt(TWO_PI) *
        normalCdf(-b / a) *
        b *
        (1 - (c * diffSquared * (1 - (d * diffSquared) / 5)) / 3);
    }
    const halfA = a / 2;
    for (let i = 0; i < rule.nodes.length; i++) {
      const xs = (halfA * (rule.nodes[i] + 1)) ** 2;
      const rs = Math.sqrt(1 - xs);
      const nodeExponent = -(diffSquared / xs + hk) / 2;
      if (nodeExponent > -100) {
        const series = 1 + c * xs * (1 + d * xs);
        const exact = Math.exp((-hk * (1 - rs)) / (2 * (1 + rs))) / rs;
        integral += halfA * rule.weights[i] * Math.exp(nodeExponent) * (exact - series);
      }
    }
    integral = -integral / TWO_PI;
  }
  return integral;
}

/**
 * Standard bivariate normal CDF M(x, y; ρ) = P(X ≤ x, Y ≤ y), X, Y standard normal with correlation
 * ρ ∈ [−1, 1] (Genz 2004, absolute error ≈ 1e-15). `x`, `y` may be ±∞.
 */
export function bivariateNormalCdf(x: number, y: number, rho: number): number {
  if (Number.isNaN(x)) throw new RangeError(`x must be a number, got ${x}`);
  if (Number.isNaN(y)) throw new RangeError(`y must be a number, got ${y}`);
  requireFinite('rho', rho);
  if (rho < -1 || rho > 1) throw new RangeError(`rho must be a correlation in [-1, 1], got ${rho}`);
  if (x === Number.NEGATIVE_INFINITY || y === Number.NEGATIVE_INFINITY) return 0;
  if (x === Number.POSITIVE_INFINITY) return y === Number.POSITIVE_INFINITY ? 1 : normalCdf(y);
  if (y === Number.POSITIVE_INFINITY) return normalCdf(x);
  // P(X ≤ x, Y ≤ y) = P(X' > −x, Y' > −y) with X' = −X, Y' = −Y (same correlation).
  const h = -x;
  const k = -y;
  const absRho = Math.abs(rho);
  const rule = ruleFor(absRho);
  let upper: number;
  if (absRho < 0.925) {
    upper = upperModerateCorrelation(h, k, rho, rule);
  } else if (rho > 0) {
    upper = upperHighCorrelation(h, k, absRho, rule) + normalCdf(-Math.max(h, k));
  } else {
    upper = -upperHighCorrelation(h, -k, absRho, rule) + Math.max(0, normalCdf(-h) - normalCdf(k));
  }
  return Math.min(1, Math.max(0, upper));
}
