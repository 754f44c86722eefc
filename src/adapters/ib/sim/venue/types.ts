/** What the simulated venue keeps about IB orders and executions, and what it reports. */
import type { Instrument } from '../../../../model/instruments.js';
import type { Order } from '../../../../model/order.js';
import type { UnixMicros } from '../../../../model/time.js';
import type { ContractQuery, SimContract } from '../contracts.js';

/** The order statuses IB reports in `orderStatus` / `openOrder` (the ones the simulator uses). */
export type IbOrderStatus = 'PreSubmitted' | 'Submitted' | 'Filled' | 'Cancelled' | 'Inactive';

/** IB order types the simulator takes. */
export const SIM_ORDER_TYPES = ['MKT', 'LMT', 'STP', 'STP LMT', 'TRAIL'] as const;
export type SimOrderType = (typeof SIM_ORDER_TYPES)[number];

/** A decoded `placeOrder` (the fields the simulator uses; the rest are read and ignored). */
export interface IbOrderRequest {
  readonly orderId: number;
  readonly contract: ContractQuery;
  readonly action: string;
  readonly totalQuantity: number;
  readonly orderType: string;
  readonly lmtPrice?: number;
  readonly auxPrice?: number;
  readonly tif: string;
  readonly ocaGroup: string;
  /** 1 cancel the others with block, 2 reduce with block, 3 reduce without block (default 3 in IB). */
  readonly ocaType: number;
  readonly account: string;
  readonly orderRef: string;
  /** An empty field (a client that leaves it unset) counts as true, IB's default. */
  readonly transmit: boolean;
  readonly parentId: number;
  readonly outsideRth: boolean;
  readonly trailStopPrice?: number;
  readonly trailingPercent?: number;
  readonly goodTillDate: string;
  readonly whatIf: boolean;
}

/** One IB order as the simulated broker keeps it (it survives client disconnects). */
export interface VenueOrder {
  readonly orderId: number;
  readonly clientId: number;
  readonly permId: number;
  readonly account: string;
  readonly contract: SimContract;
  readonly instrument: Instrument;
  readonly action: 'BUY' | 'SELL';
  totalQuantity: number;
  readonly orderType: SimOrderType;
  lmtPrice: number | undefined;
  auxPrice: number | undefined;
  readonly trailingPercent: number | undefined;
  /** A trailing stop's current trigger (moved by the venue). */
  trailStopPrice: number | undefined;
  readonly tif: 'DAY' | 'GTC';
  readonly ocaGroup: string;
  readonly ocaType: number;
  readonly orderRef: string;
  transmit: boolean;
  readonly parentId: number;
  readonly outsideRth: boolean;
  status: IbOrderStatus;
  filled: number;
  avgFillPrice: number;
  lastFillPrice: number;
  /** `child` while a bracket child waits for its parent's fill; `transmit` while not transmitted. */
  whyHeld: string;
  /** The kernel order working at the SimulatedExchange (undefined while held). */
  kernelOrder: Order | undefined;
  readonly placedAt: UnixMicros;
  /** When it was filled, cancelled or went inactive (reqCompletedOrders' completedTime). */
  completedAt?: UnixMicros;
}

/** One fill of an IB order. */
export interface VenueExecution {
  readonly execId: string;
  readonly orderId: number;
  readonly clientId: number;
  readonly permId: number;
  readonly account: string;
  readonly contract: SimContract;
  readonly time: UnixMicros;
  readonly side: 'BOT' | 'SLD';
  readonly shares: number;
  readonly price: number;
  readonly cumQty: number;
  readonly avgPrice: number;
  readonly orderRef: string;
  readonly exchange: string;
  readonly commission: number;
  readonly currency: string;
  /** Realized P&L of a closing fill, net of commissions (undefined when it opens). */
  readonly realizedPnl: number | undefined;
}

/** What the venue reports; the gateway turns each into messages to the clients that see the order. */
export type VenueNotice =
  | { readonly kind: 'order'; readonly order: VenueOrder; readonly openOrder: boolean }
  | { readonly kind: 'execution'; readonly execution: VenueExecution; readonly order: VenueOrder }
  | { readonly kind: 'commission'; readonly execution: VenueExecution; readonly order: VenueOrder }
  | {
      readonly kind: 'error';
      readonly order: VenueOrder;
      readonly code: number;
      readonly text: string;
    }
  | { readonly kind: 'portfolio'; readonly account: string; readonly conId: number };

/** Error codes of the order layer (research notes' table). */
export const OrderErrorCode = {
  DUPLICATE_ORDER_ID: 103,
  CANNOT_MODIFY_FILLED: 104,
  MODIFY_MISMATCH: 105,
  PRICE_NOT_ON_TICK: 110,
  ORDER_NOT_FOUND: 135,
  NOT_CANCELLABLE: 161,
  NO_SECURITY_DEFINITION: 200,
  ORDER_REJECTED: 201,
  ORDER_CANCELED: 202,
  VALIDATION: 321,
} as const;

/** A refusal of a request, before or at the venue. */
export interface VenueRefusal {
  readonly code: number;
  readonly text: string;
}
