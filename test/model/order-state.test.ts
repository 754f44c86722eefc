/**
 * The order state machine, checked against our own specification of the lifecycle (Nautilus-style):
 * every status × every event kind, for every order type, through the real Order.apply.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { InvalidStateTransition } from '../../src/core/errors.js';
import { ORDER_TYPES, type OrderType, TRIGGERED_TYPES } from '../../src/model/enums.js';
import type { Order } from '../../src/model/order.js';
import { ORDER_EVENT_KINDS, type OrderEventKind } from '../../src/model/order-events.js';
import { ORDER_STATUSES, type OrderStatus } from '../../src/model/order-state.js';
import { applySteps, driveTo, fillEvent, newOrder, orderEvent, snapshot } from '../support/order-builders.js';

type Expected = OrderStatus | 'forbidden';
const F = 'forbidden';

/**
 * Expected next status for a STOP order (the only kind that can trigger), reached by PATH_TO
 * (pending-* from accepted, partially-filled = 3 of 10). The `filled` column is a fill of 1 unit
 * (a partial fill); `updated` raises the quantity. Terminal statuses accept nothing.
 */
// biome-ignore format: a literal table reads best one status per block
const SPEC: Readonly<Record<OrderStatus, Readonly<Record<OrderEventKind, Expected>>>> = {
  initialized: {
    denied: 'denied', submitted: 'submitted', accepted: F, rejected: F, canceled: 'canceled', expired: F,
    triggered: F, 'pending-update': F, 'pending-cancel': F, updated: F, 'modify-rejected': F,
    'cancel-rejected': F, filled: F,
  },
  submitted: {
    denied: F, submitted: F, accepted: 'accepted', rejected: 'rejected', canceled: 'canceled', expired: F,
    triggered: F, 'pending-update': 'pending-update', 'pending-cancel': 'pending-cancel', updated: F,
    'modify-rejected': F, 'cancel-rejected': F, filled: 'partially-filled',
  },
  accepted: {
    denied: F, submitted: F, accepted: F, rejected: F, canceled: 'canceled', expired: 'expired',
    triggered: 'triggered', 'pending-update': 'pending-update', 'pending-cancel': 'pending-cancel',
    updated: 'accepted', 'modify-rejected': F, 'cancel-rejected': F, filled: 'partially-filled',
  },
  triggered: {
    denied: F, submitted: F, accepted: F, rejected: F, canceled: 'canceled', expired: 'expired', triggered: F,
    'pending-update': 'pending-update', 'pending-cancel': 'pending-cancel', updated: 'triggered',
    'modify-rejected': F, 'cancel-rejected': F, filled: 'partially-filled',
  },
  'pending-update': {
    denied: F, submitted: F, accepted: 'accepted', rejected: F, canceled: 'canceled', expired: 'expired',
    triggered: 'triggered', 'pending-update': F, 'pending-cancel': 'pending-cancel', updated: 'accepted',
    'modify-rejected': 'accepted', 'cancel-rejected': F, filled: 'partially-filled',
  },
  'pending-cancel': {
    denied: F, submitted: F, accepted: F, rejected: F, canceled: 'canceled', expired: 'expired', triggered: F,
    'pending-update': F, 'pending-cancel': F, updated: F, 'modify-rejected': F,
    'cancel-rejected': 'accepted', filled: 'partially-filled',
  },
  'partially-filled': {
    denied: F, submitted: F, accepted: F, rejected: F, canceled: 'canceled', expired: 'expired', triggered: F,
    'pending-update': 'pending-update', 'pending-cancel': 'pending-cancel', updated: 'partially-filled',
    'modify-rejected': F, 'cancel-rejected': F, filled: 'partially-filled',
  },
  denied: allForbidden(),
  rejected: allForbidden(),
  canceled: allForbidden(),
  expired: allForbidden(),
  filled: allForbidden(),
};

function allForbidden(): Record<OrderEventKind, Expected> {
  return Object.fromEntries(ORDER_EVENT_KINDS.map((kind) => [kind, F])) as Record<OrderEventKind, Expected>;
}

/** Types that wait for a trigger: stops, if-touched orders and trailing stops can be `triggered`. */
const isStop = (type: OrderType): boolean => TRIGGERED_TYPES.has(type);

/** The spec for one order type: market and limit orders never trigger. */
function expectedFor(type: OrderType, status: OrderStatus, kind: OrderEventKind): Expected {
  if (kind === 'triggered' && !isStop(type)) return F;
  return SPEC[status][kind];
}

