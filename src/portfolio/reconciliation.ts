import type { ClientOrderId } from '../model/identifiers.js';
import type { OrderInit } from '../model/order.js';
import { TERMINAL_STATUSES } from '../model/order-state.js';
import {
  applyCorrections,
  findOrder,
  orderState,
  sameQuantity,
  snapshotDifferences,
} from './reconciliation-apply.js';
import { Builder, defaultType, type Work } from './reconciliation-builder.js';
import type {
  BrokerReport,
  InternalSnapshot,
  ReconciliationOptions,
  ReconciliationReport,
  ReconFill,
  ReconOrder,
  ReconPosition,
} from './reconciliation-types.js';

export { applyCorrections, nettedPosition, reconFill, snapshotDifferences } from './reconciliation-apply.js';
export type * from './reconciliation-types.js';

/** Reconciles an internal snapshot with a broker report. Pure: the same inputs give the same report. */
export function reconcile(
  internal: InternalSnapshot,
  broker: BrokerReport,
  options: ReconciliationOptions = {},
): ReconciliationReport {
  const externalStrategy = options.externalStrategyId ?? 'EXTERNAL';
  const externalTag = options.externalTag ?? 'external';
  const prefix = options.externalIdPrefix ?? 'EXT-';
  const b = new Builder(broker.ts);

  // Executions: once per exec id, in time order, minus the ones already booked.
  const booked = new Set(internal.fills.map((f) => f.execId));
  const seen = new Set<string>();
  const execs = [...broker.executions]
    .sort((x, y) => x.tsEvent - y.tsEvent || (x.execId < y.execId ? -1 : x.execId > y.execId ? 1 : 0))
    .filter((e) => {
      if (seen.has(e.execId) || booked.has(e.execId)) return false;
      seen.add(e.execId);
      return true;
    });

  // Pair broker orders with internal ones.
  const brokerOf = new Map<ReconOrder, ReconOrder>();
  const unknown: ReconOrder[] = [];
  for (const bo of broker.orders) {
    const io = findOrder(internal.orders, bo);
    if (io && !brokerOf.has(io)) brokerOf.set(io, bo);
    else unknown.push(bo);
  }
  // Assign executions: internal order, else an unknown broker order, else an order known only by its executions.
  const execsOf = new Map<ReconOrder, ReconFill[]>();
  const orphanGroups = new Map<string, ReconFill[]>();
  for (const e of execs) {
    const owner = findOrder(internal.orders, e) ?? findOrder(unknown, e);
    if (owner) {
      const list = execsOf.get(owner) ?? [];
      list.push(e);
      execsOf.set(owner, list);
      continue;
    }
    const key = `${e.accountId}\u0000${e.side}\u0000${e.externalId ?? e.venueOrderId ?? e.clientOrderId ?? e.execId}`;
    const group = orphanGroups.get(key) ?? [];
    group.push(e);
    orphanGroups.set(key, group);
  }

  for (const order of internal.orders)
    reconcileInternal(b, order, brokerOf.get(order), execsOf.get(order) ?? []);

  const adopt = (source: ReconOrder, orderExecs: readonly ReconFill[]): void => {
    const clientOrderId =
      source.clientOrderId ?? `${prefix}${source.externalId ?? source.venueOrderId ?? orderExecs[0]?.execId}`;
    const type = defaultType(source);
    const init: OrderInit = {
      clientOrderId,
      strategyId: externalStrategy,
      instrumentId: source.instrumentId,
      side: source.side,
      type,
      quantity: source.quantity,
      ...(type === 'limit' || type === 'stop-limit' || type === 'limit-if-touched'
        ? { price: source.price }
        : {}),
      ...(type !== 'market' && type !== 'limit' && type !== 'market-on-open' && type !== 'market-on-close'
        ? { triggerPrice: source.triggerPrice }
        : {}),
      timeInForce:
        source.timeInForce === 'GTD' && source.expireTime === undefined
          ? 'GTC'
          : (source.timeInForce ?? 'GTC'),
      ...(source.timeInForce === 'GTD' && source.expireTime !== undefined
        ? { expireTime: source.expireTime }
        : {}),
      tsInit: broker.ts,
      tags: [externalTag, ...(source.tags ?? []).filter((t) => t !== externalTag)],
    };
    b.push({
      kind: 'adopt',
      accountId: source.accountId,
      init,
      ...(source.venueOrderId !== undefined ? { venueOrderId: source.venueOrderId } : {}),
      ...(source.externalId !== undefined ? { externalId: source.externalId } : {}),
    });
    const work: Work = {
      order: { ...source, clientOrderId },
      clientOrderId,
      strategyId: externalStrategy,
      state: orderState({ ...source, status: 'initialized', filledQuantity: 0, averagePrice: undefined }),
    };
    const name = source.externalId ?? source.venueOrderId ?? clientOrderId;
    b.note(
      work,
      'order-unknown-internally',
      true,
      `broker order ${name} (${source.side} ${source.quantity} ${source.instrumentId}, ${source.status}) placed outside Bourse: adopted as ${clientOrderId}`,
    );
    b.emit(
      work,
      { ...b.base(work), kind: 'submitted' },
      'order-unknown-internally',
      `adopt ${clientOrderId}: submitted`,
    );
    b.emit(
      work,
      { ...b.base(work), kind: 'accepted', venueOrderId: b.venueId(work, source) },
      'order-unknown-internally',
      `adopt ${clientOrderId}: accepted`,
    );
    b.fillsAndSynth(work, orderExecs, source);
    if (source.status === 'expired')
      b.close(work, 'expired', 'order-unknown-internally', `${name} expired at the broker`);
    else if (TERMINAL_STATUSES.has(source.status) && source.status !== 'filled')
      b.close(work, 'canceled', 'order-unknown-internally', `${name} ${source.status} at the broker`);
  };

  for (const bo of unknown) {
    const orderExecs = execsOf.get(bo) ?? [];
    // A finished order without fills changed nothing: nothing to adopt.
    if (TERMINAL_STATUSES.has(bo.status) && bo.filledQuantity === 0 && orderExecs.length === 0) continue;
    adopt(bo, orderExecs);
  }
  for (const group of orphanGroups.values()) {
    const first = group[0];
    const quantity = group.reduce((sum, e) => sum + e.quantity, 0);
    const notional = group.reduce((sum, e) => sum + e.quantity * e.price, 0);
    adopt(
      {
        accountId: first.accountId,
        clientOrderId: first.clientOrderId,
        venueOrderId: first.venueOrderId,
        externalId: first.externalId,
        instrumentId: first.instrumentId,
        side: first.side,
        type: 'market',
        timeInForce: 'DAY',
        quantity,
        filledQuantity: quantity,
        averagePrice: notional / quantity,
        status: 'filled',
      },
      group,
    );
  }

  // Positions after the corrections must equal the broker's; what is left is unexplained.
  const corrections = b.ordered();
  const corrected = applyCorrections(internal, corrections);
  comparePositions(b, internal.positions, corrected.positions, broker);

  const unexplained = b.discrepancies.filter((d) => !d.explained);
  return {
    ts: broker.ts,
    canTrade: unexplained.length === 0,
    reasons: unexplained.map(
      (d) =>
        `${d.kind} ${d.accountId} ${d.instrumentId}${d.clientOrderId ? ` ${d.clientOrderId}` : ''}: ${d.message}`,
    ),
    matches: b.matches,
    discrepancies: b.discrepancies,
    corrections,
  };
}

