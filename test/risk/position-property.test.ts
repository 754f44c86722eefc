/**
 * Property: whatever sequence of orders a strategy sends (market and limit, both sides, random
 * sizes, fills in between, cancels), no accepted order ever takes a position above the limit.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { equity } from '../../src/model/instruments.js';
import type { Order } from '../../src/model/order.js';
import { feedBar, makeHarness, makeOrder, submit } from '../support/kernel-harness.js';

const AAPL = equity({ symbol: 'AAPL', venue: 'SIM' });
const MAX = 50;

const step = fc.oneof(
  fc.record({
    kind: fc.constant('order' as const),
    side: fc.constantFrom('buy' as const, 'sell' as const),
    quantity: fc.integer({ min: 1, max: 80 }),
    limitOffset: fc.option(fc.integer({ min: -3, max: 3 }), { nil: undefined }),
    reduceOnly: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('bar' as const), move: fc.integer({ min: -3, max: 3 }) }),
  fc.record({ kind: fc.constant('cancel' as const), index: fc.nat() }),
);

test('no accepted order leaves a position above maxPositionQuantity', () => {
  fc.assert(
    fc.property(fc.array(step, { minLength: 1, maxLength: 60 }), (steps) => {
      const h = makeHarness({
        instruments: [AAPL],
        accountType: 'margin',
        startingCash: 10_000_000,
        risk: { maxPositionQuantity: MAX },
      });
      let price = 100;
      feedBar(h, AAPL, [price, price, price, price]);
      const orders: Order[] = [];
      for (const s of steps) {
        if (s.kind === 'order') {
          const limit = s.limitOffset === undefined ? {} : { price: price + s.limitOffset };
          orders.push(submit(h, makeOrder(AAPL, s.side, s.quantity, { ...limit, reduceOnly: s.reduceOnly })));
        } else if (s.kind === 'cancel') {
          const open = orders.filter((o) => o.isOpen);
          if (open.length > 0) h.kernel.risk.cancel(open[s.index % open.length]);
        } else {
          price = Math.max(10, price + s.move);
          feedBar(h, AAPL, [price, price + 3, price - 3, price]);
        }
        assert.ok(Math.abs(h.kernel.portfolio.netPosition(AAPL.id)) <= MAX);
      }
      // Whatever is still working, were it all to fill, stays within the limit too.
      feedBar(h, AAPL, [price, price + 100, Math.max(1, price - 100), price]);
      feedBar(h, AAPL, [price, price + 100, Math.max(1, price - 100), price]);
      assert.ok(Math.abs(h.kernel.portfolio.netPosition(AAPL.id)) <= MAX);
    }),
    { numRuns: 200 },
  );
});
