/**
 * The wire contract of Bourse's HTTP API and WebSocket stream: what the server sends and what the
 * dashboard (web/) reads. Types only, so the browser bundle can import them without server code.
 * Times are microseconds since the Unix epoch (UTC), as everywhere in Bourse; prices and sizes are
 * plain numbers already on the instrument's grid.
 */

import type { OrderType } from '../model/enums.js';

export type Role = 'viewer' | 'trader' | 'admin';

/** Every error response: `{ error: { code, message, field? } }` with a 4xx/5xx status. */
export interface ApiError {
  readonly error: {
    readonly code: string;
    readonly message: string;
    /** The payload field that was wrong, when one was: a dotted path, `[i]` for list items (`params[1]`). */
    readonly field?: string;
  };
}

export interface Me {
  readonly username: string;
  readonly role: Role;
  /** Send back as the `x-csrf-token` header on every mutating request made with the session cookie. */
  readonly csrfToken: string;
}

/** POST /api/login → 200 LoginResponse (also sets the HttpOnly session cookie). */
export interface LoginResponse extends Me {
  /** The same session as a bearer token, for scripts (`Authorization: Bearer …`). */
  readonly token: string;
  /** When the session ends unless renewed (µs). */
  readonly expires: number;
}

export type SessionState = 'starting' | 'running' | 'ended' | 'stopped' | 'failed';

/** GET /api/session: the trading session the server hosts. */
export interface SessionView {
  readonly kind: 'paper' | 'live';
  readonly name: string;
  readonly state: SessionState;
  /** Whether market data and the venue are connected (a paper session is, while it runs). */
  readonly connected: boolean;
  /** Time of the last data point handled (µs), or null before the first. */
  readonly dataTime: number | null;
  readonly instruments: readonly string[];
  /** Bar types the session trades (keys such as `ESZ3.CME-1-MINUTE-LAST-EXTERNAL`). */
  readonly barTypes: readonly string[];
  /** Data time per wall-clock second (paper replays), null when live. */
  readonly speed: number | null;
  /** Why it failed, when it did. */
  readonly error?: string;
}

export interface InstrumentView {
  readonly id: string;
  readonly symbol: string;
  readonly venue: string;
  readonly kind: string;
  readonly currency: string;
  readonly priceIncrement: number;
  readonly sizeIncrement: number;
  readonly multiplier: number;
}

