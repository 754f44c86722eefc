/** A USD account trading EUR-quoted instruments: P&L and fees in EUR, equity converted to USD. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BacktestEngine } from '../../src/backtest/engine.js';
import { Account } from '../../src/model/account.js';
import { currency, USD } from '../../src/model/currency.js';
import { BarType, bar } from '../../src/model/data.js';
import { FxRates, MissingFxRate } from '../../src/model/fx.js';
import { equity, genericFuture } from '../../src/model/instruments.js';
import { MICROS_PER_MINUTE } from '../../src/model/time.js';
import { Strategy } from '../../src/strategy/strategy.js';
import { T0 } from '../support/scripted-backtest.js';
import { makeBook, mark, trade } from './helpers.js';

const EUR = currency('EUR');
/** A Euro Stoxx 50-like future: 10 EUR per point, 3,000 EUR initial margin. */
const FESX = genericFuture({
  symbol: 'FESX',
  venue: 'EUREX',
  priceIncrement: 1,
  multiplier: 10,
  initialMargin: 3_000,
  maintenanceMargin: 2_500,
  currency: EUR,
});
const SAP = equity({ symbol: 'SAP', venue: 'EUREX', currency: EUR });
const EURUSD = equity({ symbol: 'EUR/USD', venue: 'IDEALPRO', priceIncrement: 0.00005, currency: USD });

describe('FxRates', () => {
  test('explicit rates, inverses, and the same currency', () => {
    const fx = new FxRates();
    fx.set('EUR', 'USD', 1.25);
    assert.equal(fx.rate('EUR', 'USD'), 1.25);
    assert.equal(fx.rate('USD', 'EUR'), 0.8);
    assert.equal(fx.rate('USD', 'USD'), 1);
    assert.equal(fx.convert(100, 'EUR', 'USD'), 125);
  });

  test('a missing rate is an error naming the pair', () => {
    const fx = new FxRates();
    assert.throws(
      () => fx.rate('GBP', 'USD'),
      (e: unknown) => e instanceof MissingFxRate && /no FX rate for GBP\/USD/.test(e.message),
    );
  });
});

