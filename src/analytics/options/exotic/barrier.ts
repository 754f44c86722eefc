/**
 * Standard single-barrier European options with rebate — the eight down/up, in/out, call/put cases —
 * in closed form: Merton (1973) and Reiner & Rubinstein (1991), "Breaking down the barriers", Risk
 * 4(8), as tabulated in Haug (2007), "The Complete Guide to Option Pricing Formulas", 2nd ed.,
 * ch. 4.17.1 (terms A–F). Continuous monitoring, generalised cost of carry b.
 */

import { normalCdf } from '../../statistics/normal.js';
import { requireFinite, requirePositive } from '../../statistics/validate.js';
import { lognormalPrice } from '../black-scholes.js';
import { requireOptionInputs } from '../option-inputs.js';
import type { OptionType } from '../types.js';

/** Where the barrier sits relative to spot and what touching it does. */
export type BarrierKind = 'down-in' | 'down-out' | 'up-in' | 'up-out';

const BARRIER_KINDS: readonly BarrierKind[] = ['down-in', 'down-out', 'up-in', 'up-out'];

/** Haug's building blocks A–F (2007, p. 153) for one option; φ = ±1 call/put, η = ±1 down/up. */
interface BarrierTerms {
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly d: number;
  readonly e: number;
  readonly f: number;
}

/** The terms A–F of Reiner & Rubinstein (1991) in Haug's (2007) notation. */
function barrierTerms(
  phi: number,
  eta: number,
  spot: number,
  strike: number,
  barrier: number,
  rebate: number,
  time: number,
  rate: number,
  carry: number,
  vol: number,
): BarrierTerms {
  const variance = vol * vol;
  const volSqrtTime = vol * Math.sqrt(time);
  const mu = (carry - variance / 2) / variance;
  const lambdaSquared = mu * mu + (2 * rate) / variance;
  if (rebate > 0 && lambdaSquared < 0) {
    throw new RangeError(
      `rate must keep μ² + 2r/σ² >= 0 for a rebate paid at the hit (got rate ${rate}); price this rebate by simulation`,
    );
  }
  const lambda = Math.sqrt(Math.max(0, lambdaSquared));
  const shift = (1 + mu) * volSqrtTime;
  const x1 = Math.log(spot / strike) / volSqrtTime + shift;
  const x2 = Math.log(spot / barrier) / volSqrtTime + shift;
  const y1 = Math.log((barrier * barrier) / (spot * strike)) / volSqrtTime + shift;
  const y2 = Math.log(barrier / spot) / volSqrtTime + shift;
  const z = Math.log(barrier / spot) / volSqrtTime + lambda * volSqrtTime;
  const forward = spot * Math.exp((carry - rate) * time);
  const discountedStrike = strike * Math.exp(-rate * time);
  const ratio = barrier / spot;
  const reflectedSpot = ratio ** (2 * (mu + 1));
  const reflectedStrike = ratio ** (2 * mu);
  return {
    a: phi * forward * normalCdf(phi * x1) - phi * discountedStrike * normalCdf(phi * (x1 - volSqrtTime)),
    b: phi * forward * normalCdf(phi * x2) - phi * discountedStrike * normalCdf(phi * (x2 - volSqrtTime)),
    c:
      phi * forward * reflectedSpot * normalCdf(eta * y1) -
      phi * discountedStrike * reflectedStrike * normalCdf(eta * (y1 - volSqrtTime)),
    d:
      phi * forward * reflectedSpot * normalCdf(eta * y2) -
      phi * discountedStrike * reflectedStrike * normalCdf(eta * (y2 - volSqrtTime)),
    e:
      rebate *
      Math.exp(-rate * time) *
      (normalCdf(eta * (x2 - volSqrtTime)) - reflectedStrike * normalCdf(eta * (y2 - volSqrtTime))),
    f:
      rebate === 0
        ? 0
        : rebate *
          (ratio ** (mu + lambda) * normalCdf(eta * z) +
            ratio ** (mu - lambda) * normalCdf(eta * (z - 2 * lambda * volSqrtTime))),
  };
}

/** Haug's (2007) table of combinations for a barrier not yet touched. */
function combine(type: OptionType, kind: BarrierKind, strikeAboveBarrier: boolean, t: BarrierTerms): number {
  const call = type === 'call';
  switch (kind) {
    case 'down-in':
      if (call) return strikeAboveBarrier ? t.c + t.e : t.a - t.b + t.d + t.e;
      return strikeAboveBarrier ? t.b - t.c + t.d + t.e : t.a + t.e;
    case 'up-in':
      if (call) return strikeAboveBarrier ? t.a + t.e : t.b - t.c + t.d + t.e;
      return strikeAboveBarrier ? t.a - t.b + t.d + t.e : t.c + t.e;
    case 'down-out':
      if (call) return strikeAboveBarrier ? t.a - t.c + t.f : t.b - t.d + t.f;
      return strikeAboveBarrier ? t.a - t.b + t.c - t.d + t.f : t.f;
    case 'up-out':
      if (call) return strikeAboveBarrier ? t.f : t.a - t.b + t.c - t.d + t.f;
      return strikeAboveBarrier ? t.b - t.d + t.f : t.a - t.c + t.f;
  }
}

/**
 * Price of a European single-barrier option, continuously monitored (Reiner & Rubinstein 1991; Haug
 * 2007 ch. 4.17.1). `kind` says whether the barrier H is below ('down-…') or above ('up-…') spot and
 * whether touching it activates ('…-in') or cancels ('…-out') the vanilla option. `rebate` (≥ 0,
 * currency) is paid at expiry for an in-option never activated and at the hitting time for a
 * knocked-out option. `time` in years; `rate`, `carry` (b = r − q stock, b = 0 futures) and `vol`
 * annual decimals, continuous compounding. If spot is already at or beyond the barrier the option has
 * been hit: an in-option is worth the vanilla European, an out-option the rebate (paid now).
 */
export function barrierOptionPrice(
  type: OptionType,
  kind: BarrierKind,
  spot: number,
  strike: number,
  barrier: number,
  rebate: number,
  time: number,
  rate: number,
  carry: number,
  vol: number,
): number {
  requireOptionInputs(type, spot, strike, time, rate, carry, vol);
  if (!BARRIER_KINDS.includes(kind)) {
    throw new RangeError(`kind must be one of ${BARRIER_KINDS.join(', ')}, got ${String(kind)}`);
  }
  requirePositive('barrier', barrier);
  requireFinite('rebate', rebate);
  if (rebate < 0) throw new RangeError(`rebate must be a finite number >= 0, got ${rebate}`);
  const down = kind === 'down-in' || kind === 'down-out';
  const knockIn = kind === 'down-in' || kind === 'up-in';
  const touched = down ? spot <= barrier : spot >= barrier;
  if (touched)
    return knockIn ? lognormalPrice(type === 'call', spot, strike, time, rate, carry, vol) : rebate;
  const terms = barrierTerms(
    type === 'call' ? 1 : -1,
    down ? 1 : -1,
    spot,
    strike,
    barrier,
    rebate,
    time,
    rate,
    carry,
    vol,
  );
  return combine(type, kind, strike >= barrier, terms);
}
