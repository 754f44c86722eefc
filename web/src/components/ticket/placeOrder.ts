/** Sends a ticket and turns every answer (taken, denied by risk, refused) into what the ticket shows. */
import { api } from '../../api/endpoints';
import { ApiRequestError, errorMessage } from '../../api/http';
import type { OrderTicket, OrderView } from '../../api/types';

export interface PlacementResult {
  readonly kind: 'ok' | 'denied' | 'error';
  readonly text: string;
  /** The order the session created, denied ones included. */
  readonly order: OrderView | null;
}

export async function placeOrder(ticket: OrderTicket): Promise<PlacementResult> {
  try {
    const { order } = await api.submitOrder(ticket);
    return { kind: 'ok', text: `Order ${order.clientOrderId} ${order.status}`, order };
  } catch (error) {
    const denied = error instanceof ApiRequestError && error.code === 'RISK_DENIED';
    return { kind: denied ? 'denied' : 'error', text: errorMessage(error), order: orderInBody(error) };
  }
}

/** A 422 denial answers with the (denied) order next to the error. */
function orderInBody(error: unknown): OrderView | null {
  if (!(error instanceof ApiRequestError)) return null;
  const body = error.body;
  if (typeof body !== 'object' || body === null || !('order' in body)) return null;
  const { order } = body as { order: unknown };
  return typeof order === 'object' && order !== null ? (order as OrderView) : null;
}
