/**
 * The fee schedule and slippage model of a bar backtest as plain data (`VenueModelChoice`: what the
 * CLI's `--fees`, `--slippage-ticks`, `--slippage-probability` and `--seed` chose), and the models
 * built from it. Plain data crosses to worker threads and into a run's hash; each backtest builds its
 * own models from it, so no state is shared between runs.
 */
import { type FeeModel, ibFees } from './fees/index.js';
import { fixedTickSlippage, probabilisticSlippage, type SlippageModel } from './slippage/index.js';

/** Fee schedules chosen by name (`--fees`). */
export const FEE_SCHEDULE_NAMES = ['ib', 'ib-fixed'] as const;
export type FeeScheduleName = (typeof FEE_SCHEDULE_NAMES)[number];

export interface VenueModelChoice {
  /** A fee schedule replacing the config's simple commission. */
  readonly fees?: FeeScheduleName;
  /** Taker fills slip this many ticks against the order (with `slippageProbability`: only sometimes). */
  readonly slippageTicks?: number;
  /** Probability in [0, 1] that a taker fill slips `slippageTicks` ticks (needs `slippageTicks`). */
  readonly slippageProbability?: number;
  /** Seed of the random slippage draws (default 1). */
  readonly seed?: number;
}

/** The venue models named by `choice` (none given: the config's simple commission, no slippage). */
export function venueModels(choice: VenueModelChoice): {
  fees?: FeeModel;
  slippage?: SlippageModel;
  seed?: number;
} {
  const fees =
    choice.fees === 'ib'
      ? ibFees()
      : choice.fees === 'ib-fixed'
        ? ibFees({ stocks: { plan: 'fixed' } })
        : undefined;
  const ticks = choice.slippageTicks;
  const probability = choice.slippageProbability;
  if (probability !== undefined && ticks === undefined)
    throw new RangeError('a slippage probability needs a number of slippage ticks');
  const slippage =
    ticks === undefined
      ? undefined
      : probability === undefined
        ? fixedTickSlippage(ticks)
        : probabilisticSlippage({ probability, ticks });
  return { fees, slippage, seed: choice.seed };
}
