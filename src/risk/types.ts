import type { OrderChanges } from '../execution/engine.js';
import type { Order } from '../model/order.js';
import type { UnixMicros } from '../model/time.js';

export type TradingState = 'active' | 'reducing' | 'halted';

/** Why the risk engine refused an order: stable codes a program can switch on. */
export type DenialCode =
  | 'INSTRUMENT_UNKNOWN'
  | 'INSTRUMENT_NOT_TRADABLE'
  | 'SESSION_CLOSED'
  | 'QUANTITY_NOT_POSITIVE'
  | 'QUANTITY_OFF_GRID'
  | 'PRICE_OFF_GRID'
  | 'TRIGGER_PRICE_OFF_GRID'
  | 'PRICE_OUTSIDE_BAND'
  | 'TRAILING_OFFSET_INVALID'
  | 'MAX_ORDER_QUANTITY_EXCEEDED'
  | 'MAX_ORDER_NOTIONAL_EXCEEDED'
  | 'MAX_POSITION_EXCEEDED'
  | 'MAX_GROSS_EXPOSURE_EXCEEDED'
  | 'MAX_NET_EXPOSURE_EXCEEDED'
  | 'MAX_OPEN_ORDERS_EXCEEDED'
  | 'MAX_OPEN_ORDERS_PER_INSTRUMENT_EXCEEDED'
  | 'NO_PRICE_FOR_CHECKS'
  | 'INSUFFICIENT_FUNDS'
  | 'TRADING_HALTED'
  | 'TRADING_REDUCING'
  | 'REDUCE_ONLY_WOULD_INCREASE'
  | 'SHORT_SELLING_NOT_ALLOWED'
  | 'SUBMIT_RATE_EXCEEDED';

export interface RiskDecision {
  readonly code: DenialCode;
  readonly reason: string;
}

export interface SubmitRate {
  readonly count: number;
  readonly intervalMs: number;
}

/**
 * Limits that can be set globally and per strategy. Where both are set the stricter applies (the
 * smaller number; for the price band the narrower band; both submit-rate windows are enforced).
 */
export interface RiskLimits {
  readonly maxOrderQuantity?: number;
  /** Per order, in the instrument's currency: quantity × price × multiplier. */
  readonly maxOrderNotional?: number;
  readonly maxOrderSubmitRate?: SubmitRate;
  /** Fat-finger band around the last price, in percent of it (limit and trigger prices). */
  readonly priceBandPct?: number;
  /** Fat-finger band around the last price, in ticks (both set: the wider of the two). */
  readonly priceBandTicks?: number;
  /** Largest absolute position per instrument after the order, counting same-side open orders. */
  readonly maxPositionQuantity?: number;
  /** Σ |quantity × last price × multiplier| over all positions with the order, account currency. */
  readonly maxGrossExposure?: number;
  /** |Σ quantity × last price × multiplier| over all positions with the order, account currency. */
  readonly maxNetExposure?: number;
  readonly maxOpenOrders?: number;
  readonly maxOpenOrdersPerInstrument?: number;
}

export interface RiskConfig extends RiskLimits {
  readonly tradingState?: TradingState;
  /** Deny orders while the venue's registered trading session is closed (default true). */
  readonly checkSessionOpen?: boolean;
  /** Instruments no order may be sent for (marked not tradable at start). */
  readonly untradableInstruments?: readonly string[];
  /** Loss since the trading day began (realised + unrealised, per account) that switches to reducing. */
  readonly maxDailyLoss?: number;
  /** Drawdown from the equity high-water mark, in percent, that switches to halted. */
  readonly maxDrawdownPct?: number;
  /** Per-strategy limits, keyed by strategy id; the stricter of these and the global ones applies. */
  readonly strategies?: Readonly<Record<string, RiskLimits>>;
}

/** What moved the trading state. */
export type TradingStateTrigger =
  | 'manual'
  | 'daily-loss'
  | 'drawdown'
  | 'new-trading-day'
  | 'kill-switch'
  /** The broker reported something reconciliation could not explain (live node). */
  | 'reconciliation';

/** Published on `events.risk.state` whenever the trading state changes. */
export interface TradingStateChanged {
  readonly previous: TradingState;
  readonly state: TradingState;
  readonly trigger: TradingStateTrigger;
  readonly reason: string;
  readonly accountId?: string;
  readonly tsEvent: UnixMicros;
}

export const RISK_STATE_TOPIC = 'events.risk.state';

/** The order commands a strategy gets: the only way its orders reach a venue. */
export interface OrderCommands {
  submit(order: Order): void;
  modify(order: Order, changes: OrderChanges): RiskDecision | undefined;
  cancel(order: Order): void;
}
