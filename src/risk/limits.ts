import type { Instrument } from '../model/instruments.js';
import type { RiskConfig, RiskLimits, SubmitRate } from './types.js';

/** The limits one strategy's orders are checked against: global and per-strategy, stricter wins. */
export interface EffectiveLimits {
  readonly maxOrderQuantity: number | undefined;
  readonly maxOrderNotional: number | undefined;
  /** Band half-widths (percent, ticks) of the global and the strategy limits. */
  readonly bands: readonly { readonly pct: number | undefined; readonly ticks: number | undefined }[];
  readonly maxPositionQuantity: number | undefined;
  readonly maxGrossExposure: number | undefined;
  readonly maxNetExposure: number | undefined;
  readonly maxOpenOrders: number | undefined;
  readonly maxOpenOrdersPerInstrument: number | undefined;
  /** Set when the strategy has its own limits (its own open-order count and rate window apply). */
  readonly strategy: RiskLimits | undefined;
  readonly strategyRate: SubmitRate | undefined;
}

/** The smaller of two optional limits. */
export function stricter(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}

export function effectiveLimits(config: RiskConfig, strategyId: string): EffectiveLimits {
  const own = config.strategies?.[strategyId];
  const bands = [config, own ?? {}]
    .filter((l) => l.priceBandPct !== undefined || l.priceBandTicks !== undefined)
    .map((l) => ({ pct: l.priceBandPct, ticks: l.priceBandTicks }));
  return {
    maxOrderQuantity: stricter(config.maxOrderQuantity, own?.maxOrderQuantity),
    maxOrderNotional: stricter(config.maxOrderNotional, own?.maxOrderNotional),
    bands,
    maxPositionQuantity: stricter(config.maxPositionQuantity, own?.maxPositionQuantity),
    maxGrossExposure: stricter(config.maxGrossExposure, own?.maxGrossExposure),
    maxNetExposure: stricter(config.maxNetExposure, own?.maxNetExposure),
    maxOpenOrders: config.maxOpenOrders,
    maxOpenOrdersPerInstrument: config.maxOpenOrdersPerInstrument,
    strategy: own,
    strategyRate: own?.maxOrderSubmitRate,
  };
}

/**
 * Half-width of the fat-finger band around `last`: each limit set's band is the wider of its
 * percent and tick widths; across the global and strategy sets the narrower band applies.
 */
export function bandWidth(limits: EffectiveLimits, instrument: Instrument, last: number): number | undefined {
  let width: number | undefined;
  for (const band of limits.bands) {
    const pct = band.pct !== undefined ? (Math.abs(last) * band.pct) / 100 : 0;
    const ticks = band.ticks !== undefined ? band.ticks * instrument.priceGrid.increment : 0;
    width = stricter(width, Math.max(pct, ticks));
  }
  return width;
}

/** `12 %` / `5 ticks` / `12 % or 5 ticks (the wider)`: how a band was configured, for reasons. */
export function describeBands(limits: EffectiveLimits): string {
  return limits.bands
    .map((b) =>
      [b.pct !== undefined ? `${b.pct} %` : undefined, b.ticks !== undefined ? `${b.ticks} ticks` : undefined]
        .filter((x) => x !== undefined)
        .join(' or '),
    )
    .join(', stricter of ');
}
