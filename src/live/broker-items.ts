/**
 * Applies what a broker reports (its order events, and orders Bourse did not place) to the kernel
 * through the journal link: persisted first, applied once. Brokers repeat themselves (IB re-sends
 * order status, open orders and executions after a reconnect or a request), and reconciliation may
 * book an execution the live stream delivers again: an event that changes nothing is dropped here,
 * so each fill is booked exactly once whichever path brings it first.
 */
import type { Kernel } from '../kernel/kernel.js';
import { Order } from '../model/order.js';
import type { OrderEvent } from '../model/order-events.js';
import { transitionTarget } from '../model/order-state.js';
import type { Correction } from '../portfolio/reconciliation.js';
import type { JournalLink } from './journal-link.js';

export type BrokerItemOutcome = 'applied' | 'duplicate' | 'refused';

export function applyBrokerItem(kernel: Kernel, link: JournalLink, item: Correction): BrokerItemOutcome {
  if (item.kind === 'adopt') {
    if (kernel.cache.order(item.init.clientOrderId)) return 'duplicate';
    kernel.cache.addOrder(new Order(item.init));
    link.journalOrder(item.init.clientOrderId);
    return 'applied';
  }
  const event = item.event;
  const order = kernel.cache.order(event.clientOrderId);
  if (!order) {
    kernel.log.warn(`broker event ${event.kind} for unknown order ${event.clientOrderId}: ignored`);
    return 'refused';
  }
  const outcome = judge(order, event);
  if (outcome === 'refused')
    kernel.log.warn(
      `broker event ${event.kind} not allowed for ${order.clientOrderId} (${order.status}): ignored`,
    );
  if (outcome !== 'applied') return outcome;
  link.venueEvent(event, (e) => kernel.execution.process(e));
  return 'applied';
}

function judge(order: Order, event: OrderEvent): BrokerItemOutcome {
  if (event.kind === 'filled')
    return order.events.some((e) => e.kind === 'filled' && e.tradeId === event.tradeId)
      ? 'duplicate'
      : 'applied';
  // A late refusal of a cancel/modify is the execution engine's to handle (published, not applied).
  if (event.kind === 'cancel-rejected' || event.kind === 'modify-rejected') return 'applied';
  if (order.isTerminal) return 'duplicate';
  if (event.kind === 'accepted' && order.venueOrderId !== undefined && order.status !== 'submitted')
    return 'duplicate';
  return transitionTarget(order.status, event.kind) === undefined ? 'refused' : 'applied';
}
