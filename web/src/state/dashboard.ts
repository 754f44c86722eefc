/** The dashboard's state: everything the panels show, fed by REST loads and the WebSocket. */
import type { ConnectionStatus } from '../api/socket';
import type {
  AccountView,
  AlertView,
  BarsResponse,
  BarView,
  DepthView,
  FillView,
  InstrumentView,
  LogView,
  MarketUpdate,
  OrderView,
  PositionView,
  QuoteView,
  ReliableUpdate,
  RiskView,
  SessionView,
  SnapshotView,
  StrategyView,
  TradeView,
} from '../api/types';
import { type ListPolicy, mergeLatest, newestFirst } from './collections';
import { createStore, type Store } from './store';

const ORDER_CAP = 500;
const FILL_CAP = 500;
const BAR_CAP = 2000;
const FEED_CAP = 100;

export interface ChartState {
  barType: string | null;
  instrumentId: string | null;
  /** Oldest first. */
  bars: readonly BarView[];
  /** Bumped whenever `bars` is replaced rather than appended to (the chart then redraws all). */
  generation: number;
}

export interface FeedItem {
  readonly id: number;
  readonly ts: number;
  readonly source: 'alert' | 'log';
  /** Alert severity or log level. */
  readonly level: string;
  readonly message: string;
  /** `firing`/`resolved` and the rule, for alerts. */
  readonly detail?: string;
}

export interface DashboardState {
  readonly session: SessionView | null;
  readonly instruments: Readonly<Record<string, InstrumentView>>;
  readonly chart: ChartState;
  readonly quotes: Readonly<Record<string, QuoteView>>;
  readonly trades: Readonly<Record<string, TradeView>>;
  readonly depth: Readonly<Record<string, DepthView>>;
  /** Newest first. */
  readonly orders: readonly OrderView[];
  /** Newest first. */
  readonly fills: readonly FillView[];
  readonly positions: readonly PositionView[];
  readonly accounts: readonly AccountView[];
  readonly strategies: readonly StrategyView[];
  readonly risk: RiskView | null;
  /** Alerts and logs, newest first. */
  readonly feed: readonly FeedItem[];
  readonly nextFeedId: number;
  /** Newest market data time seen on the stream (µs): the session view's dataTime is only polled. */
  readonly lastMarketTime: number | null;
  readonly connection: { readonly status: ConnectionStatus; readonly attempt: number };
  readonly loadError: string | null;
}

/** Everything loaded over REST at start and after a stream reset. */
export interface RestSnapshot {
  readonly session: SessionView;
  readonly instruments: readonly InstrumentView[];
  readonly orders: readonly OrderView[];
  readonly fills: readonly FillView[];
  readonly positions: readonly PositionView[];
  readonly accounts: readonly AccountView[];
  readonly strategies: readonly StrategyView[];
  readonly risk: RiskView;
}

export type DashboardAction =
  | { readonly type: 'rest-loaded'; readonly snapshot: RestSnapshot }
  | { readonly type: 'load-failed'; readonly message: string }
  | { readonly type: 'chart-selected'; readonly barType: string }
  | { readonly type: 'bars-loaded'; readonly response: BarsResponse }
  | { readonly type: 'snapshot-loaded'; readonly snapshot: SnapshotView }
  | { readonly type: 'strategies-loaded'; readonly strategies: readonly StrategyView[] }
  | { readonly type: 'risk-loaded'; readonly risk: RiskView }
  | { readonly type: 'order-updated'; readonly order: OrderView }
  | { readonly type: 'market'; readonly update: MarketUpdate }
  | { readonly type: 'event'; readonly update: ReliableUpdate }
  | { readonly type: 'connection'; readonly status: ConnectionStatus; readonly attempt: number };

export type DashboardStore = Store<DashboardState, DashboardAction>;

export const initialDashboardState: DashboardState = {
  session: null,
  instruments: {},
  chart: { barType: null, instrumentId: null, bars: [], generation: 0 },
  quotes: {},
  trades: {},
  depth: {},
  orders: [],
  fills: [],
  positions: [],
  accounts: [],
  strategies: [],
  risk: null,
  feed: [],
  nextFeedId: 1,
  lastMarketTime: null,
  connection: { status: 'offline', attempt: 0 },
  loadError: null,
};

