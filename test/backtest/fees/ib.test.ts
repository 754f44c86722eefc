import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  type FeeFill,
  ibFees,
  ibFuturesFees,
  ibStocksFixedFees,
  ibStocksTieredFees,
  usRegulatoryFees,
  ZERO_STATE,
} from '../../../src/backtest/fees/index.js';
import { currency } from '../../../src/model/currency.js';
import {
  cryptoSpot,
  equity,
  futureContract,
  genericFuture,
  type Instrument,
} from '../../../src/model/instruments.js';

const STOCK = equity({ symbol: 'AAPL', venue: 'NASDAQ' });
const ES = futureContract('ES', 2025, 12);
const MES = futureContract('MES', 2025, 12);

function fill(
  instrument: Instrument,
  quantity: number,
  price: number,
  extra: Partial<FeeFill> = {},
): FeeFill {
  return { instrument, side: 'buy', quantity, price, liquidity: 'taker', orderType: 'market', ...extra };
}
const close = (actual: number, expected: number) =>
  assert.ok(Math.abs(actual - expected) < 1e-9, `${actual} != ${expected}`);

describe('IB US stocks, Fixed', () => {
  const fixed = ibStocksFixedFees();

  test('100 shares at $25 → $0.50 computed, $1.00 minimum', () => {
    assert.equal(fixed.feeFor(fill(STOCK, 100, 25), ZERO_STATE).total, 1);
  });

  test('10,000 shares at $0.50 → capped at 1 % of $5,000 = $50', () => {
    assert.equal(fixed.feeFor(fill(STOCK, 10_000, 0.5), ZERO_STATE).total, 50);
    // 10,000 at $0.25: $50 computed, cap 1 % of $2,500 = $25
    assert.equal(fixed.feeFor(fill(STOCK, 10_000, 0.25), ZERO_STATE).total, 25);
  });

  test('the 1 % maximum wins over the $1 minimum: 100 shares at $0.50 → $0.50', () => {
    assert.equal(fixed.feeFor(fill(STOCK, 100, 0.5), ZERO_STATE).total, 0.5);
  });

  test('sells pay SEC fee and FINRA TAF on top: 100 at $25 → 1 + 0.0695 + 0.0166 = $1.09', () => {
    const fee = fixed.feeFor(fill(STOCK, 100, 25, { side: 'sell' }), ZERO_STATE);
    close(fee.regulatory, 0.0861);
    assert.equal(fee.total, 1.09);
    assert.equal(
      ibStocksFixedFees({ regulatory: false }).feeFor(fill(STOCK, 100, 25, { side: 'sell' }), ZERO_STATE)
        .total,
      1,
    );
  });
});

describe('IB US stocks, Tiered', () => {
  const tiered = ibStocksTieredFees();
  const at = (monthlyVolume: number) => tiered.feeFor(fill(STOCK, 1000, 50), { monthlyVolume });

  test('1,000 shares at $50 by monthly volume tier, + $3.00 exchange + $0.20 clearing', () => {
    assert.equal(at(0).commission, 3.5);
    assert.equal(at(0).total, 6.7);
    assert.equal(at(300_000).total, 6.7); // ≤ 300k is still the first tier
    assert.equal(at(300_001).commission, 2);
    assert.equal(at(300_001).total, 5.2);
    assert.equal(at(3_000_001).commission, 1.5);
    assert.equal(at(20_000_001).commission, 1);
    assert.equal(at(100_000_001).commission, 0.5);
    close(at(0).exchange, 3);
    close(at(0).clearing, 0.2);
    assert.equal(at(0).regulatory, 0);
  });

  test('minimum $0.35 and maximum 1 % of trade value', () => {
    assert.equal(tiered.feeFor(fill(STOCK, 10, 50), ZERO_STATE).commission, 0.35);
    // 10,000 × 0.0035 = 35, cap 1 % of 10,000 × 0.10 = 10
    assert.equal(tiered.feeFor(fill(STOCK, 10_000, 0.1), ZERO_STATE).commission, 10);
  });

  test('maker fills pay the maker exchange rate (a rebate when negative)', () => {
    const rebate = ibStocksTieredFees({ exchangePerShare: { maker: -0.002, taker: 0.003 } });
    const fee = rebate.feeFor(fill(STOCK, 1000, 50, { liquidity: 'maker' }), ZERO_STATE);
    close(fee.exchange, -2);
    assert.equal(fee.total, 1.7); // 3.50 − 2.00 + 0.20
  });

  test('SEC fee only on sells: 1,000 at $50 → 6.70 + 1.39 + 0.166 = $8.26', () => {
    const sell = tiered.feeFor(fill(STOCK, 1000, 50, { side: 'sell' }), ZERO_STATE);
    close(sell.regulatory, 1.556);
    assert.equal(sell.total, 8.26);
  });

  test('FINRA TAF is capped at $8.30 per trade; rates are parameters', () => {
    close(usRegulatoryFees(fill(STOCK, 100_000, 10, { side: 'sell' })), 27.8 + 8.3);
    close(usRegulatoryFees(fill(STOCK, 100_000, 10, { side: 'buy' })), 0);
    close(
      usRegulatoryFees(fill(STOCK, 1000, 10, { side: 'sell' }), { secFeeRate: 0, finraTafPerShare: 0.001 }),
      1,
    );
  });

  test('the total is rounded once at the end, not per part', () => {
    // 1 share at $100 sold: 0.35 + 0.003 + 0.0002 + 0.00278 + 0.000166 = 0.356146 → $0.36 (per part: $0.35)
    const fee = tiered.feeFor(fill(STOCK, 1, 100, { side: 'sell' }), ZERO_STATE);
    assert.equal(fee.total, 0.36);
  });
});

