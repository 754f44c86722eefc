/**
 * Fee schedules: which fee model applies to which instrument, the way LEAN's brokerage model picks a
 * fee model per security. A schedule is itself a `FeeModel` that dispatches by instrument kind.
 */
import type { Instrument } from '../../model/instruments.js';
import { type IbFuturesOptions, ibFuturesFees } from './ib-futures.js';
import {
  type IbStocksFixedOptions,
  type IbStocksTieredOptions,
  ibStocksFixedFees,
  ibStocksTieredFees,
} from './ib-stocks.js';
import { type MakerTakerOptions, makerTakerFees } from './simple.js';
import type { FeeModel } from './types.js';

export type InstrumentKind = Instrument['kind'];

export interface FeeSchedule extends FeeModel {
  readonly name: string;
  /** The model for an instrument; throws when the schedule has none for its kind. */
  modelFor(instrument: Instrument): FeeModel;
}

/** A schedule from one model per instrument kind; kinds left out are an error when charged. */
export function feeSchedule(
  name: string,
  models: Partial<Readonly<Record<InstrumentKind, FeeModel>>>,
): FeeSchedule {
  const modelFor = (instrument: Instrument): FeeModel => {
    const model = models[instrument.kind];
    if (!model)
      throw new RangeError(
        `fee schedule '${name}' has no fee model for ${instrument.kind} instruments (${instrument.id}); configured: ${Object.keys(models).join(', ') || 'none'}`,
      );
    return model;
  };
  return {
    name,
    modelFor,
    feeFor: (fill, state) => modelFor(fill.instrument).feeFor(fill, state),
  };
}

export type IbStocksOptions =
  | ({ readonly plan: 'tiered' } & IbStocksTieredOptions)
  | ({ readonly plan: 'fixed' } & IbStocksFixedOptions);

export interface IbFeesOptions {
  /** Default: tiered with the 2024 defaults. */
  readonly stocks?: IbStocksOptions;
  readonly futures?: IbFuturesOptions;
}

/** Interactive Brokers: US stocks tiered (or fixed), futures per contract. Indicative 2024 defaults. */
export function ibFees(options: IbFeesOptions = {}): FeeSchedule {
  const stocks = options.stocks ?? { plan: 'tiered' };
  return feeSchedule(`ib-${stocks.plan}`, {
    equity: stocks.plan === 'fixed' ? ibStocksFixedFees(stocks) : ibStocksTieredFees(stocks),
    future: ibFuturesFees(options.futures),
  });
}

/** A crypto venue charging basis points by liquidity. Indicative default: 10 bp maker and taker. */
export function cryptoVenueFees(options: MakerTakerOptions = { makerBps: 10, takerBps: 10 }): FeeSchedule {
  return feeSchedule('crypto-maker-taker', { 'crypto-spot': makerTakerFees(options) });
}
