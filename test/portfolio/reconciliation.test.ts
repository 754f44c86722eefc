import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { OrderSide } from '../../src/model/enums.js';
import { Order } from '../../src/model/order.js';
import {
  applyCorrections,
  type BrokerReport,
  correctionsReproduceBroker,
  type InternalSnapshot,
  nettedPosition,
  type ReconFill,
  type ReconOrder,
  type ReconPosition,
  reconcile,
  snapshotDifferences,
} from '../../src/portfolio/reconciliation.js';

const ACCOUNT = 'DU1234567';
const ES = 'ESZ5.CME';
const NQ = 'NQZ5.CME';
const T0 = 1_760_000_000_000_000;
const NOW = T0 + 3_600_000_000;

function esOrder(overrides: Partial<ReconOrder> = {}): ReconOrder {
  return {
    accountId: ACCOUNT,
    clientOrderId: 'O-1',
    venueOrderId: '101',
    externalId: '900001',
    strategyId: 'ES-BREAKOUT',
    instrumentId: ES,
    side: 'buy',
    type: 'limit',
    timeInForce: 'GTC',
    quantity: 2,
    filledQuantity: 0,
    status: 'accepted',
    price: 5000.25,
    ...overrides,
  };
}

function exec(overrides: Partial<ReconFill> & { execId: string }): ReconFill {
  return {
    accountId: ACCOUNT,
    instrumentId: ES,
    clientOrderId: 'O-1',
    venueOrderId: '101',
    externalId: '900001',
    side: 'buy',
    quantity: 1,
    price: 5000.25,
    commission: 2.25,
    tsEvent: T0 + 1_000_000,
    ...overrides,
  };
}

const pos = (instrumentId: string, quantity: number, averagePrice: number): ReconPosition => ({
  accountId: ACCOUNT,
  instrumentId,
  quantity,
  averagePrice,
});

function report(parts: Partial<BrokerReport>): BrokerReport {
  return { ts: NOW, orders: [], executions: [], positions: [], executionsSince: T0, ...parts };
}

/** Reconcile, check the oracle, reconcile the corrected snapshot again: no discrepancies left. */
function reconcileAndCheck(internal: InternalSnapshot, broker: BrokerReport) {
  const rep = reconcile(internal, broker);
  const corrected = applyCorrections(internal, rep.corrections);
  if (rep.canTrade) {
    assert.deepEqual(snapshotDifferences(corrected, broker, { averagePrice: true }), []);
    const again = reconcile(corrected, broker);
    assert.deepEqual(again.discrepancies, []);
    assert.deepEqual(again.corrections, []);
    assert.equal(again.canTrade, true);
  }
  return { rep, corrected };
}

