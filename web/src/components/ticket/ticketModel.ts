/** The order ticket's form values, their validation and the sentence the confirmation step asks. */
import type { InstrumentView, OrderTicket } from '../../api/types';
import { formatPrice, formatQuantity } from '../../format';

export type TicketType = OrderTicket['type'];
export type TicketSide = OrderTicket['side'];
export type TicketTif = NonNullable<OrderTicket['timeInForce']>;

export const TICKET_TYPES: readonly TicketType[] = ['market', 'limit', 'stop-market', 'stop-limit'];
export const TICKET_TIFS: readonly TicketTif[] = ['GTC', 'DAY'];

export interface TicketForm {
  readonly instrumentId: string;
  readonly side: TicketSide;
  readonly type: TicketType;
  readonly quantity: string;
  readonly price: string;
  readonly triggerPrice: string;
  readonly timeInForce: TicketTif;
}

export const needsPrice = (type: TicketType) => type === 'limit' || type === 'stop-limit';
export const needsTrigger = (type: TicketType) => type === 'stop-market' || type === 'stop-limit';

export type TicketCheck =
  | { readonly ok: true; readonly ticket: OrderTicket }
  | { readonly ok: false; readonly error: string };

function positiveNumber(text: string): number | null {
  const value = Number(text);
  return text.trim() !== '' && Number.isFinite(value) && value > 0 ? value : null;
}

export function toOrderTicket(form: TicketForm): TicketCheck {
  if (!form.instrumentId) return { ok: false, error: 'Choose an instrument.' };
  const quantity = positiveNumber(form.quantity);
  if (quantity === null) return { ok: false, error: 'Quantity must be a positive number.' };
  const price = needsPrice(form.type) ? positiveNumber(form.price) : undefined;
  if (price === null) return { ok: false, error: 'Enter a limit price.' };
  const triggerPrice = needsTrigger(form.type) ? positiveNumber(form.triggerPrice) : undefined;
  if (triggerPrice === null) return { ok: false, error: 'Enter a trigger price.' };
  return {
    ok: true,
    ticket: {
      instrumentId: form.instrumentId,
      side: form.side,
      type: form.type,
      quantity,
      ...(price !== undefined && { price }),
      ...(triggerPrice !== undefined && { triggerPrice }),
      ...(form.type !== 'market' && { timeInForce: form.timeInForce }),
    },
  };
}

/** "Buy 1 ESZ3.CME at market?", "Sell 2 ESZ3.CME stop 4,500.00 limit 4,499.75?" */
export function describeTicket(ticket: OrderTicket, instrument?: InstrumentView): string {
  const side = ticket.side === 'buy' ? 'Buy' : 'Sell';
  const price = (value: number | undefined) => formatPrice(value, instrument);
  const terms: Record<TicketType, string> = {
    market: 'at market',
    limit: `limit ${price(ticket.price)}`,
    'stop-market': `stop ${price(ticket.triggerPrice)} (market)`,
    'stop-limit': `stop ${price(ticket.triggerPrice)} limit ${price(ticket.price)}`,
  };
  const tif = ticket.type === 'market' ? '' : ` ${ticket.timeInForce ?? 'GTC'}`;
  return `${side} ${formatQuantity(ticket.quantity, instrument)} ${ticket.instrumentId} ${terms[ticket.type]}${tif}?`;
}
