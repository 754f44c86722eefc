/**
 * Commands from outside a session's data (a user at the dashboard): manual orders, their changes
 * and cancels, strategies started and stopped. They run inside the kernel between data points, so
 * the kernel stays single-threaded and a replay of the journal applies them at the same points.
 *
 * Manual orders belong to their own strategy, `manual`, so they pass the same risk engine as any
 * strategy's and carry ids (`manual-000001`) that are stable across a replay.
 */
import { BourseError } from '../core/errors.js';
import type { Kernel } from '../kernel/kernel.js';
import type { Order } from '../model/order.js';
import { Strategy } from '../strategy/strategy.js';
import type { OrderTicketInput, SessionCommand } from './journal.js';

export const MANUAL_STRATEGY_ID = 'manual';

/** The strategy that holds the orders placed by hand. It trades only when told to. */
export class ManualOrders extends Strategy<Record<string, never>> {
  constructor() {
    super(MANUAL_STRATEGY_ID, {});
  }

  place(ticket: OrderTicketInput): Order {
    const { instrumentId, side, type, quantity, price, triggerPrice, timeInForce } = ticket;
    return this.submit(
      this.newOrder(instrumentId, side, quantity, {
        type,
        price,
        triggerPrice,
        timeInForce: timeInForce ?? 'GTC',
      }),
    );
  }
}

/** What a command did: the order it placed or changed, and the risk engine's denial if it refused. */
export interface CommandOutcome {
  readonly order?: Order;
  readonly denial?: { readonly code: string; readonly reason: string };
}

/**
 * Applies a command to a kernel. Errors a user can act on (an unknown order, one already closed,
 * a strategy that cannot be started) are BourseErrors with a code; a risk denial is an outcome.
 */
export function applySessionCommand(
  kernel: Kernel,
  manual: ManualOrders | undefined,
  command: SessionCommand,
): CommandOutcome {
  switch (command.action) {
    case 'submit': {
      if (!manual) throw manualOrdersOff();
      kernel.cache.requireInstrument(command.ticket.instrumentId);
      const order = manual.place(command.ticket);
      return { order, denial: denialOf(order) };
    }
    case 'cancel': {
      const order = openOrder(kernel, command.clientOrderId);
      kernel.risk.cancel(order);
      return { order };
    }
    case 'modify': {
      const order = openOrder(kernel, command.clientOrderId);
      const denial = kernel.risk.modify(order, command.changes);
      return denial ? { order, denial: { code: denial.code, reason: denial.reason } } : { order };
    }
    case 'strategy-start':
    case 'strategy-stop': {
      const strategy = kernel.strategies.find((s) => s.id === command.strategyId);
      if (!strategy)
        throw new BourseError('STRATEGY_UNKNOWN', `no strategy '${command.strategyId}' in this session`);
      const starting = command.action === 'strategy-start';
      if (starting ? strategy.isRunning : !strategy.isRunning) {
        throw new BourseError(
          'STRATEGY_STATE',
          `strategy '${strategy.id}' is ${strategy.state}: it cannot be ${starting ? 'started' : 'stopped'}`,
        );
      }
      if (starting) strategy.start();
      else strategy.stop();
      return {};
    }
    case 'trading-state':
      kernel.risk.setTradingState(command.state, 'manual', command.reason);
      return {};
  }
}

export function manualOrdersOff(): BourseError {
  return new BourseError('MANUAL_ORDERS_OFF', 'this session takes no manual orders');
}

function openOrder(kernel: Kernel, clientOrderId: string): Order {
  const order = kernel.cache.order(clientOrderId);
  if (!order) throw new BourseError('ORDER_UNKNOWN', `no order '${clientOrderId}' in this session`);
  if (!order.isOpen) throw new BourseError('ORDER_CLOSED', `order '${clientOrderId}' is ${order.status}`);
  return order;
}

function denialOf(order: Order): CommandOutcome['denial'] {
  const last = order.events.at(-1);
  return last?.kind === 'denied' ? { code: last.reasonCode, reason: last.reason } : undefined;
}
