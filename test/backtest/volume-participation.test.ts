import assert from 'node:assert/strict';
import { test } from 'node:test';
import { futureContract } from '../../src/model/instruments.js';
import { feedBar, type Harness, makeHarness, makeOrder, submit } from '../support/kernel-harness.js';

const ES = futureContract('ES', 2025, 12);

// The harness feeds bars of volume 100: a 2 % participation cap allows 2 contracts per bar.
function setup(): Harness {
  const h = makeHarness({
    instruments: [ES],
    accountType: 'margin',
    startingCash: 10_000_000,
    volumeParticipation: 0.02,
  });
  feedBar(h, ES, [4000, 4000, 4000, 4000]);
  return h;
}

test('a market order larger than the bar allows fills over several bars at each open', () => {
  const h = setup();
  const order = submit(h, makeOrder(ES, 'buy', 5));
  feedBar(h, ES, [4001, 4002, 4000, 4001]);
  assert.deepEqual([order.status, order.filledQuantity], ['partially-filled', 2]);
  feedBar(h, ES, [4003, 4004, 4002, 4003]);
  feedBar(h, ES, [4005, 4006, 4004, 4005]);
  assert.deepEqual([order.status, order.filledQuantity], ['filled', 5]);
  // 2 @ 4001, 2 @ 4003, 1 @ 4005
  assert.equal(order.averagePrice, (2 * 4001 + 2 * 4003 + 4005) / 5);
});

test('orders share the capacity of a bar; IOC cancels its rest, FOK does not fill in part', () => {
  const h = setup();
  const first = submit(h, makeOrder(ES, 'buy', 1));
  const ioc = submit(h, makeOrder(ES, 'buy', 3, { timeInForce: 'IOC' }));
  const fok = submit(h, makeOrder(ES, 'buy', 3, { timeInForce: 'FOK' }));
  feedBar(h, ES, [4001, 4002, 4000, 4001]);
  assert.deepEqual([first.status, first.filledQuantity], ['filled', 1]);
  assert.deepEqual([ioc.status, ioc.filledQuantity], ['canceled', 1]); // 1 left of the bar's 2
  assert.deepEqual([fok.status, fok.filledQuantity], ['canceled', 0]);
});
