/** Checks of a `placeOrder` against IB's rules, and the kernel order a VenueOrder works as. */
import type { OrderType, TimeInForce } from '../../../../model/enums.js';
import type { Instrument } from '../../../../model/instruments.js';
import { Order } from '../../../../model/order.js';
import { eventIds } from '../../../../model/order-events.js';
import type { UnixMicros } from '../../../../model/time.js';
import type { SimAccountBook } from './account-book.js';
import {
  type IbOrderRequest,
  OrderErrorCode,
  SIM_ORDER_TYPES,
  type SimOrderType,
  type VenueOrder,
  type VenueRefusal,
} from './types.js';

const rejected = (reason: string): VenueRefusal => ({
  code: OrderErrorCode.ORDER_REJECTED,
  text: `Order rejected - reason:${reason}`,
});

export const OFF_TICK_TEXT = 'The price does not conform to the minimum price variation for this contract.';

/** The order's normalized type and time in force, or why IB would refuse it. */
export function checkRequest(
  req: IbOrderRequest,
  instrument: Instrument,
): { type: SimOrderType; tif: 'DAY' | 'GTC' } | VenueRefusal {
  if (req.whatIf)
    return { code: OrderErrorCode.VALIDATION, text: 'whatIf orders are not simulated by ib-gateway-sim' };
  if (req.action !== 'BUY' && req.action !== 'SELL')
    return rejected(`Invalid action '${req.action}': BUY or SELL`);
  const type = req.orderType.toUpperCase();
  if (!(SIM_ORDER_TYPES as readonly string[]).includes(type))
    return rejected(
      `Order type '${req.orderType}' is not simulated (supported: ${SIM_ORDER_TYPES.join(', ')})`,
    );
  const tif = req.tif === '' ? 'DAY' : req.tif.toUpperCase();
  if (tif !== 'DAY' && tif !== 'GTC')
    return rejected(`Time in force '${req.tif}' is not simulated (supported: DAY, GTC)`);
  if (!(req.totalQuantity > 0) || !instrument.sizeGrid.contains(req.totalQuantity))
    return rejected(`Invalid order size ${req.totalQuantity}`);
  const grid = instrument.priceGrid;
  const needs = (what: string, value: number | undefined): VenueRefusal | undefined =>
    value === undefined ? rejected(`${type} order needs ${what}`) : undefined;
  const refusal =
    type === 'LMT'
      ? needs('a limit price', req.lmtPrice)
      : type === 'STP'
        ? needs('a stop price (auxPrice)', req.auxPrice)
        : type === 'STP LMT'
          ? (needs('a limit price', req.lmtPrice) ?? needs('a stop price (auxPrice)', req.auxPrice))
          : type === 'TRAIL' && req.auxPrice === undefined && req.trailingPercent === undefined
            ? rejected('TRAIL order needs a trailing amount (auxPrice) or trailingPercent')
            : undefined;
  if (refusal !== undefined) return refusal;
  const prices = [
    type === 'LMT' || type === 'STP LMT' ? req.lmtPrice : undefined,
    type !== 'MKT' && !(type === 'TRAIL' && req.trailingPercent !== undefined) ? req.auxPrice : undefined,
    type === 'TRAIL' ? req.trailStopPrice : undefined,
  ];
  for (const price of prices)
    if (price !== undefined && (!(price > 0) || !grid.contains(price)))
      return { code: OrderErrorCode.PRICE_NOT_ON_TICK, text: OFF_TICK_TEXT };
  if (req.trailingPercent !== undefined && !(req.trailingPercent > 0 && req.trailingPercent < 100))
    return rejected(`Invalid trailingPercent ${req.trailingPercent}`);
  return { type: type as SimOrderType, tif };
}

const KERNEL_TYPE: Readonly<Record<SimOrderType, OrderType>> = {
  MKT: 'market',
  LMT: 'limit',
  STP: 'stop-market',
  'STP LMT': 'stop-limit',
  TRAIL: 'trailing-stop-market',
};

/** The kernel order a VenueOrder works as at the SimulatedExchange (already `submitted`). */
export function kernelOrder(o: VenueOrder, now: UnixMicros): Order {
  const type = KERNEL_TYPE[o.orderType];
  const trailing = o.orderType === 'TRAIL';
  const order = new Order({
    clientOrderId: `IB-${o.permId}`,
    strategyId: `IB-client-${o.clientId}`,
    instrumentId: o.instrument.id,
    side: o.action === 'BUY' ? 'buy' : 'sell',
    type,
    quantity: o.totalQuantity - o.filled,
    price: o.orderType === 'LMT' || o.orderType === 'STP LMT' ? o.lmtPrice : undefined,
    triggerPrice: trailing ? o.trailStopPrice : o.orderType.startsWith('STP') ? o.auxPrice : undefined,
    timeInForce: o.tif satisfies TimeInForce,
    trailingOffset: trailing ? (o.trailingPercent ?? o.auxPrice) : undefined,
    trailingOffsetType: trailing ? (o.trailingPercent !== undefined ? 'percent' : 'price') : undefined,
    tsInit: now,
  });
  order.apply({ kind: 'submitted', ...eventIds(order), tsEvent: now, tsInit: now });
  return order;
}

/** What a modification (placeOrder with a known id) may change, or why it is refused. */
export function checkModify(
  existing: VenueOrder,
  req: IbOrderRequest,
  type: SimOrderType,
): VenueRefusal | undefined {
  if (existing.status === 'Filled')
    return { code: OrderErrorCode.CANNOT_MODIFY_FILLED, text: 'Cannot modify a filled order.' };
  if (existing.status === 'Cancelled' || existing.status === 'Inactive')
    return rejected(`Cannot modify an order that is ${existing.status}`);
  if (
    req.action !== existing.action ||
    type !== existing.orderType ||
    req.parentId !== existing.parentId ||
    (req.contract.conId > 0 && req.contract.conId !== existing.contract.conId)
  )
    return {
      code: OrderErrorCode.MODIFY_MISMATCH,
      text: 'Order being modified does not match original order (action, type, contract and parent must stay).',
    };
  if (!(req.totalQuantity > existing.filled))
    return rejected(`Quantity ${req.totalQuantity} is not above the ${existing.filled} already filled`);
  if (
    type === 'TRAIL' &&
    (req.auxPrice !== existing.auxPrice || req.trailingPercent !== existing.trailingPercent)
  )
    return rejected('Changing the trailing amount of a TRAIL order is not simulated');
  return undefined;
}

/** IB's pre-trade margin check of an order that adds exposure (brackets are checked by their parent). */
export function marginRefusal(
  book: SimAccountBook,
  instrument: Instrument,
  req: IbOrderRequest,
  price: number,
): VenueRefusal | undefined {
  const held = book.positions().find((p) => p.instrument.id === instrument.id)?.quantity ?? 0;
  const signed = req.action === 'BUY' ? req.totalQuantity : -req.totalQuantity;
  const added = Math.abs(held + signed) - Math.abs(held);
  if (added <= 0) return undefined;
  const needed = book.margin(instrument, added, price).initial;
  const values = book.values();
  if (needed <= values.availableFunds) return undefined;
  return rejected(
    `YOUR ORDER IS NOT ACCEPTED. IN ORDER TO OBTAIN THE DESIRED POSITION YOUR AVAILABLE FUNDS [${values.availableFunds} USD] MUST EXCEED THE INITIAL MARGIN [${needed} USD]`,
  );
}