/** Asserts `kind` is refused in the order's state: typed error naming order, state and event; order unchanged. */
function assertRefused(order: Order, kind: OrderEventKind, event = orderEvent(order, kind)): void {
  const before = snapshot(order);
  const status = order.status;
  assert.equal(order.canApply(event), false, `canApply(${kind}) in ${status}`);
  assert.throws(
    () => order.apply(event),
    (error: unknown) => {
      assert.ok(
        error instanceof InvalidStateTransition,
        `expected InvalidStateTransition, got ${String(error)}`,
      );
      assert.equal(error.code, 'INVALID_STATE_TRANSITION');
      assert.ok(error.message.includes(order.clientOrderId), error.message);
      assert.ok(error.message.includes(`state ${status}`), error.message);
      assert.ok(error.message.includes(`event ${kind}`), error.message);
      return true;
    },
  );
  assert.deepEqual(snapshot(order), before, 'a refused event must leave the order unchanged');
}

describe('order state machine: every status × event kind, per order type', () => {
  test('the spec covers all 12 statuses and 13 event kinds', () => {
    assert.equal(ORDER_STATUSES.length, 12);
    assert.equal(ORDER_EVENT_KINDS.length, 13);
    assert.deepEqual(Object.keys(SPEC).sort(), [...ORDER_STATUSES].sort());
    for (const row of Object.values(SPEC))
      assert.deepEqual(Object.keys(row).sort(), [...ORDER_EVENT_KINDS].sort());
  });

  for (const type of ORDER_TYPES) {
    describe(type, () => {
      for (const status of ORDER_STATUSES) {
        if (status === 'triggered' && !isStop(type)) continue;
        for (const kind of ORDER_EVENT_KINDS) {
          const expected = expectedFor(type, status, kind);
          test(`${status} + ${kind} → ${expected}`, () => {
            const order = driveTo(newOrder(type), status);
            const event = orderEvent(order, kind);
            if (expected === F) {
              assertRefused(order, kind, event);
              return;
            }
            assert.equal(order.canApply(event), true);
            order.apply(event);
            assert.equal(order.status, expected);
            assert.equal(order.events.at(-1), event);
            assert.equal(order.tsLast, event.tsEvent);
          });
        }
      }
    });
  }
});

describe('triggering', () => {
  for (const type of ['market', 'limit'] as const) {
    test(`a ${type} order can never be triggered`, () => {
      for (const status of ['accepted', 'pending-update', 'partially-filled'] as const) {
        const order = driveTo(newOrder(type), status);
        assertRefused(order, 'triggered');
        assert.equal(order.isTriggered, false);
      }
    });
  }

  test('a stop-limit order is marked triggered and keeps working as a limit order', () => {
    const order = driveTo(newOrder('stop-limit'), 'triggered');
    assert.equal(order.isTriggered, true);
    assert.equal(order.isWorking, true);
    order.apply(fillEvent(order, 4, 100.25));
    assert.equal(order.status, 'partially-filled');
    assert.equal(order.isTriggered, true);
  });
});

describe('fills', () => {
  for (const status of [
    'submitted',
    'accepted',
    'triggered',
    'pending-update',
    'pending-cancel',
    'partially-filled',
  ] as const) {
    test(`${status}: a fill of the leaves quantity fills the order, one more unit is an overfill`, () => {
      const overfilled = driveTo(newOrder('stop-limit'), status);
      assertRefused(overfilled, 'filled', fillEvent(overfilled, overfilled.leavesQuantity + 1, 100));

      const order = driveTo(newOrder('stop-limit'), status);
      order.apply(fillEvent(order, order.leavesQuantity, 100));
      assert.equal(order.status, 'filled');
      assert.equal(order.filledQuantity, 10);
      assert.equal(order.leavesQuantity, 0);
      assert.equal(order.isTerminal, true);
    });
  }

  test('partial fills stay partially-filled until the last unit', () => {
    const order = driveTo(newOrder('limit'), 'accepted');
    for (const [quantity, leaves] of [
      [3, 7],
      [6, 1],
    ] as const) {
      order.apply(fillEvent(order, quantity, 100));
      assert.equal(order.status, 'partially-filled');
      assert.equal(order.leavesQuantity, leaves);
    }
    order.apply(fillEvent(order, 1, 100));
    assert.equal(order.status, 'filled');
  });

  test('fractional fills that sum to the quantity in float noise still fill the order', () => {
    const order = driveTo(newOrder('limit', { quantity: 0.3 }), 'accepted');
    order.apply(fillEvent(order, 0.1, 100));
    order.apply(fillEvent(order, 0.2, 100));
    assert.equal(order.status, 'filled');
    assert.equal(order.filledQuantity, 0.3);
  });

  test('a fill of zero or negative quantity is refused', () => {
    const order = driveTo(newOrder('limit'), 'accepted');
    assertRefused(order, 'filled', fillEvent(order, 0, 100));
    assertRefused(order, 'filled', fillEvent(order, -1, 100));
  });

  test('a filled order refuses a further fill', () => {
    const order = driveTo(newOrder('market'), 'filled');
    assertRefused(order, 'filled', fillEvent(order, 1, 100));
  });
});

