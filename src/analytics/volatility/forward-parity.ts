/**
 * Forward and discount factor of one expiry from put–call parity, C − P = D·(F − K) (Hull,
 * "Options, Futures, and Other Derivatives", 10th ed., eq. 11.6 / 18.3 for forwards): an ordinary
 * least-squares line of C − P on K over the near-the-money strikes gives slope −D and intercept D·F.
 */
import { requireInteger, requirePositive } from '../statistics/validate.js';

/** Call and put mid prices at the same strike and expiry. */
export interface ParityPair {
  readonly strike: number;
  readonly callMid: number;
  readonly putMid: number;
}

/** The implied forward, discount factor, continuously compounded rate and the strikes used. */
export interface ParityForward {
  readonly forward: number;
  readonly discountFactor: number;
  /** `−ln(D) / time`, continuously compounded, per year. */
  readonly rate: number;
  readonly strikesUsed: readonly number[];
}

/**
 * Regresses C − P on K over the `nearest` pairs (default 16) with the smallest |C − P| (the strikes
 * closest to the forward, where both quotes are liquid). Needs at least 3 pairs; throws a
 * `RangeError` when the implied discount factor is not in (0, 1.2] or the forward not positive.
 */
export function forwardFromParity(pairs: readonly ParityPair[], time: number, nearest = 16): ParityForward {
  requirePositive('time', time);
  requireInteger('nearest', nearest, 3);
  const usable = pairs.filter(
    (p) => Number.isFinite(p.strike) && Number.isFinite(p.callMid) && Number.isFinite(p.putMid),
  );
  if (usable.length < 3) {
    throw new RangeError(
      `pairs must hold at least 3 strikes with both a call and a put, got ${usable.length}`,
    );
  }
  const chosen = [...usable]
    .sort((x, y) => Math.abs(x.callMid - x.putMid) - Math.abs(y.callMid - y.putMid))
    .slice(0, nearest);
  const n = chosen.length;
  const meanK = chosen.reduce((s, p) => s + p.strike, 0) / n;
  const meanY = chosen.reduce((s, p) => s + (p.callMid - p.putMid), 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const p of chosen) {
    sxy += (p.strike - meanK) * (p.callMid - p.putMid - meanY);
    sxx += (p.strike - meanK) ** 2;
  }
  if (!(sxx > 0)) throw new RangeError('pairs must hold at least 2 distinct strikes');
  const discountFactor = -sxy / sxx;
  if (!(discountFactor > 0 && discountFactor <= 1.2)) {
    throw new RangeError(`pairs imply a discount factor outside (0, 1.2], got ${discountFactor}`);
  }
  const forward = (meanY + discountFactor * meanK) / discountFactor;
  if (!(forward > 0)) throw new RangeError(`pairs imply a non-positive forward, got ${forward}`);
  return {
    forward,
    discountFactor,
    rate: -Math.log(discountFactor) / time,
    strikesUsed: chosen.map((p) => p.strike).sort((x, y) => x - y),
  };
}
