import { type SlippageModel, slipByTicks } from './types.js';

/** No slippage: the fill price, snapped to the grid against the taker if it was off the grid. */
export function noSlippage(): SlippageModel {
  return { adjust: (fill) => slipByTicks(fill, 0) };
}

/** Always `ticks` ticks against the taker. */
export function fixedTickSlippage(ticks: number): SlippageModel {
  slipByTicksCheck(ticks);
  return { adjust: (fill) => slipByTicks(fill, ticks) };
}

export interface VolatilitySlippageOptions {
  /** Slippage = k × volatility (in price units), converted to ticks. */
  readonly k: number;
  /**
   * How k × volatility becomes whole ticks: 'up' (default, conservative: any positive amount costs at
   * least one tick) or 'nearest' (half a tick or more rounds up).
   */
  readonly rounding?: 'up' | 'nearest';
  /** Ticks to slip when the context has no volatility. Default 0. */
  readonly fallbackTicks?: number;
}

/** Slips k × volatility, rounded to whole ticks as documented in `rounding`. */
export function volatilitySlippage(options: VolatilitySlippageOptions): SlippageModel {
  if (!(options.k >= 0) || !Number.isFinite(options.k))
    throw new RangeError(`volatility slippage k must be a finite number >= 0, got ${options.k}`);
  const rounding = options.rounding ?? 'up';
  const fallbackTicks = options.fallbackTicks ?? 0;
  slipByTicksCheck(fallbackTicks);
  return {
    adjust(fill, context) {
      const volatility = context.volatility;
      if (volatility === undefined) return slipByTicks(fill, fallbackTicks);
      if (!(volatility >= 0) || !Number.isFinite(volatility))
        throw new RangeError(`volatility must be a finite number >= 0, got ${volatility}`);
      const inTicks = (options.k * volatility) / fill.instrument.priceGrid.increment;
      // Tolerate float noise so that exactly 2 ticks (0.5 / 0.25) is not rounded up to 3.
      const ticks = rounding === 'up' ? Math.ceil(inTicks - 1e-9) : Math.round(inTicks + 1e-9);
      return slipByTicks(fill, Math.max(0, ticks));
    },
  };
}

export interface ProbabilisticSlippageOptions {
  /** Probability in [0, 1] that a fill slips. */
  readonly probability: number;
  /** Ticks to slip when it does. */
  readonly ticks: number;
}

/**
 * With probability p (one draw of `context.random` per fill: slips when the draw is < p) the fill
 * slips `ticks` ticks, else not at all. Deterministic given a seeded `random` (see `mulberry32`).
 */
export function probabilisticSlippage(options: ProbabilisticSlippageOptions): SlippageModel {
  const { probability, ticks } = options;
  if (!(probability >= 0 && probability <= 1))
    throw new RangeError(`slippage probability must be in [0, 1], got ${probability}`);
  slipByTicksCheck(ticks);
  return {
    adjust: (fill, context) => slipByTicks(fill, context.random() < probability ? ticks : 0),
  };
}

function slipByTicksCheck(ticks: number): void {
  if (!(ticks >= 0) || !Number.isInteger(ticks))
    throw new RangeError(`slippage in ticks must be a whole number >= 0, got ${ticks}`);
}