describe('reconciliation: examples', () => {
  test('everything matches: no discrepancies, no corrections, can trade', () => {
    const internal: InternalSnapshot = { orders: [esOrder()], fills: [], positions: [pos(ES, 1, 4990)] };
    const rep = reconcile(
      internal,
      report({ orders: [esOrder({ clientOrderId: undefined })], positions: [pos(ES, 1, 4990)] }),
    );
    assert.equal(rep.canTrade, true);
    assert.deepEqual(rep.discrepancies, []);
    assert.deepEqual(rep.corrections, []);
    assert.deepEqual(
      rep.matches.map((m) => [m.kind, m.clientOrderId ?? m.instrumentId]),
      [
        ['order', 'O-1'],
        ['position', ES],
      ],
    );
  });

  test('order missing at broker: a working ES order the broker does not know is canceled', () => {
    const internal: InternalSnapshot = {
      orders: [esOrder({ side: 'sell', price: 5100 })],
      fills: [],
      positions: [],
    };
    const { rep, corrected } = reconcileAndCheck(internal, report({}));
    assert.equal(rep.canTrade, true);
    assert.deepEqual(
      rep.discrepancies.map((d) => [d.kind, d.clientOrderId, d.explained]),
      [['order-missing-at-broker', 'O-1', true]],
    );
    assert.equal(rep.corrections.length, 1);
    const c = rep.corrections[0];
    assert.ok(c.kind === 'event' && c.event.kind === 'canceled');
    assert.match(c.event.reason, /reconciliation: accepted internally, unknown to the broker/);
    assert.equal(c.event.tsEvent, NOW);
    assert.equal(corrected.orders[0].status, 'canceled');
  });

  test('order missing at broker: a GTD order past its expiry is expired', () => {
    const internal: InternalSnapshot = {
      orders: [esOrder({ timeInForce: 'GTD', expireTime: T0 })],
      fills: [],
      positions: [],
    };
    const { rep } = reconcileAndCheck(internal, report({}));
    const c = rep.corrections[0];
    assert.ok(c.kind === 'event' && c.event.kind === 'expired');
  });

  test('a manual TWS order is adopted as external, matched by permId on the next reconcile', () => {
    const manual: ReconOrder = {
      accountId: ACCOUNT,
      venueOrderId: '0',
      externalId: '1777001',
      instrumentId: ES,
      side: 'sell',
      type: 'limit',
      timeInForce: 'DAY',
      quantity: 1,
      filledQuantity: 0,
      status: 'accepted',
      price: 5150.5,
    };
    const internal: InternalSnapshot = { orders: [], fills: [], positions: [pos(ES, 1, 5000)] };
    const { rep, corrected } = reconcileAndCheck(
      internal,
      report({ orders: [manual], positions: [pos(ES, 1, 5000)] }),
    );
    assert.equal(rep.canTrade, true);
    assert.equal(rep.discrepancies[0].kind, 'order-unknown-internally');
    assert.equal(rep.discrepancies[0].externalId, '1777001');
    const [adopt, submitted, accepted] = rep.corrections;
    assert.ok(adopt.kind === 'adopt');
    assert.equal(adopt.init.clientOrderId, 'EXT-1777001');
    assert.equal(adopt.init.strategyId, 'EXTERNAL');
    assert.deepEqual(adopt.init.tags, ['external']);
    assert.equal(adopt.externalId, '1777001');
    assert.ok(submitted.kind === 'event' && submitted.event.kind === 'submitted');
    assert.ok(accepted.kind === 'event' && accepted.event.kind === 'accepted');
    assert.equal(accepted.event.venueOrderId, '0');
    // The kernel's own Order accepts the init and the events.
    const order = new Order(adopt.init);
    for (const c of rep.corrections.slice(1)) if (c.kind === 'event') order.apply(c.event);
    assert.equal(order.status, 'accepted');
    assert.equal(order.venueOrderId, '0');
    assert.equal(corrected.orders[0].externalId, '1777001');
  });

  test('fills during a disconnect: both executions booked once each (keyed by exec id), order filled', () => {
    const internal: InternalSnapshot = { orders: [esOrder()], fills: [], positions: [] };
    const e1 = exec({ execId: '0000e0d5.65b1a2c3.01.01', price: 5000.25, tsEvent: T0 + 1_000_000 });
    const e2 = exec({ execId: '0000e0d5.65b1a2c4.01.01', price: 5000, tsEvent: T0 + 2_000_000 });
    const broker = report({
      orders: [
        esOrder({ status: 'filled', filledQuantity: 2, averagePrice: 5000.125, clientOrderId: undefined }),
      ],
      executions: [e2, e1, e1], // out of order and repeated
      positions: [pos(ES, 2, 5000.125)],
    });
    const { rep, corrected } = reconcileAndCheck(internal, broker);
    assert.equal(rep.canTrade, true);
    const fills = rep.corrections.flatMap((c) =>
      c.kind === 'event' && c.event.kind === 'filled' ? [c.event] : [],
    );
    assert.deepEqual(
      fills.map((f) => [f.tradeId, f.lastQuantity, f.lastPrice, f.commission]),
      [
        [e1.execId, 1, 5000.25, 2.25],
        [e2.execId, 1, 5000, 2.25],
      ],
    );
    assert.deepEqual(
      rep.discrepancies.map((d) => d.kind),
      ['fill-missing-internally', 'fill-missing-internally'],
    );
    assert.equal(corrected.orders[0].status, 'filled');
    assert.equal(corrected.orders[0].averagePrice, 5000.125);
    // The kernel's Order follows the same events.
    const order = new Order({
      clientOrderId: 'O-1',
      strategyId: 'ES-BREAKOUT',
      instrumentId: ES,
      side: 'buy',
      type: 'limit',
      price: 5000.25,
      quantity: 2,
      timeInForce: 'GTC',
      tsInit: T0,
    });
    order.apply({
      kind: 'submitted',
      clientOrderId: 'O-1',
      strategyId: 'ES-BREAKOUT',
      instrumentId: ES,
      tsEvent: T0,
      tsInit: T0,
    });
    order.apply({
      kind: 'accepted',
      venueOrderId: '101',
      clientOrderId: 'O-1',
      strategyId: 'ES-BREAKOUT',
      instrumentId: ES,
      tsEvent: T0,
      tsInit: T0,
    });
    for (const f of fills) order.apply(f);
    assert.equal(order.status, 'filled');
  });

  test('an execution already booked is not booked again', () => {
    const e1 = exec({ execId: 'E1' });
    const internal: InternalSnapshot = {
      orders: [esOrder({ status: 'partially-filled', filledQuantity: 1, averagePrice: 5000.25 })],
      fills: [e1],
      positions: [pos(ES, 1, 5000.25)],
    };
    const broker = report({
      orders: [esOrder({ status: 'partially-filled', filledQuantity: 1, averagePrice: 5000.25 })],
      executions: [e1],
      positions: [pos(ES, 1, 5000.25)],
    });
    const rep = reconcile(internal, broker);
    assert.deepEqual(rep.corrections, []);
    assert.equal(rep.canTrade, true);
  });

  test('status mismatch: broker says filled, we say working, no executions reported → synthesized fill', () => {
    const internal: InternalSnapshot = {
      orders: [esOrder({ status: 'partially-filled', filledQuantity: 1, averagePrice: 5000 })],
      fills: [exec({ execId: 'E1', price: 5000 })],
      positions: [pos(ES, 1, 5000)],
    };
    const broker = report({
      orders: [esOrder({ status: 'filled', filledQuantity: 2, averagePrice: 5000.125 })],
      executionsSince: NOW - 60_000_000, // the second fill is older than the executions asked for
      positions: [pos(ES, 2, 5000.125)],
    });
    const { rep, corrected } = reconcileAndCheck(internal, broker);
    assert.equal(rep.canTrade, true);
    assert.deepEqual(
      rep.discrepancies.map((d) => d.kind),
      ['status-mismatch'],
    );
    const c = rep.corrections[0];
    assert.ok(c.kind === 'event' && c.event.kind === 'filled');
    assert.equal(c.event.tradeId, 'O-1-RECON-2');
    assert.equal(c.event.lastQuantity, 1);
    assert.equal(c.event.lastPrice, 5000.25);
    assert.equal(corrected.orders[0].status, 'filled');
  });

  test('submitted internally, working at the broker → accepted; amended in TWS → updated', () => {
    const internal: InternalSnapshot = {
      orders: [esOrder({ status: 'submitted', venueOrderId: undefined })],
      fills: [],
      positions: [],
    };
    const broker = report({ orders: [esOrder({ quantity: 3, price: 4990 })] });
    const { rep, corrected } = reconcileAndCheck(internal, broker);
    assert.deepEqual(
      rep.corrections.map((c) => (c.kind === 'event' ? c.event.kind : c.kind)),
      ['accepted', 'updated'],
    );
    assert.deepEqual(
      rep.discrepancies.map((d) => d.kind),
      ['status-mismatch', 'order-amended'],
    );
    assert.equal(corrected.orders[0].quantity, 3);
    assert.equal(corrected.orders[0].price, 4990);
  });

  test('a trade done by hand and not in the order list is adopted from its execution', () => {
    const internal: InternalSnapshot = { orders: [], fills: [], positions: [] };
    const handTrade = exec({
      execId: 'H1',
      clientOrderId: undefined,
      venueOrderId: '0',
      externalId: '1777002',
      side: 'sell',
      quantity: 2,
      price: 18_000,
      instrumentId: NQ,
    });
    const broker = report({ executions: [handTrade], positions: [pos(NQ, -2, 18_000)] });
    const { rep, corrected } = reconcileAndCheck(internal, broker);
    assert.equal(rep.canTrade, true);
    assert.equal(corrected.orders[0].clientOrderId, 'EXT-1777002');
    assert.equal(corrected.orders[0].status, 'filled');
    assert.deepEqual(corrected.positions, [pos(NQ, -2, 18_000)]);
  });

  test('a position changed outside Bourse (no execution explains it) → unexplained, canTrade false', () => {
    const internal: InternalSnapshot = { orders: [], fills: [], positions: [pos(ES, 2, 5000)] };
    const broker = report({ positions: [pos(ES, 3, 5010)] });
    const rep = reconcile(internal, broker);
    assert.equal(rep.canTrade, false);
    assert.equal(rep.discrepancies.length, 1);
    const d = rep.discrepancies[0];
    assert.equal(d.kind, 'position-mismatch');
    assert.equal(d.explained, false);
    assert.match(
      rep.reasons[0],
      /position-mismatch DU1234567 ESZ5\.CME: 3 at the broker, 2 internally .*: 1 not explained/,
    );
  });

  test('a position the executions explain is a match, with the explanation', () => {
    const internal: InternalSnapshot = { orders: [esOrder()], fills: [], positions: [pos(ES, 0, 0)] };
    const broker = report({
      orders: [esOrder({ status: 'partially-filled', filledQuantity: 1, averagePrice: 5000.25 })],
      executions: [exec({ execId: 'E9' })],
      positions: [pos(ES, 1, 5000.25)],
    });
    const { rep } = reconcileAndCheck(internal, broker);
    assert.equal(rep.canTrade, true);
    const m = rep.matches.find((x) => x.kind === 'position');
    assert.match(m?.description ?? '', /1 \(was 0; explained by the corrections\)/);
  });

  test('canceled internally but working at the broker → unexplained', () => {
    const internal: InternalSnapshot = {
      orders: [esOrder({ status: 'canceled' })],
      fills: [],
      positions: [],
    };
    const rep = reconcile(internal, report({ orders: [esOrder()] }));
    assert.equal(rep.canTrade, false);
    assert.equal(rep.discrepancies[0].kind, 'status-mismatch');
    assert.match(rep.reasons[0], /canceled internally but accepted at the broker/);
  });

  test('an execution that would overfill the order is unexplained', () => {
    const internal: InternalSnapshot = { orders: [esOrder({ quantity: 1 })], fills: [], positions: [] };
    const broker = report({
      executions: [
        exec({ execId: 'A', quantity: 1 }),
        exec({ execId: 'B', quantity: 1, tsEvent: T0 + 5_000_000 }),
      ],
      positions: [pos(ES, 2, 5000.25)],
    });
    const rep = reconcile(internal, broker);
    assert.equal(rep.canTrade, false);
    assert.ok(rep.discrepancies.some((d) => d.execId === 'B' && !d.explained));
  });

  test('deterministic: the same inputs give the same report', () => {
    const internal: InternalSnapshot = { orders: [esOrder()], fills: [], positions: [] };
    const broker = report({ executions: [exec({ execId: 'X' })], positions: [pos(ES, 1, 5000.25)] });
    assert.deepEqual(reconcile(internal, broker), reconcile(internal, broker));
    assert.ok(correctionsReproduceBroker(internal, broker, reconcile(internal, broker)));
  });
});

