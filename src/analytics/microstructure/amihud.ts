import { requireFinite } from '../statistics/validate.js';

/**
 * Amihud (2002) illiquidity, "Illiquidity and stock returns: cross-section and time-series
 * effects", J. Financial Markets 5, eq. (1): the mean over periods of |r_t| / DVOL_t, the absolute
 * return per unit of traded value (per dollar when volumes are in dollars). Periods without
 * volume are left out; NaN when none remains. Amihud reports it × 10⁶ (per $ million) for daily
 * data; scale as needed.
 */
export function amihudIlliquidity(returns: ArrayLike<number>, dollarVolumes: ArrayLike<number>): number {
  if (returns.length !== dollarVolumes.length) {
    throw new RangeError(
      `returns and dollarVolumes must have the same length, got ${returns.length} and ${dollarVolumes.length}`,
    );
  }
  let sum = 0;
  let periods = 0;
  for (let i = 0; i < returns.length; i++) {
    const volume = requireFinite(`dollarVolumes[${i}]`, dollarVolumes[i]);
    if (volume < 0) throw new RangeError(`dollarVolumes[${i}] must be >= 0, got ${volume}`);
    if (volume === 0) continue;
    sum += Math.abs(requireFinite(`returns[${i}]`, returns[i])) / volume;
    periods++;
  }
  return periods === 0 ? Number.NaN : sum / periods;
}
