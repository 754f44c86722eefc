/**
 * What the live node needs of a broker: an execution side (order commands, the events and orders it
 * reports, a report for reconciliation) and a market-data feed. The IB adapter provides both
 * (src/adapters/ib); the node never sees the wire protocol.
 */
import type { ExecutionClient } from '../execution/engine.js';
import type { MarketData } from '../model/data.js';
import type { OrderSide, OrderType } from '../model/enums.js';
import type { ClientOrderId, InstrumentId, StrategyId, TradeId, VenueOrderId } from '../model/identifiers.js';
import type { OrderStatus } from '../model/order-state.js';
import type { UnixMicros } from '../model/time.js';
import type { BrokerReport, Correction } from '../portfolio/reconciliation.js';

/** An order Bourse placed in an earlier run, so the broker side does not report it as new. */
export interface KnownOrder {
  readonly clientOrderId: ClientOrderId;
  readonly strategyId: StrategyId;
  readonly instrumentId: InstrumentId;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly quantity: number;
  readonly status: OrderStatus;
  readonly price?: number;
  readonly triggerPrice?: number;
  readonly venueOrderId?: VenueOrderId;
  readonly externalId?: string;
  /** Executions already booked for it. */
  readonly execIds: readonly TradeId[];
}

export interface BrokerExecution {
  /** The broker account the node trades. */
  readonly accountId: string;
  /** The kernel execution client for a venue (instrument ids like ESZ5.CME route to 'CME'). */
  clientFor(venue: string): ExecutionClient;
  /** Events of Bourse's orders and adoptions of orders it did not place, each reported once. */
  onItem(listener: (item: Correction) => void): () => void;
  /** Orders (and executions) of earlier runs. */
  restore(known: readonly KnownOrder[]): void;
  /** The broker's orders, executions since `since`, and positions. */
  brokerReport(since?: UnixMicros): Promise<BrokerReport>;
  /** Resolves once every command given so far has been written to the broker. */
  idle?(): Promise<void>;
  /** The broker's permanent id of an order, once known. */
  externalIdOf?(clientOrderId: ClientOrderId): string | undefined;
}

export interface LiveDataFeed {
  /** Subscribes and delivers each item to `sink`, in order, until stopped. */
  start(sink: (item: MarketData) => void): Promise<void>;
  /** Delivers what is due now (e.g. bars whose period the broker's clock has passed). */
  flush?(): Promise<void>;
  stop(): Promise<void>;
}

/** The broker connection's state changes the node acts on. */
export type BrokerConnectionEvent =
  | { readonly kind: 'ready'; readonly reconnected: boolean; readonly dataLost: boolean }
  | { readonly kind: 'disconnected'; readonly reason: string };

export interface BrokerConnection {
  on(listener: (event: BrokerConnectionEvent) => void): () => void;
}