function reconcileInternal(
  b: Builder,
  order: ReconOrder,
  bo: ReconOrder | undefined,
  execs: readonly ReconFill[],
): void {
  const clientOrderId = order.clientOrderId ?? order.venueOrderId ?? order.externalId ?? '?';
  const work: Work = {
    order,
    clientOrderId,
    strategyId: order.strategyId ?? 'EXTERNAL',
    state: orderState(order),
  };
  const terminal = TERMINAL_STATUSES.has(order.status);
  const brokerOpen = bo !== undefined && !TERMINAL_STATUSES.has(bo.status);

  if (terminal) {
    for (const e of execs)
      b.note(
        work,
        'fill-missing-internally',
        false,
        `execution ${e.execId} of ${e.quantity} for an order that is ${order.status} internally`,
        e.execId,
      );
    if (brokerOpen)
      b.note(work, 'status-mismatch', false, `${order.status} internally but ${bo.status} at the broker`);
    else if (bo && !sameQuantity(bo.filledQuantity, order.filledQuantity))
      b.note(
        work,
        'status-mismatch',
        false,
        `filled ${order.filledQuantity} internally (${order.status}) but ${bo.filledQuantity} at the broker (${bo.status})`,
      );
    else if (execs.length === 0)
      match(b, order, clientOrderId, `${order.status}, filled ${order.filledQuantity}`);
    return;
  }
  if (order.status === 'initialized' && !bo && execs.length === 0) {
    match(b, order, clientOrderId, 'initialized, not sent');
    return;
  }
  const before = b.discrepancies.length;
  if (order.status === 'initialized')
    b.emit(
      work,
      { ...b.base(work), kind: 'submitted' },
      'status-mismatch',
      'initialized internally but known to the broker: submitted',
    );

  if (bo) {
    if (work.state.status === 'submitted' && bo.status !== 'rejected')
      b.emit(
        work,
        { ...b.base(work), kind: 'accepted', venueOrderId: b.venueId(work, bo) },
        'status-mismatch',
        `submitted internally, ${bo.status} at the broker: accepted`,
      );
    const amended =
      !sameQuantity(bo.quantity, work.state.quantity) ||
      (bo.price !== undefined && bo.price !== work.state.price) ||
      (bo.triggerPrice !== undefined && bo.triggerPrice !== work.state.triggerPrice);
    if (amended) {
      b.emit(
        work,
        {
          ...b.base(work),
          kind: 'updated',
          quantity: bo.quantity,
          ...(bo.price !== undefined ? { price: bo.price } : {}),
          ...(bo.triggerPrice !== undefined ? { triggerPrice: bo.triggerPrice } : {}),
        },
        'order-amended',
        `amended at the broker: ${work.state.quantity}@${work.state.price ?? work.state.triggerPrice ?? 'market'} → ${bo.quantity}@${bo.price ?? bo.triggerPrice ?? 'market'}`,
      );
    }
    b.fillsAndSynth(work, execs, bo);
    if (!brokerOpen) {
      if (bo.status === 'expired') b.close(work, 'expired', 'status-mismatch', `${bo.status} at the broker`);
      else if (bo.status === 'rejected' && work.state.status === 'submitted')
        b.close(work, 'rejected', 'status-mismatch', 'rejected at the broker');
      else if (bo.status !== 'filled')
        b.close(work, 'canceled', 'status-mismatch', `${bo.status} at the broker`);
      else if (!TERMINAL_STATUSES.has(work.state.status))
        b.note(
          work,
          'status-mismatch',
          false,
          `filled at the broker but ${work.state.status} after corrections`,
        );
    }
  } else {
    b.fillsAndSynth(work, execs, undefined);
    if (!TERMINAL_STATUSES.has(work.state.status)) {
      const expired =
        order.expireTime !== undefined && order.expireTime <= b.ts && work.state.status !== 'submitted';
      b.close(
        work,
        expired ? 'expired' : 'canceled',
        'order-missing-at-broker',
        `${work.state.status} internally, unknown to the broker`,
      );
    }
  }
  if (b.discrepancies.length === before)
    match(b, order, clientOrderId, `${order.status}, filled ${order.filledQuantity}`);
}

