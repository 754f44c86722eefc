/**
 * Kernel order ↔ IB `Order`: types, time in force, prices on the instrument's tick grid, and the
 * reverse mapping of IB's open/completed orders into reconciliation's `ReconOrder`.
 * See docs/ib-orders.md for the table.
 */
import {
  type Contract,
  type Order as IbOrder,
  OrderType as IbOrderType,
  TimeInForce as IbTif,
  OrderAction,
  type OrderState,
} from '@stoqey/ib';
import type { OrderSide, OrderType, TimeInForce } from '../../../model/enums.js';
import type { Instrument } from '../../../model/instruments.js';
import type { Order } from '../../../model/order.js';
import type { OrderStatus } from '../../../model/order-state.js';
import { formatUtcTime } from './ib-time.js';

/** Kernel types IB takes natively; the rest that can be emulated (MIT, LIT, trailing stop-limit) are held by the kernel. */
export const IB_NATIVE_TYPES: ReadonlySet<OrderType> = new Set<OrderType>([
  'market',
  'limit',
  'stop-market',
  'stop-limit',
  'trailing-stop-market',
  'market-on-open',
  'market-on-close',
]);

/** A kernel order that cannot be expressed as an IB order; names the field. */
export class IbOrderMappingError extends RangeError {
  constructor(
    readonly clientOrderId: string,
    readonly field: string,
    message: string,
  ) {
    super(`order ${clientOrderId}: ${field}: ${message}`);
    this.name = 'IbOrderMappingError';
  }
}

export interface IbOrderContext {
  readonly orderId: number;
  readonly account: string;
  readonly instrument: Instrument;
  /** Stocks: allow fills outside regular trading hours (default false). */
  readonly outsideRth?: boolean;
  readonly parentId?: number;
  readonly ocaGroup?: string;
  /** Default true; bracket parents and all children but the last are sent with false. */
  readonly transmit?: boolean;
}

/** A price on the instrument's tick grid; refuses what is not a positive finite number. */
function onTick(order: Order, field: string, value: number | undefined, instrument: Instrument): number {
  if (value === undefined || !Number.isFinite(value) || value <= 0)
    throw new IbOrderMappingError(order.clientOrderId, field, `needs a positive price, got ${value}`);
  return instrument.priceGrid.round(value);
}

/** The IB order for a kernel order (quantities and prices as they are now). */
export function toIbOrder(order: Order, ctx: IbOrderContext): IbOrder {
  const { instrument } = ctx;
  const id = order.clientOrderId;
  if (!instrument.sizeGrid.contains(order.quantity))
    throw new IbOrderMappingError(id, 'quantity', `${order.quantity} is not on the size grid`);
  const ib: Omit<IbOrder, 'orderType'> = {
    orderId: ctx.orderId,
    action: order.side === 'buy' ? OrderAction.BUY : OrderAction.SELL,
    totalQuantity: order.quantity,
    account: ctx.account,
    orderRef: id,
    transmit: ctx.transmit ?? true,
    outsideRth: ctx.outsideRth ?? false,
    ...tifFields(order),
    ...(ctx.parentId !== undefined ? { parentId: ctx.parentId } : {}),
    ...(ctx.ocaGroup !== undefined ? { ocaGroup: ctx.ocaGroup, ocaType: 1 } : {}),
    ...(order.displayQuantity !== undefined ? { displaySize: order.displayQuantity } : {}),
  };
  switch (order.type) {
    case 'market':
      return { ...ib, orderType: order.timeInForce === 'AT_THE_CLOSE' ? IbOrderType.MOC : IbOrderType.MKT };
    case 'limit':
      return {
        ...ib,
        orderType: order.timeInForce === 'AT_THE_CLOSE' ? IbOrderType.LOC : IbOrderType.LMT,
        lmtPrice: onTick(order, 'price', order.price, instrument),
      };
    case 'stop-market':
      return {
        ...ib,
        orderType: IbOrderType.STP,
        auxPrice: onTick(order, 'triggerPrice', order.triggerPrice, instrument),
      };
    case 'stop-limit':
      return {
        ...ib,
        orderType: IbOrderType.STP_LMT,
        lmtPrice: onTick(order, 'price', order.price, instrument),
        auxPrice: onTick(order, 'triggerPrice', order.triggerPrice, instrument),
      };
    case 'trailing-stop-market':
      return { ...ib, orderType: IbOrderType.TRAIL, ...trailFields(order, instrument) };
    case 'market-on-open':
      return { ...ib, orderType: IbOrderType.MKT, tif: IbTif.OPG };
    case 'market-on-close':
      return { ...ib, orderType: IbOrderType.MOC, tif: IbTif.DAY };
    default:
      throw new IbOrderMappingError(id, 'type', `${order.type} is not sent to IB (the kernel emulates it)`);
  }
}

