/**
 * Pre-trade risk checks through a real Kernel and SimulatedExchange: every denial code is produced
 * by a concrete order, which ends `denied` with an OrderDenied event carrying the code and never
 * reaches the venue; the order that just passes the same check reaches `accepted`.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BacktestEngine } from '../../src/backtest/engine.js';
import { type Bar, BarType, bar } from '../../src/model/data.js';
import { equity, futureContract, type Instrument } from '../../src/model/instruments.js';
import type { Order } from '../../src/model/order.js';
import type { OrderDenied, OrderEvent } from '../../src/model/order-events.js';
import { MICROS_PER_MILLI, MICROS_PER_MINUTE } from '../../src/model/time.js';
import type { DenialCode, RiskConfig } from '../../src/risk/engine.js';
import { Strategy } from '../../src/strategy/strategy.js';
import {
  feedBar,
  type Harness,
  type HarnessOptions,
  makeHarness,
  makeOrder,
  submit,
} from '../support/kernel-harness.js';
import { T0 } from '../support/order-builders.js';

const AAPL = equity({ symbol: 'AAPL', venue: 'SIM' });
const ES = futureContract('ES', 2025, 12); // CME, tick 0.25, multiplier 50, margin 24 200

function stocks(risk: RiskConfig = {}, extra: Partial<HarnessOptions> = {}): Harness {
  return makeHarness({ instruments: [AAPL], accountType: 'cash', startingCash: 10_000, risk, ...extra });
}

function assertDenied(h: Harness, order: Order, code: DenialCode): void {
  assert.equal(order.status, 'denied', `${order.clientOrderId} should be denied with ${code}`);
  const events = h.events.filter((e) => e.clientOrderId === order.clientOrderId);
  assert.deepEqual(
    events.map((e) => e.kind),
    ['denied'],
  );
  assert.equal((events[0] as OrderDenied).reasonCode, code);
  assert.ok((events[0] as OrderDenied).reason.length > 0);
  assert.equal(h.exchange!.saw(order), false, 'a denied order must never reach the venue');
  assert.equal(order.venueOrderId, undefined);
  assert.equal(h.kernel.cache.openOrders().includes(order), false);
}

function assertAccepted(h: Harness, order: Order): void {
  assert.equal(order.status, 'accepted', `${order.clientOrderId} should pass risk`);
  assert.deepEqual(
    h.events.filter((e) => e.clientOrderId === order.clientOrderId).map((e) => e.kind),
    ['submitted', 'accepted'],
  );
  assert.equal(h.exchange!.saw(order), true);
}

/** A flat bar at `price` one minute later: sets the last price; fills working market orders at its open. */
const at = (h: Harness, instrument: Instrument, price: number): Bar =>
  feedBar(h, instrument, [price, price, price, price]);

/** Buys `quantity` at market and fills it on the next bar at 100. */
function goLong(h: Harness, quantity: number): void {
  at(h, AAPL, 100);
  submit(h, makeOrder(AAPL, 'buy', quantity));
  at(h, AAPL, 100);
  assert.equal(h.kernel.portfolio.netPosition(AAPL.id), quantity);
}

