/**
 * Cox–Ross–Rubinstein binomial tree (Cox, Ross & Rubinstein 1979, "Option pricing: a simplified
 * approach", J. Financial Economics 7; Haug 2007, §7.1.1): u = e^{σ√Δt}, d = 1/u,
 * p = (e^{bΔt} − d)/(u − d), with generalised carry b. Error O(1/n), oscillating with n.
 */

import { requireInteger } from '../../statistics/validate.js';
import { type BinomialStep, binomialTreeValues } from './binomial-tree.js';
import { type LatticeGreeks, type VanillaOptionInputs, validateOptionInputs } from './inputs.js';

/** Default CRR step count. */
export const CRR_DEFAULT_STEPS = 1000;

/** The CRR moves and up probability for `steps` steps. */
export function crrStep(option: VanillaOptionInputs, steps: number): BinomialStep {
  const dt = option.time / steps;
  const up = Math.exp(option.vol * Math.sqrt(dt));
  const down = 1 / up;
  return { up, down, probabilityUp: (Math.exp(option.carry * dt) - down) / (up - down) };
}

/** CRR price with delta, gamma and theta (per year) read off the tree. */
export function crrValues(option: VanillaOptionInputs, steps = CRR_DEFAULT_STEPS): LatticeGreeks {
  validateOptionInputs(option);
  requireInteger('steps', steps, 3);
  return binomialTreeValues(option, steps, crrStep(option, steps));
}

/** CRR price of a European or American option. */
export function crrPrice(option: VanillaOptionInputs, steps = CRR_DEFAULT_STEPS): number {
  return crrValues(option, steps).price;
}