export function createDashboardStore(): DashboardStore {
  return createStore(dashboardReducer, initialDashboardState);
}

const orderPolicy: ListPolicy<OrderView> = {
  key: (o) => o.clientOrderId,
  version: (o) => o.tsLast,
  compare: newestFirst(
    (o) => o.tsInit,
    (o) => o.clientOrderId,
  ),
  cap: ORDER_CAP,
};

const fillPolicy: ListPolicy<FillView> = {
  key: (f) => f.tradeId,
  version: (f) => f.ts,
  compare: newestFirst(
    (f) => f.ts,
    (f) => f.tradeId,
  ),
  cap: FILL_CAP,
};

const positionPolicy: ListPolicy<PositionView> = {
  key: (p) => p.instrumentId,
  version: (p) => p.tsLast,
  compare: (a, b) => a.instrumentId.localeCompare(b.instrumentId),
  cap: Number.POSITIVE_INFINITY,
};

const accountPolicy: ListPolicy<AccountView> = {
  key: (a) => a.accountId,
  version: (a) => a.ts,
  compare: (a, b) => a.accountId.localeCompare(b.accountId),
  cap: Number.POSITIVE_INFINITY,
};

export function dashboardReducer(state: DashboardState, action: DashboardAction): DashboardState {
  switch (action.type) {
    case 'rest-loaded': {
      const { snapshot } = action;
      return {
        ...state,
        session: snapshot.session,
        instruments: Object.fromEntries(snapshot.instruments.map((i) => [i.id, i])),
        orders: mergeLatest(state.orders, snapshot.orders, orderPolicy),
        fills: mergeLatest(state.fills, snapshot.fills, fillPolicy),
        positions: mergeLatest(state.positions, snapshot.positions, positionPolicy),
        accounts: mergeLatest(state.accounts, snapshot.accounts, accountPolicy),
        strategies: snapshot.strategies,
        risk: snapshot.risk,
        chart: withDefaultBarType(state.chart, snapshot.session),
        loadError: null,
      };
    }
    case 'load-failed':
      return { ...state, loadError: action.message };
    case 'chart-selected':
      if (action.barType === state.chart.barType) return state;
      return {
        ...state,
        chart: {
          barType: action.barType,
          instrumentId: null,
          bars: [],
          generation: state.chart.generation + 1,
        },
      };
    case 'bars-loaded':
      return { ...state, chart: withLoadedBars(state.chart, action.response) };
    case 'snapshot-loaded': {
      const { snapshot } = action;
      const id = snapshot.instrumentId;
      return {
        ...state,
        quotes: snapshot.quote ? { ...state.quotes, [id]: snapshot.quote } : state.quotes,
        trades: snapshot.trade ? { ...state.trades, [id]: snapshot.trade } : state.trades,
        depth: snapshot.depth ? { ...state.depth, [id]: snapshot.depth } : state.depth,
      };
    }
    case 'strategies-loaded':
      return { ...state, strategies: action.strategies };
    case 'risk-loaded':
      return { ...state, risk: action.risk };
    case 'order-updated':
      return { ...state, orders: mergeLatest(state.orders, [action.order], orderPolicy) };
    case 'market':
      return withMarketTime(applyMarketUpdate(state, action.update), action.update.data.ts);
    case 'event':
      return applyReliableUpdate(state, action.update);
    case 'connection':
      if (action.status === state.connection.status && action.attempt === state.connection.attempt)
        return state;
      return { ...state, connection: { status: action.status, attempt: action.attempt } };
  }
}

function applyMarketUpdate(state: DashboardState, update: MarketUpdate): DashboardState {
  switch (update.channel) {
    case 'quotes':
      return { ...state, quotes: { ...state.quotes, [update.data.instrumentId]: update.data } };
    case 'trades':
      return { ...state, trades: { ...state.trades, [update.data.instrumentId]: update.data } };
    case 'depth':
      return { ...state, depth: { ...state.depth, [update.data.instrumentId]: update.data } };
    case 'bars': {
      if (update.data.barType !== state.chart.barType) return state;
      const bars = appendBar(state.chart.bars, update.data);
      return bars === state.chart.bars ? state : { ...state, chart: { ...state.chart, bars } };
    }
  }
}

