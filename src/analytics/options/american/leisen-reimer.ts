/**
 * Leisen–Reimer binomial tree (Leisen & Reimer 1996, "Binomial models for option valuation —
 * examining and improving convergence", Applied Mathematical Finance 3, 319–346; Haug 2007, §7.1.3).
 * The up probabilities come from the Peizer–Pratt inversion (method 2) of d2 and d1:
 *   h(z, n) = ½ + sign(z)·½·√(1 − exp(−(z/(n + ⅓ + 0.1/(n+1)))²·(n + ⅙))),
 *   p = h(d2), p' = h(d1), u = e^{bΔt}·p'/p, d = (e^{bΔt} − p·u)/(1 − p).
 * The tree is centred on the strike, so European prices converge smoothly at O(1/n²) for odd n.
 */
import { requireInteger } from '../../statistics/validate.js';
import { type BinomialStep, binomialTreeValues } from './binomial-tree.js';
import { type LatticeGreeks, type VanillaOptionInputs, validateOptionInputs } from './inputs.js';

/** Default Leisen–Reimer step count (odd). */
export const LEISEN_REIMER_DEFAULT_STEPS = 801;

/** Peizer–Pratt method-2 inversion h(z, n): the probability a binomial(n) beats z standard deviations. */
export function peizerPrattInversion(z: number, steps: number): number {
  const scaled = z / (steps + 1 / 3 + 0.1 / (steps + 1));
  const root = Math.sqrt(1 - Math.exp(-scaled * scaled * (steps + 1 / 6)));
  return 0.5 + Math.sign(z) * 0.5 * root;
}

/** The Leisen–Reimer moves and up probability for an odd number of steps. */
export function leisenReimerStep(option: VanillaOptionInputs, steps: number): BinomialStep {
  const { spot, strike, time, carry, vol } = option;
  const volRoot = vol * Math.sqrt(time);
  const d1 = (Math.log(spot / strike) + (carry + 0.5 * vol * vol) * time) / volRoot;
  const d2 = d1 - volRoot;
  const growth = Math.exp((carry * time) / steps);
  const probabilityUp = peizerPrattInversion(d2, steps);
  const up = (growth * peizerPrattInversion(d1, steps)) / probabilityUp;
  const down = (growth - probabilityUp * up) / (1 - probabilityUp);
  return { up, down, probabilityUp };
}

/**
 * Leisen–Reimer price with delta, gamma and theta (per year) read off the tree. An even `steps`
 * is raised to the next odd number (the method is defined for odd n).
 */
export function leisenReimerValues(
  option: VanillaOptionInputs,
  steps = LEISEN_REIMER_DEFAULT_STEPS,
): LatticeGreeks {
  validateOptionInputs(option);
  requireInteger('steps', steps, 3);
  const oddSteps = steps % 2 === 0 ? steps + 1 : steps;
  return binomialTreeValues(option, oddSteps, leisenReimerStep(option, oddSteps));
}

/** Leisen–Reimer price of a European or American option. */
export function leisenReimerPrice(option: VanillaOptionInputs, steps = LEISEN_REIMER_DEFAULT_STEPS): number {
  return leisenReimerValues(option, steps).price;
}
