/** The trading session's routes: its state, market data, orders, fills, positions, strategies, risk. */
import { z } from 'zod';
import type { Kernel } from '../kernel/kernel.js';
import type { Instrument } from '../model/instruments.js';
import type { BarsResponse, BarView, OrderResponse, SnapshotView, StrategyView } from './api-types.js';
import type { CommandOutcome, SessionCommand, SessionHost } from './host.js';
import { ApiFailure, notFound, queryInt, type RouteSpec, route } from './route-table.js';
import { accountViews, riskView, sessionView } from './session-views.js';
import {
  barView,
  bookDepthView,
  fillViews,
  instrumentView,
  killView,
  orderView,
  positionView,
  quoteView,
  tradeView,
} from './views.js';

const price = z.number().positive().finite();
const orderId = z.strictObject({ clientOrderId: z.string().min(1).max(64) });
const strategyId = z.strictObject({ id: z.string().min(1).max(64) });

export const orderTicketSchema = z
  .strictObject({
    instrumentId: z.string().min(1).max(64),
    side: z.enum(['buy', 'sell']),
    type: z.enum(['market', 'limit', 'stop-market', 'stop-limit']),
    quantity: z.number().positive().finite(),
    price: price.optional(),
    triggerPrice: price.optional(),
    timeInForce: z.enum(['GTC', 'DAY']).optional(),
  })
  .superRefine((ticket, ctx) => {
    const needsPrice = ticket.type === 'limit' || ticket.type === 'stop-limit';
    const needsTrigger = ticket.type === 'stop-market' || ticket.type === 'stop-limit';
    if (needsPrice !== (ticket.price !== undefined))
      ctx.addIssue({
        code: 'custom',
        path: ['price'],
        message: `a ${ticket.type} order ${needsPrice ? 'needs' : 'takes no'} price`,
      });
    if (needsTrigger !== (ticket.triggerPrice !== undefined))
      ctx.addIssue({
        code: 'custom',
        path: ['triggerPrice'],
        message: `a ${ticket.type} order ${needsTrigger ? 'needs' : 'takes no'} trigger price`,
      });
  });

const amendmentSchema = z
  .strictObject({
    quantity: z.number().positive().finite().optional(),
    price: price.optional(),
    triggerPrice: price.optional(),
  })
  .refine((changes) => Object.keys(changes).length > 0, {
    message: 'name at least one of quantity, price, triggerPrice',
  });

/** Prices and sizes must sit on the instrument's grid: refused here, never rounded silently. */
function checkGrid(
  instrument: Instrument,
  values: { quantity?: number; price?: number; triggerPrice?: number },
): void {
  for (const field of ['price', 'triggerPrice'] as const) {
    const value = values[field];
    if (value !== undefined && !instrument.priceGrid.contains(value))
      throw new ApiFailure(
        400,
        'OFF_GRID',
        `${field}: ${value} is not on ${instrument.id}'s price grid (${instrument.priceGrid.increment})`,
        field,
      );
  }
  if (values.quantity !== undefined && !instrument.sizeGrid.contains(values.quantity))
    throw new ApiFailure(
      400,
      'OFF_GRID',
      `quantity: ${values.quantity} is not a multiple of ${instrument.id}'s size increment (${instrument.sizeGrid.increment})`,
      'quantity',
    );
}

function instrumentOf(kernel: Kernel, id: string, field = 'instrumentId'): Instrument {
  const instrument = kernel.cache.instrument(id);
  if (!instrument)
    throw new ApiFailure(404, 'INSTRUMENT_UNKNOWN', `${field}: no instrument '${id}' in this session`, field);
  return instrument;
}

/** Runs a command and answers with the order it touched: 422 with the reason when risk denied it. */
async function orderCommand(
  host: SessionHost,
  actor: string,
  command: SessionCommand,
): Promise<OrderResponse> {
  const outcome: CommandOutcome = await host.command(actor, 'api', command);
  const order = outcome.order ? orderView(outcome.order) : undefined;
  if (outcome.denial)
    throw new ApiFailure(422, 'RISK_DENIED', `${outcome.denial.code}: ${outcome.denial.reason}`, undefined, {
      order,
    });
  if (!order) throw new Error(`${command.action}: the session answered without the order`);
  return { order };
}

