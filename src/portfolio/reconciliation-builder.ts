/**
 * The report under construction while reconciling (reconciliation.ts): the corrections in the order
 * they must be applied, the discrepancies and matches, and the per-order state they lead to.
 */
import type { OrderType } from '../model/enums.js';
import type { ClientOrderId } from '../model/identifiers.js';
import type { OrderEvent, OrderFilled } from '../model/order-events.js';
import { TERMINAL_STATUSES } from '../model/order-state.js';
import { type OrderState, sameQuantity, stepOrder } from './reconciliation-apply.js';
import type {
  Correction,
  Discrepancy,
  ReconciliationMatch,
  ReconFill,
  ReconOrder,
} from './reconciliation-types.js';

/** One order being corrected: its state after the events generated so far. */
export interface Work {
  readonly order: ReconOrder;
  readonly clientOrderId: ClientOrderId;
  readonly strategyId: string;
  readonly state: OrderState;
}

export class Builder {
  readonly corrections: Correction[] = [];
  readonly discrepancies: Discrepancy[] = [];
  readonly matches: ReconciliationMatch[] = [];
  /** Sort keys of the corrections: [phase, ts, sequence] (see `ordered`). */
  private readonly keys: [number, number, number][] = [];

  constructor(readonly ts: number) {}

  push(correction: Correction): void {
    const kind = correction.kind === 'adopt' ? 'adopt' : correction.event.kind;
    const phase =
      kind === 'filled' ? 1 : kind === 'canceled' || kind === 'expired' || kind === 'rejected' ? 2 : 0;
    const ts =
      correction.kind === 'event' && correction.event.kind === 'filled' ? correction.event.tsEvent : 0;
    this.keys.push([phase, ts, this.corrections.length]);
    this.corrections.push(correction);
  }

