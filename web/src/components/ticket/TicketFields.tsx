/** The ticket's inputs; price and trigger appear only for the order types that take them. */
import type { InstrumentView } from '../../api/types';
import {
  needsPrice,
  needsTrigger,
  TICKET_TIFS,
  TICKET_TYPES,
  type TicketForm,
  type TicketSide,
  type TicketTif,
  type TicketType,
} from './ticketModel';

interface TicketFieldsProps {
  readonly form: TicketForm;
  readonly instrumentIds: readonly string[];
  readonly instrument?: InstrumentView;
  readonly onChange: (changes: Partial<TicketForm>) => void;
}

export function TicketFields({ form, instrumentIds, instrument, onChange }: TicketFieldsProps) {
  const priceStep = instrument?.priceIncrement ?? 'any';
  return (
    <>
      <label>
        Instrument
        <select
          data-testid="ticket-instrument"
          value={form.instrumentId}
          onChange={(event) => onChange({ instrumentId: event.target.value })}
        >
          {instrumentIds.map((id) => (
            <option key={id} value={id}>
              {id}
            </option>
          ))}
        </select>
      </label>
      <div className="form-row">
        <label>
          Side
          <select
            data-testid="ticket-side"
            value={form.side}
            onChange={(event) => onChange({ side: event.target.value as TicketSide })}
          >
            <option value="buy">Buy</option>
            <option value="sell">Sell</option>
          </select>
        </label>
        <label>
          Type
          <select
            data-testid="ticket-type"
            value={form.type}
            onChange={(event) => onChange({ type: event.target.value as TicketType })}
          >
            {TICKET_TYPES.map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="form-row">
        <NumberField
          label="Quantity"
          testId="ticket-quantity"
          step={instrument?.sizeIncrement ?? 'any'}
          value={form.quantity}
          onChange={(quantity) => onChange({ quantity })}
        />
        {form.type !== 'market' && (
          <label>
            Time in force
            <select
              value={form.timeInForce}
              onChange={(event) => onChange({ timeInForce: event.target.value as TicketTif })}
            >
              {TICKET_TIFS.map((tif) => (
                <option key={tif}>{tif}</option>
              ))}
            </select>
          </label>
        )}
      </div>
      {(needsTrigger(form.type) || needsPrice(form.type)) && (
        <div className="form-row">
          {needsTrigger(form.type) && (
            <NumberField
              label="Trigger price"
              testId="ticket-trigger"
              step={priceStep}
              value={form.triggerPrice}
              onChange={(triggerPrice) => onChange({ triggerPrice })}
            />
          )}
          {needsPrice(form.type) && (
            <NumberField
              label="Limit price"
              testId="ticket-price"
              step={priceStep}
              value={form.price}
              onChange={(price) => onChange({ price })}
            />
          )}
        </div>
      )}
    </>
  );
}

interface NumberFieldProps {
  readonly label: string;
  readonly testId: string;
  /** The spinner's step (the instrument's grid); the form itself does not block off-grid values. */
  readonly step: number | 'any';
  readonly value: string;
  readonly onChange: (value: string) => void;
}

function NumberField({ label, testId, step, value, onChange }: NumberFieldProps) {
  return (
    <label>
      {label}
      <input
        data-testid={testId}
        type="number"
        inputMode="decimal"
        step={step}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
    </label>
  );
}