// ───────────────────────────── property ─────────────────────────────

const ACCOUNTS = ['A', 'B'];
const INSTRUMENTS = [
  { id: ES, tick: 0.25, center: 5000 },
  { id: 'AAPL.NASDAQ', tick: 0.01, center: 200 },
];

type Happening =
  | { kind: 'fill'; order: number; quantity: number; priceTicks: number; hidden: boolean }
  | { kind: 'cancel'; order: number }
  | { kind: 'amend'; order: number; extra: number; priceTicks: number }
  | {
      kind: 'external';
      account: number;
      instrument: number;
      side: OrderSide;
      quantity: number;
      fills: number;
      cancel: boolean;
    }
  | { kind: 'hand-trade'; account: number; instrument: number; side: OrderSide; quantity: number };

const orderSpec = fc.record({
  account: fc.integer({ min: 0, max: 1 }),
  instrument: fc.integer({ min: 0, max: 1 }),
  side: fc.constantFrom<OrderSide>('buy', 'sell'),
  quantity: fc.integer({ min: 1, max: 10 }),
  filled: fc.integer({ min: 0, max: 9 }),
  priceTicks: fc.integer({ min: -40, max: 40 }),
  submitted: fc.boolean(),
});
type OrderSpec = typeof orderSpec extends fc.Arbitrary<infer T> ? T : never;
const happening: fc.Arbitrary<Happening> = fc.oneof(
  fc.record({
    kind: fc.constant('fill' as const),
    order: fc.nat(),
    quantity: fc.integer({ min: 1, max: 10 }),
    priceTicks: fc.integer({ min: -40, max: 40 }),
    hidden: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('cancel' as const), order: fc.nat() }),
  fc.record({
    kind: fc.constant('amend' as const),
    order: fc.nat(),
    extra: fc.integer({ min: 0, max: 5 }),
    priceTicks: fc.integer({ min: -40, max: 40 }),
  }),
  fc.record({
    kind: fc.constant('external' as const),
    account: fc.integer({ min: 0, max: 1 }),
    instrument: fc.integer({ min: 0, max: 1 }),
    side: fc.constantFrom<OrderSide>('buy', 'sell'),
    quantity: fc.integer({ min: 1, max: 5 }),
    fills: fc.integer({ min: 0, max: 5 }),
    cancel: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('hand-trade' as const),
    account: fc.integer({ min: 0, max: 1 }),
    instrument: fc.integer({ min: 0, max: 1 }),
    side: fc.constantFrom<OrderSide>('buy', 'sell'),
    quantity: fc.integer({ min: 1, max: 5 }),
  }),
);
const basePosition = fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 4, maxLength: 4 });

