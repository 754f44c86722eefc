/**
 * Fitting SVI and/or SABR to a market smile, with fit errors in vol points and the butterfly
 * check, and fitting a whole chain (all expiries) with the calendar check across the SVI slices.
 */
import {
  type ButterflyCheck,
  butterflyCheck,
  type CalendarCheck,
  calendarCheck,
  logMoneynessGrid,
} from './arbitrage.js';
import type { MarketSmile, SmilePoint } from './market-smile.js';
import { type SabrParameters, sabrVolatilityUnchecked } from './sabr.js';
import { DEFAULT_SABR_BETA, fitSabr } from './sabr-fit.js';
import { type VolatilitySurface, volatilitySurface } from './surface.js';
import { type SviParameters, sviImpliedVolatility, sviTotalVariance } from './svi.js';
import { fitSvi } from './svi-fit.js';

/** Which models to fit. */
export type SmileModel = 'svi' | 'sabr' | 'both';

/** Errors of model vols against market mid vols, in vol points (1 vol point = 0.01 of vol). */
export interface FitErrors {
  readonly rmseVolPoints: number;
  readonly maxAbsErrorVolPoints: number;
  /** Share of quotes whose model vol lies within [bid vol, ask vol] (missing bid vol counts as 0). */
  readonly insideBidAsk: number;
  /** Mean bid/ask width in vol points of the quotes that have both (the scale RMSE is judged by). */
  readonly meanSpreadVolPoints: number;
}

/** An SVI slice fit with its errors, butterfly check and wing bound. */
export interface SviSliceFit extends FitErrors {
  readonly parameters: SviParameters;
  readonly butterfly: ButterflyCheck;
  readonly repaired: boolean;
  readonly wingBoundSatisfied: boolean;
}

/** A SABR slice fit with its errors and the butterfly check of its total variance. */
export interface SabrSliceFit extends FitErrors {
  readonly parameters: SabrParameters;
  readonly butterfly: ButterflyCheck;
}

/** One expiry's fits. */
export interface SmileFit {
  readonly smile: MarketSmile;
  readonly svi?: SviSliceFit;
  readonly sabr?: SabrSliceFit;
}

/** Options: the models (default both), SABR's fixed β (default 1) and the minimum vol spread. */
export interface SmileFitOptions {
  readonly model?: SmileModel;
  readonly sabrBeta?: number;
  /**
   * Bid/ask vol widths below this (decimal, default 0.002 = 0.2 vol points) are raised to it
   * before weighting, so a few very tight quotes do not dominate the fit.
   */
  readonly minimumSpreadVolatility?: number;
}

/**
 * Bid/ask width in vol of a point (decimal); twice the ask−mid distance when the bid has no vol,
 * floored at `minimum`.
 */
export function spreadVolatility(point: SmilePoint, minimum: number): number {
  const { bidVolatility: bid, askVolatility: ask, midVolatility: mid } = point;
  const width = bid !== null && ask !== null ? ask - bid : ask !== null ? 2 * (ask - mid) : 0.02;
  return Math.max(width, minimum);
}

/**
 * Fits the requested models to `smile`. Weights are 1/spread²: in vol for SABR, and in total
 * variance (spread × 2σT, the first-order change of w = σ²T) for SVI.
 */
export function fitSmile(smile: MarketSmile, options: SmileFitOptions = {}): SmileFit {
  const model = options.model ?? 'both';
  const minimum = options.minimumSpreadVolatility ?? 0.002;
  const { points, time, forward } = smile;
  const spreads = points.map((p) => spreadVolatility(p, minimum));
  let svi: SviSliceFit | undefined;
  let sabr: SabrSliceFit | undefined;
  if (model !== 'sabr') {
    const fit = fitSvi(
      points.map((p, i) => ({
        logMoneyness: p.logMoneyness,
        totalVariance: p.midVolatility * p.midVolatility * time,
        weight: 1 / (2 * p.midVolatility * time * spreads[i]) ** 2,
      })),
    );
    svi = {
      parameters: fit.parameters,
      butterfly: fit.butterfly,
      repaired: fit.repaired,
      wingBoundSatisfied: fit.wingBoundSatisfied,
      ...fitErrors(points, (p) => sviImpliedVolatility(fit.parameters, p.logMoneyness, time)),
    };
  }
  if (model !== 'svi') {
    const fit = fitSabr(
      points.map((p, i) => ({ strike: p.strike, volatility: p.midVolatility, weight: 1 / spreads[i] ** 2 })),
      forward,
      time,
      options.sabrBeta ?? DEFAULT_SABR_BETA,
    );
    const sabrVol = (k: number): number =>
      sabrVolatilityUnchecked(fit.parameters, forward, forward * Math.exp(k), time);
    sabr = {
      parameters: fit.parameters,
      butterfly: butterflyCheck((k) => sabrVol(k) ** 2 * time),
      ...fitErrors(points, (p) => sabrVol(p.logMoneyness)),
    };
  }
  return { smile, svi, sabr };
}

