/** Gross and net exposure and leverage, per equity sample and summarised, computed by hand. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BacktestEngine } from '../../src/backtest/engine.js';
import { exposureStatistics } from '../../src/backtest/statistics.js';
import { backtestJson } from '../../src/cli/output.js';
import { BarType, bar } from '../../src/model/data.js';
import { equity, genericFuture } from '../../src/model/instruments.js';
import { MICROS_PER_MINUTE } from '../../src/model/time.js';
import { Strategy } from '../../src/strategy/strategy.js';
import { T0 } from '../support/scripted-backtest.js';
import { makeBook, mark, trade } from './helpers.js';

const AAPL = equity({ symbol: 'AAPL', venue: 'SIM' });
const MSFT = equity({ symbol: 'MSFT', venue: 'SIM' });
const FUT = genericFuture({
  symbol: 'FUT',
  venue: 'SIM',
  priceIncrement: 1,
  multiplier: 50,
  initialMargin: 5_000,
});

describe('portfolio exposure', () => {
  test('long stock, short stock and a future: gross, net and leverage', () => {
    const book = makeBook([AAPL, MSFT, FUT], [{ venue: 'SIM', cash: 100_000 }]);
    const { portfolio } = book;
    assert.deepEqual([portfolio.grossExposure(), portfolio.netExposure(), portfolio.leverage()], [0, 0, 0]);
    trade(book, 'S', AAPL, 'buy', 100, 200); // +20,000
    trade(book, 'S', MSFT, 'sell', 50, 400); // −20,000
    trade(book, 'S', FUT, 'buy', 2, 1_000); // +100,000 notional (2 × 1,000 × 50)
    assert.equal(portfolio.grossExposure(), 140_000);
    assert.equal(portfolio.netExposure(), 100_000);
    assert.equal(portfolio.totalEquity(), 100_000);
    assert.equal(portfolio.leverage(), 1.4);
    mark(book, FUT, 1_010); // +1,000 variation, notional 101,000
    assert.equal(portfolio.grossExposure(), 141_000);
    assert.equal(portfolio.leverage(), 141_000 / 101_000);
  });
});

describe('exposure statistics', () => {
  test('max and average gross (flat samples count as 0), largest net, leverage while in the market', () => {
    const s = exposureStatistics(
      { gross: [0, 1_000, 3_000, 0], net: [0, -1_000, 500, 0], leverage: [0, 0.5, 1.5, 0] },
      2,
    );
    assert.deepEqual(s, {
      maxGrossExposure: 3_000,
      averageGrossExposure: 1_000,
      maxNetExposure: -1_000,
      maxLeverage: 1.5,
      averageLeverage: 1,
    });
  });

  test('no samples, and a non-finite leverage', () => {
    assert.deepEqual(exposureStatistics({ gross: [], net: [], leverage: [] }, 2), {
      maxGrossExposure: 0,
      averageGrossExposure: 0,
      maxNetExposure: 0,
      maxLeverage: 0,
      averageLeverage: 0,
    });
    const s = exposureStatistics({ gross: [10], net: [10], leverage: [Number.POSITIVE_INFINITY] }, 2);
    assert.equal(s.maxLeverage, null);
  });
});

/** Buys 10 on the first bar; sells them on the third. */
class TenShares extends Strategy {
  private n = 0;
  override onStart(): void {
    this.subscribeBars(BarType.of(AAPL.id, 1, 'minute'));
  }
  override onBar(): void {
    this.n++;
    if (this.n === 1) this.buy(AAPL.id, 10);
    if (this.n === 3) this.sell(AAPL.id, 10);
  }
}

describe('exposure over a backtest', () => {
  test('recorded per data point while in the market, zero when flat; in the result and the JSON', () => {
    const type = BarType.of(AAPL.id, 1, 'minute');
    const rows = [
      [100, 100],
      [100, 110],
      [120, 130],
      [140, 150],
      [150, 150],
    ];
    const bars = rows.map(([o, c], i) =>
      bar(type, o, Math.max(o, c), Math.min(o, c), c, 1_000, T0 + i * MICROS_PER_MINUTE),
    );
    const engine = new BacktestEngine({
      venues: [{ name: 'SIM', accountType: 'cash', startingCash: 10_000 }],
    });
    engine.addInstrument(AAPL);
    engine.addData(bars);
    engine.addStrategy(new TenShares('T', {}));
    const result = engine.run();
    // Bought at bar 1's open 100 and sold at bar 3's open 140. Marks at closes: 110, 130.
    assert.deepEqual(result.exposure.gross, [0, 1_100, 1_300, 0, 0]);
    assert.deepEqual(result.exposure.net, [0, 1_100, 1_300, 0, 0]);
    assert.deepEqual(result.equity.equity, [10_000, 10_100, 10_300, 10_400, 10_400]);
    assert.deepEqual(result.exposure.leverage, [0, 1_100 / 10_100, 1_300 / 10_300, 0, 0]);
    assert.deepEqual(result.exposureSummary, {
      maxGrossExposure: 1_300,
      averageGrossExposure: 480,
      maxNetExposure: 1_300,
      maxLeverage: 1_300 / 10_300,
      averageLeverage: (1_100 / 10_100 + 1_300 / 10_300) / 2,
    });
    const json = backtestJson(result, { strategy: 'T', parameters: {}, instrument: AAPL.id });
    assert.equal(json.exposure.maxGrossExposure, 1_300);
    assert.equal(JSON.parse(JSON.stringify(json)).exposure.averageGrossExposure, 480);
  });
});
