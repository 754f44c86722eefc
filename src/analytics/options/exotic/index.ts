/** Closed-form exotic options: single barriers with rebate and geometric average-rate Asians. */
export { type BarrierKind, barrierOptionPrice } from './barrier.js';
export { discreteGeometricAsianPrice, geometricAsianPrice } from './geometric-asian.js';
