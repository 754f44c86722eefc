/**
 * Venue latency (`VenueConfig.latency`, µs), hand-computed through the real BacktestEngine with
 * trade ticks and one-second bars of a 0.01-tick stock. `seen` records the clock time at which the
 * strategy received each event. Delayed commands and reports are delivered by clock alerts, which
 * fire when the next data point moves the clock past them.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { VenueConfig } from '../../src/backtest/engine.js';
import type { Order } from '../../src/model/order.js';
import { MICROS_PER_MILLI, MICROS_PER_SECOND } from '../../src/model/time.js';
import {
  priceQty,
  runScript,
  type Scripted,
  STOCK,
  secondBars,
  T0,
  trade,
} from '../support/scripted-backtest.js';

const MS = MICROS_PER_MILLI;
const S = MICROS_PER_SECOND;

/** `[kind, time seen]` of every event of the order, in arrival order. */
const timeline = (s: Scripted, order: Order): [string, number][] =>
  s.seen.filter((x) => x.event.clientOrderId === order.clientOrderId).map((x) => [x.event.kind, x.at - T0]);

describe('latency with trade ticks', () => {
  test('submit 100 ms, ack 20 ms, fill 50 ms: fills only on data after t + 100 ms, seen at +120 and +200 ms', () => {
    let order: Order | undefined;
    const statuses: [string, number][] = [];
    const { strategy } = runScript(
      [trade(T0, 100), trade(T0 + 50 * MS, 100.05), trade(T0 + 150 * MS, 100.1), trade(T0 + 400 * MS, 100.2)],
      'trades',
      {
        0: (s) => (order = s.buy(STOCK.id, 10)),
        1: (s) => statuses.push([order!.status, s.position(STOCK.id)]),
        2: (s) => statuses.push([order!.status, s.position(STOCK.id)]),
        3: (s) => statuses.push([order!.status, s.position(STOCK.id)]),
      },
      { latency: { submit: 100 * MS, ack: 20 * MS, fill: 50 * MS } },
    );
    // The order reaches the venue at +100 ms: the +50 ms trade (100.05) is before it; the +150 ms
    // trade fills it, 10 @ 100.10, stamped +150 ms.
    assert.deepEqual(priceQty(strategy, order!), [[100.1, 10]]);
    assert.equal(strategy.fillsOf(order!)[0].tsEvent, T0 + 150 * MS);
    // submitted: at once (+0); accepted: +100 + 20 = +120 ms; filled: +150 + 50 = +200 ms.
    assert.deepEqual(timeline(strategy, order!), [
      ['submitted', 0],
      ['accepted', 120 * MS],
      ['filled', 200 * MS],
    ]);
    assert.equal(strategy.eventOf(order!, 'accepted')?.tsEvent, T0 + 100 * MS); // venue time
    // At +50 ms nothing has come back; at +150 ms the ack has (+120) but not the fill (+200).
    assert.deepEqual(statuses, [
      ['submitted', 0],
      ['accepted', 0],
      ['filled', 10],
    ]);
  });

  test('a slow ack (300 ms) holds back a fast fill report (10 ms): events never arrive out of order', () => {
    let order: Order | undefined;
    const { strategy } = runScript(
      [trade(T0, 100), trade(T0 + 150 * MS, 100.1), trade(T0 + 500 * MS, 100.2)],
      'trades',
      { 0: (s) => (order = s.buy(STOCK.id, 10)) },
      { latency: { submit: 100 * MS, ack: 300 * MS, fill: 10 * MS } },
    );
    // Arrival +100 ms, ack due +400 ms; filled at +150 ms, its report due +160 ms, but it cannot
    // overtake the ack: both arrive at +400 ms, accepted first.
    assert.deepEqual(priceQty(strategy, order!), [[100.1, 10]]);
    assert.deepEqual(timeline(strategy, order!), [
      ['submitted', 0],
      ['accepted', 400 * MS],
      ['filled', 400 * MS],
    ]);
    for (let i = 1; i < strategy.seen.length; i++) assert.ok(strategy.seen[i].at >= strategy.seen[i - 1].at);
  });

  test('a cancel that reaches the venue before the fill wins: canceled, no fill', () => {
    let order: Order | undefined;
    const { strategy, result } = runScript(
      [trade(T0, 100.05), trade(T0 + 110 * MS, 100.05), trade(T0 + 250 * MS, 100), trade(T0 + 300 * MS, 100)],
      'trades',
      {
        0: (s) => (order = s.buy(STOCK.id, 10, { price: 100 })),
        1: (s) => s.cancel(order!), // sent at +110 ms, at the venue at +210 ms
      },
      { latency: { submit: 100 * MS } },
    );
    // The venue cancels at +210 ms; the +250 ms trade at 100.00 would have filled it.
    assert.deepEqual(result.fills, []);
    assert.deepEqual(timeline(strategy, order!), [
      ['submitted', 0],
      ['accepted', 100 * MS],
      ['pending-cancel', 110 * MS],
      ['canceled', 210 * MS],
    ]);
  });

  test('a cancel sent before a fill but arriving after it loses the race: cancel-rejected, the order filled', {}, () => {
    let order: Order | undefined;
    const { strategy, result } = runScript(
      [trade(T0, 100.05), trade(T0 + 110 * MS, 100.05), trade(T0 + 150 * MS, 100), trade(T0 + 300 * MS, 100)],
      'trades',
      {
        0: (s) => (order = s.buy(STOCK.id, 10, { price: 100 })),
        1: (s) => s.cancel(order!), // sent at +110 ms, at the venue at +210 ms
      },
      { latency: { submit: 100 * MS } },
    );
    // The +150 ms trade at 100.00 fills the limit (working since +100 ms): 10 @ 100.00. The cancel
    // arrives at +210 ms, finds nothing working and is rejected.
    assert.deepEqual(
      result.fills.map((f) => [f.price, f.quantity, f.time]),
      [[100, 10, T0 + 150 * MS]],
    );
    assert.deepEqual(timeline(strategy, order!), [
      ['submitted', 0],
      ['accepted', 100 * MS],
      ['pending-cancel', 110 * MS],
      ['filled', 150 * MS],
      ['cancel-rejected', 210 * MS],
    ]);
    assert.equal(order!.status, 'filled');
    assert.equal(strategy.position(STOCK.id), 10);
  });

  test('zero latency behaves exactly as no latency', () => {
    const data = () => [trade(T0, 100), trade(T0 + 50 * MS, 100.05), trade(T0 + 150 * MS, 100.1)];
    const go = (venue: Partial<VenueConfig>) => {
      let order: Order | undefined;
      const run = runScript(data(), 'trades', { 0: (s) => (order = s.buy(STOCK.id, 10)) }, venue);
      return { ...run, order: order! };
    };
    const plain = go({});
    const zero = go({ latency: { submit: 0, ack: 0, fill: 0 } });
    // Accepted at once (+0); fills on the next trade, 10 @ 100.05 at +50 ms, seen at once.
    assert.deepEqual(timeline(zero.strategy, zero.order), [
      ['submitted', 0],
      ['accepted', 0],
      ['filled', 50 * MS],
    ]);
    assert.deepEqual(priceQty(zero.strategy, zero.order), [[100.05, 10]]);
    assert.deepEqual(zero.result.fills, plain.result.fills);
    assert.deepEqual(
      zero.strategy.seen.map((x) => [x.event, x.at]),
      plain.strategy.seen.map((x) => [x.event, x.at]),
    );
  });

  test('negative or non-finite latencies are refused', () => {
    assert.throws(
      () => runScript([trade(T0, 100)], 'trades', {}, { latency: { submit: -1 } }),
      /latency.submit must be/,
    );
    assert.throws(
      () => runScript([trade(T0, 100)], 'trades', {}, { latency: { fill: Number.NaN } }),
      /latency.fill must be/,
    );
  });
});

