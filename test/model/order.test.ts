/**
 * Order: construction, fill accounting (VWAP, commissions, leaves), modifications, and a property
 * test over random event sequences checking the order never reaches an inconsistent state.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { InvalidStateTransition } from '../../src/core/errors.js';
import { ORDER_TYPES } from '../../src/model/enums.js';
import type { Order } from '../../src/model/order.js';
import { ORDER_EVENT_KINDS, type OrderEvent } from '../../src/model/order-events.js';
import { TERMINAL_STATUSES } from '../../src/model/order-state.js';
import {
  applySteps,
  driveTo,
  fillEvent,
  newOrder,
  orderEvent,
  snapshot,
  T0,
} from '../support/order-builders.js';

describe('Order construction', () => {
  test('a new order is initialized, open, not working and unfilled', () => {
    const order = newOrder('limit', { quantity: 7, price: 99.5 });
    assert.equal(order.status, 'initialized');
    assert.equal(order.isOpen, true);
    assert.equal(order.isWorking, false);
    assert.equal(order.isTerminal, false);
    assert.equal(order.filledQuantity, 0);
    assert.equal(order.leavesQuantity, 7);
    assert.equal(order.averagePrice, undefined);
    assert.equal(order.tsLast, T0);
  });

  test('quantity must be positive', () => {
    for (const quantity of [0, -1, Number.NaN]) {
      assert.throws(() => newOrder('market', { quantity }), /quantity must be positive/);
    }
  });

  test('price and trigger price are required exactly by the order types that use them', () => {
    assert.throws(() => newOrder('limit', { price: undefined }), /limit order needs price/);
    assert.throws(() => newOrder('market', { price: 100 }), /market order takes no price/);
    assert.throws(() => newOrder('stop-market', { triggerPrice: undefined }), /needs trigger price/);
    assert.throws(() => newOrder('limit', { triggerPrice: 100 }), /takes no trigger price/);
    assert.throws(() => newOrder('stop-limit', { price: undefined }), /stop-limit order needs price/);
  });
});

describe('fill accounting', () => {
  test('averagePrice is the volume-weighted average of the fill prices; commissions add up', () => {
    const order = driveTo(newOrder('limit', { quantity: 10 }), 'accepted');
    order.apply(fillEvent(order, 2, 100.25, { commission: 1.1 }));
    assert.equal(order.averagePrice, 100.25);
    order.apply(fillEvent(order, 5, 100.75, { commission: 2.2 }));
    order.apply(fillEvent(order, 3, 99.5, { commission: 0.7 }));
    const vwap = (2 * 100.25 + 5 * 100.75 + 3 * 99.5) / 10;
    assert.ok(Math.abs(order.averagePrice! - vwap) < 1e-12, `${order.averagePrice} vs ${vwap}`);
    assert.ok(Math.abs(order.commission - 4) < 1e-12);
    assert.equal(order.filledQuantity, 10);
    assert.equal(order.status, 'filled');
  });

  test('the first fill sets the venue order id when no ack arrived', () => {
    const order = driveTo(newOrder('market'), 'submitted');
    const fill = fillEvent(order, 10, 100);
    order.apply(fill);
    assert.equal(order.venueOrderId, fill.venueOrderId);
  });

  test('a fill on the wrong side is refused and changes nothing', () => {
    const order = driveTo(newOrder('limit'), 'accepted');
    const before = snapshot(order);
    assert.throws(() => order.apply(fillEvent(order, 1, 100, { side: 'sell' })), /fill side sell is not buy/);
    assert.deepEqual(snapshot(order), before);
  });

  test('an event of another order is refused and changes nothing', () => {
    const order = driveTo(newOrder('limit'), 'accepted');
    const other = driveTo(newOrder('limit'), 'accepted');
    const before = snapshot(order);
    assert.throws(
      () => order.apply(orderEvent(other, 'canceled')),
      new RegExp(`applied to order ${order.clientOrderId}`),
    );
    assert.deepEqual(snapshot(order), before);
  });
});

describe('modifications', () => {
  test('updated changes quantity, price and trigger price', () => {
    const order = applySteps(newOrder('stop-limit'), ['submitted', 'accepted', 'pending-update']);
    order.apply(orderEvent(order, 'updated', { quantity: 4, price: 101.5, triggerPrice: 101 }));
    assert.deepEqual(
      [order.status, order.quantity, order.price, order.triggerPrice],
      ['accepted', 4, 101.5, 101],
    );
  });

  test('an update below the filled quantity is refused and changes nothing', () => {
    const order = applySteps(newOrder('limit'), ['submitted', 'accepted', { fill: 3 }, 'pending-update']);
    const before = snapshot(order);
    assert.throws(() => order.apply(orderEvent(order, 'updated', { quantity: 2 })), /below filled 3/);
    assert.deepEqual(snapshot(order), before);
  });

  test('canApply agrees with apply for an update below the filled quantity', () => {
    const order = applySteps(newOrder('limit'), ['submitted', 'accepted', { fill: 3 }]);
    const event = orderEvent(order, 'updated', { quantity: 2 });
    assert.throws(() => order.apply(event));
    assert.equal(order.canApply(event), false, 'canApply promised an event that apply refuses');
  });

  test('an update down to exactly the filled quantity completes the order', () => {
    const order = applySteps(newOrder('limit'), ['submitted', 'accepted', { fill: 3 }, 'pending-update']);
    order.apply(orderEvent(order, 'updated', { quantity: 3 }));
    assert.equal(order.status, 'filled');
    assert.equal(order.leavesQuantity, 0);
  });

  test('an update to quantity 0 of an unfilled order is refused (it must not read as filled)', () => {
    const order = applySteps(newOrder('limit'), ['submitted', 'accepted', 'pending-update']);
    const before = snapshot(order);
    assert.throws(() => order.apply(orderEvent(order, 'updated', { quantity: 0 })));
    assert.deepEqual(snapshot(order), before);
    assert.notEqual(order.status, 'filled');
  });
});

/** Invariants that hold after every applied event, given the fills applied so far. */
function assertConsistent(order: Order, filled: number, notional: number, commission: number): void {
  const where = `${order.type} order in ${order.status}`;
  assert.equal(order.filledQuantity, filled, where);
  assert.ok(order.filledQuantity <= order.quantity, where);
  assert.ok(Math.abs(order.commission - commission) < 1e-9, where);
  if (filled > 0) assert.ok(Math.abs(order.averagePrice! - notional / filled) < 1e-9, where);
  else assert.equal(order.averagePrice, undefined, where);
  if (order.status === 'filled') assert.equal(order.leavesQuantity, 0, where);
  if (order.status === 'partially-filled') assert.ok(filled > 0 && order.leavesQuantity > 0, where);
  if (['initialized', 'submitted', 'accepted', 'denied', 'rejected'].includes(order.status)) {
    assert.equal(filled, 0, `${where} with ${filled} filled`);
  }
  if (order.status === 'triggered' || order.isTriggered) assert.ok(order.isStop, where);
  assert.equal(order.isTerminal, TERMINAL_STATUSES.has(order.status), where);
}

