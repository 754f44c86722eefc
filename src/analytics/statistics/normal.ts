/**
 * The standard normal distribution to double precision: density, CDF Φ and quantile Φ⁻¹.
 *
 * Φ: W. J. Cody's rational Chebyshev approximations ("Rational Chebyshev approximations for the
 * error function", Math. Comp. 23 (1969) 631–637; as in ACM TOMS Algorithm 715 and R's pnorm) in three
 * ranges: |x| ≤ 0.67448975 (a rational in x²), up to √32 (a rational in |x| times exp(−x²/2)) and beyond
 * (an asymptotic rational in 1/x²). Relative error about 1e-16 in both tails down to Φ(−37.5) ≈ 1e-308,
 * with no loop: a few dozen floating-point operations and two `exp`.
 * Φ⁻¹: Acklam's rational approximation (relative error < 1.2e-9) followed by one Halley step against
 * Φ, which brings it to a few ulps.
 */
import { requireFinite } from './validate.js';

const SQRT_2PI = Math.sqrt(2 * Math.PI);
const INV_SQRT_2PI = 1 / SQRT_2PI;
/** Below this Φ(x) underflows to 0 (and above −this, 1 − Φ rounds to 0 in the upper tail). */
const TAIL_LIMIT = 38.5;
/** Cody's range boundaries: Φ⁻¹(0.75) and √32. */
const CENTRAL_LIMIT = 0.67448975;
const MIDDLE_LIMIT = Math.sqrt(32);

/**
 * exp(−x²/2) with x² split so that the rounding of x² does not cost relative precision in the tails
 * (x = hi + lo, hi a multiple of 1/16 whose square is exact).
 */
function gaussianKernel(x: number): number {
  const hi = Math.trunc(x * 16) / 16;
  const lo = (x - hi) * (x + hi);
  return Math.exp((-hi * hi) / 2) * Math.exp(-lo / 2);
}

/** Standard normal density φ(x). */
export function normalPdf(x: number): number {
  return gaussianKernel(x) * INV_SQRT_2PI;
}

// Cody (1969) coefficients, in the arrangement of TOMS 715 / R's pnorm: central range …
const A0 = 2.2352520354606837;
const A1 = 161.02823106855587;
const A2 = 1067.6894854603709;
const A3 = 18154.98125334356;
const A4 = 0.06568233791820745;
const B0 = 47.202581904688245;
const B1 = 976.0985517377767;
const B2 = 10260.932208618979;
const B3 = 45507.78933502673;
// … middle range 0.674 < |x| ≤ √32 …
const C0 = 0.39894151208813466;
const C1 = 8.883149794388377;
const C2 = 93.50665613217785;
const C3 = 597.2702763948002;
const C4 = 2494.5375852903726;
const C5 = 6848.190450536283;
const C6 = 11602.65143764735;
const C7 = 9842.714838383978;
const C8 = 1.0765576773720192e-8;
const D0 = 22.266688044328117;
const D1 = 235.387901782625;
const D2 = 1519.3775994075547;
const D3 = 6485.558298266761;
const D4 = 18615.571640885097;
const D5 = 34900.95272114598;
const D6 = 38912.00328609327;
const D7 = 19685.429676859992;
// … and the far tail |x| > √32.
const P0 = 0.215898534057957;
const P1 = 0.12740116116024736;
const P2 = 0.022235277870649807;
const P3 = 0.0014216191932278934;
const P4 = 0.000029112874951168793;
const P5 = 0.023073441764940174;
const Q0 = 1.284260096144911;
const Q1 = 0.4682382124808651;
const Q2 = 0.06598813786892856;
const Q3 = 0.0037823963320275824;
const Q4 = 0.00007297515550839662;

/** Φ(x) − ½ for |x| ≤ CENTRAL_LIMIT, without cancellation near 0. */
function centralPart(x: number): number {
  const s = x * x;
  const numerator = ((((A4 * s + A0) * s + A1) * s + A2) * s + A3) * x;
  const denominator = (((s + B0) * s + B1) * s + B2) * s + B3;
  return numerator / denominator;
}

/** Upper tail Q(y) = 1 − Φ(y) for y > CENTRAL_LIMIT, to full relative precision. */
function upperTail(y: number): number {
  if (y >= TAIL_LIMIT) return 0;
  let ratio: number;
  if (y <= MIDDLE_LIMIT) {
    const numerator =
      (((((((C8 * y + C0) * y + C1) * y + C2) * y + C3) * y + C4) * y + C5) * y + C6) * y + C7;
    const denominator = (((((((y + D0) * y + D1) * y + D2) * y + D3) * y + D4) * y + D5) * y + D6) * y + D7;
    ratio = numerator / denominator;
  } else {
    const s = 1 / (y * y);
    const numerator = (((((P5 * s + P0) * s + P1) * s + P2) * s + P3) * s + P4) * s;
    const denominator = ((((s + Q0) * s + Q1) * s + Q2) * s + Q3) * s + Q4;
    ratio = (INV_SQRT_2PI - numerator / denominator) / y;
  }
  // Below y = 2 the rounding of y² costs at most ~2 ulps of exp(−y²/2): one exp suffices.
  return (y < 2 ? Math.exp(-0.5 * y * y) : gaussianKernel(y)) * ratio;
}

/** Standard normal CDF Φ(x) = P(Z ≤ x) (Cody 1969). NaN for NaN. */
export function normalCdf(x: number): number {
  const y = x < 0 ? -x : x;
  if (y <= CENTRAL_LIMIT) return 0.5 + centralPart(x);
  if (x < 0) return upperTail(y);
  if (x > 0) return 1 - upperTail(y);
  return Number.NaN;
}

/**
 * Φ(x) − ½, exact in relative terms near x = 0 where `normalCdf(x) − 0.5` would cancel
 * (e.g. the at-the-money option price N(s/2) − N(−s/2) = 2·(Φ(s/2) − ½) for tiny s).
 */
export function normalCdfMinusHalf(x: number): number {
  const y = x < 0 ? -x : x;
  if (y <= CENTRAL_LIMIT) return centralPart(x);
  if (x < 0) return upperTail(y) - 0.5;
  if (x > 0) return 0.5 - upperTail(y);
  return Number.NaN;
}

// Acklam's coefficients: central region, then tails.
const A = [
  -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
  2.506628277459239,
];
const B = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
const C = [
  -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
];
const D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;

/** Acklam's approximation for 0 < p ≤ 0.5. */
function acklam(p: number): number {
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) /
      ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1)
    );
  }
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q) /
    (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1)
  );
}

/**
 * Standard normal quantile Φ⁻¹(p): the x with Φ(x) = p. `p` in [0, 1]; Φ⁻¹(0) = −∞, Φ⁻¹(1) = +∞.
 * Symmetric by construction (Φ⁻¹(1 − p) = −Φ⁻¹(p)); computed on the lower tail, where p is exact.
 */
export function normalQuantile(p: number): number {
  requireFinite('p', p);
  if (p < 0 || p > 1) throw new RangeError(`p must be a probability in [0, 1], got ${p}`);
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  if (p === 0.5) return 0;
  if (p > 0.5) return -normalQuantile(1 - p);
  const x = acklam(p);
  // One Halley step on f(x) = Φ(x) − p: x ← x − u / (1 + x·u/2), u = f(x) / φ(x).
  const u = (normalCdf(x) - p) / normalPdf(x);
  return x - u / (1 + (x * u) / 2);
}
