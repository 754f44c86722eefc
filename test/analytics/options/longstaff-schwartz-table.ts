import type { VanillaOptionInputs } from '../../../src/analytics/options/american/inputs.js';

/**
 * The American puts of Longstaff & Schwartz (2001), Table 1: strike 40, r = 6 %, no dividend
 * (b = r), for the table's spot, volatility and maturity.
 */
export const longstaffSchwartzPut = (spot: number, vol: number, time: number): VanillaOptionInputs => ({
  type: 'put',
  exercise: 'american',
  spot,
  strike: 40,
  time,
  rate: 0.06,
  carry: 0.06,
  vol,
});