describe('random event sequences (property)', () => {
  /** One random event: a kind, a fill size, an update size and a price tick. */
  const step = fc.record({
    kind: fc.constantFrom(...ORDER_EVENT_KINDS),
    fillQuantity: fc.integer({ min: 1, max: 12 }),
    updateExtra: fc.integer({ min: 1, max: 10 }),
    priceTicks: fc.integer({ min: 360, max: 440 }),
    commissionCents: fc.integer({ min: 0, max: 500 }),
  });

  test('apply succeeds exactly when canApply says so, and the order stays consistent', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ORDER_TYPES), fc.array(step, { maxLength: 30 }), (type, steps) => {
        const order = newOrder(type, { quantity: 10 });
        let filled = 0;
        let notional = 0;
        let commission = 0;
        let applied = 0;
        let lastTs = order.tsLast;
        for (const s of steps) {
          const event: OrderEvent =
            s.kind === 'filled'
              ? fillEvent(order, s.fillQuantity, s.priceTicks * 0.25, { commission: s.commissionCents / 100 })
              : orderEvent(order, s.kind, { quantity: order.filledQuantity + s.updateExtra });
          const allowed = order.canApply(event);
          const before = snapshot(order);
          try {
            order.apply(event);
          } catch (error) {
            assert.ok(error instanceof InvalidStateTransition, String(error));
            assert.equal(allowed, false, `apply threw but canApply said yes: ${String(error)}`);
            assert.deepEqual(snapshot(order), before);
            continue;
          }
          assert.equal(allowed, true, `canApply said no but apply accepted ${s.kind} in ${before.status}`);
          applied++;
          lastTs = event.tsEvent;
          if (event.kind === 'filled') {
            filled += event.lastQuantity;
            notional += event.lastQuantity * event.lastPrice;
            commission += event.commission;
          }
          assertConsistent(order, filled, notional, commission);
        }
        assert.equal(order.events.length, applied);
        assert.equal(order.tsLast, lastTs);
        assertConsistent(order, filled, notional, commission);
      }),
      { numRuns: 2000 },
    );
  });

  test('a terminal order refuses every event kind', () => {
    for (const status of TERMINAL_STATUSES) {
      const order: Order = driveTo(newOrder('stop-limit'), status);
      for (const kind of ORDER_EVENT_KINDS)
        assert.equal(order.canApply(orderEvent(order, kind)), false, `${status} + ${kind}`);
    }
  });
});