describe('risk denials: order definition', () => {
  test('INSTRUMENT_UNKNOWN: an instrument the kernel does not know', () => {
    const h = stocks();
    const MSFT = equity({ symbol: 'MSFT', venue: 'SIM' });
    assertDenied(h, submit(h, makeOrder(MSFT, 'buy', 1, { price: 100 })), 'INSTRUMENT_UNKNOWN');
    assertAccepted(h, submit(h, makeOrder(AAPL, 'buy', 1, { price: 100 })));
  });

  test('QUANTITY_NOT_POSITIVE: an order cannot be built so; a modify to 0 or below is denied', () => {
    const h = stocks();
    assert.throws(() => makeOrder(AAPL, 'buy', 0, { price: 100 }), /quantity must be positive/);
    const order = submit(h, makeOrder(AAPL, 'buy', 5, { price: 100 }));
    for (const quantity of [0, -5]) {
      assert.equal(h.kernel.risk.modify(order, { quantity })?.code, 'QUANTITY_NOT_POSITIVE');
    }
    assert.deepEqual([order.status, order.quantity], ['accepted', 5]);
    assert.equal(h.exchange!.received.includes(`modify ${order.clientOrderId}`), false);
    assert.equal(h.kernel.risk.modify(order, { quantity: 3 }), undefined);
    assert.deepEqual([order.status, order.quantity], ['accepted', 3]);
  });

  test('QUANTITY_OFF_GRID: a quantity that is not a multiple of the size increment', () => {
    const h = stocks();
    assertDenied(h, submit(h, makeOrder(AAPL, 'buy', 1.5, { price: 100 })), 'QUANTITY_OFF_GRID');
    assertAccepted(h, submit(h, makeOrder(AAPL, 'buy', 2, { price: 100 })));
  });

  test('PRICE_OFF_GRID: a limit price between ticks (stock 0.01, ES 0.25)', () => {
    const h = stocks();
    assertDenied(h, submit(h, makeOrder(AAPL, 'buy', 1, { price: 100.005 })), 'PRICE_OFF_GRID');
    assertAccepted(h, submit(h, makeOrder(AAPL, 'buy', 1, { price: 100.01 })));
    const f = makeHarness({ instruments: [ES], accountType: 'margin', startingCash: 100_000 });
    assertDenied(f, submit(f, makeOrder(ES, 'buy', 1, { price: 6000.1 })), 'PRICE_OFF_GRID');
    assertAccepted(f, submit(f, makeOrder(ES, 'buy', 1, { price: 6000.25 })));
  });

  test('TRIGGER_PRICE_OFF_GRID: a stop trigger between ticks', () => {
    const h = stocks();
    assertDenied(
      h,
      submit(h, makeOrder(AAPL, 'buy', 1, { triggerPrice: 101.005 })),
      'TRIGGER_PRICE_OFF_GRID',
    );
    const stopLimit = makeOrder(AAPL, 'buy', 1, { type: 'stop-limit', price: 101.5, triggerPrice: 101.001 });
    assertDenied(h, submit(h, stopLimit), 'TRIGGER_PRICE_OFF_GRID');
    assertAccepted(
      h,
      submit(h, makeOrder(AAPL, 'buy', 1, { type: 'stop-limit', price: 101.5, triggerPrice: 101 })),
    );
  });
});

describe('risk denials: limits', () => {
  test('MAX_ORDER_QUANTITY_EXCEEDED: above maxOrderQuantity, on submit and on modify', () => {
    const h = stocks({ maxOrderQuantity: 100 }, { startingCash: 1_000_000 });
    assertDenied(h, submit(h, makeOrder(AAPL, 'buy', 101, { price: 10 })), 'MAX_ORDER_QUANTITY_EXCEEDED');
    const order = submit(h, makeOrder(AAPL, 'buy', 100, { price: 10 }));
    assertAccepted(h, order);
    assert.equal(h.kernel.risk.modify(order, { quantity: 101 })?.code, 'MAX_ORDER_QUANTITY_EXCEEDED');
    assert.deepEqual([order.status, order.quantity], ['accepted', 100]);
  });

  test('MAX_ORDER_NOTIONAL_EXCEEDED: quantity × price × multiplier above maxOrderNotional', () => {
    const h = stocks({ maxOrderNotional: 5_000 }, { startingCash: 1_000_000 });
    assertDenied(h, submit(h, makeOrder(AAPL, 'buy', 51, { price: 100 })), 'MAX_ORDER_NOTIONAL_EXCEEDED');
    assertAccepted(h, submit(h, makeOrder(AAPL, 'buy', 50, { price: 100 })));
    at(h, AAPL, 100); // a market order is valued at the last price
    assertDenied(h, submit(h, makeOrder(AAPL, 'sell', 51)), 'MAX_ORDER_NOTIONAL_EXCEEDED');
    const f = makeHarness({
      instruments: [ES],
      accountType: 'margin',
      startingCash: 1_000_000,
      risk: { maxOrderNotional: 250_000 },
    });
    assertDenied(f, submit(f, makeOrder(ES, 'buy', 1, { price: 6000 })), 'MAX_ORDER_NOTIONAL_EXCEEDED');
    assertAccepted(f, submit(f, makeOrder(ES, 'buy', 1, { price: 4000 })));
  });

  test('NO_PRICE_FOR_CHECKS: a market order before any price is known', () => {
    const h = stocks();
    assertDenied(h, submit(h, makeOrder(AAPL, 'buy', 1)), 'NO_PRICE_FOR_CHECKS');
    assertAccepted(h, submit(h, makeOrder(AAPL, 'buy', 1, { triggerPrice: 101 }))); // the trigger prices it
    at(h, AAPL, 100);
    assertAccepted(h, submit(h, makeOrder(AAPL, 'buy', 1)));
  });
});