interface World {
  internal: InternalSnapshot;
  broker: BrokerReport;
  hidden: boolean;
}

/** A random internal state and a broker state derived from it by random things that happened at the broker. */
function buildWorld(
  specs: readonly OrderSpec[],
  bases: readonly number[],
  happenings: readonly Happening[],
  dropCompleted: boolean,
): World {
  let ts = T0;
  const positions = new Map<string, ReconPosition>();
  const keyOf = (a: string, i: string) => `${a}|${i}`;
  const book = (
    map: Map<string, ReconPosition>,
    a: string,
    i: string,
    side: OrderSide,
    q: number,
    p: number,
  ) => {
    const current = map.get(keyOf(a, i)) ?? { accountId: a, instrumentId: i, quantity: 0, averagePrice: 0 };
    map.set(keyOf(a, i), nettedPosition(current, side, q, p));
  };
  ACCOUNTS.forEach((a, ai) => {
    INSTRUMENTS.forEach((inst, ii) => {
      const q = bases[ai * 2 + ii];
      if (q !== 0)
        positions.set(keyOf(a, inst.id), {
          accountId: a,
          instrumentId: inst.id,
          quantity: q,
          averagePrice: inst.center,
        });
    });
  });
  const orders: ReconOrder[] = [];
  const fills: ReconFill[] = [];
  specs.forEach((s, n) => {
    const inst = INSTRUMENTS[s.instrument];
    const account = ACCOUNTS[s.account];
    const price = inst.center + s.priceTicks * inst.tick;
    const filled = s.submitted ? 0 : Math.min(s.filled, s.quantity - 1);
    const ids = {
      clientOrderId: `O-${n}`,
      venueOrderId: s.submitted ? undefined : `${100 + n}`,
      externalId: s.submitted ? undefined : `P${n}`,
    };
    for (let k = 0; k < filled; k++) {
      ts += 1000;
      const f: ReconFill = {
        execId: `I-${n}-${k}`,
        accountId: account,
        instrumentId: inst.id,
        ...ids,
        side: s.side,
        quantity: 1,
        price,
        tsEvent: ts,
      };
      fills.push(f);
      book(positions, account, inst.id, s.side, 1, price);
    }
    orders.push({
      accountId: account,
      ...ids,
      strategyId: 'S',
      instrumentId: inst.id,
      side: s.side,
      type: 'limit',
      quantity: s.quantity,
      filledQuantity: filled,
      status: s.submitted ? 'submitted' : filled > 0 ? 'partially-filled' : 'accepted',
      price,
      averagePrice: filled > 0 ? price : undefined,
    });
  });
  const internal: InternalSnapshot = {
    orders: orders.map((o) => ({ ...o })),
    fills: [...fills],
    positions: [...positions.values()],
  };

  // The broker starts from the same state (it knows our ids: IB orderRef), then things happen.
  const bOrders: ReconOrder[] = orders.map((o, n) => ({
    ...o,
    venueOrderId: `${100 + n}`,
    externalId: `P${n}`,
    status: o.status === 'submitted' ? 'accepted' : o.status,
  }));
  const bPositions = new Map(positions);
  const executions: ReconFill[] = [...fills];
  const keep = new Set<number>();
  let hidden = false;
  let ext = 0;
  const fillBroker = (idx: number, q: number, price: number, hide: boolean) => {
    const o = bOrders[idx];
    ts += 1000;
    const qty = Math.min(q, o.quantity - o.filledQuantity);
    if (qty <= 0) return;
    const filled = o.filledQuantity + qty;
    const averagePrice = ((o.averagePrice ?? 0) * o.filledQuantity + qty * price) / filled;
    bOrders[idx] = {
      ...o,
      filledQuantity: filled,
      averagePrice,
      status: filled === o.quantity ? 'filled' : 'partially-filled',
    };
    book(bPositions, o.accountId, o.instrumentId, o.side, qty, price);
    if (hide) {
      keep.add(idx);
      hidden = true;
    } else
      executions.push({
        execId: `X-${ts}`,
        accountId: o.accountId,
        instrumentId: o.instrumentId,
        clientOrderId: o.clientOrderId,
        venueOrderId: o.venueOrderId,
        externalId: o.externalId,
        side: o.side,
        quantity: qty,
        price,
        commission: 1.5,
        tsEvent: ts,
      });
  };
  const open = (o: ReconOrder) => o.status !== 'filled' && o.status !== 'canceled';
  for (const h of happenings) {
    if (h.kind === 'fill' || h.kind === 'cancel' || h.kind === 'amend') {
      if (bOrders.length === 0) continue;
      const idx = h.order % bOrders.length;
      const o = bOrders[idx];
      if (!open(o)) continue;
      const inst = INSTRUMENTS.find((i) => i.id === o.instrumentId)!;
      if (h.kind === 'fill') fillBroker(idx, h.quantity, inst.center + h.priceTicks * inst.tick, h.hidden);
      else if (h.kind === 'cancel') bOrders[idx] = { ...o, status: 'canceled' };
      else {
        bOrders[idx] = {
          ...o,
          quantity: o.filledQuantity + 1 + h.extra,
          price: inst.center + h.priceTicks * inst.tick,
        };
        keep.add(idx); // an amended order stays in the broker's list (its new quantity is known only there)
      }
    } else if (h.kind === 'external') {
      const inst = INSTRUMENTS[h.instrument];
      ext++;
      bOrders.push({
        accountId: ACCOUNTS[h.account],
        venueOrderId: '0',
        externalId: `M${ext}`,
        instrumentId: inst.id,
        side: h.side,
        type: 'limit',
        timeInForce: 'DAY',
        quantity: h.quantity,
        filledQuantity: 0,
        status: 'accepted',
        price: inst.center,
      });
      const idx = bOrders.length - 1;
      for (let k = 0; k < h.fills; k++) fillBroker(idx, 1, inst.center + k * inst.tick, false);
      if (h.cancel && open(bOrders[idx])) bOrders[idx] = { ...bOrders[idx], status: 'canceled' };
    } else {
      const inst = INSTRUMENTS[h.instrument];
      ts += 1000;
      ext++;
      executions.push({
        execId: `H-${ts}`,
        accountId: ACCOUNTS[h.account],
        instrumentId: inst.id,
        externalId: `M${ext}`,
        side: h.side,
        quantity: h.quantity,
        price: inst.center,
        tsEvent: ts,
      });
      book(bPositions, ACCOUNTS[h.account], inst.id, h.side, h.quantity, inst.center);
    }
  }
  // Completed orders may be missing from the broker's list, unless their fills were not reported.
  const reported = bOrders.filter((o, i) => !dropCompleted || open(o) || keep.has(i));
  const broker: BrokerReport = {
    ts: ts + 1_000_000,
    orders: reported.map((o) => ({ ...o, clientOrderId: o.clientOrderId, strategyId: undefined })),
    executions,
    executionsSince: T0,
    positions: [...bPositions.values()].filter((p) => p.quantity !== 0),
  };
  return { internal, broker, hidden };
}

