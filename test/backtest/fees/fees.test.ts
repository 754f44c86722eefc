import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { commissionFor } from '../../../src/backtest/commission.js';
import {
  combineFees,
  type FeeFill,
  fixedPlusPerUnitFees,
  fromCommissionModel,
  makerTakerFees,
  noFees,
  percentFees,
  perUnitFees,
  ZERO_STATE,
} from '../../../src/backtest/fees/index.js';
import { currency } from '../../../src/model/currency.js';
import { cryptoSpot, equity, futureContract, type Instrument } from '../../../src/model/instruments.js';

const STOCK = equity({ symbol: 'AAPL', venue: 'NASDAQ' });
const ES = futureContract('ES', 2025, 12);
const BTC = cryptoSpot({
  base: 'BTC',
  quote: 'USDT',
  venue: 'BINANCE',
  priceIncrement: 0.01,
  sizeIncrement: 0.00001,
  currency: currency('USDT'),
});

function fill(
  instrument: Instrument,
  quantity: number,
  price: number,
  extra: Partial<FeeFill> = {},
): FeeFill {
  return { instrument, side: 'buy', quantity, price, liquidity: 'taker', orderType: 'market', ...extra };
}

describe('simple fee models', () => {
  test('no fees', () => {
    assert.deepEqual(noFees().feeFor(fill(STOCK, 100, 10), ZERO_STATE), {
      total: 0,
      commission: 0,
      exchange: 0,
      regulatory: 0,
      clearing: 0,
    });
  });

  test('per unit: 3 ES at $2.00 = $6.00 commission', () => {
    const fee = perUnitFees(2).feeFor(fill(ES, 3, 5000), ZERO_STATE);
    assert.equal(fee.total, 6);
    assert.equal(fee.commission, 6);
  });

  test('percent of notional: 0.1 % of 10 × 123.45 = 1.2345 → $1.23; ES uses the multiplier', () => {
    assert.equal(percentFees(0.1).feeFor(fill(STOCK, 10, 123.45), ZERO_STATE).total, 1.23);
    // 0.01 % of 2 × 5000 × 50 = 500000 → 50
    assert.equal(percentFees(0.01).feeFor(fill(ES, 2, 5000), ZERO_STATE).total, 50);
  });

  test('fixed per order + per unit, clamped to min and max', () => {
    const model = fixedPlusPerUnitFees({ perOrder: 1, perUnit: 0.01, minimum: 2, maximum: 10 });
    assert.equal(model.feeFor(fill(STOCK, 50, 10), ZERO_STATE).total, 2); // 1.50 → min 2
    assert.equal(model.feeFor(fill(STOCK, 500, 10), ZERO_STATE).total, 6); // 1 + 5
    assert.equal(model.feeFor(fill(STOCK, 5000, 10), ZERO_STATE).total, 10); // 51 → max 10
    const pct = fixedPlusPerUnitFees({ perUnit: 0.01, maximumPercent: 1 });
    assert.equal(pct.feeFor(fill(STOCK, 1000, 0.5), ZERO_STATE).total, 5); // 10 → 1 % of 500
  });

  test('maker/taker bps: taker pays, a negative maker rate is a rebate', () => {
    const model = makerTakerFees({ makerBps: -1, takerBps: 5 });
    // 0.5 BTC × 40000 = 20000 USDT notional
    const taker = model.feeFor(fill(BTC, 0.5, 40_000), ZERO_STATE);
    assert.equal(taker.total, 10);
    assert.equal(taker.exchange, 10);
    const maker = model.feeFor(
      fill(BTC, 0.5, 40_000, { liquidity: 'maker', orderType: 'limit' }),
      ZERO_STATE,
    );
    assert.equal(maker.total, -2);
    assert.ok(maker.total < 0);
  });

  test('rejects bad parameters', () => {
    assert.throws(() => perUnitFees(-1), /amount/);
    assert.throws(() => percentFees(Number.NaN), /rate/);
    assert.throws(() => makerTakerFees({ makerBps: -6, takerBps: 5 }), /rebate/);
    assert.throws(() => fixedPlusPerUnitFees({ minimum: -1 }), /minimum/);
  });

  test('the existing CommissionModel maps onto the same totals', () => {
    for (const model of [
      { kind: 'none' },
      { kind: 'per-unit', amount: 2.5 },
      { kind: 'percent', rate: 0.07 },
    ] as const) {
      for (const [instrument, q, p] of [
        [STOCK, 137, 12.34],
        [ES, 3, 4987.25],
      ] as const) {
        assert.equal(
          fromCommissionModel(model).feeFor(fill(instrument, q, p), ZERO_STATE).total,
          commissionFor(model, instrument, q, p),
        );
      }
    }
  });

  test('combined models add parts and round once', () => {
    const broker = perUnitFees(0.004);
    const venue = makerTakerFees({ makerBps: 0, takerBps: 0.4 });
    // 1 share at 100: 0.004 + 0.004 = 0.008 → 0.01 (rounding each would give 0.00)
    const fee = combineFees(broker, venue).feeFor(fill(STOCK, 1, 100), ZERO_STATE);
    assert.equal(fee.commission, 0.004);
    assert.ok(Math.abs(fee.exchange - 0.004) < 1e-12);
    assert.equal(fee.total, 0.01);
  });
});
