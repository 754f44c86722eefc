import { roundMoney } from '../model/currency.js';
import type { Instrument } from '../model/instruments.js';

/**
 * Commission charged per fill, in the instrument's currency:
 * - `per-unit`: `amount` per contract or share, per side (e.g. 2.00 per ES contract);
 * - `percent`: `rate` percent of notional (quantity × price × multiplier), e.g. 0.1 for 10 bp;
 * - `none`.
 */
export type CommissionModel =
  | { readonly kind: 'none' }
  | { readonly kind: 'per-unit'; readonly amount: number }
  | { readonly kind: 'percent'; readonly rate: number };

export function commissionFor(
  model: CommissionModel,
  instrument: Instrument,
  quantity: number,
  price: number,
): number {
  switch (model.kind) {
    case 'none':
      return 0;
    case 'per-unit':
      return roundMoney(model.amount * quantity, instrument.currency);
    case 'percent':
      return roundMoney(
        (model.rate / 100) * Math.abs(quantity * price * instrument.multiplier),
        instrument.currency,
      );
  }
}

export function validateCommission(model: CommissionModel): CommissionModel {
  if (model.kind === 'per-unit' && !(model.amount >= 0))
    throw new RangeError(`commission per unit must be >= 0, got ${model.amount}`);
  if (model.kind === 'percent' && !(model.rate >= 0))
    throw new RangeError(`commission rate must be >= 0, got ${model.rate}`);
  return model;
}
