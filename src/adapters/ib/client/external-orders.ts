/** Orders placed outside Bourse (TWS, another API client): the kernel order they are adopted as. */
import type { Order as IbOrder } from '@stoqey/ib';
import type { Instrument } from '../../../model/instruments.js';
import type { OrderInit } from '../../../model/order.js';
import { parseIbTime } from './ib-time.js';
import { ibNumber, kernelPricesOf, kernelTifOf, kernelTypeOf, sideOfAction } from './order-mapping.js';

export type AdoptedOrderInit = Omit<OrderInit, 'clientOrderId' | 'strategyId' | 'tsInit' | 'tags'>;

/** The kernel order of an IB order placed elsewhere, or why it cannot be represented. */
export function adoptionInit(order: IbOrder, instrument: Instrument): AdoptedOrderInit | string {
  const type = kernelTypeOf(order.orderType);
  if (type === undefined) return `IB order type '${order.orderType}' has no kernel equivalent`;
  const quantity = Number(order.totalQuantity ?? 0);
  if (!(quantity > 0)) return `quantity ${order.totalQuantity} is not positive`;
  const prices = kernelPricesOf(order);
  const tif = kernelTifOf(order.tif);
  const expireTime = tif === 'GTD' ? parseIbTime(order.goodTillDate) : undefined;
  const percent = ibNumber(order.trailingPercent);
  const offset = percent ?? ibNumber(order.auxPrice) ?? 0;
  if (type === 'trailing-stop-market' && !(offset > 0)) return 'trailing stop without a trailing amount';
  const trailing =
    type === 'trailing-stop-market'
      ? {
          trailingOffset: offset,
          trailingOffsetType: percent !== undefined ? ('percent' as const) : ('price' as const),
        }
      : {};
  if ((type === 'limit' || type === 'stop-limit') && prices.price === undefined)
    return `${type} without a limit price`;
  if ((type === 'stop-market' || type === 'stop-limit') && prices.triggerPrice === undefined)
    return `${type} without a stop price`;
  return {
    instrumentId: instrument.id,
    side: sideOfAction(order.action),
    type,
    quantity,
    ...(prices.price !== undefined ? { price: prices.price } : {}),
    ...(prices.triggerPrice !== undefined ? { triggerPrice: prices.triggerPrice } : {}),
    ...trailing,
    timeInForce: tif === 'GTD' && expireTime === undefined ? 'GTC' : tif,
    ...(tif === 'GTD' && expireTime !== undefined ? { expireTime } : {}),
  };
}