function withMarketTime(state: DashboardState, ts: number): DashboardState {
  return state.lastMarketTime !== null && state.lastMarketTime >= ts
    ? state
    : { ...state, lastMarketTime: ts };
}

function applyReliableUpdate(state: DashboardState, update: ReliableUpdate): DashboardState {
  switch (update.channel) {
    case 'orders':
      return { ...state, orders: mergeLatest(state.orders, [update.data], orderPolicy) };
    case 'fills':
      return { ...state, fills: mergeLatest(state.fills, [update.data], fillPolicy) };
    case 'positions':
      return { ...state, positions: mergeLatest(state.positions, [update.data], positionPolicy) };
    case 'account':
      return { ...state, accounts: mergeLatest(state.accounts, [update.data], accountPolicy) };
    case 'risk':
      return { ...state, risk: update.data };
    case 'session':
      return { ...state, session: update.data, chart: withDefaultBarType(state.chart, update.data) };
    case 'alerts':
      return addFeedItem(state, alertItem(state.nextFeedId, update.data));
    case 'logs':
      return addFeedItem(state, logItem(state.nextFeedId, update.data));
    case 'backtests':
      // The backtest runner follows its own job (useBacktestJob); other users' jobs are not shown.
      return state;
  }
}

function withDefaultBarType(chart: ChartState, session: SessionView): ChartState {
  const first = session.barTypes[0];
  if (chart.barType !== null || first === undefined) return chart;
  return { barType: first, instrumentId: null, bars: [], generation: chart.generation + 1 };
}

/** REST history, plus any live bars that arrived while it loaded. */
function withLoadedBars(chart: ChartState, response: BarsResponse): ChartState {
  if (response.barType !== chart.barType) return chart;
  let bars: readonly BarView[] = response.bars;
  const lastLoaded = bars.at(-1)?.tsOpen ?? Number.NEGATIVE_INFINITY;
  for (const bar of chart.bars) if (bar.tsOpen > lastLoaded) bars = appendBar(bars, bar);
  return { ...chart, instrumentId: response.instrumentId, bars, generation: chart.generation + 1 };
}

/** Appends a newer bar or replaces the last one when it has the same open time; older bars are ignored. */
function appendBar(bars: readonly BarView[], bar: BarView): readonly BarView[] {
  const last = bars.at(-1);
  if (last && bar.tsOpen < last.tsOpen) return bars;
  const kept = last && bar.tsOpen === last.tsOpen ? bars.slice(0, -1) : bars;
  const next = [...kept, bar];
  return next.length > BAR_CAP ? next.slice(next.length - BAR_CAP) : next;
}

function addFeedItem(state: DashboardState, item: FeedItem): DashboardState {
  return { ...state, feed: [item, ...state.feed].slice(0, FEED_CAP), nextFeedId: state.nextFeedId + 1 };
}

function alertItem(id: number, alert: AlertView): FeedItem {
  return {
    id,
    ts: alert.ts,
    source: 'alert',
    level: alert.severity,
    message: alert.message,
    detail: `${alert.rule} ${alert.state}`,
  };
}

function logItem(id: number, log: LogView): FeedItem {
  return { id, ts: log.ts, source: 'log', level: log.level, message: log.message };
}

/** The latest data time known: the session's, or newer market data. */
export function selectDataTime(state: DashboardState): number | null {
  const sessionTime = state.session?.dataTime ?? null;
  if (sessionTime === null) return state.lastMarketTime;
  return state.lastMarketTime === null ? sessionTime : Math.max(sessionTime, state.lastMarketTime);
}

/** The instrument the chart and the depth ladder follow. */
export function selectFocusInstrumentId(state: DashboardState): string | null {
  return state.chart.instrumentId ?? state.session?.instruments[0] ?? null;
}