describe('pending requests resolve to the status they were sent from', () => {
  test('pending-cancel then cancel-rejected returns a partially filled order to partially-filled', () => {
    const order = applySteps(newOrder('limit'), [
      'submitted',
      'accepted',
      { fill: 3 },
      'pending-cancel',
      'cancel-rejected',
    ]);
    assert.equal(order.status, 'partially-filled');
    assert.equal(order.filledQuantity, 3);
  });

  test('pending-update then modify-rejected or updated returns a partially filled order to partially-filled', () => {
    const rejected = applySteps(newOrder('limit'), [
      'submitted',
      'accepted',
      { fill: 3 },
      'pending-update',
      'modify-rejected',
    ]);
    assert.equal(rejected.status, 'partially-filled');
    const updated = applySteps(newOrder('limit'), ['submitted', 'accepted', { fill: 3 }, 'pending-update']);
    updated.apply(orderEvent(updated, 'updated', { quantity: 20 }));
    assert.equal(updated.status, 'partially-filled');
    assert.equal(updated.leavesQuantity, 17);
  });

  test('a triggered stop order returns to triggered after a modify or cancel request is refused', () => {
    const modified = applySteps(newOrder('stop-market'), [
      'submitted',
      'accepted',
      'triggered',
      'pending-update',
    ]);
    modified.apply(orderEvent(modified, 'modify-rejected'));
    assert.equal(modified.status, 'triggered');
    const canceled = applySteps(newOrder('stop-market'), [
      'submitted',
      'accepted',
      'triggered',
      'pending-cancel',
    ]);
    canceled.apply(orderEvent(canceled, 'cancel-rejected'));
    assert.equal(canceled.status, 'triggered');
  });

  test('pending-update then pending-cancel then cancel-rejected returns to the status before the update', () => {
    const order = applySteps(newOrder('limit'), [
      'submitted',
      'accepted',
      { fill: 2 },
      'pending-update',
      'pending-cancel',
    ]);
    order.apply(orderEvent(order, 'cancel-rejected'));
    assert.equal(order.status, 'partially-filled');
  });

  test('a venue "accepted" while a partially filled order awaits a modify keeps it partially-filled', () => {
    // An order with fills must never read `accepted` (= working, nothing filled).
    const order = applySteps(newOrder('limit'), ['submitted', 'accepted', { fill: 3 }, 'pending-update']);
    order.apply(orderEvent(order, 'accepted'));
    assert.equal(order.filledQuantity, 3);
    assert.equal(order.status, 'partially-filled');
  });
});

describe('requests sent before the venue acknowledged the order', () => {
  test('submitted → pending-cancel → cancel-rejected returns to submitted, and the late ack is accepted', () => {
    const order = applySteps(newOrder('limit'), ['submitted', 'pending-cancel', 'cancel-rejected']);
    assert.equal(order.status, 'submitted');
    order.apply(orderEvent(order, 'accepted'));
    assert.equal(order.status, 'accepted');
  });

  test('submitted → pending-update → modify-rejected returns to submitted, and the late ack is accepted', () => {
    const order = applySteps(newOrder('limit'), ['submitted', 'pending-update', 'modify-rejected']);
    assert.equal(order.status, 'submitted');
    order.apply(orderEvent(order, 'accepted'));
    assert.equal(order.status, 'accepted');
  });

  test('submitted → pending-update → the venue acknowledges, then answers the modify either way', () => {
    const rejected = applySteps(newOrder('limit'), ['submitted', 'pending-update', 'accepted']);
    rejected.apply(orderEvent(rejected, 'modify-rejected'));
    assert.equal(rejected.status, 'accepted');
    const updated = applySteps(newOrder('limit'), ['submitted', 'pending-update', 'accepted']);
    updated.apply(orderEvent(updated, 'updated', { quantity: 4 }));
    assert.deepEqual([updated.status, updated.quantity], ['accepted', 4]);
  });

  test('submitted → pending-cancel → the venue acknowledges, then cancels: the order ends canceled', () => {
    const order = applySteps(newOrder('limit'), ['submitted', 'pending-cancel']);
    order.apply(orderEvent(order, 'accepted'));
    assert.equal(order.venueOrderId, `V-${order.clientOrderId}`);
    order.apply(orderEvent(order, 'canceled'));
    assert.equal(order.status, 'canceled');
  });

  test('submitted → pending-update/pending-cancel → the venue rejects the order itself: rejected', () => {
    for (const pending of ['pending-update', 'pending-cancel'] as const) {
      const order = applySteps(newOrder('limit'), ['submitted', pending]);
      order.apply(orderEvent(order, 'rejected'));
      assert.equal(order.status, 'rejected');
    }
  });
});
