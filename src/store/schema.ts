/**
 * The database as Kysely sees it: one interface per table, snake_case columns.
 *
 * Conventions: timestamps are BIGINT microseconds since the Unix epoch (UTC), read back as
 * `number` (exact to 2^53; both engines are set up to parse int8 as a number). Money, prices and
 * quantities are DOUBLE PRECISION: the kernel computes in IEEE doubles already rounded to the
 * currency's precision, and float8 stores and returns that exact double, so a replay from the
 * store reproduces the kernel's numbers bit for bit (NUMERIC would come back as a string and
 * round-trip through decimal text). JSON documents are JSONB.
 */
import type { ColumnType } from 'kysely';
import type { Instrument } from '../model/instruments.js';
import type { OrderInit } from '../model/order.js';
import type { OrderEvent } from '../model/order-events.js';
import type { JsonValue } from './json.js';

/** A JSONB column: written as JSON text, read back parsed. */
type Jsonb<T> = ColumnType<T, string, string>;
/** A column the database fills in and nobody updates. */
type Serial = ColumnType<number, never, never>;

export interface InstrumentsTable {
  id: string;
  definition: Jsonb<Instrument>;
  updated_at: number;
}

export interface OrdersTable {
  client_order_id: string;
  strategy_id: string;
  instrument_id: string;
  init: Jsonb<OrderInit>;
  status: string;
  created_at: number;
  updated_at: number;
}

export interface OrderEventsTable {
  seq: Serial;
  client_order_id: string;
  strategy_id: string;
  instrument_id: string;
  kind: string;
  ts_event: number;
  ts_init: number;
  payload: Jsonb<OrderEvent>;
}

export interface FillsTable {
  id: Serial;
  client_order_id: string;
  trade_id: string;
  strategy_id: string;
  instrument_id: string;
  venue_order_id: string;
  side: string;
  quantity: number;
  price: number;
  commission: number;
  liquidity: string;
  ts_event: number;
  ts_init: number;
}

export interface PositionsTable {
  account_id: string;
  strategy_id: string;
  instrument_id: string;
  quantity: number;
  average_price: number;
  realized_pnl: number;
  commissions: number;
  currency: string;
  updated_at: number;
}

export interface AccountSnapshotsTable {
  seq: Serial;
  account_id: string;
  ts: number;
  balance: number;
  equity: number;
  margin: number;
  currency: string;
}

export interface StrategyStateTable {
  strategy_id: string;
  state: Jsonb<JsonValue>;
  updated_at: number;
}

export interface BacktestRunsTable {
  id: Serial;
  created: number;
  params: Jsonb<JsonValue>;
  status: string;
  finished: number | null;
  error: string | null;
}

export interface BacktestResultsTable {
  run_id: number;
  result: Jsonb<JsonValue>;
  created: number;
}

export interface UsersTable {
  id: Serial;
  username: string;
  password_hash: string;
  role: string;
  created: number;
}

export interface AuditLogTable {
  seq: Serial;
  ts: number;
  actor: string;
  action: string;
  target: string | null;
  details: Jsonb<JsonValue>;
  source: string;
  origin: string | null;
}

export interface SessionJournalTable {
  position: number;
  data_index: number;
  entry: Jsonb<JsonValue>;
}

export interface Database {
  session_journal: SessionJournalTable;
  instruments: InstrumentsTable;
  orders: OrdersTable;
  order_events: OrderEventsTable;
  fills: FillsTable;
  positions: PositionsTable;
  account_snapshots: AccountSnapshotsTable;
  strategy_state: StrategyStateTable;
  backtest_runs: BacktestRunsTable;
  backtest_results: BacktestResultsTable;
  users: UsersTable;
  audit_log: AuditLogTable;
}
