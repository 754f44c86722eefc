import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BacktestEngine } from '../../src/backtest/engine.js';
import { readBarsCsv } from '../../src/data/csv/index.js';
import { barSeriesFromCsv } from '../../src/data/load-bars.js';
import { SimpleMovingAverage } from '../../src/indicators/averages/sma.js';
import { AverageTrueRange } from '../../src/indicators/volatility/atr.js';
import type { Bar, BarType } from '../../src/model/data.js';
import { Strategy } from '../../src/strategy/strategy.js';

/** Records, at each onBar, what its registered indicators say. */
class Watcher extends Strategy<Record<string, never>> {
  readonly seen: Array<{ close: number; sma: number; atr: number }> = [];
  readonly sma: SimpleMovingAverage;
  readonly atr: AverageTrueRange;

  constructor(barType: BarType) {
    super('WATCH', {});
    // Registered in the constructor: the kernel subscribes when the strategy is added.
    this.sma = this.registerIndicator(barType, new SimpleMovingAverage(3));
    this.atr = this.registerIndicator(barType, new AverageTrueRange(2));
  }

  override onBar(bar: Bar): void {
    this.seen.push({ close: bar.close, sma: this.sma.value, atr: this.atr.value });
  }
}

test('registered indicators are updated with each bar before onBar sees it', () => {
  const [series] = barSeriesFromCsv(
    readBarsCsv(new URL('../../data/2006-day-001.txt', import.meta.url).pathname),
  );
  const engine = new BacktestEngine({ venues: [{ name: 'SIM', accountType: 'cash', startingCash: 10_000 }] });
  engine.addInstrument(series.instrument);
  engine.addData(series.bars.slice(0, 10));
  const watcher = new Watcher(series.barType);
  engine.addStrategy(watcher);
  engine.run();
  const bars = series.bars;
  assert.equal(watcher.seen.length, 10, 'onBar once per bar (registration did not double-subscribe)');
  assert.ok(Number.isNaN(watcher.seen[1].sma));
  // SMA(3) at bar 3 already includes bar 3's close.
  assert.ok(Math.abs(watcher.seen[2].sma - (bars[0].close + bars[1].close + bars[2].close) / 3) < 1e-9);
  // ATR(2) first value with bar 3: mean of the true ranges of bars 2 and 3.
  const tr = (i: number) =>
    Math.max(
      bars[i].high - bars[i].low,
      Math.abs(bars[i].high - bars[i - 1].close),
      Math.abs(bars[i].low - bars[i - 1].close),
    );
  assert.ok(Math.abs(watcher.seen[2].atr - (tr(1) + tr(2)) / 2) < 1e-9);
  assert.ok(Number.isNaN(watcher.seen[1].atr));
});
