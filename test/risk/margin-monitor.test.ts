import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BacktestEngine } from '../../src/backtest/engine.js';
import { BarType, bar } from '../../src/model/data.js';
import { futureContract } from '../../src/model/instruments.js';
import { MICROS_PER_DAY } from '../../src/model/time.js';
import {
  LIQUIDATION_STRATEGY_ID,
  MARGIN_CALL_TOPIC,
  type MarginCall,
} from '../../src/risk/margin-monitor.js';
import { Strategy } from '../../src/strategy/strategy.js';

// ES: multiplier 50, initial margin 24,200, maintenance 22,000 per contract.
const ES = futureContract('ES', 2025, 12);
const daily = BarType.of(ES.id, 1, 'day');
const T0 = Date.UTC(2025, 9, 1) * 1000;
const closes = [4000, 4000, 3900, 3830, 3820, 3850];
const bars = closes.map((c, i) => bar(daily, c, c + 5, c - 5, c, 1000, T0 + (i + 1) * MICROS_PER_DAY));

class BuyOnce extends Strategy<Record<string, never>> {
  protected override onStart(): void {
    this.subscribeBars(daily);
  }
  override onBar(): void {
    if (this.cache.orders().length === 0) this.buy(ES.id, 1);
  }
}

test('equity below maintenance margin triggers a margin call and a forced liquidation at the next open', () => {
  const engine = new BacktestEngine({
    venues: [{ name: 'CME', accountType: 'margin', startingCash: 30_000 }],
  });
  engine.addInstrument(ES);
  engine.addData(bars);
  engine.addStrategy(new BuyOnce('BUY', {}));
  const published: MarginCall[] = [];
  engine.kernel.bus.subscribe<MarginCall>(MARGIN_CALL_TOPIC, (call) => published.push(call));
  const result = engine.run();
  // Bought at the 2nd bar's open (4000). After the 4th bar (close 3830) the loss is 170 × 50 =
  // 8,500: equity 21,500 < 22,000 → call; the liquidation sells at the 5th bar's open, 3820.
  assert.equal(result.marginCalls.length, 1);
  assert.equal(result.marginCalls[0].equity, 21_500);
  assert.equal(result.marginCalls[0].maintenanceRequired, 22_000);
  assert.deepEqual(published, result.marginCalls);
  const liquidation = engine.kernel.cache.orders().find((o) => o.strategyId === LIQUIDATION_STRATEGY_ID);
  assert.ok(liquidation);
  assert.deepEqual(
    [liquidation.side, liquidation.status, liquidation.averagePrice],
    ['sell', 'filled', 3820],
  );
  assert.equal(engine.kernel.portfolio.netPosition(ES.id), 0);
  assert.equal(result.finalValue, 30_000 - 180 * 50);
});

test('no call while equity stays above the maintenance margin', () => {
  const engine = new BacktestEngine({
    venues: [{ name: 'CME', accountType: 'margin', startingCash: 40_000 }],
  });
  engine.addInstrument(ES);
  engine.addData(bars);
  engine.addStrategy(new BuyOnce('BUY', {}));
  const result = engine.run();
  assert.equal(result.marginCalls.length, 0);
  assert.equal(engine.kernel.portfolio.netPosition(ES.id), 1);
});
