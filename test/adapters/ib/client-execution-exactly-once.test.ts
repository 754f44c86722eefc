/**
 * Property: whatever IB repeats and however the repeats interleave, the kernel events of an order
 * are the same, once each (OrderTracker, the mapping behind IbExecution).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { OrderTracker } from '../../../src/adapters/ib/client/order-tracker.js';
import { Grid } from '../../../src/model/grid.js';
import { Order } from '../../../src/model/order.js';
import { eventIds, type OrderEvent } from '../../../src/model/order-events.js';
import type { Correction } from '../../../src/portfolio/reconciliation-types.js';

type Msg =
  | { readonly kind: 'open'; readonly status: string }
  | { readonly kind: 'status'; readonly status: string }
  | { readonly kind: 'exec'; readonly n: number }
  | { readonly kind: 'commission'; readonly n: number }
  | { readonly kind: 'error'; readonly code: number };

const refs = { orderId: 10, clientId: 1, permId: 1_000_001, orderRef: 'C-1' };

function run(messages: readonly Msg[], fills: number, ending: 'filled' | 'canceled'): OrderEvent[] {
  const items: Correction[] = [];
  const tracker = new OrderTracker({ now: () => 1, emit: (i) => items.push(i) });
  const quantity = ending === 'filled' ? fills : fills + 1;
  tracker.track({
    clientOrderId: 'C-1',
    strategyId: 'S',
    instrumentId: 'ESZ3.CME',
    side: 'buy',
    accountId: 'DU1',
    clientId: 1,
    orderId: 10,
    acked: false,
    quantity,
    priceGrid: new Grid(0.25),
  });
  const order = new Order({
    clientOrderId: 'C-1',
    strategyId: 'S',
    instrumentId: 'ESZ3.CME',
    side: 'buy',
    type: 'market',
    quantity,
    timeInForce: 'GTC',
    tsInit: 0,
  });
  order.apply({ kind: 'submitted', ...eventIds(order), tsEvent: 0, tsInit: 0 });
  for (const m of messages) {
    if (m.kind === 'open') tracker.openOrder({ ...refs, status: m.status, quantity });
    else if (m.kind === 'status') tracker.orderStatus({ ...refs, status: m.status });
    else if (m.kind === 'exec')
      tracker.execution({
        ...refs,
        execId: `E${m.n}`,
        side: 'buy',
        shares: 1,
        price: 1650 + m.n / 4 + 1e-9,
        time: 5 + m.n,
        liquidity: 'taker',
      });
    else if (m.kind === 'commission') tracker.commission(`E${m.n}`, 2.15);
    else tracker.error(1, { orderId: 10, code: m.code, message: 'Order Canceled - reason:' });
  }
  const events = items.flatMap((i) => (i.kind === 'event' ? [i.event] : []));
  for (const e of events) order.apply(e); // every event is a valid transition, in order
  return events;
}

/** IB's order of messages for an order with `fills` fills that ends `ending`. */
function canonical(fills: number, ending: 'filled' | 'canceled'): Msg[] {
  const out: Msg[] = [
    { kind: 'open', status: 'Submitted' },
    { kind: 'status', status: 'Submitted' },
  ];
  for (let n = 0; n < fills; n++)
    out.push({ kind: 'exec', n }, { kind: 'status', status: 'Submitted' }, { kind: 'commission', n });
  if (ending === 'filled') out.push({ kind: 'open', status: 'Filled' }, { kind: 'status', status: 'Filled' });
  else out.push({ kind: 'status', status: 'Cancelled' }, { kind: 'error', code: 202 });
  return out;
}

describe('exactly-once mapping of IB order messages (property)', () => {
  it('random repeats and reorderings give the same kernel events, once each', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4 }),
        fc.constantFrom('filled' as const, 'canceled' as const),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 30 }),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 10 }),
        (fillCount, ending, repeats, swaps) => {
          const fills = ending === 'filled' ? Math.max(1, fillCount) : fillCount;
          const base = canonical(fills, ending);
          const expected = run(base, fills, ending);
          // Swap executions and commission reports among themselves (IB may interleave them).
          const delivered = [...base];
          const movable = delivered.flatMap((m, i) =>
            m.kind === 'exec' || m.kind === 'commission' ? [i] : [],
          );
          for (const [a, b] of swaps)
            if (movable.length > 1) {
              const i = movable[a % movable.length];
              const j = movable[b % movable.length];
              [delivered[i], delivered[j]] = [delivered[j], delivered[i]];
            }
          // Repeat any message later (reqOpenOrders, reqExecutions, reconnects re-send them).
          for (const [from, at] of repeats) {
            const i = from % delivered.length;
            const j = i + 1 + (at % (delivered.length - i));
            delivered.splice(j, 0, delivered[i]);
          }
          const actual = run(delivered, fills, ending);
          assert.deepEqual(
            actual.map((e) => [e.kind, e.kind === 'filled' ? e.tradeId : '']).sort(),
            expected.map((e) => [e.kind, e.kind === 'filled' ? e.tradeId : '']).sort(),
          );
          assert.equal(actual.filter((e) => e.kind === 'accepted').length, 1);
          assert.equal(actual.at(-1)!.kind, ending === 'filled' ? 'filled' : 'canceled');
          for (const e of actual) if (e.kind === 'filled') assert.equal(e.commission, 2.15);
          for (const e of actual) if (e.kind === 'filled') assert.equal(e.lastPrice % 0.25, 0);
        },
      ),
      { numRuns: 300 },
    );
  });
});