function match(b: Builder, order: ReconOrder, clientOrderId: ClientOrderId, description: string): void {
  b.matches.push({
    kind: 'order',
    accountId: order.accountId,
    instrumentId: order.instrumentId,
    clientOrderId,
    ...(order.externalId !== undefined ? { externalId: order.externalId } : {}),
    description,
  });
}

function comparePositions(
  b: Builder,
  before: readonly ReconPosition[],
  after: readonly ReconPosition[],
  broker: BrokerReport,
): void {
  const key = (p: ReconPosition): string => `${p.accountId}\u0000${p.instrumentId}`;
  const beforeMap = new Map(before.map((p) => [key(p), p.quantity]));
  const afterMap = new Map(after.map((p) => [key(p), p.quantity]));
  const brokerMap = new Map(broker.positions.map((p) => [key(p), p.quantity]));
  const keys = [...new Set([...afterMap.keys(), ...brokerMap.keys()])].sort();
  for (const k of keys) {
    const [accountId, instrumentId] = k.split('\u0000');
    const ours = afterMap.get(k) ?? 0;
    const theirs = brokerMap.get(k) ?? 0;
    const was = beforeMap.get(k) ?? 0;
    if (sameQuantity(ours, theirs)) {
      b.matches.push({
        kind: 'position',
        accountId,
        instrumentId,
        description: sameQuantity(was, ours)
          ? `${ours}`
          : `${ours} (was ${was}; explained by the corrections)`,
      });
      continue;
    }
    const since = broker.executionsSince !== undefined ? ` since ${broker.executionsSince}` : '';
    b.discrepancies.push({
      kind: 'position-mismatch',
      accountId,
      instrumentId,
      explained: false,
      message: `${theirs} at the broker, ${ours} internally after the corrections (${was} before): ${theirs - ours} not explained by the orders and executions${since}`,
    });
  }
}

/** True when the snapshot after the report's corrections equals the broker's view (see `snapshotDifferences`). */
export function correctionsReproduceBroker(
  internal: InternalSnapshot,
  broker: BrokerReport,
  report: ReconciliationReport,
): boolean {
  return snapshotDifferences(applyCorrections(internal, report.corrections), broker).length === 0;
}