describe('risk denials: funds', () => {
  test('INSUFFICIENT_FUNDS in a cash account: notional plus estimated commission above cash', () => {
    const h = stocks();
    assertDenied(h, submit(h, makeOrder(AAPL, 'buy', 101, { price: 100 })), 'INSUFFICIENT_FUNDS');
    assertAccepted(h, submit(h, makeOrder(AAPL, 'buy', 100, { price: 100 })));
    const withFee = stocks({}, { commission: { kind: 'per-unit', amount: 0.01 } });
    assertDenied(withFee, submit(withFee, makeOrder(AAPL, 'buy', 100, { price: 100 })), 'INSUFFICIENT_FUNDS');
    assertAccepted(withFee, submit(withFee, makeOrder(AAPL, 'buy', 99, { price: 100 })));
  });

  test('INSUFFICIENT_FUNDS in a margin account: initial margin per added contract above free cash', () => {
    const h = makeHarness({ instruments: [ES], accountType: 'margin', startingCash: 50_000 });
    assertDenied(h, submit(h, makeOrder(ES, 'buy', 3, { price: 6000 })), 'INSUFFICIENT_FUNDS');
    assertAccepted(h, submit(h, makeOrder(ES, 'buy', 2, { price: 6000 })));
  });

  test('selling shares held is allowed with no cash left', () => {
    const h = stocks();
    goLong(h, 100); // 100 × 100 = all the cash
    assert.equal(h.account.balance, 0);
    assertAccepted(h, submit(h, makeOrder(AAPL, 'sell', 100, { price: 100 })));
  });
});

describe('risk denials: trading state and reduce-only', () => {
  test('TRADING_HALTED: no new exposure while halted', () => {
    const h = stocks({ tradingState: 'halted' });
    at(h, AAPL, 100);
    assertDenied(h, submit(h, makeOrder(AAPL, 'buy', 1)), 'TRADING_HALTED');
    h.kernel.risk.tradingState = 'active';
    assertAccepted(h, submit(h, makeOrder(AAPL, 'buy', 1)));
  });

  test('TRADING_HALTED: halted stops every new order, reducing ones too (unlike reducing)', () => {
    const h = stocks();
    goLong(h, 10);
    h.kernel.risk.tradingState = 'halted';
    assertDenied(h, submit(h, makeOrder(AAPL, 'sell', 5)), 'TRADING_HALTED');
  });

  test('TRADING_REDUCING: an increasing order is denied, a reducing one allowed', () => {
    const h = stocks();
    goLong(h, 10);
    h.kernel.risk.tradingState = 'reducing';
    assertDenied(h, submit(h, makeOrder(AAPL, 'buy', 1)), 'TRADING_REDUCING');
    const reducing = submit(h, makeOrder(AAPL, 'sell', 4));
    assertAccepted(h, reducing);
    at(h, AAPL, 100);
    assert.equal(reducing.status, 'filled');
    assert.equal(h.kernel.portfolio.netPosition(AAPL.id), 6);
  });

  test('TRADING_REDUCING: when flat every order would open a position and is denied', () => {
    const h = stocks({ tradingState: 'reducing' });
    at(h, AAPL, 100);
    assertDenied(h, submit(h, makeOrder(AAPL, 'sell', 1)), 'TRADING_REDUCING');
  });

  test('TRADING_REDUCING: a sell that reverses a long into a short is denied (it opens a position)', () => {
    const h = stocks();
    goLong(h, 10);
    h.kernel.risk.tradingState = 'reducing';
    assertDenied(h, submit(h, makeOrder(AAPL, 'sell', 15)), 'TRADING_REDUCING');
  });

  test('REDUCE_ONLY_WOULD_INCREASE: a reduce-only order when flat, adding, or reversing', () => {
    const h = stocks();
    at(h, AAPL, 100);
    assertDenied(
      h,
      submit(h, makeOrder(AAPL, 'sell', 1, { reduceOnly: true })),
      'REDUCE_ONLY_WOULD_INCREASE',
    );
    goLong(h, 10);
    assertDenied(h, submit(h, makeOrder(AAPL, 'buy', 1, { reduceOnly: true })), 'REDUCE_ONLY_WOULD_INCREASE');
    assertDenied(
      h,
      submit(h, makeOrder(AAPL, 'sell', 15, { reduceOnly: true })),
      'REDUCE_ONLY_WOULD_INCREASE',
    );
    assertAccepted(h, submit(h, makeOrder(AAPL, 'sell', 10, { reduceOnly: true })));
  });

  test('two reduce-only orders for the whole position never take it through zero', () => {
    const h = stocks();
    goLong(h, 10);
    const first = submit(h, makeOrder(AAPL, 'sell', 10, { price: 110, reduceOnly: true }));
    const second = submit(h, makeOrder(AAPL, 'sell', 10, { price: 110, reduceOnly: true }));
    assertAccepted(h, first);
    feedBar(h, AAPL, [105, 111, 104, 110]);
    assert.equal(first.status, 'filled');
    assert.notEqual(second.status, 'filled', 'the second reduce-only order had nothing left to reduce');
    assert.equal(h.kernel.portfolio.netPosition(AAPL.id), 0);
  });
});

