/**
 * Persistence: one schema and one set of migrations on embedded PGlite (default) or PostgreSQL.
 * See docs/store.md.
 */
export {
  type AuditEntry,
  type AuditRecord,
  AuditRepository,
  type AuditSource,
  BACKTEST_STATUSES,
  type BacktestRun,
  type BacktestStatus,
  BacktestsRepository,
  USER_ROLES,
  type UserRecord,
  type UserRole,
  UsersRepository,
} from './admin-repos.js';
export { APPEND_ONLY_SQLSTATE, StoreError, type StoreErrorCode, toStoreError } from './errors.js';
export { OrderJournal, type OrderJournalOptions, type OrderJournalStats } from './journal.js';
export type { JsonValue } from './json.js';
export { MIGRATIONS, migrationProvider, SCHEMA_VERSION } from './migrations.js';
export {
  type FillRecord,
  FillsRepository,
  OrderEventsRepository,
  type OrderLogEntry,
  OrdersRepository,
  type StoredOrder,
  type StoredOrderEvent,
} from './order-log.js';
export { PGliteDialect, type PGliteDialectConfig } from './pglite-dialect.js';
export type { Database } from './schema.js';
export {
  type SessionJournalAppend,
  SessionJournalRepository,
  type SessionJournalRow,
} from './session-journal.js';
export {
  type AccountSnapshot,
  AccountsRepository,
  InstrumentsRepository,
  type PositionRecord,
  PositionsRepository,
  StrategiesRepository,
  type StrategyStateRecord,
} from './state-repos.js';
export {
  openStore,
  Repositories,
  redactUrl,
  Store,
  type StoreConfig,
  type StoreOptions,
  storeFromConfig,
  storeOptionsFromConfig,
} from './store.js';
