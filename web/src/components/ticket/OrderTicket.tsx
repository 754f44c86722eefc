/** Manual order entry with a confirmation step; shows the result or the risk engine's denial. */
import { type FormEvent, useState } from 'react';
import type { OrderTicket as OrderTicketBody } from '../../api/types';
import { useAuth, useCanTrade } from '../../auth';
import { useDashboard, useDispatch, useInstrument } from '../../state/context';
import { selectFocusInstrumentId } from '../../state/dashboard';
import { Panel } from '../Panel';
import { type PlacementResult, placeOrder } from './placeOrder';
import { TicketFields } from './TicketFields';
import { describeTicket, type TicketForm, toOrderTicket } from './ticketModel';

type TicketMessage = Pick<PlacementResult, 'kind' | 'text'>;

const NO_IDS: readonly string[] = [];

export function OrderTicket() {
  const canTrade = useCanTrade();
  const { me } = useAuth();
  return (
    <Panel area="area-ticket" title="Order ticket">
      {canTrade ? <TicketBody /> : <p className="empty">Your role ({me.role}) can't place orders.</p>}
    </Panel>
  );
}

function TicketBody() {
  const instrumentIds = useDashboard((state) => state.session?.instruments ?? NO_IDS);
  const focusInstrumentId = useDashboard(selectFocusInstrumentId);
  const dispatch = useDispatch();

  const [form, setForm] = useState<TicketForm>({
    instrumentId: '',
    side: 'buy',
    type: 'market',
    quantity: '1',
    price: '',
    triggerPrice: '',
    timeInForce: 'GTC',
  });
  const [pending, setPending] = useState<OrderTicketBody | null>(null);
  const [sending, setSending] = useState(false);
  const [message, setMessage] = useState<TicketMessage | null>(null);

  // Until the user picks one, the ticket follows the chart's instrument.
  const instrumentId = form.instrumentId || focusInstrumentId || instrumentIds[0] || '';
  const instrument = useInstrument(instrumentId);

  const review = (event: FormEvent) => {
    event.preventDefault();
    const check = toOrderTicket({ ...form, instrumentId });
    setMessage(check.ok ? null : { kind: 'error', text: check.error });
    if (check.ok) setPending(check.ticket);
  };

  const confirm = async () => {
    if (!pending) return;
    setSending(true);
    const result = await placeOrder(pending);
    if (result.order) dispatch({ type: 'order-updated', order: result.order });
    setMessage(result);
    setSending(false);
    setPending(null);
  };

  if (pending) {
    return (
      <div className="ticket-confirm">
        <p className="confirm-question">{describeTicket(pending, instrument)}</p>
        <div className="button-row">
          <button
            type="button"
            className="button ghost"
            data-testid="ticket-cancel"
            disabled={sending}
            onClick={() => setPending(null)}
          >
            Back
          </button>
          <button
            type="button"
            className={`button ${pending.side}`}
            data-testid="ticket-confirm"
            disabled={sending}
            onClick={confirm}
          >
            {sending ? 'Sending…' : 'Confirm'}
          </button>
        </div>
      </div>
    );
  }

  return (
    <form className="form ticket" onSubmit={review} noValidate>
      <TicketFields
        form={{ ...form, instrumentId }}
        instrumentIds={instrumentIds}
        instrument={instrument}
        onChange={(changes) => setForm((current) => ({ ...current, ...changes }))}
      />
      <button type="submit" className={`button ${form.side}`} data-testid="ticket-submit">
        Review {form.side} order
      </button>
      {message && (
        <p className={`message ${message.kind === 'ok' ? 'ok' : 'error'}`} role="status">
          {message.kind === 'denied' && <strong className="message-label">Risk denied: </strong>}
          <span data-testid="ticket-message">{message.text}</span>
        </p>
      )}
    </form>
  );
}