describe('multi-currency accounts', () => {
  const book = () => {
    const b = makeBook([FESX, SAP, EURUSD], [{ venue: 'EUREX', cash: 100_000 }]);
    b.portfolio.fx.set('EUR', 'USD', 1.1);
    return b;
  };

  test('a EUR future in a USD account: variation and fees in EUR, equity in USD at the rate', () => {
    const b = book();
    const account = b.account('EUREX');
    trade(b, 'S', FESX, 'buy', 2, 5_000, { commission: 4 });
    assert.deepEqual(account.balances(), [
      { currency: 'USD', amount: 100_000 },
      { currency: 'EUR', amount: -4 },
    ]);
    assert.equal(account.marginUsed, 6_600); // 2 × 3,000 EUR × 1.1
    mark(b, FESX, 5_010);
    // Unsettled variation 2 × 10 points × 10 EUR = 200 EUR; less 4 EUR fees → 196 EUR → 215.60 USD.
    assert.equal(Math.round(account.equity * 100) / 100, 100_215.6);
    trade(b, 'S', FESX, 'sell', 2, 5_020, { commission: 4 });
    assert.equal(account.balanceOf('EUR'), 392); // 2 × 20 × 10 − 8
    assert.equal(Math.round(b.portfolio.realizedPnl({ strategyId: 'S' }) * 100) / 100, 440); // 400 EUR × 1.1
    assert.deepEqual([...b.portfolio.realizedPnlByCurrency()], [['EUR', 400]]);
    assert.equal(account.totalCommissions, 8.8);
  });

  test('a EUR stock: notional paid in EUR (a negative EUR balance), valued in USD', () => {
    const b = book();
    const account = b.account('EUREX');
    trade(b, 'S', SAP, 'buy', 10, 200);
    assert.equal(account.balanceOf('EUR'), -2_000);
    mark(b, SAP, 210);
    // −2,000 EUR cash + 2,100 EUR of stock = 100 EUR = 110 USD.
    assert.equal(Math.round(account.equity * 100) / 100, 100_110);
    assert.equal(Math.round(b.portfolio.unrealizedPnl({ strategyId: 'S' }) * 100) / 100, 110);
    assert.equal(Math.round(account.grossExposure * 100) / 100, 2_310);
  });

  test('rates derived from the cache: EUR/USD bars', () => {
    const b = makeBook([SAP, EURUSD], [{ venue: 'EUREX', cash: 100_000 }, { venue: 'IDEALPRO' }]);
    b.cache.addBar(bar(BarType.of(EURUSD.id, 1, 'minute'), 1.2, 1.2, 1.2, 1.2, 1, T0));
    trade(b, 'S', SAP, 'buy', 10, 200);
    mark(b, SAP, 210);
    assert.equal(Math.round(b.account('EUREX').equity * 100) / 100, 100_120);
    b.cache.addBar(bar(BarType.of(EURUSD.id, 1, 'minute'), 1.3, 1.3, 1.3, 1.3, 1, T0 + 60_000_000));
    assert.equal(Math.round(b.account('EUREX').equity * 100) / 100, 100_130);
  });

  test('no rate: equity names the missing pair', () => {
    const b = makeBook([SAP], [{ venue: 'EUREX', cash: 100_000 }]);
    trade(b, 'S', SAP, 'buy', 1, 200);
    mark(b, SAP, 201);
    assert.throws(() => b.account('EUREX').equity, /no FX rate for EUR\/USD/);
  });

  test('an account without FX rates still refuses a foreign instrument', () => {
    const account = new Account('A', 'cash', USD, 1_000);
    assert.throws(() => account.applyFill(SAP, 'buy', 1, 10, 0), /not supported without FX rates/);
  });
});

/** Buys 1 FESX on the first bar, sells it on the third. */
class RoundTrip extends Strategy {
  private n = 0;
  override onStart(): void {
    this.subscribeBars(BarType.of(FESX.id, 1, 'minute'));
  }
  override onBar(): void {
    this.n++;
    if (this.n === 1) this.buy(FESX.id, 1);
    if (this.n === 3) this.sell(FESX.id, 1);
  }
}

describe('multi-currency backtest', () => {
  const type = BarType.of(FESX.id, 1, 'minute');
  const closes = [5_000, 5_010, 5_020, 5_030, 5_040];
  const bars = closes.map((c, i) => bar(type, c, c, c, c, 100, T0 + i * MICROS_PER_MINUTE));

  test('fx config converts the EUR P&L of the round trip into the USD result', () => {
    const engine = new BacktestEngine({
      venues: [{ name: 'EUREX', accountType: 'margin', startingCash: 50_000 }],
      fx: { 'EUR/USD': 1.1 },
    });
    engine.addInstrument(FESX);
    engine.addData(bars);
    engine.addStrategy(new RoundTrip('R', {}));
    const result = engine.run();
    // Fills at the next open: buy 5,010, sell 5,030 → 20 points × 10 EUR = 200 EUR = 220 USD.
    assert.equal(result.finalValue, 50_220);
    assert.deepEqual(result.balances[0].balances, [
      { currency: 'USD', amount: 50_000 },
      { currency: 'EUR', amount: 200 },
    ]);
    assert.equal(result.strategyPositions[0].currency, 'EUR');
    assert.equal(result.strategyPositions[0].realizedPnl, 200);
  });

  test('without a rate the run fails naming the pair', () => {
    const engine = new BacktestEngine({
      venues: [{ name: 'EUREX', accountType: 'margin', startingCash: 50_000 }],
    });
    engine.addInstrument(FESX);
    engine.addData(bars);
    engine.addStrategy(new RoundTrip('R', {}));
    assert.throws(() => engine.run(), /no FX rate for EUR\/USD/);
  });
});