describe('reconciliation: properties', () => {
  const world = fc
    .tuple(
      fc.array(orderSpec, { maxLength: 6 }),
      basePosition,
      fc.array(happening, { maxLength: 12 }),
      fc.boolean(),
    )
    .map(([specs, bases, happenings, drop]) => buildWorld(specs, bases, happenings, drop));

  test('explains everything that happened at the broker; applying the corrections reproduces it', () => {
    fc.assert(
      fc.property(world, ({ internal, broker, hidden }) => {
        const rep = reconcile(internal, broker);
        assert.equal(rep.canTrade, true, rep.reasons.join('\n'));
        assert.ok(rep.discrepancies.every((d) => d.explained));
        const corrected = applyCorrections(internal, rep.corrections);
        // Fills synthesized without exec ids book one average price: compare averages only when all were reported.
        assert.deepEqual(snapshotDifferences(corrected, broker, { averagePrice: !hidden }), []);
        const again = reconcile(corrected, broker);
        assert.deepEqual(again.discrepancies, []);
        assert.deepEqual(again.corrections, []);
        // Each exec id is booked exactly once.
        const ids = corrected.fills.map((f) => f.execId);
        assert.equal(new Set(ids).size, ids.length);
      }),
      { numRuns: 400 },
    );
  });

  test('an unexplained position change at the broker stops trading', () => {
    fc.assert(
      fc.property(
        world,
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: -3, max: 3 }).filter((d) => d !== 0),
        ({ internal, broker }, which, delta) => {
          const account = ACCOUNTS[which >> 1];
          const instrument = INSTRUMENTS[which & 1].id;
          const positions = broker.positions.filter(
            (p) => !(p.accountId === account && p.instrumentId === instrument),
          );
          const current = broker.positions.find(
            (p) => p.accountId === account && p.instrumentId === instrument,
          );
          positions.push({
            accountId: account,
            instrumentId: instrument,
            quantity: (current?.quantity ?? 0) + delta,
            averagePrice: 100,
          });
          const rep = reconcile(internal, { ...broker, positions });
          assert.equal(rep.canTrade, false);
          const d = rep.discrepancies.filter((x) => !x.explained);
          assert.deepEqual(
            d.map((x) => [x.kind, x.accountId, x.instrumentId]),
            [['position-mismatch', account, instrument]],
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