describe('risk denials: submit rate', () => {
  test('SUBMIT_RATE_EXCEEDED within the window; allowed again once it has passed', () => {
    const h = stocks({ maxOrderSubmitRate: { count: 2, intervalMs: 1_000 } }, { startingCash: 1_000_000 });
    const limit = () => makeOrder(AAPL, 'buy', 1, { price: 100 });
    const start = h.clock.now();
    assertAccepted(h, submit(h, limit()));
    assertDenied(h, submit(h, makeOrder(AAPL, 'buy', 1.5, { price: 100 })), 'QUANTITY_OFF_GRID'); // not counted
    assertAccepted(h, submit(h, limit()));
    assertDenied(h, submit(h, limit()), 'SUBMIT_RATE_EXCEEDED');
    h.clock.setTime(start + 999 * MICROS_PER_MILLI);
    assertDenied(h, submit(h, limit()), 'SUBMIT_RATE_EXCEEDED');
    h.clock.setTime(start + 1_000 * MICROS_PER_MILLI);
    assertAccepted(h, submit(h, limit()));
    assertAccepted(h, submit(h, limit()));
    assertDenied(h, submit(h, limit()), 'SUBMIT_RATE_EXCEEDED');
    assert.equal(h.kernel.risk.deniedCount, 4);
  });
});

describe('duplicate client order ids', () => {
  test('a second order with a used id never reaches the venue and leaves the first untouched', () => {
    const h = stocks();
    const first = submit(h, makeOrder(AAPL, 'buy', 1, { price: 100 }));
    const copy = makeOrder(AAPL, 'buy', 2, { price: 100, clientOrderId: first.clientOrderId });
    try {
      submit(h, copy);
    } catch {
      // refusing by exception is acceptable; a DUPLICATE_ORDER_ID denial would be too
    }
    assert.equal(first.status, 'accepted');
    assert.equal(h.kernel.cache.order(first.clientOrderId), first);
    assert.deepEqual(h.exchange!.received, [`submit ${first.clientOrderId}`]);
    if (copy.status !== 'initialized') assert.equal(copy.status, 'denied');
  });
});

describe('risk in a backtest run', () => {
  test('a strategy sees its over-sized order denied and its affordable order filled', () => {
    class TwoOrders extends Strategy<Record<string, never>> {
      readonly seen: OrderEvent[] = [];
      readonly orders: Order[] = [];
      protected override onStart(): void {
        this.subscribeBars(BarType.of(AAPL.id, 1, 'minute'));
      }
      override onBar(): void {
        if (this.orders.length > 0) return;
        this.orders.push(this.buy(AAPL.id, 200), this.buy(AAPL.id, 50));
      }
      override onOrderEvent(event: OrderEvent): void {
        this.seen.push(event);
      }
    }
    const engine = new BacktestEngine({
      venues: [{ name: 'SIM', accountType: 'cash', startingCash: 10_000 }],
    });
    engine.addInstrument(AAPL);
    const type = BarType.of(AAPL.id, 1, 'minute');
    engine.addData([1, 2, 3].map((i) => bar(type, 100, 101, 99, 100, 10, T0 + i * MICROS_PER_MINUTE)));
    const strategy = new TwoOrders('TWO', {});
    engine.addStrategy(strategy);
    const result = engine.run();
    const [big, small] = strategy.orders;
    assert.equal(big.status, 'denied');
    const denial = strategy.seen.find((e) => e.clientOrderId === big.clientOrderId);
    assert.equal(denial?.kind === 'denied' ? denial.reasonCode : undefined, 'INSUFFICIENT_FUNDS');
    assert.equal(small.status, 'filled');
    assert.equal(result.fills.length, 1);
    assert.equal(engine.kernel.portfolio.netPosition(AAPL.id), 50);
  });
});