export interface BarView {
  /** Close time (µs): bars are stamped at their close. */
  readonly ts: number;
  /** Open time (µs). */
  readonly tsOpen: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/** GET /api/bars?barType=KEY&limit=N (oldest first). */
export interface BarsResponse {
  readonly barType: string;
  readonly instrumentId: string;
  readonly bars: readonly BarView[];
}

export interface QuoteView {
  readonly instrumentId: string;
  readonly ts: number;
  readonly bidPrice: number;
  readonly bidSize: number;
  readonly askPrice: number;
  readonly askSize: number;
}

export interface TradeView {
  readonly instrumentId: string;
  readonly ts: number;
  readonly price: number;
  readonly size: number;
  readonly aggressor: 'buyer' | 'seller' | 'none';
}

/** Price levels best first: `[price, size]`. */
export interface DepthView {
  readonly instrumentId: string;
  readonly ts: number;
  readonly bids: readonly (readonly [number, number])[];
  readonly asks: readonly (readonly [number, number])[];
}

/** GET /api/snapshot?instrumentId=ID: the latest of each kind of data the session has. */
export interface SnapshotView {
  readonly instrumentId: string;
  readonly quote: QuoteView | null;
  readonly trade: TradeView | null;
  readonly lastBar: BarView | null;
  readonly depth: DepthView | null;
}

export type OrderSideView = 'buy' | 'sell';
export type OrderTypeView = OrderType;
export type TimeInForceView = 'GTC' | 'DAY' | 'IOC' | 'FOK' | 'GTD';

export interface OrderView {
  readonly clientOrderId: string;
  readonly strategyId: string;
  readonly instrumentId: string;
  readonly side: OrderSideView;
  readonly type: OrderTypeView;
  readonly quantity: number;
  readonly filledQuantity: number;
  readonly price: number | null;
  readonly triggerPrice: number | null;
  readonly averagePrice: number | null;
  readonly timeInForce: string;
  /** initialized, submitted, accepted, partially-filled, filled, canceled, expired, rejected, denied… */
  readonly status: string;
  readonly tsInit: number;
  readonly tsLast: number;
  /** Why it was denied or rejected, when it was. */
  readonly reason?: string;
}

/** POST /api/orders (role trader). */
export interface OrderTicket {
  readonly instrumentId: string;
  readonly side: OrderSideView;
  readonly type: 'market' | 'limit' | 'stop-market' | 'stop-limit';
  readonly quantity: number;
  readonly price?: number;
  readonly triggerPrice?: number;
  readonly timeInForce?: 'GTC' | 'DAY';
}

/**
 * POST /api/orders → 201 `{ order }` once the session took it; when the risk engine denies it the
 * answer is 422 `{ error: { code: 'RISK_DENIED', message }, order }` with the denial reason.
 */
export interface OrderResponse {
  readonly order: OrderView;
}

/** PATCH /api/orders/:clientOrderId (role trader). */
export interface OrderAmendment {
  readonly quantity?: number;
  readonly price?: number;
  readonly triggerPrice?: number;
}

export interface FillView {
  readonly tradeId: string;
  readonly clientOrderId: string;
  readonly strategyId: string;
  readonly instrumentId: string;
  readonly side: OrderSideView;
  readonly quantity: number;
  readonly price: number;
  readonly commission: number;
  readonly currency: string;
  readonly liquidity: string;
  readonly ts: number;
}

export interface PositionView {
  readonly instrumentId: string;
  /** Signed: positive long, negative short. */
  readonly quantity: number;
  readonly averagePrice: number | null;
  readonly realizedPnl: number;
  readonly unrealizedPnl: number;
  readonly currency: string;
  readonly tsLast: number;
}

export interface AccountView {
  readonly accountId: string;
  readonly venue: string;
  readonly currency: string;
  readonly balance: number;
  readonly equity: number;
  readonly margin: number;
  readonly realizedPnl: number;
  readonly unrealizedPnl: number;
  readonly ts: number;
}

export interface StrategyView {
  readonly id: string;
  /** Registered strategy name (`sma-cross`), or `manual` for the dashboard's own orders. */
  readonly name: string;
  /** Component state: ready, running, stopped, disposed… */
  readonly state: string;
  readonly params: Readonly<Record<string, unknown>>;
}

export interface DenialView {
  readonly ts: number;
  readonly clientOrderId: string;
  readonly strategyId: string;
  readonly code: string;
  readonly reason: string;
}

/** GET /api/risk. */
export interface RiskView {
  readonly tradingState: 'active' | 'reducing' | 'halted';
  /** The limits in force (the config's `risk` section). */
  readonly limits: Readonly<Record<string, unknown>>;
  readonly deniedCount: number;
  /** The most recent denials, newest last. */
  readonly denials: readonly DenialView[];
  /** Kill switch pulls, oldest first. */
  readonly kills: readonly KillView[];
}

/** POST /api/risk/kill (role trader) → 200 KillView. */
export interface KillView {
  readonly ts: number;
  readonly actor: string;
  readonly reason: string;
  readonly canceledOrders: number;
  readonly flattenedPositions: number;
}

export type BacktestJobStatus = 'queued' | 'running' | 'completed' | 'failed';

/** POST /api/backtests (role trader) → 202 `{ id }`. */
export interface BacktestRequest {
  /** A bundled data set's name (GET /api/datasets). */
  readonly dataset: string;
  readonly strategy: string;
  /** `key=value` parameters, as on the command line. */
  readonly params?: readonly string[];
  readonly startingCash?: number;
}

export interface BacktestJobView {
  readonly id: string;
  readonly status: BacktestJobStatus;
  readonly request: BacktestRequest;
  /** 0..1 */
  readonly progress: number;
  readonly submitted: number;
  readonly finished: number | null;
  readonly error?: string;
  /** Present once completed. */
  readonly summary?: BacktestSummaryView;
}

export interface BacktestSummaryView {
  readonly finalValue: number;
  readonly totalReturn: number;
  readonly maxDrawdown: number;
  readonly sharpe: number | null;
  readonly trades: number;
  readonly statistics: Readonly<Record<string, number | string | null>>;
}

/** GET /api/backtests/:id/result: what the dashboard's tearsheet draws. */
export interface BacktestResultView {
  readonly id: string;
  readonly summary: BacktestSummaryView;
  /** Equity per bar: `[ts, equity]`. */
  readonly equity: readonly (readonly [number, number])[];
  /** Drawdown from the running peak, as a negative fraction: `[ts, drawdown]`. */
  readonly drawdown: readonly (readonly [number, number])[];
  readonly trades: readonly BacktestTradeView[];
}

export interface BacktestTradeView {
  readonly instrumentId: string;
  readonly side: 'long' | 'short';
  readonly quantity: number;
  readonly entryTime: number;
  readonly entryPrice: number;
  readonly exitTime: number;
  readonly exitPrice: number;
  readonly pnl: number;
}

export type OptimizationJobStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

/** How an optimisation chooses combinations (as `bourse optimize --search`). */
export type OptimizationSearch =
  | { readonly kind: 'grid' }
  | { readonly kind: 'random'; readonly samples: number; readonly seed: number }
  | {
      readonly kind: 'genetic';
      readonly population: number;
      readonly generations: number;
      readonly seed: number;
    };

/** POST /api/optimizations (role trader) → 202 `{ id }`; as the server keeps it (defaults applied). */
export interface OptimizationRequest {
  /** A bundled data set's name (GET /api/datasets). */
  readonly dataset: string;
  readonly strategy: string;
  /** Parameter spaces, as `bourse optimize --param`: `fast=5..20:5`, `slow=20..60:10`, `mode=a,b`. */
  readonly params: readonly string[];
  readonly startingCash?: number;
  readonly search: OptimizationSearch;
  /** sharpe, sortino, calmar, return or sqn. */
  readonly objective: string;
  readonly constraints?: { readonly minTrades?: number; readonly maxDrawdownPct?: number };
  /** Worker threads (default: available parallelism − 1, at least 1). */
  readonly workers?: number;
}

/** One combination's result: what `bourse optimize --json` prints for it, ranked. */
export interface OptimizationResultView {
  /** 1 for the best. */
  readonly rank: number;
  /** The strategy's parameters, defaults included. */
  readonly params: Readonly<Record<string, unknown>>;
  readonly objective: number | null;
  readonly constraintsMet: boolean;
  readonly finalValue: number;
  /** The statistics of `bourse backtest --json` for that combination. */
  readonly statistics: Readonly<Record<string, number | string | null>>;
}

export interface OptimizationJobView {
  readonly id: string;
  readonly status: OptimizationJobStatus;
  readonly request: OptimizationRequest;
  /** Combinations finished, of `total` planned (repeats and refused ones make the end fewer). */
  readonly done: number;
  readonly total: number;
  /** Worker threads it runs on. */
  readonly workers: number;
  /** Combinations the strategy refused as a whole (`fast` not below `slow`…), counted in `done`. */
  readonly refused: number;
  readonly submitted: number;
  readonly started: number | null;
  readonly finished: number | null;
  readonly error?: string;
  /** The best result so far (its statistics: GET /api/optimizations/:id/results). */
  readonly best?: Omit<OptimizationResultView, 'rank' | 'statistics'>;
}

/** GET /api/optimizations/:id/results?top=N: the best results (so far, while it runs), best first. */
export interface OptimizationResultsView {
  readonly id: string;
  readonly status: OptimizationJobStatus;
  readonly objective: string;
  /** Results held (a finished job keeps its best 1,000). */
  readonly count: number;
  readonly results: readonly OptimizationResultView[];
}

/** A frame of the `backtests` channel: a backtest job or an optimisation job, told apart by `kind`. */
export type BacktestsChannelFrame =
  | ({ readonly kind: 'backtest' } & BacktestJobView)
  | ({ readonly kind: 'optimization' } & OptimizationJobView);

export interface DatasetView {
  readonly name: string;
  readonly description: string;
}

export interface AlertView {
  readonly id: string;
  /** daily-loss, disconnected, denial-spike, stale-data */
  readonly rule: string;
  readonly severity: 'warning' | 'critical';
  readonly state: 'firing' | 'resolved';
  readonly message: string;
  readonly ts: number;
}

export interface LogView {
  readonly ts: number;
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly message: string;
}

/**
 * WebSocket `/api/ws` (session cookie, or `?token=` for scripts). Client → server messages.
 * `subscribe` names channels (and, for market data, instruments; default all); `resume` asks for
 * every reliable message after `afterSeq` (after a reconnect).
 */
export type ClientMessage =
  | { readonly type: 'subscribe'; readonly channels: readonly StreamChannel[] }
  | { readonly type: 'unsubscribe'; readonly channels: readonly StreamChannel[] }
  | { readonly type: 'resume'; readonly afterSeq: number }
  | { readonly type: 'ping'; readonly id: number };

/** Market data channels: a slow client gets the latest value per key (conflated), never a backlog. */
export type MarketChannel = 'quotes' | 'trades' | 'bars' | 'depth';
/** Reliable channels: every message, in order, numbered by `seq`; none is ever dropped. */
export type ReliableChannel =
  | 'orders'
  | 'fills'
  | 'positions'
  | 'account'
  | 'risk'
  | 'alerts'
  | 'logs'
  | 'session'
  | 'backtests';
export type StreamChannel = MarketChannel | ReliableChannel;

export const MARKET_CHANNELS: readonly MarketChannel[] = ['quotes', 'trades', 'bars', 'depth'];
export const RELIABLE_CHANNELS: readonly ReliableChannel[] = [
  'orders',
  'fills',
  'positions',
  'account',
  'risk',
  'alerts',
  'logs',
  'session',
  'backtests',
];

/** Payload of each channel. */
export interface ChannelPayloads {
  readonly quotes: QuoteView;
  readonly trades: TradeView;
  readonly bars: BarView & { readonly barType: string; readonly instrumentId: string };
  readonly depth: DepthView;
  readonly orders: OrderView;
  readonly fills: FillView;
  readonly positions: PositionView;
  readonly account: AccountView;
  readonly risk: RiskView;
  readonly alerts: AlertView;
  readonly logs: LogView;
  readonly session: SessionView;
  /**
   * Backtest jobs (`kind: 'backtest'`: status and progress at each change, at most every 100 ms or
   * 1 %) and optimisation jobs (`kind: 'optimization'`: each status change, and progress at most
   * every 250 ms and 0.5 % of the total, the latest state; the final state always).
   */
  readonly backtests: BacktestsChannelFrame;
}

/**
 * Server → client messages. Each WebSocket text frame the server sends is a `ServerFrame`: one
 * `ServerMessage` JSON object when it holds a single message, else a JSON array of the messages,
 * in order (everything a client is due in one flush goes out as one frame). A client flattens
 * arrays and handles the messages one by one.
 */
export type ServerMessage =
  | {
      readonly type: 'hello';
      readonly user: string;
      readonly role: Role;
      /** The last reliable seq sent so far: resume from here after a reconnect. */
      readonly seq: number;
    }
  | {
      readonly type: 'data';
      readonly channel: MarketChannel;
      /** Server send time (ms since epoch, `Date.now()`), for latency measurement. */
      readonly sent: number;
      readonly data: ChannelPayloads[MarketChannel];
    }
  | {
      readonly type: 'event';
      readonly channel: ReliableChannel;
      readonly seq: number;
      readonly sent: number;
      readonly data: ChannelPayloads[ReliableChannel];
    }
  /** `resume` asked for messages older than the server keeps: refetch state over REST. */
  | { readonly type: 'reset'; readonly seq: number }
  | { readonly type: 'pong'; readonly id: number }
  | { readonly type: 'error'; readonly message: string };

/** One WebSocket frame of the stream: a single message, or several in order (see `ServerMessage`). */
export type ServerFrame = ServerMessage | readonly ServerMessage[];