function trailFields(order: Order, instrument: Instrument): Omit<IbOrder, 'orderType'> {
  const offset = order.trailingOffset;
  if (offset === undefined || !(offset > 0))
    throw new IbOrderMappingError(order.clientOrderId, 'trailingOffset', `must be positive, got ${offset}`);
  const stop =
    order.triggerPrice !== undefined
      ? { trailStopPrice: onTick(order, 'triggerPrice', order.triggerPrice, instrument) }
      : {};
  switch (order.trailingOffsetType) {
    case 'percent':
      return { trailingPercent: offset, ...stop };
    case 'ticks':
      return { auxPrice: instrument.priceGrid.fromTicks(Math.round(offset)), ...stop };
    default:
      return { auxPrice: onTick(order, 'trailingOffset', offset, instrument), ...stop };
  }
}

function tifFields(order: Order): Pick<IbOrder, 'tif' | 'goodTillDate'> {
  switch (order.timeInForce) {
    case 'GTD':
      if (order.expireTime === undefined)
        throw new IbOrderMappingError(order.clientOrderId, 'expireTime', 'a GTD order needs one');
      return { tif: IbTif.GTD, goodTillDate: formatUtcTime(order.expireTime) };
    case 'AT_THE_OPEN':
      return { tif: IbTif.OPG };
    case 'AT_THE_CLOSE':
      return { tif: IbTif.DAY };
    case 'GTC':
      return { tif: IbTif.GTC };
    case 'IOC':
      return { tif: IbTif.IOC };
    case 'FOK':
      return { tif: IbTif.FOK };
    default:
      return { tif: IbTif.DAY };
  }
}

// ---- IB → kernel ----------------------------------------------------------------------------

export function sideOfAction(action: string | undefined): OrderSide {
  const a = (action ?? '').toUpperCase();
  if (a === 'BUY' || a === 'BOT') return 'buy';
  if (a === 'SELL' || a === 'SLD' || a === 'SSHORT') return 'sell';
  throw new RangeError(`IB action '${action}' is not BUY or SELL`);
}

const KERNEL_TYPE: Readonly<Record<string, OrderType>> = {
  MKT: 'market',
  LMT: 'limit',
  STP: 'stop-market',
  'STP LMT': 'stop-limit',
  TRAIL: 'trailing-stop-market',
  MIT: 'market-if-touched',
  LIT: 'limit-if-touched',
  MOC: 'market-on-close',
  LOC: 'limit',
};

export function kernelTypeOf(ibType: string | undefined): OrderType | undefined {
  return KERNEL_TYPE[(ibType ?? '').toUpperCase()];
}

export function kernelTifOf(tif: string | undefined): TimeInForce {
  switch ((tif ?? '').toUpperCase()) {
    case 'GTC':
      return 'GTC';
    case 'IOC':
      return 'IOC';
    case 'FOK':
      return 'FOK';
    case 'GTD':
      return 'GTD';
    case 'OPG':
      return 'AT_THE_OPEN';
    default:
      return 'DAY';
  }
}

/** IB's order status as a kernel status ('Filled' needs the filled quantity to tell partial fills). */
export function kernelStatusOf(ibStatus: string, filled: number): OrderStatus {
  switch (ibStatus) {
    case 'Filled':
      return 'filled';
    case 'Cancelled':
    case 'ApiCancelled':
      return 'canceled';
    case 'Inactive':
      return 'rejected';
    case 'PendingSubmit':
    case 'ApiPending':
      return 'submitted';
    default:
      return filled > 0 ? 'partially-filled' : 'accepted';
  }
}

/** A defined IB double (the decoder gives undefined or MAX_VALUE for unset). */
export function ibNumber(value: number | undefined): number | undefined {
  return value === undefined || !Number.isFinite(value) || value >= Number.MAX_VALUE ? undefined : value;
}

/** Limit and trigger prices of an IB order, in kernel terms. */
export function kernelPricesOf(order: IbOrder): { price?: number; triggerPrice?: number } {
  const type = kernelTypeOf(order.orderType);
  const lmt = ibNumber(order.lmtPrice);
  const aux = ibNumber(order.auxPrice);
  return {
    ...(type === 'limit' || type === 'stop-limit' || type === 'limit-if-touched' ? { price: lmt } : {}),
    ...(type === 'stop-market' ||
    type === 'stop-limit' ||
    type === 'market-if-touched' ||
    type === 'limit-if-touched'
      ? { triggerPrice: aux }
      : type === 'trailing-stop-market'
        ? { triggerPrice: ibNumber(order.trailStopPrice) }
        : {}),
  };
}

/** Re-exported so callers need one import for both directions. */
export type { Contract, IbOrder, OrderState };
