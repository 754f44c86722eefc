import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  type FeeFill,
  type FeeModel,
  fixedPlusPerUnitFees,
  ibFees,
  ibFuturesFees,
  ibStocksFixedFees,
  ibStocksTieredFees,
  makerTakerFees,
  percentFees,
  perUnitFees,
} from '../../../src/backtest/fees/index.js';
import { currency, roundMoney } from '../../../src/model/currency.js';
import { cryptoSpot, equity, futureContract, type Instrument } from '../../../src/model/instruments.js';

const USD_STOCK = equity({ symbol: 'AAPL', venue: 'NASDAQ' });
const JPY_STOCK = equity({ symbol: '7203', venue: 'TSE', priceIncrement: 1, currency: currency('JPY') });
const ES = futureContract('ES', 2025, 12);
const MES = futureContract('MES', 2025, 12);
const BTC = cryptoSpot({
  base: 'BTC',
  quote: 'USDT',
  venue: 'BINANCE',
  priceIncrement: 0.01,
  sizeIncrement: 0.00001,
  currency: currency('USDT'),
});

/** Models that never rebate, with the instruments they apply to. */
const NON_NEGATIVE: readonly (readonly [string, FeeModel, readonly Instrument[]])[] = [
  ['per-unit', perUnitFees(0.013), [USD_STOCK, JPY_STOCK, ES, BTC]],
  ['percent', percentFees(0.073), [USD_STOCK, JPY_STOCK, ES, BTC]],
  [
    'fixed+per-unit',
    fixedPlusPerUnitFees({ perOrder: 0.7, perUnit: 0.003, minimum: 1, maximumPercent: 1 }),
    [USD_STOCK, JPY_STOCK, BTC],
  ],
  ['ib-fixed', ibStocksFixedFees(), [USD_STOCK, JPY_STOCK]],
  ['ib-tiered', ibStocksTieredFees(), [USD_STOCK, JPY_STOCK]],
  ['ib-futures', ibFuturesFees(), [ES, MES]],
  ['ib schedule', ibFees(), [USD_STOCK, ES]],
  ['maker/taker without rebate', makerTakerFees({ makerBps: 2, takerBps: 7.5 }), [BTC]],
];

const fillArb = (instruments: readonly Instrument[]) =>
  fc.record({
    instrument: fc.constantFrom(...instruments),
    side: fc.constantFrom('buy' as const, 'sell' as const),
    quantity: fc.integer({ min: 1, max: 1_000_000 }),
    price: fc.integer({ min: 1, max: 10_000_000 }).map((cents) => cents / 100),
    liquidity: fc.constantFrom('maker' as const, 'taker' as const),
    orderType: fc.constantFrom('market' as const, 'limit' as const),
  });
const volumeArb = fc.integer({ min: 0, max: 200_000_000 });

const isRounded = (amount: number, instrument: Instrument) =>
  roundMoney(amount, instrument.currency) === amount;

describe('fee properties', () => {
  for (const [name, model, instruments] of NON_NEGATIVE) {
    test(`${name}: total and parts never negative, total exact to the currency precision`, () => {
      fc.assert(
        fc.property(fillArb(instruments), volumeArb, (fill: FeeFill, monthlyVolume) => {
          const fee = model.feeFor(fill, { monthlyVolume });
          for (const part of [fee.total, fee.commission, fee.exchange, fee.regulatory, fee.clearing])
            assert.ok(part >= 0, `${name}: negative fee ${JSON.stringify(fee)}`);
          assert.ok(isRounded(fee.total, fill.instrument), `${fee.total} not rounded`);
          assert.equal(
            fee.total,
            roundMoney(
              fee.commission + fee.exchange + fee.regulatory + fee.clearing,
              fill.instrument.currency,
            ),
          );
        }),
        { numRuns: 300 },
      );
    });

    test(`${name}: monotone in quantity`, () => {
      fc.assert(
        fc.property(
          fillArb(instruments),
          fc.integer({ min: 0, max: 1_000_000 }),
          volumeArb,
          (fill: FeeFill, more, monthlyVolume) => {
            const state = { monthlyVolume };
            const smaller = model.feeFor(fill, state).total;
            const larger = model.feeFor({ ...fill, quantity: fill.quantity + more }, state).total;
            assert.ok(larger >= smaller, `${name}: ${fill.quantity}+${more} costs ${larger} < ${smaller}`);
          },
        ),
        { numRuns: 300 },
      );
    });
  }

  test('maker rebates are the only negative fees, and only on maker fills', () => {
    const model = makerTakerFees({ makerBps: -2.5, takerBps: 4 });
    fc.assert(
      fc.property(fillArb([BTC]), (fill: FeeFill) => {
        const fee = model.feeFor(fill, { monthlyVolume: 0 });
        if (fill.liquidity === 'taker') assert.ok(fee.total >= 0);
        else assert.ok(fee.total <= 0);
        assert.ok(isRounded(fee.total, BTC));
      }),
    );
  });

  test('volume tiers never raise the rate: more monthly volume costs the same or less', () => {
    const model = ibFees();
    fc.assert(
      fc.property(fillArb([USD_STOCK, ES]), volumeArb, volumeArb, (fill: FeeFill, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        assert.ok(
          model.feeFor(fill, { monthlyVolume: high }).total <=
            model.feeFor(fill, { monthlyVolume: low }).total,
        );
      }),
    );
  });
});
