/** Kernel objects as the API sends them (src/server/api-types.ts): plain JSON, no class instances. */
import type { Cache } from '../core/cache.js';
import { depthView } from '../data/book/metrics.js';
import type { Kernel } from '../kernel/kernel.js';
import type { Account } from '../model/account.js';
import type { Bar, BookDepthSnapshot, QuoteTick, TradeTick } from '../model/data.js';
import type { Grid } from '../model/grid.js';
import type { Instrument } from '../model/instruments.js';
import type { Order } from '../model/order.js';
import type { OrderFilled } from '../model/order-events.js';
import type { Position } from '../model/position.js';
import type { KillSwitchSummary } from '../risk/kill-switch.js';
import type {
  AccountView,
  BarView,
  DepthView,
  FillView,
  InstrumentView,
  KillView,
  OrderTypeView,
  OrderView,
  PositionView,
  QuoteView,
  TradeView,
} from './api-types.js';

export function instrumentView(instrument: Instrument): InstrumentView {
  return {
    id: instrument.id,
    symbol: instrument.symbol,
    venue: instrument.venue,
    kind: instrument.kind,
    currency: instrument.currency.code,
    priceIncrement: instrument.priceGrid.increment,
    sizeIncrement: instrument.sizeGrid.increment,
    multiplier: instrument.multiplier,
  };
}

export function barView(bar: Bar, previousClose?: number): BarView {
  const duration = bar.barType.durationMicros;
  return {
    ts: bar.tsEvent,
    tsOpen: duration > 0 ? bar.tsEvent - duration : (previousClose ?? bar.tsEvent),
    open: bar.open,
    high: bar.high,
    low: bar.low,
    close: bar.close,
    volume: bar.volume,
  };
}

export function quoteView(quote: QuoteTick): QuoteView {
  const { instrumentId, tsEvent, bidPrice, bidSize, askPrice, askSize } = quote;
  return { instrumentId, ts: tsEvent, bidPrice, bidSize, askPrice, askSize };
}

export function tradeView(trade: TradeTick): TradeView {
  const { instrumentId, tsEvent, price, size, aggressor } = trade;
  return { instrumentId, ts: tsEvent, price, size, aggressor };
}

/** A venue's depth snapshot as price levels, best first. */
export function depthSnapshotView(snapshot: BookDepthSnapshot, grid: Grid): DepthView {
  const side = (levels: BookDepthSnapshot['bids']) =>
    levels.map((level) => [grid.fromTicks(level.priceTicks), level.size] as const);
  return {
    instrumentId: snapshot.instrumentId,
    ts: snapshot.tsEvent,
    bids: side(snapshot.bids),
    asks: side(snapshot.asks),
  };
}

/** The top `levels` of the book the kernel keeps for an instrument, if it keeps one. */
export function bookDepthView(
  cache: Cache,
  instrumentId: string,
  levels: number,
  ts: number,
): DepthView | null {
  const book = cache.orderBook(instrumentId);
  const instrument = cache.instrument(instrumentId);
  if (!book || !instrument) return null;
  const { bids, asks } = depthView(book, levels);
  const grid = instrument.priceGrid;
  const side = (list: typeof bids) => list.map((level) => [grid.fromTicks(level.tick), level.size] as const);
  return { instrumentId, ts, bids: side(bids), asks: side(asks) };
}

export function orderView(order: Order): OrderView {
  const reason = order.events.findLast((e) => e.kind === 'denied' || e.kind === 'rejected');
  return {
    clientOrderId: order.clientOrderId,
    strategyId: order.strategyId,
    instrumentId: order.instrumentId,
    side: order.side,
    type: order.type as OrderTypeView,
    quantity: order.quantity,
    filledQuantity: order.filledQuantity,
    price: order.price ?? null,
    triggerPrice: order.triggerPrice ?? null,
    averagePrice: order.averagePrice ?? null,
    timeInForce: order.timeInForce,
    status: order.status,
    tsInit: order.tsInit,
    tsLast: order.tsLast,
    ...(reason && 'reason' in reason ? { reason: `${reason.reasonCode}: ${reason.reason}` } : {}),
  };
}

export function fillView(order: Order, fill: OrderFilled, currency: string): FillView {
  return {
    tradeId: fill.tradeId,
    clientOrderId: order.clientOrderId,
    strategyId: order.strategyId,
    instrumentId: order.instrumentId,
    side: fill.side,
    quantity: fill.lastQuantity,
    price: fill.lastPrice,
    commission: fill.commission,
    currency,
    liquidity: fill.liquidity,
    ts: fill.tsEvent,
  };
}

/** Every fill of every order the session knows, oldest first. */
export function fillViews(kernel: Kernel): FillView[] {
  const fills: FillView[] = [];
  for (const order of kernel.cache.orders()) {
    const currency = accountCurrency(kernel, order.instrumentId);
    for (const event of order.events)
      if (event.kind === 'filled') fills.push(fillView(order, event, currency));
  }
  return fills.sort((a, b) => a.ts - b.ts);
}

export function accountCurrency(kernel: Kernel, instrumentId: string): string {
  const instrument = kernel.cache.instrument(instrumentId);
  return instrument ? kernel.portfolio.accountFor(instrument).currency.code : 'USD';
}

export function positionView(position: Position, cache: Cache): PositionView {
  const price = cache.lastPrice(position.instrumentId);
  return {
    instrumentId: position.instrumentId,
    quantity: position.quantity,
    averagePrice: position.isFlat ? null : position.averageOpenPrice,
    realizedPnl: position.realizedPnl,
    unrealizedPnl: price === undefined || position.isFlat ? 0 : position.unrealizedPnl(price),
    currency: position.currency.code,
    tsLast: position.tsLast,
  };
}

export function accountView(kernel: Kernel, account: Account, venue: string): AccountView {
  const { portfolio, clock } = kernel;
  return {
    accountId: account.id,
    venue,
    currency: account.currency.code,
    balance: account.cashInBase,
    equity: account.equity,
    margin: account.marginUsed,
    realizedPnl: portfolio.realizedPnl(),
    unrealizedPnl: portfolio.unrealizedPnl(),
    ts: clock.now(),
  };
}

export function killView(summary: KillSwitchSummary): KillView {
  return {
    ts: summary.tsEvent,
    actor: summary.actor,
    reason: summary.reason,
    canceledOrders: summary.ordersCanceled.length,
    flattenedPositions: summary.positionsFlattened.length,
  };
}
