/** One typed function per REST endpoint of the server. */
import { request } from './http';
import type {
  AccountView,
  BacktestJobView,
  BacktestRequest,
  BacktestResultView,
  BarsResponse,
  DatasetView,
  FillView,
  InstrumentView,
  KillView,
  LoginResponse,
  Me,
  OrderResponse,
  OrderTicket,
  OrderView,
  PositionView,
  RiskView,
  SessionView,
  SnapshotView,
  StrategyView,
} from './types';

const enc = encodeURIComponent;

export type TradingState = RiskView['tradingState'];

export const api = {
  login: (username: string, password: string) =>
    request<LoginResponse>('POST', '/api/login', { username, password }),
  logout: () => request<unknown>('POST', '/api/logout'),
  me: () => request<Me>('GET', '/api/me'),

  session: () => request<SessionView>('GET', '/api/session'),
  instruments: () => request<InstrumentView[]>('GET', '/api/instruments'),
  bars: (barType: string, limit = 500) =>
    request<BarsResponse>('GET', `/api/bars?barType=${enc(barType)}&limit=${limit}`),
  snapshot: (instrumentId: string) =>
    request<SnapshotView>('GET', `/api/snapshot?instrumentId=${enc(instrumentId)}`),

  orders: () => request<OrderView[]>('GET', '/api/orders'),
  submitOrder: (ticket: OrderTicket) => request<OrderResponse>('POST', '/api/orders', ticket),
  cancelOrder: (clientOrderId: string) => request<unknown>('DELETE', `/api/orders/${enc(clientOrderId)}`),
  fills: () => request<FillView[]>('GET', '/api/fills'),
  positions: () => request<PositionView[]>('GET', '/api/positions'),
  accounts: () => request<AccountView[]>('GET', '/api/account'),

  strategies: () => request<StrategyView[]>('GET', '/api/strategies'),
  startStrategy: (id: string) => request<unknown>('POST', `/api/strategies/${enc(id)}/start`),
  stopStrategy: (id: string) => request<unknown>('POST', `/api/strategies/${enc(id)}/stop`),

  risk: () => request<RiskView>('GET', '/api/risk'),
  kill: (reason: string) => request<KillView>('POST', '/api/risk/kill', { reason }),
  setTradingState: (state: TradingState) => request<unknown>('POST', '/api/risk/state', { state }),

  datasets: () => request<DatasetView[]>('GET', '/api/datasets'),
  backtests: () => request<BacktestJobView[]>('GET', '/api/backtests'),
  submitBacktest: (body: BacktestRequest) => request<{ id: string }>('POST', '/api/backtests', body),
  backtest: (id: string) => request<BacktestJobView>('GET', `/api/backtests/${enc(id)}`),
  backtestResult: (id: string) => request<BacktestResultView>('GET', `/api/backtests/${enc(id)}/result`),
  tearsheetUrl: (id: string) => `/api/backtests/${enc(id)}/tearsheet`,
};
