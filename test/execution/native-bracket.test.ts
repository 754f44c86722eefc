/**
 * Native brackets: a venue client with `submitBracket` gets the entry and its exits together, and
 * the kernel's ContingencyManager stops emulating that group (the venue triggers and cancels).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ExecutionClient } from '../../src/execution/engine.js';
import { futureContract } from '../../src/model/instruments.js';
import type { Order } from '../../src/model/order.js';
import { eventIds } from '../../src/model/order-events.js';
import { type Harness, makeHarness, makeOrder, submit } from '../support/kernel-harness.js';
import { fillEvent } from '../support/order-builders.js';

const ES = futureContract('ES', 2025, 12);

class BracketVenue implements ExecutionClient {
  readonly venue = 'CME';
  readonly calls: string[] = [];
  constructor(native: boolean) {
    if (!native) (this as { submitBracket?: unknown }).submitBracket = undefined;
  }
  submitOrder(order: Order): void {
    this.calls.push(`submit ${order.clientOrderId}`);
  }
  cancelOrder(order: Order): void {
    this.calls.push(`cancel ${order.clientOrderId}`);
  }
  modifyOrder(order: Order): void {
    this.calls.push(`modify ${order.clientOrderId}`);
  }
  submitBracket(parent: Order, children: readonly Order[]): void {
    this.calls.push(`bracket ${parent.clientOrderId} ${children.map((c) => c.clientOrderId).join(' ')}`);
  }
}

function setup(native: boolean): { h: Harness; venue: BracketVenue } {
  const h = makeHarness({
    instruments: [ES],
    accountType: 'margin',
    startingCash: 1_000_000,
    withExchange: false,
  });
  const venue = new BracketVenue(native);
  h.kernel.execution.registerClient(venue);
  h.kernel.execution.brackets = h.kernel.contingencies;
  return { h, venue };
}

function bracket(h: Harness, entry: Order, exits = 2) {
  const takeProfit = makeOrder(ES, 'sell', entry.quantity, { price: 4010, reduceOnly: true });
  const stopLoss = makeOrder(ES, 'sell', entry.quantity, { triggerPrice: 3990, reduceOnly: true });
  const children = exits === 2 ? [takeProfit, stopLoss] : [takeProfit];
  h.kernel.contingencies.oto(entry, children);
  if (exits === 2) h.kernel.contingencies.oco(children);
  submit(h, entry);
  return { takeProfit, stopLoss };
}

const accept = (h: Harness, order: Order): void => {
  h.kernel.execution.process({
    kind: 'accepted',
    ...eventIds(order),
    venueOrderId: `V-${order.clientOrderId}`,
    tsEvent: 1,
    tsInit: 1,
  });
};

describe('native brackets', () => {
  test('the entry and both exits are sent together, each submitted once', () => {
    const { h, venue } = setup(true);
    const entry = makeOrder(ES, 'buy', 2, { price: 4000 });
    const { takeProfit, stopLoss } = bracket(h, entry);
    assert.deepEqual(venue.calls, [
      `bracket ${entry.clientOrderId} ${takeProfit.clientOrderId} ${stopLoss.clientOrderId}`,
    ]);
    for (const o of [entry, takeProfit, stopLoss]) {
      assert.equal(o.status, 'submitted');
      assert.equal(
        h.events.filter((e) => e.clientOrderId === o.clientOrderId && e.kind === 'submitted').length,
        1,
      );
    }
  });

  test('the kernel neither submits the exits on the fill nor cancels the other exit: the venue does', () => {
    const { h, venue } = setup(true);
    const entry = makeOrder(ES, 'buy', 2, { price: 4000 });
    const { takeProfit, stopLoss } = bracket(h, entry);
    for (const o of [entry, takeProfit, stopLoss]) accept(h, o);
    h.kernel.execution.process(fillEvent(entry, 1, 4000));
    h.kernel.execution.process(fillEvent(entry, 1, 4000));
    h.kernel.execution.process(fillEvent(takeProfit, 2, 4010));
    assert.equal(venue.calls.length, 1, venue.calls.join('; '));
    assert.equal(stopLoss.status, 'accepted');
    h.kernel.execution.process({
      kind: 'canceled',
      ...eventIds(stopLoss),
      reason: 'OCA group cancel',
      tsEvent: 2,
      tsInit: 2,
    });
    assert.deepEqual([entry.status, takeProfit.status, stopLoss.status], ['filled', 'filled', 'canceled']);
    assert.equal(h.kernel.portfolio.netPosition(ES.id), 0);
  });

  test('a venue without submitBracket keeps the emulated path: only the entry is sent first', () => {
    const { h, venue } = setup(false);
    const entry = makeOrder(ES, 'buy', 1, { price: 4000 });
    const { takeProfit, stopLoss } = bracket(h, entry);
    assert.deepEqual(venue.calls, [`submit ${entry.clientOrderId}`]);
    accept(h, entry);
    h.kernel.execution.process(fillEvent(entry, 1, 4000));
    assert.deepEqual(venue.calls.slice(1), [
      `submit ${takeProfit.clientOrderId}`,
      `submit ${stopLoss.clientOrderId}`,
    ]);
  });

  test('an OTO whose children are not one OCO group is emulated even on a bracket venue', () => {
    const { h, venue } = setup(true);
    const entry = makeOrder(ES, 'buy', 1, { price: 4000 });
    bracket(h, entry, 1);
    assert.deepEqual(venue.calls, [`submit ${entry.clientOrderId}`]);
  });
});