describe('latency with one-second bars', () => {
  // Bar i closes at T0 + i s and opens a second earlier; opens 100.00, 100.10, 100.20, 100.30.
  const rows = [
    [100, 100.05, 99.95, 100],
    [100.1, 100.15, 100.05, 100.1],
    [100.2, 100.25, 100.15, 100.2],
    [100.3, 100.35, 100.25, 100.3],
  ] as const;

  test('submit 1 s: the order reaches the venue as bar 1 closes, so bar 2’s open (100.20) fills it', () => {
    let order: Order | undefined;
    const { strategy } = runScript(
      secondBars(rows),
      'bars',
      { 0: (s) => (order = s.buy(STOCK.id, 10)) },
      { latency: { submit: S } },
    );
    // Sent at T0, at the venue at T0 + 1 s = bar 1's close: bar 1 is not after it; bar 2 opens at T0 + 1 s.
    assert.deepEqual(
      strategy.fillsOf(order!).map((f) => [f.lastPrice, f.lastQuantity, f.tsEvent]),
      [[100.2, 10, T0 + S]],
    );
  });

  test('submit 1.5 s: a bar that opened before the order arrived does not fill it at that open', {}, () => {
    let order: Order | undefined;
    const { strategy } = runScript(
      secondBars(rows),
      'bars',
      { 0: (s) => (order = s.buy(STOCK.id, 10)) },
      { latency: { submit: 1.5 * S } },
    );
    // At the venue at T0 + 1.5 s, inside bar 2: the first bar wholly after it is bar 3, opening at
    // T0 + 2 s at 100.30. A fill is never stamped before the order's arrival.
    const [fill] = strategy.fillsOf(order!);
    assert.ok(fill.tsEvent >= T0 + 1.5 * S, `filled at T0 + ${(fill.tsEvent - T0) / S} s`);
    assert.deepEqual([fill.lastPrice, fill.lastQuantity, fill.tsEvent], [100.3, 10, T0 + 2 * S]);
  });
});
