import type { OrderEventKind } from './order-events.js';

export type OrderStatus =
  | 'initialized'
  | 'denied'
  | 'submitted'
  | 'accepted'
  | 'rejected'
  | 'canceled'
  | 'expired'
  | 'triggered'
  | 'pending-update'
  | 'pending-cancel'
  | 'partially-filled'
  | 'filled';

export const ORDER_STATUSES: readonly OrderStatus[] = [
  'initialized',
  'denied',
  'submitted',
  'accepted',
  'rejected',
  'canceled',
  'expired',
  'triggered',
  'pending-update',
  'pending-cancel',
  'partially-filled',
  'filled',
];

export const TERMINAL_STATUSES: ReadonlySet<OrderStatus> = new Set([
  'denied',
  'rejected',
  'canceled',
  'expired',
  'filled',
]);

/** Statuses in which the order is live at the venue and can still fill. */
export const WORKING_STATUSES: ReadonlySet<OrderStatus> = new Set([
  'accepted',
  'triggered',
  'pending-update',
  'pending-cancel',
  'partially-filled',
]);

/**
 * Where an event takes an order. Special targets resolved by the order itself:
 * - `fill`: `partially-filled` or `filled` by the leaves quantity;
 * - `resume`: back to the status the pending update/cancel was sent from (or the current one); an
 *   `accepted` for a request sent before the venue's ack is that ack: the request stays pending;
 * - `ack`: the venue acknowledged the order while a cancel is pending: the status stays;
 * - `reject-unacked`: the venue rejected an order it had not acknowledged, while a request was pending.
 */
export type TransitionTarget = OrderStatus | 'fill' | 'resume' | 'ack' | 'reject-unacked';

type Table = Readonly<
  Partial<Record<OrderStatus, Readonly<Partial<Record<OrderEventKind, TransitionTarget>>>>>
>;

const WORKING_EVENTS = {
  canceled: 'canceled',
  expired: 'expired',
  'pending-update': 'pending-update',
  'pending-cancel': 'pending-cancel',
  updated: 'resume',
  filled: 'fill',
} as const;

export const ORDER_TRANSITIONS: Table = {
  initialized: { denied: 'denied', submitted: 'submitted', canceled: 'canceled' },
  submitted: {
    accepted: 'accepted',
    rejected: 'rejected',
    canceled: 'canceled',
    'pending-update': 'pending-update',
    'pending-cancel': 'pending-cancel',
    filled: 'fill',
  },
  accepted: { ...WORKING_EVENTS, triggered: 'triggered' },
  triggered: WORKING_EVENTS,
  'partially-filled': WORKING_EVENTS,
  'pending-update': {
    updated: 'resume',
    'modify-rejected': 'resume',
    accepted: 'resume',
    rejected: 'reject-unacked',
    canceled: 'canceled',
    expired: 'expired',
    triggered: 'triggered',
    'pending-cancel': 'pending-cancel',
    filled: 'fill',
  },
  'pending-cancel': {
    canceled: 'canceled',
    'cancel-rejected': 'resume',
    accepted: 'ack',
    rejected: 'reject-unacked',
    expired: 'expired',
    filled: 'fill',
  },
};

export function transitionTarget(from: OrderStatus, event: OrderEventKind): TransitionTarget | undefined {
  return ORDER_TRANSITIONS[from]?.[event];
}