export function tradingRoutes(host: SessionHost, riskLimits: Readonly<Record<string, unknown>>): RouteSpec[] {
  const { kernel } = host;
  return [
    route({
      method: 'GET',
      url: '/api/session',
      role: 'viewer',
      tag: 'session',
      summary: 'The hosted trading session: kind, state, data time, instruments, bar types',
      handler: () => sessionView(host),
    }),
    route({
      method: 'GET',
      url: '/api/instruments',
      role: 'viewer',
      tag: 'market data',
      summary: 'Instruments of the session',
      handler: () => kernel.cache.instruments().map(instrumentView),
    }),
    route({
      method: 'GET',
      url: '/api/bars',
      role: 'viewer',
      tag: 'market data',
      summary: 'Recent bars of a bar type, oldest first (the session keeps the last few thousand)',
      query: z.strictObject({ barType: z.string().min(1).max(128), limit: queryInt(1, 10_000).default(500) }),
      handler: ({ query }): BarsResponse => {
        const barType = host.barTypes.find((b) => b.key === query.barType);
        if (!barType)
          throw new ApiFailure(
            404,
            'BAR_TYPE_UNKNOWN',
            `barType: the session has no '${query.barType}' bars`,
            'barType',
          );
        const count = Math.min(query.limit, kernel.cache.barCount(barType));
        const bars: BarView[] = [];
        for (let ago = count - 1; ago >= 0; ago--) {
          const bar = kernel.cache.bar(barType, ago);
          if (bar) bars.push(barView(bar, bars.at(-1)?.ts));
        }
        return { barType: barType.key, instrumentId: barType.instrumentId, bars };
      },
    }),
    route({
      method: 'GET',
      url: '/api/snapshot',
      role: 'viewer',
      tag: 'market data',
      summary: 'Latest quote, trade, bar and book depth of an instrument',
      query: z.strictObject({ instrumentId: z.string().min(1).max(64), depth: queryInt(1, 50).default(10) }),
      handler: ({ query }): SnapshotView => {
        const instrument = instrumentOf(kernel, query.instrumentId);
        const quote = kernel.cache.quote(instrument.id);
        const trade = kernel.cache.trade(instrument.id);
        const barType = host.barTypes.find((b) => b.instrumentId === instrument.id);
        const bar = barType && kernel.cache.bar(barType);
        return {
          instrumentId: instrument.id,
          quote: quote ? quoteView(quote) : null,
          trade: trade ? tradeView(trade) : null,
          lastBar: bar ? barView(bar) : null,
          depth: bookDepthView(kernel.cache, instrument.id, query.depth, kernel.clock.now()),
        };
      },
    }),
    route({
      method: 'GET',
      url: '/api/orders',
      role: 'viewer',
      tag: 'orders',
      summary: 'Orders of the session (all, or only open ones), oldest first',
      query: z.strictObject({ status: z.enum(['all', 'open']).default('all') }),
      handler: ({ query }) =>
        (query.status === 'open' ? kernel.cache.openOrders() : kernel.cache.orders()).map(orderView),
    }),
    route({
      method: 'GET',
      url: '/api/orders/:clientOrderId',
      role: 'viewer',
      tag: 'orders',
      summary: 'One order',
      params: orderId,
      handler: ({ params }) => {
        const order = kernel.cache.order(params.clientOrderId);
        if (!order) throw notFound(`order '${params.clientOrderId}'`);
        return orderView(order);
      },
    }),
    route({
      method: 'POST',
      url: '/api/orders',
      role: 'trader',
      tag: 'orders',
      summary:
        'Place an order by hand (strategy `manual`); 422 with the reason when the risk engine denies it',
      status: 201,
      action: 'order.submit',
      body: orderTicketSchema,
      target: ({ body }) => body.instrumentId,
      handler: async ({ body, caller }) => {
        checkGrid(instrumentOf(kernel, body.instrumentId), body);
        return orderCommand(host, caller.username, { action: 'submit', ticket: body });
      },
    }),
    route({
      method: 'PATCH',
      url: '/api/orders/:clientOrderId',
      role: 'trader',
      tag: 'orders',
      summary: 'Change a working order’s quantity, price or trigger price',
      action: 'order.modify',
      params: orderId,
      body: amendmentSchema,
      target: ({ params }) => params.clientOrderId,
      handler: async ({ params, body, caller }) => {
        const order = kernel.cache.order(params.clientOrderId);
        if (!order) throw notFound(`order '${params.clientOrderId}'`);
        checkGrid(instrumentOf(kernel, order.instrumentId), body);
        return orderCommand(host, caller.username, {
          action: 'modify',
          clientOrderId: order.clientOrderId,
          changes: body,
        });
      },
    }),
    route({
      method: 'DELETE',
      url: '/api/orders/:clientOrderId',
      role: 'trader',
      tag: 'orders',
      summary: 'Cancel a working order',
      action: 'order.cancel',
      params: orderId,
      target: ({ params }) => params.clientOrderId,
      handler: ({ params, caller }) =>
        orderCommand(host, caller.username, { action: 'cancel', clientOrderId: params.clientOrderId }),
    }),
    route({
      method: 'GET',
      url: '/api/fills',
      role: 'viewer',
      tag: 'orders',
      summary: 'Every fill of the session, oldest first',
      handler: () => fillViews(kernel),
    }),
    route({
      method: 'GET',
      url: '/api/positions',
      role: 'viewer',
      tag: 'portfolio',
      summary: 'Positions (open and closed) with realised and unrealised P&L',
      handler: () => kernel.cache.positions().map((p) => positionView(p, kernel.cache)),
    }),
    route({
      method: 'GET',
      url: '/api/account',
      role: 'viewer',
      tag: 'portfolio',
      summary: 'Accounts: balance, equity, margin and P&L',
      handler: () => accountViews(host),
    }),
    route({
      method: 'GET',
      url: '/api/strategies',
      role: 'viewer',
      tag: 'strategies',
      summary: 'Strategies of the session with their state and parameters',
      handler: (): StrategyView[] =>
        kernel.strategies.map((s) => ({
          id: s.id,
          name: host.strategyNames.get(s.id) ?? s.id,
          state: s.state,
          params: s.params as Record<string, unknown>,
        })),
    }),
    ...(['start', 'stop'] as const).map((verb) =>
      route({
        method: 'POST',
        url: `/api/strategies/:id/${verb}`,
        role: 'trader',
        tag: 'strategies',
        summary: `${verb === 'start' ? 'Start' : 'Stop'} a strategy (its orders stay; stop them with the kill switch or by cancelling)`,
        action: `strategy.${verb}`,
        params: strategyId,
        target: ({ params }) => params.id,
        handler: async ({ params, caller }) => {
          await host.command(caller.username, 'api', { action: `strategy-${verb}`, strategyId: params.id });
          const strategy = kernel.strategies.find((s) => s.id === params.id);
          return { id: params.id, state: strategy?.state };
        },
      }),
    ),
    route({
      method: 'GET',
      url: '/api/risk',
      role: 'viewer',
      tag: 'risk',
      summary: 'Trading state, limits, recent denials and kill switch pulls',
      handler: () => riskView(kernel, riskLimits),
    }),
    route({
      method: 'POST',
      url: '/api/risk/kill',
      role: 'trader',
      tag: 'risk',
      summary: 'Pull the kill switch: halt trading, cancel every order, flatten every position',
      action: 'kill',
      body: z.strictObject({ reason: z.string().trim().min(1).max(500) }),
      handler: async ({ body, caller }) =>
        killView(await host.kill({ actor: caller.username, source: 'api', reason: body.reason })),
    }),
    route({
      method: 'POST',
      url: '/api/risk/state',
      role: 'admin',
      tag: 'risk',
      summary: 'Set the trading state (resume trading after a halt)',
      action: 'risk.state',
      body: z.strictObject({
        state: z.enum(['active', 'reducing', 'halted']),
        reason: z.string().trim().min(1).max(500).default('set from the dashboard'),
      }),
      target: ({ body }) => body.state,
      handler: async ({ body, caller }) => {
        await host.command(caller.username, 'api', {
          action: 'trading-state',
          state: body.state,
          reason: `${body.reason} (${caller.username})`,
        });
        return { tradingState: kernel.risk.tradingState };
      },
    }),
  ];
}
