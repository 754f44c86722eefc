/**
 * Rebuilds a kernel's orders, fills and positions from a session journal (a live node restarting):
 * each order from its init, then its events in journal order, booked by the portfolio as they were.
 * Commands are not re-sent: whether the broker did what they asked is for reconciliation to find.
 */
import type { Kernel } from '../kernel/kernel.js';
import type { ClientOrderId, StrategyId } from '../model/identifiers.js';
import { Order } from '../model/order.js';
import type { JournalEntry } from './journal.js';
import type { KnownOrder } from './ports.js';

export function restoreJournal(kernel: Kernel, entries: readonly JournalEntry[]): void {
  for (const entry of entries) {
    if (entry.type === 'order') kernel.cache.addOrder(new Order(entry.init));
    else if (entry.type === 'event') kernel.execution.process(entry.event);
  }
}

/** The kernel's orders as the broker side must know them: ids and booked executions. */
export function knownOrders(
  kernel: Kernel,
  externalIdOf?: (clientOrderId: ClientOrderId) => string | undefined,
): KnownOrder[] {
  return kernel.cache.orders().map((order) => {
    const externalId = externalIdOf?.(order.clientOrderId);
    return {
      clientOrderId: order.clientOrderId,
      strategyId: order.strategyId,
      instrumentId: order.instrumentId,
      side: order.side,
      type: order.type,
      quantity: order.quantity,
      status: order.status,
      ...(order.price !== undefined ? { price: order.price } : {}),
      ...(order.triggerPrice !== undefined ? { triggerPrice: order.triggerPrice } : {}),
      ...(order.venueOrderId !== undefined ? { venueOrderId: order.venueOrderId } : {}),
      ...(externalId !== undefined ? { externalId } : {}),
      execIds: order.events.flatMap((e) => (e.kind === 'filled' ? [e.tradeId] : [])),
    };
  });
}

/**
 * The lowest order sequence a strategy can resume from without reusing a journaled order id
 * (`<strategyId>-<sequence>`, as Strategy.newOrder makes them).
 */
export function nextOrderSequence(kernel: Kernel, strategyId: StrategyId): number {
  const prefix = `${strategyId}-`;
  let max = 0;
  for (const order of kernel.cache.orders()) {
    if (order.strategyId !== strategyId || !order.clientOrderId.startsWith(prefix)) continue;
    const n = Number(order.clientOrderId.slice(prefix.length));
    if (Number.isSafeInteger(n) && n > max) max = n;
  }
  return max;
}
