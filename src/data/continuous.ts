import { type Bar, BarType, bar } from '../model/data.js';
import { type InstrumentId, instrumentId, parseInstrumentId } from '../model/identifiers.js';
import type { BarSeries } from './load-bars.js';
import type { Roll } from './rolls.js';

/**
 * Continuous futures bars stitched from per-contract series along a roll list (see rolls.ts).
 *
 * Segments: the first roll's `from` contract supplies its bars with `tsEvent <= rolls[0].time`,
 * each roll's `to` contract the bars after that roll up to and including the next roll's time,
 * the last `to` contract everything after the last roll.
 *
 * Adjustments (gap = `toPrice - fromPrice` of each roll, priced on the same-time bar pair at
 * `priceTime`, see `Roll`):
 * - `none`: prices as traded; the series jumps by the gap at each roll.
 * - `additive` (back-adjusted): every bar before a roll is shifted by that roll's gap, so the
 *   latest segment is exactly the latest contract, the old contract's close at `priceTime` becomes
 *   `toPrice`, and point differences within segments are unchanged. Shifts are summed in integer
 *   ticks of the latest contract's grid: prices stay on the tick grid. Prices can turn negative
 *   far back in history.
 * - `ratio`: every bar before a roll is multiplied by `toPrice / fromPrice`, so percentage returns
 *   within segments are unchanged and the latest segment is exact. Prices leave the tick grid; all
 *   roll prices must be positive.
 */
export type Adjustment = 'none' | 'additive' | 'ratio';

export interface ContinuousSeries {
  readonly barType: BarType;
  readonly adjustment: Adjustment;
  readonly bars: Bar[];
  readonly rolls: readonly Roll[];
  /** Contract of each bar, parallel to `bars`. */
  readonly sources: readonly InstrumentId[];
}

export interface ContinuousOptions {
  readonly adjustment: Adjustment;
  /** Id of the continuous series; default `<root>-CONT.<venue>` of the latest contract. */
  readonly instrumentId?: InstrumentId;
}

export function continuousBars(
  series: readonly BarSeries[],
  rolls: readonly Roll[],
  options: ContinuousOptions,
): ContinuousSeries {
  const byId = new Map(series.map((s) => [s.instrument.id, s]));
  const chain = rolls.length === 0 ? [series[0]?.instrument.id] : [rolls[0].from, ...rolls.map((r) => r.to)];
  const segments = chain.map((id) => {
    const s = id === undefined ? undefined : byId.get(id);
    if (!s) throw new RangeError(`continuous series: no bars given for contract ${id ?? '(none)'}`);
    return s;
  });
  for (let k = 1; k < rolls.length; k++) {
    if (rolls[k].from !== rolls[k - 1].to) {
      throw new RangeError(
        `roll ${k} starts from ${rolls[k].from}, but roll ${k - 1} went to ${rolls[k - 1].to}`,
      );
    }
    if (!(rolls[k].time > rolls[k - 1].time)) throw new RangeError(`roll ${k} is not after roll ${k - 1}`);
  }
  const latest = segments[segments.length - 1];
  const grid = latest.instrument.priceGrid;
  const offsets = additiveOffsets(
    rolls,
    options.adjustment === 'additive' ? grid.toTicks.bind(grid) : () => 0,
  );
  const factors = ratioFactors(rolls, options.adjustment === 'ratio');
  const { venue } = parseInstrumentId(latest.instrument.id);
  const root = latest.instrument.kind === 'future' ? latest.instrument.root : latest.instrument.symbol;
  const id = options.instrumentId ?? instrumentId(`${root}-CONT`, venue);
  const t = latest.barType;
  const barType = BarType.of(id, t.step, t.aggregation, t.priceType);

  const bars: Bar[] = [];
  const sources: InstrumentId[] = [];
  segments.forEach((s, k) => {
    const after = k === 0 ? Number.NEGATIVE_INFINITY : rolls[k - 1].time;
    const upTo = k === rolls.length ? Number.POSITIVE_INFINITY : rolls[k].time;
    const adjust =
      options.adjustment === 'additive'
        ? (p: number) => grid.fromTicks(grid.toTicks(p) + offsets[k])
        : options.adjustment === 'ratio'
          ? (p: number) => p * factors[k]
          : (p: number) => p;
    for (const b of s.bars) {
      if (b.tsEvent <= after || b.tsEvent > upTo) continue;
      bars.push(
        bar(
          barType,
          adjust(b.open),
          adjust(b.high),
          adjust(b.low),
          adjust(b.close),
          b.volume,
          b.tsEvent,
          b.tsInit,
        ),
      );
      sources.push(s.instrument.id);
    }
  });
  return { barType, adjustment: options.adjustment, bars, rolls: [...rolls], sources };
}

/** Tick offset of each segment: the sum of the gaps of all later rolls (0 for the latest). */
function additiveOffsets(rolls: readonly Roll[], ticks: (price: number) => number): number[] {
  const offsets = new Array<number>(rolls.length + 1).fill(0);
  for (let k = rolls.length - 1; k >= 0; k--) offsets[k] = offsets[k + 1] + ticks(rolls[k].gap);
  return offsets;
}

/** Price factor of each segment: the product of `toPrice / fromPrice` of all later rolls. */
function ratioFactors(rolls: readonly Roll[], needed: boolean): number[] {
  const factors = new Array<number>(rolls.length + 1).fill(1);
  if (!needed) return factors;
  for (let k = rolls.length - 1; k >= 0; k--) {
    const r = rolls[k];
    if (!(r.fromPrice > 0 && r.toPrice > 0)) {
      throw new RangeError(
        `ratio adjustment needs positive roll prices, got ${r.fromPrice} → ${r.toPrice} (${r.from} → ${r.to})`,
      );
    }
    factors[k] = factors[k + 1] * (r.toPrice / r.fromPrice);
  }
  return factors;
}
