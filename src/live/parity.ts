/**
 * Parity between two runs of the same strategy on the same data — a backtest and a live or paper
 * session through a broker: the same orders, fills, commissions and positions, or a report naming
 * each difference. Orders are matched by client order id (a strategy numbers its orders the same
 * way in every mode); fills by order and position in that order's fills.
 */
import type { Kernel } from '../kernel/kernel.js';
import type { OrderSide, OrderType } from '../model/enums.js';
import type { ClientOrderId, InstrumentId } from '../model/identifiers.js';
import type { OrderStatus } from '../model/order-state.js';
import type { UnixMicros } from '../model/time.js';

export interface ParityOrder {
  readonly clientOrderId: ClientOrderId;
  readonly instrumentId: InstrumentId;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly quantity: number;
  readonly price?: number;
  readonly triggerPrice?: number;
  readonly status: OrderStatus;
  readonly filledQuantity: number;
}

export interface ParityFill {
  readonly clientOrderId: ClientOrderId;
  readonly tsEvent: UnixMicros;
  readonly side: OrderSide;
  readonly quantity: number;
  readonly price: number;
  readonly commission: number;
}

/** What a run traded: its strategies' orders and fills, and the net positions it ended with. */
export interface TradeRecord {
  readonly orders: readonly ParityOrder[];
  readonly fills: readonly ParityFill[];
  readonly positions: Readonly<Record<InstrumentId, number>>;
}

export interface ParityReport {
  readonly same: boolean;
  readonly differences: readonly string[];
  readonly orders: number;
  readonly fills: number;
  readonly commission: { readonly expected: number; readonly actual: number };
}

/**
 * The trade record of a kernel. `strategyIds`: whose orders count (default every strategy's, not
 * orders adopted from the broker).
 */
export function tradeRecordOf(kernel: Kernel, strategyIds?: readonly string[]): TradeRecord {
  const wanted = (id: string) => (strategyIds ? strategyIds.includes(id) : id !== 'EXTERNAL');
  const orders = kernel.cache
    .orders()
    .filter((o) => wanted(o.strategyId))
    .sort((a, b) => (a.clientOrderId < b.clientOrderId ? -1 : a.clientOrderId > b.clientOrderId ? 1 : 0));
  const fills: ParityFill[] = [];
  const positions: Record<InstrumentId, number> = {};
  for (const order of orders) {
    for (const e of order.events) {
      if (e.kind !== 'filled') continue;
      fills.push({
        clientOrderId: order.clientOrderId,
        tsEvent: e.tsEvent,
        side: e.side,
        quantity: e.lastQuantity,
        price: e.lastPrice,
        commission: e.commission,
      });
      positions[order.instrumentId] =
        (positions[order.instrumentId] ?? 0) + (e.side === 'buy' ? e.lastQuantity : -e.lastQuantity);
    }
  }
  return {
    orders: orders.map((o) => ({
      clientOrderId: o.clientOrderId,
      instrumentId: o.instrumentId,
      side: o.side,
      type: o.type,
      quantity: o.quantity,
      ...(o.price !== undefined ? { price: o.price } : {}),
      ...(o.triggerPrice !== undefined ? { triggerPrice: o.triggerPrice } : {}),
      status: o.status,
      filledQuantity: o.filledQuantity,
    })),
    fills,
    positions,
  };
}

const ORDER_FIELDS = [
  'instrumentId',
  'side',
  'type',
  'quantity',
  'price',
  'triggerPrice',
  'status',
  'filledQuantity',
] as const;
const FILL_FIELDS = ['tsEvent', 'side', 'quantity', 'price', 'commission'] as const;

/** Compares a run (`actual`) with the reference (`expected`, usually the backtest). */
export function parityReport(expected: TradeRecord, actual: TradeRecord): ParityReport {
  const differences: string[] = [];
  const actualOrders = new Map(actual.orders.map((o) => [o.clientOrderId, o]));
  for (const want of expected.orders) {
    const got = actualOrders.get(want.clientOrderId);
    actualOrders.delete(want.clientOrderId);
    if (!got) {
      differences.push(`order ${want.clientOrderId} (${want.side} ${want.quantity} ${want.type}): missing`);
      continue;
    }
    for (const field of ORDER_FIELDS)
      if (want[field] !== got[field])
        differences.push(
          `order ${want.clientOrderId}: ${field} ${String(want[field])} expected, got ${String(got[field])}`,
        );
  }
  for (const extra of actualOrders.values())
    differences.push(
      `order ${extra.clientOrderId} (${extra.side} ${extra.quantity} ${extra.type}): not in the reference`,
    );

  const byOrder = (fills: readonly ParityFill[]) => {
    const map = new Map<ClientOrderId, ParityFill[]>();
    for (const f of fills) map.set(f.clientOrderId, [...(map.get(f.clientOrderId) ?? []), f]);
    return map;
  };
  const gotFills = byOrder(actual.fills);
  for (const [id, wants] of byOrder(expected.fills)) {
    const gots = gotFills.get(id) ?? [];
    gotFills.delete(id);
    for (let i = 0; i < Math.max(wants.length, gots.length); i++) {
      const want = wants[i];
      const got = gots[i];
      if (!want || !got) {
        differences.push(`fill ${i + 1} of ${id}: ${want ? 'missing' : 'not in the reference'}`);
        continue;
      }
      for (const field of FILL_FIELDS)
        if (want[field] !== got[field])
          differences.push(
            `fill ${i + 1} of ${id}: ${field} ${String(want[field])} expected, got ${String(got[field])}`,
          );
    }
  }
  for (const [id, extra] of gotFills)
    differences.push(`${extra.length} fills of ${id}: not in the reference`);

  const instruments = new Set([...Object.keys(expected.positions), ...Object.keys(actual.positions)]);
  for (const id of [...instruments].sort()) {
    const want = expected.positions[id] ?? 0;
    const got = actual.positions[id] ?? 0;
    if (want !== got) differences.push(`position ${id}: ${want} expected, got ${got}`);
  }
  const total = (r: TradeRecord) => r.fills.reduce((sum, f) => sum + f.commission, 0);
  return {
    same: differences.length === 0,
    differences,
    orders: expected.orders.length,
    fills: expected.fills.length,
    commission: { expected: total(expected), actual: total(actual) },
  };
}

/** The report as lines of text. */
export function formatParity(report: ParityReport): string {
  const head = `parity: ${report.same ? 'same' : `${report.differences.length} differences`} — ${report.orders} orders, ${report.fills} fills, commission ${report.commission.expected.toFixed(2)} expected / ${report.commission.actual.toFixed(2)} actual`;
  return [head, ...report.differences.map((d) => `  ${d}`)].join('\n');
}
