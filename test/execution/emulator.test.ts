/**
 * Local emulation of order types a venue lacks, hand-computed through the real BacktestEngine:
 * the venue takes only market and limit orders (`supportedOrderTypes`), so stops, if-touched and
 * trailing stops are held by the kernel's OrderEmulator, acknowledged as EMULATED-n, and sent as
 * market/limit orders once a bar (or tick) triggers them. The released order arrives at the venue
 * after the data that triggered it, so it fills on the next data point.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { VenueConfig } from '../../src/backtest/engine.js';
import type { Order } from '../../src/model/order.js';
import { minuteBars, openOf, priceQty, runScript, STOCK, T0, trade } from '../support/scripted-backtest.js';

const LIMITED: Partial<VenueConfig> = { supportedOrderTypes: ['market', 'limit'] };

describe('order emulation on a venue that takes only market and limit orders', () => {
  test('a sell stop-market is held locally, triggered by a bar, and filled as a market order at the next open', () => {
    let order: Order | undefined;
    const { strategy, engine } = runScript(
      minuteBars([
        [100, 100.5, 99.5, 100], // bar 0: the stop is placed at its close
        [100, 100.2, 99.8, 100], // bar 1: stays above 99.5
        [99.8, 99.9, 99.0, 99.2], // bar 2: low 99.0 reaches the stop 99.5 → triggered
        [99.1, 99.3, 98.9, 99.0], // bar 3: the released market order fills at the open 99.1
      ]),
      'bars',
      { 0: (s) => (order = s.sell(STOCK.id, 10, { triggerPrice: 99.5, type: 'stop-market' })) },
      LIMITED,
    );
    assert.deepEqual(strategy.kindsOf(order!), ['submitted', 'accepted', 'triggered', 'filled']);
    assert.equal(strategy.eventOf(order!, 'accepted')?.venueOrderId, 'EMULATED-1');
    // Triggered on bar 2 (stamped with its close, when the emulator saw it); filled on bar 3's open.
    assert.equal(strategy.eventOf(order!, 'triggered')?.tsEvent, T0 + 2 * 60_000_000);
    assert.deepEqual(priceQty(strategy, order!), [[99.1, 10]]);
    assert.equal(strategy.fillsOf(order!)[0].tsEvent, openOf(3));
    assert.equal(engine.kernel.execution.emulator.heldCount, 0);
  });

  test('the same stop on a venue that takes stops fills at the stop on the bar that reaches it', () => {
    let order: Order | undefined;
    const { strategy } = runScript(
      minuteBars([
        [100, 100.5, 99.5, 100],
        [100, 100.2, 99.8, 100],
        [99.8, 99.9, 99.0, 99.2],
        [99.1, 99.3, 98.9, 99.0],
      ]),
      'bars',
      { 0: (s) => (order = s.sell(STOCK.id, 10, { triggerPrice: 99.5, type: 'stop-market' })) },
    );
    // Venue-held: bar 2 opens at 99.8 and falls through 99.5 → filled at 99.5 (the emulated one got 99.1).
    assert.deepEqual(priceQty(strategy, order!), [[99.5, 10]]);
    assert.equal(strategy.eventOf(order!, 'accepted')?.venueOrderId, 'SIM-1');
  });

  test('a stop-limit is released as a limit at its limit price and fills only within it', () => {
    let order: Order | undefined;
    const { strategy } = runScript(
      minuteBars([
        [100, 100, 100, 100],
        [100.2, 100.6, 100.1, 100.5], // bar 1: high 100.6 reaches the buy stop 100.5 → release limit 100.55
        [100.7, 100.8, 100.6, 100.7], // bar 2: low 100.6 stays above the limit: no fill
        [100.6, 100.6, 100.5, 100.55], // bar 3: opens 100.6 > 100.55, low 100.5 reaches it → 100.55
      ]),
      'bars',
      { 0: (s) => (order = s.buy(STOCK.id, 5, { triggerPrice: 100.5, price: 100.55 })) },
      LIMITED,
    );
    assert.deepEqual(strategy.kindsOf(order!), ['submitted', 'accepted', 'triggered', 'filled']);
    assert.deepEqual(priceQty(strategy, order!), [[100.55, 5]]);
    assert.equal(strategy.fillsOf(order!)[0].tsEvent, openOf(3));
    assert.equal(strategy.fillsOf(order!)[0].liquidity, 'maker');
  });

  test('a trailing stop trails locally (updated events) and is released when a trade comes back to it', () => {
    let order: Order | undefined;
    const prices = [100, 101, 102, 101.5, 100.9, 100.8];
    const { strategy } = runScript(
      prices.map((p, i) => trade(T0 + i * 1_000_000, p)),
      'trades',
      {
        0: (s) => (order = s.sell(STOCK.id, 3, { type: 'trailing-stop-market', trailingOffset: 1 })),
      },
      LIMITED,
    );
    // Last price 100 at submit → trigger 99; trade 101 → 100; 102 → 101; 101.5 keeps 101;
    // 100.9 ≤ 101 → triggered, released as a market sell; it fills on the next trade, 100.8.
    const triggers = strategy.events
      .filter((e) => e.kind === 'updated' && e.clientOrderId === order!.clientOrderId)
      .map((e) => (e.kind === 'updated' ? e.triggerPrice : undefined));
    assert.deepEqual(triggers, [99, 100, 101]);
    assert.deepEqual(priceQty(strategy, order!), [[100.8, 3]]);
  });

  test('canceling a held order cancels it locally: nothing reaches the venue, nothing fills', () => {
    let order: Order | undefined;
    const { strategy, engine } = runScript(
      minuteBars([
        [100, 100, 100, 100],
        [100, 100.2, 99.8, 100],
        [99, 99, 98, 98.5], // would trigger
      ]),
      'bars',
      {
        0: (s) => (order = s.sell(STOCK.id, 10, { triggerPrice: 99.5 })),
        1: (s) => s.cancel(order!),
      },
      LIMITED,
    );
    assert.deepEqual(strategy.kindsOf(order!), ['submitted', 'accepted', 'pending-cancel', 'canceled']);
    assert.equal(engine.kernel.execution.emulator.heldCount, 0);
  });

  test('an order type the venue lacks and that cannot be emulated is rejected by the venue', () => {
    let order: Order | undefined;
    const { strategy } = runScript(
      minuteBars([
        [100, 100, 100, 100],
        [100, 100.2, 99.8, 100],
      ]),
      'bars',
      { 0: (s) => (order = s.buy(STOCK.id, 1, { type: 'market-on-close' })) },
      LIMITED,
    );
    assert.deepEqual(strategy.kindsOf(order!), ['submitted', 'rejected']);
    const rejected = strategy.eventOf(order!, 'rejected');
    assert.equal(rejected?.reasonCode, 'ORDER_TYPE_NOT_SUPPORTED');
  });
});
