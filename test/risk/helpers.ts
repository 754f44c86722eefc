/** Shared assertions of the risk tests: denied (code and reason text) or accepted at the venue. */
import assert from 'node:assert/strict';
import type { Instrument } from '../../src/model/instruments.js';
import type { Order } from '../../src/model/order.js';
import type { OrderDenied } from '../../src/model/order-events.js';
import type { DenialCode } from '../../src/risk/engine.js';
import { feedBar, type Harness } from '../support/kernel-harness.js';

export function assertDenied(h: Harness, order: Order, code: DenialCode, reason: RegExp): void {
  assert.equal(order.status, 'denied', `${order.clientOrderId} should be denied with ${code}`);
  const events = h.events.filter((e) => e.clientOrderId === order.clientOrderId);
  assert.deepEqual(
    events.map((e) => e.kind),
    ['denied'],
  );
  const denied = events[0] as OrderDenied;
  assert.equal(denied.reasonCode, code);
  assert.match(denied.reason, reason);
  assert.equal(h.exchange?.saw(order) ?? false, false, 'a denied order must never reach the venue');
}

export function assertAccepted(h: Harness, order: Order): void {
  assert.equal(order.status, 'accepted', `${order.clientOrderId} should pass risk`);
  assert.equal(h.exchange?.saw(order), true);
}

/** A flat bar at `price` one minute later (sets the last price, fills working market orders). */
export const at = (h: Harness, instrument: Instrument, price: number, ts?: number): void => {
  feedBar(h, instrument, [price, price, price, price], ts === undefined ? {} : { ts });
};
