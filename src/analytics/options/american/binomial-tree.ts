/**
 * Backward induction on a recombining binomial tree, shared by the Cox–Ross–Rubinstein and
 * Leisen–Reimer parametrisations. O(n) memory (one value array), O(n²) time.
 *
 * Node (i, j) after i steps and j up-moves holds S·u^j·d^(i−j). Greeks come from the tree itself
 * (Hull, "Options, Futures, and Other Derivatives", 10th ed., §21.1 "Estimating delta and other
 * Greek letters"; Haug 2007, §7.1): delta and gamma from the nodes at steps 1 and 2, theta from the
 * middle node at step 2 against the root, corrected to the root's spot by a second-order Taylor
 * step when u·d ≠ 1 (Leisen–Reimer trees do not return to the root's spot).
 */
import { intrinsicValue, type LatticeGreeks, type VanillaOptionInputs } from './inputs.js';

/** One step of a binomial tree: multiplicative moves and the risk-neutral up probability. */
export interface BinomialStep {
  readonly up: number;
  readonly down: number;
  readonly probabilityUp: number;
}

/**
 * Price, delta, gamma and theta (per year) of `option` on a tree of `steps` steps with moves
 * `step`. American exercise is checked at every node; European options are only paid at expiry.
 */
export function binomialTreeValues(
  option: VanillaOptionInputs,
  steps: number,
  step: BinomialStep,
): LatticeGreeks {
  const { type, spot, strike, time, rate } = option;
  const { up, down, probabilityUp } = step;
  if (!(probabilityUp > 0 && probabilityUp < 1) || !(up > down)) {
    throw new RangeError(
      `steps must be large enough for a valid tree (up probability ${probabilityUp} outside (0, 1)); got ${steps}`,
    );
  }
  const american = option.exercise === 'american';
  const dt = time / steps;
  const discount = Math.exp(-rate * dt);
  const pu = discount * probabilityUp;
  const pd = discount * (1 - probabilityUp);
  const ratio = up / down;
  const values = new Float64Array(steps + 1);
  let nodeSpot = spot * down ** steps;
  for (let j = 0; j <= steps; j++) {
    values[j] = intrinsicValue(type, nodeSpot, strike);
    nodeSpot *= ratio;
  }
  const atStep2 = [0, 0, 0];
  const atStep1 = [0, 0];
  for (let i = steps - 1; i >= 0; i--) {
    nodeSpot = spot * down ** i;
    for (let j = 0; j <= i; j++) {
      const continuation = pd * values[j] + pu * values[j + 1];
      values[j] = american ? Math.max(continuation, intrinsicValue(type, nodeSpot, strike)) : continuation;
      nodeSpot *= ratio;
    }
    if (i === 2) for (let j = 0; j < 3; j++) atStep2[j] = values[j];
    if (i === 1) for (let j = 0; j < 2; j++) atStep1[j] = values[j];
  }
  const price = values[0];
  if (steps < 3) return { price, delta: Number.NaN, gamma: Number.NaN, theta: Number.NaN };
  const s10 = spot * down;
  const s11 = spot * up;
  const s20 = spot * down * down;
  const s21 = spot * up * down;
  const s22 = spot * up * up;
  const delta = (atStep1[1] - atStep1[0]) / (s11 - s10);
  const deltaUp = (atStep2[2] - atStep2[1]) / (s22 - s21);
  const deltaDown = (atStep2[1] - atStep2[0]) / (s21 - s20);
  const gamma = (deltaUp - deltaDown) / (0.5 * (s22 - s20));
  // Value at (spot, t + 2dt) from the middle node, moved back to the root's spot.
  const shift = spot - s21;
  const middleAtSpot = atStep2[1] + ((deltaUp + deltaDown) / 2) * shift + 0.5 * gamma * shift * shift;
  const theta = (middleAtSpot - price) / (2 * dt);
  return { price, delta, gamma, theta };
}