/** RMSE and max |error| of `modelVol` against mid vols, in vol points, and the share inside bid/ask. */
export function fitErrors(points: readonly SmilePoint[], modelVol: (p: SmilePoint) => number): FitErrors {
  let sum = 0;
  let maxAbs = 0;
  let inside = 0;
  let spreadSum = 0;
  let spreadCount = 0;
  for (const p of points) {
    const v = modelVol(p);
    const error = Math.abs(v - p.midVolatility);
    sum += error * error;
    maxAbs = Math.max(maxAbs, error);
    if (
      p.bidVolatility !== null &&
      p.askVolatility !== null &&
      v >= p.bidVolatility &&
      v <= p.askVolatility
    ) {
      inside++;
    }
    if (p.bidVolatility !== null && p.askVolatility !== null) {
      spreadSum += p.askVolatility - p.bidVolatility;
      spreadCount++;
    }
  }
  return {
    rmseVolPoints: 100 * Math.sqrt(sum / points.length),
    maxAbsErrorVolPoints: 100 * maxAbs,
    insideBidAsk: inside / points.length,
    meanSpreadVolPoints: spreadCount > 0 ? (100 * spreadSum) / spreadCount : Number.NaN,
  };
}

/** Fits of every expiry of a chain (sorted by time) and the calendar check of the SVI slices. */
export interface ChainFit {
  readonly expiries: readonly SmileFit[];
  /**
   * Calendar check of consecutive SVI slices, each pair over the log-moneyness range quoted in both
   * (`pairIndex` names the earlier expiry of the worst pair); present with >= 2 SVI expiries.
   */
  readonly calendar?: CalendarCheck;
}

/** Fits each smile and checks SVI total variance for calendar arbitrage across expiries. */
export function fitChain(smiles: readonly MarketSmile[], options: SmileFitOptions = {}): ChainFit {
  const expiries = [...smiles].sort((x, y) => x.time - y.time).map((s) => fitSmile(s, options));
  const withSvi = expiries.filter((e) => e.svi !== undefined && e.smile.points.length > 0);
  if (withSvi.length < 2) return { expiries };
  // Each consecutive pair is checked where both were quoted: beyond that, slices are extrapolations.
  let worst: CalendarCheck | undefined;
  let violations = 0;
  for (let i = 0; i + 1 < withSvi.length; i++) {
    const pair = [withSvi[i], withSvi[i + 1]];
    const from = Math.max(...pair.map((e) => e.smile.points[0].logMoneyness));
    const to = Math.min(...pair.map((e) => e.smile.points[e.smile.points.length - 1].logMoneyness));
    if (!(to > from)) continue;
    const check = calendarCheck(
      pair.map((e) => {
        const p = (e.svi as SviSliceFit).parameters;
        return { time: e.smile.time, totalVariance: (k: number) => sviTotalVariance(p, k) };
      }),
      logMoneynessGrid(from, to, 201),
    );
    violations += check.violations;
    if (worst === undefined || check.minimumIncrease < worst.minimumIncrease)
      worst = { ...check, pairIndex: i };
  }
  if (worst === undefined) return { expiries };
  return { expiries, calendar: { ...worst, violations, arbitrageFree: violations === 0 } };
}

/** The interpolated surface (surface.ts) through a chain's SVI (default) or SABR slices. */
export function chainSurface(chain: ChainFit, model: 'svi' | 'sabr' = 'svi'): VolatilitySurface {
  const slices = chain.expiries.flatMap((e) => {
    const { time, forward } = e.smile;
    if (model === 'svi' && e.svi) {
      const p = e.svi.parameters;
      return [{ time, forward, totalVariance: (k: number) => sviTotalVariance(p, k) }];
    }
    if (model === 'sabr' && e.sabr) {
      const p = e.sabr.parameters;
      return [
        {
          time,
          forward,
          totalVariance: (k: number) =>
            sabrVolatilityUnchecked(p, forward, forward * Math.exp(k), time) ** 2 * time,
        },
      ];
    }
    return [];
  });
  return volatilitySurface(slices);
}