  /**
   * The corrections in the order to apply them: adoptions, acks and amendments first, then every fill
   * in time order across orders (so positions net in the order the broker booked them), then the
   * terminal events. Each order's own events keep their relative order.
   */
  ordered(): Correction[] {
    return [...this.keys]
      .sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2])
      .map((k) => this.corrections[k[2]]);
  }

  note(
    work: Work | ReconOrder,
    kind: Discrepancy['kind'],
    explained: boolean,
    message: string,
    execId?: string,
  ): void {
    const order = 'state' in work ? work.order : work;
    this.discrepancies.push({
      kind,
      accountId: order.accountId,
      instrumentId: order.instrumentId,
      ...('state' in work ? { clientOrderId: work.clientOrderId } : {}),
      ...(order.externalId !== undefined ? { externalId: order.externalId } : {}),
      ...(execId !== undefined ? { execId } : {}),
      explained,
      message,
    });
  }

  /** Emits an event when the order's state allows it; else records an unexplained discrepancy. */
  emit(work: Work, event: OrderEvent, kind: Discrepancy['kind'], message: string, execId?: string): boolean {
    const error = stepOrder(work.state, event, work.order.side);
    if (error !== undefined) {
      this.note(work, kind, false, `${message}: cannot be applied (${error})`, execId);
      return false;
    }
    this.push({ kind: 'event', accountId: work.order.accountId, event });
    this.note(work, kind, true, message, execId);
    return true;
  }

  base(
    work: Work,
    tsEvent = this.ts,
  ): Pick<OrderEvent, 'clientOrderId' | 'strategyId' | 'instrumentId' | 'tsEvent' | 'tsInit'> {
    return {
      clientOrderId: work.clientOrderId,
      strategyId: work.strategyId,
      instrumentId: work.order.instrumentId,
      tsEvent,
      tsInit: this.ts,
    };
  }

  venueId(work: Work, broker?: ReconOrder): string {
    return (
      broker?.venueOrderId ??
      work.state.venueOrderId ??
      broker?.externalId ??
      work.order.externalId ??
      work.clientOrderId
    );
  }

  fill(work: Work, exec: ReconFill, broker: ReconOrder | undefined, message: string): void {
    const event: OrderFilled = {
      ...this.base(work, exec.tsEvent),
      kind: 'filled',
      venueOrderId: exec.venueOrderId ?? this.venueId(work, broker),
      tradeId: exec.execId,
      side: exec.side,
      lastQuantity: exec.quantity,
      lastPrice: exec.price,
      commission: exec.commission ?? 0,
      liquidity: exec.liquidity ?? 'taker',
    };
    this.emit(work, event, 'fill-missing-internally', message, exec.execId);
  }

  /** Executions first (capped at the broker's filled quantity when known), then a synthesized fill for the rest. */
  fillsAndSynth(work: Work, execs: readonly ReconFill[], broker: ReconOrder | undefined): void {
    for (const exec of execs) {
      if (
        broker &&
        work.state.filled + exec.quantity > broker.filledQuantity + 1e-9 * Math.max(1, broker.quantity)
      ) {
        this.note(
          work,
          'fill-missing-internally',
          true,
          `execution ${exec.execId} of ${exec.quantity} is already booked (filled ${work.state.filled} = broker's ${broker.filledQuantity})`,
          exec.execId,
        );
        continue;
      }
      this.fill(
        work,
        exec,
        broker,
        `execution ${exec.execId}: ${exec.side} ${exec.quantity} @ ${exec.price} not booked`,
      );
    }
    if (!broker) return;
    const missing = broker.filledQuantity - work.state.filled;
    if (sameQuantity(broker.filledQuantity, work.state.filled)) return;
    if (missing < 0) {
      this.note(
        work,
        'status-mismatch',
        false,
        `filled ${work.state.filled} internally but ${broker.filledQuantity} at the broker`,
      );
      return;
    }
    let price: number | undefined;
    if (broker.averagePrice !== undefined) {
      price =
        work.state.filled > 0
          ? (broker.averagePrice * broker.filledQuantity - work.state.notional) / missing
          : broker.averagePrice;
    } else price = broker.price ?? work.state.price;
    if (price === undefined || !(price > 0) || !Number.isFinite(price)) {
      this.note(
        work,
        'status-mismatch',
        false,
        `broker filled ${broker.filledQuantity}, we ${work.state.filled}, and no fill price can be derived`,
      );
      return;
    }
    const event: OrderFilled = {
      ...this.base(work),
      kind: 'filled',
      venueOrderId: this.venueId(work, broker),
      tradeId: `${work.clientOrderId}-RECON-${broker.filledQuantity}`,
      side: work.order.side,
      lastQuantity: missing,
      lastPrice: price,
      commission: 0,
      liquidity: 'taker',
    };
    this.emit(
      work,
      event,
      'status-mismatch',
      `broker filled ${broker.filledQuantity}, we ${work.state.filled} without executions: synthesized fill of ${missing} @ ${price}`,
    );
  }

  /** A terminal event for an order still open after its fills. */
  close(
    work: Work,
    how: 'canceled' | 'expired' | 'rejected',
    kind: Discrepancy['kind'],
    message: string,
  ): void {
    if (TERMINAL_STATUSES.has(work.state.status)) return;
    const base = this.base(work);
    const event: OrderEvent =
      how === 'canceled'
        ? { ...base, kind: 'canceled', reason: `reconciliation: ${message}` }
        : how === 'expired'
          ? { ...base, kind: 'expired' }
          : { ...base, kind: 'rejected', reasonCode: 'RECONCILIATION', reason: message };
    this.emit(work, event, kind, `${message} → ${how}`);
  }
}

export function defaultType(order: ReconOrder): OrderType {
  const type = order.type;
  if (type === undefined || type === 'trailing-stop-market' || type === 'trailing-stop-limit') {
    if (order.price !== undefined) return order.triggerPrice !== undefined ? 'stop-limit' : 'limit';
    return order.triggerPrice !== undefined ? 'stop-market' : 'market';
  }
  return type;
}
