/**
 * The session's kernel as streams: subscribes to its bus and hands each market data point, order
 * event, fill, position change and risk change to the stream hub as wire views. Book updates are
 * many: the depth of a book that changed goes out at most every `depthIntervalMs`.
 */
import { depthTopic, quoteTopic, tradeTopic } from '../data/engine.js';
import { orderTopic } from '../execution/engine.js';
import type { Bar, BookDepthSnapshot, QuoteTick, TradeTick } from '../model/data.js';
import type { OrderEvent } from '../model/order-events.js';
import { type PositionEvent, positionTopic } from '../portfolio/portfolio.js';
import { KILL_SWITCH_TOPIC, type KillSwitchSummary } from '../risk/kill-switch.js';
import { RISK_STATE_TOPIC, type TradingStateChanged } from '../risk/types.js';
import type { SessionHost } from './host.js';
import { accountViews, riskView, sessionView } from './session-views.js';
import type { StreamHub } from './stream-hub.js';
import {
  accountCurrency,
  barView,
  bookDepthView,
  depthSnapshotView,
  fillView,
  orderView,
  positionView,
  quoteView,
  tradeView,
} from './views.js';

export interface FeedOptions {
  readonly depthLevels?: number;
  readonly depthIntervalMs?: number;
  /** How often the session state and the accounts are checked for changes. */
  readonly statusIntervalMs?: number;
  readonly riskLimits: Readonly<Record<string, unknown>>;
}

/** Streams a session through a hub until the returned function is called. */
export function feedSession(host: SessionHost, hub: StreamHub, options: FeedOptions): () => void {
  const { kernel } = host;
  const { bus, cache } = kernel;
  const levels = options.depthLevels ?? 10;
  const dirtyBooks = new Set<string>();
  const publishRisk = () => hub.publishEvent('risk', riskView(kernel, options.riskLimits, 20));

  const unsubscribers = [
    ...host.barTypes.map((barType) =>
      bus.subscribe<Bar>(barType.topic, (bar) =>
        hub.publishMarket('bars', `${barType.key}@${bar.tsEvent}`, {
          ...barView(bar, cache.bar(barType, 1)?.tsEvent),
          barType: barType.key,
          instrumentId: barType.instrumentId,
        }),
      ),
    ),
    bus.subscribe<QuoteTick>(quoteTopic('*'), (quote) =>
      hub.publishMarket('quotes', quote.instrumentId, quoteView(quote)),
    ),
    bus.subscribe<TradeTick>(tradeTopic('*'), (trade) =>
      hub.publishMarket('trades', trade.instrumentId, tradeView(trade)),
    ),
    bus.subscribe<BookDepthSnapshot>(depthTopic('*'), (snapshot) => {
      const grid = cache.instrument(snapshot.instrumentId)?.priceGrid;
      if (grid) hub.publishMarket('depth', snapshot.instrumentId, depthSnapshotView(snapshot, grid));
    }),
    bus.subscribe<{ instrumentId: string }>('data.book.*', (event) => dirtyBooks.add(event.instrumentId)),
    bus.subscribe<OrderEvent>(orderTopic('*'), (event) => {
      const order = cache.order(event.clientOrderId);
      if (!order) return;
      hub.publishEvent('orders', orderView(order));
      if (event.kind === 'filled')
        hub.publishEvent('fills', fillView(order, event, accountCurrency(kernel, order.instrumentId)));
      else if (event.kind === 'denied') publishRisk();
    }),
    bus.subscribe<PositionEvent>(positionTopic('*'), (event) => {
      const position = cache.position(event.instrumentId);
      if (position) hub.publishEvent('positions', positionView(position, cache));
    }),
    // The kernel logs these (streamed on `logs` by the session's LogRelay); here the risk view follows.
    bus.subscribe<TradingStateChanged>(RISK_STATE_TOPIC, publishRisk),
    bus.subscribe<KillSwitchSummary>(KILL_SWITCH_TOPIC, publishRisk),
  ];

  const depthTimer = setInterval(() => {
    for (const instrumentId of dirtyBooks) {
      const depth = bookDepthView(cache, instrumentId, levels, kernel.clock.now());
      if (depth) hub.publishMarket('depth', instrumentId, depth);
    }
    dirtyBooks.clear();
  }, options.depthIntervalMs ?? 100);

  let lastSession = '';
  const lastAccounts = new Map<string, string>();
  const statusTimer = setInterval(() => {
    const session = sessionView(host);
    const sessionKey = `${session.state}|${session.connected}|${session.error ?? ''}`;
    if (sessionKey !== lastSession) {
      if (lastSession !== '')
        hub.publishEvent('logs', {
          ts: kernel.clock.now(),
          level: 'info',
          message: `session ${host.name} is ${session.state}`,
        });
      lastSession = sessionKey;
      hub.publishEvent('session', session);
    }
    for (const account of accountViews(host)) {
      const key = `${account.balance}|${account.equity}|${account.margin}|${account.realizedPnl}|${account.unrealizedPnl}`;
      if (lastAccounts.get(account.accountId) === key) continue;
      lastAccounts.set(account.accountId, key);
      hub.publishEvent('account', account);
    }
  }, options.statusIntervalMs ?? 1000);

  return () => {
    for (const unsubscribe of unsubscribers) unsubscribe();
    clearInterval(depthTimer);
    clearInterval(statusTimer);
  };
}