describe('IB futures', () => {
  const futures = ibFuturesFees();

  test('10 ES contracts → 10 × (0.85 + 1.28 + 0.02) = $21.50', () => {
    const fee = futures.feeFor(fill(ES, 10, 5000), ZERO_STATE);
    assert.equal(fee.total, 21.5);
    close(fee.commission, 8.5);
    close(fee.exchange, 12.8);
    close(fee.regulatory, 0.2);
  });

  test('commission tiers by monthly contracts; MES exchange fee', () => {
    assert.equal(futures.feeFor(fill(ES, 1, 5000), { monthlyVolume: 1000 }).commission, 0.85);
    assert.equal(futures.feeFor(fill(ES, 1, 5000), { monthlyVolume: 1001 }).commission, 0.65);
    assert.equal(futures.feeFor(fill(ES, 1, 5000), { monthlyVolume: 10_001 }).commission, 0.45);
    assert.equal(futures.feeFor(fill(MES, 10, 5000), { monthlyVolume: 20_001 }).total, 6.2);
  });

  test('exchange fees are overridable; unknown roots need a fee', () => {
    const custom = ibFuturesFees({ exchangeFees: { ES: 1.38 } });
    assert.equal(custom.feeFor(fill(ES, 1, 5000), ZERO_STATE).total, 2.25);
    const generic = genericFuture({
      symbol: 'XYZ',
      venue: 'SIM',
      priceIncrement: 1,
      multiplier: 10,
      initialMargin: 100,
    });
    assert.throws(() => futures.feeFor(fill(generic, 1, 100), ZERO_STATE), /XYZ/);
    assert.equal(
      ibFuturesFees({ defaultExchangeFee: 1 }).feeFor(fill(generic, 1, 100), ZERO_STATE).total,
      1.87,
    );
    assert.throws(() => futures.feeFor(fill(STOCK, 1, 100), ZERO_STATE), /futures/);
  });
});

describe('fee schedules', () => {
  test('ibFees picks stocks tiered by default, fixed on request, futures per contract', () => {
    const tiered = ibFees();
    assert.equal(tiered.name, 'ib-tiered');
    assert.equal(tiered.feeFor(fill(STOCK, 1000, 50), ZERO_STATE).total, 6.7);
    assert.equal(tiered.feeFor(fill(ES, 10, 5000), ZERO_STATE).total, 21.5);
    const fixed = ibFees({ stocks: { plan: 'fixed' } });
    assert.equal(fixed.feeFor(fill(STOCK, 100, 25), ZERO_STATE).total, 1);
    assert.equal(fixed.modelFor(ES).feeFor(fill(ES, 10, 5000), ZERO_STATE).total, 21.5);
  });

  test('an instrument kind the schedule does not cover is an error naming it', () => {
    const btc = cryptoSpot({
      base: 'BTC',
      quote: 'USDT',
      venue: 'BINANCE',
      priceIncrement: 0.01,
      sizeIncrement: 0.00001,
      currency: currency('USDT'),
    });
    assert.throws(() => ibFees().feeFor(fill(btc, 1, 40_000), ZERO_STATE), /crypto-spot.*BTC\/USDT/);
  });
});
