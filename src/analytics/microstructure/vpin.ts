import { normalCdf } from '../statistics/normal.js';
import { sampleStdDev } from '../statistics/sample.js';
import { requireInteger, requirePositive } from '../statistics/validate.js';

/** Buy and sell volume of one equal-volume bucket. */
export interface VolumeBucket {
  readonly buyVolume: number;
  readonly sellVolume: number;
}

/**
 * Bulk volume classification (Easley, López de Prado & O'Hara 2012, "Flow toxicity and liquidity
 * in a high-frequency world", Rev. Financial Studies 25(5), eq. (2)): the buy share of bar i's
 * volume is Φ(ΔP_i / σ_ΔP), σ_ΔP the sample standard deviation of the bars' price changes.
 * Returns the buy fraction of each bar (0.5 everywhere when σ_ΔP is 0).
 */
export function bulkBuyFractions(priceChanges: ArrayLike<number>): number[] {
  const sigma = priceChanges.length > 1 ? sampleStdDev(priceChanges) : 0;
  const fractions: number[] = [];
  for (let i = 0; i < priceChanges.length; i++) {
    fractions.push(sigma > 0 ? normalCdf(priceChanges[i] / sigma) : 0.5);
  }
  return fractions;
}

/**
 * Fills equal-volume buckets of `bucketVolume` from bars in time order (volume of a bar that
 * overflows a bucket carries into the next, with the bar's buy fraction). A last incomplete
 * bucket is dropped.
 */
export function volumeBuckets(
  volumes: ArrayLike<number>,
  buyFractions: ArrayLike<number>,
  bucketVolume: number,
): VolumeBucket[] {
  requirePositive('bucketVolume', bucketVolume);
  const buckets: VolumeBucket[] = [];
  let buy = 0;
  let filled = 0;
  for (let i = 0; i < volumes.length; i++) {
    let left = volumes[i];
    while (left > 0) {
      const take = Math.min(left, bucketVolume - filled);
      buy += take * buyFractions[i];
      filled += take;
      left -= take;
      if (filled >= bucketVolume * (1 - 1e-12)) {
        buckets.push({ buyVolume: buy, sellVolume: filled - buy });
        buy = 0;
        filled = 0;
      }
    }
  }
  return buckets;
}

/** VPIN over a sliding window of buckets. */
export interface Vpin {
  readonly buckets: VolumeBucket[];
  /** VPIN after each bucket from the `window`-th on (index 0 = buckets 0 … window − 1). */
  readonly series: number[];
  /** The latest value (NaN when fewer than `window` buckets). */
  readonly last: number;
  /** The mean of `series` (NaN when empty). */
  readonly mean: number;
}

/**
 * VPIN = Σ_τ |V_τ^S − V_τ^B| / Σ_τ (V_τ^S + V_τ^B) over the last `window` buckets, = Σ|V^S − V^B| /
 * (n·V) for equal buckets of volume V (Easley, López de Prado & O'Hara 2012, eq. (5)). In [0, 1]:
 * 1 when every bucket is one-sided, 0 when balanced.
 */
export function vpinOfBuckets(buckets: readonly VolumeBucket[], window: number): Vpin {
  requireInteger('window', window, 1);
  const series: number[] = [];
  let imbalance = 0;
  let volume = 0;
  for (let i = 0; i < buckets.length; i++) {
    imbalance += Math.abs(buckets[i].sellVolume - buckets[i].buyVolume);
    volume += buckets[i].sellVolume + buckets[i].buyVolume;
    if (i >= window) {
      const old = buckets[i - window];
      imbalance -= Math.abs(old.sellVolume - old.buyVolume);
      volume -= old.sellVolume + old.buyVolume;
    }
    if (i >= window - 1) series.push(volume > 0 ? imbalance / volume : Number.NaN);
  }
  const last = series.length > 0 ? series[series.length - 1] : Number.NaN;
  const mean = series.length > 0 ? series.reduce((a, b) => a + b, 0) / series.length : Number.NaN;
  return { buckets: [...buckets], series, last, mean };
}

/**
 * VPIN from time bars: bulk-classifies each bar's volume by its price change, fills buckets of
 * `bucketVolume` and averages over `window` buckets (the paper uses one-minute bars, 50 buckets a
 * day and a window of 50).
 */
export function vpin(
  volumes: ArrayLike<number>,
  priceChanges: ArrayLike<number>,
  bucketVolume: number,
  window: number,
): Vpin {
  if (volumes.length !== priceChanges.length) {
    throw new RangeError(
      `volumes and priceChanges must have the same length, got ${volumes.length} and ${priceChanges.length}`,
    );
  }
  return vpinOfBuckets(volumeBuckets(volumes, bulkBuyFractions(priceChanges), bucketVolume), window);
}
