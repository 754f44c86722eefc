/**
 * The order journal of a session: every order (its init), every order command sent to a venue and
 * every order event, in the order the kernel produced or received them. It is the session's
 * write-ahead log: an entry is durable before the command it records is sent or the event it
 * records is acted on (journal-link.ts), and replaying the session's data against it rebuilds the
 * kernel and the venue exactly (paper-session.ts).
 */

import type { LocalRelease } from '../execution/emulator.js';
import type { OrderChanges } from '../execution/engine.js';
import type { OrderSide } from '../model/enums.js';
import type { ClientOrderId, InstrumentId, StrategyId } from '../model/identifiers.js';
import type { Order, OrderInit } from '../model/order.js';
import type { OrderEvent } from '../model/order-events.js';
import type { TradingState } from '../risk/types.js';

/** One journal entry. `dataIndex`: the data point being handled when it was produced. */
export type JournalEntry =
  | { readonly type: 'order'; readonly dataIndex: number; readonly init: OrderInit }
  | { readonly type: 'event'; readonly dataIndex: number; readonly event: OrderEvent }
  | {
      readonly type: 'submit';
      readonly dataIndex: number;
      readonly clientOrderId: ClientOrderId;
      readonly release?: LocalRelease;
    }
  | { readonly type: 'cancel'; readonly dataIndex: number; readonly clientOrderId: ClientOrderId }
  | {
      readonly type: 'modify';
      readonly dataIndex: number;
      readonly clientOrderId: ClientOrderId;
      readonly changes: OrderChanges;
    }
  /**
   * An input from outside the session: the kill switch pulled before data point `dataIndex`. A
   * replay pulls it again at the same point.
   */
  | {
      readonly type: 'kill';
      readonly dataIndex: number;
      readonly actor: string;
      readonly source: string;
      readonly reason: string;
    }
  /**
   * An input from outside the session other than the kill switch (an order placed, changed or
   * cancelled from the dashboard, a strategy started or stopped), taken before data point
   * `dataIndex`. A replay applies it again at the same point.
   */
  | {
      readonly type: 'input';
      readonly dataIndex: number;
      readonly actor: string;
      readonly source: string;
      readonly command: SessionCommand;
    };

/** A manual order: what an order ticket holds. */
export interface OrderTicketInput {
  readonly instrumentId: InstrumentId;
  readonly side: OrderSide;
  readonly type: 'market' | 'limit' | 'stop-market' | 'stop-limit';
  readonly quantity: number;
  readonly price?: number;
  readonly triggerPrice?: number;
  readonly timeInForce?: 'GTC' | 'DAY';
}

/** A command from outside the session's data (a user's), applied between data points. */
export type SessionCommand =
  | { readonly action: 'submit'; readonly ticket: OrderTicketInput }
  | { readonly action: 'cancel'; readonly clientOrderId: ClientOrderId }
  | { readonly action: 'modify'; readonly clientOrderId: ClientOrderId; readonly changes: OrderChanges }
  | { readonly action: 'strategy-start' | 'strategy-stop'; readonly strategyId: StrategyId }
  | { readonly action: 'trading-state'; readonly state: TradingState; readonly reason: string };

/** The entries that record an input from outside the session's data. */
export type InputEntry = Extract<JournalEntry, { type: 'kill' | 'input' }>;

/** Where a session's journal lives (the store's order-event log; see store-journal.ts). */
export interface SessionJournal {
  /** Every entry written so far, in order. */
  read(): Promise<JournalEntry[]>;
  /** Appends entries durably, in order: resolves once they are committed. */
  append(entries: readonly JournalEntry[]): Promise<void>;
}

/** The init an order was created with (read while it is still unmodified: at its first event). */
export function orderInit(order: Order): OrderInit {
  const init: Record<string, unknown> = {
    clientOrderId: order.clientOrderId,
    strategyId: order.strategyId,
    instrumentId: order.instrumentId,
    side: order.side,
    type: order.type,
    quantity: order.quantity,
    price: order.price,
    triggerPrice: order.triggerPrice,
    timeInForce: order.timeInForce,
    expireTime: order.expireTime,
    trailingOffset: order.trailingOffset,
    trailingOffsetType: order.trailingOffsetType,
    limitOffset: order.limitOffset,
    reduceOnly: order.reduceOnly,
    postOnly: order.postOnly,
    displayQuantity: order.displayQuantity,
    tsInit: order.tsInit,
    tags: order.tags.length > 0 ? [...order.tags] : undefined,
  };
  for (const key of Object.keys(init)) if (init[key] === undefined) delete init[key];
  return init as unknown as OrderInit;
}

/**
 * A canonical text of an entry (keys sorted, undefined dropped), as it reads back from JSON: two
 * entries are the same when their texts are.
 */
export function entryText(entry: JournalEntry): string {
  return JSON.stringify(entry, (_key, value: unknown) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) sorted[key] = (value as Record<string, unknown>)[key];
    return sorted;
  });
}
